/**
 * Loan-maths benchmark: our schedule engine and APR solver against the npm packages `loanjs`
 * and `financial`, for speed and for exactness against a Decimal reference.
 *
 *   node -r @swc-node/register bench/loan-math.bench.ts [iterations]
 *
 * `runLoanMathBench` returns the figures for a bench runner; running the file prints them.
 */
import { pmt, ipmt, ppmt, irr } from 'financial';
import { annualPercentageRate, buildSchedule, buildScheduleMinor, MinorUnitSchedule, ScheduleInput } from '../src/core/loan-math';
import { referenceSchedule } from '../src/core/loan-math/reference-schedule';
import { scheduleApr } from '../src/core/loan-math/schedule-apr';
import { formatScaled } from '../src/core/money/scaled-integer';

// loanjs ships CommonJS without usable types for this import style.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Loan } = require('loanjs') as { Loan: (amount: number, n: number, ratePercent: number, type: string) => LoanJsResult };
interface LoanJsResult {
  installments: { capital: number; interest: number; remain: number }[];
}

/** One engine's figures. */
export interface EngineFigures {
  name: string;
  /** Schedules (or APR solves) per second, median of the rounds. */
  perSecond: number;
  /** Rows (of 360) whose interest, principal or balance differ from the exact reference. */
  rowsDiffering?: number;
  /** Largest |APR difference| against the peer over the APR sample (fraction). */
  maxAprDifference?: number;
}

/** Everything the benchmark measured. */
export interface LoanMathBenchResult {
  loan: string;
  schedules: EngineFigures[];
  /** ours (integer rows) / fastest peer */
  scheduleRatio: number;
  /** Schedules answered as the API answers them (decimal strings straight from minor units) / the integer engine (issue 19: >= 0.5). */
  answeredRatio: number;
  apr: EngineFigures[];
  /** ours (annualPercentageRate) / financial.irr */
  aprRatio: number;
}

const PRINCIPAL = 250000;
const RATE_PERCENT = 6.5;
const N = 360;

const INPUT: ScheduleInput = {
  principal: '250000.00',
  termCount: N,
  frequency: 'MONTHLY',
  annualInterestRate: '0.065',
  amortization: 'EQUAL_INSTALLMENT',
  dayCount: 'THIRTY_360',
  disbursementDate: '2024-01-15',
  rounding: { decimals: 2, mode: 'HALF_EVEN' },
};
const OPTS = { currencyDecimals: 2 };

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** The way a `financial` user builds a schedule: pmt for the instalment, ipmt/ppmt per row. */
function financialSchedule(principal: number, ratePercent: number, n: number): { principal: number[]; interest: number[]; balance: number[] } {
  const r = ratePercent / 1200;
  const out = { principal: new Array<number>(n), interest: new Array<number>(n), balance: new Array<number>(n) };
  const payment = round2(-pmt(r, n, principal));
  let balance = principal;
  for (let k = 1; k <= n; k++) {
    const interest = round2(-ipmt(r, k, n, principal));
    let capital = k === n ? balance : round2(-ppmt(r, k, n, principal));
    if (k !== n && Math.abs(capital + interest - payment) > 0.005) capital = round2(payment - interest);
    balance = round2(balance - capital);
    out.principal[k - 1] = capital;
    out.interest[k - 1] = interest;
    out.balance[k - 1] = balance;
  }
  return out;
}

function countDiffering(rows: { principal: ArrayLike<number>; interest: ArrayLike<number>; balance: ArrayLike<number> }, cents: boolean): number {
  const ref = referenceSchedule(INPUT);
  let differing = 0;
  for (let k = 0; k < N; k++) {
    const fmt = (x: number) => (cents ? formatScaled(x, 2) : x.toFixed(2));
    if (fmt(rows.principal[k]) !== ref[k].principal || fmt(rows.interest[k]) !== ref[k].interest || fmt(rows.balance[k]) !== ref[k].balance) differing++;
  }
  return differing;
}

/**
 * Median ops/second of each function over `rounds` rounds, the functions interleaved within
 * each round so that background load and GC hit every engine alike.
 */
function opsPerSecond(fns: { fn: () => unknown; iterations: number }[], rounds: number): number[] {
  for (const { fn, iterations } of fns) for (let i = 0; i < Math.max(50, iterations / 5); i++) fn();
  const rates: number[][] = fns.map(() => []);
  for (let r = 0; r < rounds; r++) {
    fns.forEach(({ fn, iterations }, j) => {
      const start = process.hrtime.bigint();
      for (let i = 0; i < iterations; i++) fn();
      rates[j].push(iterations / (Number(process.hrtime.bigint() - start) / 1e9));
    });
  }
  return rates.map((list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)]);
}

/** Runs the benchmark; `iterations` schedules per timing round (7 rounds, engines interleaved). */
export function runLoanMathBench({ iterations = 2000 }: { iterations?: number } = {}): LoanMathBenchResult {
  const rounds = 7;

  // Exactness, row by row against the Decimal(80) reference.
  const ours = buildScheduleMinor(INPUT, OPTS).rows;
  const loanjs = Loan(PRINCIPAL, N, RATE_PERCENT, 'annuity').installments;
  const loanjsRows = { principal: loanjs.map((r) => r.capital), interest: loanjs.map((r) => r.interest), balance: loanjs.map((r) => r.remain) };
  const fin = financialSchedule(PRINCIPAL, RATE_PERCENT, N);

  const [oursRate, loanjsRate, financialRate, decimalRate, stringsRate] = opsPerSecond(
    [
      { fn: () => buildScheduleMinor(INPUT, OPTS), iterations },
      { fn: () => Loan(PRINCIPAL, N, RATE_PERCENT, 'annuity'), iterations },
      { fn: () => financialSchedule(PRINCIPAL, RATE_PERCENT, N), iterations: Math.max(10, Math.floor(iterations / 10)) },
      { fn: () => buildSchedule(INPUT, OPTS).installments, iterations: Math.max(10, Math.floor(iterations / 50)) },
      { fn: () => (buildSchedule(INPUT, OPTS) as MinorUnitSchedule).installmentStrings(), iterations: Math.max(10, Math.floor(iterations / 5)) },
    ],
    rounds,
  );
  const schedules: EngineFigures[] = [
    { name: 'microlend (integer rows + dates)', perSecond: oursRate, rowsDiffering: countDiffering(ours, true) },
    { name: 'loanjs Loan(..., "annuity")', perSecond: loanjsRate, rowsDiffering: countDiffering(loanjsRows, false) },
    { name: 'financial pmt/ipmt/ppmt rows', perSecond: financialRate, rowsDiffering: countDiffering(fin, false) },
    { name: 'microlend + Decimal rows materialised', perSecond: decimalRate, rowsDiffering: countDiffering(ours, true) },
    { name: 'microlend + decimal strings (the API)', perSecond: stringsRate, rowsDiffering: countDiffering(ours, true) },
  ];
  const fastestPeer = Math.max(schedules[1].perSecond, schedules[2].perSecond);

  // APR: the same cash flows for everyone (our schedule's totals), plus a sample of loans for the
  // largest disagreement with financial.irr (monthly rate x 12).
  const aprInput = (s: ReturnType<typeof buildSchedule>) => ({
    advances: [{ date: INPUT.disbursementDate, amount: s.netDisbursement.toFixed(2) }],
    payments: s.installments.map((r) => ({ date: r.dueDate, amount: r.total.toFixed(2) })),
    convention: 'US_REG_Z_ACTUARIAL' as const,
    unitPeriod: 'MONTHLY' as const,
  });
  const main = buildSchedule(INPUT, OPTS);
  const mainApr = aprInput(main);
  const mainFlows = [-PRINCIPAL, ...main.installments.map((r) => r.total.toNumber())];
  let maxDiff = 0;
  for (const [rate, n] of [['0.01', 12], ['0.065', 360], ['0.1999', 48], ['0.35', 24], ['0.12', 120], ['0.0425', 180], ['0.89', 6], ['0.24', 36]] as const) {
    const s = buildSchedule({ ...INPUT, annualInterestRate: rate, termCount: n }, OPTS);
    const ourApr = annualPercentageRate(aprInput(s)).toNumber();
    const peer = irr([-PRINCIPAL, ...s.installments.map((r) => r.total.toNumber())], 0.01) * 12;
    maxDiff = Math.max(maxDiff, Math.abs(ourApr - peer));
  }
  const minor = buildScheduleMinor(INPUT, OPTS);
  const aprIterations = Math.max(10, Math.floor(iterations / 10));
  const [aprRate, scheduleAprRate, irrRate] = opsPerSecond(
    [
      { fn: () => annualPercentageRate(mainApr), iterations: aprIterations },
      { fn: () => scheduleApr(minor.terms, minor.rows), iterations: aprIterations },
      { fn: () => irr(mainFlows, 0.01), iterations: aprIterations },
    ],
    rounds,
  );
  const apr: EngineFigures[] = [
    { name: 'microlend annualPercentageRate (strings in)', perSecond: aprRate, maxAprDifference: maxDiff },
    { name: 'microlend scheduleApr (integer flows)', perSecond: scheduleAprRate },
    { name: 'financial.irr (guess 0.01)', perSecond: irrRate },
  ];

  return {
    loan: `${PRINCIPAL.toLocaleString('en-US')}.00 at ${RATE_PERCENT}%, ${N} monthly, THIRTY_360, HALF_EVEN 2dp, disbursed ${INPUT.disbursementDate}`,
    schedules,
    scheduleRatio: schedules[0].perSecond / fastestPeer,
    answeredRatio: stringsRate / oursRate,
    apr,
    aprRatio: apr[0].perSecond / apr[2].perSecond,
  };
}

export function printResult(r: LoanMathBenchResult): void {
  const pad = (s: string, n: number) => s.padEnd(n);
  const num = (x: number) => Math.round(x).toLocaleString('en-US').padStart(10);
  console.log(`\nLoan: ${r.loan}\n`);
  console.log(`${pad('schedule engine', 40)} ${'sched/s'.padStart(10)}   rows != exact (of ${N})`);
  for (const e of r.schedules) console.log(`${pad(e.name, 40)} ${num(e.perSecond)}   ${e.rowsDiffering}`);
  console.log(`ratio ours / fastest peer: ${r.scheduleRatio.toFixed(2)}`);
  console.log(`schedules answered as decimal strings / the integer engine: ${r.answeredRatio.toFixed(2)} (target >= 0.5)\n`);
  console.log(`${pad('APR solver', 40)} ${'solves/s'.padStart(10)}   max |APR diff| vs irr x 12`);
  for (const e of r.apr) console.log(`${pad(e.name, 40)} ${num(e.perSecond)}   ${e.maxAprDifference === undefined ? '' : e.maxAprDifference.toExponential(2)}`);
  console.log(`ratio ours / financial.irr: ${r.aprRatio.toFixed(2)}\n`);
}

if (require.main === module) {
  const iterations = Number(process.argv[2] ?? 2000);
  printResult(runLoanMathBench({ iterations }));
}
