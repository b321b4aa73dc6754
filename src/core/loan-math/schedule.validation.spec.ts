import { Dec } from '../money/decimal';
import { buildSchedule, LoanMathInputError, ScheduleInput } from './index';

const VALID: ScheduleInput = {
  principal: '1000.00',
  termCount: 12,
  frequency: 'MONTHLY',
  annualInterestRate: '0.12',
  amortization: 'EQUAL_INSTALLMENT',
  dayCount: 'THIRTY_360',
  disbursementDate: '2024-01-15',
  rounding: { decimals: 2, mode: 'HALF_EVEN' },
};

function refusal(input: ScheduleInput, currencyDecimals = 2): LoanMathInputError {
  try {
    buildSchedule(input, { currencyDecimals });
  } catch (e) {
    if (e instanceof LoanMathInputError) return e;
    throw e;
  }
  throw new Error('expected a LoanMathInputError');
}

describe('buildSchedule validation', () => {
  it('accepts the valid baseline', () => {
    expect(buildSchedule(VALID, { currencyDecimals: 2 }).installments).toHaveLength(12);
  });

  it.each<[string, Partial<ScheduleInput> | ((i: ScheduleInput) => ScheduleInput), string, number?]>([
    ['zero principal', { principal: '0' }, 'principal'],
    ['negative principal', { principal: '-5.00' }, 'principal'],
    ['non-numeric principal', { principal: 'ten' }, 'principal'],
    ['principal with more decimals than the rounding', { principal: '1000.005' }, 'principal'],
    ['principal too large', { principal: '100000000000000' }, 'principal'],
    ['termCount 0', { termCount: 0 }, 'termCount'],
    ['fractional termCount', { termCount: 2.5 }, 'termCount'],
    ['rounding decimals above the currency', { rounding: { decimals: 3, mode: 'HALF_EVEN' } }, 'rounding.decimals'],
    ['JPY with 2 decimals', { principal: '1000' }, 'rounding.decimals', 0],
    ['unknown rounding mode', { rounding: { decimals: 2, mode: 'BANKERS' as never } }, 'rounding.mode'],
    ['bad installmentMultipleOf', { rounding: { decimals: 2, mode: 'HALF_UP', installmentMultipleOf: '0.001' } }, 'rounding.installmentMultipleOf'],
    ['zero installmentMultipleOf', { rounding: { decimals: 2, mode: 'HALF_UP', installmentMultipleOf: '0' } }, 'rounding.installmentMultipleOf'],
    ['first due date equal to disbursement', { firstDueDate: '2024-01-15' }, 'firstDueDate'],
    ['first due date before disbursement', { firstDueDate: '2024-01-01' }, 'firstDueDate'],
    ['bad disbursement date', { disbursementDate: '15/01/2024' }, 'disbursementDate'],
    ['negative rate', { annualInterestRate: '-0.01' }, 'annualInterestRate'],
    ['rate above 10', { annualInterestRate: '10.01' }, 'annualInterestRate'],
    ['rate with too many decimals', { annualInterestRate: '0.1234567891' }, 'annualInterestRate'],
    ['principal grace = termCount', { graceOnPrincipalPeriods: 12 }, 'graceOnPrincipalPeriods'],
    ['interest grace > termCount', { graceOnInterestPeriods: 13 }, 'graceOnInterestPeriods'],
    ['negative grace', { graceOnInterestPeriods: -1 }, 'graceOnInterestPeriods'],
    ['unknown frequency', { frequency: 'YEARLY' as never }, 'frequency'],
    ['unknown amortization', { amortization: 'BALLOON' as never }, 'amortization'],
    ['unknown day count', { dayCount: 'ACT_ACT' as never }, 'dayCount'],
    ['unknown fee kind', { fees: [{ kind: 'ANNUAL' } as never] }, 'fees[0].kind'],
    ['unknown fee treatment', { fees: [{ kind: 'UPFRONT', treatment: 'WAIVED' as never, charge: { type: 'FLAT', amount: '1' } }] }, 'fees[0].treatment'],
    ['percent fee above 100%', { fees: [{ kind: 'UPFRONT', treatment: 'DEDUCTED', charge: { type: 'PERCENT', rate: '1.5' } }] }, 'fees[0].charge.rate'],
    ['negative per-instalment fee', { fees: [{ kind: 'PER_INSTALLMENT', amount: '-1' }] }, 'fees[0].amount'],
    ['deducted fees eating the whole advance', { fees: [{ kind: 'UPFRONT', treatment: 'DEDUCTED', charge: { type: 'FLAT', amount: '1000' } }] }, 'fees'],
    ['bad late fee', { fees: [{ kind: 'LATE', charge: { type: 'FLAT', amount: 'x' } }] }, 'fees[1].charge.amount'],
  ])('refuses %s', (_name, change, field, currencyDecimals = 2) => {
    let input: ScheduleInput = typeof change === 'function' ? change(VALID) : { ...VALID, ...change };
    if (field === 'fees[1].charge.amount') input = { ...VALID, fees: [{ kind: 'PER_INSTALLMENT', amount: '1' }, ...(input.fees ?? [])] };
    const e = refusal(input, currencyDecimals);
    expect(e.field).toBe(field);
    expect(e.code).toBe('LOAN_MATH_INVALID_INPUT');
    expect(e.message).toContain(field);
  });

  it('accepts Decimal instances at the boundary, trailing zeros included', () => {
    const s = buildSchedule({ ...VALID, principal: new Dec('1000.0000'), annualInterestRate: new Dec('0.120') }, { currencyDecimals: 2 });
    expect(s.installments[0].total.toFixed(2)).toBe(buildSchedule(VALID, { currencyDecimals: 2 }).installments[0].total.toFixed(2));
  });

  it('accepts representable late and prepayment fees without changing the schedule', () => {
    const plain = buildSchedule(VALID, { currencyDecimals: 2 });
    const withFees = buildSchedule(
      {
        ...VALID,
        fees: [
          { kind: 'LATE', charge: { type: 'PERCENT', rate: '0.05' }, graceDays: 3 },
          { kind: 'PREPAYMENT', charge: { type: 'FLAT', amount: '25.00' } },
        ],
      },
      { currencyDecimals: 2 },
    );
    expect(withFees.installments.map((r) => r.total.toFixed(2))).toEqual(plain.installments.map((r) => r.total.toFixed(2)));
  });
});
