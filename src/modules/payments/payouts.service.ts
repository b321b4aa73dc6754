import Stripe from 'stripe';
import { Dec } from '../../core/money';
import { type PayoutCallResult, type PayoutRetryPolicy, afterPayoutCall, payoutProviderKey } from '../../core/payments/payout-policy';
import { once } from '../../platform/db/idempotency';
import { conflict, notFound } from '../../core/domain-error';
import type { JobData, JobDefinition } from '../../platform/queue/job';
import type { QueueRuntime } from '../../platform/queue/queue-runtime';
import { todayIn } from '../../platform/tenancy/business-date';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { AuditService } from '../../platform/audit/audit.service';
import type { TenantCipherService } from '../../platform/crypto/tenant-cipher.service';
import { emitEvent } from '../../platform/events/outbox';
import { BorrowerEntity } from '../identity';
import type { LedgerService } from '../ledger';
import type { LoanServicingService } from '../loans';
import type { PaymentsProvider, TenantPaymentsProvider } from '../../platform/providers/providers';
import type { TenantDirectory } from '../../platform/tenancy/tenant-directory';
import { type NewPayment, type PaymentRow, amountOf, insertPayment, paymentById, payoutAccountOf, updatePayment } from './payment-records';
import type { PaymentSettingsService } from './payment-settings.service';
import type { StripeClients } from './stripe-clients';
import { paymentIdFor, stripeAmountOrThrow } from './payment-keys';

export const PAYOUT_JOB = 'payments.payout';
export const PAYOUT_SWEEP_JOB = 'payments.payout.sweep';
export const PAYOUT_TENANT_SWEEP_JOB = 'payments.payout.tenant_sweep';

/**
 * How long a claimed provider call may take before the sweep sends it again (same idempotency key):
 * longer than the Stripe client's 20 s timeout times its network retries.
 */
const LEASE_MS = 5 * 60_000;
const SWEEP_BATCH = 500;
/** Money out; an auto-debit attempt (money in) is due the same way but charged by AutoDebitService. */
const PAYOUT_KINDS = "('DISBURSEMENT', 'COMMISSION_PAYOUT', 'REFUND')";

/** What the job did with one payout. */
export type PayoutRunOutcome = 'SUCCEEDED' | 'SUBMITTED' | 'RETRY' | 'FAILED' | 'NOT_DUE' | 'DONE' | 'BUSY';

interface Claimed {
  payment: PaymentRow;
  call: () => Promise<PayoutCallResult>;
}

/**
 * Money out of the lender's account (a loan's disbursement, an agent's commission, a refund of held
 * credit) never waits on a provider inside a database transaction. The request writes what it
 * means (the loan and its entry, the refund of credit) with a PENDING payment row and queues a job
 * after commit; the job, outside any transaction:
 *
 * 1. claims the row in a short transaction (counts the call, leases it for LEASE_MS);
 * 2. calls the provider with the row's idempotency key (`payment:<id>`, a new one per retried round);
 * 3. records the answer in another short transaction: SUCCEEDED with the provider's reference and
 *    its effects (the payout entry, events), a retry after a backoff, or FAILED with compensation.
 *
 * A crash between 2 and 3 leaves the row leased; the sweep sends it again under the same key and
 * the provider answers with the payout it already made, so it is paid (and recorded) once. A queue
 * that loses the job loses nothing either: the sweep finds every PENDING row that is due.
 */
export class PayoutService implements TenantPaymentsProvider {
  constructor(
    private readonly deps: {
      settings: PaymentSettingsService; clients: StripeClients; fallback: PaymentsProvider; ciphers: TenantCipherService;
      ledger: LedgerService; servicing: () => LoanServicingService; tenants: TenantDirectory; audit: AuditService; queue: () => QueueRuntime; policy: PayoutRetryPolicy;
    },
  ) {}

  /**
   * A loan's disbursement, queued: a Connect transfer when the lender is on Stripe and the borrower
   * has a connected account, the default provider otherwise. Written in the caller's transaction;
   * the job pays it once that commits.
   */
  async queueDisbursement(ctx: RequestContext, req: { amount: string; currency: string; loanId: string; borrowerId: string; idempotencyKey: string }) {
    const settings = await this.deps.settings.get(ctx);
    const destination = settings.provider === 'STRIPE' ? await payoutAccountOf(ctx, 'BORROWER', req.borrowerId) : null;
    if (destination) stripeAmountOrThrow('amount', req.amount, req.currency);
    const id = paymentIdFor(ctx, req.idempotencyKey);
    await this.queue(ctx, {
      id, kind: 'DISBURSEMENT', provider: destination ? 'STRIPE' : 'MANUAL', loanId: req.loanId, amount: new Dec(req.amount).toFixed(), currency: req.currency,
      idempotencyKey: req.idempotencyKey, destination,
    });
    // The loan's reference until the provider's replaces it: one word, so a bank statement line quoting it matches the loan.
    return { paymentId: id, reference: pendingPayoutRef(id) };
  }

  /** Any payout, queued in the caller's transaction (see the class comment). */
  async queue(ctx: RequestContext, p: Omit<NewPayment, 'queued' | 'status'>): Promise<PaymentRow> {
    const row = await insertPayment(ctx, { ...p, status: 'PENDING', queued: true });
    const tenantId = ctx.tenant;
    ctx.onAfterCommit(() => this.enqueue(tenantId, row));
    return row;
  }

  /**
   * The job: claim, call the provider with no transaction open, record. Each step that touches the
   * database is a transaction of its own; the job's own transaction is never opened.
   */
  async process(ctx: RequestContext, paymentId: string): Promise<PayoutRunOutcome> {
    const claimed = await ctx.detached((c) => this.claim(c, paymentId));
    if (typeof claimed === 'string') return claimed;
    const result = await this.send(claimed);
    return ctx.detached((c) => this.record(c, paymentId, result));
  }

  /**
   * Step 1: takes the row if it is due and nobody else holds it, counts the call and leases it.
   * Returns what to call, or why there is nothing to do.
   */
  async claim(ctx: RequestContext, paymentId: string): Promise<Claimed | PayoutRunOutcome> {
    const em = await ctx.db();
    const [row]: (PaymentRow & { waitMs: number })[] = await em.query(
      `SELECT id, status, provider_ref AS "providerRef", next_attempt_at AS "nextAttemptAt",
              ceil(greatest(0, extract(epoch FROM next_attempt_at - clock_timestamp()) * 1000))::int AS "waitMs"
       FROM payments WHERE id = $1 AND kind IN ${PAYOUT_KINDS} FOR UPDATE SKIP LOCKED`, [paymentId]);
    if (!row) return (await paymentById(ctx, paymentId)) ? 'BUSY' : 'DONE';
    if (row.status !== 'PENDING' || row.providerRef || !row.nextAttemptAt) return 'DONE';
    if (row.waitMs > 0) {
      const tenantId = ctx.tenant;
      ctx.onAfterCommit(() => this.enqueue(tenantId, { id: paymentId, round: 0, tries: 0 }, row.waitMs + 5, false));
      return 'NOT_DUE';
    }
    await em.query(`UPDATE payments SET tries = tries + 1, next_attempt_at = clock_timestamp() + make_interval(secs => $2::double precision / 1000), updated_at = now() WHERE id = $1`, [paymentId, LEASE_MS]);
    const payment = (await paymentById(ctx, paymentId))!;
    let call: Claimed['call'];
    try {
      call = await this.callFor(ctx, payment);
    } catch (err) {
      // Nothing to call with (Stripe disconnected since, a refund's collection gone): a refusal.
      const message = (err as Error).message;
      call = async () => ({ ok: false, definitive: true, code: 'provider_unavailable', message });
    }
    return { payment, call };
  }

  /** Step 2: the provider call. Never inside a transaction; every failure becomes a result. */
  async send(claimed: Claimed): Promise<PayoutCallResult> {
    try {
      return await claimed.call();
    } catch (err) {
      if (err instanceof Stripe.errors.StripeError) {
        const status = err.statusCode ?? 0;
        // A 4xx is Stripe's answer to these parameters and is replayed for the key; 409 (a concurrent
        // request on the key) and 429 (rate limit) are worth another try, as are 5xx and the network.
        const definitive = status >= 400 && status < 500 && status !== 409 && status !== 429;
        return { ok: false, definitive, code: err.code ?? err.rawType ?? 'stripe_error', message: err.message };
      }
      return { ok: false, definitive: false, code: 'provider_error', message: (err as Error).message ?? String(err) };
    }
  }

  /** Step 3: the provider's answer, recorded with its effects. A second recording of one payout does nothing. */
  async record(ctx: RequestContext, paymentId: string, result: PayoutCallResult): Promise<PayoutRunOutcome> {
    const payment = (await paymentById(ctx, paymentId, true))!;
    if (payment.status !== 'PENDING' || payment.providerRef) return 'DONE';
    const decision = afterPayoutCall(result, payment.tries, this.deps.policy);
    const today = todayIn((await this.deps.tenants.current(ctx)).timezone);
    switch (decision.status) {
      case 'SUCCEEDED': {
        const journalEntryId = await this.succeeded(ctx, payment, decision.providerRef, today);
        await updatePayment(ctx, paymentId, { status: 'SUCCEEDED', providerRef: decision.providerRef, succeededOn: today, nextAttemptAt: null, journalEntryId });
        return 'SUCCEEDED';
      }
      case 'SUBMITTED':
        // Accepted, not settled (a refund Stripe reports `pending`): the provider's webhook settles it.
        await updatePayment(ctx, paymentId, { providerRef: decision.providerRef, nextAttemptAt: null });
        return 'SUBMITTED';
      case 'RETRY': {
        await (await ctx.db()).query(
          `UPDATE payments SET failure_code = $2, failure_message = $3, next_attempt_at = clock_timestamp() + make_interval(secs => $4::double precision / 1000), updated_at = now() WHERE id = $1`,
          [paymentId, failureOf(result).code, failureOf(result).message, decision.retryInMs]);
        const tenantId = ctx.tenant;
        ctx.onAfterCommit(() => this.enqueue(tenantId, payment, decision.retryInMs));
        return 'RETRY';
      }
      case 'FAILED':
        await updatePayment(ctx, paymentId, { status: 'FAILED', failedOn: today, failureCode: decision.code, failureMessage: decision.message, nextAttemptAt: null });
        await this.failed(ctx, payment, decision);
        return 'FAILED';
    }
  }

  /**
   * A lender's retry of a FAILED disbursement or commission payout: a new round (new provider key,
   * the tries counted afresh), sent by the job after commit. Once per idempotency key.
   */
  async retry(ctx: RequestContext, paymentId: string, idempotencyKey: string): Promise<PaymentRow> {
    return once(ctx, 'retryPayout', idempotencyKey, { paymentId }, async () => {
      const payment = await paymentById(ctx, paymentId, true);
      if (!payment) throw notFound('Payment', paymentId);
      if (payment.kind !== 'DISBURSEMENT' && payment.kind !== 'COMMISSION_PAYOUT') throw conflict(`A ${payment.kind} payment is not retried; only a disbursement or a commission payout`, { reason: 'NOT_A_PAYOUT' });
      if (payment.status !== 'FAILED') throw conflict(`The payout is ${payment.status}; only a FAILED payout is retried`, { reason: `PAYOUT_${payment.status}` });
      const round = payment.round + 1;
      await (await ctx.db()).query(
        `UPDATE payments SET status = 'PENDING', round = $2, tries = 0, failed_on = NULL, next_attempt_at = now(), updated_at = now() WHERE id = $1`, [paymentId, round]);
      await this.deps.audit.record(ctx, { action: 'payout.retried', entityType: 'Payment', entityId: paymentId, before: { status: 'FAILED', round: payment.round, failureCode: payment.failureCode }, after: { status: 'PENDING', round } });
      const tenantId = ctx.tenant;
      ctx.onAfterCommit(() => this.enqueue(tenantId, { id: paymentId, round, tries: 0 }));
      return (await paymentById(ctx, paymentId))!;
    });
  }

  /** The tenant's payouts that are due (never sent, retry time come, or a lease run out): one job each. */
  async sweep(ctx: RequestContext): Promise<number> {
    const due = await ctx.detached((c) => this.due(c));
    for (const p of due) await this.enqueue(ctx.tenant, p);
    return due.length;
  }

  /** Every due payout of the tenant processed here and now, in order (what the job would do; for the CLI and tests). */
  async runDue(ctx: RequestContext): Promise<Record<string, PayoutRunOutcome>> {
    const out: Record<string, PayoutRunOutcome> = {};
    for (const p of await ctx.detached((c) => this.due(c))) out[p.id] = await this.process(ctx, p.id);
    return out;
  }

  private async due(ctx: RequestContext): Promise<{ id: string; round: number; tries: number }[]> {
    return (await ctx.db()).query(
      `SELECT id, round, tries FROM payments WHERE kind IN ${PAYOUT_KINDS} AND status = 'PENDING' AND provider_ref IS NULL AND next_attempt_at <= clock_timestamp()
       ORDER BY next_attempt_at LIMIT ${SWEEP_BATCH}`);
  }

  /** Queues one try of a payout. The job id names the try, so the sweep and the request do not queue it twice. */
  private async enqueue(tenantId: string, p: { id: string; round: number; tries: number }, delayMs = 0, named = true): Promise<void> {
    await this.deps.queue().enqueue({ name: PAYOUT_JOB } as JobDefinition<JobData & { paymentId: string }>, { tenantId, paymentId: p.id }, {
      jobId: named ? `payout-${p.id}-${p.round}-${p.tries}` : undefined, delay: delayMs || undefined, attempts: 3,
    });
  }

  /** The provider call for a claimed payout, with the round's idempotency key. */
  private async callFor(ctx: RequestContext, p: PaymentRow): Promise<() => Promise<PayoutCallResult>> {
    const key = payoutProviderKey(p.id, p.round);
    const metadata = { tenant_id: ctx.tenant, payment_id: p.id, ...(p.loanId ? { loan_id: p.loanId } : {}), ...(p.agentId ? { agent_id: p.agentId } : {}) };
    if (p.provider !== 'STRIPE') {
      if (p.kind !== 'DISBURSEMENT') throw new Error(`${p.kind} has no provider but Stripe`);
      const [loan] = await (await ctx.db()).query('SELECT borrower_id FROM loans WHERE id = $1', [p.loanId]);
      const borrower = await (await ctx.db()).getRepository(BorrowerEntity).findOneByOrFail({ id: loan.borrower_id });
      const beneficiary = borrower.bankAccountEnc ? (await this.deps.ciphers.cipher(ctx)).decrypt('bankAccount', borrower.bankAccountEnc) : `borrower:${borrower.id}`;
      const fallback = this.deps.fallback;
      const idempotencyKey = p.round <= 1 ? p.idempotencyKey : `${p.idempotencyKey}:r${p.round}`;
      return async () => {
        const paid = await fallback.disburse({ amount: p.amount, currency: p.currency, beneficiary, reference: p.loanId!, idempotencyKey });
        return { ok: true, providerRef: paid.reference, settled: true };
      };
    }
    const stripe = await this.deps.clients.forTenant(ctx);
    const minor = stripeAmountOrThrow('amount', p.amount, p.currency);
    if (p.kind === 'REFUND') {
      const parent = await paymentById(ctx, p.parentPaymentId!);
      return async () => {
        const refund = await stripe.refunds.create(
          { payment_intent: parent!.providerRef!, amount: minor, reason: 'requested_by_customer', metadata },
          { idempotencyKey: key },
        );
        if (refund.status === 'failed' || refund.status === 'canceled') return { ok: false, definitive: true, code: `refund_${refund.status}`, message: `Stripe refused the refund (${refund.status})` };
        return { ok: true, providerRef: refund.id, settled: refund.status === 'succeeded' };
      };
    }
    const group = p.kind === 'DISBURSEMENT' ? `loan:${p.loanId}` : `commission:${p.id}`;
    return async () => {
      const transfer = await stripe.transfers.create(
        { amount: minor, currency: p.currency.toLowerCase(), destination: p.destination!, transfer_group: group, metadata },
        { idempotencyKey: key },
      );
      return { ok: true, providerRef: transfer.id, settled: true };
    };
  }

  /** What a payout's success writes, by kind; returns the journal entry it posted, if any. */
  private async succeeded(ctx: RequestContext, p: PaymentRow, providerRef: string, today: string): Promise<string | undefined> {
    const amount = amountOf(p);
    if (p.kind === 'DISBURSEMENT') {
      // The money owed to the borrower since booking has now left: the payable becomes cash paid.
      const entryId = await this.deps.ledger.post(ctx, {
        kind: 'PAYOUT', businessDate: today, loanId: p.loanId, reference: providerRef,
        lines: [{ account: 'DISBURSEMENT_PAYABLE', debit: p.amount }, { account: 'CASH_CLEARING', credit: p.amount }],
      });
      const [[loan]] = await (await ctx.db()).query('UPDATE loans SET disbursement_ref = $2 WHERE id = $1 RETURNING borrower_id AS "borrowerId"', [p.loanId, providerRef]);
      await emitEvent(ctx, { type: 'payout.succeeded', subjectType: 'Loan', subjectId: p.loanId!, borrowerId: loan.borrowerId, data: this.eventData(p, { providerRef, journalEntryId: entryId }) });
      await this.deps.audit.record(ctx, { action: 'payout.succeeded', entityType: 'Loan', entityId: p.loanId!, after: { paymentId: p.id, amount, providerRef } });
      return entryId;
    }
    if (p.kind === 'COMMISSION_PAYOUT') {
      const entryId = await this.deps.ledger.post(ctx, {
        kind: 'COMMISSION_PAYOUT', businessDate: today, reference: `payment:${p.id}`,
        lines: [{ account: 'COMMISSION_PAYABLE', debit: p.amount }, { account: 'CASH_CLEARING', credit: p.amount }],
      });
      await emitEvent(ctx, { type: 'commission.paid', subjectType: 'Agent', subjectId: p.agentId!, agentId: p.agentId, data: { paymentId: p.id, agentId: p.agentId, amount, currency: p.currency, transferId: providerRef, journalEntryId: entryId } });
      await emitEvent(ctx, { type: 'payout.succeeded', subjectType: 'Agent', subjectId: p.agentId!, agentId: p.agentId, data: this.eventData(p, { providerRef, journalEntryId: entryId }) });
      await this.deps.audit.record(ctx, { action: 'commission.paid', entityType: 'Agent', entityId: p.agentId!, after: { paymentId: p.id, amount: p.amount, transferId: providerRef } });
      return entryId;
    }
    // A refund: the credit refund was posted when it was asked for.
    const [loan] = await (await ctx.db()).query('SELECT borrower_id AS "borrowerId" FROM loans WHERE id = $1', [p.loanId]);
    await emitEvent(ctx, { type: 'payment.refunded', subjectType: 'Payment', subjectId: p.id, borrowerId: loan?.borrowerId ?? null, data: { paymentId: p.id, loanId: p.loanId, amount, currency: p.currency, refundId: providerRef, transactionId: p.loanTransactionId } });
    await this.deps.audit.record(ctx, { action: 'payment.refunded', entityType: 'Payment', entityId: p.id, after: { loanId: p.loanId, amount: p.amount, refundId: providerRef } });
    return undefined;
  }

  /**
   * What a payout's final failure does, by kind. A disbursement's loan stays booked with the money
   * still owed to the borrower (DISBURSEMENT_PAYABLE) until a retried payout succeeds; a commission
   * posted nothing; a refund's credit refund is reversed, so the loan holds the credit again.
   */
  private async failed(ctx: RequestContext, p: PaymentRow, f: { code: string; message: string }): Promise<void> {
    const failure = { failureCode: f.code, failureMessage: f.message };
    if (p.kind === 'REFUND') {
      if (p.loanTransactionId) await this.deps.servicing().reverseTransaction(ctx, p.loanTransactionId, `refund ${p.id} failed at the provider: ${f.code}`);
      const [loan] = await (await ctx.db()).query('SELECT borrower_id AS "borrowerId" FROM loans WHERE id = $1', [p.loanId]);
      await emitEvent(ctx, { type: 'payment.refund_failed', subjectType: 'Payment', subjectId: p.id, borrowerId: loan?.borrowerId ?? null, data: this.eventData(p, failure) });
    } else if (p.kind === 'DISBURSEMENT') {
      const [loan] = await (await ctx.db()).query('SELECT borrower_id AS "borrowerId" FROM loans WHERE id = $1', [p.loanId]);
      await emitEvent(ctx, { type: 'payout.failed', subjectType: 'Loan', subjectId: p.loanId!, borrowerId: loan.borrowerId, data: this.eventData(p, failure) });
    } else {
      await emitEvent(ctx, { type: 'payout.failed', subjectType: 'Agent', subjectId: p.agentId!, agentId: p.agentId, data: this.eventData(p, failure) });
    }
    await this.deps.audit.record(ctx, { action: 'payout.failed', entityType: 'Payment', entityId: p.id, after: { kind: p.kind, amount: p.amount, tries: p.tries, round: p.round, ...failure } });
  }

  private eventData(p: PaymentRow, extra: Record<string, unknown>) {
    return { paymentId: p.id, kind: p.kind, loanId: p.loanId, agentId: p.agentId, amount: amountOf(p), currency: p.currency, attempts: p.tries, round: p.round, ...extra };
  }
}

/** A queued disbursement's reference (`payout_<payment id in hex>`), the loan's disbursement reference until it is paid. */
export const pendingPayoutRef = (paymentId: string) => `payout_${paymentId.replace(/-/g, '')}`;

function failureOf(r: PayoutCallResult): { code: string; message: string } {
  return r.ok ? { code: 'none', message: '' } : { code: r.code, message: r.message };
}
