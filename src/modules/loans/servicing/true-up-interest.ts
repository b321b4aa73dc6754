import { Dec } from '../../../core/money';
import type { RequestContext } from '../../../platform/tenancy/request-context';
import { stageTrueUp } from './reconcile';
import type { ServicingDeps } from './servicing-deps';

/**
 * Brings the loan's interest receivable (accrued by the nightly run, less interest paid) to
 * `unpaidInterest` (the exact figure to the day), in sub-ledger and ledger: a restructure does so
 * before it moves the balance. Statements: the loan's ledger balances, then (staged) the true-up's
 * journal entry and its accrual row.
 */
export async function trueUpInterest(s: ServicingDeps, ctx: RequestContext, loanId: string, unpaidInterest: string, today: string): Promise<void> {
  const receivable = new Dec((await s.ledger.loanLedger(ctx, loanId)).INTEREST_RECEIVABLE ?? '0');
  await stageTrueUp(s, ctx, loanId, 'interest', new Dec(unpaidInterest).minus(receivable), today, await s.ledger.mappingOf(ctx, loanId));
}
