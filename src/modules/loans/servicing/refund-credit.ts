import { once } from '../../../platform/db/idempotency';
import type { RequestContext } from '../../../platform/tenancy/request-context';
import { addTransaction } from './add-transaction';
import { type ServicingDeps, today } from './servicing-deps';

/**
 * Pays held credit (an overpayment) back to the borrower, dated today; idempotent by key.
 * Statements: the key claimed, then those of addTransaction.
 */
export function refundCredit(s: ServicingDeps, ctx: RequestContext, input: { loanId: string; amount: string; method: string; reference?: string | null; idempotencyKey: string }) {
  return once(ctx, 'refundCredit', input.idempotencyKey, { ...input, idempotencyKey: undefined }, async () => {
    const { transaction } = await addTransaction(s, ctx, input.loanId, { kind: 'CREDIT_REFUND', effectiveDate: await today(s, ctx), amount: input.amount, method: input.method, reference: input.reference ?? null });
    return transaction;
  });
}
