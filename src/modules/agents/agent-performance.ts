import { badInput } from '../../core/domain-error';
import { Dec } from '../../core/money';
import { isCalendarDate } from '../../platform/graphql/scalars';
import { agentSubtreeSql } from '../../platform/tenancy/agent-scope';
import type { RequestContext } from '../../platform/tenancy/request-context';

export type PerformanceGroup = 'AGENT' | 'NETWORK' | 'REGION';

export interface PerformanceRow {
  key: string;
  name: string;
  leads: number;
  applications: number;
  decided: number;
  approved: number;
  approvalRate: string | null;
  disbursedCount: number;
  disbursedAmount: string;
  medianHoursToDisburse: string | null;
  outstanding: string;
  par30: string | null;
  firstPaymentDefaults: number;
  firstPaymentDefaultRate: string | null;
  commissionCost: string;
  commissionCostPerUnit: string | null;
}

/**
 * A first-payment default: the loan reached 30 days past due within 90 days of disbursement (a bucket
 * change recorded at 30 days or more by then, or its days past due now reach back to that window).
 */
export const FPD_SQL = `(EXISTS (SELECT 1 FROM loan_events e WHERE e.tenant_id = l.tenant_id AND e.loan_id = l.id AND e.kind = 'BUCKET_CHANGED'
    AND (e.data ->> 'dpd')::int >= 30 AND e.business_date <= l.disbursement_date + 90)
  OR (l.dpd >= 30 AND (CURRENT_DATE - l.disbursement_date) - l.dpd + 30 <= 90))`;

/** What a group's key is: the agent, the top of its network (itself when it has no parent), or its region. */
const GROUP_KEY: Record<PerformanceGroup, string> = {
  AGENT: 'g.agent_id::text',
  NETWORK: 'g.root_id::text',
  REGION: "coalesce(g.region, '(none)')",
};
const GROUP_NAME: Record<PerformanceGroup, string> = {
  AGENT: 'g.agent_name',
  NETWORK: 'g.root_name',
  REGION: "coalesce(g.region, '(none)')",
};

/**
 * The figures of an agent's business in a period of dates: its leads and applications, approval
 * rate (approved over decided), loans disbursed (count, principal, median hours from application to
 * disbursement), PAR30 of its book now (principal outstanding over 30 days past due, over principal
 * outstanding), first-payment defaults (disbursed loans that reached 30 days past due within 90 days
 * of disbursement) and commission cost (net of clawbacks) per unit disbursed; grouped by agent, by
 * network (the top of its hierarchy) or by region, and the same figures over the whole tenant.
 */
const PERFORMANCE_SQL = (groupBy: PerformanceGroup) => `
WITH RECURSIVE up AS (
  SELECT a.id AS agent_id, a.id AS root_id, a.parent_id, 0 AS depth FROM agents a
  UNION ALL SELECT up.agent_id, p.id, p.parent_id, up.depth + 1 FROM up JOIN agents p ON p.tenant_id = $4::uuid AND p.id = up.parent_id WHERE up.depth < 20
), roots AS (
  SELECT DISTINCT ON (agent_id) agent_id, root_id FROM up ORDER BY agent_id, depth DESC
), g AS (
  SELECT a.id AS agent_id, a.name AS agent_name, a.region, r.root_id, ra.name AS root_name
  FROM agents a JOIN roots r ON r.agent_id = a.id JOIN agents ra ON ra.tenant_id = a.tenant_id AND ra.id = r.root_id
  WHERE $3::text IS NULL OR a.id::text IN ${agentSubtreeSql('$3')}
), apps AS (
  SELECT x.agent_id, x.id, x.created_at,
         EXISTS (SELECT 1 FROM application_events e WHERE e.tenant_id = x.tenant_id AND e.application_id = x.id AND e.to_status = 'APPROVED') AS approved,
         EXISTS (SELECT 1 FROM application_events e WHERE e.tenant_id = x.tenant_id AND e.application_id = x.id AND e.to_status IN ('APPROVED', 'DECLINED')) AS decided
  FROM applications x WHERE x.created_at >= $1::date AND x.created_at < $2::date + 1
), book AS (
  SELECT l.tenant_id, l.agent_id, l.id, l.principal, l.disbursement_date, l.disbursed_at, l.dpd, l.status, l.principal_outstanding, l.application_id,
         (l.disbursement_date BETWEEN $1::date AND $2::date) AS in_period, ${FPD_SQL} AS fpd
  FROM loans l
), per AS (
  SELECT ${GROUP_KEY[groupBy]} AS key, min(${GROUP_NAME[groupBy]}) AS name,
    (SELECT count(*) FROM referrals r WHERE r.agent_id = ANY(array_agg(g.agent_id)) AND r.created_at >= $1::date AND r.created_at < $2::date + 1)::int AS leads,
    (SELECT count(*) FROM apps WHERE apps.agent_id = ANY(array_agg(g.agent_id::text)))::int AS applications,
    (SELECT count(*) FILTER (WHERE decided) FROM apps WHERE apps.agent_id = ANY(array_agg(g.agent_id::text)))::int AS decided,
    (SELECT count(*) FILTER (WHERE approved) FROM apps WHERE apps.agent_id = ANY(array_agg(g.agent_id::text)))::int AS approved,
    (SELECT count(*) FILTER (WHERE in_period) FROM book WHERE book.agent_id = ANY(array_agg(g.agent_id::text)))::int AS disbursed_count,
    (SELECT coalesce(sum(principal) FILTER (WHERE in_period), 0) FROM book WHERE book.agent_id = ANY(array_agg(g.agent_id::text))) AS disbursed_amount,
    (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM b.disbursed_at - x.created_at) / 3600)
       FROM book b JOIN applications x ON x.tenant_id = b.tenant_id AND x.id = b.application_id WHERE b.in_period AND b.agent_id = ANY(array_agg(g.agent_id::text))) AS median_hours,
    (SELECT coalesce(sum(principal_outstanding) FILTER (WHERE status = 'ACTIVE'), 0) FROM book WHERE book.agent_id = ANY(array_agg(g.agent_id::text))) AS outstanding,
    (SELECT coalesce(sum(principal_outstanding) FILTER (WHERE status = 'ACTIVE' AND dpd > 30), 0) FROM book WHERE book.agent_id = ANY(array_agg(g.agent_id::text))) AS at_risk,
    (SELECT count(*) FILTER (WHERE in_period AND fpd) FROM book WHERE book.agent_id = ANY(array_agg(g.agent_id::text)))::int AS fpd,
    (SELECT coalesce(sum(c.amount), 0) FROM commissions c JOIN book b ON b.tenant_id = c.tenant_id AND b.id = c.loan_id
       WHERE c.agent_id = ANY(array_agg(g.agent_id)) AND b.in_period) AS commission_cost
  FROM g GROUP BY 1
)
SELECT key, name, leads, applications, decided, approved, disbursed_count AS "disbursedCount", disbursed_amount::text AS "disbursedAmount",
       median_hours AS "medianHours", outstanding::text, at_risk::text AS "atRisk", fpd, commission_cost::text AS "commissionCost"
FROM per ORDER BY name, key`;

/** The tenant's whole book (every application and loan, referred or not), for comparison. */
const TENANT_SQL = `
WITH apps AS (
  SELECT x.id, EXISTS (SELECT 1 FROM application_events e WHERE e.tenant_id = x.tenant_id AND e.application_id = x.id AND e.to_status = 'APPROVED') AS approved,
         EXISTS (SELECT 1 FROM application_events e WHERE e.tenant_id = x.tenant_id AND e.application_id = x.id AND e.to_status IN ('APPROVED', 'DECLINED')) AS decided
  FROM applications x WHERE x.created_at >= $1::date AND x.created_at < $2::date + 1
), book AS (
  SELECT l.*, (l.disbursement_date BETWEEN $1::date AND $2::date) AS in_period, ${FPD_SQL} AS fpd
  FROM loans l
)
SELECT 'TENANT' AS key, 'All loans' AS name,
  (SELECT count(*) FROM referrals r WHERE r.created_at >= $1::date AND r.created_at < $2::date + 1)::int AS leads,
  (SELECT count(*) FROM apps)::int AS applications, (SELECT count(*) FILTER (WHERE decided) FROM apps)::int AS decided, (SELECT count(*) FILTER (WHERE approved) FROM apps)::int AS approved,
  (SELECT count(*) FILTER (WHERE in_period) FROM book)::int AS "disbursedCount", (SELECT coalesce(sum(principal) FILTER (WHERE in_period), 0) FROM book)::text AS "disbursedAmount",
  (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM b.disbursed_at - x.created_at) / 3600) FROM book b JOIN applications x ON x.tenant_id = b.tenant_id AND x.id = b.application_id WHERE b.in_period) AS "medianHours",
  (SELECT coalesce(sum(principal_outstanding) FILTER (WHERE status = 'ACTIVE'), 0) FROM book)::text AS outstanding,
  (SELECT coalesce(sum(principal_outstanding) FILTER (WHERE status = 'ACTIVE' AND dpd > 30), 0) FROM book)::text AS "atRisk",
  (SELECT count(*) FILTER (WHERE in_period AND fpd) FROM book)::int AS fpd,
  (SELECT coalesce(sum(c.amount), 0) FROM commissions c JOIN book b ON b.tenant_id = c.tenant_id AND b.id = c.loan_id WHERE b.in_period)::text AS "commissionCost"`;

type Raw = Omit<PerformanceRow, 'approvalRate' | 'medianHoursToDisburse' | 'par30' | 'firstPaymentDefaults' | 'firstPaymentDefaultRate' | 'commissionCostPerUnit'> & { medianHours: number | null; atRisk: string; fpd: number };

/** num / den in decimal (money stays out of JS numbers), or null when nothing to divide by. */
const ratio = (num: number | string, den: number | string, places = 4): string | null => (new Dec(den).gt(0) ? new Dec(num).div(den).toFixed(places) : null);
const money = (v: string) => new Dec(v).toFixed(2);

function shape(r: Raw): PerformanceRow {
  return {
    key: r.key, name: r.name, leads: r.leads, applications: r.applications, decided: r.decided, approved: r.approved, approvalRate: ratio(r.approved, r.decided),
    disbursedCount: r.disbursedCount, disbursedAmount: money(r.disbursedAmount), medianHoursToDisburse: r.medianHours === null ? null : new Dec(r.medianHours).toFixed(1),
    outstanding: money(r.outstanding), par30: ratio(r.atRisk, r.outstanding), firstPaymentDefaults: r.fpd, firstPaymentDefaultRate: ratio(r.fpd, r.disbursedCount),
    commissionCost: money(r.commissionCost), commissionCostPerUnit: ratio(r.commissionCost, r.disbursedAmount, 6),
  };
}

export class AgentPerformanceService {
  async performance(ctx: RequestContext, from: string, to: string, groupBy: PerformanceGroup): Promise<{ from: string; to: string; groupBy: PerformanceGroup; rows: PerformanceRow[]; tenant: PerformanceRow }> {
    if (!isCalendarDate(from)) throw badInput('from', 'a date YYYY-MM-DD');
    if (!isCalendarDate(to) || to < from) throw badInput('to', 'a date YYYY-MM-DD not before from');
    const em = await ctx.db();
    const rows: Raw[] = await em.query(PERFORMANCE_SQL(groupBy), [from, to, ctx.referringAgent, ctx.tenant]);
    const [tenant]: Raw[] = await em.query(TENANT_SQL, [from, to]);
    return { from, to, groupBy, rows: rows.map(shape), tenant: shape(tenant) };
  }
}
