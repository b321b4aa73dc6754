import { badInput, conflict, notFound } from '../../../core/domain-error';
import type { RequestContext } from '../../../platform/tenancy/request-context';
import { LoanEvents } from '../loan-events';
import type { TransactionRow } from './loan-books';
import { reconcile } from './reconcile';
import { undoDischarge } from './settlement-agreements';
import { type ServicingDeps, bookOf, today } from './servicing-deps';

/**
 * Reverses a transaction: it stays on record as REVERSED, the loan is replayed without it (a closed
 * loan opens again). Statements: the transaction found, the loan locked, the transaction's status
 * read under the lock, its reversal (which drops the snapshots it preceded), the book, then one
 * staged statement: the replay's postings, the loan row, the event.
 */
export async function reverseTransaction(s: ServicingDeps, ctx: RequestContext, transactionId: string, reason: string): Promise<TransactionRow> {
  if (!reason.trim()) throw badInput('reason', 'a reversal needs a reason');
  const ref = await s.books.transactionRef(ctx, transactionId);
  if (!ref) throw notFound('LoanTransaction', transactionId);
  const loan = await s.books.lock(ctx, ref.loanId);
  const current = await s.books.transactionRef(ctx, transactionId);
  if (current!.status === 'REVERSED') throw conflict('The transaction is already reversed');
  if (current!.kind === 'SETTLEMENT_DISCOUNT') throw conflict('A settlement discount follows the payment that met the agreement: reverse that payment');
  const on = await today(s, ctx);
  await undoDischarge(ctx, loan.id, current!, on);
  // Sent now: the book read next must see the transaction reversed.
  ctx.writes.add("UPDATE loan_transactions SET status = 'REVERSED', reversed_at = now(), reversal_reason = $2 WHERE id = $1", [transactionId, reason]);
  if (loan.status === 'CLOSED') ctx.writes.add("UPDATE loans SET status = 'ACTIVE', closed_at = NULL WHERE id = $1", [loan.id]);
  const active = Object.assign(loan, { status: 'ACTIVE' as const });
  const events = new LoanEvents(ctx, loan.id, on);
  await reconcile(s, ctx, active, on, await bookOf(s, ctx, active, on), events);
  await s.audit.record(ctx, { action: 'loan.transactionReversed', entityType: 'Loan', entityId: loan.id, after: { transactionId, reason } });
  events.add('TRANSACTION_REVERSED', { transactionId, reason }).stage();
  return (await s.books.transactions(ctx, loan.id)).find((t) => t.id === transactionId)!;
}
