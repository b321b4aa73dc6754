import { once } from '../../../platform/db/idempotency';
import type { RequestContext } from '../../../platform/tenancy/request-context';
import { addTransaction } from './add-transaction';
import { allocationOf } from './replays';
import type { ServicingDeps } from './servicing-deps';

export interface RepaymentInput {
  loanId: string;
  amount: string;
  paidAt: string;
  method: string;
  reference?: string | null;
  idempotencyKey: string;
}

/**
 * Money received on a loan, allocated by the product's order (penalties, fees, interest, principal,
 * then credit). Exactly the payoff quote of its date (checked under the lock) settles the loan (see
 * settleLoan). Statements: those of addTransaction, the idempotency claim carried by its first and
 * the stored answer staged with its last (two round trips, then COMMIT with the audit entry).
 */
export function recordRepayment(s: ServicingDeps, ctx: RequestContext, input: RepaymentInput) {
  return once(ctx, 'recordRepayment', input.idempotencyKey, { ...input, idempotencyKey: undefined }, async () => {
    const { transaction, state } = await addTransaction(s, ctx, input.loanId, { kind: 'REPAYMENT', effectiveDate: input.paidAt, amount: input.amount, method: input.method, reference: input.reference ?? null }, { settleAtQuote: true });
    return { transactionId: transaction.id, allocation: allocationOf(state, transaction.id) };
  }, { claimInFirstStatement: true });
}
