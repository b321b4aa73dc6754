import { divRoundNonNegBig } from '../money/integer-rounding';
import { ParsedCharge } from './parse';
import {
  AllocationTally,
  advanceFirstOpen,
  earnedInterest,
  Ledger,
  minBig,
  newTally,
  refresh,
  reprice,
  Row,
  tallyAdd,
  unpaidChargedFees,
  unpaidFees,
  unpaidInterest,
  unpaidPenalty,
  unpaidPrincipal,
} from './ledger';

/*
 * The repayment waterfall. A repayment on day D pays, in this order:
 *  1. instalments due before D, oldest first, each fully (all buckets in terms.allocationOrder) before
 *     the next one (vertical allocation);
 *  2. the instalment(s) due on D, the same way;
 *  3. money left is in advance and follows the overpayment policy; under REDUCE_TERM /
 *     REDUCE_INSTALLMENT the product's prepayment fee on the principal prepaid is taken from it first,
 *     the later instalments' interest is repriced on the balance now outstanding (see reprice), and
 *     once all principal is prepaid, fees charged onto the dropped instalments are paid too; whatever
 *     the policy cannot place (everything, under CREDIT) becomes credit.
 * Steps 1 and 2 are one loop because rows are in due-date order.
 */

/** Pays one row's buckets in allocation order from `budget`; returns what is left. */
export function payRow(ledger: Ledger, row: Row, budget: bigint, tally: AllocationTally, date: string): bigint {
  for (const bucket of ledger.terms.order) {
    if (budget === 0n) break;
    switch (bucket) {
      case 'PENALTY': {
        const a = minBig(budget, unpaidPenalty(ledger, row));
        row.penaltyPaid += a;
        tallyAdd(tally, row, 'penalties', a);
        budget -= a;
        break;
      }
      case 'FEES': {
        const a = minBig(budget, unpaidFees(row));
        row.feesPaid += a;
        tallyAdd(tally, row, 'fees', a);
        budget -= a;
        break;
      }
      case 'INTEREST': {
        const a = minBig(budget, unpaidInterest(row));
        row.interestPaid += a;
        tallyAdd(tally, row, 'interest', a);
        budget -= a;
        break;
      }
      case 'PRINCIPAL': {
        const a = minBig(budget, unpaidPrincipal(row));
        row.principalPaid += a;
        tallyAdd(tally, row, 'principal', a);
        budget -= a;
        break;
      }
    }
  }
  refresh(ledger, row, date);
  return budget;
}

/**
 * Steps 1-2: everything due on or before the current day, oldest instalment first. Returns the rest.
 * Whoever pays (a repayment, held credit, a discount), money that pays the loan's last principal, the
 * future instalments' having been prepaid (REDUCE_INSTALLMENT's spread can pay one whole), pays the loan
 * off: its future instalments go, as they go when a prepayment clears all principal and as the payoff
 * quote leaves them out.
 */
export function payDue(ledger: Ledger, budget: bigint, tally: AllocationTally, date: string): bigint {
  const { rows } = ledger;
  for (let i = ledger.firstOpen; i < ledger.dueCount && budget > 0n; i++) {
    if (!rows[i].settled) budget = payRow(ledger, rows[i], budget, tally, date);
  }
  if (ledger.terms.policy !== 'CREDIT' && ledger.liveEnd > ledger.dueCount && !owesPrincipal(ledger)) {
    for (let j = ledger.liveEnd - 1; j >= ledger.dueCount; j--) drop(ledger, rows[j], date);
    ledger.liveEnd = ledger.dueCount;
  }
  advanceFirstOpen(ledger);
  return budget;
}

/** Whether any instalment still owes principal (those before the first open one are settled). */
function owesPrincipal(ledger: Ledger): boolean {
  for (let j = ledger.firstOpen; j < ledger.rows.length; j++) if (unpaidPrincipal(ledger.rows[j]) > 0n) return true;
  return false;
}

/**
 * A future instalment that no longer exists after a prepayment: its interest and scheduled fees are
 * no longer owed. What was already paid or waived stays (so due >= paid + waived), and fees charged
 * after the schedule (FEE_CHARGE) stay owed (see unpaidChargedFees in ledger.ts).
 */
function drop(ledger: Ledger, row: Row, date: string, keepInterest = 0n): void {
  const settledInterest = row.interestPaid + row.interestWaived;
  row.interestDue = keepInterest > settledInterest ? keepInterest : settledInterest;
  const settledFees = row.feesPaid - row.feesCollected + row.feesWaived;
  if (settledFees < row.scheduledFees) row.scheduledFees = settledFees;
  row.feesDue = row.scheduledFees + row.chargedFees + row.feesCollected;
  row.dropped = true;
  refresh(ledger, row, date);
}

/**
 * REDUCE_TERM: pays future principal from the last live instalment backwards. Every future instalment
 * whose principal (and all principal after it) is then paid is dropped, so the term shortens.
 */
function reduceTerm(ledger: Ledger, budget: bigint, tally: AllocationTally, date: string): bigint {
  const { rows } = ledger;
  for (let j = ledger.liveEnd - 1; j >= ledger.dueCount; j--) {
    const r = rows[j];
    const owed = unpaidPrincipal(r);
    if (owed > 0n) {
      if (budget === 0n) break;
      const a = minBig(budget, owed);
      r.principalPaid += a;
      tallyAdd(tally, r, 'principal', a);
      budget -= a;
      if (a < owed) {
        refresh(ledger, r, date);
        break;
      }
    }
    drop(ledger, r, date);
    ledger.liveEnd = j;
  }
  return budget;
}

/**
 * REDUCE_INSTALLMENT: spreads the prepayment over the live future instalments in proportion to their
 * unpaid principal, keeping their interest. Shares are cumulative roundings (share_j =
 * round(A x cum_j / P) - round(A x cum_{j-1} / P), terms' mode), so they sum to A exactly, the last row
 * absorbs the rounding, and no row gets more than it owes. Prepaying all remaining principal drops
 * every future instalment (the loan is paid off).
 */
function reduceInstallment(ledger: Ledger, budget: bigint, tally: AllocationTally, date: string): bigint {
  const { rows } = ledger;
  const from = ledger.dueCount;
  const to = ledger.liveEnd;
  let total = 0n;
  for (let j = from; j < to; j++) total += unpaidPrincipal(rows[j]);
  if (total === 0n) return budget;
  if (budget >= total) {
    for (let j = to - 1; j >= from; j--) {
      const r = rows[j];
      const a = unpaidPrincipal(r);
      r.principalPaid += a;
      tallyAdd(tally, r, 'principal', a);
      drop(ledger, r, date);
    }
    ledger.liveEnd = from;
    return budget - total;
  }
  let cum = 0n;
  let prev = 0n;
  for (let j = from; j < to; j++) {
    const r = rows[j];
    const owed = unpaidPrincipal(r);
    if (owed === 0n) continue;
    cum += owed;
    const upTo = divRoundNonNegBig(budget * cum, total, ledger.terms.mode);
    const a = upTo - prev;
    prev = upTo;
    r.principalPaid += a;
    tallyAdd(tally, r, 'principal', a);
    // Still owing principal means still unsettled: only a row whose principal is now paid can change.
    if (a === owed) refresh(ledger, r, date);
  }
  return 0n;
}

/** The result of allocating a repayment. */
export interface RepaymentResult {
  tally: AllocationTally;
  toCredit: bigint;
}

/** Unpaid principal of the live instalments not yet due (what a prepayment or a payoff pays in advance). */
function futurePrincipal(ledger: Ledger): bigint {
  let p = 0n;
  for (let j = ledger.dueCount; j < ledger.rows.length; j++) p += unpaidPrincipal(ledger.rows[j]);
  return p;
}

/** The prepayment fee on `principal` paid in advance (0 without a fee or a principal). */
export function prepaymentFeeOn(ledger: Ledger, principal: bigint, fee: ParsedCharge | null = ledger.terms.prepaymentFee): bigint {
  if (!fee || principal === 0n) return 0n;
  return fee.kind === 'FLAT' ? fee.units : divRoundNonNegBig(principal * fee.rate.num, fee.rate.den, ledger.terms.mode);
}

/**
 * Books a prepayment fee on the current instalment (the first not yet due) as charged and paid at once.
 */
function collectFee(ledger: Ledger, units: bigint, tally: AllocationTally): void {
  if (units === 0n) return;
  const row = ledger.rows[ledger.dueCount];
  row.feesDue += units;
  row.feesPaid += units;
  row.feesCollected += units;
  tally.collected += units;
  tallyAdd(tally, row, 'fees', units);
}

/**
 * The prepayment fee taken from `advance` (money left after everything due): the fee on all the
 * principal not yet due when the money covers both; otherwise the fee on the part prepaid, with
 * principal + fee = advance (PERCENT: fee = round(advance x rate / (1 + rate)); FLAT: the amount).
 * Null when the money does not exceed a FLAT fee: nothing is prepaid, the money is held as credit.
 */
function feeFromAdvance(ledger: Ledger, advance: bigint): bigint | null {
  const fee = ledger.terms.prepaymentFee;
  const all = futurePrincipal(ledger);
  if (!fee || all === 0n) return 0n;
  const full = prepaymentFeeOn(ledger, all);
  if (advance >= all + full) return full;
  if (fee.kind === 'FLAT') return advance > fee.units ? fee.units : null;
  return divRoundNonNegBig(advance * fee.rate.num, fee.rate.den + fee.rate.num, ledger.terms.mode);
}

/** Allocates a repayment of `units` on the current day (ledger.dueCount must reflect it). */
export function allocateRepayment(ledger: Ledger, units: bigint, date: string, day: number): RepaymentResult {
  const tally = newTally();
  let budget = payDue(ledger, units, tally, date);
  if (budget > 0n) {
    if (ledger.terms.policy !== 'CREDIT') {
      const fee = feeFromAdvance(ledger, budget);
      if (fee !== null) {
        collectFee(ledger, fee, tally);
        budget -= fee;
        const before = tally.principal;
        budget = ledger.terms.policy === 'REDUCE_TERM' ? reduceTerm(ledger, budget, tally, date) : reduceInstallment(ledger, budget, tally, date);
        if (tally.principal > before) reprice(ledger, day, date);
      }
      // All principal prepaid: what the dropped instalments still carry (fees charged onto them) is
      // the last thing owed, so the loan closes now instead of on their due dates.
      for (let j = ledger.liveEnd; j < ledger.rows.length && budget > 0n && ledger.liveEnd <= ledger.dueCount; j++) {
        if (!ledger.rows[j].settled) budget = payRow(ledger, ledger.rows[j], budget, tally, date);
      }
    }
    advanceFirstOpen(ledger);
  }
  ledger.credit += budget;
  return { tally, toCredit: budget };
}

/** What closing the loan on the current day costs, by part (the payoff quote before held credit). */
export interface SettlementDue {
  /** Everything unpaid on instalments due on or before the day (all buckets). */
  due: { principal: bigint; interest: bigint; fees: bigint; penalties: bigint };
  /** Unpaid principal of the instalments not yet due. */
  futurePrincipal: bigint;
  /** The current period's interest earned to the day (on the balance outstanding), less what was paid or waived. */
  accruedInterest: bigint;
  /** Fees charged (FEE_CHARGE) onto instalments not yet due, unpaid. */
  futureChargedFees: bigint;
  prepaymentFee: bigint;
  /** The sum of all of the above. */
  gross: bigint;
}

/**
 * The payoff on the current day (ledger.dueCount must reflect it): see README "Payoff quote". A quote
 * may supply the first period's start and the fee when the terms lack them.
 */
export function settlementDue(ledger: Ledger, day: number, opts: { firstStart?: number | null; fee?: ParsedCharge | null } = {}): SettlementDue {
  const { rows } = ledger;
  const due = { principal: 0n, interest: 0n, fees: 0n, penalties: 0n };
  let future = 0n;
  let charged = 0n;
  let accrued = 0n;
  rows.forEach((r, idx) => {
    due.penalties += unpaidPenalty(ledger, r);
    if (idx < ledger.dueCount) {
      due.principal += unpaidPrincipal(r);
      due.interest += unpaidInterest(r);
      due.fees += unpaidFees(r);
      return;
    }
    future += unpaidPrincipal(r);
    charged += unpaidChargedFees(r);
    // A dropped or settled instalment earns nothing more (a closed loan's settlement is only credit).
    if (idx !== ledger.dueCount || r.dropped || r.settled) return;
    const owed = earnedInterest(ledger, r, day, opts.firstStart ?? null) - r.interestPaid - r.interestWaived;
    if (owed > 0n) accrued = owed;
  });
  const prepaymentFee = prepaymentFeeOn(ledger, future, opts.fee !== undefined ? opts.fee : ledger.terms.prepaymentFee);
  const gross = due.principal + due.interest + due.fees + due.penalties + future + accrued + charged + prepaymentFee;
  return { due, futurePrincipal: future, accruedInterest: accrued, futureChargedFees: charged, prepaymentFee, gross };
}

/** The result of allocating a settlement: a repayment that may also use held credit. */
export interface SettlementResult extends RepaymentResult {
  fromCredit: bigint;
}

/**
 * SETTLEMENT: when `units` plus held credit cover the payoff of the day ({@link settlementDue}), pays
 * it exactly as the quote computes it: everything due; the current instalment's interest earned to the
 * day (its interest becomes that); the prepayment fee (charged and paid on the current instalment); all
 * principal not yet due and fees charged onto those instalments. The later instalments (and the current
 * one's scheduled fees) are dropped, the loan is closed, and only money beyond the payoff is credit.
 * Money short of the payoff (a backdated transaction moved it) is allocated as a REPAYMENT.
 */
export function allocateSettlement(ledger: Ledger, units: bigint, date: string, day: number, fee: ParsedCharge | null = ledger.terms.prepaymentFee): SettlementResult {
  const need = settlementDue(ledger, day, { fee });
  // Short of the payoff, or nothing left to settle (a backdated payment closed the loan first): a repayment.
  const closed = ledger.firstOpen >= ledger.rows.length;
  if (closed || units + ledger.credit < need.gross) return { ...allocateRepayment(ledger, units, date, day), fromCredit: 0n };
  const fromCredit = ledger.credit;
  ledger.credit = 0n;
  const tally = newTally();
  let budget = payDue(ledger, units + fromCredit, tally, date);
  const { rows } = ledger;
  if (ledger.dueCount < rows.length) {
    const current = rows[ledger.dueCount];
    collectFee(ledger, need.prepaymentFee, tally);
    budget -= need.prepaymentFee;
    for (let j = rows.length - 1; j >= ledger.dueCount; j--) {
      const r = rows[j];
      drop(ledger, r, date, r === current ? current.interestPaid + current.interestWaived + need.accruedInterest : 0n);
      // The current instalment was cut short, not removed: it keeps the interest earned to the day.
      if (r === current) r.dropped = false;
      budget = payRow(ledger, r, budget, tally, date);
    }
    ledger.liveEnd = ledger.dueCount;
  }
  advanceFirstOpen(ledger);
  ledger.credit += budget;
  return { tally, toCredit: budget, fromCredit };
}

/**
 * Applies held credit to everything due on or before the current day (never in advance). Returns the
 * tally, or null when there was no credit or nothing to pay.
 */
export function applyCredit(ledger: Ledger, date: string): AllocationTally | null {
  if (ledger.credit === 0n || ledger.firstOpen >= ledger.dueCount) return null;
  const tally = newTally();
  const left = payDue(ledger, ledger.credit, tally, date);
  if (left === ledger.credit) return null;
  ledger.credit = left;
  return tally;
}

/**
 * SETTLEMENT_DISCOUNT: forgives up to `units` of the day's payoff without a prepayment fee (held
 * credit, the borrower's money, is used first). Covering the rest of it, the loan closes exactly as a
 * SETTLEMENT would, and nothing becomes credit; short of it (a backdated change moved the payoff),
 * it forgives what is due, oldest first, and the loan stays open.
 */
export function allocateDiscount(ledger: Ledger, units: bigint, date: string, day: number): SettlementResult {
  if (ledger.firstOpen >= ledger.rows.length) return { tally: newTally(), toCredit: 0n, fromCredit: 0n };
  const need = settlementDue(ledger, day, { fee: null });
  if (units + ledger.credit >= need.gross) return allocateSettlement(ledger, need.gross > ledger.credit ? need.gross - ledger.credit : 0n, date, day, null);
  const tally = newTally();
  payDue(ledger, units, tally, date);
  return { tally, toCredit: 0n, fromCredit: 0n };
}
