import { Dec, currencyDecimals } from '../../core/money';
import { once } from '../../platform/db/idempotency';
import type { PageArgs } from '../../platform/graphql/connection';
import { badInput, conflict, notFound } from '../../core/domain-error';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { AuditService } from '../../platform/audit/audit.service';
import type { LoanServicingService } from '../loans';
import type { TenantDirectory } from '../../platform/tenancy/tenant-directory';
import { type PaymentFilter, type PaymentRow, insertPayment, listPayments, paymentById, payoutAccountOf, updatePayment } from './payment-records';
import type { PaymentSettingsService } from './payment-settings.service';
import type { PayoutService } from './payouts.service';
import { paymentIdFor, stripeAmountOrThrow, stripeKeyOf } from './payment-keys';
import type { StripeClients } from './stripe-clients';

const KEY_RE = /^[A-Za-z0-9._:-]{8,200}$/;

/**
 * Money through the tenant's own Stripe account: repayments collected with PaymentIntents (posted
 * when Stripe says they succeeded, see StripeWebhookService), refunds of held overpayments, and
 * agent commission payouts by Connect transfer (both queued here and sent by PayoutService's job,
 * never inside the request's transaction). Every call carries an idempotency key derived from our payment row.
 */
export class StripePaymentsService {
  constructor(
    private readonly deps: {
      settings: PaymentSettingsService; clients: StripeClients; servicing: LoanServicingService; payouts: PayoutService; tenants: TenantDirectory; audit: AuditService;
      limits: { defaultPageSize: number; maxPageSize: number };
      /** The agents module: a payout goes to a known agent. */
      agents: { requireActive(ctx: RequestContext, id: string, field: string, opts?: { anyStatus?: boolean }): Promise<unknown> };
      /** The commissions module: what an agent's month closes at. */
      statements: { statement(ctx: RequestContext, agentId: string, period: string): Promise<{ closing: string; closed: boolean; payoutId: string | null }> };
    },
  ) {}

  /**
   * A PaymentIntent for a repayment, its client secret answered to the caller. Stripe is called with
   * no transaction open: the PENDING collection is written and committed first (its id, and so the
   * Stripe idempotency key, derived from the caller's key), then the intent is created (or, when a
   * retry finds it made, retrieved), then its reference recorded. A request that dies between the
   * steps is finished by its retry: the same key creates nothing new at Stripe.
   */
  async createRepaymentIntent(ctx: RequestContext, input: { loanId: string; amount: string; idempotencyKey: string }) {
    if (!KEY_RE.test(input.idempotencyKey)) throw badInput('input.idempotencyKey', 'idempotencyKey must be 8-200 letters, digits or . _ : -');
    const planned = await ctx.detached(async (c) => {
      const loan = await this.deps.servicing.byIdOrThrow(c, input.loanId);
      if (loan.status !== 'ACTIVE') throw conflict(`The loan is ${loan.status}`);
      const minor = stripeAmountOrThrow('input.amount', input.amount, loan.currency);
      const settings = await this.deps.settings.get(c);
      const stripe = await this.deps.clients.forTenant(c);
      const id = paymentIdFor(c, `intent:${input.idempotencyKey}`);
      const existing = await paymentById(c, id, true);
      if (existing && (existing.loanId !== input.loanId || !new Dec(existing.amount).eq(input.amount))) {
        throw conflict(`idempotencyKey ${input.idempotencyKey} was used for a different payment`, { field: 'idempotencyKey' });
      }
      if (!existing) await insertPayment(c, { id, kind: 'COLLECTION', provider: 'STRIPE', loanId: loan.id, amount: new Dec(input.amount).toFixed(), currency: loan.currency, idempotencyKey: `intent:${input.idempotencyKey}` });
      return { id, stripe, existing, loan: { id: loan.id, currency: loan.currency }, minor, methods: settings.paymentMethodTypes, tenantId: c.tenant };
    });
    const { id, stripe, existing, loan } = planned;
    if (existing?.providerRef) {
      const pi = await stripe.paymentIntents.retrieve(existing.providerRef);
      return { paymentId: id, clientSecret: pi.client_secret, status: existing.status, providerRef: pi.id };
    }
    const pi = await stripe.paymentIntents.create(
      {
        amount: planned.minor, currency: loan.currency.toLowerCase(), allowed_payment_method_types: planned.methods,
        description: `Loan repayment ${loan.id}`, metadata: { tenant_id: planned.tenantId, loan_id: loan.id, payment_id: id },
      },
      { idempotencyKey: stripeKeyOf(id) },
    );
    await ctx.detached(async (c) => {
      const row = await paymentById(c, id, true);
      if (row?.providerRef) return;
      await updatePayment(c, id, { providerRef: pi.id });
      await this.deps.audit.record(c, { action: 'payment.intentCreated', entityType: 'Payment', entityId: id, after: { loanId: loan.id, amount: input.amount, providerRef: pi.id } });
    });
    return { paymentId: id, clientSecret: pi.client_secret, status: existing?.status ?? 'PENDING', providerRef: pi.id };
  }

  /**
   * Pays held overpayment back through Stripe: the credit refund in servicing (which checks the loan
   * holds that much) and a PENDING refund against the loan's latest succeeded PaymentIntent, which a
   * job sends to Stripe after commit (PayoutService). A refusal in servicing calls nobody; a refund
   * Stripe finally refuses reverses the credit refund, so the loan holds the credit again.
   */
  async refundOverpayment(ctx: RequestContext, input: { loanId: string; amount: string; idempotencyKey: string }) {
    return once(ctx, 'refundOverpayment', input.idempotencyKey, { loanId: input.loanId, amount: input.amount }, async () => {
      const loan = await this.deps.servicing.byIdOrThrow(ctx, input.loanId);
      stripeAmountOrThrow('input.amount', input.amount, loan.currency);
      await this.deps.clients.forTenant(ctx);
      const [collection]: PaymentRow[] = await (await ctx.db()).query(
        `SELECT id, amount::text AS amount, provider_ref AS "providerRef" FROM payments
         WHERE loan_id = $1 AND kind IN ('COLLECTION', 'AUTO_DEBIT') AND status = 'SUCCEEDED' AND provider_ref LIKE 'pi_%' ORDER BY succeeded_on DESC, id DESC LIMIT 1`, [loan.id]);
      if (!collection) throw conflict('The loan has no succeeded Stripe payment to refund against');
      if (new Dec(input.amount).gt(collection.amount)) throw badInput('input.amount', `at most the payment refunded against (${new Dec(collection.amount).toFixed(currencyDecimals(loan.currency))})`);
      const transaction = await this.deps.servicing.refundCredit(ctx, { loanId: loan.id, amount: input.amount, method: 'STRIPE', reference: collection.providerRef, idempotencyKey: `stripe-refund:${input.idempotencyKey}` });
      const id = paymentIdFor(ctx, `refund:${input.idempotencyKey}`);
      const row = await this.deps.payouts.queue(ctx, {
        id, kind: 'REFUND', provider: 'STRIPE', loanId: loan.id, amount: new Dec(input.amount).toFixed(), currency: loan.currency, parentPaymentId: collection.id,
        idempotencyKey: `refund:${input.idempotencyKey}`, loanTransactionId: transaction.id,
      });
      await this.deps.audit.record(ctx, { action: 'payment.refundRequested', entityType: 'Payment', entityId: id, after: { loanId: loan.id, amount: input.amount, transactionId: transaction.id } });
      return row;
    });
  }

  /** Where an agent's commissions (or a borrower's disbursements) are paid: a Stripe Connect account. */
  async setPayoutAccount(ctx: RequestContext, ownerType: 'AGENT' | 'BORROWER', ownerId: string, stripeAccountId: string) {
    if (!/^acct_[A-Za-z0-9]{4,}$/.test(stripeAccountId)) throw badInput('stripeAccountId', 'a Stripe connected account id (acct_…)');
    if (!ownerId.trim() || ownerId.length > 100) throw badInput(ownerType === 'AGENT' ? 'agentId' : 'borrowerId', 'an id');
    if (ownerType === 'AGENT') await this.deps.agents.requireActive(ctx, ownerId, 'agentId', { anyStatus: true });
    const em = await ctx.db();
    if (ownerType === 'BORROWER') {
      const [b] = await em.query('SELECT id FROM borrowers WHERE id = $1', [ownerId]);
      if (!b) throw notFound('Borrower', ownerId);
    }
    await em.query(
      `INSERT INTO payout_accounts (tenant_id, owner_type, owner_id, stripe_account_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, owner_type, owner_id) DO UPDATE SET stripe_account_id = EXCLUDED.stripe_account_id, updated_at = now()`,
      [ctx.tenant, ownerType, ownerId, stripeAccountId]);
    await this.deps.audit.record(ctx, { action: 'payments.payoutAccountSet', entityType: ownerType === 'AGENT' ? 'Agent' : 'Borrower', entityId: ownerId, after: { stripeAccountId } });
    return { ownerType, ownerId, stripeAccountId };
  }

  /**
   * An agent's commission statement paid: the closing balance of a closed month, as a PENDING payout
   * to its connected account, sent by Connect transfer by a job after commit (PayoutService); when
   * Stripe has made it, the balanced entry (commissions payable against cash) and `commission.paid`.
   * Never a typed amount; a statement is paid once (another key for it is CONFLICT STATEMENT_PAID).
   */
  async payAgentCommission(ctx: RequestContext, input: { agentId: string; period: string; idempotencyKey: string }) {
    return once(ctx, 'payAgentCommission', input.idempotencyKey, { agentId: input.agentId, period: input.period }, async () => {
      const tenant = await this.deps.tenants.current(ctx);
      const currency = tenant.baseCurrency;
      await this.deps.agents.requireActive(ctx, input.agentId, 'input.agentId', { anyStatus: true });
      const statement = await this.deps.statements.statement(ctx, input.agentId, input.period);
      if (!statement.closed) throw conflict(`The commission month ${input.period} is not closed: closeCommissionPeriod first`, { reason: 'PERIOD_OPEN' });
      if (statement.payoutId) throw conflict(`The statement of ${input.period} is paid already`, { reason: 'STATEMENT_PAID', paymentId: statement.payoutId });
      const amount = new Dec(statement.closing);
      if (!amount.gt(0)) throw conflict(`Nothing to pay: the statement of ${input.period} closes at ${amount.toFixed()} (a negative balance carries forward)`, { reason: 'NOTHING_TO_PAY', closing: amount.toFixed() });
      stripeAmountOrThrow('closing', amount.toFixed(), currency);
      const destination = await payoutAccountOf(ctx, 'AGENT', input.agentId);
      if (!destination) throw notFound('PayoutAccount', input.agentId);
      await this.deps.clients.forTenant(ctx);
      const key = `statement:${input.agentId}:${input.period}`;
      const id = paymentIdFor(ctx, key);
      const row = await this.deps.payouts.queue(ctx, { id, kind: 'COMMISSION_PAYOUT', provider: 'STRIPE', agentId: input.agentId, amount: amount.toFixed(), currency, idempotencyKey: key, destination });
      await this.deps.audit.record(ctx, { action: 'commission.payoutRequested', entityType: 'Agent', entityId: input.agentId, after: { paymentId: id, amount: amount.toFixed(), period: input.period } });
      return row;
    });
  }

  list(ctx: RequestContext, args: PageArgs & PaymentFilter) {
    return listPayments(ctx, args, this.deps.limits);
  }

  async byIdOrThrow(ctx: RequestContext, id: string): Promise<PaymentRow> {
    const row = await paymentById(ctx, id);
    if (!row) throw notFound('Payment', id);
    return row;
  }
}
