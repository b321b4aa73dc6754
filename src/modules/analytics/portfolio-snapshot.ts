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
 * A date's portfolio snapshot, in one statement: every loan live at the date's end (ACTIVE, disbursed
 * by then) counted with its outstanding principal, arrears and days past due, and every loan with a
 * flow that day (disbursed, written off, recovered, interest or penalty accrued, fees earned), summed
 * per currency over the whole book, each dimension alone, and the finest cut (product with its
 * segment, the borrower's region, the referring agent, the grade the decision gave, the bucket).
 * Rewritten whole when the date runs again (a catch-up), so it always shows the date as closed.
 */
const SNAPSHOT_SQL = `
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
  SELECT loan_id, sum(interest) AS interest, sum(penalty) AS penalty FROM loan_accruals WHERE tenant_id = $1 AND business_date = $2 GROUP BY loan_id
), firsts AS (
  SELECT borrower_id, min(disbursement_date) AS first FROM loans WHERE tenant_id = $1 AND disbursement_date <= $2 GROUP BY borrower_id
), base AS (
  SELECT l.currency, l.product_id, p.segment, b.region, l.agent_id, ap.risk_grade AS grade, l.bucket, b.industry, l.borrower_id,
         (l.status = 'ACTIVE' AND l.disbursement_date <= $2) AS live, l.dpd,
         coalesce(l.principal_outstanding, 0) AS outstanding, l.overdue_principal, l.disbursement_date = $2 AS disbursed_today, l.principal,
         fi.first < l.disbursement_date AS repeat,
         coalesce(f.written_off_today, false) AS written_off_today, coalesce(f.written_off, 0) AS written_off, coalesce(f.recoveries, 0) AS recoveries, coalesce(f.fees, 0) AS fees,
         coalesce(a.interest, 0) AS interest, coalesce(a.penalty, 0) AS penalty
  FROM loans l
  JOIN loan_products p ON p.tenant_id = l.tenant_id AND p.id = l.product_id
  JOIN borrowers b ON b.tenant_id = l.tenant_id AND b.id = l.borrower_id
  LEFT JOIN applications ap ON ap.tenant_id = l.tenant_id AND ap.id = l.application_id
  LEFT JOIN firsts fi ON fi.borrower_id = l.borrower_id
  LEFT JOIN flows f ON f.loan_id = l.id
  LEFT JOIN accrued a ON a.loan_id = l.id
  WHERE l.tenant_id = $1 AND l.disbursement_date <= $2
    AND ((l.status = 'ACTIVE') OR l.disbursement_date = $2 OR f.loan_id IS NOT NULL OR a.loan_id IS NOT NULL)
)
INSERT INTO portfolio_snapshots (tenant_id, as_of, grouping, currency, product_id, segment, region, agent_id, grade, bucket, industry,
  loans, borrowers, repeat_borrowers, gross, overdue_principal, par1, par30, par90, npl, par1_loans, par30_loans, par90_loans, npl_loans,
  disbursed_count, disbursed_amount, written_off_count, written_off, recoveries, interest_income, penalty_income, fee_income)
SELECT $1, $2, GROUPING(product_id, segment, region, agent_id, grade, bucket, industry), currency, product_id, segment, region, agent_id, grade, bucket, industry,
  count(*) FILTER (WHERE live), count(DISTINCT borrower_id) FILTER (WHERE live), count(DISTINCT borrower_id) FILTER (WHERE live AND repeat),
  coalesce(sum(outstanding) FILTER (WHERE live), 0), coalesce(sum(overdue_principal) FILTER (WHERE live), 0),
  coalesce(sum(outstanding) FILTER (WHERE live AND dpd >= 1), 0), coalesce(sum(outstanding) FILTER (WHERE live AND dpd >= 30), 0),
  coalesce(sum(outstanding) FILTER (WHERE live AND dpd >= 90), 0), coalesce(sum(outstanding) FILTER (WHERE live AND dpd > 90), 0),
  count(*) FILTER (WHERE live AND dpd >= 1), count(*) FILTER (WHERE live AND dpd >= 30), count(*) FILTER (WHERE live AND dpd >= 90), count(*) FILTER (WHERE live AND dpd > 90),
  count(*) FILTER (WHERE disbursed_today), coalesce(sum(principal) FILTER (WHERE disbursed_today), 0),
  count(*) FILTER (WHERE written_off_today), sum(written_off), sum(recoveries), sum(interest), sum(penalty), sum(fees)
FROM base
GROUP BY currency, GROUPING SETS ((), (product_id, segment), (segment), (region), (agent_id), (grade), (bucket), (industry), (product_id, segment, region, agent_id, grade, bucket))`;

/** The date's largest borrower exposures per currency (outstanding principal of live loans). */
const TOP_BORROWERS_SQL = `
INSERT INTO portfolio_top_borrowers (tenant_id, as_of, currency, borrower_id, loans, gross)
SELECT $1, $2, currency, borrower_id, loans, gross FROM (
  SELECT currency, borrower_id, count(*)::int AS loans, sum(coalesce(principal_outstanding, 0)) AS gross,
         row_number() OVER (PARTITION BY currency ORDER BY sum(coalesce(principal_outstanding, 0)) DESC, borrower_id) AS rank
  FROM loans WHERE tenant_id = $1 AND status = 'ACTIVE' AND disbursement_date <= $2 GROUP BY currency, borrower_id) t
WHERE rank <= ${TOP_BORROWERS}`;

/** Whole months from a loan's disbursement to a date (a milestone's months on book). */
const MOB = (date: string) => `(extract(year FROM age(${date}, m.disbursement_date)) * 12 + extract(month FROM age(${date}, m.disbursement_date)))::int`;

/** Adds first-time milestones to the vintage cells (a date run again finds none: it adds nothing). */
const cells = (metric: string, hits: string) => `
WITH hit AS (${hits})
INSERT INTO vintage_cells (tenant_id, currency, cohort, metric, months_on_book, loans, principal)
SELECT $1, currency, cohort, '${metric}', mob, count(*), sum(principal) FROM hit GROUP BY currency, cohort, mob
ON CONFLICT (tenant_id, currency, cohort, metric, months_on_book) DO UPDATE SET loans = vintage_cells.loans + EXCLUDED.loans, principal = vintage_cells.principal + EXCLUDED.principal`;

/**
 * The vintage step: loans disbursed by the date enter their cohort (the month of disbursement; all of
 * them the first time, then those of the last 35 days), and each loan that reached 30 or 90 days past
 * due, or was written off, for the first time is counted at its months on book.
 */
const VINTAGE_SQL = [
  cells('COHORT', `
    INSERT INTO loan_milestones (tenant_id, loan_id, currency, cohort, disbursement_date, principal)
    SELECT l.tenant_id, l.id, l.currency, date_trunc('month', l.disbursement_date)::date, l.disbursement_date, l.principal FROM loans l
    WHERE l.tenant_id = $1 AND l.disbursement_date <= $2
      AND (l.disbursement_date >= $2::date - 35 OR NOT EXISTS (SELECT 1 FROM loan_milestones x WHERE x.tenant_id = $1))
    ON CONFLICT DO NOTHING
    RETURNING currency, cohort, principal, 0 AS mob`),
  cells('DPD30_EVER', `
    UPDATE loan_milestones m SET dpd30_on = $2 FROM loans l
    WHERE m.tenant_id = $1 AND l.tenant_id = $1 AND l.id = m.loan_id AND m.dpd30_on IS NULL AND l.dpd >= 30
    RETURNING m.currency, m.cohort, m.principal, ${MOB('$2::date')} AS mob`),
  cells('DPD90_EVER', `
    UPDATE loan_milestones m SET dpd90_on = $2 FROM loans l
    WHERE m.tenant_id = $1 AND l.tenant_id = $1 AND l.id = m.loan_id AND m.dpd90_on IS NULL AND l.dpd >= 90
    RETURNING m.currency, m.cohort, m.principal, ${MOB('$2::date')} AS mob`),
  cells('WRITTEN_OFF', `
    UPDATE loan_milestones m SET written_off_on = $2 FROM loans l
    WHERE m.tenant_id = $1 AND l.tenant_id = $1 AND l.id = m.loan_id AND m.written_off_on IS NULL AND l.status = 'WRITTEN_OFF'
    RETURNING m.currency, m.cohort, m.principal, ${MOB('$2::date')} AS mob`),
];

/** Close of business's snapshot step (a finisher: after the date's loans, in its own statement). */
export class PortfolioSnapshots {
  async write(ctx: RequestContext, date: string): Promise<{ rows: number }> {
    const em = await ctx.db();
    await em.query('DELETE FROM portfolio_snapshots WHERE as_of = $1', [date]);
    await em.query('DELETE FROM portfolio_top_borrowers WHERE as_of = $1', [date]);
    const result = await em.query(SNAPSHOT_SQL, [ctx.tenant, date]);
    await em.query(TOP_BORROWERS_SQL, [ctx.tenant, date]);
    for (const sql of VINTAGE_SQL) await em.query(sql, [ctx.tenant, date]);
    return { rows: Array.isArray(result) ? result.length : 0 };
  }
}
