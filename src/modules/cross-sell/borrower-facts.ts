import type { Facts } from '../../core/decisioning';
import type { RequestContext } from '../../platform/tenancy/request-context';

/** A borrower's cross-sell facts as of a date, with what the offer is sized from. */
export interface BorrowerFacts {
  borrowerId: string;
  fullName: string | null;
  lastProductId: string;
  facts: Facts;
}

/**
 * Every borrower with a disbursed loan (or the ones listed), with the facts eligibility and the
 * propensity model read, as of `asOf`, in one set-based statement over the book, the month-end
 * positions and the loans' worst days past due. Definitions: `CROSS_SELL_FACTS` in the core.
 */
const FACTS_SQL = `
WITH own AS (
  SELECT l.borrower_id,
    min(l.disbursement_date) AS first_disbursed,
    count(*) FILTER (WHERE l.status = 'ACTIVE')::int AS active_loans,
    count(*) FILTER (WHERE l.status = 'CLOSED')::int AS repaid,
    (array_agg(l.principal ORDER BY l.disbursement_date DESC, l.id DESC))[1] AS last_principal,
    (array_agg(l.product_id ORDER BY l.disbursement_date DESC, l.id DESC))[1] AS last_product_id,
    (array_agg(l.application_id ORDER BY l.disbursement_date DESC, l.id DESC))[1] AS last_application_id,
    coalesce(sum(l.principal_outstanding) FILTER (WHERE l.status = 'ACTIVE'), 0) AS outstanding,
    coalesce(sum(l.next_unpaid_total) FILTER (WHERE l.status = 'ACTIVE'), 0) AS next_instalments,
    coalesce(sum((SELECT count(*) FROM jsonb_array_elements(l.schedule) i WHERE i ->> 'dueDate' > to_char($2::date, 'YYYY-MM-DD'))) FILTER (WHERE l.status = 'ACTIVE'), 0)::int AS remaining_term,
    greatest(max(l.dpd), max(m.max_dpd)) AS max_dpd,
    count(*) FILTER (WHERE l.status = 'ACTIVE' AND l.dpd = 0)::int AS current_now
  FROM loans l
  LEFT JOIN loan_milestones m ON m.tenant_id = l.tenant_id AND m.loan_id = l.id
  WHERE l.tenant_id = $1 AND l.disbursement_date <= $2::date AND ($3::uuid[] IS NULL OR l.borrower_id = ANY($3::uuid[]))
  GROUP BY l.borrower_id
), month_ends AS (
  SELECT l.borrower_id, count(*) FILTER (WHERE me.bucket = 'CURRENT')::int AS on_time, count(*)::int AS seen
  FROM loan_month_ends me JOIN loans l ON l.tenant_id = me.tenant_id AND l.id = me.loan_id
  WHERE me.tenant_id = $1 AND me.as_of <= $2::date AND me.bucket <> 'CLOSED' AND l.borrower_id IN (SELECT borrower_id FROM own)
  GROUP BY l.borrower_id
)
SELECT o.borrower_id AS "borrowerId", b.full_name AS "fullName", o.last_product_id AS "lastProductId",
  o.active_loans AS "productsHeld", o.repaid AS "loansRepaid", o.remaining_term AS "remainingTerm", o.max_dpd AS "maxDpdEver",
  ((extract(year FROM age($2::date, o.first_disbursed)) * 12) + extract(month FROM age($2::date, o.first_disbursed)))::int AS "monthsOnBook",
  CASE WHEN coalesce(me.seen, 0) + o.active_loans = 0 THEN NULL
       ELSE round((coalesce(me.on_time, 0) + o.current_now)::numeric / (coalesce(me.seen, 0) + o.active_loans), 4)::text END AS "onTimeRatio",
  CASE WHEN b.monthly_income > 0 THEN round((coalesce(b.monthly_obligations, 0) + o.next_instalments) / b.monthly_income, 4)::text END AS "currentDti",
  coalesce((SELECT c.granted FROM borrower_consents c WHERE c.tenant_id = $1 AND c.borrower_id = o.borrower_id AND c.kind = 'MARKETING' ORDER BY c.recorded_at DESC, c.id DESC LIMIT 1), false) AS "marketingConsent",
  EXISTS (SELECT 1 FROM collection_cases k WHERE k.tenant_id = $1 AND k.borrower_id = o.borrower_id AND k.status = 'OPEN') AS "openCollectionCase",
  round(o.last_principal, 4)::text AS "lastPrincipal", round(o.outstanding, 4)::text AS "outstandingPrincipal",
  a.risk_grade AS grade, b.segment, b.region, b.industry
FROM own o
JOIN borrowers b ON b.tenant_id = $1 AND b.id = o.borrower_id
LEFT JOIN applications a ON a.tenant_id = $1 AND a.id = o.last_application_id
LEFT JOIN month_ends me ON me.borrower_id = o.borrower_id
ORDER BY o.borrower_id`;

const FACT_NAMES = ['productsHeld', 'loansRepaid', 'remainingTerm', 'maxDpdEver', 'monthsOnBook', 'onTimeRatio', 'currentDti', 'marketingConsent', 'openCollectionCase',
  'lastPrincipal', 'outstandingPrincipal', 'grade', 'segment', 'region', 'industry'] as const;

/** The cross-sell facts of the tenant's borrowers (all with a loan, or `borrowerIds`) as of a date. */
export async function borrowerFacts(ctx: RequestContext, asOf: string, borrowerIds: string[] | null = null): Promise<BorrowerFacts[]> {
  const rows: Record<string, unknown>[] = await (await ctx.db()).query(FACTS_SQL, [ctx.tenant, asOf, borrowerIds]);
  return rows.map((r) => ({
    borrowerId: r.borrowerId as string,
    fullName: (r.fullName as string | null) ?? null,
    lastProductId: r.lastProductId as string,
    facts: Object.fromEntries(FACT_NAMES.map((n) => [n, r[n] as Facts[string]])),
  }));
}
