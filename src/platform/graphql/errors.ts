import { GraphQLError, type GraphQLFormattedError } from 'graphql';
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

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = { UNAUTHENTICATED: 401 };

/** A coded, client-safe error. Domain modules throw these (or map their own errors to them in one place). */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    const status = HTTP_STATUS[code];
    super(message, { extensions: { code, ...extra, ...(status ? { http: { status } } : {}) } });
  }
}

export const badInput = (field: string, message: string, extra: Record<string, unknown> = {}) =>
  new AppError('BAD_USER_INPUT', message, { field, ...extra });
export const notFound = (entity: string, id: string) => new AppError('NOT_FOUND', `${entity} ${id} not found`, { entity, id });
export const conflict = (message: string, extra: Record<string, unknown> = {}) => new AppError('CONFLICT', message, extra);
export const forbidden = (message = 'Not allowed') => new AppError('FORBIDDEN', message);
export const unauthenticated = (message = 'Authentication required') => new AppError('UNAUTHENTICATED', message);

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
registerErrorTranslator((error) => (error instanceof CoreInputError ? badInput(`input.${error.field}`, error.message) : undefined));

/** Postgres constraint violations that reach the edge are conflicts or bad input, never a 500 with SQL in it. */
registerErrorTranslator((error) => {
  const pg = error as { code?: string; constraint?: string; detail?: string };
  if (pg?.code === '23505') return conflict('A record with these values already exists', { constraint: pg.constraint });
  if (pg?.code === '23503') return badInput(pg.constraint ?? 'reference', 'Refers to a record that does not exist');
  if (pg?.code === '23514') return badInput(pg.constraint ?? 'value', 'Value violates a rule of the record');
  if (pg?.code === '22P02') return badInput('id', 'Malformed identifier');
  return undefined;
});

export function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
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
