import { buildScheduleMinor, buildSchedule, annualPercentageRate } from '../src/core/loan-math';
const { Loan } = require('loanjs');
const financial = require('financial');
const input: any = { principal: '250000.00', termCount: 360, frequency: 'MONTHLY', annualInterestRate: '0.065', amortization: 'EQUAL_INSTALLMENT', dayCount: 'THIRTY_360', disbursementDate: '2024-01-15', rounding: { decimals: 2, mode: 'HALF_EVEN' } };
function time(name: string, f: () => unknown, n: number) { for (let i = 0; i < n / 10; i++) f(); const t = process.hrtime.bigint(); for (let i = 0; i < n; i++) f(); const us = Number(process.hrtime.bigint() - t) / 1e3 / n; console.log(name, us.toFixed(2), 'us'); }
time('minor', () => buildScheduleMinor(input, { currencyDecimals: 2 }), 20000);
time('schedule lazy', () => buildSchedule(input, { currencyDecimals: 2 }), 20000);
time('schedule rows', () => buildSchedule(input, { currencyDecimals: 2 }).installments, 2000);
time('loanjs', () => Loan(250000, 360, 6.5, 'annuity'), 20000);
const s = buildSchedule(input, { currencyDecimals: 2 });
time('schedule apr', () => (s as any).aprUnder('US_REG_Z_ACTUARIAL'), 2000);
const pays = s.installments.map(r => ({ date: r.dueDate, amount: r.total.toFixed(2) }));
const aprIn: any = { advances: [{ date: '2024-01-15', amount: '250000.00' }], payments: pays, convention: 'US_REG_Z_ACTUARIAL', unitPeriod: 'MONTHLY' };
time('apr', () => annualPercentageRate(aprIn), 2000);
const cf = [-250000, ...pays.map(p => Number(p.amount))];
time('irr', () => financial.irr(cf, 0.01), 500);
console.log(annualPercentageRate(aprIn).toFixed(), financial.irr(cf, 0.01) * 12);
