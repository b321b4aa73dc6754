import { type PortfolioIndicators, type PortfolioTotals, portfolioIndicators } from '../../core/analytics';
import { badInput } from '../../core/domain-error';
import { Dec, currencyDecimals } from '../../core/money';
import { SqlWhere } from '../../platform/db/sql-where';
import { isCalendarDate } from '../../platform/graphql/scalars';
import { agentSubtreeSql } from '../../platform/tenancy/agent-scope';
import { figureCurrency } from './currency-arg';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { TenantDirectory } from '../../platform/tenancy/tenant-directory';
import { SNAPSHOT_SETS } from './portfolio-snapshot';

export interface PortfolioFilter {
  productId?: string | null;
  segment?: string | null;
  region?: string | null;
  agentId?: string | null;
  currency?: string | null;
}

export interface PortfolioFigures extends PortfolioTotals, PortfolioIndicators {
  from: string;
  to: string;
  /** The snapshot the stocks come from: the period's last close of business (null: none in the period). */
  snapshotDate: string | null;
  currency: string;
}

/**
 * The figures under the names the API and charts give them (grossPortfolio, activeLoans,
 * activeBorrowers, averageGrossPortfolio): one mapping, so a metric reads the same field everywhere.
 */
export function asSummary(f: PortfolioFigures) {
  return { ...f, grossPortfolio: f.gross, activeLoans: f.loans, activeBorrowers: f.borrowers, averageGrossPortfolio: f.averageGross };
}

export const BREAKDOWN_DIMENSIONS = ['PRODUCT', 'SEGMENT', 'REGION', 'AGENT', 'GRADE', 'BUCKET', 'INDUSTRY'] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

export interface BreakdownRow {
  /** The product or agent id, the segment, region, grade or bucket (null: none recorded). */
  key: string | null;
  label: string;
  loans: number;
  gross: string;
  par30: string;
  par30Ratio: string | null;
  /** Of the book's gross portfolio. */
  share: string | null;
}

export const TREND_INTERVALS = ['DAY', 'WEEK', 'MONTH'] as const;
export type TrendInterval = (typeof TREND_INTERVALS)[number];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_TREND_POINTS = 1000;

/**
 * Portfolio figures from the daily snapshots (never from loans): for a period, or for each day, week
 * or month of a range. Stocks (gross, PAR, live loans) are those of the period's last snapshot; flows
 * (disbursed, written off, recovered, income) sum its days; the average gross is the mean of its
 * daily snapshots, and the costs apply the lender's assumptions of each day's month. A filter of one
 * dimension reads that dimension's rows (borrowers exact); several read the finest cut and sum it
 * (a borrower with loans in two cuts counts in each). An agent's key reads its own referred book.
 */
export class PortfolioFiguresService {
  constructor(private readonly deps: { tenants: TenantDirectory }) {}

  async summary(ctx: RequestContext, args: { asOf?: string | null; from?: string | null; filter?: PortfolioFilter | null }): Promise<PortfolioFigures> {
    const asOf = args.asOf ?? await this.deps.tenants.today(ctx);
    if (!isCalendarDate(asOf)) throw badInput('asOf', 'a date YYYY-MM-DD');
    const from = args.from ?? `${asOf.slice(0, 8)}01`;
    if (!isCalendarDate(from) || from > asOf) throw badInput('from', 'a date YYYY-MM-DD not after asOf');
    const [point] = await this.figures(ctx, from, asOf, null, args.filter ?? {});
    return point;
  }

  async trend(ctx: RequestContext, args: { from: string; to: string; interval: TrendInterval; filter?: PortfolioFilter | null }): Promise<PortfolioFigures[]> {
    if (!isCalendarDate(args.from)) throw badInput('from', 'a date YYYY-MM-DD');
    if (!isCalendarDate(args.to) || args.to < args.from) throw badInput('to', 'a date YYYY-MM-DD not before from');
    const days = (Date.parse(args.to) - Date.parse(args.from)) / 86_400_000 + 1;
    const points = args.interval === 'DAY' ? days : args.interval === 'WEEK' ? days / 7 : days / 28;
    if (points > MAX_TREND_POINTS) throw badInput('to', `at most ${MAX_TREND_POINTS} points: a longer interval, or a shorter range`);
    return this.figures(ctx, args.from, args.to, args.interval, args.filter ?? {});
  }

  /**
   * The book at a date's snapshot (the last on or before `asOf`) cut by one dimension: loans, gross,
   * PAR30 and each cut's share of the gross, largest first. An agent's key: its own referred book.
   */
  async breakdown(ctx: RequestContext, args: { asOf?: string | null; dimension: BreakdownDimension; currency?: string | null }): Promise<{ asOf: string; snapshotDate: string | null; currency: string; rows: BreakdownRow[] }> {
    const asOf = args.asOf ?? await this.deps.tenants.today(ctx);
    if (!isCalendarDate(asOf)) throw badInput('asOf', 'a date YYYY-MM-DD');
    const tenant = await this.deps.tenants.current(ctx);
    const currency = figureCurrency(args.currency, tenant.baseCurrency);
    const column = { PRODUCT: 'product_id', SEGMENT: 'segment', REGION: 'region', AGENT: 'agent_id', GRADE: 'grade', BUCKET: 'bucket', INDUSTRY: 'industry' }[args.dimension];
    const w = new SqlWhere();
    w.and('s.tenant_id = ?::uuid', ctx.tenant).and('s.currency = ?', currency);
    // An agent's book is cut from the finest rows of its agents (which do not carry industry).
    if (ctx.referringAgent && args.dimension === 'INDUSTRY') throw badInput('dimension', 'an agent’s book is cut by product, segment, region, agent, grade or bucket');
    const set = ctx.referringAgent ? (args.dimension === 'AGENT' ? SNAPSHOT_SETS.AGENT : SNAPSHOT_SETS.FINEST) : SNAPSHOT_SETS[args.dimension];
    if (ctx.referringAgent) w.and(`s.agent_id IN ${agentSubtreeSql('?')}`, ctx.referringAgent);
    w.and(`s.grouping = ${set}`);
    const date = w.bind(asOf);
    const rows = await (await ctx.db()).query(
      `WITH d AS (SELECT max(s.as_of) AS d FROM portfolio_snapshots s ${w.sql} AND s.as_of <= ${date}::date),
            cut AS (SELECT s.${column}::text AS key, sum(s.loans)::int AS loans, sum(s.gross) AS gross, sum(s.par30) AS par30
                    FROM portfolio_snapshots s ${w.sql} AND s.as_of = (SELECT d FROM d) GROUP BY 1)
       SELECT cut.key, coalesce(p.code || ' ' || p.name, a.name, cut.key, '(none)') AS label, cut.loans, cut.gross::text, cut.par30::text,
              (SELECT sum(gross) FROM cut)::text AS total, (SELECT d::text FROM d) AS "snapshotDate"
       FROM cut
       LEFT JOIN loan_products p ON '${column}' = 'product_id' AND p.tenant_id = ${w.bind(ctx.tenant)}::uuid AND p.id::text = cut.key
       LEFT JOIN agents a ON '${column}' = 'agent_id' AND a.tenant_id = ${w.bind(ctx.tenant)}::uuid AND a.id::text = cut.key
       ORDER BY cut.gross DESC, cut.key`, w.params);
    const dp = currencyDecimals(currency);
    const [first] = rows as { snapshotDate: string | null }[];
    const ratio = (n: string, d: string) => (new Dec(d).gt(0) ? new Dec(n).div(d).toFixed(6) : null);
    return {
      asOf, currency, snapshotDate: first?.snapshotDate ?? null,
      rows: rows.filter((r: { loans: number }) => r.loans > 0).map((r: Record<string, string>) => ({
        key: r.key, label: r.label, loans: Number(r.loans), gross: money(r.gross, dp), par30: money(r.par30, dp), par30Ratio: ratio(r.par30, r.gross), share: ratio(r.gross, r.total),
      })),
    };
  }

  private async figures(ctx: RequestContext, from: string, to: string, interval: TrendInterval | null, filter: PortfolioFilter): Promise<PortfolioFigures[]> {
    const tenant = await this.deps.tenants.current(ctx);
    const currency = figureCurrency(filter.currency, tenant.baseCurrency, 'filter.currency');
    if (filter.productId && !UUID.test(filter.productId)) throw badInput('filter.productId', `no product ${filter.productId}`);
    const w = new SqlWhere();
    w.and('s.tenant_id = ?::uuid', ctx.tenant).and('s.currency = ?', currency).and('s.as_of BETWEEN ?::date AND ?::date', from, to);
    const dims: string[] = [];
    if (filter.productId) { dims.push('PRODUCT'); w.and('s.product_id = ?::uuid', filter.productId); }
    if (filter.segment) { dims.push('SEGMENT'); w.and('s.segment = ?', filter.segment); }
    if (filter.region) { dims.push('REGION'); w.and('s.region = ?', filter.region); }
    if (filter.agentId) { dims.push('AGENT'); w.and('s.agent_id = ?', filter.agentId); }
    if (ctx.referringAgent) { if (!dims.includes('AGENT')) dims.push('AGENT'); w.and(`s.agent_id IN ${agentSubtreeSql('?')}`, ctx.referringAgent); }
    w.and(`s.grouping = ${setFor(dims)}`);
    const bucket = interval === null ? w.bind(from) + '::date' : `greatest(date_trunc('${interval.toLowerCase()}', s.as_of)::date, ${w.bind(from)}::date)`;
    const rows = await (await ctx.db()).query(
      `WITH b AS (
         SELECT ${bucket} AS period_start, s.* FROM portfolio_snapshots s ${w.sql}
       ), daily AS (
         SELECT period_start, as_of, sum(gross) AS gross, sum(loans) AS loans FROM b GROUP BY period_start, as_of
       ), last AS (
         SELECT period_start, max(as_of) AS d FROM daily GROUP BY period_start
       ), stocks AS (
         SELECT b.period_start, sum(b.loans)::int AS loans, sum(b.borrowers)::int AS borrowers, sum(b.repeat_borrowers)::int AS "repeatBorrowers",
                sum(b.gross)::text AS gross, sum(b.overdue_principal)::text AS "overduePrincipal", sum(b.par1)::text AS par1, sum(b.par30)::text AS par30, sum(b.par90)::text AS par90, sum(b.npl)::text AS npl
         FROM b JOIN last ON last.period_start = b.period_start AND last.d = b.as_of GROUP BY b.period_start
       ), flows AS (
         SELECT period_start, sum(disbursed_count)::int AS "disbursedCount", sum(disbursed_amount)::text AS "disbursedAmount", sum(written_off_count)::int AS "writtenOffCount",
                sum(written_off)::text AS "writtenOff", sum(recoveries)::text AS recoveries, sum(interest_income)::text AS "interestIncome",
                sum(penalty_income)::text AS "penaltyIncome", sum(fee_income)::text AS "feeIncome"
         FROM b GROUP BY period_start
       ), costs AS (
         SELECT d.period_start, avg(d.gross)::text AS "averageGross",
                CASE WHEN bool_and(fa.cost_of_funds_rate IS NOT NULL) THEN sum(d.gross * fa.cost_of_funds_rate / 365)::text END AS "financialExpense",
                CASE WHEN bool_and(fa.operating_cost_per_loan IS NOT NULL)
                     THEN sum(d.loans * fa.operating_cost_per_loan / extract(day FROM date_trunc('month', d.as_of) + interval '1 month - 1 day'))::text END AS "operatingExpense"
         FROM daily d
         LEFT JOIN LATERAL (SELECT f.cost_of_funds_rate, f.operating_cost_per_loan FROM financial_assumptions f
                            WHERE f.tenant_id = ${w.bind(ctx.tenant)}::uuid AND f.period <= to_char(d.as_of, 'YYYY-MM') ORDER BY f.period DESC LIMIT 1) fa ON true
         GROUP BY d.period_start
       )
       SELECT to_char(last.period_start, 'YYYY-MM-DD') AS "periodStart", last.d::text AS "snapshotDate", stocks.*, flows.*, costs.*
       FROM last JOIN stocks USING (period_start) JOIN flows USING (period_start) JOIN costs USING (period_start) ORDER BY last.period_start`, w.params);
    const dp = currencyDecimals(currency);
    const found = new Map<string, Record<string, unknown>>(rows.map((r: { periodStart: string }) => [r.periodStart, r]));
    return periods(from, to, interval).map(([start, end]) => {
      const r = found.get(start);
      const totals: PortfolioTotals = {
        loans: Number(r?.loans ?? 0), borrowers: Number(r?.borrowers ?? 0), repeatBorrowers: Number(r?.repeatBorrowers ?? 0),
        gross: money(r?.gross, dp), overduePrincipal: money(r?.overduePrincipal, dp), par1: money(r?.par1, dp), par30: money(r?.par30, dp), par90: money(r?.par90, dp), npl: money(r?.npl, dp),
        disbursedCount: Number(r?.disbursedCount ?? 0), disbursedAmount: money(r?.disbursedAmount, dp), writtenOffCount: Number(r?.writtenOffCount ?? 0),
        writtenOff: money(r?.writtenOff, dp), recoveries: money(r?.recoveries, dp), interestIncome: money(r?.interestIncome, dp),
        penaltyIncome: money(r?.penaltyIncome, dp), feeIncome: money(r?.feeIncome, dp),
        days: (Date.parse(end) - Date.parse(start)) / 86_400_000 + 1,
        averageGross: money(r?.averageGross, dp),
        financialExpense: r ? nullableMoney(r.financialExpense, dp) : null,
        operatingExpense: r ? nullableMoney(r.operatingExpense, dp) : null,
      };
      return { from: start, to: end, snapshotDate: (r?.snapshotDate as string | undefined) ?? null, currency, ...totals, ...portfolioIndicators(totals, dp) };
    });
  }
}

/** The snapshot rows that answer a filter on these dimensions: one dimension's own rows, else the finest cut. */
function setFor(dims: string[]): number {
  if (dims.length === 0) return SNAPSHOT_SETS.BOOK;
  if (dims.every((d) => d === 'PRODUCT' || d === 'SEGMENT') && dims.includes('PRODUCT')) return SNAPSHOT_SETS.PRODUCT;
  if (dims.length === 1) return SNAPSHOT_SETS[dims[0] as 'SEGMENT' | 'REGION' | 'AGENT'];
  return SNAPSHOT_SETS.FINEST;
}

/** The periods of a range: one (no interval), or each day, ISO week or month, clipped to the range. */
export function periods(from: string, to: string, interval: TrendInterval | null): [string, string][] {
  if (interval === null) return [[from, to]];
  const out: [string, string][] = [];
  let start = from;
  while (start <= to) {
    const d = new Date(`${start}T00:00:00Z`);
    if (interval === 'DAY') d.setUTCDate(d.getUTCDate() + 1);
    else if (interval === 'WEEK') d.setUTCDate(d.getUTCDate() + 7 - ((d.getUTCDay() + 6) % 7));
    else d.setUTCMonth(d.getUTCMonth() + 1, 1);
    const next = d.toISOString().slice(0, 10);
    const dayBefore = new Date(d.getTime() - 86_400_000).toISOString().slice(0, 10);
    out.push([start, dayBefore < to ? dayBefore : to]);
    start = next;
  }
  return out;
}

/** Money to the currency's places, half-even like every other figure. */
const money = (v: unknown, dp: number) => new Dec(v === undefined || v === null ? 0 : String(v)).toFixed(dp);
const nullableMoney = (v: unknown, dp: number) => (v === undefined || v === null ? null : new Dec(String(v)).toFixed(dp));
