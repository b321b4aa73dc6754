import { printResult as printLoanMath, runLoanMathBench } from './loan-math.bench';
import { printOriginationResult, runOriginationBench } from './origination.bench';

/**
 * `npm run bench`: every benchmark of the project, each printing its figures next to a baseline
 * measured in the same run. BENCH_ITERATIONS scales the work (default 2000 schedules a round).
 */
async function main(): Promise<void> {
  const iterations = Number(process.env.BENCH_ITERATIONS ?? 2000);
  console.log(`microlend benchmarks (node ${process.version}, ${new Date().toISOString()})\n`);
  console.log('== loan maths: 360-row schedules and APR solves');
  printLoanMath(runLoanMathBench({ iterations }));
  console.log('== origination: decisions through GraphQL with the sandbox providers');
  printOriginationResult(await runOriginationBench({ decisions: Number(process.env.BENCH_DECISIONS ?? 300) }));
}

void main();
