import { allow } from 'graphql-shield';
import { hasRole } from '../../platform/graphql/shield-rules';

export const analyticsPermissions = {
  Query: {
    portfolioSummary: hasRole('LENDER_ADMIN', 'ANALYST', 'AGENT'),
    portfolioTrend: hasRole('LENDER_ADMIN', 'ANALYST', 'AGENT'),
    portfolioBreakdown: hasRole('LENDER_ADMIN', 'ANALYST', 'AGENT'),
    chart: hasRole('LENDER_ADMIN', 'ANALYST', 'AGENT'),
    vintages: hasRole('LENDER_ADMIN', 'ANALYST'),
    profitability: hasRole('LENDER_ADMIN', 'ANALYST'),
    originationFunnel: hasRole('LENDER_ADMIN', 'ANALYST', 'UNDERWRITER', 'AGENT'),
    concentration: hasRole('LENDER_ADMIN', 'ANALYST', 'UNDERWRITER'),
    financialAssumptions: hasRole('LENDER_ADMIN', 'ANALYST'),
  },
  Mutation: {
    setFinancialAssumptions: hasRole('LENDER_ADMIN'),
  },
  PortfolioSummary: allow,
  PortfolioTrend: allow,
  PortfolioTrendPoint: allow,
  PortfolioMetricValue: allow,
  FinancialAssumptions: allow,
  PortfolioBreakdown: allow,
  PortfolioBreakdownRow: allow,
  Chart: allow,
  Concentration: allow,
  Vintage: allow,
  Profitability: allow,
  OriginationFunnel: allow,
  FunnelRow: allow,
  FunnelStageFigure: allow,
  ProfitabilityRow: allow,
  VintagePoint: allow,
  ConcentrationRow: allow,
  ConcentrationLimitUse: allow,
};
