import { Dec } from '../money';

/** What a set of snapshots adds up to: stocks at the as-of date, flows and averages over the period. */
export interface PortfolioTotals {
  /** Live loans at the as-of date (ACTIVE, disbursed by then), their borrowers, and those who had a loan before. */
  loans: number;
  borrowers: number;
  repeatBorrowers: number;
  /** Outstanding principal of the live loans; its part in arrears; at risk: of loans at least 1, 30, 90 days past due; NPL: more than 90. */
  gross: string;
  overduePrincipal: string;
  par1: string;
  par30: string;
  par90: string;
  npl: string;
  /** Flows over the period, both ends included. */
  disbursedCount: number;
  disbursedAmount: string;
  writtenOffCount: number;
  writtenOff: string;
  recoveries: string;
  interestIncome: string;
  penaltyIncome: string;
  feeIncome: string;
  /** Days in the period, and the mean of the daily gross portfolio over the days with a snapshot. */
  days: number;
  averageGross: string;
  /** Cost of funds on the daily gross, and operating cost per live loan and month, over the period (null: no assumptions for some month). */
  financialExpense: string | null;
  operatingExpense: string | null;
}

export interface PortfolioIndicators {
  par1Ratio: string | null;
  par30Ratio: string | null;
  par90Ratio: string | null;
  nplRatio: string | null;
  /** Principal written off over the average gross portfolio (for the period, not annualised). */
  writeOffRatio: string | null;
  /** Interest, penalties and fees earned over the average gross portfolio, annualised (x 365 / days). */
  portfolioYield: string | null;
  /** Outstanding principal per live loan. */
  averageLoanSize: string | null;
  /** Principal per loan disbursed in the period. */
  averageDisbursement: string | null;
  repeatBorrowerShare: string | null;
  operatingIncome: string;
  /** Principal written off less recoveries: the loss expense (no provisioning matrix is kept). */
  lossExpense: string;
  /** Operating income over financial expense + loss expense + operating expense. */
  operationalSelfSufficiency: string | null;
}

/** Ratios to 6 places, money to the currency's places, both half-even; a ratio over nothing is null. */
export function portfolioIndicators(t: PortfolioTotals, moneyDecimals: number): PortfolioIndicators {
  const ratio = (num: Dec | string | number, den: Dec | string | number) => (new Dec(den).gt(0) ? new Dec(num).div(den).toFixed(6) : null);
  const money = (v: Dec | string | number) => new Dec(v).toFixed(moneyDecimals);
  const income = new Dec(t.interestIncome).plus(t.penaltyIncome).plus(t.feeIncome);
  const loss = new Dec(t.writtenOff).minus(t.recoveries);
  const costs = t.financialExpense === null || t.operatingExpense === null ? null : new Dec(t.financialExpense).plus(loss).plus(t.operatingExpense);
  return {
    par1Ratio: ratio(t.par1, t.gross),
    par30Ratio: ratio(t.par30, t.gross),
    par90Ratio: ratio(t.par90, t.gross),
    nplRatio: ratio(t.npl, t.gross),
    writeOffRatio: ratio(t.writtenOff, t.averageGross),
    portfolioYield: t.days > 0 ? ratio(income.times(365).div(t.days), t.averageGross) : null,
    averageLoanSize: t.loans > 0 ? money(new Dec(t.gross).div(t.loans)) : null,
    averageDisbursement: t.disbursedCount > 0 ? money(new Dec(t.disbursedAmount).div(t.disbursedCount)) : null,
    repeatBorrowerShare: ratio(t.repeatBorrowers, t.borrowers),
    operatingIncome: money(income),
    lossExpense: money(loss),
    operationalSelfSufficiency: costs === null ? null : ratio(income, costs),
  };
}
