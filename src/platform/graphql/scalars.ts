import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

const DECIMAL_RE = /^-?(0|[1-9]\d*)(\.\d{1,18})?$/;
/**
 * Digits before the point a Decimal input may have: what the money columns (NUMERIC(18,4)) hold, so
 * a number too big to store is refused here, naming its argument, rather than by the database.
 */
export const DECIMAL_MAX_INTEGER_DIGITS = 14;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A scalar's refusal of an input value. Deliberately not a GraphQLError: graphql-js then wraps it
 * with the offending literal's location (and a variable's path), which the error mapper turns into
 * BAD_USER_INPUT with the field.
 */
export class ScalarInputError extends Error {
  readonly code = 'BAD_USER_INPUT';
}

function scalarError(scalar: string, message: string): ScalarInputError {
  return new ScalarInputError(`${scalar}: ${message}`);
}

function parseDecimal(value: unknown): string {
  if (typeof value !== 'string') throw scalarError('Decimal', 'must be a string such as "1234.56" (numbers lose precision)');
  if (value.length > 64 || !DECIMAL_RE.test(value)) throw scalarError('Decimal', `"${value.slice(0, 40)}" is not a plain decimal number`);
  if (value.replace(/^-/, '').split('.')[0].length > DECIMAL_MAX_INTEGER_DIGITS) {
    throw scalarError('Decimal', `at most ${DECIMAL_MAX_INTEGER_DIGITS} digits before the decimal point`);
  }
  return value;
}

/**
 * Money and rates travel as strings ("1234.56", "0.12") so no client or server rounds them through a
 * binary float. Input must be a string literal; output accepts strings or decimal objects.
 */
export const DecimalScalar = new GraphQLScalarType({
  name: 'Decimal',
  description: 'An exact decimal number as a string, e.g. "1234.56" or "0.094822". Never a JSON number.',
  serialize(value) {
    if (typeof value === 'string') return value;
    if (value && typeof (value as { toFixed?: unknown }).toFixed === 'function' && typeof value !== 'number') {
      return (value as { toFixed(): string }).toFixed();
    }
    throw new GraphQLError('Decimal cannot represent a binary float');
  },
  parseValue: parseDecimal,
  parseLiteral(ast: ValueNode) {
    if (ast.kind !== Kind.STRING) throw scalarError('Decimal', 'must be a string literal such as "1234.56"');
    return parseDecimal(ast.value);
  },
});

/** True for a real calendar date in YYYY-MM-DD form. */
export function isCalendarDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) throw scalarError('Date', `"${String(value).slice(0, 40)}" is not a calendar date YYYY-MM-DD`);
  return value;
}

/** A calendar date without time zone (due dates, business dates), as YYYY-MM-DD. */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'A calendar date, YYYY-MM-DD, with no time zone.',
  serialize(value) {
    // Dates going out come from the database or the core, already calendar dates: the shape is checked, the calendar on input.
    if (typeof value === 'string' && DATE_RE.test(value)) return value;
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    throw new GraphQLError('Date cannot represent this value');
  },
  parseValue: parseDate,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw scalarError('Date', 'must be a string YYYY-MM-DD');
    return parseDate(ast.value);
  },
});

function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    throw scalarError('DateTime', `"${String(value).slice(0, 40)}" is not an ISO-8601 date-time with offset`);
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw scalarError('DateTime', `"${value.slice(0, 40)}" is not a valid instant`);
  return date;
}

/** An instant, ISO-8601 with offset; always serialised in UTC. */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An instant in ISO-8601 with a UTC offset, e.g. 2026-01-31T09:30:00Z.',
  serialize(value) {
    const date = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new GraphQLError('DateTime cannot represent this value');
    return date.toISOString();
  },
  parseValue: parseDateTime,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw scalarError('DateTime', 'must be a string');
    return parseDateTime(ast.value);
  },
});
