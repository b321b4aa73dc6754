import { Client } from 'pg';
import { type Providers, sandboxProviders } from '../src/platform/providers/providers';
import { runInContext } from '../src/platform/tenancy/run-in-context';
import { startBenchApp } from './support/bench-app';
import { postAll } from './support/http-load';

export interface OriginationBenchResult {
  decisions: { count: number; perSecond: number; p50Ms: number; p99Ms: number };
  bareQuery: { count: number; perSecond: number; p50Ms: number; p99Ms: number };
  ratio: number;
  /** Decisions with the identity check and the bureau answering after `latencyMs`, at `clients` clients (more than the API's pool of connections). */
  slowProviders: { latencyMs: number; clients: number; count: number; perSecond: number; p50Ms: number; p99Ms: number };
}

/** The sandboxes, with the identity check and the bureau answering after `latency.ms`, as a vendor's would. */
function slowed(providers: Providers, latency: { ms: number }): Providers {
  const wait = () => (latency.ms > 0 ? new Promise((resolve) => setTimeout(resolve, latency.ms)) : Promise.resolve());
  return {
    ...providers,
    kyc: { name: providers.kyc.name, verify: async (req) => (await wait(), providers.kyc.verify(req)) },
    bureau: { name: providers.bureau.name, pull: async (req) => (await wait(), providers.bureau.pull(req)) },
  };
}

/**
 * Decisions per second through GraphQL: submitApplication with a new borrower each time (KYC,
 * watch list, fraud, bureau, scorecard, rules, appetite, price under the cap, tier, offer), against
 * a bare authenticated Apollo query (`{ __typename }`) on the same server in the same run.
 */
export async function runOriginationBench({ decisions = 1000, warmup = 200, bare = 3000, concurrency = 8, latencyMs = 100, manyClients = 64 } = {}): Promise<OriginationBenchResult> {
  const latency = { ms: 0 };
  const bench = await startBenchApp({}, { providers: slowed(sandboxProviders(), latency) });
  try {
    const { runtime } = bench;
    const system = { tenantId: null, platform: true, actor: { type: 'SYSTEM' as const, id: 'bench' }, roles: ['PLATFORM_ADMIN' as const] };
    const { key, productId } = await runInContext(runtime.dataSource, system, async (platform) => {
      const { tenant } = await runtime.services.tenants.apply(platform, {
        slug: 'bench-lender', name: 'Bench', legalName: 'Bench Ltd', country: 'KE', jurisdiction: 'KE', baseCurrency: 'KES', timezone: 'Africa/Nairobi',
        locale: 'en-KE', status: 'ACTIVE', rounding: { decimals: 2, mode: 'HALF_UP' }, settings: {},
      }, 'bench');
      const ctx = platform.forTenant(tenant.id);
      const product = await runtime.services.products.create(ctx, 'BENCH', {
        name: 'Bench loan', segment: 'CONSUMER', currency: 'KES', amountMin: '1000', amountMax: '500000', termMin: 3, termMax: 24, frequencies: ['MONTHLY'],
        amortization: 'EQUAL_INSTALLMENT', dayCount: 'THIRTY_360', rounding: { decimals: 2, mode: 'HALF_UP' },
        fees: [{ kind: 'UPFRONT', name: 'Processing', chargeType: 'PERCENT', rate: '0.01', treatment: 'DEDUCTED' }],
        rateBands: ['A', 'B', 'C', 'D', 'E'].map((grade, i) => ({ grade, annualRate: `0.${14 + i * 2}` })),
      });
      await runtime.services.decisionConfigs.setPolicy(ctx, 'APPROVAL_TIERS', [{ id: 'auto', name: 'Auto', priority: 1, mode: 'AUTO' }]);
      const { secret } = await runtime.services.apiKeys.create(ctx, { name: 'bench', role: 'LENDER_ADMIN' });
      return { key: secret, productId: product.id };
    });
    const post = async (query: string, variables?: unknown) => {
      const res = await fetch(bench.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query, variables }) });
      const body = (await res.json()) as { errors?: { message: string }[] };
      if (body.errors) throw new Error(body.errors[0].message);
      return body;
    };
    const submit = 'mutation($i: SubmitApplicationInput!) { submitApplication(input: $i) { id status } }';
    const borrower = (i: number) => ({
      segment: 'CONSUMER', fullName: `Bench Borrower ${i}`, nationalId: `BN${String(10000000 + i)}`, dateOfBirth: '1985-06-15', phone: `+2547${String(10000000 + i)}`,
      region: 'Nairobi', industry: 'retail', monthlyIncome: '90000.00', monthlyObligations: '4000.00', bankAccount: `BA${String(10000000 + i)}`,
    });
    // Warm up both paths (JIT, pools, the tenant key, each connection's prepared statements), then
    // measure. The database was made a moment ago: its tables have never been analysed, and autovacuum
    // visits a new database only after its first minute. The generic plans every connection keeps for
    // its prepared statements and foreign-key checks are made against empty tables then (a scan of all
    // the tenant's applications, say, for one by id) and kept until the statistics arrive, so without
    // this ANALYZE a decision cost more the more applications there were (the save statement 3 ms at
    // 300, 13 ms at 3,000). A live database has its statistics; the bench measures that state, as the
    // other benches do after their seeding.
    await Promise.all(Array.from({ length: concurrency }, async (_, c) => {
      for (let i = c; i < warmup; i += concurrency) await post(submit, { i: { productId, amount: '20000.00', termCount: 12, borrower: borrower(900000 + i) } });
    }));
    const owner = new Client({ connectionString: bench.ownerUrl });
    await owner.connect();
    await owner.query('VACUUM ANALYZE');
    for (let i = 0; i < 200; i++) await post('{ __typename }');
    const bareRun = await postAll(bench.url, `Bearer ${key}`, Array.from({ length: bare }, () => JSON.stringify({ query: '{ __typename }' })), concurrency);
    const decisionRun = await postAll(bench.url, `Bearer ${key}`, Array.from({ length: decisions }, (_, i) => JSON.stringify({ query: submit, variables: { i: { productId, amount: '20000.00', termCount: 12, borrower: borrower(i) } } })), concurrency);
    // The providers as a vendor's answer, in a tenth of a second, to more clients than the API has
    // connections: a decision that held its connection while they answered would be bound by the pool.
    latency.ms = latencyMs;
    const slowRun = await postAll(bench.url, `Bearer ${key}`, Array.from({ length: decisions }, (_, i) => JSON.stringify({ query: submit, variables: { i: { productId, amount: '20000.00', termCount: 12, borrower: borrower(500000 + i) } } })), manyClients);
    // Count as the owner (RLS hides every tenant row from an unscoped app connection).
    const decided = await owner.query("SELECT count(*)::int AS n FROM applications WHERE status IN ('OFFERED', 'REFERRED', 'DECLINED')");
    await owner.end();
    if (decided.rows[0].n < 2 * decisions + warmup) throw new Error(`only ${decided.rows[0].n} decided`);
    return {
      decisions: { count: decisions, perSecond: decisionRun.perSecond, p50Ms: decisionRun.p50Ms, p99Ms: decisionRun.p99Ms },
      bareQuery: { count: bare, perSecond: bareRun.perSecond, p50Ms: bareRun.p50Ms, p99Ms: bareRun.p99Ms },
      ratio: decisionRun.perSecond / bareRun.perSecond,
      slowProviders: { latencyMs, clients: manyClients, count: decisions, perSecond: slowRun.perSecond, p50Ms: slowRun.p50Ms, p99Ms: slowRun.p99Ms },
    };
  } finally {
    await bench.close();
  }
}

export function printOriginationResult(r: OriginationBenchResult): void {
  const num = (n: number) => n.toFixed(0).padStart(8);
  const ms = (n: number) => n.toFixed(1).padStart(8);
  console.log('workload (8 clients)                         count    per second   p50 ms   p99 ms');
  console.log(`submitApplication -> decided (GraphQL)    ${String(r.decisions.count).padStart(8)}  ${num(r.decisions.perSecond)}     ${ms(r.decisions.p50Ms)} ${ms(r.decisions.p99Ms)}`);
  console.log(`bare authenticated query { __typename }   ${String(r.bareQuery.count).padStart(8)}  ${num(r.bareQuery.perSecond)}     ${ms(r.bareQuery.p50Ms)} ${ms(r.bareQuery.p99Ms)}`);
  console.log(`ratio decisions / bare query: ${r.ratio.toFixed(3)} (target >= 0.1)`);
  const s = r.slowProviders;
  console.log(`submitApplication, KYC and bureau answering in ${s.latencyMs} ms, ${s.clients} clients (more than the API's connections): ${s.count} at ${num(s.perSecond).trim()}/s, p50 ${s.p50Ms.toFixed(1)} ms, p99 ${s.p99Ms.toFixed(1)} ms\n`);
}

if (require.main === module) {
  void runOriginationBench().then(printOriginationResult);
}
