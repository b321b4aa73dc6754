import { once } from '../../../platform/db/idempotency';
import type { RequestContext } from '../../../platform/tenancy/request-context';
import { addTransaction } from './add-transaction';
import type { RepaymentInput } from './record-repayment';
import { allocationOf } from './replays';
import type { ServicingDeps } from './servicing-deps';

/**
 * Pays the loan off: `amount` must be the payoff quote's total as of `paidAt` (computed under the
 * loan's lock), else CONFLICT with the current quote in `extensions.quote`. Posted as a SETTLEMENT:
 * everything due, the current period's interest to the day (as interest), the prepayment fee (fee
 * income) and all principal; the loan closes with no credit (and reconcile recognises all interest
 * paid). Statements: those of recordRepayment.
 */
export function settleLoan(s: ServicingDeps, ctx: RequestContext, input: RepaymentInput) {
  return once(ctx, 'settleLoan', input.idempotencyKey, { ...input, idempotencyKey: undefined }, async () => {
    const { transaction, state } = await addTransaction(s, ctx, input.loanId, { kind: 'SETTLEMENT', effectiveDate: input.paidAt, amount: input.amount, method: input.method, reference: input.reference ?? null });
    return { transactionId: transaction.id, allocation: allocationOf(state, transaction.id) };
  }, { claimInFirstStatement: true });
}
