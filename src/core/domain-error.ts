/**
 * What a use case tells its caller went wrong, as closed lists of codes: those every module uses,
 * and each module's own (a module adds its list here, e.g. collections its conduct refusals). The
 * GraphQL layer maps each code to the code a client sees, in one exhaustive place
 * (platform/graphql/errors.ts: a code added here does not compile until it is mapped there); the CLI
 * and jobs read the same codes. Services throw these and know nothing of GraphQL.
 */
export const DOMAIN_ERRORS = {
  /** Every module's: the input, the record, its state, the caller. */
  common: ['BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'FORBIDDEN', 'UNAUTHENTICATED'],
  /** pricing: a price above the tenant's rate cap. */
  pricing: ['RATE_CAP_EXCEEDED'],
  /** approvals: the operation waits for a checker (four-eyes). */
  approvals: ['APPROVAL_REQUIRED'],
  /** collections: a contact the lender's conduct rules forbid (details.rule, details.allowedAt). */
  collections: ['CONDUCT_RULE_VIOLATION'],
  /** platform: not the caller's fault and not a bug (the database is down, the work ran past its time); retry after details.retryAfterSeconds. */
  platform: ['SERVICE_UNAVAILABLE'],
} as const;
export type DomainErrorCode = (typeof DOMAIN_ERRORS)[keyof typeof DOMAIN_ERRORS][number];
export const DOMAIN_ERROR_CODES: readonly DomainErrorCode[] = Object.values(DOMAIN_ERRORS).flat();

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
