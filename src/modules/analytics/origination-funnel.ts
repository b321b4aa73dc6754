import { badInput } from '../../core/domain-error';
import { Dec } from '../../core/money';
import { isCalendarDate } from '../../platform/graphql/scalars';
import { agentSubtreeSql } from '../../platform/tenancy/agent-scope';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { TenantDirectory } from '../../platform/tenancy/tenant-directory';

export const FUNNEL_GROUPS = ['PRODUCT', 'CHANNEL', 'AGENT'] as const;
export type FunnelGroup = (typeof FUNNEL_GROUPS)[number];
export const FUNNEL_STAGES = ['LEADS', 'SUBMITTED', 'DECIDED', 'APPROVED', 'OFFERED', 'ACCEPTED', 'SIGNED', 'DISBURSED'] as const;

export interface FunnelStage {
  stage: (typeof FUNNEL_STAGES)[number];
  count: number;
  /** count over the stage before (null for leads, or when the stage before had none). */
  conversion: string | null;
  /** The median time from the stage before to this one, in hours (null: none measured). */
  medianHours: string | null;
}

export interface FunnelRow {
  key: string | null;
  label: string;
  stages: FunnelStage[];
}

/** The application statuses each stage is reached by (the first time). */
const REACHED: Record<string, string[]> = {
  SUBMITTED: ['SUBMITTED'], DECIDED: ['APPROVED', 'DECLINED', 'REFERRED'], APPROVED: ['APPROVED'], OFFERED: ['OFFERED'],
  ACCEPTED: ['ACCEPTED'], SIGNED: ['CONTRACT_SIGNED'], DISBURSED: ['DISBURSED'],
};

/**
 * The origination funnel of the applications created in a period (and the referrals recorded in it,
 * as leads), from the applications' stage history: how many reached each stage, the conversion from
 * the stage before, and the median time between the two; per product, channel (who submitted: staff,
 * the borrower, an agent) or referring agent, and for all together. An agent's key: its own.
 */
export class OriginationFunnelService {
  constructor(private readonly deps: { tenants: TenantDirectory }) {}

  async funnel(ctx: RequestContext, args: { from: string; to: string; groupBy: FunnelGroup }): Promise<{ from: string; to: string; groupBy: string; total: FunnelRow; rows: FunnelRow[] }> {
    if (!isCalendarDate(args.from)) throw badInput('from', 'a date YYYY-MM-DD');
    if (!isCalendarDate(args.to) || args.to < args.from) throw badInput('to', 'a date YYYY-MM-DD not before from');
    const tenant = await this.deps.tenants.current(ctx);
    const key = { PRODUCT: 'a.product_id::text', CHANNEL: 'a.source', AGENT: 'a.agent_id::text' }[args.groupBy];
    // A lead's channel: an agent's referral, or a borrower's (customer to customer).
    const leadKey = { PRODUCT: 'p.id::text', CHANNEL: `(CASE WHEN r.agent_id IS NULL THEN 'BORROWER' ELSE 'AGENT' END)`, AGENT: 'r.agent_id::text' }[args.groupBy];
    const scope = ctx.referringAgent ? `AND a.agent_id::text IN ${agentSubtreeSql('$5')}` : '';
    const leadScope = ctx.referringAgent ? `AND r.agent_id::text IN ${agentSubtreeSql('$5')}` : '';
    const params: unknown[] = [ctx.tenant, args.from, args.to, tenant.timezone, ...(ctx.referringAgent ? [ctx.referringAgent] : [])];
    const stages = Object.entries(REACHED).map(([stage, statuses]) => `('${stage}', ARRAY[${statuses.map((s) => `'${s}'`).join(', ')}])`).join(', ');
    const rows: { key: string | null; total: boolean; stage: string; count: number; median: string | null }[] = await (await ctx.db()).query(
      `WITH apps AS (
         SELECT a.id, ${key} AS key FROM applications a
         WHERE a.tenant_id = $1 AND a.created_at >= $2::date::timestamp AT TIME ZONE $4 AND a.created_at < ($3::date + 1)::timestamp AT TIME ZONE $4 ${scope}
       ), firsts AS (
         SELECT ap.key, ap.id, s.stage, min(e.at) AS at
         FROM apps ap JOIN application_events e ON e.tenant_id = $1 AND e.application_id = ap.id
         JOIN (VALUES ${stages}) AS s (stage, statuses) ON e.to_status = ANY (s.statuses)
         GROUP BY ap.key, ap.id, s.stage
       ), ordered AS (
         SELECT f.*, lag(f.at) OVER (PARTITION BY f.id ORDER BY array_position(ARRAY['SUBMITTED', 'DECIDED', 'APPROVED', 'OFFERED', 'ACCEPTED', 'SIGNED', 'DISBURSED'], f.stage)) AS before
         FROM firsts f
       )
       SELECT key, GROUPING(key) = 1 AS total, stage, count(*)::int AS count, (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM at - before) / 3600))::text AS median
       FROM ordered GROUP BY GROUPING SETS ((key, stage), (stage))
       UNION ALL
       SELECT ${leadKey}, GROUPING(${leadKey}) = 1, 'LEADS', count(*)::int, NULL FROM referrals r LEFT JOIN loan_products p ON p.tenant_id = r.tenant_id AND p.code = r.product_code
       WHERE r.tenant_id = $1 AND r.created_at >= $2::date::timestamp AT TIME ZONE $4 AND r.created_at < ($3::date + 1)::timestamp AT TIME ZONE $4 ${leadScope} GROUP BY GROUPING SETS ((${leadKey}), ())`,
      params);
    const labels = await this.labels(ctx, args.groupBy);
    const byKey = new Map<string, Map<string, { count: number; median: string | null }>>();
    const totals = new Map<string, { count: number; median: string | null }>();
    const NONE = '\u0000none';
    for (const r of rows) {
      const k = r.key ?? NONE;
      (r.total ? totals : (byKey.get(k) ?? byKey.set(k, new Map()).get(k)!)).set(r.stage, { count: r.count, median: r.median });
    }
    const row = (k: string | null, m: Map<string, { count: number; median: string | null }>): FunnelRow => {
      let before: number | null = null;
      const stagesOut = FUNNEL_STAGES.map((stage) => {
        const v = m.get(stage) ?? { count: 0, median: null };
        const conversion = stage === 'LEADS' || stage === 'SUBMITTED' || !before ? null : new Dec(v.count).div(before).toFixed(6);
        before = v.count;
        return { stage, count: v.count, conversion, medianHours: v.median === null ? null : new Dec(v.median).toFixed(2) };
      });
      return { key: k, label: k === null ? 'all' : labels.get(k) ?? k, stages: stagesOut };
    };
    const rowsOut = [...byKey.entries()].map(([k, m]) => (k === NONE ? { ...row(null, m), label: groupBy(args.groupBy) } : row(k, m)));
    return { from: args.from, to: args.to, groupBy: args.groupBy, total: row(null, totals), rows: rowsOut.sort((a, b) => b.stages[1].count - a.stages[1].count || a.label.localeCompare(b.label)) };
  }

  private async labels(ctx: RequestContext, groupBy: FunnelGroup): Promise<Map<string, string>> {
    if (groupBy === 'CHANNEL') return new Map();
    const rows: { id: string; label: string }[] = await (await ctx.db()).query(
      groupBy === 'PRODUCT' ? `SELECT id::text, code || ' ' || name AS label FROM loan_products` : 'SELECT id::text, name AS label FROM agents');
    return new Map(rows.map((r) => [r.id, r.label]));
  }
}

/** The label of applications with no value for the grouping (no referring agent). */
function groupBy(g: FunnelGroup): string {
  return g === 'AGENT' ? '(no agent)' : '(none)';
}
