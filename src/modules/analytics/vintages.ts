import { badInput } from '../../core/domain-error';
import { Dec, currencyDecimals } from '../../core/money';
import { figureCurrency } from './currency-arg';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { TenantDirectory } from '../../platform/tenancy/tenant-directory';

export const VINTAGE_COHORTS = ['MONTH', 'QUARTER'] as const;
export const VINTAGE_METRICS = ['DPD30_EVER', 'DPD90_EVER', 'WRITTEN_OFF'] as const;

export interface VintagePoint {
  monthsOnBook: number;
  /** Loans of the cohort that had reached the metric by this month on book, and their principal. */
  loans: number;
  principal: string;
  /** principal / the cohort's principal, 6 places. */
  rate: string | null;
}

export interface Vintage {
  /** 2026-09, or 2026-Q3. */
  cohort: string;
  loans: number;
  principal: string;
  /** Months on book the cohort has reached (its points stop there). */
  age: number;
  points: VintagePoint[];
}

/**
 * Vintage curves from the vintage cells close of business keeps: for each disbursement cohort (month or
 * quarter), the cumulative share of its principal that had ever been 30 or 90 days past due, or written
 * off, by months on book (0 = the month of disbursement), up to `maxMonthsOnBook` and the cohort's age.
 */
export class VintageService {
  constructor(private readonly deps: { tenants: TenantDirectory }) {}

  async vintages(ctx: RequestContext, args: { cohort: 'MONTH' | 'QUARTER'; metric: string; maxMonthsOnBook: number; currency?: string | null }): Promise<Vintage[]> {
    if (!Number.isInteger(args.maxMonthsOnBook) || args.maxMonthsOnBook < 0 || args.maxMonthsOnBook > 120) throw badInput('maxMonthsOnBook', 'whole months from 0 to 120');
    const tenant = await this.deps.tenants.current(ctx);
    const currency = figureCurrency(args.currency, tenant.baseCurrency);
    const today = await this.deps.tenants.today(ctx);
    const unit = args.cohort === 'QUARTER' ? 'quarter' : 'month';
    const rows: { cohort: string; metric: string; mob: number; loans: number; principal: string; start: string }[] = await (await ctx.db()).query(
      `SELECT CASE WHEN $3 = 'quarter' THEN to_char(cohort, 'YYYY-"Q"Q') ELSE to_char(cohort, 'YYYY-MM') END AS cohort,
              to_char(date_trunc($3, cohort), 'YYYY-MM-DD') AS start, metric, months_on_book AS mob, sum(loans)::int AS loans, sum(principal)::text AS principal
       FROM vintage_cells WHERE tenant_id = $1 AND currency = $2 AND metric IN ('COHORT', $4) AND months_on_book <= $5
       GROUP BY 1, 2, 3, 4 ORDER BY 2, 3, 4`, [ctx.tenant, currency, unit, args.metric, args.maxMonthsOnBook]);
    const dp = currencyDecimals(currency);
    const byCohort = new Map<string, typeof rows>();
    for (const r of rows) byCohort.set(r.cohort, [...(byCohort.get(r.cohort) ?? []), r]);
    const monthsBetween = (from: string, to: string) => (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));
    return [...byCohort.entries()].filter(([, rs]) => rs.some((r) => r.metric === 'COHORT')).map(([cohort, rs]) => {
      const size = rs.filter((r) => r.metric === 'COHORT');
      const loans = size.reduce((n, r) => n + r.loans, 0);
      const principal = size.reduce((s, r) => s.plus(r.principal), new Dec(0));
      // A quarter's age counts from its first month.
      const age = Math.max(0, monthsBetween(rs[0].start, today));
      const hits = rs.filter((r) => r.metric !== 'COHORT');
      const points: VintagePoint[] = [];
      let cumLoans = 0;
      let cumPrincipal = new Dec(0);
      for (let mob = 0; mob <= Math.min(args.maxMonthsOnBook, age); mob++) {
        for (const h of hits.filter((x) => x.mob === mob)) {
          cumLoans += h.loans;
          cumPrincipal = cumPrincipal.plus(h.principal);
        }
        points.push({ monthsOnBook: mob, loans: cumLoans, principal: cumPrincipal.toFixed(dp), rate: principal.gt(0) ? cumPrincipal.div(principal).toFixed(6) : null });
      }
      return { cohort, loans, principal: principal.toFixed(dp), age, points };
    });
  }
}
