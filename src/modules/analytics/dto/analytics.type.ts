import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { enumOf } from '../../../platform/graphql/core-enums';
import { DateScalar, DecimalScalar } from '../../../platform/graphql/scalars';
import { CONCENTRATION_DIMENSIONS } from '../concentration';
import { VINTAGE_COHORTS, VINTAGE_METRICS } from '../vintages';
import { PROFITABILITY_GROUPS } from '../profitability';
import { FUNNEL_GROUPS, FUNNEL_STAGES } from '../origination-funnel';
import { BREAKDOWN_DIMENSIONS, TREND_INTERVALS } from '../portfolio-figures';

export const TrendIntervalEnum = enumOf(TREND_INTERVALS);
registerEnumType(TrendIntervalEnum, { name: 'TrendInterval', description: 'Days, ISO weeks (Monday to Sunday) or calendar months, clipped to the range.' });

/** The figures a trend can carry, each a field of PortfolioSummary. */
export const PORTFOLIO_METRICS = {
  GROSS_PORTFOLIO: 'grossPortfolio', ACTIVE_LOANS: 'activeLoans', ACTIVE_BORROWERS: 'activeBorrowers',
  PAR1: 'par1Ratio', PAR30: 'par30Ratio', PAR90: 'par90Ratio', NPL_RATIO: 'nplRatio', WRITE_OFF_RATIO: 'writeOffRatio', WRITTEN_OFF: 'writtenOff',
  RECOVERIES: 'recoveries', PORTFOLIO_YIELD: 'portfolioYield', AVERAGE_LOAN_SIZE: 'averageLoanSize', DISBURSED_COUNT: 'disbursedCount',
  DISBURSED_AMOUNT: 'disbursedAmount', REPEAT_BORROWER_SHARE: 'repeatBorrowerShare', OPERATING_INCOME: 'operatingIncome',
  OPERATIONAL_SELF_SUFFICIENCY: 'operationalSelfSufficiency',
} as const;
export type PortfolioMetric = keyof typeof PORTFOLIO_METRICS;
export const PortfolioMetricEnum = enumOf(Object.keys(PORTFOLIO_METRICS) as PortfolioMetric[]);
registerEnumType(PortfolioMetricEnum, { name: 'PortfolioMetric', description: 'A figure of portfolioSummary, by its field (PAR30: par30Ratio; see docs/analytics.md).' });

@InputType('PortfolioFilter')
export class PortfolioFilterInput {
  @Field(() => ID, { nullable: true }) productId?: string | null;
  @Field(() => String, { nullable: true, description: 'The product’s segment.' }) segment?: string | null;
  @Field(() => String, { nullable: true, description: 'The borrower’s region.' }) region?: string | null;
  @Field(() => ID, { nullable: true, description: 'The referring agent (an agent’s key: always its own book).' }) agentId?: string | null;
  @Field(() => String, { nullable: true, description: 'ISO 4217; the lender’s base currency when not given (amounts are never summed across currencies).' }) currency?: string | null;
}

@ObjectType('PortfolioSummary', { description: 'The portfolio over a period, from the daily snapshots close of business writes. Definitions: docs/analytics.md.' })
export class PortfolioSummaryType {
  @Field(() => DateScalar) from!: string;
  @Field(() => DateScalar) to!: string;
  @Field(() => DateScalar, { nullable: true, description: 'The close of business the stocks come from: the period’s last (null: none in the period).' }) snapshotDate!: string | null;
  @Field(() => String) currency!: string;
  @Field(() => DecimalScalar, { description: 'Outstanding principal of live loans (ACTIVE, disbursed).' }) grossPortfolio!: string;
  @Field(() => Int) activeLoans!: number;
  @Field(() => Int) activeBorrowers!: number;
  @Field(() => DecimalScalar, { description: 'Principal in arrears (due and unpaid) of live loans.' }) overduePrincipal!: string;
  @Field(() => DecimalScalar, { description: 'Outstanding principal of loans 1 or more days past due.' }) par1!: string;
  @Field(() => DecimalScalar, { description: '…30 or more days past due.' }) par30!: string;
  @Field(() => DecimalScalar, { description: '…90 or more days past due.' }) par90!: string;
  @Field(() => DecimalScalar, { description: 'Outstanding principal of loans more than 90 days past due.' }) npl!: string;
  @Field(() => DecimalScalar, { nullable: true }) par1Ratio!: string | null;
  @Field(() => DecimalScalar, { nullable: true }) par30Ratio!: string | null;
  @Field(() => DecimalScalar, { nullable: true }) par90Ratio!: string | null;
  @Field(() => DecimalScalar, { nullable: true }) nplRatio!: string | null;
  @Field(() => Int) disbursedCount!: number;
  @Field(() => DecimalScalar) disbursedAmount!: string;
  @Field(() => Int) writtenOffCount!: number;
  @Field(() => DecimalScalar, { description: 'Principal written off in the period.' }) writtenOff!: string;
  @Field(() => DecimalScalar, { nullable: true, description: 'Principal written off over the average gross portfolio (the period’s, not annualised).' }) writeOffRatio!: string | null;
  @Field(() => DecimalScalar, { description: 'Money recovered on written-off loans in the period.' }) recoveries!: string;
  @Field(() => DecimalScalar) interestIncome!: string;
  @Field(() => DecimalScalar) penaltyIncome!: string;
  @Field(() => DecimalScalar) feeIncome!: string;
  @Field(() => DecimalScalar, { description: 'Interest, penalties and fees earned.' }) operatingIncome!: string;
  @Field(() => DecimalScalar, { description: 'The mean of the daily gross portfolio over the period’s snapshots.' }) averageGrossPortfolio!: string;
  @Field(() => DecimalScalar, { nullable: true, description: 'Operating income over the average gross portfolio, annualised (x 365 / days).' }) portfolioYield!: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Outstanding principal per live loan.' }) averageLoanSize!: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Principal per loan disbursed in the period.' }) averageDisbursement!: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Active borrowers who had a loan before their current one, over active borrowers.' }) repeatBorrowerShare!: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Cost of funds on the daily gross portfolio (null: no financial assumptions).' }) financialExpense!: string | null;
  @Field(() => DecimalScalar, { description: 'Principal written off less recoveries.' }) lossExpense!: string;
  @Field(() => DecimalScalar, { nullable: true, description: 'Operating cost per live loan and month (null: no financial assumptions).' }) operatingExpense!: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Operating income over financial expense + loss expense + operating expense.' }) operationalSelfSufficiency!: string | null;
}

@ObjectType('PortfolioMetricValue')
export class PortfolioMetricValueType {
  @Field(() => PortfolioMetricEnum) metric!: string;
  @Field(() => DecimalScalar, { nullable: true }) value!: string | null;
}

@ObjectType('PortfolioTrendPoint')
export class PortfolioTrendPointType {
  @Field(() => DateScalar) start!: string;
  @Field(() => DateScalar) end!: string;
  @Field(() => DateScalar, { nullable: true }) snapshotDate!: string | null;
  @Field(() => [PortfolioMetricValueType]) values!: PortfolioMetricValueType[];
}

@ObjectType('PortfolioTrend')
export class PortfolioTrendType {
  @Field(() => TrendIntervalEnum) interval!: string;
  @Field(() => String) currency!: string;
  @Field(() => [PortfolioMetricEnum]) metrics!: string[];
  @Field(() => [PortfolioTrendPointType]) points!: PortfolioTrendPointType[];
}

@ObjectType('FinancialAssumptions')
export class FinancialAssumptionsType {
  @Field(() => String, { description: 'The month (YYYY-MM) from which they apply, until a later one.' }) period!: string;
  @Field(() => DecimalScalar, { description: 'Annual cost of funds on the gross portfolio.' }) costOfFundsRate!: string;
  @Field(() => DecimalScalar, { description: 'Operating cost per live loan and month.' }) operatingCostPerLoan!: string;
  @Field() updatedAt!: Date;
}

export const BreakdownDimensionEnum = enumOf(BREAKDOWN_DIMENSIONS);
registerEnumType(BreakdownDimensionEnum, { name: 'BreakdownDimension', description: 'A cut of the book: product, the product’s segment, the borrower’s region, the referring agent, the decision’s grade, the delinquency bucket, the borrower’s industry.' });

@ObjectType('PortfolioBreakdownRow')
export class PortfolioBreakdownRowType {
  @Field(() => String, { nullable: true, description: 'The product or agent id, the segment, region, grade or bucket (null: none recorded).' }) key!: string | null;
  @Field(() => String) label!: string;
  @Field(() => Int) loans!: number;
  @Field(() => DecimalScalar) gross!: string;
  @Field(() => DecimalScalar) par30!: string;
  @Field(() => DecimalScalar, { nullable: true }) par30Ratio!: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Of the whole gross portfolio.' }) share!: string | null;
}

@ObjectType('PortfolioBreakdown')
export class PortfolioBreakdownType {
  @Field(() => DateScalar) asOf!: string;
  @Field(() => DateScalar, { nullable: true }) snapshotDate!: string | null;
  @Field(() => String) currency!: string;
  @Field(() => BreakdownDimensionEnum) dimension!: string;
  @Field(() => [PortfolioBreakdownRowType]) rows!: PortfolioBreakdownRowType[];
}

export const VintageCohortEnum = enumOf(VINTAGE_COHORTS);
registerEnumType(VintageCohortEnum, { name: 'VintageCohort', description: 'Loans grouped by the month or quarter of disbursement.' });
export const VintageMetricEnum = enumOf(VINTAGE_METRICS);
registerEnumType(VintageMetricEnum, { name: 'VintageMetric', description: 'What counts as bad: ever 30 or 90 days past due, or written off.' });

@ObjectType('VintagePoint')
export class VintagePointType {
  @Field(() => Int, { description: 'Whole months since disbursement (0: the month of disbursement).' }) monthsOnBook!: number;
  @Field(() => Int, { description: 'Loans of the cohort bad by then (cumulative).' }) loans!: number;
  @Field(() => DecimalScalar, { description: 'Their principal at disbursement.' }) principal!: string;
  @Field(() => DecimalScalar, { nullable: true, description: 'principal / the cohort’s principal.' }) rate!: string | null;
}

@ObjectType('Vintage')
export class VintageType {
  @Field(() => String, { description: '2026-09, or 2026-Q3.' }) cohort!: string;
  @Field(() => Int) loans!: number;
  @Field(() => DecimalScalar) principal!: string;
  @Field(() => Int, { description: 'Months on book the cohort has reached.' }) age!: number;
  @Field(() => [VintagePointType]) points!: VintagePointType[];
}

export const CHART_KINDS = ['PORTFOLIO_TREND', 'PORTFOLIO_BREAKDOWN', 'CONCENTRATION', 'VINTAGES', 'ROLL_RATES'] as const;
export const ChartKindEnum = enumOf(CHART_KINDS);
registerEnumType(ChartKindEnum, { name: 'ChartKind', description: 'PORTFOLIO_TREND: lines of portfolioTrend’s metrics; PORTFOLIO_BREAKDOWN: bars of the gross portfolio by a dimension; CONCENTRATION: bars of each exposure’s share with its limit (args.concentration); VINTAGES: a curve per cohort (args.cohort, vintageMetric, maxMonthsOnBook); ROLL_RATES: a heat map of the balance rolled from bucket to bucket (args.from, to).' });

@InputType('ChartArgs')
export class ChartArgsInput {
  @Field(() => DateScalar, { nullable: true }) from?: string | null;
  @Field(() => DateScalar, { nullable: true }) to?: string | null;
  @Field(() => DateScalar, { nullable: true }) asOf?: string | null;
  @Field(() => TrendIntervalEnum, { nullable: true }) interval?: string | null;
  @Field(() => [PortfolioMetricEnum], { nullable: true }) metrics?: string[] | null;
  @Field(() => BreakdownDimensionEnum, { nullable: true }) dimension?: string | null;
  @Field(() => ConcentrationDimensionEnum, { nullable: true }) concentration?: string | null;
  @Field(() => VintageCohortEnum, { nullable: true }) cohort?: string | null;
  @Field(() => VintageMetricEnum, { nullable: true }) vintageMetric?: string | null;
  @Field(() => Int, { nullable: true }) maxMonthsOnBook?: number | null;
  @Field(() => PortfolioFilterInput, { nullable: true }) filter?: PortfolioFilterInput | null;
}

@ObjectType('Chart')
export class ChartType {
  @Field(() => ChartKindEnum) kind!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { description: 'The chart rendered on the server: a standalone SVG document.' }) svg!: string;
  @Field(() => GraphQLJSON, { description: 'The Vega-Lite spec it was rendered from, data included (render it in the browser with vega-embed).' }) vegaLiteSpec!: Record<string, unknown>;
}

export const ConcentrationDimensionEnum = enumOf(CONCENTRATION_DIMENSIONS);
registerEnumType(ConcentrationDimensionEnum, { name: 'ConcentrationDimension', description: 'What exposure is measured over, as the risk appetite’s limits name it.' });
export const LimitStatusEnum = { OK: 'OK', NEAR: 'NEAR', BREACHED: 'BREACHED' } as const;
registerEnumType(LimitStatusEnum, { name: 'LimitStatus', description: 'OK; NEAR: more than 90% of a limit; BREACHED: beyond it (reaching it exactly is allowed).' });

@ObjectType('ConcentrationLimitUse')
export class ConcentrationLimitUseType {
  @Field(() => String) limitId!: string;
  @Field(() => String, { description: 'AMOUNT or SHARE.' }) measure!: string;
  @Field(() => DecimalScalar) limit!: string;
  @Field(() => DecimalScalar, { description: 'The exposure (AMOUNT) or its share of the portfolio (SHARE).' }) value!: string;
  @Field(() => String, { description: 'value / limit, 6 places ("Infinity" for a zero limit).' }) usage!: string;
  @Field(() => LimitStatusEnum) status!: string;
}

@ObjectType('ConcentrationRow')
export class ConcentrationRowType {
  @Field(() => String, { description: 'The industry, region, product code or borrower id.' }) key!: string;
  @Field(() => String) label!: string;
  @Field(() => DecimalScalar) exposure!: string;
  @Field(() => DecimalScalar, { nullable: true }) share!: string | null;
  @Field(() => [ConcentrationLimitUseType]) limits!: ConcentrationLimitUseType[];
  @Field(() => LimitStatusEnum) status!: string;
}

@ObjectType('Concentration')
export class ConcentrationType {
  @Field(() => DateScalar) asOf!: string;
  @Field(() => DateScalar, { nullable: true }) snapshotDate!: string | null;
  @Field(() => String) currency!: string;
  @Field(() => ConcentrationDimensionEnum) dimension!: string;
  @Field(() => DecimalScalar, { description: 'The gross portfolio the shares are of.' }) portfolio!: string;
  @Field(() => [ConcentrationRowType]) rows!: ConcentrationRowType[];
}

export const ProfitabilityGroupEnum = enumOf(PROFITABILITY_GROUPS);
registerEnumType(ProfitabilityGroupEnum, { name: 'ProfitabilityGroup', description: 'Profitability by product, the product’s segment, or the decision’s grade.' });

@ObjectType('ProfitabilityRow')
export class ProfitabilityRowType {
  @Field(() => String, { nullable: true }) key!: string | null;
  @Field(() => String) label!: string;
  @Field(() => DecimalScalar) averageGross!: string;
  @Field(() => DecimalScalar) interestIncome!: string;
  @Field(() => DecimalScalar) feeIncome!: string;
  @Field(() => DecimalScalar) penaltyIncome!: string;
  @Field(() => DecimalScalar) income!: string;
  @Field(() => DecimalScalar, { nullable: true, description: 'Daily gross x the month’s cost of funds / 365 (null: no financial assumptions).' }) costOfFunds!: string | null;
  @Field(() => DecimalScalar, { description: 'Daily outstanding x the decision’s annual probability of default / 365 (loss given default 100%).' }) expectedLoss!: string;
  @Field(() => DecimalScalar, { description: 'Principal written off less recoveries.' }) actualLoss!: string;
  @Field(() => DecimalScalar, { nullable: true, description: 'Live loans x the month’s operating cost per loan, day by day.' }) operatingCost!: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Income less cost of funds, actual loss and operating cost.' }) margin!: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Margin over the average gross, annualised.' }) marginRate!: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Income over the average gross, annualised.' }) realisedYield!: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'The annual rate the loans were priced at, weighted by outstanding principal at the period’s end.' }) pricedRate!: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'The decisions’ probability of default, weighted the same way.' }) averagePd!: string | null;
}

@ObjectType('Profitability')
export class ProfitabilityType {
  @Field(() => DateScalar) from!: string;
  @Field(() => DateScalar) to!: string;
  @Field(() => String) currency!: string;
  @Field(() => ProfitabilityGroupEnum) groupBy!: string;
  @Field(() => [ProfitabilityRowType]) rows!: ProfitabilityRowType[];
}

export const FunnelGroupEnum = enumOf(FUNNEL_GROUPS);
registerEnumType(FunnelGroupEnum, { name: 'FunnelGroup', description: 'By product, channel (who submitted: STAFF, BORROWER, AGENT) or referring agent.' });
export const FunnelStageEnum = enumOf(FUNNEL_STAGES);
registerEnumType(FunnelStageEnum, { name: 'FunnelStage', description: 'Leads (referrals), then the application stages reached.' });

@ObjectType('FunnelStageFigure')
export class FunnelStageType {
  @Field(() => FunnelStageEnum) stage!: string;
  @Field(() => Int) count!: number;
  @Field(() => DecimalScalar, { nullable: true, description: 'count over the stage before.' }) conversion!: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Median hours from the stage before.' }) medianHours!: string | null;
}

@ObjectType('FunnelRow')
export class FunnelRowType {
  @Field(() => String, { nullable: true }) key!: string | null;
  @Field(() => String) label!: string;
  @Field(() => [FunnelStageType]) stages!: FunnelStageType[];
}

@ObjectType('OriginationFunnel')
export class OriginationFunnelType {
  @Field(() => DateScalar) from!: string;
  @Field(() => DateScalar) to!: string;
  @Field(() => FunnelGroupEnum) groupBy!: string;
  @Field(() => FunnelRowType) total!: FunnelRowType;
  @Field(() => [FunnelRowType]) rows!: FunnelRowType[];
}

@ObjectType('RollRateCell')
export class RollRateCellType {
  @Field(() => String) from!: string;
  @Field(() => String) to!: string;
  @Field(() => Int) count!: number;
  @Field(() => DecimalScalar, { description: 'Outstanding principal at the first month-end of the loans that made this move.' }) balance!: string;
  @Field(() => DecimalScalar, { nullable: true }) countRate!: string | null;
  @Field(() => DecimalScalar, { nullable: true }) balanceRate!: string | null;
}

@ObjectType('RollRates')
export class RollRatesType {
  @Field(() => DateScalar) from!: string;
  @Field(() => DateScalar) to!: string;
  @Field(() => DateScalar, { nullable: true, description: 'The month-end the from date was taken back to.' }) fromSnapshot!: string | null;
  @Field(() => DateScalar, { nullable: true }) toSnapshot!: string | null;
  @Field(() => String) currency!: string;
  @Field(() => [String]) buckets!: string[];
  @Field(() => [RollRateCellType]) cells!: RollRateCellType[];
}
