import { HeaderMap } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { DomainError, DomainErrorCode } from '../../core/domain-error';
import { RETRY_AFTER_SECONDS, asDomainError } from '../db/domain-errors';

export { RETRY_AFTER_SECONDS } from '../db/domain-errors';

/** Every error code a client can see. Anything else that escapes becomes INTERNAL. */
export const ERROR_CODES = [
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'QUERY_TOO_COMPLEX',
  'RATE_CAP_EXCEEDED',
  'RATE_LIMITED',
  'APPROVAL_REQUIRED',
  'CONDUCT_RULE_VIOLATION',
  'PAYLOAD_TOO_LARGE',
  'SERVICE_UNAVAILABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Codes produced by graphql-js / Apollo for malformed requests; passed through as they are. */
const REQUEST_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * The HTTP status of a response refused as a whole with this code. QUERY_TOO_COMPLEX is only raised
 * before execution, so the request itself is what was wrong.
 */
const HTTP_STATUS: Partial<Record<ErrorCode, number>> = { UNAUTHENTICATED: 401, QUERY_TOO_COMPLEX: 400, PAYLOAD_TOO_LARGE: 413, SERVICE_UNAVAILABLE: 503 };


/** A coded, client-safe error. Domain modules throw these (or map their own errors to them in one place). */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    const status = HTTP_STATUS[code];
    const headers = code === 'SERVICE_UNAVAILABLE' ? { headers: new HeaderMap([['retry-after', String(RETRY_AFTER_SECONDS)]]) } : {};
    super(message, { extensions: { code, ...extra, ...(status ? { http: { status, ...headers } } : {}) } });
  }
}

/** A bad request refused before execution: answered with HTTP 400 whatever else the response holds. */
export const badRequestInput = (field: string, message: string) => new AppError('BAD_USER_INPUT', message, { field, http: { status: 400 } });

/**
 * The one place a use case's error code becomes the code a client reads (exhaustive: a code added
 * to a list of DOMAIN_ERRORS does not compile until it is mapped here).
 */
const GRAPHQL_CODE: Record<DomainErrorCode, ErrorCode> = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  RATE_CAP_EXCEEDED: 'RATE_CAP_EXCEEDED',
  APPROVAL_REQUIRED: 'APPROVAL_REQUIRED',
  CONDUCT_RULE_VIOLATION: 'CONDUCT_RULE_VIOLATION',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
};

/** A use case's error as the client sees it: its code mapped, its details as extensions. */
export function fromDomain(error: DomainError): AppError {
  return new AppError(GRAPHQL_CODE[error.code] ?? 'INTERNAL', error.message, error.details);
}

/**
 * Every error that carries meaning for the client as an AppError: its own, or what the error means
 * as a domain error (a use case's, a core input refusal, a database refusal or outage: see
 * platform/db/domain-errors.ts), mapped here, in the one exhaustive place.
 */
export function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  const domain = asDomainError(error);
  return domain ? fromDomain(domain) : undefined;
}

/** A scalar's refusal of a value (see ScalarInputError), or graphql-js's own of a value of the wrong shape. */
export function isInputValueRefusal(error: unknown): boolean {
  // graphql-js wraps a variable's refusal twice (the value, then the variable): look through the wrappers.
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = (e as GraphQLError).originalError, depth++) {
    if (e instanceof GraphQLError ? e.extensions?.code === 'BAD_USER_INPUT' : (e as { code?: unknown }).code === 'BAD_USER_INPUT') return true;
    if (!(e instanceof GraphQLError)) return false;
  }
  return false;
}


/**
 * Apollo `formatError`: known codes pass, domain errors are translated, everything else is INTERNAL
 * with a generic message. Stack traces only leave the server in development.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown, development: boolean): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  const code = formatted.extensions?.code as string | undefined;
  const mapped = toAppError(original);
  const stack = development && original instanceof Error ? { stacktrace: original.stack?.split('\n') } : {};
  if (mapped) {
    const { http: _http, ...extensions } = mapped.extensions as Record<string, unknown>;
    return { message: mapped.message, locations: formatted.locations, path: formatted.path, extensions: { ...extensions, ...stack } };
  }
  // A scalar's own refusal (e.g. a Decimal too long) wrapped by graphql-js in a validation or variable
  // error: BAD_USER_INPUT with graphql-js's message (which says where) and the field, when known.
  if (original !== error && isInputValueRefusal(original)) {
    const field = formatted.extensions?.field;
    // graphql-js quotes the refused value, which may be a megabyte long.
    const message = formatted.message.length > 500 ? `${formatted.message.slice(0, 500)}…` : formatted.message;
    return { message, locations: formatted.locations, path: formatted.path, extensions: { code: 'BAD_USER_INPUT', ...(field ? { field } : {}), ...stack } };
  }
  if (code && (REQUEST_CODES.has(code) || (ERROR_CODES as readonly string[]).includes(code))) {
    const { stacktrace: _s, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions: { ...extensions, ...stack } };
  }
  return {
    message: development && original instanceof Error ? original.message : 'Internal server error',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: 'INTERNAL', ...stack },
  };
}
