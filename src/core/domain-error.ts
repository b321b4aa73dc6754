/**
 * What a use case tells its caller went wrong, as one closed list of codes. The GraphQL layer maps
 * each to the code a client sees, in one exhaustive place (platform/graphql/errors.ts); the CLI and
 * jobs read the same codes. Services throw these and know nothing of GraphQL.
 */
export const DOMAIN_ERROR_CODES = [
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'RATE_CAP_EXCEEDED',
  'APPROVAL_REQUIRED',
] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** What the client may read beside the message: the field, a reason, figures (e.g. `available`). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Input refused, naming the field as the client sent it (`input.amount`). */
export const badInput = (field: string, message: string, extra: Record<string, unknown> = {}) => new DomainError('BAD_USER_INPUT', message, { field, ...extra });
export const notFound = (entity: string, id: string) => new DomainError('NOT_FOUND', `${entity} ${id} not found`, { entity, id });
export const conflict = (message: string, extra: Record<string, unknown> = {}) => new DomainError('CONFLICT', message, extra);
export const forbidden = (message = 'Not allowed') => new DomainError('FORBIDDEN', message);
export const unauthenticated = (message = 'Authentication required') => new DomainError('UNAUTHENTICATED', message);
