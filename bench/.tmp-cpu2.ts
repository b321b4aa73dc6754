import { buildSchedule, annualPercentageRate } from '../src/core/loan-math';
const input: any = { principal: '250000.00', termCount: 360, frequency: 'MONTHLY', annualInterestRate: '0.065', amortization: 'EQUAL_INSTALLMENT', dayCount: 'THIRTY_360', disbursementDate: '2024-01-15', rounding: { decimals: 2, mode: 'HALF_EVEN' } };
const s = buildSchedule(input, { currencyDecimals: 2 });
const pays = s.installments.map(r => ({ date: r.dueDate, amount: r.total.toFixed(2) }));
const aprIn: any = { advances: [{ date: '2024-01-15', amount: '250000.00' }], payments: pays, convention: 'US_REG_Z_ACTUARIAL', unitPeriod: 'MONTHLY' };
for (let j = 0; j < 3; j++) { const t = process.hrtime.bigint(); for (let i = 0; i < 5000; i++) annualPercentageRate(aprIn); console.log(Number(process.hrtime.bigint() - t) / 1e3 / 5000); }
