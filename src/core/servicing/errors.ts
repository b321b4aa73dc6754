import { CoreInputError } from '../input-error';

/**
 * Bad input to the servicing engine, naming the offending field as a dotted path
 * (`transactions[2].amount`, `terms.allocationOrder`, `schedule[0].dueDate`). Array indexes refer to the
 * caller's arrays, not to replay order.
 */
export class ServicingInputError extends CoreInputError {
  constructor(field: string, message: string) {
    super(field, message, 'SERVICING_INVALID_INPUT');
  }
}
