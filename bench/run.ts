// First: graphql-js reads NODE_ENV when it is loaded.
import './support/production-env';
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { printResult as printLoanMath, runLoanMathBench } from './loan-math.bench';
import { printCobResult, runCobBench } from './cob.bench';
import { printCollectionsCobResult, runCollectionsCobBench } from './collections.bench';
import { printCommissionsCobResult, runCommissionsCobBench } from './commissions.bench';
import { printAnalyticsResult, runAnalyticsBench } from './analytics.bench';
import { printRepaymentReplayResult, printReplayResult, runRepaymentReplayBench, runReplayBench } from './replay.bench';
import { printOriginationResult, runOriginationBench } from './origination.bench';
import { printGraphQLReadResult, runGraphQLReadBench } from './graphql-read.bench';
import { printQueryCostResult, runQueryCostBench } from './query-cost.bench';
import { printConsoleResult, runConsoleBench } from './console.bench';

/**
 * `npm run bench`: every benchmark of the project, each printing its figures next to a baseline
 * measured in the same run. BENCH_ITERATIONS scales the loan-maths work (default 2000 schedules a round);
 * BENCH_DECISIONS, BENCH_COB_LOANS (default 1,000,000), BENCH_COB_LATE_LOANS (a past-due book, default 100,000)
 * and BENCH_REPAYMENTS the others; BENCH_READ_LOANS and BENCH_READ_REQUESTS the graphql-read bench;
 * BENCH_QUERY_COST_SECONDS (and BENCH_GRAPHQL_MAX_COST, to try another cost limit) the query-cost bench, BENCH_COLLECTIONS_LOANS
 * (default 1,000,000) the collections bench, BENCH_COMMISSIONS_LOANS (default 1,000,000) and BENCH_AGENTS (200) the commissions bench.
 * BENCH_ANALYTICS_LOANS (default 1,000,000) the analytics bench.
 * BENCH_CONSOLE_LOADS (default 10) the console bench (Debian's Chromium; skipped when it is not installed).
 * BENCH_ONLY=name[,name] runs only those (loan-math, origination, replay, cob, collections, commissions, analytics, graphql-read, query-cost, console).
 */
async function main(): Promise<void> {
  const iterations = Number(process.env.BENCH_ITERATIONS ?? 2000);
  const only = process.env.BENCH_ONLY?.split(',').map((n) => n.trim());
  const run = (name: string) => !only || only.includes(name);
  console.log(`microlend benchmarks (node ${process.version}, ${new Date().toISOString()})\n`);
  if (run('loan-math')) {
    console.log('== loan maths: 360-row schedules and APR solves');
    printLoanMath(runLoanMathBench({ iterations }));
  }
  if (run('origination')) {
    console.log('== origination: decisions through GraphQL with the sandbox providers');
    printOriginationResult(await runOriginationBench({ decisions: Number(process.env.BENCH_DECISIONS ?? 1000) }));
  }
  if (run('replay')) {
    console.log('== servicing: replaying a heavy loan');
    printReplayResult(runReplayBench());
    console.log('== servicing: one repayment on a loan with thousands of transactions, from disbursement and from a snapshot');
    printRepaymentReplayResult(await runRepaymentReplayBench({ transactions: Number(process.env.BENCH_REPLAY_TRANSACTIONS ?? 4000) }));
  }
  if (run('cob')) {
    console.log('== servicing: close of business over a large book, and repayments through GraphQL');
    printCobResult(await runCobBench({
      loans: Number(process.env.BENCH_COB_LOANS ?? 1_000_000), repayments: Number(process.env.BENCH_REPAYMENTS ?? 2000), lateLoans: Number(process.env.BENCH_COB_LATE_LOANS ?? 100_000),
    }));
  }
  if (run('collections')) {
    console.log('== collections: close of business over a large book with about 8% past due, without and with a collection policy');
    printCollectionsCobResult(await runCollectionsCobBench({ loans: Number(process.env.BENCH_COLLECTIONS_LOANS ?? 1_000_000) }));
  }
  if (run('commissions')) {
    console.log('== commissions: close of business over a large book referred by agents, without and with a commission plan');
    printCommissionsCobResult(await runCommissionsCobBench({ loans: Number(process.env.BENCH_COMMISSIONS_LOANS ?? 1_000_000), agents: Number(process.env.BENCH_AGENTS ?? 200) }));
  }
  if (run('analytics')) {
    console.log('== analytics: the snapshot step in close of business, and the portfolio queries over two years of daily snapshots');
    printAnalyticsResult(await runAnalyticsBench({ loans: Number(process.env.BENCH_ANALYTICS_LOANS ?? 1_000_000) }));
  }
  if (run('graphql-read')) {
    console.log('== graphql-read: a page of loans through the API next to a bare Apollo server');
    printGraphQLReadResult(await runGraphQLReadBench({ loans: Number(process.env.BENCH_READ_LOANS ?? 300), requests: Number(process.env.BENCH_READ_REQUESTS ?? 3000) }));
  }
  if (run('query-cost')) {
    console.log('== query cost: the most expensive admissible query from 4 clients, against 4 clients reading { viewer { roles } }');
    printQueryCostResult(await runQueryCostBench());
  }
  if (run('console')) {
    console.log('== console: a cold load to the sign-in form and signing in to the first page, in Chromium with the API local');
    if (existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) printConsoleResult(await runConsoleBench({ loads: Number(process.env.BENCH_CONSOLE_LOADS ?? 10) }));
    else console.log('  skipped: no Chromium (apt-get install chromium)');
  }
}

void main();
