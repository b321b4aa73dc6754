import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { addDays } from '../../src/modules/cob/cob.service';
import { seedLoans } from '../../src/modules/cob/seed-loans';
import { todayIn } from '../../src/platform/tenancy/business-date';
import { TEST_APP_PASSWORD } from '../support/global-setup';
import { lenderWithProduct } from '../support/origination';
import { startRedis } from '../support/services';
import { type TestApp, startTestApp } from '../support/test-app';
import { eventually } from '../support/eventually';

const LOANS = 40;
const PARTITION = 4;

/**
 * The nightly run split across processes: two real worker processes (`src/worker.ts`) share one
 * database and one Redis, take the partitions of each date as they come, each partition exactly
 * once, and the missed dates complete in order. The result equals the same book run in one process.
 */
describe('close of business partitioned across two worker processes', () => {
  let app: TestApp;
  let redis: Awaited<ReturnType<typeof startRedis>>;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    // A Redis of its own: workers of other spec files must not take these jobs (nor these workers theirs).
    redis = await startRedis();
    app = await startTestApp({ env: { REDIS_URL: redis.url, COB_CHUNK_SIZE: String(PARTITION) } });
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => new Promise((resolve) => {
      if (w.exitCode !== null) return resolve(null);
      w.once('exit', resolve);
      w.kill('SIGTERM');
    })));
    await app.close();
    process.kill(redis.pid);
  });

  async function bookOf(app: TestApp, startDate: string) {
    const lender = await lenderWithProduct(app);
    await seedLoans(app.runtime.services.units, app.runtime.services, { tenantId: lender.tenantId, productCode: 'CONSUMER-1', count: LOANS, startDate });
    return lender;
  }

  /** Starts `src/worker.ts` and resolves once it reports it is taking jobs. */
  function startWorker(): Promise<ChildProcess> {
    const root = path.resolve(__dirname, '..', '..');
    const child = spawn(process.execPath, ['-r', '@swc-node/register', path.join(root, 'src/worker.ts')], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', LOG_LEVEL: 'info',
        DATABASE_URL: app.ownerUrl, APP_DB_PASSWORD: TEST_APP_PASSWORD, JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256',
        REDIS_URL: redis.url, COB_CHUNK_SIZE: String(PARTITION), WORKER_CONCURRENCY: '1',
      },
    });
    let err = '';
    child.stderr!.on('data', (d) => (err += d));
    child.once('exit', (code) => {
      if (code) process.stderr.write(`worker exited ${code}: ${err}\n`);
    });
    workers.push(child);
    return new Promise((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d) => {
        out += d;
        if (out.includes('"worker started"')) resolve(child);
      });
      child.once('exit', (code) => reject(new Error(`worker exited ${code} before starting: ${err}`)));
    });
  }

  it('processes every partition once, in parallel, dates in order, with the same result as one process', async () => {
    const today = todayIn('Africa/Nairobi');
    const start = addDays(today, -4);
    const upTo = addDays(today, -1);
    const dates = [addDays(start, 1), addDays(start, 2), upTo];
    const distributed = await bookOf(app, start);
    const single = await bookOf(app, start);

    // Both take jobs before there are any, so the partitions are shared out between them.
    await Promise.all([startWorker(), startWorker()]);
    const job = await app.inTenant(distributed.slug, async (ctx) => {
      const { cobRunJob } = await import('../../src/modules/cob/jobs/cob.job');
      return app.runtime.queue.enqueue(cobRunJob(app.runtime.services.cob, () => app.runtime.queue), { tenantId: ctx.tenant, date: upTo });
    });
    expect(job.id).toBeDefined();
    await eventually(async () => {
      const runs = await app.ownerQuery("SELECT business_date::text AS d FROM cob_runs WHERE tenant_id = $1 AND status = 'COMPLETED' ORDER BY 1", [distributed.tenantId]);
      expect(runs.map((r) => r.d)).toEqual(dates);
    }, 90_000).catch(async (err: Error) => {
      // Say where it stopped: which dates and partitions were done, by whom, and whether a worker died.
      const runs = await app.ownerQuery('SELECT business_date::text AS d, status FROM cob_runs WHERE tenant_id = $1 ORDER BY 1', [distributed.tenantId]);
      const parts = await app.ownerQuery('SELECT business_date::text AS d, partition_no AS n, status, worker FROM cob_partitions WHERE tenant_id = $1 ORDER BY 1, 2', [distributed.tenantId]);
      throw new Error(`${err.message}\nruns: ${JSON.stringify(runs)}\npartitions: ${JSON.stringify(parts)}\nworker exit codes: ${workers.map((w) => w.exitCode)}`);
    });

    const partitions = await app.ownerQuery(
      'SELECT business_date::text AS d, partition_no AS n, status, loans, worker FROM cob_partitions WHERE tenant_id = $1 ORDER BY 1, 2', [distributed.tenantId]);
    expect(partitions).toHaveLength(dates.length * (LOANS / PARTITION));
    expect(partitions.every((p) => p.status === 'DONE')).toBe(true);
    for (const d of dates) expect(partitions.filter((p) => p.d === d).reduce((n, p) => n + p.loans, 0)).toBe(LOANS);
    // Both processes took part (neither is this test process).
    const byWorker = new Set(partitions.map((p) => p.worker));
    expect(byWorker.size).toBe(2);
    expect([...byWorker].some((w) => w.endsWith(`:${process.pid}`))).toBe(false);

    // Dates in order: a date is planned only after the one before it completed.
    const runs = await app.ownerQuery('SELECT business_date::text AS d, started_at, finished_at FROM cob_runs WHERE tenant_id = $1 ORDER BY 1', [distributed.tenantId]);
    for (let i = 1; i < runs.length; i++) expect(new Date(runs[i].started_at) >= new Date(runs[i - 1].finished_at)).toBe(true);

    // Each loan accrued exactly once per date, and one journal entry per date.
    const [{ rows, pairs }] = await app.ownerQuery(
      "SELECT count(*)::int AS rows, count(DISTINCT (loan_id, business_date))::int AS pairs FROM loan_accruals WHERE tenant_id = $1 AND kind = 'COB'", [distributed.tenantId]);
    expect(rows).toBe(pairs);
    const entries = await app.ownerQuery("SELECT business_date::text AS d FROM journal_entries WHERE tenant_id = $1 AND kind = 'COB_ACCRUAL' ORDER BY 1", [distributed.tenantId]);
    expect(entries.map((e) => e.d)).toEqual(dates);

    // The same book closed in one process gives the same figures.
    await app.inTenant(single.slug, (ctx) => app.runtime.services.cob.run(ctx, upTo));
    const totals = (tenantId: string) => app.ownerQuery(
      "SELECT business_date::text AS d, sum(interest)::text AS interest, sum(penalty)::text AS penalty, count(*)::int AS n FROM loan_accruals WHERE tenant_id = $1 AND kind = 'COB' GROUP BY 1 ORDER BY 1", [tenantId]);
    expect(await totals(distributed.tenantId)).toEqual(await totals(single.tenantId));
    const state = (tenantId: string) => app.ownerQuery('SELECT dpd, bucket, last_cob_date::text AS c, accrued_in_period::text AS a FROM loans WHERE tenant_id = $1 ORDER BY principal, id', [tenantId]);
    expect((await state(distributed.tenantId)).map((r) => [r.dpd, r.bucket, r.c, r.a])).toEqual((await state(single.tenantId)).map((r) => [r.dpd, r.bucket, r.c, r.a]));
  }, 150_000);
});
