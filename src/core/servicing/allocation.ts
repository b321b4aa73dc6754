import { divRoundNonNegBig } from '../money/integer-rounding';
import {
  AllocationTally,
  advanceFirstOpen,
  Ledger,
  minBig,
  newTally,
  refresh,
  Row,
  tallyAdd,
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
 *     REDUCE_INSTALLMENT, once all principal is prepaid, fees charged onto the dropped instalments are
 *     paid too; whatever the policy cannot place (everything, under CREDIT) becomes credit.
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

/** Steps 1-2: everything due on or before the current day, oldest instalment first. Returns the rest. */
export function payDue(ledger: Ledger, budget: bigint, tally: AllocationTally, date: string): bigint {
  const { rows } = ledger;
  for (let i = ledger.firstOpen; i < ledger.dueCount && budget > 0n; i++) {
    if (!rows[i].settled) budget = payRow(ledger, rows[i], budget, tally, date);
  }
  advanceFirstOpen(ledger);
  return budget;
}

/**
 * A future instalment that no longer exists after a prepayment: its interest and scheduled fees are
 * no longer owed. What was already paid or waived stays (so due >= paid + waived), and fees charged
 * after the schedule (FEE_CHARGE) stay owed (see unpaidChargedFees in ledger.ts).
 */
function drop(ledger: Ledger, row: Row, date: string): void {
  row.interestDue = row.interestPaid + row.interestWaived;
  const settledFees = row.feesPaid + row.feesWaived;
  if (settledFees < row.scheduledFees) row.scheduledFees = settledFees;
  row.feesDue = row.scheduledFees + row.chargedFees;
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

/** Allocates a repayment of `units` on the current day (ledger.dueCount must reflect it). */
export function allocateRepayment(ledger: Ledger, units: bigint, date: string): RepaymentResult {
  const tally = newTally();
  let budget = payDue(ledger, units, tally, date);
  if (budget > 0n) {
    if (ledger.terms.policy !== 'CREDIT') {
      budget = ledger.terms.policy === 'REDUCE_TERM' ? reduceTerm(ledger, budget, tally, date) : reduceInstallment(ledger, budget, tally, date);
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
