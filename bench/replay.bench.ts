import 'reflect-metadata';
import { Client } from 'pg';
import { formatIsoDate } from '../src/core/loan-math/calendar';
import { type LoanTransaction, type OverpaymentPolicy, type ScheduledInstallment, type ServicingTerms, replayLoan } from '../src/core/servicing';
import { seedLoans } from '../src/modules/cob/seed-loans';
import { LoanServicingService } from '../src/modules/loans/loan-servicing.service';
import { runInContext } from '../src/platform/tenancy/run-in-context';
import { startBenchApp } from './support/bench-app';

/**
 * The servicing replay on a heavy loan: 360 monthly instalments and 400 transactions (late, short,
 * over, fee charges, waivers), per overpayment policy. Speed is reported here, never asserted in tests.
 */
export function runReplayBench(rounds = 15): { policy: OverpaymentPolicy; medianMs: number }[] {
  const start = 19000;
  const schedule: ScheduledInstallment[] = Array.from({ length: 360 }, (_, k) => ({
    number: k + 1, dueDate: formatIsoDate(start + 30 * (k + 1)), principal: '1234.56', interest: (900 - 2 * k).toFixed(2), fees: '2.50',
  }));
  const txs: LoanTransaction[] = Array.from({ length: 400 }, (_, k) => ({
    id: `t${k}`, kind: k % 40 === 7 ? 'FEE_CHARGE' : k % 40 === 13 ? 'PENALTY_WAIVER' : 'REPAYMENT',
    effectiveDate: formatIsoDate(start + 27 * (k + 1) + (k % 5)), amount: k % 9 === 0 ? '5000.00' : `${1800 + (k % 7) * 150}.00`, seq: k,
  }));
  const asOf = formatIsoDate(start + 30 * 361);
  return (['CREDIT', 'REDUCE_TERM', 'REDUCE_INSTALLMENT'] as OverpaymentPolicy[]).map((policy) => {
    const terms: ServicingTerms = {
      decimals: 2, roundingMode: 'HALF_EVEN', allocationOrder: ['PENALTY', 'FEES', 'INTEREST', 'PRINCIPAL'], penaltyAnnualRate: '0.365',
      lateFee: { chargeType: 'FLAT', amount: '5.00', graceDays: 5 }, overpaymentPolicy: policy,
    };
    replayLoan(terms, schedule, txs, asOf);
    const times: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const t0 = process.hrtime.bigint();
      replayLoan(terms, schedule, txs, asOf);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    times.sort((a, b) => a - b);
    return { policy, medianMs: times[Math.floor(times.length / 2)] };
  });
}

export function printReplayResult(r: ReturnType<typeof runReplayBench>): void {
  for (const x of r) console.log(`replay 360 instalments x 400 transactions, ${x.policy.padEnd(18)} ${x.medianMs.toFixed(1)} ms (median)`);
  console.log('');
}

export interface RepaymentReplayResult {
  transactions: number;
  snapshotEvery: number;
  /** Median ms of one repayment (recordRepayment: lock, replay, reconcile, post) replaying from disbursement. */
  fullMs: number;
  /** The same from the latest snapshot of the loan's replay state. */
  snapshotMs: number;
}

/**
 * One repayment on a loan that already has `transactions` transactions, through the service as the
 * GraphQL mutation calls it: replaying from disbursement (snapshots off) next to replaying from the
 * latest snapshot (every `snapshotEvery`), on the same loan in the same run.
 */
export async function runRepaymentReplayBench({ transactions = 4000, snapshotEvery = 200, rounds = 9, log = (s: string) => void process.stderr.write(s) } = {}): Promise<RepaymentReplayResult> {
  const bench = await startBenchApp({ SERVICING_SNAPSHOT_EVERY: String(snapshotEvery) });
  try {
    const { runtime } = bench;
    const s = runtime.services;
    const system = { tenantId: null, platform: true, actor: { type: 'SYSTEM' as const, id: 'bench' }, roles: ['PLATFORM_ADMIN' as const] };
    const tenantId = await runInContext(runtime.dataSource, system, async (platform) => {
      const { tenant } = await s.tenants.apply(platform, {
        slug: 'replay-bench', name: 'Replay bench', legalName: 'Replay Bench Ltd', country: 'KE', jurisdiction: 'KE', baseCurrency: 'KES', timezone: 'UTC',
        locale: 'en-KE', status: 'ACTIVE', rounding: { decimals: 2, mode: 'HALF_EVEN' }, settings: {},
      }, 'bench');
      await s.products.create(platform.forTenant(tenant.id), 'HEAVY', {
        name: 'Heavy loan', segment: 'CONSUMER', currency: 'KES', amountMin: '100000', amountMax: '100000', termMin: 12, termMax: 12, frequencies: ['MONTHLY'],
        amortization: 'EQUAL_INSTALLMENT', dayCount: 'ACTUAL_365', rounding: { decimals: 2, mode: 'HALF_EVEN' }, penaltyAnnualRate: '0.12', rateBands: [{ grade: 'A', annualRate: '0.18' }],
      });
      return tenant.id;
    });
    const today = new Date().toISOString().slice(0, 10);
    const start = new Date(Date.now() - 360 * 86_400_000).toISOString().slice(0, 10);
    await seedLoans(s.units, s, { tenantId, productCode: 'HEAVY', count: 1, startDate: start });
    // The loan's history, written directly: small repayments spread over its 360 days.
    const owner = new Client({ connectionString: bench.ownerUrl });
    await owner.connect();
    const [{ id: loanId }] = (await owner.query('SELECT id FROM loans WHERE tenant_id = $1', [tenantId])).rows;
    await owner.query(
      `INSERT INTO loan_transactions (tenant_id, id, loan_id, seq, kind, effective_date, amount, method, created_by_type, created_by_id)
       SELECT $1, gen_random_uuid(), $2, n, 'REPAYMENT', $3::date + 1 + (n * 358 / $4), 5 + (n % 7), 'MOBILE_MONEY', 'SYSTEM', 'bench' FROM generate_series(1, $4) AS n`,
      [tenantId, loanId, start, transactions]);
    await owner.query('UPDATE loans SET next_tx_seq = $2 + 1 WHERE id = $1', [loanId, transactions]);
    await owner.end();
    const ctxOf = { tenantId, actor: { type: 'SYSTEM' as const, id: 'bench' }, roles: ['LENDER_ADMIN' as const] };
    // Everything posted once (and the first snapshot taken).
    log(`replaying a loan with ${transactions} transactions`);
    await runInContext(runtime.dataSource, ctxOf, async (ctx) => s.servicing.refresh(ctx, await s.servicing.lockForChange(ctx, loanId), today));
    const full = new LoanServicingService({ tenants: s.directory, ledger: s.ledger, audit: s.audit, limits: runtime.config.graphql, snapshotEvery: 0 });
    let n = 0;
    const median = async (servicing: LoanServicingService) => {
      const times: number[] = [];
      for (let i = 0; i <= rounds; i++) {
        const t0 = process.hrtime.bigint();
        await runInContext(runtime.dataSource, ctxOf, (ctx) => servicing.recordRepayment(ctx, { loanId, amount: '3.00', paidAt: today, method: 'MOBILE_MONEY', idempotencyKey: `bench-replay-${n++}` }));
        // The first is a warm-up.
        if (i > 0) times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
      times.sort((a, b) => a - b);
      return times[Math.floor(times.length / 2)];
    };
    const fullMs = await median(full);
    const snapshotMs = await median(s.servicing);
    log(' done\n');
    return { transactions, snapshotEvery, fullMs, snapshotMs };
  } finally {
    await bench.close();
  }
}

export function printRepaymentReplayResult(r: RepaymentReplayResult): void {
  console.log(`one repayment on a loan with ${r.transactions} transactions: from disbursement ${r.fullMs.toFixed(1)} ms, from a snapshot (every ${r.snapshotEvery}) ${r.snapshotMs.toFixed(1)} ms (median); ${(r.fullMs / r.snapshotMs).toFixed(1)}x faster`);
  console.log('');
}
