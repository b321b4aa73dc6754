import { CASE_PRIORITY_SQL, type CollectionChannel, type CollectionStage, type ContactParty, checkContact, localTime } from '../../core/collections';
import { Dec } from '../../core/money';
import { DomainError, badInput, conflict, notFound } from '../../core/domain-error';
import { addDaysIso } from '../../core/loan-math/calendar';
import type { AuditService } from '../../platform/audit/audit.service';
import { uuidv7 } from '../../platform/db/ids';
import { SqlWhere } from '../../platform/db/sql-where';
import { type Connection, type PageArgs, decodeCursor, pageSize, toConnection } from '../../platform/graphql/connection';
import { isCalendarDate } from '../../platform/graphql/scalars';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { TenantDirectory } from '../../platform/tenancy/tenant-directory';
import type { CollectionPolicyService } from './collection-policy.service';
import { contactAttempt } from './conduct-check';

export interface CaseRow {
  id: string;
  loanId: string;
  borrowerId: string;
  policyId: string;
  policyCode: string;
  policyVersion: number;
  stageIndex: number;
  stageName: string;
  stage: CollectionStage;
  team: string;
  status: 'OPEN' | 'CLOSED';
  closeReason: string | null;
  dpd: number;
  amountOverdue: string;
  brokenPromises: number;
  priority: string;
  assigneeId: string | null;
  openedOn: string;
  stageEnteredOn: string;
  firstContactDueAt: Date | null;
  pausedUntil: Date | null;
  escalatedAt: Date | null;
  closedOn: string | null;
  /** The collection agency the case is placed with now, or null. */
  placedWith: string | null;
  productId: string;
  currency: string;
  /** The loan's currency's minor-unit decimals (amounts are checked and shown in them). */
  moneyDecimals: number;
}

export interface CaseFilter {
  stage?: string | null;
  assignee?: string | null;
  status?: 'OPEN' | 'CLOSED' | null;
  dpdMin?: number | null;
  productId?: string | null;
}

const CASE_SELECT = `
  SELECT c.id, c.loan_id AS "loanId", c.borrower_id AS "borrowerId", c.policy_id AS "policyId", cp.code AS "policyCode", cp.version AS "policyVersion",
         c.stage_index AS "stageIndex", c.stage_name AS "stageName", cp.definition -> 'stages' -> c.stage_index AS stage, c.team, c.status,
         c.close_reason AS "closeReason", c.dpd, round(c.amount_overdue, l.money_decimals)::text AS "amountOverdue", c.broken_promises AS "brokenPromises",
         round(${CASE_PRIORITY_SQL}, 2)::text AS priority,
         c.assignee_id AS "assigneeId", c.opened_on::text AS "openedOn", c.stage_entered_on::text AS "stageEnteredOn",
         c.first_contact_due_at AS "firstContactDueAt", c.paused_until AS "pausedUntil", c.escalated_at AS "escalatedAt", c.closed_on::text AS "closedOn", c.placed_with AS "placedWith",
         l.product_id AS "productId", l.currency, l.money_decimals AS "moneyDecimals"
  FROM collection_cases c
  JOIN collection_policies cp ON cp.tenant_id = c.tenant_id AND cp.id = c.policy_id
  JOIN loans l ON l.tenant_id = c.tenant_id AND l.id = c.loan_id`;

export interface ContactInput {
  caseId: string;
  channel: CollectionChannel;
  direction: 'OUTBOUND' | 'INBOUND';
  outcome?: string | null;
  note?: string | null;
  message?: string | null;
  contactedParty?: ContactParty | null;
  partyConsented?: boolean | null;
  disclosesDebt?: boolean | null;
}

/**
 * Collection cases (opened, moved and closed by close of business), the collectors' queues, the
 * contact log under the lender's conduct rules, and promises to pay.
 */
export class CollectionCaseService {
  constructor(private readonly deps: { policies: CollectionPolicyService; tenants: TenantDirectory; audit: AuditService; limits: { defaultPageSize: number; maxPageSize: number } }) {}

  async list(ctx: RequestContext, args: PageArgs & CaseFilter): Promise<Connection<CaseRow>> {
    const size = pageSize(args, this.deps.limits);
    const where = new SqlWhere();
    // A collection agency's key sees the cases placed with it now, and no others.
    if (ctx.referringAgent) where.and('c.placed_with = ?', ctx.referringAgent);
    if (args.after) where.and('c.id < ?', decodeCursor(args.after));
    if (args.stage) where.and('c.stage_name = ?', args.stage);
    if (args.assignee) where.and('c.assignee_id = ?', args.assignee);
    if (args.status) where.and('c.status = ?', args.status);
    if (args.dpdMin !== undefined && args.dpdMin !== null) where.and('c.dpd >= ?', args.dpdMin);
    if (args.productId) where.and('l.product_id = ?', args.productId);
    const rows = await (await ctx.db()).query(`${CASE_SELECT} ${where.sql} ORDER BY c.id DESC LIMIT ${where.bind(size + 1)}`, where.params);
    return toConnection(rows as CaseRow[], size, (c) => c.id, Boolean(args.after));
  }

  /**
   * Escalation, set-based: an open case past its stage's first-contact target with no outbound
   * contact by a person since it entered the stage goes to the stage's `escalateTo` team, its
   * collector released (the team's round-robin gives it out), once per stage, with
   * `collection.case_escalated`. Paused cases wait. Answers how many went.
   */
  async escalateOverdue(ctx: RequestContext): Promise<number> {
    const rows = await (await ctx.db()).query(
      `WITH due AS (
         SELECT c.id, c.team AS from_team, cp.definition -> 'stages' -> c.stage_index ->> 'escalateTo' AS to_team
         FROM collection_cases c JOIN collection_policies cp ON cp.tenant_id = c.tenant_id AND cp.id = c.policy_id
         WHERE c.status = 'OPEN' AND c.placed_with IS NULL AND c.first_contact_due_at <= now() AND c.escalated_stage IS DISTINCT FROM c.stage_index
           AND coalesce(cp.definition -> 'stages' -> c.stage_index ->> 'escalateTo', '') <> ''
           AND (c.paused_until IS NULL OR c.paused_until <= now())
           AND NOT EXISTS (SELECT 1 FROM collection_contacts ct WHERE ct.tenant_id = c.tenant_id AND ct.case_id = c.id AND ct.direction = 'OUTBOUND'
                           AND NOT ct.automatic AND ct.at >= c.first_contact_due_at - make_interval(hours => (cp.definition -> 'stages' -> c.stage_index ->> 'firstContactHours')::int))
         FOR UPDATE OF c SKIP LOCKED
       ), moved AS (
         UPDATE collection_cases c SET team = d.to_team, assignee_id = NULL, escalated_stage = c.stage_index, escalated_at = now(), updated_at = now()
         FROM due d WHERE c.id = d.id
         RETURNING c.tenant_id, c.id, c.loan_id, c.borrower_id, c.stage_name, d.from_team, c.team, c.first_contact_due_at
       )
       INSERT INTO outbox_events (tenant_id, id, type, subject_type, subject_id, borrower_id, data)
       SELECT tenant_id, gen_random_uuid(), 'collection.case_escalated', 'CollectionCase', id::text, borrower_id,
              jsonb_build_object('caseId', id, 'loanId', loan_id, 'stage', stage_name, 'from', from_team, 'to', team, 'firstContactDueAt', first_contact_due_at)
       FROM moved RETURNING 1`);
    return rows.length;
  }

  async byIdOrThrow(ctx: RequestContext, id: string, lock = false): Promise<CaseRow> {
    const [row] = await (await ctx.db()).query(`${CASE_SELECT} WHERE c.id = $1${lock ? ' FOR UPDATE OF c' : ''}`, [id]);
    if (!row || (ctx.referringAgent && row.placedWith !== ctx.referringAgent)) throw notFound('CollectionCase', id);
    return row;
  }

  /**
   * The caller's open cases, most urgent first (amount overdue x stage weight x (1 + broken
   * promises)): a collector's assigned cases, a collection agency's placed ones.
   */
  async queue(ctx: RequestContext, first: number): Promise<CaseRow[]> {
    if (!ctx.actor.id) return [];
    const [column, holder] = ctx.referringAgent ? ['c.placed_with', ctx.referringAgent] : ['c.assignee_id', ctx.actor.id];
    return (await ctx.db()).query(`${CASE_SELECT} WHERE c.status = 'OPEN' AND ${column} = $1 ORDER BY ${CASE_PRIORITY_SQL} DESC, c.id LIMIT $2`, [holder, Math.min(Math.max(first, 1), this.deps.limits.maxPageSize)]);
  }

  /** Gives cases to a collector: a staff user or API key of the tenant that holds COLLECTOR or LENDER_ADMIN. */
  async assign(ctx: RequestContext, ids: string[], assignee: string): Promise<CaseRow[]> {
    if (ids.length === 0 || ids.length > 500) throw badInput('ids', 'from 1 to 500 case ids');
    const em = await ctx.db();
    const found = await em.query("SELECT id FROM collection_cases WHERE id = ANY($1::uuid[]) AND status = 'OPEN' FOR UPDATE", [ids]);
    const missing = ids.find((id) => !found.some((f: { id: string }) => f.id === id));
    if (missing) throw notFound('CollectionCase', missing);
    const [who] = await em.query(
      `SELECT id::text FROM staff_users WHERE id::text = $1 AND status = 'ACTIVE' AND roles && ARRAY['COLLECTOR', 'LENDER_ADMIN']
       UNION ALL SELECT id::text FROM api_keys WHERE id::text = $1 AND revoked_at IS NULL AND role IN ('COLLECTOR', 'LENDER_ADMIN')`, [assignee]);
    if (!who) throw badInput('assignee', 'an active staff user or API key of this lender with the COLLECTOR or LENDER_ADMIN role');
    ctx.writes.add('UPDATE collection_cases SET assignee_id = $2, updated_at = now() WHERE id = ANY($1::uuid[])', [ids, assignee]);
    await this.deps.audit.record(ctx, { action: 'collectionCases.assigned', entityType: 'CollectionCase', entityId: ids[0], after: { ids, assignee } });
    return Promise.all(ids.map((id) => this.byIdOrThrow(ctx, id)));
  }

  /**
   * A team's members (staff users or API keys with COLLECTOR or LENDER_ADMIN) and the open cases each
   * may hold; `assignOpenCases` shares the team's unassigned cases among them.
   */
  async setTeam(ctx: RequestContext, input: { team: string; members: string[]; capacity: number }) {
    if (!/^[A-Z][A-Z0-9_]{0,39}$/.test(input.team)) throw badInput('input.team', 'a team name in capitals, as the policy’s stages name it');
    if (!Number.isInteger(input.capacity) || input.capacity < 1 || input.capacity > 10_000) throw badInput('input.capacity', 'open cases per member, 1 to 10,000');
    const members = [...new Set(input.members)];
    if (members.length > 500) throw badInput('input.members', 'at most 500 members');
    const em = await ctx.db();
    const known: { id: string }[] = await em.query(
      `SELECT id::text FROM staff_users WHERE id::text = ANY($1) AND status = 'ACTIVE' AND roles && ARRAY['COLLECTOR', 'LENDER_ADMIN']
       UNION SELECT id::text FROM api_keys WHERE id::text = ANY($1) AND revoked_at IS NULL AND role IN ('COLLECTOR', 'LENDER_ADMIN')`, [members]);
    const unknown = members.find((m) => !known.some((k) => k.id === m));
    // Another lender's ids are as unknown as ids that do not exist.
    if (unknown) throw notFound('Collector (an active staff user or API key with COLLECTOR or LENDER_ADMIN)', unknown);
    ctx.writes.add(
      `INSERT INTO collection_teams (tenant_id, team, members, capacity) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, team) DO UPDATE SET members = EXCLUDED.members, capacity = EXCLUDED.capacity, updated_at = now()`,
      [ctx.tenant, input.team, members, input.capacity]);
    await this.deps.audit.record(ctx, { action: 'collectionTeam.set', entityType: 'CollectionTeam', entityId: input.team, after: { members, capacity: input.capacity } });
    return { team: input.team, members, capacity: input.capacity };
  }

  /**
   * Round-robin by load: each team's unassigned open cases, most urgent first, go to the member with
   * the fewest open cases, while any member is under the team's capacity. Answers how many were given.
   */
  async assignOpenCases(ctx: RequestContext): Promise<number> {
    const em = await ctx.db();
    const teams: { team: string; members: string[]; capacity: number }[] = await em.query('SELECT team, members, capacity FROM collection_teams ORDER BY team');
    let given = 0;
    for (const t of teams) {
      if (t.members.length === 0) continue;
      const loads = new Map<string, number>(t.members.map((m) => [m, 0]));
      for (const row of await em.query("SELECT assignee_id AS id, count(*)::int AS n FROM collection_cases WHERE status = 'OPEN' AND assignee_id = ANY($1) GROUP BY 1", [t.members])) loads.set(row.id, row.n);
      const room = [...loads.values()].reduce((sum, n) => sum + Math.max(0, t.capacity - n), 0);
      if (room === 0) continue;
      const cases: { id: string }[] = await em.query(
        `SELECT c.id FROM collection_cases c JOIN collection_policies cp ON cp.tenant_id = c.tenant_id AND cp.id = c.policy_id
         WHERE c.status = 'OPEN' AND c.assignee_id IS NULL AND c.placed_with IS NULL AND c.team = $1
         ORDER BY ${CASE_PRIORITY_SQL} DESC, c.id
         LIMIT $2 FOR UPDATE OF c SKIP LOCKED`, [t.team, room]);
      const byMember = new Map<string, string[]>();
      for (const c of cases) {
        const [member, load] = [...loads.entries()].filter(([, n]) => n < t.capacity).sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))[0] ?? [];
        if (!member) break;
        loads.set(member, (load ?? 0) + 1);
        byMember.set(member, [...(byMember.get(member) ?? []), c.id]);
        given++;
      }
      for (const [member, ids] of byMember) ctx.writes.add('UPDATE collection_cases SET assignee_id = $2, updated_at = now() WHERE id = ANY($1::uuid[])', [ids, member]);
    }
    return given;
  }

  /**
   * Records a contact. An outbound one is judged by the conduct rules first: refused with
   * CONDUCT_RULE_VIOLATION (`extensions.rule`, `extensions.allowedAt`), and the refusal kept in the
   * record of refusals even though nothing else is written. An outbound call or visit completes the
   * case's pending task of that channel.
   */
  async logContact(ctx: RequestContext, input: ContactInput) {
    const c = await this.byIdOrThrow(ctx, input.caseId, true);
    if (c.status !== 'OPEN') throw conflict('The case is closed', { field: 'input.caseId' });
    const party = input.contactedParty ?? 'BORROWER';
    const at = new Date();
    if (input.direction === 'OUTBOUND') {
      const conduct = await this.deps.policies.conduct(ctx);
      const attempt = await contactAttempt(ctx, this.deps.tenants, conduct, { id: c.id, borrower_id: c.borrowerId, stage: c.stage, paused_until: c.pausedUntil },
        { at, channel: input.channel, party, partyConsented: input.partyConsented ?? false, disclosesDebt: input.disclosesDebt ?? false, text: input.message ?? null });
      const verdict = checkContact(conduct, attempt);
      if (!verdict.allowed) {
        const refusal = [ctx.tenant, uuidv7(), c.id, verdict.rule, input.channel, verdict.allowedAt, ctx.actor.type, ctx.actor.id];
        ctx.onAfterRollback(() => ctx.detached(async (own) => {
          await (await own.db()).query('INSERT INTO collection_refusals (tenant_id, id, case_id, rule, channel, automatic, allowed_at, actor_type, actor_id) VALUES ($1, $2, $3, $4, $5, false, $6, $7, $8)', refusal);
        }));
        throw new DomainError('CONDUCT_RULE_VIOLATION', verdict.message, { rule: verdict.rule, allowedAt: verdict.allowedAt?.toISOString() ?? null, field: fieldOf(verdict.rule) });
      }
    }
    const id = uuidv7();
    ctx.writes.add(
      `INSERT INTO collection_contacts (tenant_id, id, case_id, borrower_id, channel, direction, party, outcome, note, message, automatic, actor_type, actor_id, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, false, $11, $12, $13)`,
      [ctx.tenant, id, c.id, c.borrowerId, input.channel, input.direction, party, input.outcome ?? null, input.note ?? null, input.message ?? null, ctx.actor.type, ctx.actor.id, at],
    );
    if (input.direction === 'OUTBOUND' && (input.channel === 'CALL' || input.channel === 'FIELD_VISIT')) {
      ctx.writes.add("UPDATE collection_actions SET status = 'DONE', contact_id = $3, done_at = $4 WHERE case_id = $1 AND channel = $2 AND status = 'PENDING'", [c.id, input.channel, id, at]);
    }
    await this.deps.audit.record(ctx, { action: 'collection.contactLogged', entityType: 'CollectionCase', entityId: c.id, after: { contactId: id, channel: input.channel, direction: input.direction, outcome: input.outcome ?? null, party } });
    return (await this.contacts(ctx, c.id)).find((x) => x.id === id)!;
  }

  /**
   * A promise to pay by `dueDate` (not before today, at most 60 days out, in the lender's time zone):
   * close of business marks it kept once repayments since today cover it, broken when its day passes.
   * One open promise per case; automatic reminders pause while it is open.
   */
  async recordPromise(ctx: RequestContext, input: { caseId: string; amount: string; dueDate: string }) {
    const c = await this.byIdOrThrow(ctx, input.caseId, true);
    if (c.status !== 'OPEN') throw conflict('The case is closed', { field: 'input.caseId' });
    const today = await this.deps.tenants.today(ctx);
    if (!isCalendarDate(input.dueDate) || input.dueDate < today) throw badInput('input.dueDate', `a date not before today (${today})`);
    if (input.dueDate > addDaysIso(today, 60)) throw badInput('input.dueDate', 'at most 60 days from today');
    const amount = new Dec(input.amount);
    if (amount.lte(0) || amount.decimalPlaces() > c.moneyDecimals) throw badInput('input.amount', `a positive amount with at most ${c.moneyDecimals} decimals (${c.currency})`);
    const em = await ctx.db();
    const [open] = await em.query("SELECT id FROM collection_promises WHERE case_id = $1 AND status = 'OPEN'", [c.id]);
    if (open) throw conflict('The case already has an open promise', { field: 'input.caseId', promiseId: open.id });
    const id = uuidv7();
    ctx.writes.add(
      `INSERT INTO collection_promises (tenant_id, id, case_id, loan_id, amount, promised_on, due_date, status, created_by_type, created_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'OPEN', $8, $9)`,
      [ctx.tenant, id, c.id, c.loanId, amount.toFixed(), today, input.dueDate, ctx.actor.type, ctx.actor.id],
    );
    await this.deps.audit.record(ctx, { action: 'collection.promiseRecorded', entityType: 'CollectionCase', entityId: c.id, after: { promiseId: id, amount: amount.toFixed(), dueDate: input.dueDate } });
    return (await this.promises(ctx, c.id)).find((p) => p.id === id)!;
  }

  /**
   * The borrower cannot pay for now: the case's actions pause (and the conduct rules cool off) for the
   * policy's hardship days, the request is in the contact log, and `collection.hardship_requested`
   * tells whoever restructures loans (restructureLoan) that one is asked for.
   */
  async requestHardship(ctx: RequestContext, input: { caseId: string; reason: string }): Promise<CaseRow> {
    const c = await this.byIdOrThrow(ctx, input.caseId, true);
    if (c.status !== 'OPEN') throw conflict('The case is closed', { field: 'input.caseId' });
    if (!input.reason.trim() || input.reason.length > 2000) throw badInput('input.reason', 'why the borrower cannot pay, 1 to 2000 characters');
    const [policy] = await (await ctx.db()).query('SELECT definition ->> \'hardshipPauseDays\' AS days FROM collection_policies WHERE id = $1', [c.policyId]);
    const days = Number(policy?.days ?? 30);
    const until = new Date(Date.now() + days * 86_400_000);
    ctx.writes.add('UPDATE collection_cases SET paused_until = $2, updated_at = now() WHERE id = $1', [c.id, until]);
    ctx.writes.add(
      `INSERT INTO collection_contacts (tenant_id, id, case_id, borrower_id, channel, direction, party, outcome, note, automatic, actor_type, actor_id)
       VALUES ($1, $2, $3, $4, 'CALL', 'INBOUND', 'BORROWER', 'HARDSHIP', $5, false, $6, $7)`,
      [ctx.tenant, uuidv7(), c.id, c.borrowerId, input.reason, ctx.actor.type, ctx.actor.id],
    );
    ctx.writes.add("UPDATE collection_actions SET status = 'CANCELLED', done_at = now() WHERE case_id = $1 AND status = 'PENDING'", [c.id]);
    ctx.writes.add(
      `INSERT INTO outbox_events (tenant_id, id, type, subject_type, subject_id, borrower_id, data) VALUES ($1, gen_random_uuid(), 'collection.hardship_requested', 'CollectionCase', $2, $3, $4)`,
      [ctx.tenant, c.id, c.borrowerId, JSON.stringify({ caseId: c.id, loanId: c.loanId, pausedUntil: until.toISOString(), reason: input.reason })],
    );
    await this.deps.audit.record(ctx, { action: 'collection.hardshipRequested', entityType: 'CollectionCase', entityId: c.id, after: { pausedUntil: until.toISOString(), reason: input.reason } });
    return this.byIdOrThrow(ctx, c.id);
  }

  async contacts(ctx: RequestContext, caseId: string): Promise<{ id: string; [k: string]: unknown }[]> {
    return (await ctx.db()).query(
      `SELECT id, case_id AS "caseId", channel, direction, party AS "contactedParty", outcome, note, message, automatic, actor_type AS "actorType", actor_id AS "actorId", at
       FROM collection_contacts WHERE case_id = $1 ORDER BY at, id`, [caseId]);
  }

  async promises(ctx: RequestContext, caseId: string): Promise<{ id: string; [k: string]: unknown }[]> {
    return (await ctx.db()).query(
      `SELECT p.id, p.case_id AS "caseId", round(p.amount, l.money_decimals)::text AS amount, p.promised_on::text AS "promisedOn", p.due_date::text AS "dueDate", p.status,
              CASE WHEN p.paid IS NULL THEN NULL ELSE round(p.paid, l.money_decimals)::text END AS paid, p.resolved_on::text AS "resolvedOn", p.created_at AS "createdAt"
       FROM collection_promises p JOIN loans l ON l.tenant_id = p.tenant_id AND l.id = p.loan_id WHERE p.case_id = $1 ORDER BY p.created_at, p.id`, [caseId]);
  }

  async actions(ctx: RequestContext, caseId: string): Promise<{ id: string; [k: string]: unknown }[]> {
    return (await ctx.db()).query(
      `SELECT id, case_id AS "caseId", stage_index AS "stageIndex", channel, business_date::text AS "businessDate", due_at AS "dueAt", status,
              refused_rule AS "refusedRule", contact_id AS "contactId", done_at AS "doneAt"
       FROM collection_actions WHERE case_id = $1 ORDER BY business_date, due_at, id`, [caseId]);
  }

  /** The borrower's local time now, for the collector's screen. */
  async borrowerClock(ctx: RequestContext, borrowerId: string): Promise<{ timeZone: string; localTime: string }> {
    const [row] = await (await ctx.db()).query('SELECT timezone FROM borrowers WHERE id = $1', [borrowerId]);
    const timeZone = row?.timezone ?? (await this.deps.tenants.current(ctx)).timezone;
    const t = localTime(new Date(), timeZone);
    return { timeZone, localTime: `${t.date}T${String(Math.floor(t.minute / 60)).padStart(2, '0')}:${String(t.minute % 60).padStart(2, '0')}` };
  }
}

/** The input field a refusal points at. */
function fieldOf(rule: string): string {
  return rule === 'THIRD_PARTY' ? 'input.contactedParty' : rule === 'CONTENT' ? 'input.message' : rule === 'CHANNEL_NOT_ALLOWED' ? 'input.channel' : 'input.caseId';
}
