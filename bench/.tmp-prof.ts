import { normaliseScheduleInput } from '../src/core/loan-math/terms';
import { computeRows } from '../src/core/loan-math/amortization/kernel';
import { dueDayNumbers } from '../src/core/loan-math/due-dates';
import { solveRate, pushFlow, FlowRun } from '../src/core/loan-math/apr/solver';
import { Dec } from '../src/core/money/decimal';
const input: any = { principal: '250000.00', termCount: 360, frequency: 'MONTHLY', annualInterestRate: '0.065', amortization: 'EQUAL_INSTALLMENT', dayCount: 'THIRTY_360', disbursementDate: '2024-01-15', rounding: { decimals: 2, mode: 'HALF_EVEN' } };
function time(name: string, f: () => unknown, n: number) { for (let i = 0; i < n / 10; i++) f(); const t = process.hrtime.bigint(); for (let i = 0; i < n; i++) f(); const us = Number(process.hrtime.bigint() - t) / 1e3 / n; console.log(name, us.toFixed(2), 'us'); }
time('normalise', () => normaliseScheduleInput(input, 2), 20000);
const t = normaliseScheduleInput(input, 2);
time('rows', () => computeRows(t), 20000);
time('dues', () => dueDayNumbers(19737, undefined, 'MONTHLY', 360), 20000);
const runs: FlowRun[] = []; pushFlow(runs, -25000000, 0, 0, 1); for (let k = 1; k <= 359; k++) pushFlow(runs, 158017, k, 0, 30); pushFlow(runs, 157950, 360, 0, 30);
time('solve', () => solveRate(runs, 'SIMPLE', 1e-10 / 12), 2000);
const v = new Dec('0.99461');
time('dec pow 359', () => v.pow(359), 2000);
time('dec div', () => v.div('1.0054'), 20000);
