import Stripe from 'stripe';
import { Dec } from '../../core/money';
import { type FailedAttempt, nextAutoDebitAttempt } from '../../core/payments/retry-schedule';
import { badInput, notFound } from '../../core/domain-error';
import { todayIn } from '../../platform/tenancy/business-date';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { AuditService } from '../../platform/audit/audit.service';
import { LoanEntity } from '../loans';
import { type LoanServicingService, unpaidOf } from '../loans';
import type { TenantDirectory } from '../../platform/tenancy/tenant-directory';
import type { CollectionSettlement } from './collection-settlement';
import { insertPayment, paymentById, updatePayment } from './payment-records';
import type { PaymentSettingsService } from './payment-settings.service';
import type { StripeClients } from './stripe-clients';
import { paymentIdFor, stripeAmountOrThrow } from './payment-keys';

export interface AutoDebitMandate {
  loanId: string;
  customerId: string;
  paymentMethodId: string;
  status: 'ACTIVE' | 'CANCELLED';
}

export interface AutoDebitRunSummary {
  attempted: number;
  succeeded: number;
  failed: number;
  pending: number;
  waiting: number;
  gaveUp: number;
}

/**
 * Scheduled auto-debit: for each loan with an active mandate, every due and unpaid instalment is
 * charged off-session with the saved payment method. A decline is a failed attempt; the next one
 * waits as long as the tenant's retry policy says (core/payments/retry-schedule). Each attempt has
 * its own payment row and the idempotency key `autodebit:<loan>:<dueDate>:<attempt>`, so a job run
 * twice charges nothing twice.
 */
export class AutoDebitService {
  constructor(
    private readonly deps: { settings: PaymentSettingsService; clients: StripeClients; servicing: LoanServicingService; settlement: CollectionSettlement; tenants: TenantDirectory; audit: AuditService },
  ) {}

  async set(ctx: RequestContext, input: { loanId: string; customerId: string; paymentMethodId: string }): Promise<AutoDebitMandate> {
    if (!/^cus_[A-Za-z0-9]{4,}$/.test(input.customerId)) throw badInput('input.customerId', 'a Stripe customer id (cus_…)');
    if (!/^pm_[A-Za-z0-9_]{4,}$/.test(input.paymentMethodId)) throw badInput('input.paymentMethodId', 'a Stripe payment method id (pm_…)');
    const loan = await this.deps.servicing.byIdOrThrow(ctx, input.loanId);
    await (await ctx.db()).query(
      `INSERT INTO auto_debits (tenant_id, loan_id, customer_id, payment_method_id, status) VALUES ($1, $2, $3, $4, 'ACTIVE')
       ON CONFLICT (tenant_id, loan_id) DO UPDATE SET customer_id = EXCLUDED.customer_id, payment_method_id = EXCLUDED.payment_method_id, status = 'ACTIVE', updated_at = now()`,
      [ctx.tenant, loan.id, input.customerId, input.paymentMethodId]);
    await this.deps.audit.record(ctx, { action: 'payments.autoDebitSet', entityType: 'Loan', entityId: loan.id, after: { customerId: input.customerId, paymentMethodId: input.paymentMethodId } });
    return { loanId: loan.id, customerId: input.customerId, paymentMethodId: input.paymentMethodId, status: 'ACTIVE' };
  }

  async cancel(ctx: RequestContext, loanId: string): Promise<AutoDebitMandate> {
    const [[row]] = await (await ctx.db()).query(
      `UPDATE auto_debits SET status = 'CANCELLED', updated_at = now() WHERE loan_id = $1
       RETURNING loan_id AS "loanId", customer_id AS "customerId", payment_method_id AS "paymentMethodId", status`, [loanId]);
    if (!row) throw notFound('AutoDebit', loanId);
    await this.deps.audit.record(ctx, { action: 'payments.autoDebitCancelled', entityType: 'Loan', entityId: loanId });
    return row;
  }

  /**
   * One run for the tenant: charges what is due today under its retry policy. A tenant without
   * Stripe has nothing to do. No charge waits on Stripe inside a transaction: the attempts are
   * written (PENDING, due now) in one short transaction under the tenant's run lock, then each is
   * claimed, charged with its own idempotency key and recorded in short transactions of its own.
   * An attempt left PENDING by a crash or a network failure is charged again (same key) by the next run.
   */
  async run(ctx: RequestContext): Promise<AutoDebitRunSummary> {
    const summary: AutoDebitRunSummary = { attempted: 0, succeeded: 0, failed: 0, pending: 0, waiting: 0, gaveUp: 0 };
    const due = await ctx.detached((c) => this.plan(c, summary));
    for (const id of due) {
      const outcome = await this.process(ctx, id);
      // Claimed by a run beside this one (the hourly job and an operator's runAutoDebit): that run reports it.
      if (outcome === 'busy') continue;
      summary.attempted++;
      summary[outcome]++;
    }
    return summary;
  }

  /** Writes today's new attempts and returns every attempt due to be charged (new ones and those left unsent). */
  private async plan(ctx: RequestContext, summary: AutoDebitRunSummary): Promise<string[]> {
    const settings = await this.deps.settings.get(ctx);
    if (settings.provider !== 'STRIPE') return [];
    await this.deps.clients.forTenant(ctx);
    const today = todayIn((await this.deps.tenants.current(ctx)).timezone);
    const em = await ctx.db();
    // One plan per tenant at a time (the hourly job and an operator's runAutoDebit): the second waits, then finds the attempts written.
    await em.query("SELECT pg_advisory_xact_lock(hashtext('microlend:auto-debit:' || $1))", [ctx.tenant]);
    const mandates: AutoDebitMandate[] = await em.query(
      `SELECT a.loan_id AS "loanId", a.customer_id AS "customerId", a.payment_method_id AS "paymentMethodId", a.status
       FROM auto_debits a JOIN loans l ON l.tenant_id = a.tenant_id AND l.id = a.loan_id WHERE a.status = 'ACTIVE' AND l.status = 'ACTIVE' ORDER BY a.loan_id`);
    for (const mandate of mandates) {
      const loan = await em.getRepository(LoanEntity).findOneByOrFail({ id: mandate.loanId });
      const state = await this.deps.servicing.state(ctx, loan, today);
      for (const inst of state.installments.filter((i) => i.dueDate <= today && new Dec(unpaidOf(i)).gt(0))) {
        const attempts: { attempt: number; status: string; failedOn: string | null }[] = await em.query(
          `SELECT attempt, status, failed_on::text AS "failedOn" FROM payments WHERE loan_id = $1 AND kind = 'AUTO_DEBIT' AND due_date = $2`, [loan.id, inst.dueDate]);
        if (attempts.some((a) => a.status === 'PENDING' || a.status === 'SUCCEEDED')) continue;
        const failures: FailedAttempt[] = attempts.map((a) => ({ attempt: a.attempt, failedOn: a.failedOn ?? today }));
        const decision = nextAutoDebitAttempt(failures, settings.retryDelaysDays, today);
        if (decision.action === 'WAIT') summary.waiting++;
        if (decision.action === 'GIVE_UP') summary.gaveUp++;
        if (decision.action !== 'CHARGE') continue;
        const key = `autodebit:${loan.id}:${inst.dueDate}:${decision.attempt}`;
        const amount = unpaidOf(inst);
        stripeAmountOrThrow('amount', amount, loan.currency);
        await insertPayment(ctx, {
          id: paymentIdFor(ctx, key), kind: 'AUTO_DEBIT', provider: 'STRIPE', loanId: loan.id, amount, currency: loan.currency, attempt: decision.attempt, dueDate: inst.dueDate,
          idempotencyKey: key, queued: true,
        });
      }
    }
    const due: { id: string }[] = await em.query(
      `SELECT id FROM payments WHERE kind = 'AUTO_DEBIT' AND status = 'PENDING' AND provider_ref IS NULL AND next_attempt_at <= clock_timestamp() ORDER BY next_attempt_at, id`);
    return due.map((d) => d.id);
  }

  /** One attempt: claimed (leased) in a short transaction, charged with none open, recorded in another. */
  private async process(ctx: RequestContext, paymentId: string): Promise<'succeeded' | 'failed' | 'pending' | 'busy'> {
    const claimed = await ctx.detached((c) => this.claim(c, paymentId));
    if (!claimed) return 'busy';
    let answer: ChargeAnswer;
    try {
      answer = { intent: await claimed.charge() };
    } catch (err) {
      // A decline answers 402 with the PaymentIntent it left behind: a failed attempt, not a failed job.
      if (err instanceof Stripe.errors.StripeCardError) answer = { declined: err };
      else answer = { error: err as Error };
    }
    return ctx.detached((c) => this.record(c, paymentId, answer));
  }

  private async claim(ctx: RequestContext, paymentId: string): Promise<{ charge: () => Promise<Stripe.PaymentIntent> } | null> {
    const em = await ctx.db();
    const [row] = await em.query(
      `SELECT id FROM payments WHERE id = $1 AND status = 'PENDING' AND provider_ref IS NULL AND next_attempt_at <= clock_timestamp() FOR UPDATE SKIP LOCKED`, [paymentId]);
    if (!row) return null;
    await em.query(`UPDATE payments SET tries = tries + 1, next_attempt_at = clock_timestamp() + make_interval(secs => $2::double precision / 1000), updated_at = now() WHERE id = $1`, [paymentId, LEASE_MS]);
    const p = (await paymentById(ctx, paymentId))!;
    const [mandate]: AutoDebitMandate[] = await em.query(
      `SELECT loan_id AS "loanId", customer_id AS "customerId", payment_method_id AS "paymentMethodId", status FROM auto_debits WHERE loan_id = $1`, [p.loanId]);
    const settings = await this.deps.settings.get(ctx);
    const stripe = await this.deps.clients.forTenant(ctx);
    const minor = stripeAmountOrThrow('amount', p.amount, p.currency);
    const tenantId = ctx.tenant;
    return {
      charge: () => stripe.paymentIntents.create(
        {
          amount: minor, currency: p.currency.toLowerCase(), customer: mandate.customerId, payment_method: mandate.paymentMethodId,
          allowed_payment_method_types: settings.paymentMethodTypes, confirm: true, off_session: true,
          description: `Loan instalment due ${p.dueDate}`, metadata: { tenant_id: tenantId, loan_id: p.loanId!, payment_id: p.id, due_date: p.dueDate!, attempt: String(p.attempt) },
        },
        { idempotencyKey: p.idempotencyKey },
      ),
    };
  }

  private async record(ctx: RequestContext, paymentId: string, answer: ChargeAnswer): Promise<'succeeded' | 'failed' | 'pending' | 'busy'> {
    const current = (await paymentById(ctx, paymentId, true))!;
    // Recorded meanwhile (a run whose lease this one outlived, the webhook): nothing more to do.
    if (current.status !== 'PENDING' || current.providerRef) return 'busy';
    if ('error' in answer) {
      // Outcome unknown (network, 5xx): the next run charges it again under the same key, which replays Stripe's answer if it did act.
      await (await ctx.db()).query(
        `UPDATE payments SET failure_code = 'provider_error', failure_message = $2, next_attempt_at = clock_timestamp(), updated_at = now() WHERE id = $1`,
        [paymentId, answer.error.message ?? String(answer.error)]);
      return 'pending';
    }
    if ('declined' in answer) {
      const err = answer.declined;
      const ref = err.payment_intent?.id;
      if (ref) await updatePayment(ctx, paymentId, { providerRef: ref });
      await this.deps.settlement.apply(ctx, (await paymentById(ctx, paymentId, true))!, { outcome: 'FAILED', at: new Date(), failureCode: err.decline_code ?? err.code ?? 'card_declined', failureMessage: err.message });
      return 'failed';
    }
    const intent = answer.intent;
    const payment = await updatePayment(ctx, paymentId, { providerRef: intent.id, nextAttemptAt: null });
    if (intent.status === 'succeeded') {
      await this.deps.settlement.apply(ctx, payment, { outcome: 'SUCCEEDED', at: new Date() });
      return 'succeeded';
    }
    if (intent.status === 'requires_payment_method' || intent.status === 'canceled') {
      const e = intent.last_payment_error;
      await this.deps.settlement.apply(ctx, payment, { outcome: 'FAILED', at: new Date(), failureCode: e?.decline_code ?? e?.code ?? intent.status, failureMessage: e?.message ?? null });
      return 'failed';
    }
    // processing (bank debits) or requires_action: the webhook settles it.
    return 'pending';
  }
}

type ChargeAnswer = { intent: Stripe.PaymentIntent } | { declined: InstanceType<typeof Stripe.errors.StripeCardError> } | { error: Error };

/** How long a claimed charge may take before another run charges it again (same key): past the client's timeout and retries. */
const LEASE_MS = 5 * 60_000;
