import { roundMoney } from '../../core/money';
import { SqlWhere } from '../../platform/db/sql-where';
import { emitEvent } from '../../platform/events/outbox';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { TenantDirectory } from '../../platform/tenancy/tenant-directory';
import type { LedgerService } from '../ledger';

export interface PlacementRow {
  id: string;
  caseId: string;
  loanId: string;
  agencyId: string;
  agencyCode: string | null;
  agencyName: string;
  stageName: string;
  placedOn: string;
  endsOn: string;
  commissionRate: string;
  status: 'PLACED' | 'RECALLED' | 'ENDED';
  endReason: 'EXPIRED' | 'CASE_CLOSED' | null;
  endedOn: string | null;
  /** What the loan recovered while placed: so far for an open placement, final once it ended. */
  recovered: string;
  commission: string | null;
  journalEntryId: string | null;
  currency: string;
}

/** Repayments that count as recovered: posted (not reversed) money from the borrower. */
const RECOVERED_SQL = (p: string, until: string) => `(SELECT coalesce(sum(t.amount), 0) FROM loan_transactions t
  WHERE t.tenant_id = ${p}.tenant_id AND t.loan_id = ${p}.loan_id AND t.kind IN ('REPAYMENT', 'SETTLEMENT', 'RECOVERY') AND t.status = 'POSTED'
    AND t.effective_date >= ${p}.placed_on AND t.effective_date <= ${until})`;

const SELECT = `
  SELECT p.id, p.case_id AS "caseId", p.loan_id AS "loanId", p.agency_id AS "agencyId", ag.code AS "agencyCode", ag.name AS "agencyName", p.stage_name AS "stageName",
         p.placed_on::text AS "placedOn", p.ends_on::text AS "endsOn", trim_scale(p.commission_rate)::text AS "commissionRate", p.status, p.end_reason AS "endReason",
         p.ended_on::text AS "endedOn", round(coalesce(p.recovered, ${RECOVERED_SQL('p', 'LEAST(p.ends_on, $1::date)')}), l.money_decimals)::text AS recovered,
         round(p.commission, l.money_decimals)::text AS commission, p.journal_entry_id AS "journalEntryId", l.currency
  FROM collection_placements p
  JOIN agents ag ON ag.tenant_id = p.tenant_id AND ag.id = p.agency_id
  JOIN loans l ON l.tenant_id = p.tenant_id AND l.id = p.loan_id`;

/**
 * Outsourced collections. A stage's AGENCY_PLACEMENT action (scheduled by close of business) places
 * the case with the collection agency it names, for its placement days: the case leaves the
 * lender's queues (its waiting tasks and messages are cancelled; close of business schedules no
 * more while it is placed) and the agency's keys see it. When the days are over, or the case closes, the
 * placement ends: what the loan recovered meanwhile (posted repayments, settlements, recoveries)
 * earns the agency its commission at the action's rate, in the lender's rounding, posted as
 * commission expense owed to the agency (COMMISSION_PAYABLE), and the case comes back. Both steps
 * are set-based over the tenant's due actions and placements, never a loop over loans.
 */
export class AgencyPlacementService {
  constructor(private readonly deps: { tenants: TenantDirectory; ledger: LedgerService }) {}

  async run(ctx: RequestContext): Promise<{ placed: number; recalled: number }> {
    const today = await this.deps.tenants.today(ctx);
    const placed = await this.place(ctx, today);
    const recalled = await this.recall(ctx, today);
    return { placed, recalled };
  }

  private async place(ctx: RequestContext, today: string): Promise<number> {
    const rows: { placed: boolean }[] = await (await ctx.db()).query(
      `WITH due AS (
         SELECT a.tenant_id, a.id AS action_id, c.id AS case_id, c.loan_id, c.borrower_id, c.stage_name, c.status AS case_status, c.placed_with,
                act.action, ag.id AS agency_id, ag.status AS agency_status
         FROM collection_actions a
         JOIN collection_cases c ON c.tenant_id = a.tenant_id AND c.id = a.case_id
         JOIN collection_policies cp ON cp.tenant_id = c.tenant_id AND cp.id = c.policy_id
         CROSS JOIN LATERAL (SELECT cp.definition -> 'stages' -> a.stage_index -> 'actions' -> a.action_index AS action) act
         LEFT JOIN agents ag ON ag.tenant_id = a.tenant_id AND ag.code = act.action ->> 'agencyCode' AND ag.kind = 'COLLECTION_AGENCY'
         WHERE a.status = 'PENDING' AND a.channel = 'AGENCY_PLACEMENT' AND a.due_at <= now()
         FOR UPDATE OF a, c SKIP LOCKED
       ), placed AS (
         INSERT INTO collection_placements (tenant_id, id, case_id, loan_id, agency_id, stage_name, placed_on, ends_on, commission_rate, status)
         SELECT tenant_id, gen_random_uuid(), case_id, loan_id, agency_id, stage_name, $1::date, $1::date + (action ->> 'placementDays')::int,
                (action ->> 'commissionRate')::numeric, 'PLACED'
         FROM due WHERE case_status = 'OPEN' AND agency_status = 'ACTIVE' AND placed_with IS NULL
         RETURNING tenant_id, id, case_id, loan_id, agency_id, stage_name, ends_on, commission_rate
       ), cases AS (
         UPDATE collection_cases c SET placed_with = p.agency_id, assignee_id = NULL, updated_at = now()
         FROM placed p WHERE c.tenant_id = p.tenant_id AND c.id = p.case_id RETURNING c.id
       ), actions AS (
         UPDATE collection_actions a SET status = CASE WHEN EXISTS (SELECT 1 FROM placed p WHERE p.case_id = d.case_id) THEN 'DONE' ELSE 'CANCELLED' END, done_at = now()
         FROM due d WHERE a.tenant_id = d.tenant_id AND a.id = d.action_id RETURNING a.id
       ), handed_over AS (
         -- The lender's own calls, visits and messages still waiting on a placed case are the agency's now.
         UPDATE collection_actions a SET status = 'CANCELLED', done_at = now()
         FROM placed p WHERE a.tenant_id = p.tenant_id AND a.case_id = p.case_id AND a.status = 'PENDING' AND a.channel <> 'AGENCY_PLACEMENT'
         RETURNING a.id
       ), events AS (
         INSERT INTO outbox_events (tenant_id, id, type, subject_type, subject_id, borrower_id, agent_id, data)
         SELECT p.tenant_id, gen_random_uuid(), 'collection.case_placed', 'CollectionCase', p.case_id::text, d.borrower_id, p.agency_id::text,
                jsonb_build_object('caseId', p.case_id, 'loanId', p.loan_id, 'placementId', p.id, 'agencyId', p.agency_id, 'stage', p.stage_name,
                                   'endsOn', p.ends_on, 'commissionRate', trim_scale(p.commission_rate)::text)
         FROM placed p JOIN due d ON d.case_id = p.case_id RETURNING 1
       )
       SELECT EXISTS (SELECT 1 FROM placed p WHERE p.case_id = d.case_id) AS placed FROM due d`,
      [today]);
    return rows.filter((r) => r.placed).length;
  }

  private async recall(ctx: RequestContext, today: string): Promise<number> {
    const tenant = await this.deps.tenants.current(ctx);
    const ended: { id: string; caseId: string; loanId: string; agencyId: string; borrowerId: string; status: 'RECALLED' | 'ENDED'; endedOn: string; recovered: string; rate: string; decimals: number; currency: string }[] =
      await (await ctx.db()).query(
        `WITH due AS (
           SELECT p.tenant_id, p.id, p.case_id, p.loan_id, p.agency_id, p.placed_on, p.commission_rate, c.borrower_id, l.money_decimals, l.currency,
                  CASE WHEN c.status = 'CLOSED' THEN 'ENDED' ELSE 'RECALLED' END AS status,
                  CASE WHEN c.status = 'CLOSED' THEN LEAST(coalesce(c.closed_on, $1::date), p.ends_on) ELSE p.ends_on END AS ended_on
           FROM collection_placements p
           JOIN collection_cases c ON c.tenant_id = p.tenant_id AND c.id = p.case_id
           JOIN loans l ON l.tenant_id = p.tenant_id AND l.id = p.loan_id
           WHERE p.status = 'PLACED' AND (p.ends_on < $1::date OR c.status = 'CLOSED')
           FOR UPDATE OF p, c SKIP LOCKED
         ), measured AS (
           SELECT d.*, ${RECOVERED_SQL('d', 'd.ended_on')} AS recovered FROM due d
         ), cases AS (
           UPDATE collection_cases c SET placed_with = NULL, updated_at = now() FROM measured m WHERE c.tenant_id = m.tenant_id AND c.id = m.case_id RETURNING c.id
         )
         SELECT m.id, m.case_id AS "caseId", m.loan_id AS "loanId", m.agency_id AS "agencyId", m.borrower_id AS "borrowerId", m.status, m.ended_on::text AS "endedOn",
                m.recovered::text AS recovered, m.commission_rate::text AS rate, m.money_decimals AS decimals, m.currency
         FROM measured m`,
        [today]);
    for (const p of ended) {
      const recovered = roundMoney(p.recovered, p.decimals, tenant.roundingMode);
      const commission = roundMoney(recovered.times(p.rate), p.decimals, tenant.roundingMode);
      const entryId = commission.gt(0)
        ? await this.deps.ledger.post(ctx, {
          kind: 'AGENCY_COMMISSION', businessDate: today, reference: `placement:${p.id}`,
          lines: [{ account: 'COMMISSION_EXPENSE', debit: commission.toFixed() }, { account: 'COMMISSION_PAYABLE', credit: commission.toFixed() }],
        }, null)
        : null;
      ctx.writes.add(
        `UPDATE collection_placements SET status = $2, end_reason = $3, ended_on = $4, recovered = $5, commission = $6, journal_entry_id = $7 WHERE id = $1`,
        [p.id, p.status, p.status === 'ENDED' ? 'CASE_CLOSED' : 'EXPIRED', p.endedOn, recovered.toFixed(), commission.toFixed(), entryId]);
      await emitEvent(ctx, {
        type: 'collection.case_recalled', subjectType: 'CollectionCase', subjectId: p.caseId, borrowerId: p.borrowerId, agentId: p.agencyId,
        data: { caseId: p.caseId, loanId: p.loanId, placementId: p.id, agencyId: p.agencyId, reason: p.status === 'ENDED' ? 'CASE_CLOSED' : 'EXPIRED',
          recovered: recovered.toFixed(p.decimals), commission: commission.toFixed(p.decimals), currency: p.currency, journalEntryId: entryId },
      });
    }
    return ended.length;
  }

  /** Placements, newest first: of a case, of an agency (an agency's own key: only its own), or all. */
  async list(ctx: RequestContext, filter: { caseId?: string | null; agencyId?: string | null; status?: string | null }): Promise<PlacementRow[]> {
    const today = await this.deps.tenants.today(ctx);
    const where = new SqlWhere();
    where.bind(today);
    if (filter.caseId) where.and('p.case_id = ?', filter.caseId);
    if (filter.agencyId) where.and('p.agency_id = ?', filter.agencyId);
    if (ctx.referringAgent) where.and('p.agency_id = ?', ctx.referringAgent);
    if (filter.status) where.and('p.status = ?', filter.status);
    return (await ctx.db()).query(`${SELECT} ${where.sql} ORDER BY p.placed_on DESC, p.id DESC LIMIT 200`, where.params);
  }
}
