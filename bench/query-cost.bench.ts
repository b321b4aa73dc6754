import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { Client } from 'pg';
import { seedLoans } from '../src/modules/cob/seed-loans';
import { todayIn } from '../src/platform/tenancy/business-date';
import { runInContext } from '../src/platform/tenancy/run-in-context';
import { startBenchApp } from './support/bench-app';

export interface QueryCostBenchResult {
  /** `ms`: CPU time of one request alone (median). */
  worst: { name: string; cost: number; ms: number };
  candidates: { name: string; cost: number; ms: number }[];
  alone: { p50: number; p99: number; count: number };
  underAttack: { p50: number; p99: number; count: number; attacks: number; refused: number };
  ratio: number;
  /** The attackers' plan: far more than the run can spend, so no attack is refused for budget. */
  attackerBudget: string;
  load: { before: number[]; after: number[] };
}

const VIEWER = '{ viewer { roles } }';
const ROW = 'number dueDate principal interest fees total balance';
const TOTALS = 'totalPrincipal totalInterest totalFees totalPayable apr';
const preview = (alias: string, n: number, rows: string | null) =>
  `${alias}: previewSchedule(input: { principal: "100000.00", termCount: ${n}, frequency: DAILY, annualInterestRate: "0.18", amortization: EQUAL_INSTALLMENT, dayCount: ACTUAL_ACTUAL, disbursementDate: "2025-01-31" }) { ${rows ? `installments { ${rows} } ` : ''}${TOTALS} }`;
const apr = (n: number) => `{ annualPercentageRate(input: { advances: [{ date: "2025-01-01", amount: "100000.00" }], payments: [${
  Array.from({ length: n }, (_, i) => `{ date: "${new Date(Date.UTC(2025, 0, 2 + i)).toISOString().slice(0, 10)}", amount: "${(120000 / n).toFixed(2)}" }`).join(',')}], unitPeriod: DAILY }) { apr } }`;
const aliases = (n: number, field: (i: number) => string) => `{ ${Array.from({ length: n }, (_, i) => field(i)).join(' ')} }`;
const LOAN = 'id status principal annualRate currency dpd bucket borrowerId productId nextDueDate agentId apr applicationId disbursedAt netDisbursed productVersion';

/**
 * The most expensive documents the limits still admit, one family per costly field and shape: each
 * is sized by a unit (rows, aliases, applications, loans) and run at the largest unit the cost limit
 * admits, found by asking the API. Run against a tenant holding the data that makes them slow
 * (300 loans, 2,500 decided applications): an attacker is a lender and may hold as much.
 */
const families = (loanIds: string[]): { name: (n: number) => string; query: (n: number) => string; max: number }[] => [
  { name: (n) => `previewSchedule termCount ${n} DAILY, every row field`, query: (n) => `{ ${preview('p', n, ROW)} }`, max: 1200 },
  { name: (n) => `previewSchedule termCount ${n} DAILY, four row fields`, query: (n) => `{ ${preview('p', n, 'dueDate principal interest total')} }`, max: 1200 },
  { name: (n) => `6 x previewSchedule termCount ${n} DAILY, every row field`, query: (n) => aliases(6, (i) => preview(`p${i}`, n, ROW)), max: 1200 },
  { name: (n) => `${n} x previewSchedule termCount 30 DAILY, totals`, query: (n) => aliases(n, (i) => preview(`p${i}`, 30, null)), max: 30 },
  // Cash flows run into the token limit first (about 9 tokens each): 540 at most.
  { name: (n) => `annualPercentageRate over ${n} cash flows`, query: apr, max: 540 },
  { name: (n) => `simulateDecision over ${n} applications`, query: (n) => `{ simulateDecision(applications: ${n}) { applications current draft changed } }`, max: 2000 },
  { name: (n) => `loans(first: ${n}) with each schedule (a replay each)`, query: (n) => `{ loans(first: ${n}) { nodes { id schedule { number dueDate principalDue interestDue feesDue status } } } }`, max: 100 },
  { name: (n) => `loans(first: ${n}) with each balances (a replay each)`, query: (n) => `{ loans(first: ${n}) { nodes { id balances { outstanding { principal interest fees penalties total } } } } }`, max: 100 },
  { name: (n) => `${n} x payoffQuote`, query: (n) => aliases(n, (i) => `q${i}: payoffQuote(loanId: "${loanIds[i % loanIds.length]}") { principal interest fees penalties total }`), max: 30 },
  { name: (n) => `${n} x trialBalance`, query: (n) => aliases(n, (i) => `t${i}: trialBalance { asOf balanced totalDebit totalCredit lines { account balance } }`), max: 30 },
  { name: (n) => `loans(first: ${n}), 16 fields`, query: (n) => `{ loans(first: ${n}) { nodes { ${LOAN} } } }`, max: 100 },
];

/** A plan far beyond what 4 clients can spend in the run: the attackers are never refused for budget. */
const ATTACKER_PLAN = 'BENCH_UNLIMITED:1000000000:100000000';

/**
 * Can one caller's costly queries hold up everyone else? Finds the most expensive query the limits
 * admit (each candidate near the cost ceiling, the slowest by server time), then measures 4 clients
 * reading `{ viewer { roles } }` alone, and again while 4 other clients (keys of another tenant) fire
 * that query as fast as they are answered. The attackers' plan is unlimited, so what bounds their harm
 * is the cost limit of one request, not their budget. Prints the viewers' p50/p99 both ways.
 */
export async function runQueryCostBench({ seconds = Number(process.env.BENCH_QUERY_COST_SECONDS ?? 15), log = (s: string) => void process.stderr.write(s) } = {}): Promise<QueryCostBenchResult> {
  const [planName] = ATTACKER_PLAN.split(':');
  const bench = await startBenchApp({
    RATE_LIMITS: 'true', RATE_LIMIT_PLANS: `STARTER:20000:500,STANDARD:50000:2000,ENTERPRISE:200000:10000,${ATTACKER_PLAN}`,
    // The deployed default unless BENCH_GRAPHQL_MAX_COST tries another.
    ...(process.env.BENCH_GRAPHQL_MAX_COST ? { GRAPHQL_MAX_COST: process.env.BENCH_GRAPHQL_MAX_COST } : {}),
  });
  const load = { before: os.loadavg(), after: [] as number[] };
  try {
    const { runtime } = bench;
    const system = { tenantId: null, platform: true, actor: { type: 'SYSTEM' as const, id: 'bench' }, roles: ['PLATFORM_ADMIN' as const] };
    const tenant = async (slug: string, n: number) => runInContext(runtime.dataSource, system, async (platform) => {
      const { tenant: t } = await runtime.services.tenants.apply(platform, {
        slug, name: slug, legalName: `${slug} Ltd`, country: 'KE', jurisdiction: 'KE', baseCurrency: 'KES', timezone: 'UTC',
        locale: 'en-KE', status: 'ACTIVE', rounding: { decimals: 2, mode: 'HALF_EVEN' }, settings: {},
      }, 'bench');
      const ctx = platform.forTenant(t.id);
      const keys: string[] = [];
      for (let i = 0; i < n; i++) keys.push((await runtime.services.apiKeys.create(ctx, { name: `bench ${i}`, role: 'LENDER_ADMIN' })).secret);
      return { id: t.id, ctx, keys };
    });
    const viewers = (await tenant('cost-bench-viewers', 4)).keys;
    // The attackers' tenant: 4 attacking keys and a fifth that measures the candidates.
    const attacker = await tenant('cost-bench-attacker', 5);
    const [probe, ...attackers] = attacker.keys;
    const productId = await runInContext(runtime.dataSource, system, async (platform) => {
      const ctx = platform.forTenant(attacker.id);
      const product = await runtime.services.products.create(ctx, 'BENCH', {
        name: 'Bench loan', segment: 'CONSUMER', currency: 'KES', amountMin: '1000', amountMax: '500000', termMin: 3, termMax: 24, frequencies: ['MONTHLY'],
        amortization: 'EQUAL_INSTALLMENT', dayCount: 'THIRTY_360', rounding: { decimals: 2, mode: 'HALF_UP' }, penaltyAnnualRate: '0.12',
        rateBands: ['A', 'B', 'C', 'D', 'E'].map((grade, i) => ({ grade, annualRate: `0.${14 + i * 2}` })),
      });
      await runtime.services.decisionConfigs.setPolicy(ctx, 'APPROVAL_TIERS', [{ id: 'auto', name: 'Auto', priority: 1, mode: 'AUTO' }]);
      return product.id;
    });
    // The plan before the first request: the limiter caches a tenant's plan for a minute.
    const owner = new Client({ connectionString: bench.ownerUrl });
    await owner.connect();
    await owner.query('INSERT INTO tenant_api_plans (tenant_id, plan) VALUES ($1, $2)', [attacker.id, planName]);
    log('  seeding the attacker tenant: 300 loans, 2,500 decided applications\n');
    await seedLoans(runtime.services.units, runtime.services, { tenantId: attacker.id, productCode: 'BENCH', count: 300, startDate: todayIn('UTC') });
    // One request at a time: the process's CPU time over it is the server's (and this small client's),
    // which a loaded machine stretches less than the wall-clock time.
    const post = async (key: string, query: string, variables?: unknown) => {
      const started = process.hrtime.bigint();
      const cpu = process.cpuUsage();
      const res = await fetch(bench.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query, variables }) });
      const body = (await res.json()) as { errors?: { message: string }[]; extensions?: { cost?: { requestedQueryCost: number } } };
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const used = process.cpuUsage(cpu);
      if (body.errors) throw new Error(`${res.status} ${body.errors[0].message}`);
      return { ms, cpuMs: (used.user + used.system) / 1000, cost: body.extensions?.cost?.requestedQueryCost ?? 0 };
    };
    const submit = 'mutation($i: SubmitApplicationInput!) { submitApplication(input: $i) { id } }';
    for (let i = 0; i < 10; i++) {
      await post(probe, submit, { i: { productId, amount: '20000.00', termCount: 12, borrower: {
        segment: 'CONSUMER', fullName: `Bench Borrower ${i}`, nationalId: `BN${10000000 + i}`, dateOfBirth: '1985-06-15', phone: `+2547${10000000 + i}`,
        region: 'Nairobi', industry: 'retail', monthlyIncome: '90000.00', monthlyObligations: '4000.00', bankAccount: `BA${10000000 + i}` } } });
    }
    // Copies of the decided applications (new ids, no loan), as a lender with a busy book holds.
    await owner.query(`INSERT INTO applications SELECT (jsonb_populate_record(NULL::applications, to_jsonb(a) || jsonb_build_object('id', gen_random_uuid(), 'loan_id', NULL))).*
      FROM applications a, generate_series(1, 250) WHERE a.tenant_id = $1 AND a.decision IS NOT NULL`, [attacker.id]);
    await owner.query('ANALYZE applications');
    await owner.query('ANALYZE loans');
    const loanIds = (await owner.query('SELECT id FROM loans WHERE tenant_id = $1 ORDER BY id LIMIT 10', [attacker.id])).rows.map((r) => r.id as string);
    await owner.end();

    for (let i = 0; i < 50; i++) await post(probe, VIEWER);
    const base = [];
    for (let i = 0; i < 21; i++) base.push((await post(probe, '{ __typename }')).cpuMs);
    const overhead = base.sort((a, b) => a - b)[10];
    log(`  { __typename }: ${overhead.toFixed(2)} ms of CPU a request (median of 21), subtracted below to give the cost's own time\n`);
    const measured = [];
    const chosen: { name: string; query: string }[] = [];
    const admitted = async (query: string) => {
      const res = await fetch(bench.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${probe}` }, body: JSON.stringify({ query }) });
      const body = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
      if (body.errors?.[0]?.extensions?.code === 'QUERY_TOO_COMPLEX') return false;
      if (body.errors) throw new Error(`${res.status} ${JSON.stringify(body.errors[0])}`);
      return true;
    };
    for (const f of families(loanIds)) {
      // The largest unit the limits admit.
      let lo = 0;
      let hi = f.max;
      while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        if (await admitted(f.query(mid))) lo = mid;
        else hi = mid - 1;
      }
      if (lo === 0) continue;
      const c = { name: f.name(lo), query: f.query(lo) };
      chosen.push(c);
      const runs = [];
      let cost = 0;
      for (let i = 0; i < 7; i++) {
        const r = await post(probe, c.query);
        runs.push(r);
        cost = r.cost;
      }
      const median = (xs: number[]) => xs.sort((a, b) => a - b)[3];
      const ms = median(runs.map((r) => r.cpuMs));
      measured.push({ name: c.name, cost, ms });
      log(`  candidate ${c.name}: cost ${cost}, CPU ${ms.toFixed(1)} ms, wall ${median(runs.map((r) => r.ms)).toFixed(1)} ms (medians of 7, one at a time); ${(((ms - overhead) * 1000) / cost).toFixed(2)} µs a point\n`);
    }
    const worst = measured.reduce((a, b) => (b.ms > a.ms ? b : a));
    const worstQuery = chosen.find((c) => c.name === worst.name)!.query;

    const alone = await loadRun(bench.url, { viewers, attackers: [], viewerQuery: VIEWER, attackQuery: worstQuery, seconds });
    const attacked = await loadRun(bench.url, { viewers, attackers, viewerQuery: VIEWER, attackQuery: worstQuery, seconds });
    load.after = os.loadavg();
    return {
      worst, candidates: measured,
      alone: { p50: alone.p50, p99: alone.p99, count: alone.count },
      underAttack: { p50: attacked.p50, p99: attacked.p99, count: attacked.count, attacks: attacked.attacks, refused: attacked.refused },
      ratio: attacked.p99 / alone.p99,
      attackerBudget: ATTACKER_PLAN,
      load,
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
function loadRun(url: string, w: { viewers: string[]; attackers: string[]; viewerQuery: string; attackQuery: string; seconds: number }): Promise<LoadResult> {
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
  const [plan, max, rate] = r.attackerBudget.split(':');
  console.log(`load average (1, 5, 15 min) before ${r.load.before.map((l) => l.toFixed(2)).join(' ')}, after ${r.load.after.map((l) => l.toFixed(2)).join(' ')} on ${os.cpus().length} cores`);
  console.log(`worst admissible query: ${r.worst.name} (cost ${r.worst.cost}), ${r.worst.ms.toFixed(1)} ms of CPU alone`);
  console.log(`attackers' budget: plan ${plan}, ${Number(max).toLocaleString('en')} points restored at ${Number(rate).toLocaleString('en')} a second: never empty, so only the per-request cost limit bounds them`);
  console.log('viewers { viewer { roles } }, 4 clients          p50          p99   requests');
  console.log(`alone                                     ${ms(r.alone.p50)}   ${ms(r.alone.p99)}   ${String(r.alone.count).padStart(8)}`);
  console.log(`4 clients firing the worst query          ${ms(r.underAttack.p50)}   ${ms(r.underAttack.p99)}   ${String(r.underAttack.count).padStart(8)}`);
  console.log(`  (worst queries answered ${r.underAttack.attacks}, refused 429 ${r.underAttack.refused})`);
  console.log(`ratio p99 under attack / alone: ${r.ratio.toFixed(2)} (acceptance: < 3)\n`);
}

if (require.main === module) {
  void runQueryCostBench().then(printQueryCostResult);
}
