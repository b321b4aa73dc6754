import { Dec } from '../../../core/money';
import { badInput, conflict } from '../../../core/domain-error';
import type { RequestContext } from '../../../platform/tenancy/request-context';
import { LoanEvents } from '../loan-events';
import type { LoanEntity } from '../loan.entity';
import { reconcile } from './reconcile';
import { type ServicingDeps, bookOf, today } from './servicing-deps';

/**
 * Writes the loan off: the principal and the accrued interest and penalties still receivable go to
 * write-off expense, the loan leaves the nightly run, and later payments are recoveries.
 * Statements: the loan locked, its book, the replay's postings and loan row (staged), the loan's
 * ledger balances (which sends them), then one staged statement: the write-off entry, the status,
 * the event.
 */
export async function writeOff(s: ServicingDeps, ctx: RequestContext, loanId: string, reason: string): Promise<LoanEntity> {
  if (!reason.trim()) throw badInput('reason', 'a write-off needs a reason');
  const loan = await s.books.lock(ctx, loanId);
  if (loan.status !== 'ACTIVE') throw conflict(`The loan is ${loan.status}`);
  const on = await today(s, ctx);
  const events = new LoanEvents(ctx, loanId, on);
  await reconcile(s, ctx, loan, on, await bookOf(s, ctx, loan, on), events);
  const { principal, interest, penalty } = await receivables(s, ctx, loanId);
  const total = principal.plus(interest).plus(penalty);
  if (total.gt(0)) {
    await s.ledger.post(ctx, {
      kind: 'WRITE_OFF', businessDate: on, loanId, reference: `write-off:${loanId}`,
      lines: [
        { account: 'WRITE_OFF_EXPENSE', debit: total.toFixed() },
        { account: 'LOAN_PRINCIPAL', credit: principal.toFixed() },
        { account: 'INTEREST_RECEIVABLE', credit: interest.toFixed() },
        { account: 'PENALTY_RECEIVABLE', credit: penalty.toFixed() },
      ],
    });
  }
  ctx.writes.add("UPDATE loans SET status = 'WRITTEN_OFF', closed_at = now() WHERE id = $1", [loanId]);
  await s.audit.record(ctx, { action: 'loan.writtenOff', entityType: 'Loan', entityId: loanId, after: { reason, principal: principal.toFixed(), interest: interest.toFixed(), penalty: penalty.toFixed() } });
  events.add('WRITTEN_OFF', { reason, amount: total.toFixed() }).stage();
  return s.books.byIdOrThrow(ctx, loanId);
}

/** What the ledger still holds as receivable for the loan: principal, accrued interest and penalties net of payments. */
async function receivables(s: ServicingDeps, ctx: RequestContext, loanId: string) {
  const balances = await s.ledger.loanLedger(ctx, loanId);
  const clamp = (d: Dec) => (d.isNeg() ? new Dec(0) : d);
  return {
    principal: clamp(new Dec(balances.LOAN_PRINCIPAL ?? '0')),
    interest: clamp(new Dec(balances.INTEREST_RECEIVABLE ?? '0')),
    penalty: clamp(new Dec(balances.PENALTY_RECEIVABLE ?? '0')),
  };
}
