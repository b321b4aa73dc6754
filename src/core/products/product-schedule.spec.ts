import { Dec } from '../money';
import { LoanMathInputError, buildSchedule } from '../loan-math';
import { priceFor, scheduleFees } from '../pricing/risk-pricing';
import type { ProductTerms } from './product-terms';
import { productScheduleInput, scheduleAprUnder, worstCaseApr } from './product-schedule';

const terms: ProductTerms = {
  name: 'Trader loan', segment: 'SOLE_PROPRIETOR', currency: 'KES', amountMin: '5000', amountMax: '150000', termMin: 12, termMax: 26,
  frequencies: ['WEEKLY', 'BIWEEKLY'], amortization: 'FLAT', dayCount: 'ACTUAL_365', graceOnPrincipalPeriods: 0, graceOnInterestPeriods: 0,
  rounding: { decimals: 0, mode: 'HALF_UP' },
  fees: [
    { kind: 'UPFRONT', name: 'Processing', chargeType: 'PERCENT', rate: '0.01', treatment: 'DEDUCTED' },
    { kind: 'UPFRONT', name: 'Card', chargeType: 'FLAT', amount: '200', treatment: 'DEDUCTED' },
    { kind: 'LATE', name: 'Late', chargeType: 'FLAT', amount: '100', graceDays: 2 },
  ],
  penaltyAnnualRate: '0', allocationOrder: ['FEES', 'PENALTY', 'INTEREST', 'PRINCIPAL'], collateral: [{ kind: 'GUARANTOR' }],
  rateBands: [{ grade: 'A', annualRate: '0.14', feeDiscount: '0.5' }, { grade: 'B', annualRate: '0.18', feeDiscount: '0' }],
  segmentOverrides: [{ segment: 'AGRICULTURE', annualRate: '0.12' }, { segment: 'AGRICULTURE', grade: 'B', annualRate: '0.16' }],
};

describe('pricing a product', () => {
  it('prefers the override naming the grade, then the segment-wide one, then the band', () => {
    expect(priceFor(terms, 'B', 'AGRICULTURE')).toMatchObject({ annualRate: '0.16', segmentOverride: 'AGRICULTURE' });
    expect(priceFor(terms, 'A', 'AGRICULTURE')).toMatchObject({ annualRate: '0.12', feeDiscount: '0.5' });
    expect(priceFor(terms, 'A', 'CONSUMER')).toMatchObject({ annualRate: '0.14', segmentOverride: null });
  });

  it('discounts fees charged at disbursement and with instalments, not late fees', () => {
    const fees = scheduleFees(terms.fees, '0.5');
    expect(fees[0]).toMatchObject({ charge: { type: 'PERCENT', rate: '0.005' } });
    expect(fees[1]).toMatchObject({ charge: { type: 'FLAT', amount: '100' } });
    expect(fees[2]).toMatchObject({ kind: 'LATE', charge: { type: 'FLAT', amount: '100' } });
  });

  it.each([
    [{ principal: '4999' }, 'principal'],
    [{ termCount: 27 }, 'termCount'],
    [{ frequency: 'MONTHLY' as const }, 'frequency'],
    [{ frequency: null }, 'frequency'],
    [{ grade: 'C' }, 'riskGrade'],
  ])('refuses %p naming %s', (change, field) => {
    const req = { principal: '10000', termCount: 12, frequency: 'WEEKLY' as const, grade: 'A', disbursementDate: '2026-01-05', ...change };
    expect(() => productScheduleInput(terms, req)).toThrow(expect.objectContaining({ field }));
    expect(() => productScheduleInput(terms, req)).toThrow(LoanMathInputError);
  });

  it('finds the worst case at the small, short, dear corner: fees weigh most there', () => {
    const worst = worstCaseApr(terms, '2026-01-05', 'US_REG_Z_ACTUARIAL');
    expect(worst).toMatchObject({ grade: 'B', principal: '5000', termCount: 12, segment: null });
    // No other corner or grade prices above it.
    for (const grade of ['A', 'B']) {
      for (const principal of ['5000', '150000']) {
        for (const termCount of [12, 26]) {
          for (const frequency of ['WEEKLY', 'BIWEEKLY'] as const) {
            const { input } = productScheduleInput(terms, { principal, termCount, frequency, grade, disbursementDate: '2026-01-05' });
            expect(new Dec(scheduleAprUnder(buildSchedule(input, { currencyDecimals: 2 }), 'US_REG_Z_ACTUARIAL')).lte(worst.apr)).toBe(true);
          }
        }
      }
    }
  });
});
