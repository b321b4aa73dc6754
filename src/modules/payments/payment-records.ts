import { type Connection, type PageArgs, decodeCursor, pageSize, toConnection } from '../../platform/graphql/connection';
import { SqlWhere } from '../../platform/db/sql-where';
import { badInput } from '../../core/domain-error';
import { isUuid } from '../../platform/db/ids';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { PaymentStatus } from '../../core/payments/payment-status';
import { Dec, currencyDecimals } from '../../core/money';

export type PaymentKind = 'COLLECTION' | 'AUTO_DEBIT' | 'REFUND' | 'DISBURSEMENT' | 'COMMISSION_PAYOUT';

/** A `payments` row: one collection, auto-debit attempt, refund, disbursement or commission payout. */
export interface PaymentRow {
  id: string;
  kind: PaymentKind;
  provider: string;
  loanId: string | null;
  agentId: string | null;
  amount: string;
  currency: string;
  providerRef: string | null;
  status: PaymentStatus;
  attempt: number;
  dueDate: string | null;
  parentPaymentId: string | null;
  idempotencyKey: string;
  loanTransactionId: string | null;
  journalEntryId: string | null;
  succeededOn: string | null;
  failedOn: string | null;
  failureCode: string | null;
  failureMessage: string | null;
  /** A payout's Stripe connected account (null: the default provider pays the borrower's bank account). */
  destination: string | null;
  /** A payout's provider calls in its current round, the round (a lender's retry starts the next), and when the next call is due. */
  tries: number;
  round: number;
  nextAttemptAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = `id, kind, provider, loan_id AS "loanId", agent_id AS "agentId", amount::text AS amount, currency, provider_ref AS "providerRef", status, attempt,
  due_date::text AS "dueDate", parent_payment_id AS "parentPaymentId", idempotency_key AS "idempotencyKey", loan_transaction_id AS "loanTransactionId",
  journal_entry_id AS "journalEntryId", succeeded_on::text AS "succeededOn", failed_on::text AS "failedOn", failure_code AS "failureCode",
  failure_message AS "failureMessage", destination, tries, round, next_attempt_at AS "nextAttemptAt", created_at AS "createdAt", updated_at AS "updatedAt"`;

export interface NewPayment {
  id: string;
  kind: PaymentKind;
  provider: string;
  loanId?: string | null;
  agentId?: string | null;
  amount: string;
  currency: string;
  status?: PaymentStatus;
  attempt?: number;
  dueDate?: string | null;
  parentPaymentId?: string | null;
  idempotencyKey: string;
  loanTransactionId?: string | null;
  destination?: string | null;
  /** A payout to send: due now (the job, or failing that the sweep, sends it after commit). */
  queued?: boolean;
}

export async function insertPayment(ctx: RequestContext, p: NewPayment): Promise<PaymentRow> {
  const [row] = await (await ctx.db()).query(
    `INSERT INTO payments (tenant_id, id, kind, provider, loan_id, agent_id, amount, currency, status, attempt, due_date, parent_payment_id, idempotency_key, loan_transaction_id,
                           created_by_type, created_by_id, destination, next_attempt_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, CASE WHEN $18::boolean THEN now() END) RETURNING ${COLUMNS}`,
    [ctx.tenant, p.id, p.kind, p.provider, p.loanId ?? null, p.agentId ?? null, p.amount, p.currency, p.status ?? 'PENDING', p.attempt ?? 1, p.dueDate ?? null,
      p.parentPaymentId ?? null, p.idempotencyKey, p.loanTransactionId ?? null, ctx.actor.type, ctx.actor.id, p.destination ?? null, p.queued ?? false],
  );
  return row;
}

/** A payment by id; `lock` takes its row lock so concurrent news about it (webhook, job) queue. */
export async function paymentById(ctx: RequestContext, id: string, lock = false): Promise<PaymentRow | null> {
  const [row] = await (await ctx.db()).query(`SELECT ${COLUMNS} FROM payments WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
  return row ?? null;
}

/** The collection (one-off or auto-debit) behind a provider reference such as a PaymentIntent id, locked. */
export async function collectionByRef(ctx: RequestContext, providerRef: string): Promise<PaymentRow | null> {
  const [row] = await (await ctx.db()).query(`SELECT ${COLUMNS} FROM payments WHERE provider_ref = $1 AND kind IN ('COLLECTION', 'AUTO_DEBIT') FOR UPDATE`, [providerRef]);
  return row ?? null;
}

type Patch = Partial<Pick<PaymentRow, 'status' | 'providerRef' | 'loanTransactionId' | 'journalEntryId' | 'succeededOn' | 'failedOn' | 'failureCode' | 'failureMessage' | 'tries' | 'round' | 'nextAttemptAt'>>;
const PATCH_COLUMNS: Record<keyof Patch, string> = {
  status: 'status', providerRef: 'provider_ref', loanTransactionId: 'loan_transaction_id', journalEntryId: 'journal_entry_id',
  succeededOn: 'succeeded_on', failedOn: 'failed_on', failureCode: 'failure_code', failureMessage: 'failure_message',
  tries: 'tries', round: 'round', nextAttemptAt: 'next_attempt_at',
};

export async function updatePayment(ctx: RequestContext, id: string, patch: Patch): Promise<PaymentRow> {
  const keys = (Object.keys(patch) as (keyof Patch)[]).filter((k) => patch[k] !== undefined);
  const sets = keys.map((k, i) => `${PATCH_COLUMNS[k]} = $${i + 2}`);
  const [rows] = await (await ctx.db()).query(`UPDATE payments SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE id = $1 RETURNING ${COLUMNS}`, [id, ...keys.map((k) => patch[k])]);
  return rows[0];
}

export interface PaymentFilter {
  loanId?: string | null;
  agentId?: string | null;
  kind?: PaymentKind | null;
  status?: PaymentStatus | null;
}

export async function listPayments(ctx: RequestContext, args: PageArgs & PaymentFilter, limits: { defaultPageSize: number; maxPageSize: number }): Promise<Connection<PaymentRow>> {
  const size = pageSize(args, limits);
  const where = new SqlWhere();
  if (args.after) {
    // Ids are derived from keys (not time-ordered): pages go by creation time, then id.
    const [at, id] = decodeCursor(args.after).split('|');
    if (!id || !isUuid(id) || Number.isNaN(Date.parse(at))) throw badInput('after', 'Malformed cursor');
    where.and('(created_at, id) < (?::timestamptz, ?::uuid)', at, id);
  }
  if (args.loanId) where.and('loan_id = ?', args.loanId);
  if (args.agentId) where.and('agent_id = ?', args.agentId);
  if (args.kind) where.and('kind = ?', args.kind);
  if (args.status) where.and('status = ?', args.status);
  const limit = where.bind(size + 1);
  const rows = await (await ctx.db()).query(
    `SELECT ${COLUMNS}, created_at::text AS "cursorAt" FROM payments ${where.sql} ORDER BY created_at DESC, id DESC LIMIT ${limit}`, where.params);
  return toConnection(rows, size, (r: PaymentRow & { cursorAt: string }) => `${r.cursorAt}|${r.id}`, Boolean(args.after));
}

/** The Stripe connected account an agent or a borrower is paid to, if any. */
export async function payoutAccountOf(ctx: RequestContext, ownerType: 'AGENT' | 'BORROWER', ownerId: string): Promise<string | null> {
  const [row] = await (await ctx.db()).query('SELECT stripe_account_id FROM payout_accounts WHERE owner_type = $1 AND owner_id = $2', [ownerType, ownerId]);
  return row?.stripe_account_id ?? null;
}

/** A payment's amount in its currency's decimals ("250.00"), as events and the API show it. */
export const amountOf = (p: Pick<PaymentRow, 'amount' | 'currency'>): string => new Dec(p.amount).toFixed(currencyDecimals(p.currency));
