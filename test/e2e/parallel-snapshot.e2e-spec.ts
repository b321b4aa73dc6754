import { Client } from 'pg';
import { Dec } from '../../src/core/money';
import { bootRuntime, type Runtime } from '../../src/app/runtime';
import { SNAPSHOT_PLANNER, SNAPSHOT_READ_SQL, PortfolioSnapshots } from '../../src/modules/analytics/portfolio-snapshot';
import { SERVER_WORKERS, withSettings } from '../../src/platform/db/settings';
import { DAY_ACCRUALS_SQL, addDays } from '../../src/modules/cob/cob.service';
import { seedLoans } from '../../src/modules/cob/seed-loans';
import { todayIn } from '../../src/platform/tenancy/business-date';
import { runInContext } from '../../src/platform/tenancy/run-in-context';
import type { RequestContext } from '../../src/platform/tenancy/request-context';
import { lenderWithProduct } from '../support/origination';
import { type TestApp, startTestApp } from '../support/test-app';

const FIGURES = `query($asOf: Date) {
  portfolioSummary(asOf: $asOf) { snapshotDate grossPortfolio activeLoans activeBorrowers overduePrincipal par30 interestIncome averageLoanSize repeatBorrowerShare }
  portfolioBreakdown(asOf: $asOf, dimension: REGION) { snapshotDate rows { key loans gross share par30 } }
  concentration(asOf: $asOf, dimension: BORROWER) { snapshotDate portfolio rows { key exposure share } } }`;

/**
 * Tables read by scans, as a large book's are: over these few rows an index costs less than starting
 * workers at any price, and the planner would not use them.
 */
const byScans = (em: { query(sql: string): Promise<unknown> }) =>
  em.query("SELECT set_config('enable_indexscan', 'off', true), set_config('enable_indexonlyscan', 'off', true), set_config('enable_bitmapscan', 'off', true)");

/** EXPLAIN ANALYZE of a count of the tenant's loans (scanned), and the count. */
const countLoans = async (em: { query(sql: string): Promise<any> }) => {
  await byScans(em);
  const [explained] = await em.query('EXPLAIN (ANALYZE, FORMAT JSON) SELECT count(*) FROM loans');
  const [{ n }] = await em.query('SELECT count(*)::int AS n FROM loans');
  return { plan: explained['QUERY PLAN'][0].Plan as Record<string, unknown>, count: n as number };
};

/** Every node of an EXPLAIN (FORMAT JSON) plan. */
const nodes = (plan: Record<string, unknown>): Record<string, unknown>[] => [plan, ...((plan.Plans as Record<string, unknown>[] | undefined) ?? []).flatMap(nodes)];

/**
 * Close of business's portfolio snapshot reads the tenant's whole book in one statement that may run
 * in parallel: the tenant policies' functions are PARALLEL SAFE, and each worker reads the tenant
 * from the settings the leader passes it. Here a second runtime's connections price parallel plans at
 * nothing (as on a large book), so the snapshot of a book of 60 loans is read by workers, beside a
 * second lender's 25 loans; the figures the API gives from it must be those of the same date read on
 * one core, and a worker must see the lender's loans, all of them and no other lender's. Every other
 * statement of the app runs without workers (their start would cost a small read milliseconds), and
 * none is compiled just in time (compiling cost more than it saved).
 */
describe('the portfolio snapshot read by parallel workers', () => {
  let app: TestApp;
  let parallel: Runtime;
  let lender: Awaited<ReturnType<typeof lenderWithProduct>>;
  const date = addDays(todayIn('Africa/Nairobi'), -2);
  const inParallel = <T>(work: (ctx: RequestContext) => Promise<T>) =>
    runInContext(parallel.dataSource, { tenantId: lender.tenantId, actor: { type: 'SYSTEM', id: 'test' }, roles: [] }, work);
  const figures = async () => {
    const res = await app.gql(FIGURES, { asOf: date }, lender.admin);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  };

  beforeAll(async () => {
    app = await startTestApp();
    lender = await lenderWithProduct(app);
    const other = await lenderWithProduct(app);
    const start = addDays(date, -1);
    for (const [l, count] of [[lender, 60], [other, 25]] as const) {
      await seedLoans(app.runtime.services.units, app.runtime.services, { tenantId: l.tenantId, productCode: 'CONSUMER-1', count, startDate: start });
      await app.inTenant(l.slug, (ctx) => app.runtime.services.cob.run(ctx, date));
    }
    const [{ db }] = await app.ownerQuery('SELECT current_database() AS db');
    for (const setting of ['parallel_setup_cost = 0', 'parallel_tuple_cost = 0', 'min_parallel_table_scan_size = 0', 'min_parallel_index_scan_size = 0', 'max_parallel_workers_per_gather = 2']) {
      await app.ownerQuery(`ALTER DATABASE "${db}" SET ${setting}`);
    }
    parallel = await bootRuntime(app.config, { migrate: false, worker: false });
  }, 180_000);
  afterAll(async () => {
    await parallel?.close();
    await app.close();
  });

  it('runs an app statement without workers, however cheap they are', async () => {
    const { plan, count } = await inParallel(async (ctx) => countLoans(await ctx.db()));
    expect(nodes(plan).map((n) => n['Node Type'])).not.toContain('Gather');
    expect(count).toBe(60);
  });

  it('compiles no app statement just in time, however cheap compiling is priced', async () => {
    const explainCount = async (em: { query(sql: string): Promise<any> }) => {
      await em.query("SELECT set_config('jit_above_cost', '0', true), set_config('jit_inline_above_cost', '0', true), set_config('jit_optimize_above_cost', '0', true)");
      const [explained] = await em.query('EXPLAIN (ANALYZE, FORMAT JSON) SELECT count(*) FROM loans');
      return explained['QUERY PLAN'][0] as Record<string, unknown>;
    };
    // The owner's connection compiles the read, where the server has a JIT compiler at all.
    const owner = new Client({ connectionString: app.ownerUrl });
    await owner.connect();
    try {
      await owner.query('BEGIN');
      const [{ available }] = (await owner.query('SELECT pg_jit_available() AS available')).rows;
      const owned = await explainCount({ query: async (sql: string) => (await owner.query(sql)).rows });
      expect(owned.JIT !== undefined).toBe(available);
    } finally {
      await owner.query('ROLLBACK');
      await owner.end();
    }
    // An app transaction does not.
    const plan = await inParallel(async (ctx) => explainCount(await ctx.db()));
    expect(plan.JIT).toBeUndefined();
  });

  it('has workers, where a statement asks for them, read the lender\'s loans, all of them and no other lender\'s', async () => {
    const { plan, count } = await inParallel(async (ctx) => {
      const em = await ctx.db();
      await em.query("SELECT set_config('max_parallel_workers_per_gather', '2', true)");
      return countLoans(em);
    });
    expect(nodes(plan).some((n) => Number(n['Workers Launched'] ?? 0) > 0)).toBe(true);
    expect(count).toBe(60);
  });

  it('writes the same snapshot from a read by workers as from a read on one core', async () => {
    const serial = await figures();
    expect(serial.portfolioSummary).toMatchObject({ snapshotDate: date, activeLoans: 60, activeBorrowers: 60, grossPortfolio: '60000.00' });
    expect(serial.concentration.rows).toHaveLength(50);

    const { plan } = await inParallel(async (ctx) => {
      const em = await ctx.db();
      await byScans(em);
      // The read as the snapshot plans it (SNAPSHOT_PLANNER), explained, then the snapshot written again.
      const [explained] = await withSettings(em, SNAPSHOT_PLANNER, () =>
        em.query(`EXPLAIN (ANALYZE, FORMAT JSON) CREATE TEMP TABLE snapshot_read ON COMMIT DROP AS ${SNAPSHOT_READ_SQL}`, [ctx.tenant, date]));
      await em.query('DROP TABLE snapshot_read');
      await new PortfolioSnapshots().write(ctx, date);
      return { plan: explained['QUERY PLAN'][0].Plan as Record<string, unknown> };
    });
    expect(nodes(plan).some((n) => Number(n['Workers Launched'] ?? 0) > 0)).toBe(true);
    expect(await figures()).toEqual(serial);
  });

  it('sums the day\'s accruals with workers, to the amount read on one core; the cohorts counted by the snapshot\'s read by workers are those counted on one core', async () => {
    const VINTAGES = '{ vintages(cohort: MONTH, metric: DPD30_EVER, maxMonthsOnBook: 3) { cohort loans principal age } }';
    const vintages = async () => (await app.gql(VINTAGES, {}, lender.admin)).data!.vintages;
    const serial = await vintages();
    expect(serial).toEqual([expect.objectContaining({ loans: 60, principal: '60000.00' })]);
    const [accrued] = await app.ownerQuery("SELECT sum(interest)::text AS interest FROM loan_accruals WHERE tenant_id = $1 AND business_date = $2 AND kind = 'COB'", [lender.tenantId, date]);
    const read = await inParallel(async (ctx) => {
      const em = await ctx.db();
      await byScans(em);
      const [explained] = await withSettings(em, SERVER_WORKERS, () => em.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${DAY_ACCRUALS_SQL}`, [date]));
      const [sum] = await withSettings(em, SERVER_WORKERS, () => em.query(DAY_ACCRUALS_SQL, [date]));
      // The snapshot written again, read by workers: its cohorts with it.
      await em.query("DELETE FROM vintage_cells WHERE metric = 'COHORT'");
      await new PortfolioSnapshots().write(ctx, date);
      return { accruals: explained['QUERY PLAN'][0].Plan as Record<string, unknown>, sum };
    });
    expect(nodes(read.accruals).some((n) => Number(n['Workers Launched'] ?? 0) > 0)).toBe(true);
    expect(new Dec(read.sum.interest).eq(accrued.interest)).toBe(true);
    expect(await vintages()).toEqual(serial);
  });
});
