/**
 * Bad input to the servicing engine, naming the offending field as a dotted path
 * (`transactions[2].amount`, `terms.allocationOrder`, `schedule[0].dueDate`). Array indexes refer to the
 * caller's arrays, not to replay order. The GraphQL layer maps it to BAD_USER_INPUT with the field.
 */
export class ServicingInputError extends Error {
  /** Stable machine code for the error mapper. */
  readonly code = 'SERVICING_INVALID_INPUT';

  constructor(
    public readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'ServicingInputError';
  }
}
