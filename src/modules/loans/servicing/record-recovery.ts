import { Dec } from '../../../core/money';
import type { ServicingTerms } from '../../../core/servicing';
import { badInput, conflict } from '../../../core/domain-error';
import { uuidv7 } from '../../../platform/db/ids';
import { once } from '../../../platform/db/idempotency';
import { isCalendarDate } from '../../../platform/graphql/scalars';
import type { RequestContext } from '../../../platform/tenancy/request-context';
import { recordLoanEvent } from '../loan-events';
import type { RepaymentInput } from './record-repayment';
import { type ServicingDeps, today } from './servicing-deps';

/**
 * A payment on a written-off loan: income as a recovery, outside the schedule. Statements: the key
 * claimed, the loan locked, then one staged statement: the transaction, the loan's next seq, the
 * journal entry (cash against recoveries), the event.
 */
export function recordRecovery(s: ServicingDeps, ctx: RequestContext, input: RepaymentInput) {
  return once(ctx, 'recordRecovery', input.idempotencyKey, { ...input, idempotencyKey: undefined }, async () => {
    const loan = await s.books.lock(ctx, input.loanId);
    if (loan.status !== 'WRITTEN_OFF') throw conflict('Only a written-off loan takes recoveries; record a repayment instead');
    const decimals = (loan.servicingTerms as ServicingTerms).decimals;
    const amount = new Dec(input.amount);
    if (amount.lte(0) || amount.decimalPlaces() > decimals) throw badInput('input.amount', 'a positive amount in the currency’s decimals');
    const on = await today(s, ctx);
    if (!isCalendarDate(input.paidAt) || input.paidAt > on) throw badInput('input.paidAt', 'a date not after today');
    const id = uuidv7();
    ctx.writes.add(
      `INSERT INTO loan_transactions (tenant_id, id, loan_id, seq, kind, effective_date, amount, method, reference, created_by_type, created_by_id)
       VALUES ($1, $2, $3, $4, 'RECOVERY', $5, $6, $7, $8, $9, $10)`,
      [ctx.tenant, id, loan.id, loan.nextTxSeq, input.paidAt, amount.toFixed(), input.method, input.reference ?? null, ctx.actor.type, ctx.actor.id],
    );
    ctx.writes.add('UPDATE loans SET next_tx_seq = next_tx_seq + 1 WHERE id = $1', [loan.id]);
    await s.ledger.post(ctx, { kind: 'RECOVERY', businessDate: input.paidAt, loanId: loan.id, reference: `tx:${id}`, lines: [{ account: 'CASH_CLEARING', debit: amount.toFixed() }, { account: 'RECOVERIES', credit: amount.toFixed() }] });
    recordLoanEvent(ctx, loan.id, 'RECOVERY_POSTED', on, { transactionId: id, amount: amount.toFixed(decimals), currency: loan.currency });
    return { transactionId: id, allocation: null };
  });
}
