import { bucketOfSql, DEFAULT_BUCKETS, nightlySteps, nightlyStepsSql, type CobStep, type CobWriter, type DelinquencyBucket } from '../../core/cob';

/** Whether the loan's accruing period ends before the date ($2): it moves to its next instalment tonight. */
const CROSSING = `(l.accrual_period_end IS NOT NULL AND $2::date > l.accrual_period_end)`;
/**
 * Where the loan's penalty starts from (src/core/cob `penaltyStart`): what a replay handed over, or for a
 * loan never replayed its first due date, kept by its first night: the schedule (a document of every
 * instalment, decompressed to read its first) is read for it once, not every night.
 */
const PFROM = `CASE WHEN l.penalty_rows IS NOT NULL THEN l.penalty_from ELSE coalesce(l.penalty_from, (l.schedule -> 0 ->> 'dueDate')::date) END`;
/** The same as `f.pfrom`, for a statement reading the loan as `l`. */
const PENALTY_FROM = `CROSS JOIN LATERAL (SELECT ${PFROM} AS pfrom) f`;
/** Whether penalty accrues tonight (the accrue-penalty step's own test, on the loan's stored state), given where its penalty starts. */
const penaltyAccrues = (pfrom: string) => `((l.penalty_through IS NULL OR l.penalty_through < $2::date) AND ${pfrom} < $2::date)`;
const PENALTY_ACCRUES = penaltyAccrues('f.pfrom');

/**
 * The loans of the chunk ($3/$4) still behind the date ($2) after the idle path: read once, by the
 * chunk's range, so that the full steps look up only these by key, and the loans more than a day behind
 * are found in the same read (`behind_from`: the chunk runs them date by date after, see CobService).
 */
const BEHIND = `behind AS MATERIALIZED (
  SELECT l.id, l.last_cob_date FROM loans l
  WHERE l.tenant_id = $1 AND l.status = 'ACTIVE' AND l.id >= $3 AND l.id <= $4 AND (l.last_cob_date IS NULL OR l.last_cob_date < $2::date)
)`;

/**
 * The loans' nightly columns under the names the steps' SQL fragments read (src/core/cob): every
 * active loan of the chunk run up to the day before the date ($2), locked (a loan never run, too). The
 * large documents (the frozen schedule, the replayed interest, the penalty rows) are carried only for
 * the loans whose steps read them tonight (a period boundary, penalty accruing): the rest pass without
 * them, and the write-back keeps their stored values untouched. Each loan is looked up by key (a lateral
 * that cannot be flattened), whatever the statistics say of how many are behind.
 */
const NIGHTLY_SOURCE = `
  SELECT l.tenant_id, l.id, l.accrual_index AS k, l.accrual_period_start AS ps, l.accrual_period_end AS pe,
         CASE WHEN ${CROSSING} OR (l.penalty_rows IS NULL AND ${PENALTY_ACCRUES}) THEN l.schedule END AS schedule,
         CASE WHEN ${CROSSING} THEN l.interest_schedule END AS isched,
         CASE WHEN ${PENALTY_ACCRUES} THEN l.penalty_rows END AS prows,
         l.accrual_period_interest AS pi, l.accrued_in_period AS acc, l.overdue_principal AS op, l.next_unpaid_principal AS nup,
         l.next_unpaid_total AS nut, l.oldest_unpaid_due_date AS oldest, l.penalty_rate, l.money_decimals AS dp, l.rounding_mode AS rm,
         l.non_accrual, l.non_accrual_since, l.bucket AS old_bucket, l.penalty_through AS pthrough,
         l.penalty_total AS ptotal,
         -- The product's day count and buckets, frozen into the loan's terms (NULL: ACTUAL_365, the default buckets).
         l.servicing_terms ->> 'dayCount' AS dc, l.servicing_terms -> 'delinquencyBuckets' AS buckets, f.pfrom
  FROM behind bh
  CROSS JOIN LATERAL (
    SELECT x.* FROM loans x
    WHERE x.tenant_id = $1 AND x.id = bh.id AND x.status = 'ACTIVE' AND (x.last_cob_date IS NULL OR x.last_cob_date = $2::date - 1)
    OFFSET 0) l
  ${PENALTY_FROM}
  FOR UPDATE OF l`;

/**
 * One chunk of the nightly run for one business date, as one set-based statement: the nightly steps
 * (src/core/cob: advance the accrual period, accrue interest by cumulative rounding within the period,
 * accrue penalty on overdue principal over the product's day count, DPD, bucket and non-accrual, then
 * any registered step) composed over the chunk's loans, the loans written back, the accruals to the
 * sub-ledger, and bucket changes, instalments falling due or overdue to the loan's events (and so to
 * the outbox), and what registered writers make of the night (collection cases), in the same statement.
 * It takes the loans run up to the day before the date; it answers, besides its counts and sums, the
 * earliest run date of the chunk's loans further behind (`behind_from`), or null.
 *
 * $1 tenant, $2 business date, $3/$4 the chunk's id range, $5 NPA threshold (days), $6 the journal
 * entry the accruals go to (a catch-up of a closed date), or null for the date's summary entry.
 */
export function cobChunkSql(steps: readonly CobStep[] = nightlySteps(), writers: readonly CobWriter[] = []): string {
  return `
WITH ${BEHIND},
cur AS (${NIGHTLY_SOURCE}
),
${nightlyStepsSql(steps, 'cur')},
upd AS (
  UPDATE loans l SET
    accrual_index = c.k2, accrual_period_start = c.ps2, accrual_period_end = c.pe2, accrual_period_interest = c.pi2,
    accrued_in_period = c.acc2 + c.interest_today, overdue_principal = c.op2, next_unpaid_principal = c.nup2, next_unpaid_total = c.nut2,
    oldest_unpaid_due_date = c.oldest2, dpd = c.dpd2, bucket = c.bucket2, non_accrual = c.non_accrual2, last_cob_date = $2::date,
    non_accrual_since = c.non_accrual_since2,
    -- Penalty rows are rewritten only when penalty accrued tonight (NIGHTLY_SOURCE carries them only then).
    penalty_rows = CASE WHEN c.pen_accrues THEN c.prows2 ELSE l.penalty_rows END, penalty_from = c.pfrom2, penalty_total = c.ptotal2, penalty_through = c.pthrough2
  FROM night c
  WHERE l.tenant_id = c.tenant_id AND l.id = c.id
  RETURNING l.tenant_id, l.id, c.interest_today, c.penalty_today, c.old_bucket, l.bucket AS new_bucket, c.dpd2, c.non_accrual AS was_non_accrual, l.non_accrual,
            c.crossed, c.nut AS fell_due_unpaid, c.pe AS fell_due_on, c.k AS fell_due_index, (c.oldest IS NULL AND c.oldest2 IS NOT NULL) AS newly_overdue,
            c.pe2 AS due_on, c.nut2 AS due_unpaid, c.k2 AS due_index, c.op2 AS overdue_principal, c.ptotal2 AS penalty_total
),${writers.map((w) => `\n-- ${w.name}\n${w.ctes('upd')},`).join('')}
accrued AS (
  -- A plain insert: the loan's row lock and its run date (last_cob_date < the date, then the date) make
  -- one accrual a loan and date; a second would be a fault to stop at, not a row to drop while the loan
  -- moves on (and checking for one first cost a speculative insertion a row, a sixth of the idle path).
  INSERT INTO loan_accruals (tenant_id, loan_id, business_date, kind, interest, penalty, journal_entry_id)
  SELECT tenant_id, id, $2::date, 'COB', interest_today, penalty_today, $6::uuid FROM upd WHERE interest_today <> 0 OR penalty_today <> 0
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
       (SELECT coalesce(sum(interest), 0) FROM accrued)::text AS interest, (SELECT coalesce(sum(penalty), 0) FROM accrued)::text AS penalty,
       (SELECT min(last_cob_date) FROM behind WHERE last_cob_date < $2::date - 1)::text AS behind_from`;
}

/**
 * The idle path of one chunk and date, run before the full statement (`cobChunkSql`): the loans whose
 * night is nothing but the day's interest. Their period does not turn tonight (nor is today its due
 * date), nothing is past due or owing penalty, they accrue, their bucket is already the one of 0 DPD,
 * and no writer has anything to do with them (`CobWriter.engages`). For such a loan the full steps
 * change exactly this: interest earned in the period through today (cumulative rounding), penalty's
 * start and clock carried forward, the run date; one sub-ledger row; no event. This statement does that
 * and no more, without carrying the loan through the steps; the full statement then takes the loans
 * still behind the date (the others). Like it, it takes only loans run up to the day before the date (a
 * loan further behind is run date by date). The equivalence spec holds the two paths to the pure steps.
 * Parameters as `cobChunkSql` ($5 unused: the idle path never reaches the non-accrual threshold).
 */
export function cobIdleSql(writers: readonly CobWriter[] = [], defaultBuckets: readonly DelinquencyBucket[] = DEFAULT_BUCKETS): string {
  const engaged = writers.flatMap((w) => (w.engages ? [w.engages('l')] : []));
  // One UPDATE, its conditions and new values all on the row it writes: no locking read of the loan
  // first and no join back to it. A repayment committing meanwhile makes it wait and re-check the
  // newer row, values and all, as the lock used to. RETURNING sees only the row as written, so the
  // night's interest (the period's cumulative interest through today, rounded, less what was accrued)
  // is written to idle_accrual for it to return.
  const earned = `round_money(l.accrual_period_interest * ($2::date - l.accrual_period_start) / (l.accrual_period_end - l.accrual_period_start), l.money_decimals, l.rounding_mode)`;
  return `
WITH upd AS (
  UPDATE loans l SET idle_accrual = ${earned} - l.accrued_in_period, accrued_in_period = ${earned}, last_cob_date = $2::date,
    penalty_from = ${PFROM}, penalty_through = GREATEST(l.penalty_through, $2::date)
  WHERE l.tenant_id = $1 AND l.status = 'ACTIVE' AND l.id >= $3 AND l.id <= $4 AND l.last_cob_date = $2::date - 1 AND $5::int IS NOT NULL
    AND NOT l.non_accrual AND l.oldest_unpaid_due_date IS NULL AND l.dpd = 0
    AND l.accrual_period_start IS NOT NULL AND l.accrual_period_end > l.accrual_period_start AND $2::date < l.accrual_period_end
    AND NOT coalesce(${penaltyAccrues(`(${PFROM})`)}, false)
    AND l.bucket = ${bucketOfSql("(l.servicing_terms -> 'delinquencyBuckets')", '0', defaultBuckets)}
    ${engaged.map((e) => `AND NOT ${e}`).join('\n    ')}
  RETURNING l.tenant_id, l.id, l.idle_accrual AS interest_today
),
accrued AS (
  INSERT INTO loan_accruals (tenant_id, loan_id, business_date, kind, interest, penalty, journal_entry_id)
  SELECT tenant_id, id, $2::date, 'COB', interest_today, 0, $6::uuid FROM upd WHERE interest_today <> 0
  RETURNING interest
)
SELECT (SELECT count(*) FROM upd)::int AS loans, (SELECT count(*) FROM accrued)::int AS accruals, 0 AS events,
       (SELECT coalesce(sum(interest), 0) FROM accrued)::text AS interest, '0' AS penalty`;
}
