import { type PortfolioTotals, portfolioIndicators } from './portfolio-indicators';

const totals = (over: Partial<PortfolioTotals> = {}): PortfolioTotals => ({
  loans: 10, borrowers: 8, repeatBorrowers: 2, gross: '100000', overduePrincipal: '5000', par1: '40000', par30: '30000', par90: '10000', npl: '5000',
  disbursedCount: 4, disbursedAmount: '50000', writtenOffCount: 1, writtenOff: '2000', recoveries: '500',
  interestIncome: '2500', penaltyIncome: '100', feeIncome: '400', days: 30, averageGross: '90000', financialExpense: '900', operatingExpense: '1000', ...over,
});

describe('portfolio indicators', () => {
  it('follows the written definitions', () => {
    expect(portfolioIndicators(totals(), 2)).toEqual({
      par1Ratio: '0.400000', par30Ratio: '0.300000', par90Ratio: '0.100000', nplRatio: '0.050000',
      // 2,000 / 90,000
      writeOffRatio: '0.022222',
      // 3,000 / 90,000 x 365 / 30 = 0.405555…
      portfolioYield: '0.405556',
      averageLoanSize: '10000.00', averageDisbursement: '12500.00', repeatBorrowerShare: '0.250000',
      operatingIncome: '3000.00', lossExpense: '1500.00',
      // 3,000 / (900 + 1,500 + 1,000)
      operationalSelfSufficiency: '0.882353',
    });
  });

  it('gives no ratio over nothing, and no self-sufficiency without the lender’s assumptions', () => {
    const empty = portfolioIndicators(totals({ loans: 0, borrowers: 0, gross: '0', averageGross: '0', disbursedCount: 0, financialExpense: null }), 0);
    expect(empty).toMatchObject({ par30Ratio: null, writeOffRatio: null, portfolioYield: null, averageLoanSize: null, averageDisbursement: null, repeatBorrowerShare: null, operationalSelfSufficiency: null });
  });
});
