import { Worker } from 'node:worker_threads';
import { Client } from 'pg';
import { runInContext } from '../src/platform/tenancy/run-in-context';
import { startBenchApp } from './support/bench-app';

export interface QueryCostBenchResult {
  worst: { name: string; cost: number; ms: number };
  candidates: { name: string; cost: number; ms: number }[];
  alone: { p50: number; p99: number; count: number };
  underAttack: { p50: number; p99: number; count: number; attacks: number; refused: number };
  ratio: number;
}

const VIEWER = '{ viewer { roles } }';
const ALL = 'installments { number dueDate principal interest fees total balance } totalPrincipal totalInterest totalFees totalPayable apr';
const preview = (alias: string, n: number, fields = ALL) =>
  `${alias}: previewSchedule(input: { principal: "100000.00", termCount: ${n}, frequency: DAILY, annualInterestRate: "0.18", amortization: EQUAL_INSTALLMENT, dayCount: ACTUAL_ACTUAL, disbursementDate: "2025-01-31" }) { ${fields} }`;
const apr = (n: number) => `{ annualPercentageRate(input: { advances: [{ date: "2025-01-01", amount: "100000.00" }], payments: [${
  Array.from({ length: n }, (_, i) => `{ date: "${new Date(Date.UTC(2025, 0, 2 + i)).toISOString().slice(0, 10)}", amount: "${(120000 / n).toFixed(2)}" }`).join(',')}], unitPeriod: DAILY }) { apr } }`;

/** The most expensive documents the default limits still admit, one per costly field and shape. */
const CANDIDATES: { name: string; query: string }[] = [
  { name: 'previewSchedule termCount 1200 DAILY, every field', query: `{ ${preview('p', 1200)} }` },
  { name: '6 x previewSchedule termCount 195, every field', query: `{ ${Array.from({ length: 6 }, (_, i) => preview(`p${i}`, 195)).join(' ')} }` },
  { name: '30 x previewSchedule termCount 33, every field', query: `{ ${Array.from({ length: 30 }, (_, i) => preview(`p${i}`, 33)).join(' ')} }` },
  { name: 'previewSchedule termCount 1200, totals only', query: `{ ${preview('p', 1200, 'totalPayable apr')} }` },
  // Cash flows run into the token limit first: about 9 tokens each.
  { name: 'annualPercentageRate over 540 cash flows', query: apr(540) },
];

/**
 * Can one caller's costly queries hold up everyone else? Finds the most expensive query the limits
 * admit (each candidate at the cost ceiling, the slowest by server time), then measures 4 clients
 * reading `{ viewer { roles } }` alone, and again while 4 other clients (keys of another tenant, budgets
 * on as deployed) fire that query as fast as they are answered. Prints the viewers' p50/p99 both ways.
 */
export async function runQueryCostBench({ seconds = Number(process.env.BENCH_QUERY_COST_SECONDS ?? 15), log = (s: string) => void process.stderr.write(s) } = {}): Promise<QueryCostBenchResult> {
  const bench = await startBenchApp({ RATE_LIMITS: 'true' });
  try {
    const { runtime } = bench;
    const system = { tenantId: null, platform: true, actor: { type: 'SYSTEM' as const, id: 'bench' }, roles: ['PLATFORM_ADMIN' as const] };
    const keys = async (slug: string, n: number) => runInContext(runtime.dataSource, system, async (platform) => {
      const { tenant } = await runtime.services.tenants.apply(platform, {
        slug, name: slug, legalName: `${slug} Ltd`, country: 'KE', jurisdiction: 'KE', baseCurrency: 'KES', timezone: 'UTC',
        locale: 'en-KE', status: 'ACTIVE', rounding: { decimals: 2, mode: 'HALF_EVEN' }, settings: {},
      }, 'bench');
      const ctx = platform.forTenant(tenant.id);
      const out: string[] = [];
      for (let i = 0; i < n; i++) out.push((await runtime.services.apiKeys.create(ctx, { name: `bench ${i}`, role: 'LENDER_ADMIN' })).secret);
      return out;
    });
    const viewers = await keys('cost-bench-viewers', 4);
    const attackers = await keys('cost-bench-attacker', 4);
    // A key of its own for measuring candidates, on the ENTERPRISE plan (200,000 points, 10,000 a second).
    const [probe] = await keys('cost-bench-probe', 1);
    const owner = new Client({ connectionString: bench.ownerUrl });
    await owner.connect();
    await owner.query("INSERT INTO tenant_api_plans (tenant_id, plan) SELECT id, 'ENTERPRISE' FROM tenants WHERE slug = 'cost-bench-probe'");
    await owner.end();
    const post = async (key: string, query: string) => {
      const started = process.hrtime.bigint();
      const res = await fetch(bench.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query }) });
      const body = (await res.json()) as { errors?: { message: string }[]; extensions?: { cost?: { requestedQueryCost: number } } };
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (body.errors) throw new Error(`${res.status} ${body.errors[0].message}`);
      return { ms, cost: body.extensions?.cost?.requestedQueryCost ?? 0 };
    };
    for (let i = 0; i < 50; i++) await post(probe, VIEWER);
    const candidates = [];
    for (const c of CANDIDATES) {
      const runs = [];
      let cost = 0;
      // Spaced out so the probe key's bucket refills between runs.
      for (let i = 0; i < 5; i++) {
        const r = await post(probe, c.query);
        runs.push(r.ms);
        cost = r.cost;
        await new Promise((ok) => setTimeout(ok, Math.ceil((cost / 10_000) * 1000)));
      }
      runs.sort((a, b) => a - b);
      candidates.push({ name: c.name, cost, ms: runs[2] });
      log(`  candidate ${c.name}: cost ${cost}, ${runs[2].toFixed(1)} ms (median of 5, one at a time)\n`);
    }
    const worst = candidates.reduce((a, b) => (b.ms > a.ms ? b : a));
    const worstQuery = CANDIDATES.find((c) => c.name === worst.name)!.query;

    const alone = await load(bench.url, { viewers, attackers: [], viewerQuery: VIEWER, attackQuery: worstQuery, seconds });
    const attacked = await load(bench.url, { viewers, attackers, viewerQuery: VIEWER, attackQuery: worstQuery, seconds });
    return {
      worst, candidates,
      alone: { p50: alone.p50, p99: alone.p99, count: alone.count },
      underAttack: { p50: attacked.p50, p99: attacked.p99, count: attacked.count, attacks: attacked.attacks, refused: attacked.refused },
      ratio: attacked.p99 / alone.p99,
    };
  } finally {
    await bench.close();
  }
}

interface LoadResult { p50: number; p99: number; count: number; attacks: number; refused: number }

/**
 * On a thread of its own (the server's event loop is what is measured): each viewer key loops on the
 * viewer query over a keep-alive connection for `seconds`, recording latencies; each attacker key
 * loops on the attack query, counting answers and 429 refusals. Any other non-200 fails the run.
 */
function load(url: string, w: { viewers: string[]; attackers: string[]; viewerQuery: string; attackQuery: string; seconds: number }): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(LOAD_SOURCE, { eval: true, workerData: { url, ...w } });
    worker.once('message', (m: LoadResult & { error?: string }) => {
      void worker.terminate();
      if (m.error !== undefined) reject(new Error(m.error));
      else resolve(m);
    });
    worker.once('error', reject);
  });
}

const LOAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { url, viewers, attackers, viewerQuery, attackQuery, seconds } = workerData;
const target = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: viewers.length + attackers.length + 2 });
function post(key, query) {
  const body = JSON.stringify({ query });
  return new Promise((resolve, reject) => {
    const req = http.request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: 'Bearer ' + key } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
(async () => {
  const until = Date.now() + seconds * 1000;
  const latencies = [];
  let attacks = 0, refused = 0;
  const viewer = async (key) => {
    while (Date.now() < until) {
      const t = process.hrtime.bigint();
      const r = await post(key, viewerQuery);
      latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
      if (r.status !== 200 || r.text.includes('"errors"')) throw new Error('viewer: HTTP ' + r.status + ' ' + r.text.slice(0, 200));
    }
  };
  const attacker = async (key) => {
    while (Date.now() < until) {
      const r = await post(key, attackQuery);
      if (r.status === 429) { refused++; continue; }
      if (r.status !== 200 || r.text.includes('"errors"')) throw new Error('attacker: HTTP ' + r.status + ' ' + r.text.slice(0, 200));
      attacks++;
    }
  };
  await Promise.all([...viewers.map(viewer), ...attackers.map(attacker)]);
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  parentPort.postMessage({ p50: at(0.5), p99: at(0.99), count: latencies.length, attacks, refused });
})().catch((e) => parentPort.postMessage({ error: String((e && e.message) || e) }));
`;

export function printQueryCostResult(r: QueryCostBenchResult): void {
  const ms = (n: number) => `${n.toFixed(1).padStart(7)} ms`;
  console.log(`worst admissible query: ${r.worst.name} (cost ${r.worst.cost}), ${r.worst.ms.toFixed(1)} ms alone`);
  console.log('viewers { viewer { roles } }, 4 clients          p50          p99   requests');
  console.log(`alone                                     ${ms(r.alone.p50)}   ${ms(r.alone.p99)}   ${String(r.alone.count).padStart(8)}`);
  console.log(`4 clients firing the worst query          ${ms(r.underAttack.p50)}   ${ms(r.underAttack.p99)}   ${String(r.underAttack.count).padStart(8)}`);
  console.log(`  (worst queries answered ${r.underAttack.attacks}, refused 429 ${r.underAttack.refused})`);
  console.log(`ratio p99 under attack / alone: ${r.ratio.toFixed(2)} (acceptance: < 3)\n`);
}

if (require.main === module) {
  void runQueryCostBench().then(printQueryCostResult);
}
