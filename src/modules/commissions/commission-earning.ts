import { Dec } from '../../core/money';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { TenantDirectory } from '../../platform/tenancy/tenant-directory';
import type { LedgerService } from '../ledger';

/** An amount of a rule on a base: FLAT is its amount, else the base times the rate in the lender's rounding. */
const RAW = `round_money(CASE WHEN r.rule ->> 'basis' = 'FLAT' THEN r.base ELSE r.base * r.rate END, r.dp, $2)`;

/** A running total capped at `cap` (null: none): what this row adds under the cap, given what came before. */
const capped = (cap: string, before: string, upTo: string) =>
  `CASE WHEN ${cap} IS NULL THEN (${upTo}) - (${before}) ELSE GREATEST(0, LEAST(${cap}, ${upTo}) - LEAST(${cap}, ${before})) END`;

/** Kinds that earn (and so count toward caps, hold back and can be clawed back). */
const EARNING = `('EARNED', 'OVERRIDE', 'ADJUSTMENT')`;

/**
 * The parent's share of the commissions a CTE (`source`) just inserted, as commissions of `kind` for
 * the agent's ACTIVE parent under a plan with a network override, rounded in the lender's mode (bound
 * at `roundingParam`); each names the commission it is a share of.
 */
const OVERRIDE = (source: string, kind: string, roundingParam: string) => `
  INSERT INTO commissions (tenant_id, id, agent_id, loan_id, plan_id, rule_index, kind, trigger, source_ref, business_date, period, base, rate, tier, amount, held, currency, journal_entry_id, reverses_id)
  SELECT e.tenant_id, gen_random_uuid(), pa.id, e.loan_id, e.plan_id, e.rule_index, '${kind}', e.trigger, e.source_ref, e.business_date, e.period, e.amount,
         (pl.definition -> 'networkOverride' ->> 'share')::numeric, 0, o.amount, 0, e.currency, CASE WHEN o.amount > 0 THEN gen_random_uuid() END, e.id
  FROM ${source} e
  JOIN agents a ON a.tenant_id = e.tenant_id AND a.id = e.agent_id
  JOIN agents pa ON pa.tenant_id = a.tenant_id AND pa.id = a.parent_id AND pa.status = 'ACTIVE'
  JOIN commission_plans pl ON pl.tenant_id = e.tenant_id AND pl.id = e.plan_id AND jsonb_typeof(pl.definition -> 'networkOverride') = 'object'
  JOIN loans l ON l.tenant_id = e.tenant_id AND l.id = e.loan_id
  CROSS JOIN LATERAL (SELECT round_money(e.amount * (pl.definition -> 'networkOverride' ->> 'share')::numeric, l.money_decimals, ${roundingParam}) AS amount) o
  WHERE e.amount > 0
  ON CONFLICT DO NOTHING
  RETURNING *
`;

/** The held shares a CTE (`source`) just inserted, queued for release on the loan's disbursement plus the plan's release days. */
const HOLDS = (source: string) => `
  INSERT INTO commission_holds (tenant_id, commission_id, loan_id, release_on)
  SELECT h.tenant_id, h.id, h.loan_id, l.disbursement_date + (pl.definition -> 'holdback' ->> 'releaseAfterDays')::int
  FROM ${source} h
  JOIN loans l ON l.tenant_id = h.tenant_id AND l.id = h.loan_id
  JOIN commission_plans pl ON pl.tenant_id = h.tenant_id AND pl.id = h.plan_id AND jsonb_typeof(pl.definition -> 'holdback') = 'object'
  WHERE h.held > 0
`;

/**
 * The commissions the loan events since the lender's cursor earn, set-based in one statement: each
 * disbursement, repayment (the loan's first, and each) and closing of a loan an ACTIVE agent
 * referred, under the most specific current plan for its product and the agent's kind, once per
 * agent, loan, trigger, source and rule. A FLAT rule pays its amount; a rate its share of the
 * principal, or of the interest the repayment (or, at closing, the loan) paid; a tiered rate the tier
 * the loan's place in its agent's month of disbursements reaches (by count or principal). Caps per
 * loan and per month cut the running totals; a holdback share is held; the parent of the agent gets
 * the plan's override share. Each commission is a journal entry (commission expense against
 * commissions payable) and a `commission.earned` event.
 */
const CANDIDATES_SQL = `
CREATE TEMP TABLE commission_candidates ON COMMIT DROP AS
WITH ev AS (
  -- The event's agent as a key of agents (an id that is not a uuid refers to no agent).
  SELECT e.seq, e.type, CASE WHEN e.agent_id ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN e.agent_id::uuid END AS agent_id, (e.data ->> 'loanId')::uuid AS loan_id, e.data ->> 'transactionId' AS tx_id, (e.data ->> 'businessDate')::date AS bdate
  FROM outbox_events e
  WHERE e.seq > $1 AND e.type IN ('loan.disbursed', 'loan.repayment_posted', 'loan.loan_closed') AND e.agent_id IS NOT NULL
    -- A repayment reversed before it earned earns nothing (and leaves the loan's first repayment to the next).
    AND NOT (e.type = 'loan.repayment_posted' AND EXISTS (SELECT 1 FROM loan_transactions x WHERE x.tenant_id = $2::uuid AND x.loan_id = (e.data ->> 'loanId')::uuid
                                                            AND x.id::text = e.data ->> 'transactionId' AND x.status = 'REVERSED'))
), trig AS (
  SELECT seq, agent_id, loan_id, bdate, 'DISBURSED' AS trigger, loan_id::text AS source_ref, NULL::text AS tx_id FROM ev WHERE type = 'loan.disbursed'
  UNION ALL SELECT seq, agent_id, loan_id, bdate, 'EACH_REPAYMENT', tx_id, tx_id FROM ev WHERE type = 'loan.repayment_posted'
  UNION ALL (SELECT DISTINCT ON (ev.loan_id) ev.seq, ev.agent_id, ev.loan_id, ev.bdate, 'FIRST_REPAYMENT', ev.tx_id, ev.tx_id FROM ev WHERE ev.type = 'loan.repayment_posted' ORDER BY ev.loan_id, ev.seq)
  UNION ALL SELECT seq, agent_id, loan_id, bdate, 'LOAN_CLOSED', loan_id::text, NULL FROM ev WHERE type = 'loan.loan_closed'
)
SELECT $2::uuid AS tenant_id, t.seq, t.loan_id, t.bdate, t.trigger, t.source_ref, t.tx_id, a.id AS agent_id, a.parent_id, l.principal, l.money_decimals AS dp, l.currency,
         l.disbursement_date, pl.id AS plan_id, pl.definition, r.rule, (r.ord - 1)::int AS rule_index
  FROM trig t
  JOIN agents a ON a.tenant_id = $2::uuid AND a.id = t.agent_id AND a.status = 'ACTIVE'
  JOIN loans l ON l.tenant_id = $2::uuid AND l.id = t.loan_id
  JOIN loan_products p ON p.tenant_id = l.tenant_id AND p.id = l.product_id
  CROSS JOIN LATERAL (
    SELECT cp.id, cp.definition FROM commission_plans cp
    WHERE cp.is_current
      AND (jsonb_array_length(cp.definition -> 'productCodes') = 0 OR jsonb_exists(cp.definition -> 'productCodes', p.code))
      AND (jsonb_array_length(cp.definition -> 'agentKinds') = 0 OR jsonb_exists(cp.definition -> 'agentKinds', a.kind))
    ORDER BY jsonb_array_length(cp.definition -> 'productCodes') > 0 DESC, jsonb_array_length(cp.definition -> 'agentKinds') > 0 DESC, cp.code LIMIT 1) pl
  CROSS JOIN LATERAL jsonb_array_elements(pl.definition -> 'rules') WITH ORDINALITY AS r (rule, ord)
  WHERE r.rule ->> 'trigger' = t.trigger
    -- Once per trigger and source; a loan's first repayment once, unless the repayment that earned it was reversed.
    AND NOT EXISTS (SELECT 1 FROM commissions c WHERE c.tenant_id = $2::uuid AND c.agent_id = a.id AND c.loan_id = t.loan_id AND c.trigger = t.trigger AND c.kind = 'EARNED'
                    AND (c.source_ref = t.source_ref
                      OR (t.trigger = 'FIRST_REPAYMENT' AND NOT EXISTS (SELECT 1 FROM loan_transactions x WHERE x.tenant_id = $2::uuid AND x.loan_id = t.loan_id
                                                                          AND x.id::text = c.source_ref AND x.status = 'REVERSED'))))
`;

const EARN_SQL = `
WITH tiered_months AS (
  -- The agent-months a tiered rule needs, each ranked once: a loan's place in its agent's month (MARGINAL) and the month so far (WHOLE).
  SELECT DISTINCT agent_id::text AS agent_id, date_trunc('month', disbursement_date)::date AS month FROM commission_candidates WHERE jsonb_array_length(coalesce(rule -> 'tiers', '[]')) > 0
), ranked AS (
  SELECT m.id, count(*) OVER place AS place_count, sum(m.principal) OVER place AS place_volume,
         count(*) OVER whole AS whole_count, sum(m.principal) OVER whole AS whole_volume
  FROM tiered_months t
  JOIN loans m ON m.tenant_id = $3::uuid AND m.agent_id = t.agent_id AND m.disbursement_date >= t.month AND m.disbursement_date < (t.month + interval '1 month')::date
  WINDOW place AS (PARTITION BY m.agent_id, t.month ORDER BY m.disbursement_date, m.id), whole AS (PARTITION BY m.agent_id, t.month)
), measured AS (
  SELECT c.*,
    CASE c.rule ->> 'basis'
      WHEN 'FLAT' THEN (c.rule ->> 'amount')::numeric
      WHEN 'PRINCIPAL' THEN c.principal
      ELSE coalesce((SELECT sum((lp.allocation ->> 'interest')::numeric) FROM loan_postings lp
                     WHERE lp.tenant_id = $3::uuid AND lp.loan_id = c.loan_id AND (c.tx_id IS NULL OR lp.allocation ->> 'transactionId' = c.tx_id)), 0)
    END AS base,
    (CASE WHEN c.rule ->> 'tierMode' = 'WHOLE' THEN rk.whole_count ELSE rk.place_count END)::numeric AS month_count,
    CASE WHEN c.rule ->> 'tierMode' = 'WHOLE' THEN rk.whole_volume ELSE rk.place_volume END AS month_volume
  FROM commission_candidates c LEFT JOIN ranked rk ON rk.id = c.loan_id
), rated AS (
  SELECT m.*,
    CASE WHEN m.rule ->> 'basis' = 'FLAT' THEN NULL ELSE coalesce(tr.rate, (m.rule ->> 'rate')::numeric) END AS rate, coalesce(tr.tier, 0) AS tier
  FROM measured m
  LEFT JOIN LATERAL (
    SELECT (t.value ->> 'rate')::numeric AS rate, t.ord::int AS tier FROM jsonb_array_elements(coalesce(m.rule -> 'tiers', '[]')) WITH ORDINALITY AS t (value, ord)
    WHERE (CASE m.rule ->> 'tierBy' WHEN 'VOLUME' THEN m.month_volume ELSE m.month_count END) > (t.value ->> 'above')::numeric
    ORDER BY t.ord DESC LIMIT 1) tr ON true
), capped_months AS (
  -- What each agent earned so far in the months a monthly cap applies to, summed once per agent and month.
  SELECT c.agent_id, c.period, sum(c.amount) AS total
  FROM (SELECT DISTINCT agent_id, to_char(GREATEST(bdate, $1::date), 'YYYY-MM') AS period FROM rated WHERE definition ->> 'capPerMonth' IS NOT NULL) k
  JOIN commissions c ON c.tenant_id = $3::uuid AND c.agent_id = k.agent_id AND c.period = k.period AND c.kind IN ('EARNED', 'ADJUSTMENT')
  GROUP BY c.agent_id, c.period
), raw AS (
  SELECT r.*, ${RAW} AS raw,
    (r.definition ->> 'capPerLoan')::numeric AS cap_loan, (r.definition ->> 'capPerMonth')::numeric AS cap_month,
    to_char(GREATEST(r.bdate, $1::date), 'YYYY-MM') AS period,
    CASE WHEN r.definition ->> 'capPerLoan' IS NULL THEN 0 ELSE
      (SELECT coalesce(sum(c.amount), 0) FROM commissions c WHERE c.tenant_id = $3::uuid AND c.loan_id = r.loan_id AND c.agent_id = r.agent_id AND c.kind IN ('EARNED', 'ADJUSTMENT')) END AS loan_before,
    coalesce(cm.total, 0) AS month_before
  FROM rated r LEFT JOIN capped_months cm ON cm.agent_id = r.agent_id AND cm.period = to_char(GREATEST(r.bdate, $1::date), 'YYYY-MM')
), loan_capped AS (
  SELECT x.*, ${capped('x.cap_loan', 'x.loan_before + x.loan_cum - x.raw', 'x.loan_before + x.loan_cum')} AS after_loan_cap
  FROM (SELECT raw.*, sum(raw) OVER (PARTITION BY agent_id, loan_id ORDER BY seq, rule_index) AS loan_cum FROM raw) x
), month_capped AS (
  SELECT y.*, ${capped('y.cap_month', 'y.month_before + y.month_cum - y.after_loan_cap', 'y.month_before + y.month_cum')} AS amount
  FROM (SELECT loan_capped.*, sum(after_loan_cap) OVER (PARTITION BY agent_id, period ORDER BY seq, loan_id, rule_index) AS month_cum FROM loan_capped) y
), earned AS (
  INSERT INTO commissions (tenant_id, id, agent_id, loan_id, plan_id, rule_index, kind, trigger, source_ref, business_date, period, base, rate, tier, amount, held, currency, journal_entry_id)
  SELECT $3::uuid, gen_random_uuid(), agent_id, loan_id, plan_id, rule_index, 'EARNED', trigger, source_ref, bdate, period, base, rate, tier, amount,
         CASE WHEN jsonb_typeof(definition -> 'holdback') = 'object' THEN round_money(amount * (definition -> 'holdback' ->> 'share')::numeric, dp, $2) ELSE 0 END,
         currency, CASE WHEN amount > 0 THEN gen_random_uuid() END
  FROM month_capped
  ON CONFLICT DO NOTHING
  RETURNING *
), override AS (${OVERRIDE('earned', 'OVERRIDE', '$2')}), holds AS (${HOLDS('earned')})
SELECT id, agent_id AS "agentId", loan_id AS "loanId", kind, trigger, amount::text, currency, journal_entry_id AS "journalEntryId", business_date::text AS "businessDate", period FROM earned
UNION ALL
SELECT id, agent_id, loan_id, kind, trigger, amount::text, currency, journal_entry_id, business_date::text, period FROM override`;

/**
 * Clawbacks and releases at a business date, set-based: a commission (and its override) on a loan
 * that reached the plan's clawback DPD within its window of disbursement, or was written off within
 * its write-off window, is reversed in full (what was still held is cancelled with it); a held share
 * whose release day has come, and that was not clawed back, becomes payable.
 */
const CLAW_SQL = `
WITH late AS MATERIALIZED (
  -- Only loans past due or written off within the longest clawback window of any plan can claw anything back (found first, then their commissions).
  SELECT l.id, l.dpd, l.status, l.disbursement_date FROM loans l
  WHERE l.tenant_id = $3::uuid AND (l.dpd > 0 OR l.status = 'WRITTEN_OFF')
    AND $1::date - l.disbursement_date <= (SELECT max(GREATEST((p.definition -> 'clawback' ->> 'withinDays')::int, coalesce((p.definition -> 'clawback' ->> 'writeOffWithinDays')::int, 0)))
                                           FROM commission_plans p WHERE p.tenant_id = $3::uuid AND jsonb_typeof(p.definition -> 'clawback') = 'object')
), due AS (
  SELECT c.*, (c.held + coalesce((SELECT sum(x.held) FROM commissions x WHERE x.tenant_id = c.tenant_id AND x.reverses_id = c.id AND x.kind = 'RELEASE'), 0)) AS still_held
  FROM late l
  JOIN commissions c ON c.tenant_id = $3::uuid AND c.loan_id = l.id
  JOIN commission_plans pl ON pl.tenant_id = c.tenant_id AND pl.id = c.plan_id AND jsonb_typeof(pl.definition -> 'clawback') = 'object'
  WHERE c.kind IN ${EARNING} AND c.amount > 0
    AND NOT EXISTS (SELECT 1 FROM commissions x WHERE x.tenant_id = c.tenant_id AND x.reverses_id = c.id AND x.kind = 'CLAWBACK')
    AND ((l.dpd >= (pl.definition -> 'clawback' ->> 'dpd')::int AND $1::date - l.disbursement_date <= (pl.definition -> 'clawback' ->> 'withinDays')::int)
      OR (l.status = 'WRITTEN_OFF' AND jsonb_typeof(pl.definition -> 'clawback' -> 'writeOffWithinDays') = 'number'
          AND $1::date - l.disbursement_date <= (pl.definition -> 'clawback' ->> 'writeOffWithinDays')::int))
), clawed AS (
  INSERT INTO commissions (tenant_id, id, agent_id, loan_id, plan_id, rule_index, kind, trigger, source_ref, business_date, period, base, rate, tier, amount, held, currency, journal_entry_id, reverses_id)
  SELECT tenant_id, gen_random_uuid(), agent_id, loan_id, plan_id, rule_index, 'CLAWBACK', trigger, source_ref || ':' || kind, $1::date, to_char(GREATEST($1::date, $2::date), 'YYYY-MM'),
         amount, NULL, tier, -amount, -still_held, currency, gen_random_uuid(), id
  FROM due
  ON CONFLICT DO NOTHING
  RETURNING *
), unheld AS (DELETE FROM commission_holds h USING clawed WHERE h.tenant_id = clawed.tenant_id AND h.commission_id = clawed.reverses_id)
SELECT id, agent_id AS "agentId", loan_id AS "loanId", kind, trigger, amount::text, currency, journal_entry_id AS "journalEntryId", business_date::text AS "businessDate", period, reverses_id AS "reversesId" FROM clawed`;

/** A repayment reversed after it earned (EACH_REPAYMENT, FIRST_REPAYMENT) takes its commissions back, found from the reversal events since the cursor; the loan's next repayment is then its first. */
const REVERSED_SQL = `
WITH reversed AS MATERIALIZED (
  -- The repayments reversed since the cursor, found first (few), then their commissions by loan.
  SELECT (e.data ->> 'loanId')::uuid AS loan_id, e.data ->> 'transactionId' AS tx_id FROM outbox_events e WHERE e.seq > $1 AND e.type = 'loan.transaction_reversed'
), clawed AS (
  INSERT INTO commissions (tenant_id, id, agent_id, loan_id, plan_id, rule_index, kind, trigger, source_ref, business_date, period, base, rate, tier, amount, held, currency, journal_entry_id, reverses_id)
  SELECT c.tenant_id, gen_random_uuid(), c.agent_id, c.loan_id, c.plan_id, c.rule_index, 'CLAWBACK', c.trigger, c.source_ref || ':' || c.kind, $2::date,
         to_char(GREATEST($2::date, $3::date), 'YYYY-MM'), c.amount, NULL, c.tier, -c.amount,
         -(c.held + coalesce((SELECT sum(x.held) FROM commissions x WHERE x.tenant_id = c.tenant_id AND x.loan_id = c.loan_id AND x.reverses_id = c.id AND x.kind = 'RELEASE'), 0)),
         c.currency, gen_random_uuid(), c.id
  FROM reversed e
  JOIN commissions c ON c.tenant_id = $4::uuid AND c.loan_id = e.loan_id AND c.trigger IN ('EACH_REPAYMENT', 'FIRST_REPAYMENT') AND c.source_ref = e.tx_id
  WHERE c.kind IN ${EARNING} AND c.amount > 0
    AND NOT EXISTS (SELECT 1 FROM commissions x WHERE x.tenant_id = c.tenant_id AND x.loan_id = c.loan_id AND x.reverses_id = c.id AND x.kind = 'CLAWBACK')
  ON CONFLICT DO NOTHING
  RETURNING *
), unheld AS (DELETE FROM commission_holds h USING clawed WHERE h.tenant_id = clawed.tenant_id AND h.commission_id = clawed.reverses_id)
SELECT id, agent_id AS "agentId", loan_id AS "loanId", kind, trigger, amount::text, currency, journal_entry_id AS "journalEntryId", business_date::text AS "businessDate", period, reverses_id AS "reversesId" FROM clawed`;

/** Held shares whose release day has come (and that were not clawed back, which takes their hold away) become payable. */
const RELEASE_SQL = `
WITH due AS (DELETE FROM commission_holds h WHERE h.tenant_id = $3::uuid AND h.release_on <= $1::date RETURNING h.commission_id)
INSERT INTO commissions (tenant_id, id, agent_id, loan_id, plan_id, rule_index, kind, trigger, source_ref, business_date, period, base, rate, tier, amount, held, currency, reverses_id)
SELECT c.tenant_id, gen_random_uuid(), c.agent_id, c.loan_id, c.plan_id, c.rule_index, 'RELEASE', c.trigger, c.source_ref || ':' || c.kind, $1::date, to_char(GREATEST($1::date, $2::date), 'YYYY-MM'),
       c.held, NULL, c.tier, 0, -c.held, c.currency, c.id
FROM due JOIN commissions c ON c.tenant_id = $3::uuid AND c.id = due.commission_id
WHERE c.held > 0
ON CONFLICT DO NOTHING
RETURNING id`;

/**
 * The whole-tier true-up of a month ($1, YYYY-MM), set-based: each commission EARNED under a WHOLE
 * tiered rule on a loan disbursed in the month, not clawed back, whose tier is below the one the
 * agent's whole month reached, gets an ADJUSTMENT of the difference (the base at the month's rate, in
 * the lender's rounding, less what it earned), cut by the caps per loan and month; never negative.
 * The parent's override share of it follows, and the plan's holdback holds its share.
 */
const TRUE_UP_SQL = `
WITH orig AS (
  SELECT c.*, l.money_decimals AS dp, pl.definition, pl.definition -> 'rules' -> c.rule_index AS rule
  FROM commissions c
  JOIN loans l ON l.tenant_id = c.tenant_id AND l.id = c.loan_id
  JOIN commission_plans pl ON pl.tenant_id = c.tenant_id AND pl.id = c.plan_id
  WHERE c.kind = 'EARNED' AND c.rate IS NOT NULL AND c.amount >= 0
    AND l.disbursement_date >= ($1 || '-01')::date AND l.disbursement_date < (($1 || '-01')::date + interval '1 month')::date
    AND pl.definition -> 'rules' -> c.rule_index ->> 'tierMode' = 'WHOLE'
    AND NOT EXISTS (SELECT 1 FROM commissions x WHERE x.tenant_id = c.tenant_id AND x.loan_id = c.loan_id AND x.reverses_id = c.id AND x.kind IN ('ADJUSTMENT', 'CLAWBACK'))
), month AS (
  SELECT m.agent_id, count(*)::numeric AS n, sum(m.principal) AS v FROM loans m
  WHERE m.tenant_id = $3::uuid AND m.disbursement_date >= ($1 || '-01')::date AND m.disbursement_date < (($1 || '-01')::date + interval '1 month')::date
    AND m.agent_id IN (SELECT agent_id::text FROM orig)
  GROUP BY m.agent_id
), raw AS (
  SELECT o.*, tr.rate AS new_rate, tr.tier AS new_tier, round_money(o.base * tr.rate, o.dp, $2) - o.amount AS raw,
    (o.definition ->> 'capPerLoan')::numeric AS cap_loan, (o.definition ->> 'capPerMonth')::numeric AS cap_month,
    (SELECT coalesce(sum(x.amount), 0) FROM commissions x WHERE x.tenant_id = o.tenant_id AND x.agent_id = o.agent_id AND x.loan_id = o.loan_id AND x.kind IN ('EARNED', 'ADJUSTMENT')) AS loan_before,
    (SELECT coalesce(sum(x.amount), 0) FROM commissions x WHERE x.tenant_id = o.tenant_id AND x.agent_id = o.agent_id AND x.period = $1 AND x.kind IN ('EARNED', 'ADJUSTMENT')) AS month_before
  FROM orig o
  JOIN month mo ON mo.agent_id = o.agent_id::text
  JOIN LATERAL (
    SELECT (t.value ->> 'rate')::numeric AS rate, t.ord::int AS tier FROM jsonb_array_elements(o.rule -> 'tiers') WITH ORDINALITY AS t (value, ord)
    WHERE (CASE o.rule ->> 'tierBy' WHEN 'VOLUME' THEN mo.v ELSE mo.n END) > (t.value ->> 'above')::numeric
    ORDER BY t.ord DESC LIMIT 1) tr ON tr.tier > o.tier
), loan_capped AS (
  SELECT x.*, ${capped('x.cap_loan', 'x.loan_before + x.loan_cum - x.raw', 'x.loan_before + x.loan_cum')} AS after_loan_cap
  FROM (SELECT raw.*, sum(raw) OVER (PARTITION BY agent_id, loan_id ORDER BY business_date, id) AS loan_cum FROM raw WHERE raw > 0) x
), month_capped AS (
  SELECT y.*, ${capped('y.cap_month', 'y.month_before + y.month_cum - y.after_loan_cap', 'y.month_before + y.month_cum')} AS adj
  FROM (SELECT loan_capped.*, sum(after_loan_cap) OVER (PARTITION BY agent_id ORDER BY business_date, loan_id, id) AS month_cum FROM loan_capped) y
), adjusted AS (
  INSERT INTO commissions (tenant_id, id, agent_id, loan_id, plan_id, rule_index, kind, trigger, source_ref, business_date, period, base, rate, tier, amount, held, currency, journal_entry_id, reverses_id)
  SELECT tenant_id, gen_random_uuid(), agent_id, loan_id, plan_id, rule_index, 'ADJUSTMENT', trigger, source_ref, $4::date, $1, base, new_rate, new_tier, adj,
         CASE WHEN jsonb_typeof(definition -> 'holdback') = 'object' THEN round_money(adj * (definition -> 'holdback' ->> 'share')::numeric, dp, $2) ELSE 0 END,
         currency, gen_random_uuid(), id
  FROM month_capped WHERE adj > 0
  ON CONFLICT DO NOTHING
  RETURNING *
), override AS (${OVERRIDE('adjusted', 'ADJUSTMENT', '$2')}), holds AS (${HOLDS('adjusted')})
SELECT id, agent_id AS "agentId", loan_id AS "loanId", kind, trigger, amount::text, currency, journal_entry_id AS "journalEntryId", business_date::text AS "businessDate", period FROM adjusted
UNION ALL
SELECT id, agent_id, loan_id, kind, trigger, amount::text, currency, journal_entry_id, business_date::text, period FROM override`;

interface Moved { id: string; agentId: string; loanId: string; kind: string; trigger: string; amount: string; currency: string; journalEntryId: string | null; businessDate: string; period: string; reversesId?: string }

/**
 * Commissions in close of business (its own step, after the date's loans): earned from the loan
 * events since the last run, clawed back and released as of the date; every commission a journal
 * entry and an event. Runs in the date's completing transaction, so a date earns once.
 */
export class CommissionEarning {
  constructor(private readonly deps: { tenants: TenantDirectory; ledger: LedgerService }) {}

  async run(ctx: RequestContext, date: string): Promise<{ earned: number; clawedBack: number; released: number }> {
    const em = await ctx.db();
    const tenant = await this.deps.tenants.current(ctx);
    await em.query('INSERT INTO commission_cursors (tenant_id) VALUES ($1) ON CONFLICT DO NOTHING', [ctx.tenant]);
    // One run of overlap: an event whose transaction committed after the last run read past it is still seen.
    const [cursor] = await em.query('SELECT prev_seq, last_seq FROM commission_cursors FOR UPDATE');
    const [{ top }] = await em.query('SELECT coalesce(max(seq), 0)::bigint AS top FROM outbox_events');
    // A closed month is frozen: what would fall in it lands in the first open one.
    const [{ open }] = await em.query(`SELECT coalesce(to_char((max(period) || '-01')::date + interval '1 month', 'YYYY-MM-DD'), '0001-01-01') AS open FROM commission_periods`);
    // The night's candidates first, in a table of their own with real statistics: planned as one
    // statement with the rest, a misestimated candidate set could re-rank an agent's month per row.
    await em.query('DROP TABLE IF EXISTS pg_temp.commission_candidates');
    await em.query(CANDIDATES_SQL, [cursor.prev_seq, ctx.tenant]);
    await em.query('ANALYZE pg_temp.commission_candidates');
    const earned: Moved[] = await em.query(EARN_SQL, [open, tenant.roundingMode, ctx.tenant]);
    const clawed: Moved[] = [...await em.query(CLAW_SQL, [date, open, ctx.tenant]), ...await em.query(REVERSED_SQL, [cursor.prev_seq, date, open, ctx.tenant])];
    const released = await em.query(RELEASE_SQL, [date, open, ctx.tenant]);
    await em.query('UPDATE commission_cursors SET prev_seq = last_seq, last_seq = $1, updated_at = now()', [top]);
    await this.post(ctx, [...earned, ...clawed]);
    await this.announce(ctx, [...earned, ...clawed]);
    return { earned: earned.length, clawedBack: clawed.length, released: released.length };
  }

  /**
   * Trues up a month's whole-tier commissions before it is frozen (in the closing's transaction):
   * each an ADJUSTMENT in the month, a journal entry and a `commission.earned` event.
   */
  async trueUp(ctx: RequestContext, period: string, today: string): Promise<number> {
    const em = await ctx.db();
    const tenant = await this.deps.tenants.current(ctx);
    const adjusted: Moved[] = await em.query(TRUE_UP_SQL, [period, tenant.roundingMode, ctx.tenant, today]);
    await this.post(ctx, adjusted);
    await this.announce(ctx, adjusted);
    return adjusted.length;
  }

  private async announce(ctx: RequestContext, moved: Moved[]): Promise<void> {
    if (!moved.length) return;
    await (await ctx.db()).query(
      `INSERT INTO outbox_events (tenant_id, id, type, subject_type, subject_id, agent_id, data)
       SELECT $1::uuid, gen_random_uuid(), CASE WHEN m.kind = 'CLAWBACK' THEN 'commission.clawed_back' ELSE 'commission.earned' END, 'Agent', m.agent_id, m.agent_id,
              jsonb_build_object('commissionId', m.id, 'agentId', m.agent_id, 'loanId', m.loan_id, 'kind', m.kind, 'trigger', m.trigger, 'amount', m.amount,
                                 'currency', m.currency, 'period', m.period, 'businessDate', m.business_date, 'journalEntryId', m.journal_entry_id)
       FROM jsonb_to_recordset($2::jsonb) AS m (id uuid, agent_id text, loan_id uuid, kind text, trigger text, amount text, currency text, period text, business_date date, journal_entry_id uuid)`,
      [ctx.tenant, JSON.stringify(moved.map((m) => ({ id: m.id, agent_id: m.agentId, loan_id: m.loanId, kind: m.kind, trigger: m.trigger, amount: m.amount, currency: m.currency, period: m.period, business_date: m.businessDate, journal_entry_id: m.journalEntryId })))]);
  }

  /** Each commission with an amount is a balanced entry: expense against payable (a clawback the other way round). */
  private async post(ctx: RequestContext, moved: Moved[]): Promise<void> {
    await this.deps.ledger.postMany(ctx, moved.filter((m) => m.journalEntryId).map((m) => {
      const amount = new Dec(m.amount);
      const [debit, credit] = amount.gt(0) ? ['COMMISSION_EXPENSE', 'COMMISSION_PAYABLE'] as const : ['COMMISSION_PAYABLE', 'COMMISSION_EXPENSE'] as const;
      return { id: m.journalEntryId!, kind: 'COMMISSION', businessDate: m.businessDate, reference: `commission:${m.id}`,
        lines: [{ account: debit, debit: amount.abs().toFixed() }, { account: credit, credit: amount.abs().toFixed() }] };
    }));
  }
}
