import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { type Config, loadConfig } from '../../src/config/config';
import { quoteIdent, withDatabase } from '../../src/platform/db/database';
import { type HttpApp, createHttpApp, serveMetrics } from '../../src/app/http/app';
import { type Runtime, bootRuntime } from '../../src/app/runtime';
import type { Providers } from '../../src/platform/providers/providers';
import type { RequestContext } from '../../src/platform/tenancy/request-context';
import { runInContext } from '../../src/platform/tenancy/run-in-context';
import type { Role } from '../../src/platform/tenancy/roles';
import type { TenantDefinition } from '../../src/modules/tenancy/tenant-definition';
import { TEST_APP_PASSWORD, templateDb } from './global-setup';
import { TEST_TIME_ZONE } from './dates';

export interface GqlResult<T = Record<string, any>> {
  status: number;
  data: T | null;
  errors?: { message: string; path?: string[]; extensions: { code: string; field?: string; [k: string]: unknown } }[];
}

export interface TestApp {
  runtime: Runtime;
  http: HttpApp;
  config: Config;
  /** Owner connection to this spec's database: for tampering and for checks the app cannot do. */
  ownerUrl: string;
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResult<T>>;
  createTenant(overrides?: Partial<TenantDefinition>): Promise<{ id: string; slug: string }>;
  /** A key of the tenant; an AGENT key without `agentId` belongs to a new individual agent of its own. */
  apiKey(slug: string, role: Role, opts?: { expiresAt?: Date; agentId?: string }): Promise<string>;
  platformKey(): Promise<string>;
  inTenant<T>(slug: string, work: (ctx: RequestContext) => Promise<T>): Promise<T>;
  ownerQuery<T = any>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export function adminUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the tests through jest (global setup provides it)');
  return url;
}

/** A fresh database for one spec file, copied from the migrated template. */
export async function createTestDatabase(): Promise<string> {
  const name = `microlend_t_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(templateDb())}`);
        break;
      } catch (err) {
        // Two specs copying the template at the same instant: wait and retry.
        if (attempt > 20 || !String((err as Error).message).includes('being accessed')) throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
  return withDatabase(adminUrl(), name);
}

export function testConfig(env: Record<string, string | undefined>): Config {
  // Specs fire requests far faster than any caller should: limits are off unless a spec sets them.
  return loadConfig({ NODE_ENV: 'test', APP_DB_PASSWORD: TEST_APP_PASSWORD, JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256', RATE_LIMITS: 'false', ...env });
}

let tenantCounter = 0;

/**
 * Boots the real app (HTTP + GraphQL + queues) on its own database. `queue: 'redis'` uses the
 * run's Redis, `'postgres'` the BullMQ Postgres backend; `worker` starts a job worker in-process;
 * `providers` stands for the vendors' adapters (the sandboxes when not given).
 */
export async function startTestApp(opts: { queue?: 'redis' | 'postgres'; worker?: boolean; env?: Record<string, string>; providers?: Providers } = {}): Promise<TestApp> {
  const ownerUrl = await createTestDatabase();
  const redisUrl = opts.queue === 'redis' ? process.env.TEST_REDIS_URL : undefined;
  if (opts.queue === 'redis' && !redisUrl) throw new Error('this spec needs Redis: install redis-server or set TEST_REDIS_URL');
  const config = testConfig({ DATABASE_URL: ownerUrl, REDIS_URL: redisUrl, ...opts.env });
  const runtime = await bootRuntime(config, { migrate: false, worker: opts.worker ?? false, providers: opts.providers });
  const http = await createHttpApp(runtime);
  // As main.ts does: /metrics on a port of its own when METRICS_PORT is set.
  const metricsServer = config.metricsPort ? await serveMetrics(runtime, config.metricsPort) : null;
  const platformCtx = { tenantId: null, platform: true, actor: { type: 'SYSTEM' as const, id: 'test' }, roles: ['PLATFORM_ADMIN' as Role] };

  const app: TestApp = {
    runtime,
    http,
    config,
    ownerUrl,
    async gql(query, variables, token) {
      const req = request(http.app).post('/graphql').set('content-type', 'application/json');
      if (token) req.set('authorization', `Bearer ${token}`);
      const res = await req.send({ query, variables });
      return { status: res.status, data: res.body.data ?? null, errors: res.body.errors };
    },
    async createTenant(overrides = {}) {
      const slug = overrides.slug ?? `lender-${process.pid}-${++tenantCounter}`;
      const def: TenantDefinition = {
        slug, name: `Lender ${slug}`, legalName: `Lender ${slug} Ltd`, country: 'KE', jurisdiction: 'KE', baseCurrency: 'KES',
        timezone: TEST_TIME_ZONE, locale: 'en-KE', status: 'ACTIVE', rounding: { decimals: 2, mode: 'HALF_EVEN' }, settings: {}, ...overrides,
      };
      const { tenant } = await runInContext(runtime.dataSource, platformCtx, (ctx) => runtime.services.tenants.apply(ctx, def, 'test'));
      return { id: tenant.id, slug: tenant.slug };
    },
    async apiKey(slug, role, keyOpts = {}) {
      return app.inTenant(slug, async (ctx) => {
        const agentId = role === 'AGENT' ? (keyOpts.agentId ?? (await runtime.services.agents.create(ctx, { kind: 'INDIVIDUAL', name: 'Test agent' })).id) : undefined;
        return (await runtime.services.apiKeys.create(ctx, { name: `test ${role}`, role, expiresAt: keyOpts.expiresAt, agentId })).secret;
      });
    },
    async platformKey() {
      return runInContext(runtime.dataSource, platformCtx, (ctx) => runtime.services.apiKeys.createPlatformKey(ctx, 'test operator'));
    },
    async inTenant(slug, work) {
      return runInContext(runtime.dataSource, platformCtx, async (platform) => {
        const tenant = await runtime.services.tenants.bySlugOrThrow(platform, slug);
        return work(platform.forTenant(tenant.id));
      });
    },
    async ownerQuery(sql, params = []) {
      const client = new Client({ connectionString: ownerUrl });
      await client.connect();
      try {
        return (await client.query(sql, params)).rows;
      } finally {
        await client.end();
      }
    },
    async close() {
      await http.stop();
      await new Promise((resolve) => (metricsServer ? metricsServer.close(resolve) : resolve(undefined)));
      await runtime.close();
      const admin = new Client({ connectionString: adminUrl() });
      await admin.connect();
      const name = quoteIdent(new URL(ownerUrl).pathname.slice(1));
      // Give connections closing in the background (BullMQ's Postgres LISTEN client) a moment to go,
      // so dropping the database does not have to cut them off; then insist.
      for (let attempt = 0; attempt < 20; attempt++) {
        const dropped = await admin.query(`DROP DATABASE IF EXISTS ${name}`).then(() => true, () => false);
        if (dropped) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      await admin.end();
    },
  };
  return app;
}
