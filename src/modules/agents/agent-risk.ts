import { type AgentEvidence, riskSignals } from '../../core/agents';
import type { RequestContext } from '../../platform/tenancy/request-context';
import { FPD_SQL } from './agent-performance';

const LOOK_BACK_DAYS = 180;

export interface RiskSignalRow {
  id: string;
  kind: string;
  detail: string;
  raisedOn: string;
}

/** Per agent: loans disbursed in the look-back and their first-payment defaults, and the tenant's rate. */
const FPD_EVIDENCE = `
SELECT l.agent_id AS "agentId", GROUPING(l.agent_id) = 1 AS total, count(*)::int AS disbursed, count(*) FILTER (WHERE ${FPD_SQL})::int AS fpd
FROM loans l WHERE l.disbursement_date > $1::date - ${LOOK_BACK_DAYS} AND l.disbursement_date <= $1::date GROUP BY GROUPING SETS ((l.agent_id), ())`;

/** Groups of three or more distinct referred borrowers sharing one device, phone, bank account or repayment reference. */
const SHARED_EVIDENCE = `
SELECT x.agent_id AS "agentId", 'SHARED_DEVICE' AS kind, md5(x.device_id) AS key, count(DISTINCT x.borrower_id)::int AS borrowers
FROM applications x WHERE x.agent_id IS NOT NULL AND x.device_id IS NOT NULL AND x.created_at > $1::date - ${LOOK_BACK_DAYS}
GROUP BY 1, 3 HAVING count(DISTINCT x.borrower_id) >= 3
UNION ALL
SELECT x.agent_id, 'SHARED_PHONE', b.phone_bidx, count(DISTINCT x.borrower_id)::int
FROM applications x JOIN borrowers b ON b.tenant_id = x.tenant_id AND b.id = x.borrower_id
WHERE x.agent_id IS NOT NULL AND b.phone_bidx IS NOT NULL AND x.created_at > $1::date - ${LOOK_BACK_DAYS}
GROUP BY 1, 3 HAVING count(DISTINCT x.borrower_id) >= 3
UNION ALL
SELECT x.agent_id, 'SHARED_BANK_ACCOUNT', b.bank_account_bidx, count(DISTINCT x.borrower_id)::int
FROM applications x JOIN borrowers b ON b.tenant_id = x.tenant_id AND b.id = x.borrower_id
WHERE x.agent_id IS NOT NULL AND b.bank_account_bidx IS NOT NULL AND x.created_at > $1::date - ${LOOK_BACK_DAYS}
GROUP BY 1, 3 HAVING count(DISTINCT x.borrower_id) >= 3
UNION ALL
SELECT l.agent_id, 'SHARED_REPAYMENT_SOURCE', md5(t.reference), count(DISTINCT l.borrower_id)::int
FROM loan_transactions t JOIN loans l ON l.tenant_id = t.tenant_id AND l.id = t.loan_id
WHERE l.agent_id IS NOT NULL AND t.kind = 'REPAYMENT' AND t.status = 'POSTED' AND t.reference IS NOT NULL AND t.effective_date > $1::date - ${LOOK_BACK_DAYS}
GROUP BY 1, 3 HAVING count(DISTINCT l.borrower_id) >= 3`;

/** Per agent: applications in the look-back, and those asking within 5% below an approval tier's amount limit. */
const THRESHOLD_EVIDENCE = `
WITH limits AS (
  SELECT DISTINCT v.amount FROM tenant_policies p CROSS JOIN LATERAL jsonb_array_elements(p.definition) AS t (tier)
  CROSS JOIN LATERAL (VALUES ((t.tier ->> 'maxAmount')::numeric), ((t.tier ->> 'minAmount')::numeric - 0.01)) AS v (amount)
  WHERE p.kind = 'APPROVAL_TIERS' AND jsonb_typeof(p.definition) = 'array' AND v.amount IS NOT NULL AND v.amount > 0
)
SELECT x.agent_id AS "agentId", count(*)::int AS applications,
       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM limits m WHERE x.requested_amount <= m.amount AND x.requested_amount >= m.amount * 0.95))::int AS "justUnder"
FROM applications x WHERE x.agent_id IS NOT NULL AND x.created_at > $1::date - ${LOOK_BACK_DAYS} GROUP BY 1`;

/**
 * Fraud signals on agents, raised by close of business over the last 180 days of referred business
 * (see core riskSignals): each once per agent and key, with `agent.risk_signal`.
 */
export class AgentRiskService {
  async raise(ctx: RequestContext, date: string): Promise<number> {
    const em = await ctx.db();
    // A signal names an agent: a lender without agents has none to raise (and its whole book need not be read for the peers' rate).
    const [{ any }] = await em.query('SELECT EXISTS (SELECT 1 FROM agents) AS any');
    if (!any) return 0;
    const evidence = new Map<string, AgentEvidence>();
    const of = (agentId: string) => {
      if (!evidence.has(agentId)) evidence.set(agentId, { disbursed: 0, firstPaymentDefaults: 0, shared: [], applications: 0, justUnderThreshold: 0 });
      return evidence.get(agentId)!;
    };
    let tenantRate: string | null = null;
    for (const r of await em.query(FPD_EVIDENCE, [date]) as { agentId: string | null; total: boolean; disbursed: number; fpd: number }[]) {
      // The total row is the lender's whole book (referred or not): the peers' rate.
      if (r.total) tenantRate = r.disbursed > 0 ? (r.fpd / r.disbursed).toFixed(6) : null;
      else if (r.agentId) Object.assign(of(r.agentId), { disbursed: r.disbursed, firstPaymentDefaults: r.fpd });
    }
    for (const r of await em.query(SHARED_EVIDENCE, [date]) as { agentId: string; kind: AgentEvidence['shared'][number]['kind']; key: string; borrowers: number }[]) of(r.agentId).shared.push({ kind: r.kind, key: r.key, borrowers: r.borrowers });
    for (const r of await em.query(THRESHOLD_EVIDENCE, [date]) as { agentId: string; applications: number; justUnder: number }[]) Object.assign(of(r.agentId), { applications: r.applications, justUnderThreshold: r.justUnder });
    const raised = [...evidence.entries()].flatMap(([agentId, e]) => riskSignals(e, tenantRate).map((s) => ({ agentId, ...s })));
    if (!raised.length) return 0;
    const rows: { id: string }[] = await em.query(
      `WITH new AS (
         INSERT INTO agent_risk_signals (tenant_id, id, agent_id, kind, key, detail, raised_on)
         SELECT $1::uuid, gen_random_uuid(), s.agent_id, s.kind, s.key, s.detail, $2::date
         FROM jsonb_to_recordset($3::jsonb) AS s (agent_id uuid, kind text, key text, detail text)
         JOIN agents a ON a.tenant_id = $1::uuid AND a.id = s.agent_id
         ON CONFLICT DO NOTHING RETURNING *
       )
       INSERT INTO outbox_events (tenant_id, id, type, subject_type, subject_id, agent_id, data)
       SELECT tenant_id, gen_random_uuid(), 'agent.risk_signal', 'Agent', agent_id::text, agent_id::text,
              jsonb_build_object('agentId', agent_id, 'signalId', id, 'kind', kind, 'detail', detail, 'businessDate', raised_on)
       FROM new RETURNING id`,
      [ctx.tenant, date, JSON.stringify(raised.filter((r) => /^[0-9a-f-]{36}$/i.test(r.agentId)).map((r) => ({ agent_id: r.agentId, kind: r.kind, key: r.key, detail: r.detail })))]);
    return rows.length;
  }

  async signals(ctx: RequestContext, agentId: string): Promise<RiskSignalRow[]> {
    return (await ctx.db()).query(
      'SELECT id, kind, detail, raised_on::text AS "raisedOn" FROM agent_risk_signals WHERE agent_id = $1 ORDER BY raised_on DESC, kind', [agentId]);
  }
}
