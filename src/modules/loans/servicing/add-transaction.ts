import { Dec } from '../../../core/money';
import type { LoanState, LoanTransactionKind, ServicingTerms } from '../../../core/servicing';
import { badInput, conflict } from '../../../core/domain-error';
import { uuidv7 } from '../../../platform/db/ids';
import { isCalendarDate } from '../../../platform/graphql/scalars';
import { todayIn } from '../../../platform/tenancy/business-date';
import type { RequestContext } from '../../../platform/tenancy/request-context';
import type { LoanEntity } from '../loan.entity';
import { LoanEvents } from '../loan-events';
import type { TransactionRow } from './loan-books';
import { reconcile } from './reconcile';
import { dischargeSettlement } from './settlement-agreements';
import { WAIVED } from './replays';
import type { ServicingDeps } from './servicing-deps';

export interface NewTransaction {
  kind: LoanTransactionKind;
  effectiveDate: string;
  amount: string;
  method?: string | null;
  reference?: string | null;
  note?: string | null;
}

/**
 * A transaction on the loan's schedule: a repayment, a settlement, a fee charged, a waiver or a
 * refund of held credit. Statements:
 * 1. the loan row locked with its book (from the latest snapshot that holds) and the tenant's time
 *    zone, carrying the operation's idempotency claim when it asked to (see LoanBooks.lockWithBook);
 * 2. (only when the snapshot does not hold for the date) the whole history;
 * 3. one staged statement: the transaction, the postings the replay changed (journal entries and
 *    lines, loan_postings), true-ups, snapshots, the loan row, its events, sent with the operation's
 *    stored answer when the mutation returns.
 */
export async function addTransaction(
  s: ServicingDeps, ctx: RequestContext, loanId: string, txIn: NewTransaction, opts: { settleAtQuote?: boolean } = {},
): Promise<{ transaction: TransactionRow; state: LoanState }> {
  let tx = txIn;
  // A snapshot the new transaction comes after: at or before its date (it takes the next seq).
  const locked = await s.books.lockWithBook(ctx, loanId, isCalendarDate(txIn.effectiveDate) ? txIn.effectiveDate : null);
  const loan = locked.loan;
  // A closed loan may still hold the borrower's money: refunding it is the one thing left to do.
  if (loan.status !== 'ACTIVE' && !(tx.kind === 'CREDIT_REFUND' && loan.status === 'CLOSED')) throw conflict(`The loan is ${loan.status}`);
  const today = todayIn(locked.timezone);
  if (!isCalendarDate(tx.effectiveDate)) throw badInput('input.paidAt', 'a date YYYY-MM-DD');
  if (tx.effectiveDate > today) throw badInput('input.paidAt', `cannot be after today (${today}) in the tenant's time zone`);
  if (tx.effectiveDate < loan.disbursementDate!) throw badInput('input.paidAt', `cannot be before the loan started (${loan.disbursementDate})`);
  const amount = new Dec(tx.amount);
  if (amount.lte(0)) throw badInput('input.amount', 'must be positive');
  const decimals = (loan.servicingTerms as ServicingTerms).decimals;
  if (amount.decimalPlaces() > decimals) throw badInput('input.amount', `at most ${decimals} decimals`);
  // Every replay below is as of the transaction's date or later.
  const book = await s.replays.holding(ctx, loan, locked.book, tx.effectiveDate);
  if (tx.kind === 'CREDIT_REFUND') {
    const held = s.replays.replay(loan, book, today).state.credit;
    if (amount.gt(held)) throw badInput('input.amount', `the loan holds ${held} for the borrower; a refund cannot exceed it`);
  }
  if (tx.kind === 'SETTLEMENT' || (opts.settleAtQuote && tx.kind === 'REPAYMENT')) {
    const quote = { asOf: tx.effectiveDate, ...s.replays.quote(loan, book, tx.effectiveDate) };
    const atQuote = amount.eq(quote.total);
    if (tx.kind === 'SETTLEMENT' && !atQuote) throw conflict(`The payoff on ${tx.effectiveDate} is ${quote.total}, not ${amount.toFixed()}`, { field: 'amount', quote });
    // A repayment of exactly a payoff that charges to-the-day interest or a prepayment fee settles the loan.
    if (tx.kind === 'REPAYMENT' && atQuote && new Dec(quote.accruedInterest ?? '0').plus(quote.prepaymentFee).gt(0)) tx = { ...tx, kind: 'SETTLEMENT' };
  }
  const waived = WAIVED[tx.kind];
  if (waived) {
    // A waiver records exactly what it waives: more than is owed is refused, never cut down silently.
    const owed = s.replays.replay(loan, book, tx.effectiveDate).state.outstanding[waived];
    if (amount.gt(owed)) throw badInput('amount', `the loan owes ${owed} of ${waived}; a waiver cannot exceed it`, { owed });
  }
  const transaction: TransactionRow = {
    id: uuidv7(), loanId, seq: loan.nextTxSeq, kind: tx.kind, effectiveDate: tx.effectiveDate, amount: amount.toFixed(decimals), method: tx.method ?? null,
    reference: tx.reference ?? null, note: tx.note ?? null, status: 'POSTED', reversedAt: null, reversalReason: null, createdAt: new Date(),
  };
  ctx.writes.add(
    `INSERT INTO loan_transactions (tenant_id, id, loan_id, seq, kind, effective_date, amount, method, reference, note, created_by_type, created_by_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [ctx.tenant, transaction.id, loanId, transaction.seq, tx.kind, tx.effectiveDate, amount.toFixed(), transaction.method, transaction.reference, transaction.note,
      ctx.actor.type, ctx.actor.id, transaction.createdAt],
  );
  loan.nextTxSeq += 1;
  const events = new LoanEvents(ctx, loanId, today);
  const withPayment = { ...book, transactions: [...book.transactions, transaction] };
  // Money that meets the loan's settlement agreement closes it: the rest is forgiven the same day.
  const discount = dischargeSettlement(s, ctx, loan, withPayment, locked.settlement, transaction, today, events);
  const { state } = await reconcile(s, ctx, loan, today, discount ? { ...withPayment, transactions: [...withPayment.transactions, discount] } : withPayment, events);
  await s.audit.record(ctx, { action: `loan.${tx.kind.toLowerCase()}`, entityType: 'Loan', entityId: loanId, after: { transactionId: transaction.id, effectiveDate: tx.effectiveDate, amount: amount.toFixed(), backdated: tx.effectiveDate < today } });
  // A settlement is money received like any repayment (LOAN_CLOSED follows from the reconcile).
  events.add(tx.kind === 'REPAYMENT' || tx.kind === 'SETTLEMENT' ? 'REPAYMENT_POSTED' : tx.kind, { transactionId: transaction.id, amount: amount.toFixed(decimals), currency: loan.currency, effectiveDate: tx.effectiveDate, method: tx.method ?? null });
  if (tx.kind === 'REPAYMENT') warnOnShrinkingPayments(events, loan, [...book.recentRepayments, transaction], state.dpd);
  events.stage();
  return { transaction, state };
}

/**
 * Early warning: the last three repayments were each smaller than the one before and all short of
 * the regular instalment, while the loan is behind. One event per such streak.
 */
function warnOnShrinkingPayments(events: LoanEvents, loan: LoanEntity, transactions: Pick<TransactionRow, 'kind' | 'status' | 'effectiveDate' | 'seq' | 'amount'>[], dpd: number): void {
  const repayments = transactions.filter((t) => t.kind === 'REPAYMENT' && t.status === 'POSTED').sort((a, b) => (a.effectiveDate < b.effectiveDate ? -1 : a.effectiveDate > b.effectiveDate ? 1 : a.seq - b.seq));
  const last = repayments.slice(-3).map((t) => new Dec(t.amount));
  const instalment = new Dec(loan.schedule[0]?.total ?? '0');
  if (last.length === 3 && dpd > 0 && last[0].gt(last[1]) && last[1].gt(last[2]) && last[0].lt(instalment)) {
    events.add('EARLY_WARNING', { signal: 'SHRINKING_PARTIAL_PAYMENTS', amounts: last.map((d) => d.toFixed(2)), instalment: instalment.toFixed(2) });
  }
}
