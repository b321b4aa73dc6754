import { buildScheduleMinor } from '../src/core/loan-math';
const input: any = { principal: '250000.00', termCount: 360, frequency: 'MONTHLY', annualInterestRate: '0.065', amortization: 'EQUAL_INSTALLMENT', dayCount: 'THIRTY_360', disbursementDate: '2024-01-15', rounding: { decimals: 2, mode: 'HALF_EVEN' } };
for (let j = 0; j < 5; j++) { const t = process.hrtime.bigint(); for (let i = 0; i < 50000; i++) buildScheduleMinor(input, { currencyDecimals: 2 }); console.log(Number(process.hrtime.bigint() - t) / 1e3 / 50000); }
