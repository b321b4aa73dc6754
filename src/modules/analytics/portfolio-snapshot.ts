import { SERVER_WORKERS, withSettings } from '../../platform/db/settings';
import type { RequestContext } from '../../platform/tenancy/request-context';

/**
 * The rolled-up dimensions of a snapshot row, as GROUPING(product_id, segment, region, agent_id,
 * grade, bucket, industry) gives them: a set bit is a dimension summed over.
 */
export const SNAPSHOT_SETS = {
  BOOK: 127,
  PRODUCT: 31,
  SEGMENT: 95,
  REGION: 111,
  AGENT: 119,
  GRADE: 123,
  BUCKET: 125,
  INDUSTRY: 126,
  /** Every dimension but industry together. */
  FINEST: 1,
} as const;

/** How many of the largest borrower exposures each date keeps (borrower concentration). */
export const TOP_BORROWERS = 50;

/**
 * A loan the snapshot counts on its date (of `loans l` with its day's flows `f`, accrual `a` and
 * true-ups `t`): ACTIVE, disbursed that day, or with a flow, an accrual or a true-up that day.
 */
const COUNTED = `((l.status = 'ACTIVE') OR l.disbursement_date = $2 OR f.loan_id IS NOT NULL OR a.loan_id IS NOT NULL OR t.loan_id IS NOT NULL)`;

/**
 * A date's portfolio snapshot, read in one statement: every loan live at the date's end (ACTIVE,
 * disbursed by then) counted with its outstanding principal, arrears and days past due, and every loan
 * with a flow that day (disbursed, written off, recovered, interest or penalty accrued, fees earned),
 * summed per currency over the whole book, each dimension alone, and the finest cut (product with its
 * segment, the borrower's region, the referring agent, the grade the decision gave, the bucket); and
 * from the same read, the date's largest borrower exposures per currency and the vintage cohorts the
 * last 35 days fall in (every loan disbursed in their months by the date, closed or not). Its rows are
 * of three kinds: CELL (a portfolio_snapshots row), TOP (a portfolio_top_borrowers row) and COHORT (a
 * vintage cohort's cell). Rewritten whole when the date runs again (a catch-up), so it always shows the
 * date as closed.
 *
 * It only reads, so PostgreSQL may run it in parallel: its joins over the whole book (loans with
 * their borrowers, applications and accruals) are split between the workers, where a statement that
 * also wrote would run on one core. What it needs of a borrower's other loans (the first one's date,
 * how many are live) is kept on the borrower row (migrations/1766920000000-borrower-loan-counts.ts):
 * counted here, it was a second read of the book grouped by borrower, on one core. It is kept in a
 * temporary table (CREATE TABLE AS may run in parallel too) and the inserts copy it from there.
 */
export const SNAPSHOT_READ_SQL = `
WITH flows AS (
  SELECT e.loan_id,
         bool_or(e.kind = 'WRITE_OFF') AS written_off_today,
         coalesce(sum(jl.credit) FILTER (WHERE e.kind = 'WRITE_OFF' AND jl.account_code = 'LOAN_PRINCIPAL'), 0) AS written_off,
         coalesce(sum(jl.debit) FILTER (WHERE e.kind = 'RECOVERY'), 0) AS recoveries,
         coalesce(sum(jl.credit - jl.debit) FILTER (WHERE jl.account_code = 'FEE_INCOME'), 0) AS fees
  FROM journal_entries e JOIN journal_lines jl ON jl.tenant_id = e.tenant_id AND jl.entry_id = e.id
  WHERE e.tenant_id = $1 AND e.business_date = $2 AND e.loan_id IS NOT NULL
  GROUP BY e.loan_id
), accrued AS (
  -- A loan's nightly accrual is one row (kind COB), joined as it is; only true-ups (a few loans' repayments) are summed.
  SELECT loan_id, interest, penalty FROM loan_accruals WHERE tenant_id = $1 AND business_date = $2 AND kind = 'COB'
), trued AS (
  SELECT loan_id, sum(interest) AS interest, sum(penalty) AS penalty FROM loan_accruals WHERE tenant_id = $1 AND business_date = $2 AND kind <> 'COB' GROUP BY loan_id
), win AS (
  -- Where the vintage cohorts counted afresh tonight begin: the months the last 35 days fall in (every
  -- month the first time).
  SELECT CASE WHEN EXISTS (SELECT 1 FROM vintage_cells v WHERE v.tenant_id = $1 AND v.metric = 'COHORT')
              THEN date_trunc('month', $2::date - 35)::date ELSE '-infinity'::date END AS start
), base AS MATERIALIZED (
  SELECT l.currency, l.product_id, b.region, l.agent_id, ap.risk_grade AS grade, l.bucket, b.industry, l.borrower_id, l.disbursement_date AS disbursed_on,
         ${COUNTED} AS counted,
         (l.status = 'ACTIVE' AND l.disbursement_date <= $2) AS live, l.dpd,
         coalesce(l.principal_outstanding, 0) AS outstanding, l.overdue_principal, l.disbursement_date = $2 AS disbursed_today, l.principal,
         -- A repeat borrower had a loan disbursed before this one; a shared borrower has other live loans
         -- (ACTIVE now, whenever disbursed: counted on the borrower row by the loans triggers). A borrower
         -- counted as shared with one live loan this date is counted the same, by the slower path.
         b.first_disbursed_on < l.disbursement_date AS repeat, b.live_loans > 1 AS shared,
         coalesce(f.written_off_today, false) AS written_off_today, coalesce(f.written_off, 0) AS written_off, coalesce(f.recoveries, 0) AS recoveries, coalesce(f.fees, 0) AS fees,
         coalesce(a.interest, 0) + coalesce(t.interest, 0) AS interest, coalesce(a.penalty, 0) + coalesce(t.penalty, 0) AS penalty, l.annual_rate, coalesce(ap.pd, 0) AS pd
  FROM loans l
  JOIN borrowers b ON b.tenant_id = l.tenant_id AND b.id = l.borrower_id
  LEFT JOIN applications ap ON ap.tenant_id = l.tenant_id AND ap.id = l.application_id
  LEFT JOIN flows f ON f.loan_id = l.id
  LEFT JOIN accrued a ON a.loan_id = l.id
  LEFT JOIN trued t ON t.loan_id = l.id
  WHERE l.tenant_id = $1 AND l.disbursement_date <= $2
    -- The snapshot's loans (counted), and besides them only the rest of the cohorts' loans: those
    -- closed before the date add nothing to a cell.
    AND (${COUNTED} OR l.disbursement_date >= (SELECT start FROM win))
), cell AS (
  -- Every measure but distinct borrowers, summed once per finest cut (hashed), then rolled up.
  SELECT currency, product_id, region, agent_id, grade, bucket, industry,
    count(*) FILTER (WHERE live) AS loans, coalesce(sum(outstanding) FILTER (WHERE live), 0) AS gross, coalesce(sum(overdue_principal) FILTER (WHERE live), 0) AS overdue_principal,
    coalesce(sum(outstanding) FILTER (WHERE live AND dpd >= 1), 0) AS par1, coalesce(sum(outstanding) FILTER (WHERE live AND dpd >= 30), 0) AS par30,
    coalesce(sum(outstanding) FILTER (WHERE live AND dpd >= 90), 0) AS par90, coalesce(sum(outstanding) FILTER (WHERE live AND dpd > 90), 0) AS npl,
    count(*) FILTER (WHERE live AND dpd >= 1) AS par1_loans, count(*) FILTER (WHERE live AND dpd >= 30) AS par30_loans,
    count(*) FILTER (WHERE live AND dpd >= 90) AS par90_loans, count(*) FILTER (WHERE live AND dpd > 90) AS npl_loans,
    count(*) FILTER (WHERE disbursed_today) AS disbursed_count, coalesce(sum(principal) FILTER (WHERE disbursed_today), 0) AS disbursed_amount,
    count(*) FILTER (WHERE written_off_today) AS written_off_count, sum(written_off) AS written_off, sum(recoveries) AS recoveries,
    sum(interest) AS interest, sum(penalty) AS penalty, sum(fees) AS fees,
    coalesce(sum(outstanding * annual_rate) FILTER (WHERE live), 0) AS rate_weighted, coalesce(sum(outstanding * pd) FILTER (WHERE live), 0) AS pd_weighted,
    count(*) FILTER (WHERE live AND NOT shared) AS solo, count(*) FILTER (WHERE live AND NOT shared AND repeat) AS solo_repeat
  FROM base GROUP BY currency, product_id, region, agent_id, grade, bucket, industry
  -- A cut of only the cohorts' closed loans is no cell of the snapshot (all its sums would be zero).
  HAVING bool_or(counted)
), cohorts AS (
  SELECT currency, date_trunc('month', disbursed_on)::date AS cohort, count(*)::int AS loans, sum(principal) AS principal
  FROM base WHERE disbursed_on >= (SELECT start FROM win) GROUP BY currency, date_trunc('month', disbursed_on)
), cells AS (
  -- A product's segment joins the cells, not every loan: a lender's few products (often without
  -- statistics) would otherwise make the planner expect a hundredth of the loans and hash the wrong side.
  SELECT c.*, p.segment FROM cell c JOIN loan_products p ON p.tenant_id = $1 AND p.id = c.product_id
), shared_base AS (
  SELECT x.*, p.segment FROM base x JOIN loan_products p ON p.tenant_id = $1 AND p.id = x.product_id WHERE x.live AND x.shared
), top AS (
  -- The largest borrower exposures per currency (outstanding principal of live loans), from the same read
  -- of the book: a borrower with one live loan is that loan, so only those with several are summed.
  SELECT c.currency, t.borrower_id, t.loans, t.gross
  FROM (SELECT DISTINCT currency FROM base WHERE live) c
  CROSS JOIN LATERAL (
    SELECT e.borrower_id, e.loans, e.gross FROM (
      SELECT borrower_id, 1 AS loans, outstanding AS gross FROM base WHERE live AND NOT shared AND currency = c.currency
      UNION ALL
      SELECT borrower_id, count(*)::int, sum(outstanding) FROM base WHERE live AND shared AND currency = c.currency GROUP BY borrower_id
    ) e ORDER BY e.gross DESC, e.borrower_id LIMIT ${TOP_BORROWERS}) t
), sums AS (
  SELECT GROUPING(product_id, segment, region, agent_id, grade, bucket, industry) AS g, currency, product_id, segment, region, agent_id, grade, bucket, industry,
    sum(loans)::int AS loans, sum(gross) AS gross, sum(overdue_principal) AS overdue_principal, sum(par1) AS par1, sum(par30) AS par30, sum(par90) AS par90, sum(npl) AS npl,
    sum(par1_loans)::int AS par1_loans, sum(par30_loans)::int AS par30_loans, sum(par90_loans)::int AS par90_loans, sum(npl_loans)::int AS npl_loans,
    sum(disbursed_count)::int AS disbursed_count, sum(disbursed_amount) AS disbursed_amount, sum(written_off_count)::int AS written_off_count,
    sum(written_off) AS written_off, sum(recoveries) AS recoveries, sum(interest) AS interest, sum(penalty) AS penalty, sum(fees) AS fees,
    sum(rate_weighted) AS rate_weighted, sum(pd_weighted) AS pd_weighted, sum(solo)::int AS solo, sum(solo_repeat)::int AS solo_repeat
  FROM cells
  GROUP BY currency, GROUPING SETS ((), (product_id, segment), (segment), (region), (agent_id), (grade), (bucket), (industry), (product_id, segment, region, agent_id, grade, bucket))
), bor AS (
  -- Distinct borrowers (and repeat borrowers) per cut of each set. A borrower with one live loan is in
  -- exactly one cell, so counted with the cells (solo, rolled up like any sum); only borrowers with
  -- several live loans (shared) are grouped here, borrowers first, then counted (both hashed).
  SELECT 127 AS g, currency, NULL::uuid AS product_id, NULL::text AS segment, NULL::text AS region, NULL::text AS agent_id, NULL::text AS grade, NULL::text AS bucket, NULL::text AS industry, count(*)::int AS n, count(*) FILTER (WHERE rep)::int AS r
  FROM (SELECT currency, borrower_id, bool_or(repeat) AS rep FROM shared_base GROUP BY currency, borrower_id) x GROUP BY currency
  UNION ALL
  SELECT 31 AS g, currency, product_id, segment, NULL::text AS region, NULL::text AS agent_id, NULL::text AS grade, NULL::text AS bucket, NULL::text AS industry, count(*)::int AS n, count(*) FILTER (WHERE rep)::int AS r
  FROM (SELECT currency, product_id, segment, borrower_id, bool_or(repeat) AS rep FROM shared_base GROUP BY currency, product_id, segment, borrower_id) x GROUP BY currency, product_id, segment
  UNION ALL
  SELECT 95 AS g, currency, NULL::uuid AS product_id, segment, NULL::text AS region, NULL::text AS agent_id, NULL::text AS grade, NULL::text AS bucket, NULL::text AS industry, count(*)::int AS n, count(*) FILTER (WHERE rep)::int AS r
  FROM (SELECT currency, segment, borrower_id, bool_or(repeat) AS rep FROM shared_base GROUP BY currency, segment, borrower_id) x GROUP BY currency, segment
  UNION ALL
  SELECT 111 AS g, currency, NULL::uuid AS product_id, NULL::text AS segment, region, NULL::text AS agent_id, NULL::text AS grade, NULL::text AS bucket, NULL::text AS industry, count(*)::int AS n, count(*) FILTER (WHERE rep)::int AS r
  FROM (SELECT currency, region, borrower_id, bool_or(repeat) AS rep FROM shared_base GROUP BY currency, region, borrower_id) x GROUP BY currency, region
  UNION ALL
  SELECT 119 AS g, currency, NULL::uuid AS product_id, NULL::text AS segment, NULL::text AS region, agent_id, NULL::text AS grade, NULL::text AS bucket, NULL::text AS industry, count(*)::int AS n, count(*) FILTER (WHERE rep)::int AS r
  FROM (SELECT currency, agent_id, borrower_id, bool_or(repeat) AS rep FROM shared_base GROUP BY currency, agent_id, borrower_id) x GROUP BY currency, agent_id
  UNION ALL
  SELECT 123 AS g, currency, NULL::uuid AS product_id, NULL::text AS segment, NULL::text AS region, NULL::text AS agent_id, grade, NULL::text AS bucket, NULL::text AS industry, count(*)::int AS n, count(*) FILTER (WHERE rep)::int AS r
  FROM (SELECT currency, grade, borrower_id, bool_or(repeat) AS rep FROM shared_base GROUP BY currency, grade, borrower_id) x GROUP BY currency, grade
  UNION ALL
  SELECT 125 AS g, currency, NULL::uuid AS product_id, NULL::text AS segment, NULL::text AS region, NULL::text AS agent_id, NULL::text AS grade, bucket, NULL::text AS industry, count(*)::int AS n, count(*) FILTER (WHERE rep)::int AS r
  FROM (SELECT currency, bucket, borrower_id, bool_or(repeat) AS rep FROM shared_base GROUP BY currency, bucket, borrower_id) x GROUP BY currency, bucket
  UNION ALL
  SELECT 126 AS g, currency, NULL::uuid AS product_id, NULL::text AS segment, NULL::text AS region, NULL::text AS agent_id, NULL::text AS grade, NULL::text AS bucket, industry, count(*)::int AS n, count(*) FILTER (WHERE rep)::int AS r
  FROM (SELECT currency, industry, borrower_id, bool_or(repeat) AS rep FROM shared_base GROUP BY currency, industry, borrower_id) x GROUP BY currency, industry
  UNION ALL
  SELECT 1 AS g, currency, product_id, segment, region, agent_id, grade, bucket, NULL::text AS industry, count(*)::int AS n, count(*) FILTER (WHERE rep)::int AS r
  FROM (SELECT currency, product_id, segment, region, agent_id, grade, bucket, borrower_id, bool_or(repeat) AS rep FROM shared_base GROUP BY currency, product_id, segment, region, agent_id, grade, bucket, borrower_id) x GROUP BY currency, product_id, segment, region, agent_id, grade, bucket
)
SELECT 'CELL' AS kind, s.g, s.currency, s.product_id, s.segment, s.region, s.agent_id, s.grade, s.bucket, s.industry,
  s.loans, s.solo + coalesce(b.n, 0) AS borrowers, s.solo_repeat + coalesce(b.r, 0) AS repeat_borrowers, s.gross, s.overdue_principal, s.par1, s.par30, s.par90, s.npl,
  s.par1_loans, s.par30_loans, s.par90_loans, s.npl_loans, s.disbursed_count, s.disbursed_amount, s.written_off_count, s.written_off, s.recoveries,
  s.interest, s.penalty, s.fees, s.rate_weighted, s.pd_weighted, NULL::uuid AS borrower_id, NULL::date AS cohort
FROM sums s LEFT JOIN bor b ON concat_ws('|', s.g, s.currency, coalesce(s.product_id::text, '~'), coalesce(s.segment::text, '~'), coalesce(s.region::text, '~'), coalesce(s.agent_id::text, '~'), coalesce(s.grade::text, '~'), coalesce(s.bucket::text, '~'), coalesce(s.industry::text, '~')) = concat_ws('|', b.g, b.currency, coalesce(b.product_id::text, '~'), coalesce(b.segment::text, '~'), coalesce(b.region::text, '~'), coalesce(b.agent_id::text, '~'), coalesce(b.grade::text, '~'), coalesce(b.bucket::text, '~'), coalesce(b.industry::text, '~'))
UNION ALL
-- A TOP row: the borrower, with their live loans in loans and their outstanding principal in gross.
SELECT 'TOP', NULL, t.currency, NULL, NULL, NULL, NULL, NULL, NULL, NULL, t.loans, NULL, NULL, t.gross, NULL, NULL, NULL, NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, t.borrower_id, NULL
FROM top t
UNION ALL
-- A COHORT row: a vintage cohort's loans (in loans) and their principal (in gross).
SELECT 'COHORT', NULL, c.currency, NULL, NULL, NULL, NULL, NULL, NULL, NULL, c.loans, NULL, NULL, c.principal, NULL, NULL, NULL, NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, c.cohort
FROM cohorts c`;

/** The snapshot's CELL rows, as read. */
const INSERT_CELLS_SQL = `
INSERT INTO portfolio_snapshots (tenant_id, as_of, grouping, currency, product_id, segment, region, agent_id, grade, bucket, industry,
  loans, borrowers, repeat_borrowers, gross, overdue_principal, par1, par30, par90, npl, par1_loans, par30_loans, par90_loans, npl_loans,
  disbursed_count, disbursed_amount, written_off_count, written_off, recoveries, interest_income, penalty_income, fee_income, rate_weighted, pd_weighted)
SELECT $1, $2, g, currency, product_id, segment, region, agent_id, grade, bucket, industry,
  loans, borrowers, repeat_borrowers, gross, overdue_principal, par1, par30, par90, npl, par1_loans, par30_loans, par90_loans, npl_loans,
  disbursed_count, disbursed_amount, written_off_count, written_off, recoveries, interest, penalty, fees, rate_weighted, pd_weighted
FROM pg_temp.portfolio_snapshot_rows WHERE kind = 'CELL'`;

/** The snapshot's TOP rows, as read. */
const INSERT_TOP_SQL = `
INSERT INTO portfolio_top_borrowers (tenant_id, as_of, currency, borrower_id, loans, gross)
SELECT $1, $2, currency, borrower_id, loans, gross FROM pg_temp.portfolio_snapshot_rows WHERE kind = 'TOP'`;

/**
 * How the snapshot's read is planned, set for that statement alone (SQL expressions). Like every app
 * statement it is not JIT-compiled (the tenant transaction's scope turns that off: compiling this read
 * cost more, 6 s at a million loans, than it saved). It reads the tenant's whole book, so hash joins are
 * always right (a tenant seeded or migrated since the last ANALYZE looks like one row to the planner,
 * whose nested loops then take hours) and so is hashing its groups: the planner multiplies the distinct
 * values of the finest cut's seven columns and, expecting some hundred thousand groups, sorted the
 * whole book for a handful. It may use as many parallel workers as the database server gives a read
 * (its max_parallel_workers_per_gather; an app transaction otherwise has none), and gathering a million
 * rows from them is priced low enough for the planner to use them: left at its default (0.1 a row) it
 * ran the joins on one core, 10.1-11.0 s against 6.0-7.2 s on two at a million loans.
 */
export const SNAPSHOT_PLANNER: Record<string, string> = {
  enable_nestloop: "'off'", enable_sort: "'off'", parallel_setup_cost: "'0'", parallel_tuple_cost: "'0.001'", ...SERVER_WORKERS,
};

/** Whole months from a loan's disbursement to a date (a milestone's months on book). */
const MOB = (date: string) => `(extract(year FROM age(${date}, l.disbursement_date)) * 12 + extract(month FROM age(${date}, l.disbursement_date)))::int`;

/**
 * The vintage step. First the cohorts (a currency's loans disbursed in one month) that the last 35
 * days' disbursements fall in, counted afresh from the loans disbursed by the date (every cohort the
 * first time): counted by the snapshot's read (its COHORT rows), which reads the book already, where
 * a statement of their own read it a second time (1.2-2.2 s at a million loans). A row per cohort,
 * not per loan; a cell already right is not written.
 */
const COHORT_SQL = `
INSERT INTO vintage_cells (tenant_id, currency, cohort, metric, months_on_book, loans, principal)
SELECT $1, currency, cohort, 'COHORT', 0, loans, gross FROM pg_temp.portfolio_snapshot_rows WHERE kind = 'COHORT'
ON CONFLICT (tenant_id, currency, cohort, metric, months_on_book) DO UPDATE SET loans = EXCLUDED.loans, principal = EXCLUDED.principal
WHERE (vintage_cells.loans, vintage_cells.principal) IS DISTINCT FROM (EXCLUDED.loans, EXCLUDED.principal)`;

/**
 * Then the loans past due or written off (the only ones with a milestone to reach, found by their
 * partial index, not by reading the book), each with its milestones row (made the first time it is
 * found here: a loan never past due has none): its worst days past due seen at close of business, and
 * the first date it reached 30 or 90 days past due or was written off, each counted in its vintage
 * cell at the loan's months on book (a date run again finds nothing new: it adds nothing).
 */
const MILESTONES_SQL = `
WITH moved AS MATERIALIZED (
  SELECT l.id AS loan_id, l.currency, date_trunc('month', l.disbursement_date)::date AS cohort, l.disbursement_date, l.principal, ${MOB('$2::date')} AS mob,
         greatest(m.max_dpd, l.dpd) AS max_dpd, m.dpd30_on, m.dpd90_on, m.written_off_on,
         m.dpd30_on IS NULL AND l.dpd >= 30 AS dpd30, m.dpd90_on IS NULL AND l.dpd >= 90 AS dpd90, m.written_off_on IS NULL AND l.status = 'WRITTEN_OFF' AS written_off
  FROM loans l
  -- By key for each loan, whatever the statistics say (a book just seeded or gone past due since the
  -- last ANALYZE looks like one loan, and a plain join then scanned the tenant's milestones per loan).
  LEFT JOIN LATERAL (SELECT x.* FROM loan_milestones x WHERE x.tenant_id = l.tenant_id AND x.loan_id = l.id OFFSET 0) m ON true
  WHERE l.tenant_id = $1 AND (l.dpd > 0 OR l.status = 'WRITTEN_OFF') AND l.disbursement_date <= $2
    AND (m.loan_id IS NULL OR l.dpd > m.max_dpd OR (m.dpd30_on IS NULL AND l.dpd >= 30) OR (m.dpd90_on IS NULL AND l.dpd >= 90) OR (m.written_off_on IS NULL AND l.status = 'WRITTEN_OFF'))
), marked AS (
  INSERT INTO loan_milestones (tenant_id, loan_id, currency, cohort, disbursement_date, principal, max_dpd, dpd30_on, dpd90_on, written_off_on)
  SELECT $1, loan_id, currency, cohort, disbursement_date, principal, max_dpd,
         CASE WHEN dpd30 THEN $2::date ELSE dpd30_on END, CASE WHEN dpd90 THEN $2::date ELSE dpd90_on END, CASE WHEN written_off THEN $2::date ELSE written_off_on END
  FROM moved
  ON CONFLICT (tenant_id, loan_id) DO UPDATE SET max_dpd = EXCLUDED.max_dpd, dpd30_on = EXCLUDED.dpd30_on, dpd90_on = EXCLUDED.dpd90_on, written_off_on = EXCLUDED.written_off_on
)
INSERT INTO vintage_cells (tenant_id, currency, cohort, metric, months_on_book, loans, principal)
SELECT $1, x.currency, x.cohort, v.metric, x.mob, count(*), sum(x.principal)
FROM moved x CROSS JOIN LATERAL (VALUES ('DPD30_EVER', x.dpd30), ('DPD90_EVER', x.dpd90), ('WRITTEN_OFF', x.written_off)) v(metric, hit)
WHERE v.hit GROUP BY x.currency, x.cohort, v.metric, x.mob
ON CONFLICT (tenant_id, currency, cohort, metric, months_on_book) DO UPDATE SET loans = vintage_cells.loans + EXCLUDED.loans, principal = vintage_cells.principal + EXCLUDED.principal`;

/**
 * At a month's last day: every loan live then, or closed or written off during the month (so a roll
 * can end in CLOSED or WRITTEN_OFF), with its bucket and outstanding principal.
 */
const MONTH_END_SQL = `
INSERT INTO loan_month_ends (tenant_id, as_of, loan_id, currency, bucket, outstanding)
SELECT $1, $2, l.id, l.currency, CASE WHEN l.status = 'ACTIVE' THEN l.bucket ELSE l.status END, CASE WHEN l.status = 'ACTIVE' THEN coalesce(l.principal_outstanding, 0) ELSE 0 END
FROM loans l WHERE l.tenant_id = $1 AND l.disbursement_date <= $2 AND (l.status = 'ACTIVE' OR l.closed_at >= date_trunc('month', $2::date))`;

/** Close of business's snapshot step (a finisher: after the date's loans, in its own statement). */
export class PortfolioSnapshots {
  async write(ctx: RequestContext, date: string): Promise<void> {
    const em = await ctx.db();
    await em.query('DELETE FROM portfolio_snapshots WHERE as_of = $1', [date]);
    await em.query('DELETE FROM portfolio_top_borrowers WHERE as_of = $1', [date]);
    await withSettings(em, SNAPSHOT_PLANNER, () => em.query(`CREATE TEMP TABLE portfolio_snapshot_rows ON COMMIT DROP AS ${SNAPSHOT_READ_SQL}`, [ctx.tenant, date]));
    await em.query(INSERT_CELLS_SQL, [ctx.tenant, date]);
    await em.query(INSERT_TOP_SQL, [ctx.tenant, date]);
    await em.query(COHORT_SQL, [ctx.tenant]);
    await em.query('DROP TABLE pg_temp.portfolio_snapshot_rows');
    await em.query(MILESTONES_SQL, [ctx.tenant, date]);
    if (isMonthEnd(date)) {
      await em.query('DELETE FROM loan_month_ends WHERE as_of = $1', [date]);
      await em.query(MONTH_END_SQL, [ctx.tenant, date]);
      // A month-end written again (a catch-up) makes the matrices that used it stale.
      await em.query('DELETE FROM roll_rate_matrices WHERE from_date = $1 OR to_date = $1', [date]);
    }
  }
}

/** The last day of its month. */
export function isMonthEnd(date: string): boolean {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.getUTCDate() === 1;
}
