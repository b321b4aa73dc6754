import { HeaderMap } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DomainError, type DomainErrorCode, badInput, conflict } from '../../core/domain-error';
import { CoreInputError } from '../../core/input-error';

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

/** Seconds a client should wait before retrying a SERVICE_UNAVAILABLE answer. */
export const RETRY_AFTER_SECONDS = 5;

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
 * to DOMAIN_ERROR_CODES does not compile until it is mapped here).
 */
const GRAPHQL_CODE: Record<DomainErrorCode, ErrorCode> = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  RATE_CAP_EXCEEDED: 'RATE_CAP_EXCEEDED',
  APPROVAL_REQUIRED: 'APPROVAL_REQUIRED',
};

/** A use case's error as the client sees it: its code mapped, its details as extensions. */
export function fromDomain(error: DomainError): AppError {
  return new AppError(GRAPHQL_CODE[error.code] ?? 'INTERNAL', error.message, error.details);
}

/**
 * Errors from outside the GraphQL layer (pure core, database) that carry meaning for the client.
 * Registered by modules at import time; the mapper below is the one place they become AppErrors.
 */
type ErrorTranslator = (error: unknown) => AppError | undefined;
const translators: ErrorTranslator[] = [];
export function registerErrorTranslator(translate: ErrorTranslator): void {
  translators.push(translate);
}

/** Every pure core refuses bad input by naming the field; the client sees it under `input`. */
registerErrorTranslator((error) => (error instanceof CoreInputError ? fromDomain(badInput(`input.${error.field}`, error.message)) : undefined));

/** Postgres constraint violations that reach the edge are conflicts or bad input, never a 500 with SQL in it. */
registerErrorTranslator((error) => {
  const pg = error as { code?: string; constraint?: string; detail?: string };
  if (pg?.code === '23505') return fromDomain(conflict('A record with these values already exists', { constraint: pg.constraint }));
  if (pg?.code === '23503') return fromDomain(badInput(pg.constraint ?? 'reference', 'Refers to a record that does not exist'));
  if (pg?.code === '23514') return fromDomain(badInput(pg.constraint ?? 'value', 'Value violates a rule of the record'));
  if (pg?.code === '22P02') return fromDomain(badInput('id', 'Malformed identifier'));
  return undefined;
});

/**
 * Values Postgres cannot store or compute with: text with a NUL byte or an invalid byte sequence, a
 * number beyond its column's precision, text beyond its column's length or an index entry's size.
 * The database does not name the argument, so the column (when it does) is the field.
 */
registerErrorTranslator((error) => {
  const pg = error as { code?: string; column?: string };
  const field = pg?.column ?? 'value';
  switch (pg?.code) {
    case '22P05':
    case '22021':
      return fromDomain(badInput(field, 'Text contains a character that cannot be stored (such as a NUL byte)'));
    case '22003':
      return fromDomain(badInput(field, 'A number is out of the range that can be stored'));
    case '22001':
    case '54000':
      return fromDomain(badInput(field, 'A value is too long to be stored'));
    case '22007':
    case '22008':
      return fromDomain(badInput(field, 'A date or time is out of range'));
    default:
      return undefined;
  }
});

const CONNECTION_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
// admin / crash shutdown, cannot connect now, too many connections, out of memory or disk
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '53200', '53100']);
const CONNECTION_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|not queryable|Connection refused|the database system is (starting up|shutting down|in recovery mode)/i;

/** Whether `error` (or what it wraps) says the database could not be reached, rather than that the request was wrong. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const e = error as { code?: unknown; message?: unknown; cause?: unknown; driverError?: unknown; errors?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  if (CONNECTION_ERRNOS.has(code) || UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08')) return true;
  if (!code && typeof e.message === 'string' && CONNECTION_MESSAGES.test(e.message)) return true;
  const inner = [e.cause, e.driverError, ...(Array.isArray(e.errors) ? e.errors : [])];
  return inner.some((x) => x !== error && isDatabaseUnavailable(x, depth + 1));
}

/**
 * The database being down or cancelling a statement over `statement_timeout` is not the client's
 * fault and not a bug: a retriable SERVICE_UNAVAILABLE (HTTP 503 with Retry-After).
 */
registerErrorTranslator((error) => {
  if ((error as { code?: string })?.code === '57014') {
    return new AppError('SERVICE_UNAVAILABLE', 'The operation took longer than the server allows and was cancelled; nothing was written', { retryAfterSeconds: RETRY_AFTER_SECONDS });
  }
  if (isDatabaseUnavailable(error)) {
    return new AppError('SERVICE_UNAVAILABLE', 'The database is unavailable; retry shortly', { retryAfterSeconds: RETRY_AFTER_SECONDS });
  }
  return undefined;
});

/** A scalar's refusal of a value (see ScalarInputError), or graphql-js's own of a value of the wrong shape. */
export function isInputValueRefusal(error: unknown): boolean {
  // graphql-js wraps a variable's refusal twice (the value, then the variable): look through the wrappers.
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = (e as GraphQLError).originalError, depth++) {
    if (e instanceof GraphQLError ? e.extensions?.code === 'BAD_USER_INPUT' : (e as { code?: unknown }).code === 'BAD_USER_INPUT') return true;
    if (!(e instanceof GraphQLError)) return false;
  }
  return false;
}

export function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (error instanceof DomainError) return fromDomain(error);
  for (const translate of translators) {
    const mapped = translate(error);
    if (mapped) return mapped;
  }
  return undefined;
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
