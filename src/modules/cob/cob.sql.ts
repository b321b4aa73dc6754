/**
 * One chunk of the nightly run for one business date, as one set-based statement: for every active
 * loan of the chunk not yet run for the date, advance its accrual period when an instalment fell due
 * (the instalment's unpaid principal joins the overdue principal), accrue the day's interest by
 * cumulative rounding within the period (so a period's accruals add up to its scheduled interest
 * exactly), accrue penalty interest on overdue principal, and set DPD, bucket and non-accrual.
 * The accruals go to the sub-ledger, and bucket changes, instalments falling due or overdue to the
 * loan's events (and so to the outbox), in the same statement.
 *
 * $1 tenant, $2 business date, $3/$4 the chunk's id range, $5 NPA threshold (days), $6 the journal
 * entry the accruals go to (a catch-up of a closed date), or null for the date's summary entry.
 */
export function cobChunkSql(bucketCase: string): string {
  return `
WITH cur AS (
  SELECT l.tenant_id, l.id, l.schedule, l.accrual_index AS k, l.accrual_period_start AS ps, l.accrual_period_end AS pe,
         l.accrual_period_interest AS pi, l.accrued_in_period AS acc, l.overdue_principal AS op, l.next_unpaid_principal AS nup,
         l.next_unpaid_total AS nut, l.oldest_unpaid_due_date AS oldest, l.penalty_rate, l.money_decimals AS dp, l.rounding_mode AS rm,
         l.non_accrual, l.bucket AS old_bucket, l.penalty_rows AS prows, l.penalty_through AS pthrough, l.interest_schedule AS isched, l.penalty_total AS ptotal,
         -- A loan never replayed starts its penalty state from the schedule.
         CASE WHEN l.penalty_rows IS NULL THEN (l.schedule -> 0 ->> 'dueDate')::date ELSE l.penalty_from END AS pfrom
  FROM loans l
  WHERE l.tenant_id = $1 AND l.status = 'ACTIVE' AND l.id >= $3 AND l.id <= $4 AND (l.last_cob_date IS NULL OR l.last_cob_date < $2::date)
  FOR UPDATE
),
nxt AS (
  SELECT c.*, (c.pe IS NOT NULL AND $2::date > c.pe) AS crossed FROM cur c
),
moved AS (
  SELECT n.*,
    CASE WHEN crossed THEN k + 1 ELSE k END AS k2,
    CASE WHEN crossed THEN pe ELSE ps END AS ps2,
    CASE WHEN crossed THEN (schedule -> (k + 1) ->> 'dueDate')::date ELSE pe END AS pe2,
    -- The period's interest as last replayed (an advance payment may have changed it), else the contract's.
    CASE WHEN crossed THEN coalesce((isched ->> (k + 1))::numeric, (schedule -> (k + 1) ->> 'interest')::numeric, 0) ELSE pi END AS pi2,
    CASE WHEN crossed THEN 0 ELSE acc END AS acc2,
    CASE WHEN crossed THEN op + nup ELSE op END AS op2,
    CASE WHEN crossed THEN coalesce((schedule -> (k + 1) ->> 'principal')::numeric, 0) ELSE nup END AS nup2,
    CASE WHEN crossed THEN coalesce((schedule -> (k + 1) ->> 'total')::numeric, 0) ELSE nut END AS nut2,
    CASE WHEN crossed AND nut > 0 THEN coalesce(oldest, pe) ELSE oldest END AS oldest2
  FROM nxt n
),
calc AS (
  SELECT m.*,
    CASE WHEN oldest2 IS NULL THEN 0 ELSE $2::date - oldest2 END AS dpd2,
    CASE WHEN non_accrual OR pe2 IS NULL OR pe2 <= ps2 THEN 0::numeric
         ELSE round_money(pi2 * LEAST($2::date - ps2, pe2 - ps2) / (pe2 - ps2), dp, rm) - acc2 END AS interest_today,
    -- The day's penalty, unless a replay already accrued it (penalty_through), and only when principal is overdue.
    (pthrough IS NULL OR pthrough < $2::date) AND pfrom IS NOT NULL AND pfrom < $2::date AS pen_accrues
  FROM moved m
),
pen AS (
  -- Each instalment due before the day adds its unpaid principal x rate to its exact numerator; the
  -- loan's penalty is the sum of round(numerator / 365) per instalment, as a replay computes it, and
  -- the day posts the change of that rounded total (minor units; the remainder stays in the numerator).
  SELECT c.*, coalesce(s.rows, c.prows) AS prows2, coalesce(s.pfrom, c.pfrom) AS pfrom2, coalesce(s.total, c.ptotal) AS ptotal2,
         coalesce(s.total - c.ptotal, 0) AS penalty_today
  FROM calc c
  LEFT JOIN LATERAL (
    SELECT jsonb_agg(jsonb_build_object('d', e.d, 'p', e.p, 'a', e.a) ORDER BY e.ord) AS rows, sum(round_ratio(e.a, 365, c.dp, c.rm)) AS total,
           min(e.d::date) FILTER (WHERE e.p > 0) AS pfrom
    FROM (SELECT x.ord, x.r ->> 'd' AS d, (x.r ->> 'p')::numeric AS p,
                 (x.r ->> 'a')::numeric + CASE WHEN (x.r ->> 'd')::date < $2::date THEN (x.r ->> 'p')::numeric * c.penalty_rate ELSE 0 END AS a
          -- Only a loan that accrues today is unpacked (a join condition would not spare the others the work).
          FROM jsonb_array_elements(CASE WHEN c.pen_accrues THEN coalesce(c.prows,
                 (SELECT jsonb_agg(jsonb_build_object('d', r ->> 'dueDate', 'p', (r ->> 'principal')::numeric, 'a', 0)) FROM jsonb_array_elements(c.schedule) r))
               ELSE '[]'::jsonb END)
               WITH ORDINALITY AS x(r, ord)) e
  ) s ON true
),
upd AS (
  UPDATE loans l SET
    accrual_index = c.k2, accrual_period_start = c.ps2, accrual_period_end = c.pe2, accrual_period_interest = c.pi2,
    accrued_in_period = c.acc2 + c.interest_today, overdue_principal = c.op2, next_unpaid_principal = c.nup2, next_unpaid_total = c.nut2,
    oldest_unpaid_due_date = c.oldest2, dpd = c.dpd2, bucket = (${bucketCase.replace(/\bdpd\b/g, 'c.dpd2')}),
    non_accrual = c.non_accrual OR c.dpd2 > $5, last_cob_date = $2::date,
    -- Interest is recognised through the day the loan stops accruing (that day's accrual is the last).
    non_accrual_since = CASE WHEN NOT c.non_accrual AND c.dpd2 > $5 THEN $2::date ELSE l.non_accrual_since END,
    penalty_rows = c.prows2, penalty_from = c.pfrom2, penalty_total = c.ptotal2, penalty_through = GREATEST(c.pthrough, $2::date)
  FROM pen c
  WHERE l.tenant_id = c.tenant_id AND l.id = c.id
  RETURNING l.tenant_id, l.id, c.interest_today, c.penalty_today, c.old_bucket, l.bucket AS new_bucket, c.dpd2, c.non_accrual AS was_non_accrual, l.non_accrual,
            c.crossed, c.nut AS fell_due_unpaid, c.pe AS fell_due_on, c.k AS fell_due_index, (c.oldest IS NULL AND c.oldest2 IS NOT NULL) AS newly_overdue,
            c.pe2 AS due_on, c.nut2 AS due_unpaid, c.k2 AS due_index
),
accrued AS (
  INSERT INTO loan_accruals (tenant_id, loan_id, business_date, kind, interest, penalty, journal_entry_id)
  SELECT tenant_id, id, $2::date, 'COB', interest_today, penalty_today, $6::uuid FROM upd WHERE interest_today <> 0 OR penalty_today <> 0
  ON CONFLICT DO NOTHING
  RETURNING interest, penalty
),
events AS (
  INSERT INTO loan_events (tenant_id, id, loan_id, kind, business_date, data)
  SELECT tenant_id, gen_random_uuid(), id, 'BUCKET_CHANGED', $2::date, jsonb_build_object('from', old_bucket, 'to', new_bucket, 'dpd', dpd2) FROM upd WHERE old_bucket <> new_bucket
  UNION ALL
  SELECT tenant_id, gen_random_uuid(), id, 'NON_ACCRUAL', $2::date, jsonb_build_object('dpd', dpd2) FROM upd WHERE non_accrual AND NOT was_non_accrual
  UNION ALL
  SELECT tenant_id, gen_random_uuid(), id, 'INSTALLMENT_OVERDUE', $2::date, jsonb_build_object('installment', fell_due_index + 1, 'dueDate', fell_due_on, 'unpaid', fell_due_unpaid)
  FROM upd WHERE crossed AND fell_due_unpaid > 0
  UNION ALL
  SELECT tenant_id, gen_random_uuid(), id, 'INSTALLMENT_DUE', $2::date, jsonb_build_object('installment', due_index + 1, 'dueDate', due_on, 'amount', due_unpaid)
  FROM upd WHERE due_on = $2::date AND due_unpaid > 0
  UNION ALL
  -- Early warning: the first missed payment of a loan that was current.
  SELECT tenant_id, gen_random_uuid(), id, 'EARLY_WARNING', $2::date, jsonb_build_object('signal', 'FIRST_MISSED_PAYMENT', 'dueDate', fell_due_on)
  FROM upd WHERE newly_overdue
  RETURNING 1
)
SELECT (SELECT count(*) FROM upd)::int AS loans, (SELECT count(*) FROM accrued)::int AS accruals, (SELECT count(*) FROM events)::int AS events,
       (SELECT coalesce(sum(interest), 0) FROM accrued)::text AS interest, (SELECT coalesce(sum(penalty), 0) FROM accrued)::text AS penalty`;
}

/** SQL CASE for the bucket of `dpd` from the tenant's buckets (ordered by minDpd). */
export function bucketCaseSql(buckets: { name: string; minDpd: number; maxDpd: number | null }[]): string {
  const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
  const arms = buckets.map((b) => `WHEN dpd >= ${Math.trunc(b.minDpd)}${b.maxDpd === null ? '' : ` AND dpd <= ${Math.trunc(b.maxDpd)}`} THEN ${quote(b.name)}`);
  return `CASE ${arms.join(' ')} ELSE ${quote(buckets[buckets.length - 1].name)} END`;
}
