import { type StatementMovements, statementClosing } from '../../core/agents';
import { badInput, conflict } from '../../core/domain-error';
import { Dec, currencyDecimals } from '../../core/money';
import { SqlWhere } from '../../platform/db/sql-where';
import { type Connection, type PageArgs, decodeCursor, pageSize, toConnection } from '../../platform/graphql/connection';
import { agentSubtreeSql } from '../../platform/tenancy/agent-scope';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { AuditService } from '../../platform/audit/audit.service';

export interface CommissionRow {
  id: string;
  agentId: string;
  loanId: string;
  planCode: string;
  planVersion: number;
  kind: 'EARNED' | 'OVERRIDE' | 'CLAWBACK' | 'RELEASE' | 'ADJUSTMENT';
  trigger: string;
  sourceRef: string;
  businessDate: string;
  period: string;
  base: string;
  rate: string | null;
  tier: number;
  amount: string;
  held: string;
  currency: string;
  reversesId: string | null;
  journalEntryId: string | null;
  createdAt: Date;
}

export interface CommissionFilter {
  agentId?: string | null;
  loanId?: string | null;
  period?: string | null;
  kind?: string | null;
}

export interface Statement extends StatementMovements {
  agentId: string;
  period: string;
  closing: string;
  closed: boolean;
  currency: string;
  /** The payouts of the statement (its closing balance paid once). */
  payoutId: string | null;
}

const SELECT = `
  SELECT c.id, c.agent_id AS "agentId", c.loan_id AS "loanId", p.code AS "planCode", p.version AS "planVersion", c.kind, c.trigger, c.source_ref AS "sourceRef", c.business_date::text AS "businessDate",
         c.period, c.base::text, trim_scale(c.rate)::text AS rate, c.tier, round(c.amount, l.money_decimals)::text AS amount, round(c.held, l.money_decimals)::text AS held, c.currency,
         c.reverses_id AS "reversesId", c.journal_entry_id AS "journalEntryId", c.created_at AS "createdAt"
  FROM commissions c JOIN commission_plans p ON p.tenant_id = c.tenant_id AND p.id = c.plan_id JOIN loans l ON l.tenant_id = c.tenant_id AND l.id = c.loan_id`;


const isPeriod = (p: string) => /^\d{4}-(0[1-9]|1[0-2])$/.test(p);

/**
 * What agents earned: commissions with their calculation, and monthly statements (opening, earned,
 * clawed back, held back, released, paid, closing: a negative closing carries forward). A closed
 * month is frozen; its closing balance is what `payAgentCommission` pays, once.
 */
export class CommissionLedger {
  constructor(private readonly deps: {
    audit: AuditService;
    limits: { defaultPageSize: number; maxPageSize: number };
    /** Whole-tier true-ups of the month, posted before it is frozen; how many. */
    trueUp: (ctx: RequestContext, period: string, today: string) => Promise<number>;
  }) {}

  async list(ctx: RequestContext, args: PageArgs & CommissionFilter): Promise<Connection<CommissionRow>> {
    const size = pageSize(args, this.deps.limits);
    const where = new SqlWhere();
    const scope = await this.scope(ctx);
    if (scope) where.and('c.agent_id::text = ANY(?::text[])', scope);
    if (args.after) {
      const [at, id] = decodeCursor(args.after).split('|');
      where.and('(c.created_at, c.id) > (?::timestamptz, ?::uuid)', at, id);
    }
    if (args.agentId) where.and('c.agent_id::text = ?', args.agentId);
    if (args.loanId) where.and('c.loan_id::text = ?', args.loanId);
    if (args.period) where.and('c.period = ?', args.period);
    if (args.kind) where.and('c.kind = ?', args.kind);
    const rows = await (await ctx.db()).query(`${SELECT} ${where.sql} ORDER BY c.created_at, c.id LIMIT ${where.bind(size + 1)}`, where.params);
    return toConnection(rows as CommissionRow[], size, (c) => `${new Date(c.createdAt).toISOString()}|${c.id}`, Boolean(args.after));
  }

  /** An agent's statement of a month (an agent's key: its own or those under it). */
  async statement(ctx: RequestContext, agentId: string, period: string): Promise<Statement> {
    if (!isPeriod(period)) throw badInput('period', 'a month YYYY-MM');
    const scope = await this.scope(ctx);
    const em = await ctx.db();
    const [agent] = (!scope || scope.includes(agentId)) && /^[0-9a-f-]{36}$/i.test(agentId) ? await em.query('SELECT id FROM agents WHERE id = $1', [agentId]) : [];
    if (!agent) throw badInput('agentId', `no agent ${agentId}`);
    const [m] = await em.query(
      `WITH mv AS (
         SELECT c.period, c.kind, c.amount, c.held FROM commissions c WHERE c.agent_id = $1 AND c.period <= $2
       ), paid AS (
         -- A statement's payout is a movement of the month after it (the statement itself stays frozen).
         SELECT to_char((split_part(p.idempotency_key, ':', 3) || '-01')::date + interval '1 month', 'YYYY-MM') AS period, p.amount FROM payments p
         WHERE p.kind = 'COMMISSION_PAYOUT' AND p.agent_id = $1::text AND p.status <> 'FAILED' AND p.idempotency_key LIKE 'statement:%'
       )
       SELECT
         (coalesce((SELECT sum(amount - held) FROM mv WHERE period < $2), 0) - coalesce((SELECT sum(amount) FROM paid WHERE period < $2), 0))::text AS opening,
         coalesce((SELECT sum(amount) FROM mv WHERE period = $2 AND kind IN ('EARNED', 'OVERRIDE', 'ADJUSTMENT')), 0)::text AS earned,
         coalesce((SELECT -sum(amount) FROM mv WHERE period = $2 AND kind = 'CLAWBACK'), 0)::text AS "clawedBack",
         coalesce((SELECT sum(held) FROM mv WHERE period = $2 AND kind IN ('EARNED', 'OVERRIDE', 'ADJUSTMENT')), 0)::text AS "heldBack",
         coalesce((SELECT -sum(held) FROM mv WHERE period = $2 AND kind = 'RELEASE'), 0)::text AS released,
         coalesce((SELECT -sum(held) FROM mv WHERE period = $2 AND kind = 'CLAWBACK'), 0)::text AS "heldCancelled",
         coalesce((SELECT sum(amount) FROM paid WHERE period = $2), 0)::text AS paid,
         EXISTS (SELECT 1 FROM commission_periods WHERE period = $2) AS closed,
         (SELECT id FROM payments p WHERE p.idempotency_key = 'statement:' || $1::text || ':' || $2 AND p.status <> 'FAILED' ORDER BY created_at DESC LIMIT 1) AS "payoutId"`,
      [agentId, period]);
    const [tenant] = await em.query('SELECT base_currency AS currency FROM tenants WHERE id = $1', [ctx.tenant]);
    const dp = currencyDecimals(tenant.currency);
    const f = (v: string) => new Dec(v).toFixed(dp);
    const movements: StatementMovements = { opening: f(m.opening), earned: f(m.earned), clawedBack: f(m.clawedBack), heldBack: f(m.heldBack), released: f(m.released), heldCancelled: f(m.heldCancelled), paid: f(m.paid) };
    return { agentId, period, ...movements, closing: f(statementClosing(movements)), closed: m.closed, currency: tenant.currency, payoutId: m.payoutId };
  }

  /** Statements of a month: of one agent, or of each agent the caller sees with commissions or payouts. */
  async statements(ctx: RequestContext, period: string, agentId: string | null): Promise<Statement[]> {
    if (agentId) return [await this.statement(ctx, agentId, period)];
    if (!isPeriod(period)) throw badInput('period', 'a month YYYY-MM');
    const scope = await this.scope(ctx);
    const ids: { id: string }[] = await (await ctx.db()).query(
      `SELECT DISTINCT agent_id::text AS id FROM commissions WHERE period <= $1
       UNION SELECT DISTINCT agent_id FROM payments WHERE kind = 'COMMISSION_PAYOUT' AND agent_id IS NOT NULL ORDER BY 1`, [period]);
    const out: Statement[] = [];
    for (const { id } of ids.filter((r) => !scope || scope.includes(r.id))) out.push(await this.statement(ctx, id, period));
    return out;
  }

  /**
   * Freezes a month (this one at the earliest; months close in order): its statements are final and
   * payable, and commissions that would fall in it later count in the next open month.
   */
  async closePeriod(ctx: RequestContext, period: string, today: string): Promise<{ period: string; closedAt: Date; adjustments: number }> {
    if (!isPeriod(period)) throw badInput('period', 'a month YYYY-MM');
    if (period > today.slice(0, 7)) throw badInput('period', `not a month after this one (today is ${today})`);
    const em = await ctx.db();
    const [last] = await em.query('SELECT max(period) AS p FROM commission_periods');
    if (last?.p && period <= last.p) throw conflict(`${period} is closed already (the last closed month is ${last.p})`, { reason: 'PERIOD_CLOSED' });
    const adjustments = await this.deps.trueUp(ctx, period, today);
    const [row] = await em.query('INSERT INTO commission_periods (tenant_id, period, closed_by_type, closed_by_id) VALUES ($1, $2, $3, $4) RETURNING closed_at AS "closedAt"',
      [ctx.tenant, period, ctx.actor.type, ctx.actor.id]);
    await this.deps.audit.record(ctx, { action: 'commissionPeriod.closed', entityType: 'CommissionPeriod', entityId: period, after: { period, adjustments } });
    return { period, closedAt: row.closedAt, adjustments };
  }

  private async scope(ctx: RequestContext): Promise<string[] | null> {
    if (!ctx.referringAgent) return null;
    return ((await (await ctx.db()).query(`SELECT id FROM ${agentSubtreeSql('$1')} AS t (id)`, [ctx.referringAgent])) as { id: string }[]).map((r) => r.id);
  }
}
