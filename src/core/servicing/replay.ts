import { formatIsoDate } from '../loan-math/calendar';
import { applyCredit, allocateRepayment, allocateSettlement } from './allocation';
import { chargeFee, waive } from './adjustments';
import { formatUnits } from './format';
import { AllocationTally, byRowInOrder, Ledger, newTally, openLedger, Row, penaltyDue, unpaidFees, unpaidInterest, unpaidPenalty, unpaidPrincipal } from './ledger';
import { parseDay, parseSchedule, parseTerms, parseTransactions } from './parse';
import { accrueTo, assessLateFees, LateFeeEvent } from './penalties';
import { Allocation, BucketTotals, InstallmentState, LoanState, LoanTransaction, LoanTransactionKind, ScheduledInstallment, ServicingTerms } from './types';

/** The replayed ledger and the raw events, before formatting (shared with the payoff quote). */
export interface ReplayResult {
  ledger: Ledger;
  asOfDay: number;
  allocations: Allocation[];
  lateFees: LateFeeEvent[];
}

function toAllocation(ledger: Ledger, id: string, date: string, t: AllocationTally, toCredit: bigint, fromCredit: bigint, source: 'TRANSACTION' | 'CREDIT'): Allocation {
  const d = ledger.terms.decimals;
  const f = (u: bigint) => formatUnits(u, d);
  const byInstallment = byRowInOrder(t).map((e) => ({
    number: ledger.rows[e.index].number,
    principal: f(e.principal),
    interest: f(e.interest),
    fees: f(e.fees),
    penalties: f(e.penalties),
  }));
  return {
    transactionId: id,
    source,
    effectiveDate: date,
    principal: f(t.principal),
    interest: f(t.interest),
    fees: f(t.fees),
    penalties: f(t.penalties),
    toCredit: f(toCredit),
    fromCredit: f(fromCredit),
    // Only when charged, so allocations stored before the field existed compare equal.
    ...(t.collected > 0n ? { prepaymentFee: f(t.collected) } : {}),
    byInstallment,
  };
}

function creditApplication(ledger: Ledger, id: string, date: string, t: AllocationTally | null, out: Allocation[]): void {
  if (!t) return;
  out.push(toAllocation(ledger, id, date, t, 0n, t.principal + t.interest + t.fees + t.penalties, 'CREDIT'));
}

/**
 * Replays the loan into a working ledger. Event days are the due dates, late-fee days and transaction
 * days up to asOf, plus asOf; on each, in order: penalty accrual through the day, late fees assessed
 * that day, instalments falling due (held credit applied to them), then that day's transactions by
 * (seq, id). Transactions dated after asOf are not yet effective and are skipped.
 */
export function replayLedger(terms: ServicingTerms, schedule: ScheduledInstallment[], transactions: LoanTransaction[], asOf: string): ReplayResult {
  const parsedTerms = parseTerms(terms);
  const rows = parseSchedule(schedule, parsedTerms.decimals);
  const txs = parseTransactions(transactions, parsedTerms.decimals);
  const asOfDay = parseDay(asOf, 'asOf');
  const ledger = openLedger(parsedTerms, rows);

  const days = new Set<number>([asOfDay]);
  for (const r of ledger.rows) {
    if (r.dueDay <= asOfDay) days.add(r.dueDay);
    if (r.lateFeeDay !== null && r.lateFeeDay <= asOfDay) days.add(r.lateFeeDay);
  }
  for (const t of txs) if (t.day <= asOfDay) days.add(t.day);
  const timeline = [...days].sort((a, b) => a - b);

  const allocations: Allocation[] = [];
  const lateFees: LateFeeEvent[] = [];
  let next = 0;
  for (const day of timeline) {
    const date = formatIsoDate(day);
    accrueTo(ledger, day);
    assessLateFees(ledger, day, lateFees);
    let fellDue = false;
    while (ledger.dueCount < ledger.rows.length && ledger.rows[ledger.dueCount].dueDay <= day) {
      ledger.dueCount++;
      fellDue = true;
    }
    if (fellDue) creditApplication(ledger, `credit:${date}`, date, applyCredit(ledger, date), allocations);
    for (; next < txs.length && txs[next].day === day; next++) {
      const t = txs[next];
      switch (t.kind) {
        case 'REPAYMENT': {
          const { tally, toCredit } = allocateRepayment(ledger, t.units, date, day);
          allocations.push(toAllocation(ledger, t.id, date, tally, toCredit, 0n, 'TRANSACTION'));
          break;
        }
        case 'SETTLEMENT': {
          const { tally, toCredit, fromCredit } = allocateSettlement(ledger, t.units, date, day);
          allocations.push(toAllocation(ledger, t.id, date, tally, toCredit, fromCredit, 'TRANSACTION'));
          break;
        }
        case 'CREDIT_REFUND': {
          // Money held for the borrower paid back: at most the credit held on that day (a backdated
          // payment can change it, so the refund is clamped rather than refused here).
          const refunded = t.units < ledger.credit ? t.units : ledger.credit;
          ledger.credit -= refunded;
          allocations.push(toAllocation(ledger, t.id, date, newTally(), 0n, refunded, 'TRANSACTION'));
          break;
        }
        case 'FEE_CHARGE': {
          const i = chargeFee(ledger, day, t.units, date);
          if (ledger.rows[i].dueDay <= day) creditApplication(ledger, `credit:${t.id}`, date, applyCredit(ledger, date), allocations);
          break;
        }
        default:
          allocations.push(toAllocation(ledger, t.id, date, waive(ledger, t.kind as Exclude<LoanTransactionKind, 'REPAYMENT' | 'FEE_CHARGE' | 'CREDIT_REFUND' | 'SETTLEMENT'>, t.units, date), 0n, 0n, 'TRANSACTION'));
      }
    }
  }
  return { ledger, asOfDay, allocations, lateFees };
}

function status(r: Row, asOfDay: number): InstallmentState['status'] {
  if (r.settled) return 'PAID';
  if (r.dueDay < asOfDay) return 'OVERDUE';
  if (r.principalPaid + r.interestPaid + r.feesPaid + r.penaltyPaid > 0n) return 'PARTIALLY_PAID';
  return r.dueDay === asOfDay ? 'DUE' : 'FUTURE';
}

function totals(d: number, p: bigint, i: bigint, f: bigint, pen: bigint): BucketTotals {
  return {
    principal: formatUnits(p, d),
    interest: formatUnits(i, d),
    fees: formatUnits(f, d),
    penalties: formatUnits(pen, d),
    total: formatUnits(p + i + f + pen, d),
  };
}

/**
 * Replays a loan's transactions over its schedule and returns its state as of `asOf`.
 *
 * Deterministic: transactions are applied in (effectiveDate, seq, id) order whatever their order in the
 * array, so a backdated transaction is handled by replaying with it included. Pure: no clock, no I/O.
 * Semantics (allocation, overpayment policies, penalty interest, late fees, credit) are in README.md.
 *
 * @throws ServicingInputError for invalid terms, an empty or unordered schedule, or a transaction with a
 *   non-positive amount, too many decimals, an unknown kind, a bad date or a duplicate id.
 */
export function replayLoan(terms: ServicingTerms, schedule: ScheduledInstallment[], transactions: LoanTransaction[], asOf: string): LoanState {
  const { ledger, asOfDay, allocations, lateFees } = replayLedger(terms, schedule, transactions, asOf);
  const d = ledger.terms.decimals;
  const f = (u: bigint) => formatUnits(u, d);
  // penaltyAcc is in minor units x the rate's numerator (a power-of-ten denominator x 365).
  const numeratorScale = (ledger.terms.penaltyPerDay.den / 365n).toString().length - 1;
  const out = { p: 0n, i: 0n, f: 0n, pen: 0n };
  const due = { p: 0n, i: 0n, f: 0n, pen: 0n };
  let oldestRow: Row | null = null;
  const installments: InstallmentState[] = [];
  for (const r of ledger.rows) {
    const p = unpaidPrincipal(r);
    const i = unpaidInterest(r);
    const fe = unpaidFees(r);
    const pen = unpaidPenalty(ledger, r);
    out.p += p;
    out.i += i;
    out.f += fe;
    out.pen += pen;
    if (r.dueDay <= asOfDay) {
      due.p += p;
      due.i += i;
      due.f += fe;
      due.pen += pen;
    }
    if (oldestRow === null && p + i + fe > 0n) oldestRow = r;
    installments.push({
      number: r.number,
      dueDate: r.dueDate,
      principalDue: f(r.principalDue),
      principalPaid: f(r.principalPaid),
      interestDue: f(r.interestDue),
      interestPaid: f(r.interestPaid),
      interestWaived: f(r.interestWaived),
      feesDue: f(r.feesDue),
      feesPaid: f(r.feesPaid),
      feesWaived: f(r.feesWaived),
      penaltyDue: f(penaltyDue(ledger, r)),
      penaltyNumerator: formatUnits(r.penaltyAcc, d + numeratorScale),
      penaltyPaid: f(r.penaltyPaid),
      penaltyWaived: f(r.penaltyWaived),
      status: status(r, asOfDay),
      paidOn: r.paidOn,
      dropped: r.dropped,
    });
  }
  const oldest = oldestRow as Row | null;
  return {
    asOf,
    installments,
    outstanding: totals(d, out.p, out.i, out.f, out.pen),
    overdue: totals(d, due.p, due.i, due.f, due.pen),
    credit: f(ledger.credit),
    dpd: oldest !== null && oldest.dueDay < asOfDay ? asOfDay - oldest.dueDay : 0,
    oldestUnpaidDueDate: oldest === null ? null : oldest.dueDate,
    allocations,
    lateFeesCharged: lateFees.map((e) => ({ number: e.number, date: e.date, amount: f(e.units) })),
    closed: ledger.rows.every((r) => r.settled),
  };
}
