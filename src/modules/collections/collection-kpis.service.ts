import { Dec } from '../../core/money';
import { badInput } from '../../core/domain-error';
import { isCalendarDate } from '../../platform/graphql/scalars';
import type { RequestContext } from '../../platform/tenancy/request-context';

export interface CollectionKpis {
  from: string;
  to: string;
  stages: { stage: string; entered: number; cured: number; cureRate: string | null; recovered: string }[];
  rollRates: { from: string; to: string; loans: number }[];
  promisesMade: number;
  promisesKept: number;
  promisesBroken: number;
  promiseKeptRate: string | null;
  recovered: string;
  outboundContacts: number;
  contactsPerThousandRecovered: string | null;
  refusals: { rule: string; automatic: boolean; count: number }[];
  agencies: { agencyId: string; agencyCode: string | null; agencyName: string; placed: number; ended: number; recovered: string; commission: string }[];
}

/**
 * The collections figures of a period (business dates `from`..`to`, inclusive), from what the
 * platform recorded: stage entries and cures from the case events, roll rates from the loans'
 * bucket changes, promises by when they were made and judged, money recovered on loans while a case
 * was open (by the case's stage now), outbound contacts, conduct refusals, and what each collection
 * agency recovered and earned on the placements that ended in the period.
 */
export class CollectionKpiService {
  async kpis(ctx: RequestContext, from: string, to: string): Promise<CollectionKpis> {
    if (!isCalendarDate(from)) throw badInput('from', 'a date YYYY-MM-DD');
    if (!isCalendarDate(to) || to < from) throw badInput('to', 'a date YYYY-MM-DD not before from');
    const em = await ctx.db();
    const stages = await em.query(
      `WITH entered AS (
         SELECT coalesce(data ->> 'to', data ->> 'stage') AS stage, count(*)::int AS n FROM outbox_events
         WHERE type IN ('collection.case_opened', 'collection.stage_changed') AND (data ->> 'businessDate')::date BETWEEN $1 AND $2 GROUP BY 1
       ), cured AS (
         SELECT data ->> 'stage' AS stage, count(*)::int AS n FROM outbox_events
         WHERE type = 'collection.case_closed' AND data ->> 'reason' = 'CURED' AND (data ->> 'businessDate')::date BETWEEN $1 AND $2 GROUP BY 1
       ), recovered AS (
         SELECT c.stage_name AS stage, sum(t.amount) AS amount FROM collection_cases c
         JOIN loan_transactions t ON t.tenant_id = c.tenant_id AND t.loan_id = c.loan_id
         WHERE t.kind IN ('REPAYMENT', 'SETTLEMENT', 'RECOVERY') AND t.status = 'POSTED' AND t.effective_date BETWEEN $1 AND $2
           AND t.effective_date >= c.opened_on AND (c.closed_on IS NULL OR t.effective_date <= c.closed_on)
         GROUP BY 1
       )
       SELECT s.stage, coalesce(e.n, 0) AS entered, coalesce(k.n, 0) AS cured,
              CASE WHEN coalesce(e.n, 0) > 0 THEN round(coalesce(k.n, 0)::numeric / e.n, 4)::text END AS "cureRate",
              round(coalesce(r.amount, 0), 2)::text AS recovered
       FROM (SELECT stage FROM entered UNION SELECT stage FROM cured UNION SELECT stage FROM recovered) s
       LEFT JOIN entered e ON e.stage = s.stage LEFT JOIN cured k ON k.stage = s.stage LEFT JOIN recovered r ON r.stage = s.stage
       ORDER BY s.stage`, [from, to]);
    const rollRates = await em.query(
      `SELECT data ->> 'from' AS "from", data ->> 'to' AS "to", count(DISTINCT loan_id)::int AS loans FROM loan_events
       WHERE kind = 'BUCKET_CHANGED' AND business_date BETWEEN $1 AND $2 GROUP BY 1, 2 ORDER BY 1, 2`, [from, to]);
    const [promises] = await em.query(
      `SELECT count(*) FILTER (WHERE promised_on BETWEEN $1 AND $2)::int AS made,
              count(*) FILTER (WHERE status = 'KEPT' AND resolved_on BETWEEN $1 AND $2)::int AS kept,
              count(*) FILTER (WHERE status = 'BROKEN' AND resolved_on BETWEEN $1 AND $2)::int AS broken
       FROM collection_promises`, [from, to]);
    const [contacts] = await em.query(
      `SELECT count(*)::int AS n FROM collection_contacts WHERE direction = 'OUTBOUND' AND at >= $1::date AND at < $2::date + 1`, [from, to]);
    const refusals = await em.query(
      `SELECT rule, automatic, count(*)::int AS count FROM collection_refusals WHERE at >= $1::date AND at < $2::date + 1 GROUP BY 1, 2 ORDER BY 1, 2`, [from, to]);
    const agencies = await em.query(
      `SELECT p.agency_id AS "agencyId", ag.code AS "agencyCode", ag.name AS "agencyName",
              count(*) FILTER (WHERE p.placed_on BETWEEN $1 AND $2)::int AS placed,
              count(*) FILTER (WHERE p.ended_on BETWEEN $1 AND $2)::int AS ended,
              round(coalesce(sum(p.recovered) FILTER (WHERE p.ended_on BETWEEN $1 AND $2), 0), 2)::text AS recovered,
              round(coalesce(sum(p.commission) FILTER (WHERE p.ended_on BETWEEN $1 AND $2), 0), 2)::text AS commission
       FROM collection_placements p JOIN agents ag ON ag.tenant_id = p.tenant_id AND ag.id = p.agency_id
       WHERE p.placed_on BETWEEN $1 AND $2 OR p.ended_on BETWEEN $1 AND $2
       GROUP BY 1, 2, 3 ORDER BY 3, 1`, [from, to]);
    const recovered = stages.reduce((sum: Dec, s: { recovered: string }) => sum.plus(s.recovered), new Dec(0));
    const judged = promises.kept + promises.broken;
    return {
      from, to, stages, rollRates, refusals, agencies,
      promisesMade: promises.made, promisesKept: promises.kept, promisesBroken: promises.broken,
      promiseKeptRate: judged > 0 ? new Dec(promises.kept).div(judged).toFixed(4) : null,
      recovered: recovered.toFixed(2),
      outboundContacts: contacts.n,
      contactsPerThousandRecovered: recovered.gt(0) ? new Dec(contacts.n).times(1000).div(recovered).toFixed(2) : null,
    };
  }
}
