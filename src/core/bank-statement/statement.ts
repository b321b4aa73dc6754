import { createHash } from 'node:crypto';
import { CoreInputError } from '../input-error';
import { Dec } from '../money';
import { parseCsv } from './csv';

/** The columns a statement is read from; date, amount and reference are required. */
export const STATEMENT_COLUMNS = ['date', 'amount', 'reference', 'payer', 'description', 'currency'] as const;
export type StatementColumn = (typeof STATEMENT_COLUMNS)[number];

export const DATE_FORMATS = ['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD.MM.YYYY'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

/** Header names recognised without configuration (compared case- and space-insensitively). */
const DEFAULT_HEADERS: Record<StatementColumn, string[]> = {
  date: ['date', 'value date', 'transaction date', 'booking date', 'posted date'],
  amount: ['amount', 'credit', 'credit amount', 'paid in'],
  reference: ['reference', 'ref', 'payment reference', 'customer reference'],
  payer: ['payer', 'payer name', 'name', 'counterparty', 'from'],
  description: ['description', 'details', 'narrative', 'memo'],
  currency: ['currency', 'ccy'],
};
const REQUIRED: StatementColumn[] = ['date', 'amount', 'reference'];

export interface StatementOptions {
  /** Header names of the file's columns, when they are not among the usual ones. */
  columns?: Partial<Record<StatementColumn, string>>;
  dateFormat?: DateFormat;
  delimiter?: string;
  /** At most this many data rows (a guard for the API); unlimited when unset. */
  maxRows?: number;
}

export interface RowError {
  field: StatementColumn | 'line';
  code: 'MISSING' | 'BAD_DATE' | 'BAD_AMOUNT' | 'NOT_A_CREDIT' | 'BAD_CURRENCY' | 'BAD_LINE';
  message: string;
}

/** One data row, normalised: ISO date, canonical decimal amount, trimmed text. */
export interface StatementRow {
  line: number;
  date: string | null;
  /** Canonical decimal string (`1500.5`), never a JS number. */
  amount: string | null;
  reference: string;
  payer: string | null;
  description: string | null;
  currency: string | null;
  /** sha256 (hex) of the normalised row: the same payment in a re-exported file has the same one. */
  fingerprint: string;
  errors: RowError[];
}

export interface ParsedStatement {
  /** Which file column (0-based) each of ours was read from; null when absent. */
  columns: Record<StatementColumn, number | null>;
  rows: StatementRow[];
}

/** The file as a whole cannot be read (no header, a required column missing, an open quote). */
export class StatementFileError extends CoreInputError {
  constructor(message: string) {
    super('csv', message, 'BAD_STATEMENT');
  }
}

const squash = (s: string) => s.trim().replace(/\s+/g, ' ');
const headerKey = (s: string) => squash(s).toLowerCase().replace(/[_-]/g, ' ');

/**
 * Reads a bank statement CSV into normalised rows. Problems with one row are that row's `errors`
 * (with its line number); only a file that cannot be read at all throws a StatementFileError.
 */
export function parseStatement(csv: string, opts: StatementOptions = {}): ParsedStatement {
  const delimiter = opts.delimiter ?? ',';
  if (delimiter.length !== 1 || /["\r\n]/.test(delimiter)) throw new CoreInputError('format.delimiter', 'one character other than a quote or a line break', 'BAD_DELIMITER');
  const { records, errors } = parseCsv(csv, delimiter);
  if (errors.length) throw new StatementFileError(`line ${errors[0].line}: ${errors[0].message}`);
  const [header, ...data] = records;
  if (!header) throw new StatementFileError('the file is empty: expected a header row and payments');
  const names = header.fields.map(headerKey);
  const columns = {} as Record<StatementColumn, number | null>;
  for (const col of STATEMENT_COLUMNS) {
    const configured = opts.columns?.[col];
    const wanted = configured ? [headerKey(configured)] : DEFAULT_HEADERS[col];
    const index = names.findIndex((n) => wanted.includes(n));
    if (configured && index < 0) throw new StatementFileError(`no column named "${configured}" for ${col} in the header (line ${header.line})`);
    columns[col] = index < 0 ? null : index;
  }
  const missing = REQUIRED.filter((c) => columns[c] === null);
  if (missing.length) {
    throw new StatementFileError(`the header (line ${header.line}) has no ${missing.join(', ')} column; found ${header.fields.map((f) => `"${squash(f)}"`).join(', ')}`);
  }
  if (opts.maxRows !== undefined && data.length > opts.maxRows) throw new StatementFileError(`${data.length} rows; at most ${opts.maxRows} per statement`);
  const dateFormat = opts.dateFormat ?? 'YYYY-MM-DD';
  return { columns, rows: data.map((r) => readRow(r.line, r.fields, header.fields.length, columns, dateFormat)) };
}

function readRow(line: number, fields: string[], width: number, columns: Record<StatementColumn, number | null>, dateFormat: DateFormat): StatementRow {
  const errors: RowError[] = [];
  const cell = (col: StatementColumn) => (columns[col] === null ? null : squash(fields[columns[col]!] ?? ''));
  if (fields.length !== width) errors.push({ field: 'line', code: 'BAD_LINE', message: `${fields.length} fields where the header has ${width}` });
  const rawDate = cell('date') ?? '';
  const rawAmount = cell('amount') ?? '';
  const reference = cell('reference') ?? '';
  let date: string | null = null;
  if (!rawDate) errors.push({ field: 'date', code: 'MISSING', message: 'no date' });
  else {
    date = parseDate(rawDate, dateFormat);
    if (!date) errors.push({ field: 'date', code: 'BAD_DATE', message: `"${rawDate}" is not a date ${dateFormat}` });
  }
  let amount: string | null = null;
  if (!rawAmount) errors.push({ field: 'amount', code: 'MISSING', message: 'no amount' });
  else {
    const parsed = parseAmount(rawAmount);
    if ('error' in parsed) errors.push({ field: 'amount', code: parsed.code, message: parsed.error });
    else amount = parsed.amount;
  }
  if (!reference) errors.push({ field: 'reference', code: 'MISSING', message: 'no reference' });
  const currency = cell('currency') ? cell('currency')!.toUpperCase() : null;
  if (currency !== null && !/^[A-Z]{3}$/.test(currency)) errors.push({ field: 'currency', code: 'BAD_CURRENCY', message: `"${currency}" is not an ISO 4217 code` });
  return {
    line, date, amount, reference, payer: cell('payer') || null, description: cell('description') || null, currency,
    fingerprint: rowFingerprint({ date: date ?? rawDate, amount: amount ?? rawAmount, reference, content: fields }),
    errors,
  };
}

/**
 * The row's identity across imports: sha256 of its normalised date, amount and reference and of the
 * whole line's content (every field trimmed, whitespace collapsed), so quoting, line endings and
 * column padding do not change it, while a bank's own transaction id or balance column (when the
 * file has one) keeps two equal payments on one day apart. The line number is not part of it: the
 * same payment in a longer re-export is still the same payment.
 */
export function rowFingerprint(r: { date: string; amount: string; reference: string; content: string[] }): string {
  const normal = [r.date, r.amount, squash(r.reference).toUpperCase(), ...r.content.map(squash)];
  return createHash('sha256').update(JSON.stringify(normal)).digest('hex');
}

/** A calendar date in the given format as YYYY-MM-DD, or null when it is not one. */
export function parseDate(raw: string, format: DateFormat): string | null {
  const patterns: Record<DateFormat, [RegExp, (m: RegExpMatchArray) => [string, string, string]]> = {
    'YYYY-MM-DD': [/^(\d{4})-(\d{1,2})-(\d{1,2})$/, (m) => [m[1], m[2], m[3]]],
    'DD/MM/YYYY': [/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, (m) => [m[3], m[2], m[1]]],
    'MM/DD/YYYY': [/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, (m) => [m[3], m[1], m[2]]],
    'DD.MM.YYYY': [/^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, (m) => [m[3], m[2], m[1]]],
  };
  const [re, parts] = patterns[format];
  const m = raw.match(re);
  if (!m) return null;
  const [y, mo, d] = parts(m);
  const iso = `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const check = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(check.getTime()) && check.toISOString().slice(0, 10) === iso ? iso : null;
}

/**
 * A money amount as a canonical decimal string. Accepts a leading `+`, thousands separators
 * (`1,234.50`, `1 234.50`, `1'234.50`) in their proper places, and refuses debits (`-5`, `(5)`),
 * exponents, and anything that is not a plain positive decimal.
 */
export function parseAmount(raw: string): { amount: string } | { error: string; code: 'BAD_AMOUNT' | 'NOT_A_CREDIT' } {
  const s = raw.replace(/\s+/g, ' ').trim();
  if (/^-|^\(.*\)$|-$/.test(s)) return { error: `${raw} is a debit; only money received is a repayment`, code: 'NOT_A_CREDIT' };
  const body = s.replace(/^\+/, '');
  const grouped = /^\d{1,3}([,' ]\d{3})+(\.\d+)?$/.test(body);
  if (grouped) {
    const separators = new Set(body.replace(/\.\d+$/, '').replace(/\d/g, ''));
    if (separators.size !== 1) return { error: `"${raw}" mixes thousands separators`, code: 'BAD_AMOUNT' };
  } else if (!/^\d+(\.\d+)?$/.test(body)) return { error: `"${raw}" is not an amount`, code: 'BAD_AMOUNT' };
  const amount = new Dec(body.replace(/[,' ]/g, ''));
  if (amount.isZero()) return { error: 'the amount is zero', code: 'BAD_AMOUNT' };
  return { amount: amount.toFixed() };
}
