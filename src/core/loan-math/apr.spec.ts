import { Dec } from '../money/decimal';
import { annualPercentageRate, AprInput, generateDueDates, LoanMathInputError } from './index';

const { irr } = require('financial') as { irr: (values: number[], guess?: number) => number };

function level(advanceDate: string, advance: string, firstPayment: string, frequency: 'MONTHLY' | 'SEMI_MONTHLY' | 'QUARTERLY' | 'WEEKLY', count: number, amount: string): AprInput {
  return {
    advances: [{ date: advanceDate, amount: advance }],
    payments: generateDueDates({ disbursementDate: advanceDate, firstDueDate: firstPayment, frequency, count }).map((date) => ({ date, amount })),
  };
}

/*
 * Regulation Z, Appendix J (c) examples. The published APRs are to two decimals of a percent;
 * the exact values beside them come from a 50-digit Python bisection on the Appendix J
 * general equation, written separately (see __golden__/golden_schedules.py for the style).
 */
describe('annualPercentageRate: US_REG_Z_ACTUARIAL, Appendix J examples', () => {
  it.each([
    ['monthly, regular first period: 5000, 24 x 230', level('1978-01-10', '5000.00', '1978-02-10', 'MONTHLY', 24, '230.00'), 'MONTHLY', '9.69', '0.0968570806228076748909977531'],
    ['semimonthly, short first period (6 days): 5000, 24 x 219.17', level('1978-02-23', '5000.00', '1978-03-01', 'SEMI_MONTHLY', 24, '219.17'), 'SEMI_MONTHLY', '10.34', '0.1033790291112709313682732378'],
    ['quarterly, long first period: 10000, 40 x 385', level('1978-05-23', '10000.00', '1978-10-01', 'QUARTERLY', 40, '385.00'), 'QUARTERLY', '8.97', '0.0897076964780096779877816393'],
    ['weekly, long first period (4 weeks 4 days): 500, 30 x 17.60', level('1978-03-20', '500.00', '1978-04-21', 'WEEKLY', 30, '17.60'), 'WEEKLY', '14.96', '0.1496222269284611899693189169'],
    ['single advance, single payment in 255 days: 1000 -> 1080', { advances: [{ date: '1978-01-03', amount: '1000' }], payments: [{ date: '1978-09-15', amount: '1080' }] }, 'YEARLY', '11.45', '0.1145098039215686274509803921'],
  ] as const)('%s', (_name, input, unitPeriod, published, exact) => {
    const apr = annualPercentageRate({ ...(input as AprInput), convention: 'US_REG_Z_ACTUARIAL', unitPeriod });
    expect(apr.mul(100).toDecimalPlaces(2).toFixed(2)).toBe(published);
    expect(apr.minus(exact).abs().lte('1e-10')).toBe(true);
  });

  it('gives 0.0969 to 4 decimals for the 5000 / 24 x 230 case', () => {
    const apr = annualPercentageRate({ ...level('1978-01-10', '5000.00', '1978-02-10', 'MONTHLY', 24, '230.00'), convention: 'US_REG_Z_ACTUARIAL', unitPeriod: 'MONTHLY' });
    expect(apr.toDecimalPlaces(4).toFixed(4)).toBe('0.0969');
  });

  it('agrees with financial.irr on evenly spaced flows (x 12) within 1e-6', () => {
    const input = level('2024-01-15', '250000.00', '2024-02-15', 'MONTHLY', 360, '1580.17');
    const apr = annualPercentageRate({ ...input, convention: 'US_REG_Z_ACTUARIAL', unitPeriod: 'MONTHLY' });
    const peer = irr([-250000, ...Array(360).fill(1580.17)], 0.01) * 12;
    expect(Math.abs(apr.toNumber() - peer)).toBeLessThan(1e-6);
  });

  it('handles several advances and a zero rate', () => {
    const flat = annualPercentageRate({
      advances: [{ date: '2024-01-01', amount: '100' }],
      payments: [{ date: '2024-02-01', amount: '50' }, { date: '2024-03-01', amount: '50' }],
    });
    expect(flat.abs().lte('1e-10')).toBe(true);
    const two = annualPercentageRate({
      advances: [{ date: '2024-01-01', amount: '100' }, { date: '2024-02-01', amount: '100' }],
      payments: [{ date: '2024-03-01', amount: '101' }, { date: '2024-04-01', amount: '101' }],
    });
    expect(two.toNumber()).toBeGreaterThan(0.05);
    expect(two.toNumber()).toBeLessThan(0.07);
  });

  it('is negative when less comes back than went out', () => {
    const apr = annualPercentageRate({ advances: [{ date: '2024-01-01', amount: '100' }], payments: [{ date: '2025-01-01', amount: '90' }], unitPeriod: 'YEARLY' });
    expect(apr.toDecimalPlaces(10).toFixed()).toBe('-0.1');
  });
});

describe('annualPercentageRate: other conventions', () => {
  it('EFFECTIVE_ANNUAL: 1000 -> 1100 a year later is 10%, leap year or not', () => {
    for (const [from, to] of [['2023-03-01', '2024-03-01'], ['2024-01-01', '2025-01-01']]) {
      const apr = annualPercentageRate({ advances: [{ date: from, amount: '1000' }], payments: [{ date: to, amount: '1100' }], convention: 'EFFECTIVE_ANNUAL' });
      expect(apr.minus('0.1').abs().lte('1e-10')).toBe(true);
    }
  });

  it('EFFECTIVE_ANNUAL compounds the monthly rate: 5000 / 24 x 230 is (1 + i)^12 - 1', () => {
    const input = level('1978-01-10', '5000.00', '1978-02-10', 'MONTHLY', 24, '230.00');
    const eff = annualPercentageRate({ ...input, convention: 'EFFECTIVE_ANNUAL' });
    const i = new Dec('0.0968570806228076748909977531').div(12);
    expect(eff.minus(i.plus(1).pow(12).minus(1)).abs().lte('1e-9')).toBe(true);
  });

  it('EFFECTIVE_ANNUAL counts remaining days over the year length (365 or 366)', () => {
    // 6 months back from 2024-07-31 reaches 2024-01-31: 30 remaining days over 365 (2023-01-31..2024-01-31)
    const apr = annualPercentageRate({ advances: [{ date: '2024-01-01', amount: '1000' }], payments: [{ date: '2024-07-31', amount: '1050' }], convention: 'EFFECTIVE_ANNUAL' });
    const t = new Dec(6).div(12).plus(new Dec(30).div(365));
    expect(apr.minus(new Dec('1.05').pow(new Dec(1).div(t)).minus(1)).abs().lte('1e-10')).toBe(true);
  });

  it('NOMINAL_IRR uses exact days: one 365-day year at 10% is 10%', () => {
    const apr = annualPercentageRate({ advances: [{ date: '2023-01-01', amount: '1000' }], payments: [{ date: '2024-01-01', amount: '1100' }], convention: 'NOMINAL_IRR', unitPeriod: 'YEARLY' });
    expect(apr.minus('0.1').abs().lte('1e-10')).toBe(true);
    const monthly = annualPercentageRate({ ...level('1978-01-10', '5000.00', '1978-02-10', 'MONTHLY', 24, '230.00'), convention: 'NOMINAL_IRR', unitPeriod: 'MONTHLY' });
    expect(Math.abs(monthly.toNumber() - 0.0969)).toBeLessThan(0.001);
  });
});

describe('annualPercentageRate refusals', () => {
  const ok = level('2024-01-01', '100', '2024-02-01', 'MONTHLY', 2, '51');
  it.each([
    ['no advances', { ...ok, advances: [] }, 'advances'],
    ['no payments', { ...ok, payments: [] }, 'payments'],
    ['a zero payment', { ...ok, payments: [{ date: '2024-02-01', amount: '0' }] }, 'payments'],
    ['a negative advance', { ...ok, advances: [{ date: '2024-01-01', amount: '-100' }] }, 'advances'],
    ['a bad date', { ...ok, payments: [{ date: '2024-02-30', amount: '51' }] }, 'payments[0].date'],
    ['a payment before the advance', { ...ok, payments: [{ date: '2023-12-01', amount: '51' }] }, 'payments[0].date'],
    ['an unknown convention', { ...ok, convention: 'APRC' as never }, 'convention'],
    ['an unknown unit period', { ...ok, unitPeriod: 'HOURLY' as never }, 'unitPeriod'],
  ] as const)('%s', (_name, input, field) => {
    try {
      annualPercentageRate(input as AprInput);
      throw new Error('expected a refusal');
    } catch (e) {
      expect(e).toBeInstanceOf(LoanMathInputError);
      expect((e as LoanMathInputError).field).toBe(field);
    }
  });
});
