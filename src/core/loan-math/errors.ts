import { CoreInputError } from '../input-error';

/**
 * Bad input to the loan maths, naming the offending field (dotted path, e.g. `rounding.decimals`,
 * `fees[1].treatment`).
 */
export class LoanMathInputError extends CoreInputError {
  constructor(field: string, message: string) {
    super(field, message, 'LOAN_MATH_INVALID_INPUT');
  }
}
