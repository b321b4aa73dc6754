import { printResult as printLoanMath, runLoanMathBench } from './loan-math.bench';
import { printCobResult, runCobBench } from './cob.bench';
import { printRepaymentReplayResult, printReplayResult, runRepaymentReplayBench, runReplayBench } from './replay.bench';
import { printOriginationResult, runOriginationBench } from './origination.bench';
import { printGraphQLReadResult, runGraphQLReadBench } from './graphql-read.bench';

/**
 * `npm run bench`: every benchmark of the project, each printing its figures next to a baseline
 * measured in the same run. BENCH_ITERATIONS scales the loan-maths work (default 2000 schedules a round);
 * BENCH_DECISIONS, BENCH_COB_LOANS (default 1,000,000), BENCH_COB_LATE_LOANS (a past-due book, default 100,000)
 * and BENCH_REPAYMENTS the others; BENCH_READ_LOANS and BENCH_READ_REQUESTS the graphql-read bench.
 */
async function main(): Promise<void> {
  const iterations = Number(process.env.BENCH_ITERATIONS ?? 2000);
  console.log(`microlend benchmarks (node ${process.version}, ${new Date().toISOString()})\n`);
  console.log('== loan maths: 360-row schedules and APR solves');
  printLoanMath(runLoanMathBench({ iterations }));
  console.log('== origination: decisions through GraphQL with the sandbox providers');
  printOriginationResult(await runOriginationBench({ decisions: Number(process.env.BENCH_DECISIONS ?? 300) }));
  console.log('== servicing: replaying a heavy loan');
  printReplayResult(runReplayBench());
  console.log('== servicing: one repayment on a loan with thousands of transactions, from disbursement and from a snapshot');
  printRepaymentReplayResult(await runRepaymentReplayBench({ transactions: Number(process.env.BENCH_REPLAY_TRANSACTIONS ?? 4000) }));
  console.log('== servicing: close of business over a large book, and repayments through GraphQL');
  printCobResult(await runCobBench({
    loans: Number(process.env.BENCH_COB_LOANS ?? 1_000_000), repayments: Number(process.env.BENCH_REPAYMENTS ?? 2000), lateLoans: Number(process.env.BENCH_COB_LATE_LOANS ?? 100_000),
  }));
  console.log('== graphql-read: a page of loans through the API next to a bare Apollo server');
  printGraphQLReadResult(await runGraphQLReadBench({ loans: Number(process.env.BENCH_READ_LOANS ?? 300), requests: Number(process.env.BENCH_READ_REQUESTS ?? 3000) }));
}

void main();
