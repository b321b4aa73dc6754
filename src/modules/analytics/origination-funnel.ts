import { badInput } from '../../core/domain-error';
import { FUNNEL_STAGE_REACHED } from '../../core/lifecycle';
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

/**
 * The origination funnel of the applications created in a period (and the referrals recorded in it,
 * as leads), from each application's row of first-reached stage times (`application_stages`, kept
 * by the statement that records each status change): how many reached each stage, the conversion
 * from the stage before, and the median time from the stage reached before; per product, channel
 * (who submitted: staff, the borrower, an agent) or referring agent, and for all together. An
 * agent's key: its own.
 */
export class OriginationFunnelService {
  constructor(private readonly deps: { tenants: TenantDirectory }) {}

  async funnel(ctx: RequestContext, args: { from: string; to: string; groupBy: FunnelGroup }): Promise<{ from: string; to: string; groupBy: string; total: FunnelRow; rows: FunnelRow[] }> {
    if (!isCalendarDate(args.from)) throw badInput('from', 'a date YYYY-MM-DD');
    if (!isCalendarDate(args.to) || args.to < args.from) throw badInput('to', 'a date YYYY-MM-DD not before from');
    const tenant = await this.deps.tenants.current(ctx);
    const key = { PRODUCT: 's.product_id::text', CHANNEL: 's.source', AGENT: 's.agent_id' }[args.groupBy];
    // A lead's channel: an agent's referral, or a borrower's (customer to customer).
    const leadKey = { PRODUCT: 'p.id::text', CHANNEL: `(CASE WHEN r.agent_id IS NULL THEN 'BORROWER' ELSE 'AGENT' END)`, AGENT: 'r.agent_id::text' }[args.groupBy];
    const scope = ctx.referringAgent ? `AND s.agent_id IN ${agentSubtreeSql('$5')}` : '';
    const leadScope = ctx.referringAgent ? `AND r.agent_id::text IN ${agentSubtreeSql('$5')}` : '';
    const params: unknown[] = [ctx.tenant, args.from, args.to, tenant.timezone, ...(ctx.referringAgent ? [ctx.referringAgent] : [])];
    const period = (alias: string) => `${alias}.tenant_id = $1 AND ${alias}.created_at >= $2::date::timestamp AT TIME ZONE $4 AND ${alias}.created_at < ($3::date + 1)::timestamp AT TIME ZONE $4`;
    const measures = FUNNEL_STAGE_REACHED.map((s, i) => {
      const before = FUNNEL_STAGE_REACHED.slice(0, i).reverse().map((b) => b.column);
      // date_part, a float: extract() answers numeric, whose sort (a median sorts) costs several times more.
      const median = before.length === 0 ? 'NULL' : `(percentile_cont(0.5) WITHIN GROUP (ORDER BY date_part('epoch', ${s.column} - coalesce(${before.join(', ')})) / 3600))::numeric(14, 6)::text`;
      return `count(${s.column})::int AS "${s.stage}", ${median} AS "${s.stage}_median"`;
    }).join(',\n              ');
    const db = await ctx.db();
    // A month of a large lender's applications is tens of thousands of rows whose medians are sorted in memory, not on disk.
    await db.query("SELECT set_config('work_mem', '32MB', true)");
    const applications: ({ key: string | null; total: boolean } & Record<string, string | number | null>)[] = await db.query(
      `SELECT ${key} AS key, GROUPING(${key}) = 1 AS total,
              ${measures}
       FROM application_stages s WHERE ${period('s')} ${scope}
       GROUP BY GROUPING SETS ((${key}), ())
       HAVING GROUPING(${key}) = 1 OR count(coalesce(${FUNNEL_STAGE_REACHED.map((s) => s.column).join(', ')})) > 0`, params);
    const leads: { key: string | null; total: boolean; count: number }[] = await db.query(
      `SELECT ${leadKey} AS key, GROUPING(${leadKey}) = 1 AS total, count(*)::int AS count
       FROM referrals r LEFT JOIN loan_products p ON p.tenant_id = r.tenant_id AND p.code = r.product_code
       WHERE ${period('r')} ${leadScope} GROUP BY GROUPING SETS ((${leadKey}), ())`, params);
    const rows: { key: string | null; total: boolean; stage: string; count: number; median: string | null }[] = [
      ...applications.flatMap((a) => FUNNEL_STAGE_REACHED.map((s) => ({ key: a.key, total: a.total, stage: s.stage, count: a[s.stage] as number, median: a[`${s.stage}_median`] as string | null }))),
      ...leads.map((l) => ({ ...l, stage: 'LEADS', median: null })),
    ];
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
