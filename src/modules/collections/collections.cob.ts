import type { CobWriter } from '../../core/cob';

/** The stage of `stages` (a jsonb array) a loan `dpd` days past due is in, as (idx, stage); see core stageFor. */
const stageOf = (stages: string, dpd: string) => `
  SELECT (s.ord - 1)::int AS idx, s.stage FROM jsonb_array_elements(${stages}) WITH ORDINALITY AS s (stage, ord)
  WHERE ${dpd} >= (s.stage ->> 'minDpd')::int AND (jsonb_typeof(s.stage -> 'maxDpd') = 'null' OR ${dpd} <= (s.stage ->> 'maxDpd')::int)
  ORDER BY s.ord LIMIT 1`;

/** Whether the loan `l` (a row with tenant_id and id) has an open collection case. */
const hasOpenCase = (l: string) => `EXISTS (SELECT 1 FROM collection_cases oc WHERE oc.tenant_id = ${l}.tenant_id AND oc.loan_id = ${l}.id AND oc.status = 'OPEN')`;

/**
 * Collections in close of business, set-based in the partition's statement (never a loop over
 * loans): a loan past due with no open case gets one under the current policy that covers its
 * product and segment (most specific first) when its DPD reaches a stage; an open case follows its
 * loan's DPD through the stages of the policy version it was opened under, and closes CURED at 0 DPD;
 * a case whose loan left the book (paid off, settled, written off, restructured) closes with that
 * reason; promises are kept once repayments since the promise cover them, broken when their day is
 * over and they are not; the day's actions of each open case's stage are scheduled (message or
 * task, or a placement with an agency), unless the case is paused, placed with an agency already, or a
 * promise or a settlement is open. Every change is an outbox event.
 */
export const collectionsCobWriter: CobWriter = {
  name: 'collections',
  // A loan past due is never idle; one current again still has its open case to close (CURED).
  engages: (l) => hasOpenCase(l),
  ctes: (written) => `
coll_loans AS (
  SELECT w.tenant_id, w.id AS loan_id, w.dpd2 AS dpd, (w.overdue_principal + w.penalty_total) AS overdue, l.borrower_id, p.code AS product_code, b.segment
  FROM ${written} w
  JOIN loans l ON l.tenant_id = w.tenant_id AND l.id = w.id
  JOIN loan_products p ON p.tenant_id = l.tenant_id AND p.id = l.product_id
  -- Each loan's borrower by key, whatever the statistics say: a lender's borrowers added since the last
  -- ANALYZE look like one row, and a plain join then read all of them again for every loan past due
  -- (55 s for 20,000 loans where by key it takes 0.1 s).
  CROSS JOIN LATERAL (SELECT x.segment FROM borrowers x WHERE x.tenant_id = l.tenant_id AND x.id = l.borrower_id OFFSET 0) b
  -- Only a loan past due or with an open case has anything to do here (a current loan is most of the book).
  WHERE w.dpd2 > 0 OR ${hasOpenCase('w')}
),
coll_promises AS (
  SELECT pr.tenant_id, pr.id, pr.case_id, pr.loan_id, pr.amount, pr.due_date,
         (SELECT coalesce(sum(t.amount), 0) FROM loan_transactions t
          WHERE t.tenant_id = pr.tenant_id AND t.loan_id = pr.loan_id AND t.kind IN ('REPAYMENT', 'SETTLEMENT') AND t.status = 'POSTED'
            AND t.effective_date >= pr.promised_on AND t.effective_date <= LEAST(pr.due_date, $2::date)) AS paid
  FROM collection_promises pr
  WHERE pr.tenant_id = $1 AND pr.status = 'OPEN' AND pr.loan_id >= $3 AND pr.loan_id <= $4
),
coll_promise_upd AS (
  UPDATE collection_promises pr SET status = CASE WHEN d.paid >= d.amount THEN 'KEPT' ELSE 'BROKEN' END, paid = d.paid, resolved_on = $2::date
  FROM coll_promises d
  WHERE pr.tenant_id = d.tenant_id AND pr.id = d.id AND (d.paid >= d.amount OR d.due_date < $2::date)
  RETURNING pr.tenant_id, pr.id, pr.case_id, pr.loan_id, pr.status, pr.amount, pr.due_date, pr.paid
),
coll_moved AS (
  SELECT c.tenant_id, c.id, c.loan_id, c.borrower_id, c.stage_index AS old_index, c.stage_name AS old_stage, c.broken_promises, c.paused_until, c.placed_with,
         cl.dpd, cl.overdue, st.idx, st.stage,
         (SELECT count(*) FROM coll_promise_upd pu WHERE pu.tenant_id = c.tenant_id AND pu.case_id = c.id AND pu.status = 'BROKEN')::int AS broken_now,
         (EXISTS (SELECT 1 FROM coll_promises op WHERE op.tenant_id = c.tenant_id AND op.case_id = c.id AND op.paid < op.amount AND op.due_date >= $2::date)
          OR EXISTS (SELECT 1 FROM loan_settlements ls WHERE ls.tenant_id = c.tenant_id AND ls.loan_id = c.loan_id AND ls.status = 'OPEN' AND ls.pay_by >= $2::date)) AS promise_open
  FROM collection_cases c
  JOIN coll_loans cl ON cl.tenant_id = c.tenant_id AND cl.loan_id = c.loan_id
  JOIN collection_policies cp ON cp.tenant_id = c.tenant_id AND cp.id = c.policy_id
  LEFT JOIN LATERAL (${stageOf("cp.definition -> 'stages'", 'cl.dpd')}) st ON true
  WHERE c.tenant_id = $1 AND c.status = 'OPEN'
),
coll_case_upd AS (
  UPDATE collection_cases c SET
    dpd = m.dpd, amount_overdue = m.overdue, broken_promises = c.broken_promises + m.broken_now, updated_at = now(),
    stage_index = coalesce(m.idx, c.stage_index), stage_name = coalesce(m.stage ->> 'name', c.stage_name), team = coalesce(m.stage ->> 'team', c.team),
    stage_entered_on = CASE WHEN m.idx IS NOT NULL AND m.idx <> c.stage_index THEN $2::date ELSE c.stage_entered_on END,
    first_contact_due_at = CASE WHEN m.idx IS NOT NULL AND m.idx <> c.stage_index THEN now() + make_interval(hours => (m.stage ->> 'firstContactHours')::int) ELSE c.first_contact_due_at END,
    status = CASE WHEN m.dpd = 0 THEN 'CLOSED' ELSE 'OPEN' END,
    close_reason = CASE WHEN m.dpd = 0 THEN 'CURED' END,
    closed_on = CASE WHEN m.dpd = 0 THEN $2::date END
  FROM coll_moved m
  WHERE c.tenant_id = m.tenant_id AND c.id = m.id
  RETURNING c.tenant_id, c.id, c.loan_id, c.borrower_id, c.policy_id, m.old_index, m.old_stage, c.stage_index, c.stage_name, c.status, c.dpd,
            c.paused_until, m.promise_open, c.stage_entered_on, m.placed_with
),
coll_policy AS (
  SELECT DISTINCT ON (cl.loan_id) cl.*, cp.id AS policy_id, cp.definition
  FROM coll_loans cl
  JOIN collection_policies cp ON cp.tenant_id = cl.tenant_id AND cp.is_current
  WHERE cl.dpd > 0
    AND NOT EXISTS (SELECT 1 FROM collection_cases c WHERE c.tenant_id = cl.tenant_id AND c.loan_id = cl.loan_id AND c.status = 'OPEN')
    AND (jsonb_array_length(cp.definition -> 'productCodes') = 0 OR cp.definition -> 'productCodes' ? cl.product_code)
    AND (jsonb_array_length(cp.definition -> 'segments') = 0 OR cp.definition -> 'segments' ? coalesce(cl.segment, ''))
  ORDER BY cl.loan_id, jsonb_array_length(cp.definition -> 'productCodes') > 0 DESC, jsonb_array_length(cp.definition -> 'segments') > 0 DESC, cp.code
),
coll_case_new AS (
  INSERT INTO collection_cases (tenant_id, id, loan_id, borrower_id, policy_id, stage_index, stage_name, team, status, dpd, amount_overdue, opened_on, stage_entered_on, first_contact_due_at)
  SELECT p.tenant_id, gen_random_uuid(), p.loan_id, p.borrower_id, p.policy_id, st.idx, st.stage ->> 'name', st.stage ->> 'team', 'OPEN', p.dpd, p.overdue, $2::date, $2::date,
         now() + make_interval(hours => (st.stage ->> 'firstContactHours')::int)
  FROM coll_policy p CROSS JOIN LATERAL (${stageOf("p.definition -> 'stages'", 'p.dpd')}) st
  RETURNING tenant_id, id, loan_id, borrower_id, policy_id, stage_index, stage_name, dpd
),
coll_case_ended AS (
  UPDATE collection_cases c SET status = 'CLOSED', closed_on = $2::date, updated_at = now(),
    close_reason = CASE l.status WHEN 'WRITTEN_OFF' THEN 'WRITTEN_OFF' WHEN 'RESTRUCTURED' THEN 'RESTRUCTURED'
      ELSE CASE WHEN EXISTS (SELECT 1 FROM loan_settlements ls WHERE ls.tenant_id = c.tenant_id AND ls.loan_id = c.loan_id AND ls.status = 'PAID') THEN 'SETTLED'
                ELSE coalesce(c.close_reason, 'PAID_OFF') END END
  FROM loans l
  WHERE c.tenant_id = $1 AND c.status = 'OPEN' AND c.loan_id >= $3 AND c.loan_id <= $4
    AND l.tenant_id = c.tenant_id AND l.id = c.loan_id AND l.status <> 'ACTIVE'
  RETURNING c.tenant_id, c.id, c.loan_id, c.borrower_id, c.close_reason, c.stage_name
),
coll_actions AS (
  INSERT INTO collection_actions (tenant_id, id, case_id, stage_index, action_index, channel, business_date, due_at, status)
  SELECT a.tenant_id, gen_random_uuid(), a.id, a.stage_index, act.ord - 1, act.action ->> 'channel', $2::date, now(), 'PENDING'
  FROM (
    SELECT tenant_id, id, policy_id, stage_index, $2::date AS entered FROM coll_case_new
    UNION ALL
    SELECT tenant_id, id, policy_id, stage_index, stage_entered_on FROM coll_case_upd
    WHERE status = 'OPEN' AND NOT promise_open AND (paused_until IS NULL OR paused_until <= now()) AND placed_with IS NULL
  ) a
  JOIN collection_policies cp ON cp.tenant_id = a.tenant_id AND cp.id = a.policy_id
  CROSS JOIN LATERAL jsonb_array_elements(cp.definition -> 'stages' -> a.stage_index -> 'actions') WITH ORDINALITY AS act (action, ord)
  WHERE a.entered = $2::date
     OR ((act.action ->> 'everyDays')::int > 0 AND ($2::date - a.entered) % (act.action ->> 'everyDays')::int = 0)
  ON CONFLICT DO NOTHING
  RETURNING 1
),
coll_events AS (
  INSERT INTO outbox_events (tenant_id, id, type, subject_type, subject_id, borrower_id, data)
  SELECT tenant_id, gen_random_uuid(), 'collection.case_opened', 'CollectionCase', id::text, borrower_id,
         jsonb_build_object('caseId', id, 'loanId', loan_id, 'stage', stage_name, 'dpd', dpd, 'businessDate', $2::date) FROM coll_case_new
  UNION ALL
  SELECT tenant_id, gen_random_uuid(), 'collection.stage_changed', 'CollectionCase', id::text, borrower_id,
         jsonb_build_object('caseId', id, 'loanId', loan_id, 'from', old_stage, 'to', stage_name, 'dpd', dpd, 'businessDate', $2::date)
  FROM coll_case_upd WHERE status = 'OPEN' AND stage_index <> old_index
  UNION ALL
  SELECT tenant_id, gen_random_uuid(), 'collection.case_closed', 'CollectionCase', id::text, borrower_id,
         jsonb_build_object('caseId', id, 'loanId', loan_id, 'reason', 'CURED', 'stage', stage_name, 'businessDate', $2::date) FROM coll_case_upd WHERE status = 'CLOSED'
  UNION ALL
  SELECT tenant_id, gen_random_uuid(), 'collection.case_closed', 'CollectionCase', id::text, borrower_id,
         jsonb_build_object('caseId', id, 'loanId', loan_id, 'reason', close_reason, 'stage', stage_name, 'businessDate', $2::date) FROM coll_case_ended
  UNION ALL
  SELECT pu.tenant_id, gen_random_uuid(), 'collection.promise_broken', 'CollectionCase', pu.case_id::text, c.borrower_id,
         jsonb_build_object('caseId', pu.case_id, 'promiseId', pu.id, 'loanId', pu.loan_id, 'amount', pu.amount::text, 'paid', pu.paid::text, 'dueDate', pu.due_date, 'businessDate', $2::date)
  FROM coll_promise_upd pu JOIN collection_cases c ON c.tenant_id = pu.tenant_id AND c.id = pu.case_id WHERE pu.status = 'BROKEN'
  RETURNING 1
)`,
};
