import request from 'supertest';
import { createHttpApp } from '../../src/platform/http/app';
import { bootRuntime } from '../../src/platform/runtime';
import { startRedis } from '../support/services';
import { type TestApp, startTestApp } from '../support/test-app';

const VIEWER = { query: '{ viewer { roles } }' };

/** Waits out the last seconds of a minute, so a spec's requests fall in one fixed window. */
async function freshWindow(): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 8_000) await new Promise((r) => setTimeout(r, left + 50));
}

/**
 * Limits hold across replicas: two API processes' worth of apps on one database (and one Redis)
 * count a caller's requests together, per credential and per anonymous address.
 */
describe.each(['postgres', 'redis'] as const)('rate limits shared by two API replicas (counted in %s)', (store) => {
  let app: TestApp;
  let second: { http: Awaited<ReturnType<typeof createHttpApp>>; close(): Promise<void> };
  let redis: Awaited<ReturnType<typeof startRedis>> | null = null;

  beforeAll(async () => {
    if (store === 'redis') redis = await startRedis();
    app = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '5', RATE_LIMIT_ANONYMOUS_PER_MINUTE: '3', ...(redis ? { REDIS_URL: redis.url } : {}) } });
    const runtime = await bootRuntime(app.config, { migrate: false, worker: false });
    const http = await createHttpApp(runtime);
    second = { http, close: async () => { await http.stop(); await runtime.close(); } };
  });
  afterAll(async () => {
    await second.close();
    await app.close();
    if (redis) process.kill(redis.pid);
  });

  const post = (replica: 0 | 1, token?: string) => {
    const req = request(replica === 0 ? app.http.app : second.http.app).post('/graphql').set('content-type', 'application/json');
    if (token) req.set('authorization', `Bearer ${token}`);
    return req.send(VIEWER);
  };

  it('lets a key make its quota across both replicas, then answers 429 RATE_LIMITED with Retry-After; other keys are unaffected', async () => {
    const { slug } = await app.createTenant();
    const key = await app.apiKey(slug, 'ANALYST');
    const other = await app.apiKey(slug, 'ANALYST');
    await freshWindow();
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await post((i % 2) as 0 | 1, key)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const refused = await post(1, key);
    expect(refused.status).toBe(429);
    expect(refused.body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 5, retryAfterSeconds: expect.any(Number) });
    expect(refused.body.errors[0].extensions.http).toBeUndefined();
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((await post(0, key)).status).toBe(429);
    expect((await post(0, other)).status).toBe(200);
  });

  it('limits callers without a credential by address', async () => {
    await freshWindow();
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await post((i % 2) as 0 | 1)).status);
    // Three answers (401: `viewer` wants a credential), then the limit.
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});
