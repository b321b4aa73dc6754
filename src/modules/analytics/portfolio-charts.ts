import { type VegaLiteSpec, barChartSpec, bucketRank, curveChartSpec, heatmapChartSpec, trendChartSpec } from '../../core/analytics';
import { badInput } from '../../core/domain-error';
import { renderChartSvg } from '../../platform/charts/render-chart';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { AppetiteDimension } from '../../core/decisioning/risk-appetite';
import type { ConcentrationService } from './concentration';
import type { VintageService } from './vintages';
import type { RollRateService } from './roll-rates';
import { type BreakdownDimension, type PortfolioFilter, type PortfolioFiguresService, type TrendInterval, asSummary } from './portfolio-figures';

/** Which summary field a trend metric draws (PAR30: par30Ratio), and whether it is a ratio. */
export type MetricFields = Record<string, string>;

export interface ChartArgs {
  from?: string | null;
  to?: string | null;
  asOf?: string | null;
  interval?: string | null;
  metrics?: string[] | null;
  dimension?: string | null;
  concentration?: string | null;
  cohort?: string | null;
  vintageMetric?: string | null;
  maxMonthsOnBook?: number | null;
  filter?: PortfolioFilter | null;
}

export interface Chart {
  kind: string;
  title: string;
  svg: string;
  vegaLiteSpec: VegaLiteSpec;
}

/** The portfolio's charts: the figures of the analytics queries, as a Vega-Lite spec and its server-rendered SVG. */
export class PortfolioCharts {
  constructor(private readonly deps: { figures: PortfolioFiguresService; concentration: ConcentrationService; vintages: VintageService; rollRates: RollRateService; metricFields: MetricFields }) {}

  async chart(ctx: RequestContext, kind: string, args: ChartArgs): Promise<Chart> {
    const spec = kind === 'PORTFOLIO_TREND' ? await this.trend(ctx, args) : kind === 'CONCENTRATION' ? await this.concentration(ctx, args) : kind === 'VINTAGES' ? await this.vintages(ctx, args) : kind === 'ROLL_RATES' ? await this.rolls(ctx, args) : await this.breakdown(ctx, args);
    return { kind, title: String(spec.title), svg: await renderChartSvg(spec), vegaLiteSpec: spec };
  }

  private async trend(ctx: RequestContext, args: ChartArgs): Promise<VegaLiteSpec> {
    if (!args.from) throw badInput('args.from', 'a trend chart needs from');
    if (!args.to) throw badInput('args.to', 'a trend chart needs to');
    const metrics = args.metrics?.length ? args.metrics : ['PAR30'];
    const points = await this.deps.figures.trend(ctx, { from: args.from, to: args.to, interval: (args.interval ?? 'MONTH') as TrendInterval, filter: args.filter });
    const currency = points[0]?.currency ?? '';
    const series = points.flatMap((p) => metrics.map((m) => {
      const v = (asSummary(p) as unknown as Record<string, unknown>)[this.deps.metricFields[m]];
      return { date: p.to, metric: m, value: v === null || v === undefined ? null : String(v) };
    }));
    // The value axis names what the lines measure: ratios, counts (loans, borrowers), or money in the currency.
    const fields = metrics.map((m) => this.deps.metricFields[m]);
    const axis = fields.every((f) => /Ratio|Share|Yield|Sufficiency/i.test(f)) ? 'ratio' : fields.every((f) => /Loans|Borrowers|Count/.test(f)) ? 'count' : currency;
    return trendChartSpec(`${metrics.join(', ')} by ${(args.interval ?? 'MONTH').toLowerCase()}, ${args.from} to ${args.to}`, series, axis);
  }

  private async concentration(ctx: RequestContext, args: ChartArgs): Promise<VegaLiteSpec> {
    const dimension = (args.concentration ?? 'INDUSTRY') as AppetiteDimension;
    const c = await this.deps.concentration.concentration(ctx, { asOf: args.asOf, dimension });
    // Shares against the tightest share limit on each value.
    const bars = c.rows.slice(0, 25).map((r) => ({ label: r.label, value: r.share ?? '0', limit: r.limits.filter((l) => l.measure === 'SHARE').map((l) => l.limit).sort()[0] ?? null }));
    return barChartSpec(`Concentration by ${dimension.toLowerCase()}, ${c.snapshotDate ?? c.asOf}: share of the portfolio, limit marked`, bars, 'share of the gross portfolio');
  }

  private async vintages(ctx: RequestContext, args: ChartArgs): Promise<VegaLiteSpec> {
    const metric = args.vintageMetric ?? 'DPD30_EVER';
    const vintages = await this.deps.vintages.vintages(ctx, { cohort: (args.cohort ?? 'MONTH') as 'MONTH' | 'QUARTER', metric, maxMonthsOnBook: args.maxMonthsOnBook ?? 12 });
    const points = vintages.flatMap((v) => v.points.map((p) => ({ series: v.cohort, x: p.monthsOnBook, y: p.rate })));
    return curveChartSpec(`Vintages: ${metric} by months on book, per ${(args.cohort ?? 'MONTH').toLowerCase()} of disbursement`, points, 'months on book', 'share of the cohort’s principal');
  }

  private async rolls(ctx: RequestContext, args: ChartArgs): Promise<VegaLiteSpec> {
    if (!args.from) throw badInput('args.from', 'a roll-rate chart needs from');
    if (!args.to) throw badInput('args.to', 'a roll-rate chart needs to');
    const r = await this.deps.rollRates.rollRates(ctx, { from: args.from, to: args.to, currency: args.filter?.currency });
    return heatmapChartSpec(`Roll rates ${r.fromSnapshot ?? args.from} to ${r.toSnapshot ?? args.to}: share of each bucket's balance`,
      r.cells.map((c) => ({ row: c.from, column: c.to, value: c.balanceRate, text: `${c.count}` })), r.buckets, 'from', 'to', 'share of balance');
  }

  private async breakdown(ctx: RequestContext, args: ChartArgs): Promise<VegaLiteSpec> {
    const dimension = (args.dimension ?? 'PRODUCT') as BreakdownDimension;
    const b = await this.deps.figures.breakdown(ctx, { asOf: args.asOf, dimension, currency: args.filter?.currency });
    const bars = b.rows.map((r) => ({ label: r.label, value: r.gross }));
    const title = `Gross portfolio by ${dimension.toLowerCase()}, ${b.snapshotDate ?? b.asOf}`;
    // Buckets read in their order of lateness, not by size.
    if (dimension === 'BUCKET') return barChartSpec(title, bars.sort((x, y) => bucketRank(x.label) - bucketRank(y.label)), `gross portfolio (${b.currency})`, 'AS_GIVEN');
    return barChartSpec(title, bars, `gross portfolio (${b.currency})`);
  }
}
