import type Stripe from 'stripe';
import { Dec } from '../../core/money';
import { fromStripeAmount } from '../../core/payments/minor-units';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { Units } from '../../platform/tenancy/units';
import { emitEvent } from '../../platform/events/outbox';
import type { CollectionSettlement } from './collection-settlement';
import { type PaymentRow, collectionByRef, paymentById } from './payment-records';
import type { PaymentSettingsService } from './payment-settings.service';
import type { StripeClients } from './stripe-clients';

export interface WebhookResponse {
  status: number;
  body: Record<string, unknown>;
}

/** A delivery refused before anything is written: the transaction rolls back, the caller answers `status`. */
class Rejected extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

const idOf = (v: string | { id: string } | null | undefined) => (typeof v === 'string' ? v : (v?.id ?? null));

/**
 * The per-tenant Stripe webhook endpoint (`POST /webhooks/stripe/:tenantSlug`). The signature is
 * checked against the tenant's signing secret before anything is written; each event id is recorded
 * once in `stripe_events` in the same transaction as its effect, so a redelivery (or a concurrent
 * twin, which waits on the key) is a no-op; the effect itself goes through CollectionSettlement,
 * whose forward-only rule makes out-of-order news harmless. An error rolls everything back and
 * answers 500, so Stripe delivers again.
 */
export class StripeWebhookService {
  constructor(private readonly deps: { units: Units; settings: PaymentSettingsService; clients: StripeClients; settlement: CollectionSettlement }) {}

  async handle(tenantSlug: string, rawBody: Buffer, signature: string | undefined): Promise<WebhookResponse> {
    const webhook = { type: 'SYSTEM' as const, id: 'stripe-webhook' };
    const [tenant] = await this.deps.units.run({ tenantId: null, actor: webhook }, async (c) => (await c.db()).query('SELECT tenant_id, status FROM auth_tenant(NULL, $1)', [tenantSlug]));
    if (!tenant || tenant.status !== 'ACTIVE') return { status: 404, body: { error: 'unknown endpoint' } };
    try {
      return await this.deps.units.run({ tenantId: tenant.tenant_id, actor: { type: 'SYSTEM', id: 'stripe-webhook' }, roles: [] }, async (ctx) => {
        const secrets = await this.deps.settings.stripeSecrets(ctx);
        if (!secrets) throw new Rejected(400, 'Stripe webhooks are not configured for this lender');
        let event: Stripe.Event;
        try {
          event = this.deps.clients.client(secrets.secretKey).webhooks.constructEvent(rawBody, signature ?? '', secrets.webhookSecret);
        } catch {
          throw new Rejected(400, 'invalid signature');
        }
        return this.process(ctx, event);
      });
    } catch (err) {
      if (err instanceof Rejected) return { status: err.status, body: { error: err.message } };
      throw err;
    }
  }

  private async process(ctx: RequestContext, event: Stripe.Event): Promise<WebhookResponse> {
    const em = await ctx.db();
    const claimed = await em.query(
      `INSERT INTO stripe_events (tenant_id, event_id, type, event_created_at) VALUES ($1, $2, $3, to_timestamp($4))
       ON CONFLICT (tenant_id, event_id) DO NOTHING RETURNING event_id`,
      [ctx.tenant, event.id, event.type, event.created]);
    if (claimed.length === 0) return { status: 200, body: { received: true, duplicate: true } };
    const { paymentId, outcome } = await this.apply(ctx, event);
    await em.query('UPDATE stripe_events SET payment_id = $2, outcome = $3 WHERE event_id = $1', [event.id, paymentId, outcome]);
    return { status: 200, body: { received: true, outcome } };
  }

  private async apply(ctx: RequestContext, event: Stripe.Event): Promise<{ paymentId: string | null; outcome: string }> {
    const at = new Date(event.created * 1000);
    switch (event.type) {
      case 'payment_intent.succeeded': {
        const pi = event.data.object;
        const payment = await this.collection(ctx, pi.id, pi.metadata?.payment_id);
        if (!payment) return { paymentId: null, outcome: 'UNKNOWN_PAYMENT' };
        return { paymentId: payment.id, outcome: await this.deps.settlement.apply(ctx, payment, { outcome: 'SUCCEEDED', at }) };
      }
      case 'payment_intent.payment_failed': {
        const pi = event.data.object;
        const payment = await this.collection(ctx, pi.id, pi.metadata?.payment_id);
        if (!payment) return { paymentId: null, outcome: 'UNKNOWN_PAYMENT' };
        const e = pi.last_payment_error;
        return { paymentId: payment.id, outcome: await this.deps.settlement.apply(ctx, payment, { outcome: 'FAILED', at, failureCode: e?.decline_code ?? e?.code ?? 'payment_failed', failureMessage: e?.message ?? null }) };
      }
      case 'charge.refunded': {
        const charge = event.data.object;
        const piId = idOf(charge.payment_intent);
        const payment = piId ? await this.collection(ctx, piId) : null;
        if (!payment) return { paymentId: null, outcome: 'UNKNOWN_PAYMENT' };
        // Our own refunds (refundOverpayment) are already posted as credit refunds: only money refunded
        // beyond them, from the Stripe dashboard, is news.
        const [{ ours }] = await (await ctx.db()).query("SELECT coalesce(sum(amount), 0)::text AS ours FROM payments WHERE kind = 'REFUND' AND parent_payment_id = $1 AND status <> 'FAILED'", [payment.id]);
        const refunded = new Dec(fromStripeAmount(charge.amount_refunded, charge.currency));
        if (refunded.lte(ours)) return { paymentId: payment.id, outcome: 'OWN_REFUND' };
        if (!charge.refunded || !new Dec(ours).isZero()) {
          await emitEvent(ctx, { type: 'payment.refund_unmatched', subjectType: 'Payment', subjectId: payment.id, data: { paymentId: payment.id, refunded: refunded.toFixed(), ours, chargeId: charge.id } });
          return { paymentId: payment.id, outcome: 'PARTIAL_REFUND_NEEDS_REVIEW' };
        }
        return { paymentId: payment.id, outcome: await this.deps.settlement.apply(ctx, payment, { outcome: 'REVERSED', at, failureCode: 'refunded', reason: `Stripe charge ${charge.id} refunded outside microlend` }) };
      }
      case 'charge.dispute.funds_withdrawn': {
        const dispute = event.data.object;
        const piId = idOf(dispute.payment_intent);
        const payment = piId ? await this.collection(ctx, piId) : null;
        if (!payment) return { paymentId: null, outcome: 'UNKNOWN_PAYMENT' };
        return { paymentId: payment.id, outcome: await this.deps.settlement.apply(ctx, payment, { outcome: 'REVERSED', at, failureCode: 'disputed', reason: `Stripe dispute ${dispute.id} (${dispute.reason}): funds withdrawn` }) };
      }
      default:
        return { paymentId: null, outcome: 'IGNORED' };
    }
  }

  /**
   * Our collection for a PaymentIntent, locked: by the payment id we put in its metadata (checked
   * against the reference, so metadata cannot point an event at another payment), else by reference.
   */
  private async collection(ctx: RequestContext, piId: string, paymentId?: string): Promise<PaymentRow | null> {
    if (paymentId && /^[0-9a-f-]{36}$/.test(paymentId)) {
      const byId = await paymentById(ctx, paymentId, true);
      if (byId && byId.providerRef === piId && (byId.kind === 'COLLECTION' || byId.kind === 'AUTO_DEBIT')) return byId;
    }
    const byRef = await collectionByRef(ctx, piId);
    // Ours (it names one of our payments) but not committed yet: refuse, so Stripe delivers it again later.
    if (!byRef && paymentId) throw new Rejected(409, `payment ${paymentId} is not known yet`);
    return byRef;
  }
}
