import { addDaysIso } from '../loan-math/calendar';
import { Dec } from '../money';
import { replayLoan } from './replay';
import type { Allocation, BucketTotals, InstallmentState, LoanTransaction, ScheduledInstallment, ServicingTerms } from './types';

/** What a statement line changes in the balance, by bucket (negative: the balance went down). */
export type BalanceChange = BucketTotals;

/** One line of a statement. */
export interface StatementLine {
  date: string;
  /**
   * DISBURSEMENT (the contract: principal, scheduled interest and fees), REPAYMENT, SETTLEMENT,
   * PREPAYMENT_FEE (charged by a prepayment or settlement, which pays it at once), CREDIT_APPLIED
   * (held credit paid an instalment), FEE_CHARGE, LATE_FEE, PENALTY_ACCRUED (penalty interest charged
   * in the window), FEE_WAIVER / PENALTY_WAIVER / INTEREST_WAIVER, CREDIT_REFUND (credit paid back:
   * no change to what is owed), RESCHEDULED (interest and fees of instalments an advance payment
   * removed or repriced, or a settlement's current period cut to the interest earned to its day), or the
   * kind of a reversed transaction (status REVERSED, no change: it no longer counts).
   */
  kind: string;
  amount: string;
  status: 'POSTED' | 'REVERSED';
  transactionId: string | null;
  allocation: Allocation | null;
  change: BalanceChange;
}

/** A statement: opening + the sum of the lines' changes = closing, bucket by bucket. */
export interface Statement {
  from: string;
  to: string;
  opening: BucketTotals;
  closing: BucketTotals;
  creditAtOpen: string;
  creditAtClose: string;
  lines: StatementLine[];
  /** Instalments falling due in the period, as they stand at its end. */
  due: InstallmentState[];
}

/** A posted or reversed transaction as a statement sees it. */
export interface StatementTransaction extends LoanTransaction {
  status: 'POSTED' | 'REVERSED';
}

const BUCKETS = ['principal', 'interest', 'fees', 'penalties'] as const;

function totals(d: number, p: Dec, i: Dec, f: Dec, pen: Dec): BucketTotals {
  return { principal: p.toFixed(d), interest: i.toFixed(d), fees: f.toFixed(d), penalties: pen.toFixed(d), total: p.plus(i).plus(f).plus(pen).toFixed(d) };
}

/**
 * The statement of a loan for the days from..to (inclusive). Balances are what is owed at the end of
 * a day (the contract: unpaid principal, scheduled interest and fees of unsettled instalments, and
 * penalty interest charged), replayed from every posted transaction; before the loan started they are
 * zero. The lines explain every change between the two: the disbursement, each transaction's
 * allocation, fees and penalties charged, and what re-amortisation removed, so opening + lines =
 * closing for any window and consecutive windows chain (the closing of one is the opening of the next).
 */
export function loanStatement(
  terms: ServicingTerms, schedule: ScheduledInstallment[], transactions: StatementTransaction[], disbursementDate: string, from: string, to: string,
): Statement {
  const d = terms.decimals;
  const posted = transactions.filter((t) => t.status === 'POSTED');
  const zero = totals(d, new Dec(0), new Dec(0), new Dec(0), new Dec(0));
  const at = (date: string) => (date < disbursementDate ? null : replayLoan(terms, schedule, posted, date));
  const before = at(addDaysIso(from, -1));
  const after = at(to);
  const opening = before?.outstanding ?? zero;
  const closing = after?.outstanding ?? zero;
  const lines: StatementLine[] = [];
  const line = (date: string, kind: string, amount: string, change: Partial<Record<(typeof BUCKETS)[number], Dec>>, extra: Partial<StatementLine> = {}) =>
    lines.push({
      date, kind, amount: new Dec(amount).toFixed(d), status: 'POSTED', transactionId: null, allocation: null,
      change: totals(d, change.principal ?? new Dec(0), change.interest ?? new Dec(0), change.fees ?? new Dec(0), change.penalties ?? new Dec(0)), ...extra,
    });

  if (after && disbursementDate >= from) {
    const sum = (k: 'principal' | 'interest' | 'fees') => schedule.reduce((acc, r) => acc.plus(r[k]), new Dec(0));
    line(disbursementDate, 'DISBURSEMENT', sum('principal').toFixed(d), { principal: sum('principal'), interest: sum('interest'), fees: sum('fees') });
  }
  if (after) {
    const inWindow = (date: string) => date >= from && date <= to;
    const byId = new Map(transactions.map((t) => [t.id, t]));
    for (const a of after.allocations) {
      if (!inWindow(a.effectiveDate)) continue;
      const t = byId.get(a.transactionId);
      const kind = a.source === 'CREDIT' ? 'CREDIT_APPLIED' : (t?.kind ?? 'REPAYMENT');
      const neg = (k: (typeof BUCKETS)[number]) => new Dec(a[k]).neg();
      const amount = a.source === 'CREDIT' ? a.fromCredit : (t?.amount ?? '0');
      // A prepayment fee is charged and paid by the same payment: a line for the charge, then the payment.
      if (a.prepaymentFee && !new Dec(a.prepaymentFee).isZero()) line(a.effectiveDate, 'PREPAYMENT_FEE', a.prepaymentFee, { fees: new Dec(a.prepaymentFee) }, { transactionId: t ? t.id : null });
      line(a.effectiveDate, kind, amount, kind === 'CREDIT_REFUND' ? {} : { principal: neg('principal'), interest: neg('interest'), fees: neg('fees'), penalties: neg('penalties') },
        { transactionId: t ? t.id : null, allocation: a });
    }
    for (const t of posted) {
      if (t.kind === 'FEE_CHARGE' && inWindow(t.effectiveDate)) line(t.effectiveDate, 'FEE_CHARGE', t.amount, { fees: new Dec(t.amount) }, { transactionId: t.id });
    }
    for (const f of after.lateFeesCharged) if (inWindow(f.date)) line(f.date, 'LATE_FEE', f.amount, { fees: new Dec(f.amount) });
    const charged = (s: typeof after | null) => (s ? s.installments.reduce((acc, i) => acc.plus(i.penaltyDue), new Dec(0)) : new Dec(0));
    const penalty = charged(after).minus(charged(before));
    if (!penalty.isZero()) line(to, 'PENALTY_ACCRUED', penalty.abs().toFixed(d), { penalties: penalty });
    // Whatever the lines above do not explain is interest and fees of instalments an advance payment removed.
    const residual = Object.fromEntries(BUCKETS.map((k) => [k, lines.reduce((acc, l) => acc.minus(l.change[k]), new Dec(closing[k]).minus(opening[k]))])) as Record<(typeof BUCKETS)[number], Dec>;
    if (BUCKETS.some((k) => !residual[k].isZero())) {
      const total = BUCKETS.reduce((acc, k) => acc.plus(residual[k]), new Dec(0));
      line(to, 'RESCHEDULED', total.abs().toFixed(d), residual);
    }
  }
  for (const t of transactions) {
    if (t.status === 'REVERSED' && t.effectiveDate >= from && t.effectiveDate <= to) line(t.effectiveDate, t.kind, t.amount, {}, { status: 'REVERSED', transactionId: t.id });
  }
  const order = (l: StatementLine) => (l.kind === 'DISBURSEMENT' ? 0 : l.kind === 'PENALTY_ACCRUED' || l.kind === 'RESCHEDULED' ? 2 : 1);
  lines.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : order(x) - order(y)));
  const due = (after?.installments ?? []).filter((i) => i.dueDate >= from && i.dueDate <= to);
  return { from, to, opening, closing, creditAtOpen: before?.credit ?? new Dec(0).toFixed(d), creditAtClose: after?.credit ?? new Dec(0).toFixed(d), lines, due };
}
