/**
 * Bad input to the loan maths, naming the offending field (dotted path, e.g. `rounding.decimals`,
 * `fees[1].treatment`). The GraphQL layer maps it to a BAD_USER_INPUT error with the field in
 * `extensions`, so the message is written for the person filling in the form.
 */
export class LoanMathInputError extends Error {
  /** Stable machine code for the error mapper. */
  readonly code = 'LOAN_MATH_INVALID_INPUT';

  constructor(
    public readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'LoanMathInputError';
  }
}
