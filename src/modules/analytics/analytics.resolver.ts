import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../platform/graphql/context';
import { DateScalar, DecimalScalar } from '../../platform/graphql/scalars';
import type { FinancialAssumptionsService } from './financial-assumptions';
import type { AppetiteDimension } from '../../core/decisioning/risk-appetite';
import type { ConcentrationService } from './concentration';
import type { PortfolioCharts } from './portfolio-charts';
import type { VintageService } from './vintages';
import type { ProfitabilityGroup, ProfitabilityService } from './profitability';
import type { FunnelGroup, OriginationFunnelService } from './origination-funnel';
import type { RollRateService } from './roll-rates';
import { type BreakdownDimension, type PortfolioFigures, type PortfolioFiguresService, type TrendInterval, asSummary } from './portfolio-figures';
import {
  BreakdownDimensionEnum, ChartArgsInput, RollRatesType, FunnelGroupEnum, OriginationFunnelType, ProfitabilityGroupEnum, ProfitabilityType, VintageCohortEnum, VintageMetricEnum, VintageType, ConcentrationDimensionEnum, ConcentrationType, ChartKindEnum, ChartType, FinancialAssumptionsType, PORTFOLIO_METRICS, PortfolioBreakdownType, PortfolioFilterInput,
  PortfolioMetricEnum, type PortfolioMetric, PortfolioSummaryType, PortfolioTrendType, TrendIntervalEnum,
} from './dto/analytics.type';

const toSummary = (f: PortfolioFigures): PortfolioSummaryType => asSummary(f);

@Resolver()
export class AnalyticsResolver {
  constructor(private readonly figures: PortfolioFiguresService, private readonly assumptions: FinancialAssumptionsService, private readonly charts: PortfolioCharts, private readonly concentrations: ConcentrationService, private readonly vintageCurves: VintageService, private readonly profits: ProfitabilityService, private readonly funnels: OriginationFunnelService, private readonly rolls: RollRateService) {}

  @Query(() => PortfolioSummaryType, { description: 'The portfolio as of a date (the tenant’s today when not given), flows over `from`..`asOf` (from the 1st of asOf’s month when not given).' })
  async portfolioSummary(@Ctx() { ctx }: GraphQLContext, @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string | null,
    @Arg('from', () => DateScalar, { nullable: true }) from?: string | null, @Arg('filter', () => PortfolioFilterInput, { nullable: true }) filter?: PortfolioFilterInput | null) {
    return toSummary(await this.figures.summary(ctx, { asOf, from, filter }));
  }

  @Query(() => PortfolioTrendType, { description: 'The same figures for each day, week or month of a range.' })
  async portfolioTrend(@Ctx() { ctx }: GraphQLContext, @Arg('from', () => DateScalar) from: string, @Arg('to', () => DateScalar) to: string,
    @Arg('interval', () => TrendIntervalEnum) interval: TrendInterval, @Arg('metrics', () => [PortfolioMetricEnum]) metrics: PortfolioMetric[],
    @Arg('filter', () => PortfolioFilterInput, { nullable: true }) filter?: PortfolioFilterInput | null) {
    const points = await this.figures.trend(ctx, { from, to, interval, filter });
    const currency = points[0]?.currency ?? filter?.currency ?? '';
    return {
      interval, currency, metrics,
      points: points.map((p) => {
        const s = toSummary(p) as unknown as Record<string, unknown>;
        return { start: p.from, end: p.to, snapshotDate: p.snapshotDate, values: metrics.map((m) => ({ metric: m, value: s[PORTFOLIO_METRICS[m]] === null ? null : String(s[PORTFOLIO_METRICS[m]]) })) };
      }),
    };
  }

  @Query(() => PortfolioBreakdownType, { description: 'The book at a date cut by one dimension: loans, gross, PAR30 and share of each cut, largest first.' })
  async portfolioBreakdown(@Ctx() { ctx }: GraphQLContext, @Arg('dimension', () => BreakdownDimensionEnum) dimension: BreakdownDimension,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string | null, @Arg('currency', () => String, { nullable: true }) currency?: string | null) {
    return { dimension, ...(await this.figures.breakdown(ctx, { asOf, dimension, currency })) };
  }

  @Query(() => ConcentrationType, { description: 'Exposure by industry, region, product or borrower at a date against the risk appetite’s limits, with near-breaches (over 90%) and breaches.' })
  async concentration(@Ctx() { ctx }: GraphQLContext, @Arg('dimension', () => ConcentrationDimensionEnum) dimension: AppetiteDimension, @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string | null) {
    return this.concentrations.concentration(ctx, { asOf, dimension });
  }

  @Query(() => [VintageType], { description: 'Cumulative bad rate by months on book per disbursement cohort (from the vintage cells close of business keeps).' })
  async vintages(@Ctx() { ctx }: GraphQLContext, @Arg('cohort', () => VintageCohortEnum) cohort: 'MONTH' | 'QUARTER', @Arg('metric', () => VintageMetricEnum) metric: string,
    @Arg('maxMonthsOnBook', () => Int) maxMonthsOnBook: number, @Arg('currency', () => String, { nullable: true }) currency?: string | null) {
    return this.vintageCurves.vintages(ctx, { cohort, metric, maxMonthsOnBook, currency });
  }

  @Query(() => ProfitabilityType, { description: 'Income, cost of funds, expected and actual loss, operating cost and margin by product, segment or grade, with each cut’s price next to what it earned.' })
  async profitability(@Ctx() { ctx }: GraphQLContext, @Arg('from', () => DateScalar) from: string, @Arg('to', () => DateScalar) to: string,
    @Arg('groupBy', () => ProfitabilityGroupEnum) groupBy: ProfitabilityGroup, @Arg('currency', () => String, { nullable: true }) currency?: string | null) {
    return this.profits.profitability(ctx, { from, to, groupBy, currency });
  }

  @Query(() => OriginationFunnelType, { description: 'Leads and the applications created in a period through each stage to disbursement: counts, conversion and median time per stage.' })
  async originationFunnel(@Ctx() { ctx }: GraphQLContext, @Arg('from', () => DateScalar) from: string, @Arg('to', () => DateScalar) to: string,
    @Arg('groupBy', () => FunnelGroupEnum) groupBy: FunnelGroup) {
    return this.funnels.funnel(ctx, { from, to, groupBy });
  }

  @Query(() => RollRatesType, { description: 'The bucket-to-bucket transition matrix (count and balance) between two month-ends (each date taken back to the last month-end on or before it).' })
  async rollRates(@Ctx() { ctx }: GraphQLContext, @Arg('from', () => DateScalar) from: string, @Arg('to', () => DateScalar) to: string,
    @Arg('currency', () => String, { nullable: true }) currency?: string | null) {
    return this.rolls.rollRates(ctx, { from, to, currency });
  }

  @Query(() => ChartType, { description: 'A chart of the portfolio figures: its Vega-Lite spec and the SVG rendered from it on the server.' })
  async chart(@Ctx() { ctx }: GraphQLContext, @Arg('kind', () => ChartKindEnum) kind: string, @Arg('args', () => ChartArgsInput, { nullable: true }) args?: ChartArgsInput | null) {
    return this.charts.chart(ctx, kind, args ?? {});
  }

  @Mutation(() => FinancialAssumptionsType, { description: 'Sets the lender’s cost of funds and operating cost from a month on (until a later month’s).' })
  async setFinancialAssumptions(@Ctx() { ctx }: GraphQLContext, @Arg('period') period: string, @Arg('costOfFundsRate', () => DecimalScalar) costOfFundsRate: string,
    @Arg('operatingCostPerLoan', () => DecimalScalar) operatingCostPerLoan: string) {
    return this.assumptions.set(ctx, { period, costOfFundsRate, operatingCostPerLoan });
  }

  @Query(() => [FinancialAssumptionsType], { description: 'The lender’s financial assumptions, latest month first.' })
  async financialAssumptions(@Ctx() { ctx }: GraphQLContext) {
    return this.assumptions.list(ctx);
  }
}
