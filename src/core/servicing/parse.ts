import { parseIsoDate } from '../loan-math/calendar';
import { LoanMathInputError } from '../loan-math/errors';
import { RoundingMode, ROUNDING_MODES } from '../money/rounding';
import { penaltyYearBasis } from '../cob/accrue-penalty';
import { DAY_COUNTS, DayCount } from '../loan-math/types';
import { ServicingInputError } from './errors';
import {
  ALLOCATION_BUCKETS,
  AllocationBucket,
  LOAN_TRANSACTION_KINDS,
  LoanTransaction,
  LoanTransactionKind,
  OVERPAYMENT_POLICIES,
  OverpaymentPolicy,
  ScheduledInstallment,
  ServicingTerms,
} from './types';

/*
 * Boundary validation. Everything is converted once: money to bigint minor units at `decimals`,
 * rates to exact fractions num/den, dates to integer day numbers. No JS number ever holds money.
 */

/** An exact non-negative fraction num / den. */
export interface Ratio {
  num: bigint;
  den: bigint;
}

/** A charge that is either a flat amount (minor units) or a fraction of a base amount. */
export type ParsedCharge = { kind: 'FLAT'; units: bigint } | { kind: 'PERCENT'; rate: Ratio };

/** Validated terms. */
export interface ParsedTerms {
  decimals: number;
  mode: RoundingMode;
  order: AllocationBucket[];
  /** Penalty per minor unit of overdue principal per unit of day weight = num / den (den includes the year basis). */
  penaltyPerDay: Ratio;
  /** The product's day-count convention (ACTUAL_365 when the terms do not say): the penalty's year. */
  dayCount: DayCount;
  lateFee: { charge: ParsedCharge; graceDays: number } | null;
  policy: OverpaymentPolicy;
  prepaymentFee: ParsedCharge | null;
  /** Day number of terms.disbursementDate, or null when not given. */
  disbursementDay: number | null;
}

/** A validated schedule row. */
export interface ParsedRow {
  number: number;
  dueDate: string;
  dueDay: number;
  principal: bigint;
  interest: bigint;
  fees: bigint;
}

/** A validated transaction with its day number and amount in minor units. */
export interface ParsedTransaction {
  id: string;
  kind: LoanTransactionKind;
  effectiveDate: string;
  day: number;
  units: bigint;
  seq: number;
}

const DECIMAL_RE = /^\d+(\.\d+)?$/;
const MAX_DECIMALS = 12;
const MAX_RATE_DECIMALS = 20;

/** Day number of a strict 'YYYY-MM-DD' date, refused with the field named. */
export function parseDay(value: unknown, field: string): number {
  try {
    return parseIsoDate(value, field);
  } catch (e) {
    if (e instanceof LoanMathInputError) throw new ServicingInputError(field, e.message.slice(field.length + 2));
    throw e;
  }
}

/** Splits a plain non-negative decimal string into digits and significant fraction length. */
function splitDecimal(value: unknown, field: string): { digits: string; scale: number } {
  if (typeof value !== 'string' || !DECIMAL_RE.test(value)) {
    throw new ServicingInputError(field, `must be a non-negative decimal string like "12.50", got ${JSON.stringify(value)}`);
  }
  const dot = value.indexOf('.');
  if (dot < 0) return { digits: value, scale: 0 };
  // Trailing zeros are not precision: "100.000000" from a NUMERIC(20, 6) column is 100.
  const frac = value.slice(dot + 1).replace(/0+$/, '');
  return { digits: value.slice(0, dot) + frac, scale: frac.length };
}

/** Parses a money string to minor units at `decimals`, refusing more significant decimals. */
export function parseMoney(value: unknown, decimals: number, field: string, opts: { positive?: boolean } = {}): bigint {
  const { digits, scale } = splitDecimal(value, field);
  if (scale > decimals) throw new ServicingInputError(field, `has more than ${decimals} decimals: ${String(value)}`);
  const units = BigInt(digits) * 10n ** BigInt(decimals - scale);
  if (opts.positive && units === 0n) throw new ServicingInputError(field, 'must be positive');
  return units;
}

/** Parses a non-negative rate (a fraction, "0.24" = 24 %) exactly. */
export function parseRate(value: unknown, field: string): Ratio {
  const { digits, scale } = splitDecimal(value, field);
  if (scale > MAX_RATE_DECIMALS) throw new ServicingInputError(field, `has more than ${MAX_RATE_DECIMALS} decimals`);
  return { num: BigInt(digits), den: 10n ** BigInt(scale) };
}

/** Parses a FLAT / PERCENT charge. */
export function parseCharge(
  value: { chargeType: unknown; amount?: unknown; rate?: unknown },
  decimals: number,
  field: string,
): ParsedCharge {
  if (value.chargeType === 'FLAT') {
    if (value.amount === null || value.amount === undefined) throw new ServicingInputError(`${field}.amount`, 'is required for a FLAT charge');
    return { kind: 'FLAT', units: parseMoney(value.amount, decimals, `${field}.amount`) };
  }
  if (value.chargeType === 'PERCENT') {
    if (value.rate === null || value.rate === undefined) throw new ServicingInputError(`${field}.rate`, 'is required for a PERCENT charge');
    return { kind: 'PERCENT', rate: parseRate(value.rate, `${field}.rate`) };
  }
  throw new ServicingInputError(`${field}.chargeType`, `must be FLAT or PERCENT, got ${JSON.stringify(value.chargeType)}`);
}

function isNonNegInt(n: unknown, max = Number.MAX_SAFE_INTEGER): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= max;
}

/** Validates the terms. */
export function parseTerms(terms: ServicingTerms): ParsedTerms {
  if (terms === null || typeof terms !== 'object') throw new ServicingInputError('terms', 'is required');
  if (!isNonNegInt(terms.decimals, MAX_DECIMALS)) throw new ServicingInputError('terms.decimals', `must be an integer 0..${MAX_DECIMALS}`);
  if (!ROUNDING_MODES.includes(terms.roundingMode)) {
    throw new ServicingInputError('terms.roundingMode', `must be one of ${ROUNDING_MODES.join(', ')}`);
  }
  const order = terms.allocationOrder;
  if (!Array.isArray(order) || order.length !== 4 || new Set(order).size !== 4 || !order.every((b) => ALLOCATION_BUCKETS.includes(b))) {
    throw new ServicingInputError('terms.allocationOrder', `must be a permutation of ${ALLOCATION_BUCKETS.join(', ')}`);
  }
  const rate = parseRate(terms.penaltyAnnualRate, 'terms.penaltyAnnualRate');
  let lateFee: ParsedTerms['lateFee'] = null;
  if (terms.lateFee !== null && terms.lateFee !== undefined) {
    if (!isNonNegInt(terms.lateFee.graceDays, 36500)) throw new ServicingInputError('terms.lateFee.graceDays', 'must be a non-negative integer');
    lateFee = { charge: parseCharge(terms.lateFee, terms.decimals, 'terms.lateFee'), graceDays: terms.lateFee.graceDays };
  }
  const dayCount = terms.dayCount ?? 'ACTUAL_365';
  if (!DAY_COUNTS.includes(dayCount)) throw new ServicingInputError('terms.dayCount', `must be one of ${DAY_COUNTS.join(', ')}`);
  if (!OVERPAYMENT_POLICIES.includes(terms.overpaymentPolicy)) {
    throw new ServicingInputError('terms.overpaymentPolicy', `must be one of ${OVERPAYMENT_POLICIES.join(', ')}`);
  }
  return {
    decimals: terms.decimals,
    mode: terms.roundingMode,
    order: [...order],
    penaltyPerDay: { num: rate.num, den: rate.den * BigInt(penaltyYearBasis(dayCount)) },
    dayCount,
    lateFee,
    policy: terms.overpaymentPolicy,
    prepaymentFee: terms.prepaymentFee ? parseCharge(terms.prepaymentFee, terms.decimals, 'terms.prepaymentFee') : null,
    disbursementDay: terms.disbursementDate ? parseDay(terms.disbursementDate, 'terms.disbursementDate') : null,
  };
}

/** Validates the schedule: non-empty, due dates in non-decreasing order, amounts non-negative. */
export function parseSchedule(schedule: ScheduledInstallment[], decimals: number): ParsedRow[] {
  if (!Array.isArray(schedule) || schedule.length === 0) throw new ServicingInputError('schedule', 'must have at least one instalment');
  const rows: ParsedRow[] = [];
  schedule.forEach((s, i) => {
    const f = `schedule[${i}]`;
    if (!isNonNegInt(s.number)) throw new ServicingInputError(`${f}.number`, 'must be a non-negative integer');
    const dueDay = parseDay(s.dueDate, `${f}.dueDate`);
    if (i > 0 && dueDay < rows[i - 1].dueDay) throw new ServicingInputError(`${f}.dueDate`, 'due dates must be in order');
    rows.push({
      number: s.number,
      dueDate: s.dueDate,
      dueDay,
      principal: parseMoney(s.principal, decimals, `${f}.principal`),
      interest: parseMoney(s.interest, decimals, `${f}.interest`),
      fees: parseMoney(s.fees, decimals, `${f}.fees`),
    });
  });
  return rows;
}

/** Validates the transactions and returns them in replay order: (effectiveDate, seq, id). */
export function parseTransactions(transactions: LoanTransaction[], decimals: number): ParsedTransaction[] {
  if (!Array.isArray(transactions)) throw new ServicingInputError('transactions', 'must be an array');
  const ids = new Set<string>();
  const out = transactions.map((t, i): ParsedTransaction => {
    const f = `transactions[${i}]`;
    if (typeof t.id !== 'string' || t.id.length === 0) throw new ServicingInputError(`${f}.id`, 'must be a non-empty string');
    if (ids.has(t.id)) throw new ServicingInputError(`${f}.id`, `duplicate transaction id ${t.id}`);
    ids.add(t.id);
    if (!LOAN_TRANSACTION_KINDS.includes(t.kind)) throw new ServicingInputError(`${f}.kind`, `unknown kind ${JSON.stringify(t.kind)}`);
    if (typeof t.seq !== 'number' || !Number.isFinite(t.seq)) throw new ServicingInputError(`${f}.seq`, 'must be a finite number');
    return {
      id: t.id,
      kind: t.kind,
      effectiveDate: t.effectiveDate,
      day: parseDay(t.effectiveDate, `${f}.effectiveDate`),
      units: parseMoney(t.amount, decimals, `${f}.amount`, { positive: true }),
      seq: t.seq,
    };
  });
  return out.sort((a, b) => a.day - b.day || a.seq - b.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
