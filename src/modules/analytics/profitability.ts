import { badInput } from '../../core/domain-error';
import { Dec, currencyDecimals } from '../../core/money';
import { isCalendarDate } from '../../platform/graphql/scalars';
import { figureCurrency } from './currency-arg';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { TenantDirectory } from '../../platform/tenancy/tenant-directory';
import { SNAPSHOT_SETS } from './portfolio-snapshot';

export const PROFITABILITY_GROUPS = ['PRODUCT', 'SEGMENT', 'GRADE'] as const;
export type ProfitabilityGroup = (typeof PROFITABILITY_GROUPS)[number];

export interface ProfitabilityRow {
  key: string | null;
  label: string;
  averageGross: string;
  interestIncome: string;
  feeIncome: string;
  penaltyIncome: string;
  income: string;
  costOfFunds: string | null;
  expectedLoss: string;
  actualLoss: string;
  operatingCost: string | null;
  /** Income less cost of funds, actual loss and operating cost. */
  margin: string | null;
  /** margin over the average gross portfolio, annualised. */
  marginRate: string | null;
  /** Income over the average gross portfolio, annualised: what the book earned. */
  realisedYield: string | null;
  /** The rate the loans were priced at (their annual rate, weighted by outstanding principal at the period's end). */
  pricedRate: string | null;
  /** The decisions' probability of default, weighted the same way. */
  averagePd: string | null;
}

/**
 * Profitability by product, segment or grade over a period, from the snapshots: income earned;
 * cost of funds and operating cost from the lender's assumptions (day by day); expected loss (each
 * day's outstanding x the decision's annual probability of default / 365, loss given default taken
 * as 100%); actual loss (principal written off less recoveries); the margin, and the price each cut
 * was given next to what it earned.
 */
export class ProfitabilityService {
  constructor(private readonly deps: { tenants: TenantDirectory }) {}

  async profitability(ctx: RequestContext, args: { from: string; to: string; groupBy: ProfitabilityGroup; currency?: string | null }): Promise<{ from: string; to: string; currency: string; groupBy: string; rows: ProfitabilityRow[] }> {
    if (!isCalendarDate(args.from)) throw badInput('from', 'a date YYYY-MM-DD');
    if (!isCalendarDate(args.to) || args.to < args.from) throw badInput('to', 'a date YYYY-MM-DD not before from');
    const tenant = await this.deps.tenants.current(ctx);
    const currency = figureCurrency(args.currency, tenant.baseCurrency);
    const column = { PRODUCT: 'product_id', SEGMENT: 'segment', GRADE: 'grade' }[args.groupBy];
    const rows = await (await ctx.db()).query(
      `WITH r AS (
         SELECT s.*, s.${column}::text AS key FROM portfolio_snapshots s
         WHERE s.tenant_id = $1 AND s.grouping = ${SNAPSHOT_SETS[args.groupBy]} AND s.currency = $2 AND s.as_of BETWEEN $3::date AND $4::date
       ), costed AS (
         SELECT r.*, fa.cost_of_funds_rate AS cof, fa.operating_cost_per_loan AS opc, extract(day FROM date_trunc('month', r.as_of) + interval '1 month - 1 day') AS month_days
         FROM r LEFT JOIN LATERAL (SELECT f.cost_of_funds_rate, f.operating_cost_per_loan FROM financial_assumptions f
                                   WHERE f.tenant_id = $1 AND f.period <= to_char(r.as_of, 'YYYY-MM') ORDER BY f.period DESC LIMIT 1) fa ON true
       ), last AS (SELECT max(as_of) AS d FROM r)
       SELECT c.key, coalesce(p.code || ' ' || p.name, c.key, '(none)') AS label,
              (sum(c.gross) / (SELECT count(DISTINCT as_of) FROM r))::text AS "averageGross",
              sum(c.interest_income)::text AS "interestIncome", sum(c.fee_income)::text AS "feeIncome", sum(c.penalty_income)::text AS "penaltyIncome",
              CASE WHEN bool_and(c.cof IS NOT NULL) THEN sum(c.gross * c.cof / 365)::text END AS "costOfFunds",
              sum(c.pd_weighted / 365)::text AS "expectedLoss", (sum(c.written_off) - sum(c.recoveries))::text AS "actualLoss",
              CASE WHEN bool_and(c.opc IS NOT NULL) THEN sum(c.loans * c.opc / c.month_days)::text END AS "operatingCost",
              sum(c.rate_weighted) FILTER (WHERE c.as_of = (SELECT d FROM last))::text AS "rateWeighted",
              sum(c.pd_weighted) FILTER (WHERE c.as_of = (SELECT d FROM last))::text AS "pdWeighted",
              sum(c.gross) FILTER (WHERE c.as_of = (SELECT d FROM last))::text AS "lastGross"
       FROM costed c LEFT JOIN loan_products p ON '${column}' = 'product_id' AND p.tenant_id = $1 AND p.id::text = c.key
       GROUP BY c.key, p.code, p.name ORDER BY sum(c.gross) DESC, c.key`, [ctx.tenant, currency, args.from, args.to]);
    const dp = currencyDecimals(currency);
    const days = (Date.parse(args.to) - Date.parse(args.from)) / 86_400_000 + 1;
    const m = (v: string | null) => (v === null ? null : new Dec(v).toFixed(dp));
    const ratio = (n: Dec, d: string | null) => (d !== null && new Dec(d).gt(0) ? n.div(d).toFixed(6) : null);
    return {
      from: args.from, to: args.to, currency, groupBy: args.groupBy,
      rows: rows.map((r: Record<string, string | null>) => {
        const income = new Dec(r.interestIncome!).plus(r.feeIncome!).plus(r.penaltyIncome!);
        const margin = r.costOfFunds === null || r.operatingCost === null ? null : income.minus(r.costOfFunds).minus(r.actualLoss!).minus(r.operatingCost);
        return {
          key: r.key, label: r.label!, averageGross: m(r.averageGross)!, interestIncome: m(r.interestIncome)!, feeIncome: m(r.feeIncome)!, penaltyIncome: m(r.penaltyIncome)!,
          income: income.toFixed(dp), costOfFunds: m(r.costOfFunds), expectedLoss: m(r.expectedLoss)!, actualLoss: m(r.actualLoss)!, operatingCost: m(r.operatingCost),
          margin: margin === null ? null : margin.toFixed(dp), marginRate: margin === null ? null : ratio(margin.times(365).div(days), r.averageGross),
          realisedYield: ratio(income.times(365).div(days), r.averageGross), pricedRate: ratio(new Dec(r.rateWeighted ?? 0), r.lastGross), averagePd: ratio(new Dec(r.pdWeighted ?? 0), r.lastGross),
        };
      }),
    };
  }
}
