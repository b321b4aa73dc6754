import { type PaymentAction, type ProviderOutcome, transition } from '../../core/payments/payment-status';
import { todayIn } from '../../platform/tenancy/business-date';
import type { RequestContext } from '../../platform/tenancy/request-context';
import { emitEvent } from '../../platform/events/outbox';
import type { LoanServicingService } from '../loans';
import type { TenantDirectory } from '../../platform/tenancy/tenant-directory';
import { type PaymentRow, amountOf, updatePayment } from './payment-records';

export interface ProviderNews {
  outcome: ProviderOutcome;
  /** When the provider says it happened (the business date follows the tenant's time zone). */
  at: Date;
  failureCode?: string | null;
  failureMessage?: string | null;
  reason?: string;
}

/**
 * Applies provider news about a collection to its (locked) payment row and to the loan, through the
 * one transition rule in `core/payments`: a success posts the repayment through the same servicing
 * path as a manual one (keyed `stripe:<PaymentIntent>`, so no second path can post it again), a
 * failure is recorded, a refund or dispute reverses the posted transaction. Anything stale or
 * repeated is a no-op.
 */
export class CollectionSettlement {
  constructor(private readonly deps: { servicing: LoanServicingService; tenants: TenantDirectory }) {}

  async apply(ctx: RequestContext, payment: PaymentRow, news: ProviderNews): Promise<PaymentAction | 'UNAPPLIED'> {
    const { next, action } = transition(payment.status, news.outcome);
    const tenant = await this.deps.tenants.current(ctx);
    const today = todayIn(tenant.timezone);
    const on = [todayIn(tenant.timezone, news.at), today].sort()[0];
    const subject = { subjectType: 'Payment', subjectId: payment.id, data: { paymentId: payment.id, loanId: payment.loanId, amount: amountOf(payment), currency: payment.currency, providerRef: payment.providerRef, attempt: payment.attempt } };
    const em = await ctx.db();
    if (action === 'POST') {
      const [loan] = await em.query('SELECT status FROM loans WHERE id = $1', [payment.loanId]);
      if (loan?.status !== 'ACTIVE') {
        // The money is in but the loan takes no repayment (closed meanwhile, written off): kept for a person to apply or refund.
        await updatePayment(ctx, payment.id, { status: next, succeededOn: on, failureCode: 'unapplied', failureMessage: `loan is ${loan?.status ?? 'missing'}` });
        await emitEvent(ctx, { type: 'payment.unapplied', ...subject, data: { ...subject.data, loanStatus: loan?.status ?? null } });
        return 'UNAPPLIED';
      }
      const { transactionId } = await this.deps.servicing.recordRepayment(ctx, {
        loanId: payment.loanId!, amount: amountOf(payment), paidAt: on, method: 'STRIPE', reference: payment.providerRef, idempotencyKey: `stripe:${payment.providerRef}`,
      });
      await updatePayment(ctx, payment.id, { status: next, loanTransactionId: transactionId, succeededOn: on });
      await emitEvent(ctx, { type: 'payment.succeeded', ...subject, data: { ...subject.data, transactionId } });
    } else if (action === 'MARK_FAILED') {
      await updatePayment(ctx, payment.id, { status: next, failedOn: on, failureCode: news.failureCode ?? 'unknown', failureMessage: news.failureMessage ?? null });
      await emitEvent(ctx, { type: 'payment.failed', ...subject, data: { ...subject.data, failureCode: news.failureCode ?? 'unknown' } });
    } else if (action === 'REVERSE') {
      const [tx] = payment.loanTransactionId ? await em.query('SELECT status FROM loan_transactions WHERE id = $1', [payment.loanTransactionId]) : [];
      // Already reversed by staff (or never posted, when unapplied): only the payment's status follows.
      if (tx?.status === 'POSTED') await this.deps.servicing.reverseTransaction(ctx, payment.loanTransactionId!, news.reason ?? 'reversed by the payment provider');
      await updatePayment(ctx, payment.id, { status: next, failureCode: news.failureCode ?? null, failureMessage: news.reason ?? null });
      await emitEvent(ctx, { type: 'payment.reversed', ...subject, data: { ...subject.data, transactionId: payment.loanTransactionId, reason: news.reason ?? null } });
    }
    return action;
  }
}
