import { DomainError, badInput, conflict } from '../../core/domain-error';
import { CoreInputError } from '../../core/input-error';

/** Seconds a client should wait before retrying a SERVICE_UNAVAILABLE answer. */
export const RETRY_AFTER_SECONDS = 5;

/** Readings of errors from below the use cases (pure core, database) as domain errors; the first that knows one wins. */
const translators: ((error: unknown) => DomainError | undefined)[] = [];

/**
 * What an error means for the caller, as a DomainError: the use case's own, a core input refusal,
 * a database refusal (a constraint, a value it cannot store) or outage; undefined for a bug. The
 * GraphQL layer, the CLI and the modules that report per-row outcomes (an import, an approval run,
 * a tenant file) all read errors through this, never through GraphQL.
 */
export function asDomainError(error: unknown): DomainError | undefined {
  if (error instanceof DomainError) return error;
  for (const translate of translators) {
    const mapped = translate(error);
    if (mapped) return mapped;
  }
  return undefined;
}

/** Every pure core refuses bad input by naming the field; the client sees it under `input`. */
translators.push((error) => (error instanceof CoreInputError ? badInput(`input.${error.field}`, error.message) : undefined));

/** Postgres constraint violations that reach the edge are conflicts or bad input, never a 500 with SQL in it. */
translators.push((error) => {
  const pg = error as { code?: string; constraint?: string; detail?: string };
  if (pg?.code === '23505') return conflict('A record with these values already exists', { constraint: pg.constraint });
  if (pg?.code === '23503') return badInput(pg.constraint ?? 'reference', 'Refers to a record that does not exist');
  if (pg?.code === '23514') return badInput(pg.constraint ?? 'value', 'Value violates a rule of the record');
  if (pg?.code === '22P02') return badInput('id', 'Malformed identifier');
  return undefined;
});

/**
 * Values Postgres cannot store or compute with: text with a NUL byte or an invalid byte sequence, a
 * number beyond its column's precision, text beyond its column's length or an index entry's size.
 * The database does not name the argument, so the column (when it does) is the field.
 */
translators.push((error) => {
  const pg = error as { code?: string; column?: string };
  const field = pg?.column ?? 'value';
  switch (pg?.code) {
    case '22P05':
    case '22021':
      return badInput(field, 'Text contains a character that cannot be stored (such as a NUL byte)');
    case '22003':
      return badInput(field, 'A number is out of the range that can be stored');
    case '22001':
    case '54000':
      return badInput(field, 'A value is too long to be stored');
    case '22007':
    case '22008':
      return badInput(field, 'A date or time is out of range');
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
translators.push((error) => {
  if ((error as { code?: string })?.code === '57014') {
    return new DomainError('SERVICE_UNAVAILABLE', 'The operation took longer than the server allows and was cancelled; nothing was written', { retryAfterSeconds: RETRY_AFTER_SECONDS });
  }
  if (isDatabaseUnavailable(error)) {
    return new DomainError('SERVICE_UNAVAILABLE', 'The database is unavailable; retry shortly', { retryAfterSeconds: RETRY_AFTER_SECONDS });
  }
  return undefined;
});

