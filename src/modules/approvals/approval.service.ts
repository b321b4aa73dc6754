import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import {
  type ApprovalOperation, type ApprovalPolicy, type ApprovalReason, type ApprovalStatus, type ApproverRole, checkDecision, decideGuard,
} from '../../core/approvals';
import { canonicalJson } from '../../core/audit/hash-chain';
import { Dec } from '../../core/money';
import { uuidv7 } from '../../platform/db/ids';
import { returnedRows } from '../../platform/db/returned-rows';
import { type Connection, type PageArgs, decodeCursor, pageSize, toConnection } from '../../platform/graphql/connection';
import { badInput, DomainError, notFound } from '../../core/domain-error';
import { asDomainError } from '../../platform/db/domain-errors';
import { withoutNulls } from '../../platform/graphql/input';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { AuditService } from '../../platform/audit/audit.service';
import { StaffUserEntity } from '../identity';
import { zodToBadInput } from '../tenancy';
import { type ApprovalPolicyDefinition, approvalPoliciesSchema, approvalPolicySchema } from './approval-definition';
import { approvalRequired, waiverLimitExceeded } from './approval.errors';
import type { GuardedOperation, GuardedOperationRegistry, Measure } from './guarded-operation';

export interface ApprovalPolicyRow extends ApprovalPolicy {
  updatedAt: Date;
}

export interface ApprovalRequestRow {
  id: string;
  operation: ApprovalOperation;
  arguments: unknown;
  amount: string | null;
  currency: string | null;
  subject: string;
  reason: ApprovalReason;
  approverRoles: ApproverRole[];
  /** As stored: an undecided request past its expiry is still PENDING here (see effectiveStatus). */
  status: ApprovalStatus;
  makerType: string;
  makerId: string | null;
  createdAt: Date;
  expiresAt: Date;
  checkerType: string | null;
  checkerId: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  result: unknown;
  error: unknown;
}

const REQUEST_COLUMNS = `id, operation, arguments, amount::text AS amount, currency, subject, reason, approver_roles AS "approverRoles", status,
  maker_type AS "makerType", maker_id AS "makerId", created_at AS "createdAt", expires_at AS "expiresAt", checker_type AS "checkerType",
  checker_id AS "checkerId", decided_at AS "decidedAt", decision_note AS "decisionNote", result, error`;
const POLICY_COLUMNS = `operation, threshold_amount::text AS "thresholdAmount", approver_roles AS "approverRoles", expires_in_hours AS "expiresInHours", updated_at AS "updatedAt"`;

export interface ApprovalFilter {
  status?: ApprovalStatus | null;
  operation?: ApprovalOperation | null;
}

/**
 * Four-eyes on money-moving operations. Guarded resolvers call `guard`: with no policy (and no waiver
 * limit) the call runs as before; above the policy's threshold it becomes a pending request, written
 * in a transaction of its own and reported to the caller as APPROVAL_REQUIRED while the request's
 * own transaction (with nothing in it) rolls back. `approve` runs the stored call through the same
 * operation definition, under a row lock on the request, so it runs once however often it is approved.
 */
export class ApprovalService {
  constructor(private readonly deps: { audit: AuditService; operations: GuardedOperationRegistry; limits: { defaultPageSize: number; maxPageSize: number } }) {}

  /** Runs the operation now, or records a request for a second person and throws APPROVAL_REQUIRED. */
  async guard<A, R>(ctx: RequestContext, definition: GuardedOperation<A, R>, args: A): Promise<R> {
    const { operation } = definition;
    // One round trip: the tenant's policy for the operation and, for a staff user's waiver, their limit.
    const staffUser = operation === 'waive' && ctx.actor.type === 'STAFF_USER' ? ctx.actor.id : null;
    const [row] = await (await ctx.db()).query(
      `SELECT (SELECT row_to_json(p) FROM (SELECT ${POLICY_COLUMNS} FROM approval_policies WHERE operation = $1) p) AS policy,
              (SELECT waiver_limit::text FROM staff_users WHERE id = $2::uuid) AS "waiverLimit"`,
      [operation, staffUser],
    );
    const policy: ApprovalPolicy | null = row.policy ? { ...row.policy, operation } : null;
    const waiverLimit: string | null = row.waiverLimit === null ? null : new Dec(row.waiverLimit).toFixed();
    if (!policy && waiverLimit === null && !definition.hasAuthority) return definition.run(ctx, args);
    const measure = await definition.measure(ctx, args);
    const decision = decideGuard(operation, measure.amount, policy, { type: ctx.actor.type, id: ctx.actor.id, waiverLimit }, measure.beyondAuthority ?? false);
    if (decision.kind === 'RUN') return definition.run(ctx, args);
    if (decision.kind === 'REFUSED') {
      await ctx.detached((own) => this.deps.audit.record(own, {
        action: 'approval.refused', entityType: 'Operation', entityId: operation, after: { operation, subject: measure.subject, amount: measure.amount, waiverLimit, reason: 'WAIVER_LIMIT' },
      }));
      throw waiverLimitExceeded(measure.amount!, decision.waiverLimit);
    }
    // The request must stand although this call fails (to tell the maker): its own transaction.
    const request = await ctx.detached((own) => this.open(own, operation, args, measure, decision));
    throw approvalRequired(request);
  }

  async policies(ctx: RequestContext): Promise<ApprovalPolicyRow[]> {
    return (await ctx.db()).query(`SELECT ${POLICY_COLUMNS} FROM approval_policies ORDER BY operation`);
  }

  /** Sets the policy of one operation; an identical one writes nothing. */
  async setPolicy(ctx: RequestContext, input: unknown, root = ''): Promise<{ changed: boolean; policy: ApprovalPolicyRow }> {
    const parsed = approvalPolicySchema.safeParse(withoutNulls(input));
    if (!parsed.success) throw zodToBadInput(parsed.error, root);
    return this.write(ctx, parsed.data);
  }

  /** Removes the policy of an operation: its calls run without approval again (requests already made stay). */
  async removePolicy(ctx: RequestContext, operation: ApprovalOperation): Promise<boolean> {
    const [removed] = returnedRows(await (await ctx.db()).query(`DELETE FROM approval_policies WHERE operation = $1 RETURNING ${POLICY_COLUMNS}`, [operation]));
    if (!removed) return false;
    await this.deps.audit.record(ctx, { action: 'approvalPolicy.removed', entityType: 'ApprovalPolicy', entityId: operation, before: removed });
    return true;
  }

  /** `approvalPolicies:` of a tenant file: exactly these policies (others are removed). */
  async applyPolicies(ctx: RequestContext, input: unknown, root = 'approvalPolicies'): Promise<boolean> {
    const parsed = approvalPoliciesSchema.safeParse(withoutNulls(input));
    if (!parsed.success) throw zodToBadInput(parsed.error, root);
    let changed = false;
    for (const policy of parsed.data) changed = (await this.write(ctx, policy)).changed || changed;
    for (const current of await this.policies(ctx)) {
      if (!parsed.data.some((p) => p.operation === current.operation)) changed = (await this.removePolicy(ctx, current.operation)) || changed;
    }
    return changed;
  }

  async byIdOrThrow(ctx: RequestContext, id: string): Promise<ApprovalRequestRow> {
    const [row] = await (await ctx.db()).query(`SELECT ${REQUEST_COLUMNS} FROM approval_requests WHERE id = $1`, [id]);
    if (!row) throw notFound('ApprovalRequest', id);
    return row;
  }

  /** Requests by status (default PENDING, i.e. undecided and unexpired), newest first. */
  async list(ctx: RequestContext, args: PageArgs & ApprovalFilter): Promise<Connection<ApprovalRequestRow>> {
    const size = pageSize(args, this.deps.limits);
    const where: string[] = [];
    const params: unknown[] = [];
    const status = args.status ?? 'PENDING';
    if (status === 'PENDING') where.push("status = 'PENDING' AND expires_at > now()");
    else if (status === 'EXPIRED') where.push("(status = 'EXPIRED' OR (status = 'PENDING' AND expires_at <= now()))");
    else where.push(`status = $${params.push(status)}`);
    if (args.operation) where.push(`operation = $${params.push(args.operation)}`);
    if (args.after) where.push(`id < $${params.push(decodeCursor(args.after))}`);
    const rows = await (await ctx.db()).query(
      `SELECT ${REQUEST_COLUMNS} FROM approval_requests WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ${size + 1}`, params);
    return toConnection(rows, size, (r: ApprovalRequestRow) => r.id, Boolean(args.after));
  }

  /**
   * Runs the request's operation exactly as the maker's call would have, with its stored arguments,
   * and records the checker and the result. The request row is locked first, so approving twice (or
   * concurrently) runs it once: the second approver finds it decided. If the operation fails, the
   * request is recorded as FAILED with the error (once this transaction has rolled back) and the
   * approver gets the operation's error.
   */
  async approve(ctx: RequestContext, id: string, note: string | null): Promise<ApprovalRequestRow> {
    const request = await this.lockOrThrow(ctx, id);
    await this.checkChecker(ctx, request, 'APPROVE');
    let result: unknown;
    try {
      result = await this.definition(request.operation).run(ctx, request.arguments);
    } catch (err) {
      const coded = asDomainError(err);
      const error = coded ? { code: coded.code, message: coded.message } : { code: 'INTERNAL', message: 'The operation failed' };
      ctx.onAfterRollback(() => ctx.detached((own) => this.settleFailed(own, request, error, note)));
      if (!coded) throw err;
      throw new DomainError(coded.code, coded.message, { ...coded.details, approvalRequestId: id, approvalStatus: 'FAILED' });
    }
    const summary = summarize(result);
    const [updated] = returnedRows(await (await ctx.db()).query(
      `UPDATE approval_requests SET status = 'APPROVED', checker_type = $2, checker_id = $3, decided_at = now(), decision_note = $4, result = $5
       WHERE id = $1 RETURNING ${REQUEST_COLUMNS}`,
      [id, ctx.actor.type, ctx.actor.id, note, JSON.stringify(summary)],
    ));
    await this.deps.audit.record(ctx, {
      action: 'approval.approved', entityType: 'ApprovalRequest', entityId: id, before: { status: 'PENDING' },
      after: { status: 'APPROVED', operation: request.operation, subject: request.subject, amount: request.amount, maker: { type: request.makerType, id: request.makerId }, note, result: summary },
    });
    return updated;
  }

  async reject(ctx: RequestContext, id: string, reason: string): Promise<ApprovalRequestRow> {
    if (!reason.trim()) throw badInput('reason', 'a rejection needs a reason');
    const request = await this.lockOrThrow(ctx, id);
    await this.checkChecker(ctx, request, 'REJECT');
    const [updated] = returnedRows(await (await ctx.db()).query(
      `UPDATE approval_requests SET status = 'REJECTED', checker_type = $2, checker_id = $3, decided_at = now(), decision_note = $4
       WHERE id = $1 RETURNING ${REQUEST_COLUMNS}`,
      [id, ctx.actor.type, ctx.actor.id, reason],
    ));
    await this.deps.audit.record(ctx, {
      action: 'approval.rejected', entityType: 'ApprovalRequest', entityId: id, before: { status: 'PENDING' },
      after: { status: 'REJECTED', operation: request.operation, subject: request.subject, amount: request.amount, maker: { type: request.makerType, id: request.makerId }, reason },
    });
    return updated;
  }

  /** A staff user's own waiver limit: waivers above it need a second person (or are refused without a waive policy). */
  async setWaiverLimit(ctx: RequestContext, userId: string, limit: string | null): Promise<StaffUserEntity> {
    if (limit !== null && !/^(0|[1-9]\d{0,13})(\.\d{1,4})?$/.test(limit)) throw badInput('limit', 'a non-negative decimal string such as "500.00", or null for no personal limit');
    const repo = (await ctx.db()).getRepository(StaffUserEntity);
    const user = await repo.createQueryBuilder('u').setLock('pessimistic_write').where('u.id = :id', { id: userId }).getOne();
    if (!user) throw notFound('StaffUser', userId);
    const before = user.waiverLimit;
    await repo.update({ tenantId: user.tenantId, id: userId }, { waiverLimit: limit, updatedAt: new Date() });
    await this.deps.audit.record(ctx, { action: 'staffUser.waiverLimitChanged', entityType: 'StaffUser', entityId: userId, before: { waiverLimit: before }, after: { waiverLimit: limit } });
    return (await repo.findOneBy({ id: userId }))!;
  }

  /** A stored request's operation, by name: its arguments are what `guard` stored for it. */
  private definition(operation: ApprovalOperation): GuardedOperation<unknown, unknown> {
    return this.deps.operations[operation] as GuardedOperation<unknown, unknown>;
  }

  private async write(ctx: RequestContext, policy: ApprovalPolicyDefinition): Promise<{ changed: boolean; policy: ApprovalPolicyRow }> {
    const em = await ctx.db();
    const threshold = policy.thresholdAmount === null ? null : new Dec(policy.thresholdAmount).toFixed(4);
    const [current] = await em.query(`SELECT ${POLICY_COLUMNS} FROM approval_policies WHERE operation = $1 FOR UPDATE`, [policy.operation]);
    const wanted = { thresholdAmount: threshold, approverRoles: policy.approverRoles, expiresInHours: policy.expiresInHours };
    if (current && isDeepStrictEqual({ thresholdAmount: current.thresholdAmount, approverRoles: current.approverRoles, expiresInHours: current.expiresInHours }, wanted)) {
      return { changed: false, policy: current };
    }
    const [saved] = await em.query(
      `INSERT INTO approval_policies (tenant_id, operation, threshold_amount, approver_roles, expires_in_hours) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (tenant_id, operation) DO UPDATE SET threshold_amount = EXCLUDED.threshold_amount, approver_roles = EXCLUDED.approver_roles,
         expires_in_hours = EXCLUDED.expires_in_hours, updated_at = now()
       RETURNING ${POLICY_COLUMNS}`,
      [ctx.tenant, policy.operation, threshold, policy.approverRoles, policy.expiresInHours],
    );
    await this.deps.audit.record(ctx, { action: 'approvalPolicy.changed', entityType: 'ApprovalPolicy', entityId: policy.operation, before: current ?? null, after: wanted });
    return { changed: true, policy: saved };
  }

  /** Records the request (in the caller's own transaction, see guard); the same call while it is pending finds it. */
  private async open(ctx: RequestContext, operation: ApprovalOperation, args: unknown, measure: Measure,
    decision: { reason: ApprovalReason; approverRoles: ApproverRole[]; expiresInHours: number }): Promise<ApprovalRequestRow> {
    const em = await ctx.db();
    const stored = JSON.parse(JSON.stringify(args));
    const hash = createHash('sha256').update(canonicalJson(stored)).digest('hex');
    // An identical request left undecided past its expiry no longer stands in the way.
    await em.query(`UPDATE approval_requests SET status = 'EXPIRED' WHERE operation = $1 AND arguments_hash = $2 AND status = 'PENDING' AND expires_at <= now()`, [operation, hash]);
    const [created] = await em.query(
      `INSERT INTO approval_requests (tenant_id, id, operation, arguments, arguments_hash, amount, currency, subject, reason, approver_roles, status, maker_type, maker_id, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'PENDING', $11, $12, now() + make_interval(hours => $13::int))
       ON CONFLICT (tenant_id, operation, arguments_hash) WHERE status = 'PENDING' DO NOTHING
       RETURNING ${REQUEST_COLUMNS}`,
      [ctx.tenant, uuidv7(), operation, JSON.stringify(stored), hash, measure.amount, measure.currency, measure.subject, decision.reason, decision.approverRoles,
        ctx.actor.type, ctx.actor.id, decision.expiresInHours],
    );
    if (!created) {
      const [pending] = await em.query(`SELECT ${REQUEST_COLUMNS} FROM approval_requests WHERE operation = $1 AND arguments_hash = $2 AND status = 'PENDING'`, [operation, hash]);
      return pending;
    }
    await this.deps.audit.record(ctx, {
      action: 'approval.requested', entityType: 'ApprovalRequest', entityId: created.id,
      after: { operation, subject: measure.subject, amount: measure.amount, currency: measure.currency, reason: decision.reason, approverRoles: decision.approverRoles, expiresAt: created.expiresAt, arguments: stored },
    });
    return created;
  }

  private async lockOrThrow(ctx: RequestContext, id: string): Promise<ApprovalRequestRow> {
    const [row] = await (await ctx.db()).query(`SELECT ${REQUEST_COLUMNS} FROM approval_requests WHERE id = $1 FOR UPDATE`, [id]);
    if (!row) throw notFound('ApprovalRequest', id);
    return row;
  }

  /** Refuses a checker who may not decide; the refusal (and an expiry found on the way) is recorded once this transaction is gone. */
  private async checkChecker(ctx: RequestContext, request: ApprovalRequestRow, action: 'APPROVE' | 'REJECT'): Promise<void> {
    let waiverLimit: string | null = null;
    if (request.operation === 'waive' && ctx.actor.type === 'STAFF_USER') {
      const [user] = await (await ctx.db()).query('SELECT waiver_limit::text AS "waiverLimit" FROM staff_users WHERE id = $1', [ctx.actor.id]);
      waiverLimit = user?.waiverLimit ?? null;
    }
    const check = checkDecision(request, { type: ctx.actor.type, id: ctx.actor.id, roles: [...ctx.roles], waiverLimit }, new Date(), action);
    if (check.ok) return;
    ctx.onAfterRollback(() => ctx.detached(async (own) => {
      if (check.reason === 'EXPIRED') {
        await (await own.db()).query("UPDATE approval_requests SET status = 'EXPIRED' WHERE id = $1 AND status = 'PENDING' AND expires_at <= now()", [request.id]);
      }
      await this.deps.audit.record(own, { action: 'approval.refused', entityType: 'ApprovalRequest', entityId: request.id, after: { attempted: action, reason: check.reason } });
    }));
    throw new DomainError(check.code, check.message, { reason: check.reason, approvalRequestId: request.id });
  }

  private async settleFailed(ctx: RequestContext, request: ApprovalRequestRow, error: unknown, note: string | null): Promise<void> {
    const [failed] = returnedRows(await (await ctx.db()).query(
      `UPDATE approval_requests SET status = 'FAILED', checker_type = $2, checker_id = $3, decided_at = now(), decision_note = $4, error = $5
       WHERE id = $1 AND status = 'PENDING' RETURNING id`,
      [request.id, ctx.actor.type, ctx.actor.id, note, JSON.stringify(error)],
    ));
    if (!failed) return;
    await this.deps.audit.record(ctx, {
      action: 'approval.failed', entityType: 'ApprovalRequest', entityId: request.id, before: { status: 'PENDING' },
      after: { status: 'FAILED', operation: request.operation, subject: request.subject, amount: request.amount, maker: { type: request.makerType, id: request.makerId }, note, error },
    });
  }
}

/** What an approved operation produced, as the request keeps it: the ids and states that name the outcome. */
function summarize(result: unknown): unknown {
  if (result === null || typeof result !== 'object') return result ?? null;
  if (Array.isArray(result)) return { count: result.length };
  const keep = ['id', 'loanId', 'transactionId', 'status', 'kind', 'amount', 'version', 'currentVersion', 'changed'];
  const picked = Object.fromEntries(Object.entries(result as Record<string, unknown>).filter(([k, v]) => keep.includes(k) && v !== undefined));
  return Object.keys(picked).length ? JSON.parse(JSON.stringify(picked)) : null;
}
