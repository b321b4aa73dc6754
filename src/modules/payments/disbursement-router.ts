import { Dec } from '../../core/money';
import type { PaymentsProvider, TenantPaymentsProvider } from '../origination/providers/providers';
import type { RequestContext } from '../../platform/tenancy/request-context';
import { todayIn } from '../../platform/tenancy/business-date';
import type { TenantService } from '../tenancy/tenant.service';
import { insertPayment, paymentById, payoutAccountOf, updatePayment } from './payment-records';
import type { PaymentSettingsService } from './payment-settings.service';
import type { StripeClients } from './stripe-clients';
import { paymentIdFor, stripeAmountOrThrow, stripeKeyOf } from './stripe-payments.service';

/**
 * The payments provider as the tenant chose it: a lender on Stripe pays a borrower with a connected
 * account by Connect transfer (recorded as a DISBURSEMENT payment); everyone else goes through the
 * default provider (manual or sandbox) as before.
 */
export class DisbursementRouter implements TenantPaymentsProvider {
  constructor(
    private readonly deps: { fallback: PaymentsProvider; settings: PaymentSettingsService; clients: StripeClients; tenants: TenantService },
  ) {}

  async disburse(ctx: RequestContext, req: Parameters<TenantPaymentsProvider['disburse']>[1]) {
    const settings = await this.deps.settings.get(ctx);
    const destination = settings.provider === 'STRIPE' ? await payoutAccountOf(ctx, 'BORROWER', req.borrowerId) : null;
    if (!destination) return this.deps.fallback.disburse(req);
    const minor = stripeAmountOrThrow('amount', req.amount, req.currency);
    const id = paymentIdFor(ctx, req.idempotencyKey);
    const existing = await paymentById(ctx, id);
    if (existing?.providerRef) return { reference: existing.providerRef, status: 'SUCCEEDED' as const };
    await insertPayment(ctx, { id, kind: 'DISBURSEMENT', provider: 'STRIPE', loanId: req.reference, amount: new Dec(req.amount).toFixed(), currency: req.currency, idempotencyKey: req.idempotencyKey });
    const stripe = await this.deps.clients.forTenant(ctx);
    const transfer = await stripe.transfers.create(
      { amount: minor, currency: req.currency.toLowerCase(), destination, transfer_group: `loan:${req.reference}`, metadata: { tenant_id: ctx.tenant, loan_id: req.reference, payment_id: id } },
      { idempotencyKey: stripeKeyOf(id) },
    );
    await updatePayment(ctx, id, { providerRef: transfer.id, status: 'SUCCEEDED', succeededOn: todayIn((await this.deps.tenants.current(ctx)).timezone) });
    return { reference: transfer.id, status: 'SUCCEEDED' as const };
  }
}
