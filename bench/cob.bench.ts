import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { addDays } from '../src/modules/cob/cob.service';
import { seedLoans } from '../src/modules/cob/seed-loans';
import { todayIn } from '../src/platform/tenancy/business-date';
import { runInContext } from '../src/platform/tenancy/run-in-context';
import { benchLender, startBenchApp } from './support/bench-app';
import { postAll } from './support/http-load';

export interface CobBenchResult {
  loans: number;
  seedSeconds: number;
  floorSeconds: { update: number; insert: number; total: number };
  /** The honest floor: the same work on a narrow loan-state table (the columns the night changes). */
  narrowFloorSeconds: { update: number; insert: number; total: number };
  cobSeconds: number;
  cobRatioToFloor: number;
  cobRatioToNarrowFloor: number;
  /** Rows the run wrote (loan updates, sub-ledger rows, events) per loan for the date. */
  rowsPerLoan: number;
  parallelism: number;
  /** Seconds until the last partition was done (the rest completes the date: journal entry, finishers). */
  partitionSeconds: number;
  loansPerSecond: number;
  peakRssMb: number;
  /** The same run over a book every loan of which is past due (penalty accrues on each). */
  delinquent: { loans: number; seconds: number; perSecond: number };
  repayments: { count: number; perSecond: number; pgbenchTps: number | null; ratio: number | null };
  /** One application decided on this book (its concentration limits read the book's exposure), median ms of 5 in turn. */
  decisionOnBookMs: number;
}

/**
 * The nightly run over a large book next to the raw-SQL floor measured on the same rows in the same
 * run (one UPDATE of every loan plus one INSERT ... SELECT of one sub-ledger row per loan), with the
 * process's peak memory; then repayments per second through the GraphQL mutation next to pgbench
 * running an equivalent three-statement posting script.
 */
export async function runCobBench({ loans = 1_000_000, repayments = 2000, lateLoans = 100_000, concurrency = 8, log = (s: string) => void process.stderr.write(s) } = {}): Promise<CobBenchResult> {
  const bench = await startBenchApp();
  try {
    const { runtime } = bench;
    const lender = (slug: string) => benchLender(runtime, slug, 'LENDER_ADMIN');
    const { tenantId, key } = await lender('cob-bench');
    const today = todayIn('UTC');
    const start = addDays(today, -3);
    let t = process.hrtime.bigint();
    const secs = () => Number(process.hrtime.bigint() - t) / 1e9;
    log(`seeding ${loans} loans`);
    await seedLoans(runtime.services.units, runtime.services, { tenantId, productCode: 'BOOK', count: loans, startDate: start }, (done, total) => {
      if (done % 200_000 === 0 || done === total) log(` ${done}`);
    });
    const seedSeconds = secs();
    log(` (${seedSeconds.toFixed(1)} s)\n`);

    const owner = new Client({ connectionString: bench.ownerUrl });
    await owner.connect();
    await owner.query('VACUUM ANALYZE loans');
    // The floors: the plainest statements that could do the night's work on the same rows, then undone.
    // Wide: an UPDATE of the loan row itself plus the one-row-per-loan INSERT into the sub-ledger.
    // Narrow (the honest one, issue 19): an UPDATE of a table holding only the columns the night
    // changes (HOT: half-empty pages, primary key only), plus the same INSERT.
    const floorDate = addDays(start, 1);
    /** One floor on `table`: its UPDATE and the sub-ledger INSERT from it, timed, then rolled back. */
    const floor = async (table: string) => {
      await owner.query('BEGIN');
      t = process.hrtime.bigint();
      await owner.query(`UPDATE ${table} SET accrued_in_period = accrued_in_period + 0.01, last_cob_date = $2::date WHERE tenant_id = $1`, [tenantId, floorDate]);
      const u = secs();
      t = process.hrtime.bigint();
      await owner.query(`INSERT INTO loan_accruals (tenant_id, loan_id, business_date, kind, interest, penalty) SELECT tenant_id, id, $2::date, 'COB', 0.01, 0 FROM ${table} WHERE tenant_id = $1`, [tenantId, floorDate]);
      const i = secs();
      await owner.query('ROLLBACK');
      return { update: u, insert: i, total: u + i };
    };
    const wide = await floor('loans');
    await owner.query(`CREATE TABLE bench_loan_state WITH (fillfactor = 50) AS
      SELECT tenant_id, id, accrual_index, accrual_period_start, accrual_period_end, accrual_period_interest, accrued_in_period, overdue_principal,
             next_unpaid_principal, next_unpaid_total, oldest_unpaid_due_date, dpd, bucket, non_accrual, non_accrual_since, last_cob_date,
             penalty_from, penalty_total, penalty_through
      FROM loans WHERE tenant_id = $1`, [tenantId]);
    await owner.query('ALTER TABLE bench_loan_state ADD PRIMARY KEY (tenant_id, id)');
    await owner.query('VACUUM ANALYZE bench_loan_state');
    const narrow = await floor('bench_loan_state');
    await owner.query('DROP TABLE bench_loan_state');
    await owner.query('VACUUM ANALYZE loans');

    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    t = process.hrtime.bigint();
    // The partitions' phase ends with the last partition's progress; the rest is the date's completion
    // (its journal entry and the other modules' finishers: commissions, agent risk, the portfolio snapshot).
    let partitionSeconds = 0;
    const ctxRun = runInContext(runtime.dataSource, { tenantId, actor: { type: 'SYSTEM', id: 'bench' }, roles: [] }, (ctx) =>
      runtime.services.cob.run(ctx, addDays(start, 1), (p) => {
        log(`\rcob ${p.businessDate} chunk ${p.chunk}/${p.chunks} (${p.loans} loans)`);
        if (p.chunk === p.chunks) partitionSeconds = secs();
      }));
    const results = await ctxRun;
    const cobSeconds = secs();
    clearInterval(sampler);
    log('\n');
    if (results[0].loans !== loans) throw new Error(`COB processed ${results[0].loans} of ${loans}`);

    // A book 75 days old that never paid: every loan is past due, so each unpacks and accrues its
    // penalty state. One business date is run (the loans are set as run through the day before).
    const late = await lender('cob-bench-late');
    const lateDate = addDays(today, -2);
    log(`seeding ${lateLoans} past-due loans`);
    await seedLoans(runtime.services.units, runtime.services, { tenantId: late.tenantId, productCode: 'BOOK', count: lateLoans, startDate: addDays(today, -75) });
    await owner.query('UPDATE loans SET last_cob_date = $2::date WHERE tenant_id = $1', [late.tenantId, addDays(lateDate, -1)]);
    await owner.query('VACUUM ANALYZE loans');
    t = process.hrtime.bigint();
    const lateRun = await runInContext(runtime.dataSource, { tenantId: late.tenantId, actor: { type: 'SYSTEM', id: 'bench' }, roles: [] }, (ctx) => runtime.services.cob.run(ctx, lateDate));
    const lateSeconds = secs();
    log(' done\n');
    if (lateRun[0].loans !== lateLoans) throw new Error(`COB processed ${lateRun[0].loans} of ${lateLoans} past-due loans`);

    // Repayments through GraphQL on distinct loans, then pgbench on the same database. Both start
    // from a settled table (vacuumed after the nightly run) and the API from warm connections.
    await owner.query('VACUUM ANALYZE loans, loan_accruals');
    await owner.query('CHECKPOINT');
    // Warm-up long enough for the JIT to settle on the hot path (pgbench has no JIT to warm).
    const warmup = 1000;
    const ids: string[] = (await owner.query('SELECT id FROM loans WHERE tenant_id = $1 ORDER BY id LIMIT $2', [tenantId, repayments + warmup])).rows.map((r) => r.id);
    const query = 'mutation($i: RecordRepaymentInput!) { recordRepayment(input: $i) { transactionId } }';
    const bodies = ids.map((loanId, i) => JSON.stringify({ query, variables: { i: { loanId, amount: '500.00', paidAt: today, method: 'MOBILE_MONEY', idempotencyKey: `bench-repay-${i}` } } }));
    await postAll(bench.url, `Bearer ${key}`, bodies.slice(repayments), concurrency);
    // Then the statistics a live database has (as the decision bench does after its warm-up). The
    // seeded book has no transactions, postings or events, so every connection planned a repayment's
    // reads of them for empty tables (a scan of all the tenant's transactions, twice a repayment, in
    // place of the loan's by index) and kept those plans as the warm-up grew the tables; autovacuum
    // would analyse them within its first minute, long after this run ends. ANALYZE replaces them.
    await owner.query(`ANALYZE ${REPAYMENT_TABLES.join(', ')}`);
    const repaid = await postAll(bench.url, `Bearer ${key}`, bodies.slice(0, repayments), concurrency);
    await owner.query('CHECKPOINT');
    const pgbenchTps = runPgbench(bench.ownerUrl, tenantId, concurrency);

    // Decisions on the million-loan book, under share limits on the applicant's industry and region
    // (which read the whole book's exposure): one at a time, after one to warm up.
    const [{ id: productId }] = (await owner.query('SELECT id FROM loan_products WHERE tenant_id = $1', [tenantId])).rows;
    const gql = async (query: string, variables?: unknown) => {
      const res = await fetch(bench.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query, variables }) });
      const body = (await res.json()) as { errors?: { message: string }[] };
      if (body.errors) throw new Error(body.errors[0].message);
      return body;
    };
    await gql(`mutation { setRiskAppetiteLimits(limits: [{ id: "retail-share", dimension: INDUSTRY, key: "retail", maxShare: "0.9", action: REFER },
      { id: "region-share", dimension: REGION, maxShare: "0.5", action: REFER }]) { id } }`);
    const decisionMs: number[] = [];
    for (let i = 0; i < 6; i++) {
      const started = process.hrtime.bigint();
      await gql('mutation($i: SubmitApplicationInput!) { submitApplication(input: $i) { id status } }', { i: { productId, amount: '10000.00', termCount: 12, borrower: {
        segment: 'CONSUMER', fullName: `Book Applicant ${i}`, nationalId: `BK${String(10000000 + i)}`, dateOfBirth: '1985-06-15', phone: `+2547${String(30000000 + i)}`,
        region: 'Region 3', industry: 'retail', monthlyIncome: '90000.00', monthlyObligations: '4000.00', bankAccount: `BK${String(20000000 + i)}` } } });
      if (i > 0) decisionMs.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    decisionMs.sort((a, b) => a - b);
    await owner.end();
    return {
      loans,
      seedSeconds,
      floorSeconds: wide,
      cobSeconds,
      cobRatioToFloor: cobSeconds / wide.total,
      narrowFloorSeconds: narrow,
      cobRatioToNarrowFloor: cobSeconds / narrow.total,
      rowsPerLoan: (results[0].loans + results[0].accruals + results[0].events) / results[0].loans,
      parallelism: runtime.config.cobParallelism,
      partitionSeconds,
      loansPerSecond: loans / cobSeconds,
      peakRssMb: peak / 1024 / 1024,
      delinquent: { loans: lateLoans, seconds: lateSeconds, perSecond: lateLoans / lateSeconds },
      repayments: { count: repayments, perSecond: repaid.perSecond, pgbenchTps, ratio: pgbenchTps ? repaid.perSecond / pgbenchTps : null },
      decisionOnBookMs: decisionMs[2],
    };
  } finally {
    await bench.close();
  }
}

/** The tables a repayment reads or writes besides the loan and its accruals (analysed after the night). */
const REPAYMENT_TABLES = ['loan_transactions', 'loan_postings', 'loan_events', 'loan_replay_snapshots', 'loan_settlements', 'journal_entries', 'journal_lines',
  'idempotency_keys', 'outbox_events', 'audit_entries', 'exposure_cells'];

/** pgbench with a posting like a repayment's: lock-and-update the loan, insert an event, insert a journal entry. */
function runPgbench(url: string, tenantId: string, clients: number): number | null {
  const binary = ['/usr/lib/postgresql/15/bin/pgbench', 'pgbench'].find((b) => b.includes('/') ? existsSync(b) : spawnSync('sh', ['-c', `command -v ${b}`]).status === 0);
  if (!binary) return null;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pgbench-'));
  const script = path.join(dir, 'posting.sql');
  execFileSync('psql', [url, '-qc', `DROP TABLE IF EXISTS bench_ids; CREATE TABLE bench_ids AS SELECT row_number() OVER (ORDER BY id)::int AS n, id FROM loans WHERE tenant_id = '${tenantId}' LIMIT 100000; ALTER TABLE bench_ids ADD PRIMARY KEY (n)`]);
  writeFileSync(script, [
    '\\set n random(1, 100000)',
    'BEGIN;',
    `UPDATE loans SET next_tx_seq = next_tx_seq + 1 WHERE tenant_id = '${tenantId}' AND id = (SELECT id FROM bench_ids WHERE n = :n);`,
    `INSERT INTO loan_events (tenant_id, id, loan_id, kind, business_date) SELECT '${tenantId}', gen_random_uuid(), id, 'BENCH', current_date FROM bench_ids WHERE n = :n;`,
    `INSERT INTO journal_entries (tenant_id, id, kind, business_date) VALUES ('${tenantId}', gen_random_uuid(), 'BENCH', current_date);`,
    'END;',
  ].join('\n'));
  const out = execFileSync(binary, ['-n', '-c', String(clients), '-j', '2', '-T', '5', '-f', script, url], { encoding: 'utf8' });
  const m = /tps = ([\d.]+)/.exec(out);
  return m ? Number(m[1]) : null;
}

export function printCobResult(r: CobBenchResult): void {
  console.log(`book: ${r.loans} loans (seeded in ${r.seedSeconds.toFixed(1)} s)`);
  console.log(`raw-SQL floor: UPDATE ${r.floorSeconds.update.toFixed(2)} s + INSERT ... SELECT ${r.floorSeconds.insert.toFixed(2)} s = ${r.floorSeconds.total.toFixed(2)} s`);
  const n = r.narrowFloorSeconds;
  console.log(`narrow-row floor (a loan-state table of the night's columns): UPDATE ${n.update.toFixed(2)} s + INSERT ... SELECT ${n.insert.toFixed(2)} s = ${n.total.toFixed(2)} s`);
  console.log(`close of business (${r.parallelism} partitions at a time): ${r.cobSeconds.toFixed(2)} s = ${Math.round(r.loansPerSecond)} loans/s (target >= 25,000); ` +
    `${r.cobRatioToFloor.toFixed(2)}x the wide floor, ${r.cobRatioToNarrowFloor.toFixed(2)}x the narrow floor (target <= 1.5x); ${r.rowsPerLoan.toFixed(2)} rows written per loan`);
  console.log(`  of which the partitions ${r.partitionSeconds.toFixed(2)} s (${Math.round(r.loans / r.partitionSeconds)} loans/s, ${(r.partitionSeconds / r.narrowFloorSeconds.total).toFixed(2)}x the narrow floor), ` +
    `completing the date (journal entry, commissions, agent risk, portfolio snapshot) ${(r.cobSeconds - r.partitionSeconds).toFixed(2)} s`);
  console.log(`peak RSS of the process running it: ${r.peakRssMb.toFixed(0)} MB (target < 512 MB)`);
  const d = r.delinquent;
  console.log(`close of business over a past-due book (penalty accruing on every loan): ${d.loans} loans in ${d.seconds.toFixed(2)} s = ${Math.round(d.perSecond)} loans/s; ${(d.perSecond / r.loansPerSecond).toFixed(2)}x the current book's rate`);
  const rp = r.repayments;
  console.log(`repayments through GraphQL: ${rp.perSecond.toFixed(0)}/s; pgbench three-statement posting: ${rp.pgbenchTps?.toFixed(0) ?? 'n/a (no pgbench)'} tps; ratio ${rp.ratio?.toFixed(3) ?? 'n/a'} (target >= 0.3)`);
  console.log(`one application decided on this ${r.loans}-loan book, under share limits on industry and region: ${r.decisionOnBookMs.toFixed(0)} ms (median of 5)\n`);
}

if (require.main === module) {
  void runCobBench({ loans: Number(process.argv[2] ?? 1_000_000) }).then(printCobResult);
}
