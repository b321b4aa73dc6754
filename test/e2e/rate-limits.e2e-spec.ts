import IORedis from 'ioredis';
import request from 'supertest';
import { createHttpApp } from '../../src/app/http/app';
import { CostBudget, allowanceFor, PostgresBucketStore, RedisBucketStore } from '../../src/platform/http/rate-limit';
import { bootRuntime } from '../../src/app/runtime';
import { startRedis } from '../support/services';
import { type TestApp, startTestApp } from '../support/test-app';

/** 2 points: `viewer` and `roles`. */
const VIEWER = { query: '{ viewer { roles } }' };
/** 25 points: one object and 24 aliased fields under it. */
const COSTLY = { query: `{ viewer { ${Array.from({ length: 24 }, (_, i) => `r${i}: roles`).join(' ')} } }` };

/**
 * Cost budgets hold across replicas: two API processes' worth of apps on one database (and one Redis)
 * spend a caller's leaky bucket together, sized by its tenant's plan; an address without a credential
 * has a small bucket of its own. Restore rates here are tiny, so nothing refills during a spec.
 */
describe.each(['postgres', 'redis'] as const)('cost budgets shared by two API replicas (kept in %s)', (store) => {
  let app: TestApp;
  let second: { http: Awaited<ReturnType<typeof createHttpApp>>; close(): Promise<void> };
  let redis: Awaited<ReturnType<typeof startRedis>> | null = null;

  beforeAll(async () => {
    if (store === 'redis') redis = await startRedis();
    app = await startTestApp({
      env: {
        RATE_LIMITS: 'true', RATE_LIMIT_PLANS: 'SMALL:100:0.01,LARGE:1000:0.01', RATE_LIMIT_DEFAULT_PLAN: 'SMALL', RATE_LIMIT_ANONYMOUS: '6:0.01', GRAPHQL_MAX_COST: '100',
        ...(redis ? { REDIS_URL: redis.url } : {}),
      },
    });
    const runtime = await bootRuntime(app.config, { migrate: false, worker: false });
    const http = await createHttpApp(runtime);
    second = { http, close: async () => { await http.stop(); await runtime.close(); } };
  });
  afterAll(async () => {
    await second.close();
    await app.close();
    if (redis) process.kill(redis.pid);
  });

  const post = (replica: 0 | 1, body: object, token?: string) => {
    const req = request(replica === 0 ? app.http.app : second.http.app).post('/graphql').set('content-type', 'application/json');
    if (token) req.set('authorization', `Bearer ${token}`);
    return req.send(body);
  };

  it('spends a key’s points across both replicas, then answers 429 RATE_LIMITED with Retry-After and the cost; other keys are unaffected', async () => {
    const { slug } = await app.createTenant();
    const key = await app.apiKey(slug, 'ANALYST');
    const other = await app.apiKey(slug, 'ANALYST');
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await post((i % 2) as 0 | 1, COSTLY, key));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    // Shopify's shape: what was asked, and what the bucket holds after it.
    expect(answers.map((a) => a.body.extensions.cost.throttleStatus.currentlyAvailable)).toEqual([75, 50, 25, 0]);
    expect(answers[0].body.extensions.cost).toEqual({ requestedQueryCost: 25, throttleStatus: { maximumAvailable: 100, currentlyAvailable: 75, restoreRate: 0.01 } });
    const refused = await post(1, VIEWER, key);
    expect(refused.status).toBe(429);
    expect(refused.body.data).toBeUndefined();
    // 2 points at 0.01 a second: 200 s.
    expect(refused.body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', requestedQueryCost: 2, retryAfterSeconds: 200 });
    expect(refused.body.errors[0].extensions.http).toBeUndefined();
    expect(refused.headers['retry-after']).toBe('200');
    expect(refused.body.extensions.cost).toEqual({ requestedQueryCost: 2, throttleStatus: { maximumAvailable: 100, currentlyAvailable: 0, restoreRate: 0.01 } });
    expect((await post(0, VIEWER, key)).status).toBe(429);
    expect((await post(0, VIEWER, other)).status).toBe(200);
  });

  it('sizes the bucket by the tenant’s plan', async () => {
    const small = await app.createTenant();
    const large = await app.createTenant();
    await app.ownerQuery("INSERT INTO tenant_api_plans (tenant_id, plan) VALUES ($1, 'LARGE')", [large.id]);
    const spend = async (slug: string) => {
      const key = await app.apiKey(slug, 'ANALYST');
      let admitted = 0;
      for (let i = 0; i < 50; i++) {
        const res = await post((i % 2) as 0 | 1, COSTLY, key);
        if (res.status !== 200) break;
        admitted++;
      }
      return admitted;
    };
    expect(await spend(small.slug)).toBe(4);
    expect(await spend(large.slug)).toBe(40);
  });

  it('gives callers without a credential a small bucket per address', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await post((i % 2) as 0 | 1, VIEWER)).status);
    // Three answers (401: `viewer` wants a credential), then the bucket of 6 is empty.
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});

/**
 * The buckets themselves, on the real stores, with a clock the spec moves: they drain, refill at the
 * restore rate up to the maximum, never go negative, and a refused take spends nothing.
 */
describe.each(['postgres', 'redis'] as const)('leaky bucket in %s', (store) => {
  let app: TestApp;
  let redis: Awaited<ReturnType<typeof startRedis>> | null = null;
  let client: IORedis | null = null;
  let now = 1_000_000;
  let budget: CostBudget;
  let plan: string | null = null;
  const spender = (id: string, tenantId = '00000000-0000-0000-0000-000000000001') => ({ tenantId, actor: { type: 'API_KEY' as const, id }, ip: null });

  beforeAll(async () => {
    app = await startTestApp();
    if (store === 'redis') {
      redis = await startRedis();
      client = new IORedis(redis.url);
    }
    budget = new CostBudget(client ? new RedisBucketStore(client) : new PostgresBucketStore(() => app.runtime.dataSource),
      { plans: { STANDARD: { maximumAvailable: 100, restoreRate: 10 }, PREMIUM: { maximumAvailable: 1000, restoreRate: 50 } }, defaultPlan: 'STANDARD', anonymous: { maximumAvailable: 10, restoreRate: 1 } },
      async () => plan, () => now);
  });
  afterAll(async () => {
    client?.disconnect();
    await app.close();
    if (redis) process.kill(redis.pid);
  });

  it('drains, refuses with the wait the restore rate needs, and refills with time up to the maximum', async () => {
    expect(await budget.charge(spender('k1'), 60)).toEqual({ maximumAvailable: 100, currentlyAvailable: 40, restoreRate: 10 });
    expect((await budget.charge(spender('k1'), 40))!.currentlyAvailable).toBe(0);
    // 30 points short at 10 a second: 3 s.
    await expect(budget.charge(spender('k1'), 30)).rejects.toMatchObject({ extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 3 } });
    now += 2_000;
    // 20 restored; the refused take spent nothing.
    expect((await budget.charge(spender('k1'), 20))!.currentlyAvailable).toBe(0);
    now += 3_000;
    expect((await budget.charge(spender('k1'), 30))!.currentlyAvailable).toBe(0);
    now += 60_000;
    expect((await budget.charge(spender('k1'), 1))!.currentlyAvailable).toBe(99);
    // A clock behind the last take (another replica's) refills nothing.
    now -= 5_000;
    expect((await budget.charge(spender('k1'), 1))!.currentlyAvailable).toBe(98);
    now += 5_000;
  });

  it('refuses a query costlier than the bucket can ever hold, without a Retry-After', async () => {
    const refused = await budget.charge(spender('k2'), 101).catch((e) => e);
    expect(refused.extensions).toMatchObject({ code: 'RATE_LIMITED', requestedQueryCost: 101 });
    expect(refused.extensions.retryAfterSeconds).toBeUndefined();
  });

  it('spends a large bucket from an allowance taken in one step, which another replica sees taken, and never over-spends', async () => {
    plan = 'LARGE';
    // The real store, with its round trips counted.
    const shared = budget['store' as never] as PostgresBucketStore;
    let takes = 0;
    const counted = { take: (...args: Parameters<PostgresBucketStore['take']>) => (takes++, shared.take(...args)) };
    const large = new CostBudget(counted, {
      plans: { LARGE: { maximumAvailable: 100_000, restoreRate: 50 } }, defaultPlan: 'LARGE', anonymous: { maximumAvailable: 10, restoreRate: 1 },
    }, async () => plan, () => now);
    const other = new CostBudget(large['store' as never], large['settings' as never], async () => plan, () => now);
    // A hundredth of the bucket would be 1,000 points; a second of its restore rate is 50: the allowance is 50.
    expect(allowanceFor(10, { maximumAvailable: 100_000, restoreRate: 50 })).toBe(50);
    const k = spender('k4', '00000000-0000-0000-0000-000000000003');
    const left = [];
    for (let i = 0; i < 5; i++) left.push((await large.charge(k, 10))!.currentlyAvailable);
    // The first request took 50 from the shared bucket; the next four spent them here.
    expect(left).toEqual([99_990, 99_980, 99_970, 99_960, 99_950]);
    expect(takes).toBe(1);
    // The other replica finds the 50 gone, and takes its own allowance.
    expect((await other.charge(k, 10))!.currentlyAvailable).toBe(99_940);
    expect(takes).toBe(2);
    // The allowance lapses after a second: what it held is not spent again.
    now += 1_001;
    const after = (await large.charge(k, 10))!.currentlyAvailable;
    expect(takes).toBe(3);
    expect(after).toBeLessThanOrEqual(99_950 - 10 + 50);

    // Drained: requests stop where the shared bucket does, whoever holds allowances.
    // A bucket of 1,000 restoring 20 a second: allowances of 10 points for requests of 7.
    const tiny = 'TINY';
    plan = tiny;
    expect(allowanceFor(7, { maximumAvailable: 1_000, restoreRate: 20 })).toBe(10);
    const drain = new CostBudget(large['store' as never], { plans: { TINY: { maximumAvailable: 1_000, restoreRate: 20 } }, defaultPlan: tiny, anonymous: { maximumAvailable: 10, restoreRate: 1 } }, async () => plan, () => now);
    const drain2 = new CostBudget(large['store' as never], drain['settings' as never], async () => plan, () => now);
    const d = spender('k5', '00000000-0000-0000-0000-000000000004');
    let spent = 0;
    for (let i = 0; i < 200; i++) {
      const ok = await (i % 2 ? drain : drain2).charge(d, 7).then(() => true, () => false);
      if (ok) spent += 7;
    }
    expect(spent).toBeLessThanOrEqual(1_000);
    expect(spent).toBeGreaterThan(1_000 - 2 * 10);
    plan = null;
  });

  it('gives each plan its own budget', async () => {
    plan = 'PREMIUM';
    const premium = spender('k3', '00000000-0000-0000-0000-000000000002');
    expect(await budget.charge(premium, 500)).toEqual({ maximumAvailable: 1000, currentlyAvailable: 500, restoreRate: 50 });
    plan = null;
  });
});
