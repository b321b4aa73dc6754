/**
 * Bad input to a pure core function (loan maths, servicing, ...), naming the offending field as a
 * dotted path. The GraphQL layer maps every one of them, in one place, to BAD_USER_INPUT with the
 * field, so the message is written for the person filling in the form.
 */
export class CoreInputError extends Error {
  constructor(
    public readonly field: string,
    message: string,
    /** Stable machine code of the kind of input. */
    public readonly code: string,
  ) {
    super(`${field}: ${message}`);
    this.name = new.target.name;
  }
}
