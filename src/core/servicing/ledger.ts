import { earnedInPeriodUnits } from '../cob/accrue-interest';
import { penaltyUnits } from '../cob/accrue-penalty';
import { divRoundNonNegBig } from '../money/integer-rounding';
import { ServicingInputError } from './errors';
import { ParsedRow, ParsedTerms } from './parse';

/*
 * The mutable working state of one replay (internal; never exported from the package). All money is
 * bigint minor units. Penalty interest is kept as an exact numerator over terms.penaltyPerDay.den and
 * rounded only when read, so daily accrual never drifts.
 */

/** One instalment during replay. */
export interface Row {
  index: number;
  number: number;
  dueDate: string;
  dueDay: number;
  /** Day the late fee is assessed (dueDay + graceDays + 1), or null without a late fee. */
  lateFeeDay: number | null;
  principalDue: bigint;
  principalPaid: bigint;
  interestDue: bigint;
  interestPaid: bigint;
  interestWaived: bigint;
  feesDue: bigint;
  feesPaid: bigint;
  feesWaived: bigint;
  /** feesDue = scheduledFees + chargedFees. Scheduled fees go when the instalment is dropped. */
  scheduledFees: bigint;
  /** Fees added after the schedule (FEE_CHARGE, late fees): they survive dropping. */
  chargedFees: bigint;
  /**
   * Prepayment fees charged and paid at once (part of feesDue and feesPaid): never owed, so neither
   * scheduled nor charged fees; kept apart so they do not count as paying either.
   */
  feesCollected: bigint;
  /** First day of the instalment's period (the previous due date, or the disbursement date; null when that is not given). */
  periodStart: number | null;
  /** Interest of the contractual schedule, earned on `schedBalance` over the whole period. */
  schedInterest: bigint;
  /** Principal the schedule assumed outstanding during the period (this and all later rows' principal). */
  schedBalance: bigint;
  /**
   * Interest actually earned is schedInterest x (balance x days over the period) / (schedBalance x period
   * days): `balanceDays` is the sum over closed segments, the open one runs from `segStart` at `segBalance`.
   */
  balanceDays: bigint;
  segStart: number;
  segBalance: bigint;
  /** Exact accrued penalty x penaltyPerDay.den. */
  penaltyAcc: bigint;
  penaltyPaid: bigint;
  penaltyWaived: bigint;
  paidOn: string | null;
  dropped: boolean;
  /** Nothing owed in any bucket (cached; see {@link refresh}). */
  settled: boolean;
}

/** Money moved by one allocation in one instalment. */
export interface RowTally {
  index: number;
  principal: bigint;
  interest: bigint;
  fees: bigint;
  penalties: bigint;
}

/** Money moved by one allocation, per bucket, with a per-instalment split. */
export interface AllocationTally {
  principal: bigint;
  interest: bigint;
  fees: bigint;
  penalties: bigint;
  /** Part of `fees` that is a prepayment fee charged and paid by this allocation at once. */
  collected: bigint;
  /** Per-instalment parts in the order first touched (see byRowInOrder). */
  rows: RowTally[];
  /** rows[k].index -> k + 1 (0 = not touched); sparse. */
  slot: number[];
}

/** Replay state. */
export interface Ledger {
  terms: ParsedTerms;
  rows: Row[];
  credit: bigint;
  /** Index of the first unsettled row (rows.length when none). */
  firstOpen: number;
  /** Number of rows with dueDay <= the day being processed. */
  dueCount: number;
  /** Rows at index >= liveEnd are dropped (always a suffix). */
  liveEnd: number;
  /** Last day whose penalty interest has been accrued. */
  accruedThrough: number;
  /** Index of the first row whose late fee has not been assessed yet. */
  lateFeeNext: number;
}

/** Builds the initial ledger from the validated schedule. */
export function openLedger(terms: ParsedTerms, schedule: ParsedRow[]): Ledger {
  const rows = schedule.map((s, index): Row => {
    const row: Row = {
      index,
      number: s.number,
      dueDate: s.dueDate,
      dueDay: s.dueDay,
      lateFeeDay: terms.lateFee ? s.dueDay + terms.lateFee.graceDays + 1 : null,
      principalDue: s.principal,
      principalPaid: 0n,
      interestDue: s.interest,
      interestPaid: 0n,
      interestWaived: 0n,
      feesDue: s.fees,
      feesPaid: 0n,
      feesWaived: 0n,
      scheduledFees: s.fees,
      chargedFees: 0n,
      feesCollected: 0n,
      periodStart: index > 0 ? schedule[index - 1].dueDay : terms.disbursementDay,
      schedInterest: s.interest,
      schedBalance: 0n,
      balanceDays: 0n,
      segStart: 0,
      segBalance: 0n,
      penaltyAcc: 0n,
      penaltyPaid: 0n,
      penaltyWaived: 0n,
      paidOn: null,
      dropped: false,
      settled: false,
    };
    return row;
  });
  let balance = 0n;
  for (let j = rows.length - 1; j >= 0; j--) {
    balance += rows[j].principalDue;
    rows[j].schedBalance = balance;
    rows[j].segBalance = balance;
    rows[j].segStart = rows[j].periodStart ?? rows[j].dueDay;
  }
  const ledger: Ledger = { terms, rows, credit: 0n, firstOpen: 0, dueCount: 0, liveEnd: rows.length, accruedThrough: -Infinity, lateFeeNext: 0 };
  // An all-zero row owes nothing from the start; it counts as settled on its due date.
  for (const r of rows) refresh(ledger, r, r.dueDate);
  advanceFirstOpen(ledger);
  return ledger;
}

/**
 * Interest the row has earned through `day` on the principal actually outstanding (see Row.balanceDays),
 * rounded once with the terms: 0 at the period start, the whole (repriced) interest on the due date.
 * `start` stands in for an unknown first period start (a row without one was never repriced).
 */
export function earnedInterest(ledger: Ledger, row: Row, day: number, start: number | null = null): bigint {
  // An instalment a prepayment removed earns nothing more.
  if (row.dropped) return row.interestDue;
  const periodStart = row.periodStart ?? start;
  if (periodStart === null) throw new ServicingInputError('terms.disbursementDate', 'is required to earn interest in the first period');
  const period = row.dueDay - periodStart;
  if (period <= 0) return day >= row.dueDay ? row.interestDue : 0n;
  if (row.periodStart === null || row.schedBalance === 0n) {
    return earnedInPeriodUnits(row.interestDue, day - periodStart, period, ledger.terms.mode);
  }
  const d = Math.min(Math.max(day, row.segStart), row.dueDay);
  const balanceDays = row.balanceDays + BigInt(d - row.segStart) * row.segBalance;
  return divRoundNonNegBig(row.schedInterest * balanceDays, BigInt(period) * row.schedBalance, ledger.terms.mode);
}

/**
 * Interest on the balance actually outstanding: after principal was paid in advance on `day`, every
 * live instalment not yet due earns its interest on what is now outstanding from `day` on (this and
 * later rows' unpaid principal), so the current period is priced to `day` on the old balance and after
 * it on the new one, and later periods wholly on the new one. Interest already paid or waived stays owed.
 */
export function reprice(ledger: Ledger, day: number, date: string): void {
  const { rows } = ledger;
  let balance = 0n;
  for (let j = rows.length - 1; j >= ledger.dueCount; j--) {
    const r = rows[j];
    balance += unpaidPrincipal(r);
    // Without its start (no disbursement date), the first period keeps its scheduled interest.
    if (r.dropped || j >= ledger.liveEnd || r.schedBalance === 0n || r.periodStart === null || r.dueDay <= r.periodStart) continue;
    const d = Math.min(Math.max(day, r.segStart), r.dueDay);
    r.balanceDays += BigInt(d - r.segStart) * r.segBalance;
    r.segStart = d;
    r.segBalance = balance;
    const earned = earnedInterest(ledger, r, r.dueDay);
    const settledInterest = r.interestPaid + r.interestWaived;
    r.interestDue = earned > settledInterest ? earned : settledInterest;
    refresh(ledger, r, date);
  }
}

/** Penalty accrued on the row, rounded with the terms (exact accrual, one rounding). */
export function penaltyDue(ledger: Ledger, row: Row): bigint {
  return penaltyUnits(row.penaltyAcc, ledger.terms.penaltyPerDay.den, ledger.terms.mode);
}

export const unpaidPrincipal = (r: Row): bigint => r.principalDue - r.principalPaid;
export const unpaidInterest = (r: Row): bigint => r.interestDue - r.interestPaid - r.interestWaived;
export const unpaidFees = (r: Row): bigint => r.feesDue - r.feesPaid - r.feesWaived;
export const unpaidPenalty = (l: Ledger, r: Row): bigint => penaltyDue(l, r) - r.penaltyPaid - r.penaltyWaived;

/**
 * Unpaid part of the row's charged fees. Payments and waivers of fees settle the scheduled fees first
 * (they were owed first), so a charged fee stays owed until the scheduled fees are settled.
 */
export function unpaidChargedFees(r: Row): bigint {
  const settled = r.feesPaid - r.feesCollected + r.feesWaived;
  const charged = settled > r.scheduledFees ? r.chargedFees - (settled - r.scheduledFees) : r.chargedFees;
  const unpaid = unpaidFees(r);
  return charged < unpaid ? charged : unpaid;
}

/** Recomputes the settled flag and paidOn after the row changed on `date`. */
export function refresh(ledger: Ledger, row: Row, date: string): void {
  const settled = unpaidPrincipal(row) === 0n && unpaidInterest(row) === 0n && unpaidFees(row) === 0n && unpaidPenalty(ledger, row) === 0n;
  if (settled && !row.settled) row.paidOn = date;
  if (!settled) row.paidOn = null;
  row.settled = settled;
}

/** Moves firstOpen past settled rows. */
export function advanceFirstOpen(ledger: Ledger): void {
  const { rows } = ledger;
  while (ledger.firstOpen < rows.length && rows[ledger.firstOpen].settled) ledger.firstOpen++;
}

/** Marks a row unsettled again (a fee was added to it). */
export function reopen(ledger: Ledger, row: Row, date: string): void {
  refresh(ledger, row, date);
  if (!row.settled && row.index < ledger.firstOpen) ledger.firstOpen = row.index;
}

/** An empty tally. */
export function newTally(): AllocationTally {
  return { principal: 0n, interest: 0n, fees: 0n, penalties: 0n, collected: 0n, rows: [], slot: [] };
}

/** Adds an amount in one bucket for one row to a tally. */
export function tallyAdd(t: AllocationTally, row: Row, bucket: 'principal' | 'interest' | 'fees' | 'penalties', amount: bigint): void {
  if (amount === 0n) return;
  t[bucket] += amount;
  const k = t.slot[row.index];
  let e: RowTally;
  if (k === undefined) {
    e = { index: row.index, principal: 0n, interest: 0n, fees: 0n, penalties: 0n };
    t.slot[row.index] = t.rows.push(e);
  } else e = t.rows[k - 1];
  e[bucket] += amount;
}

/** The tally's per-instalment parts in schedule order. */
export function byRowInOrder(t: AllocationTally): RowTally[] {
  const out = t.rows;
  for (let k = 1; k < out.length; k++) {
    if (out[k].index < out[k - 1].index) return [...out].sort((a, b) => a.index - b.index);
  }
  return out;
}

/** Smaller of two bigints. */
export const minBig = (a: bigint, b: bigint): bigint => (a < b ? a : b);
