import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { mkdtempSync, chmodSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/config';
import { ensureAppRole, ensureDatabase, withDatabase } from '../../src/platform/db/database';
import { startEmbeddedPostgres } from '../../src/platform/db/embedded-postgres';
import { runMigrations } from '../../src/app/migrate';
import { createHttpApp } from '../../src/app/http/app';
import { type BootOptions, type Runtime, bootRuntime } from '../../src/app/runtime';
import { runInContext } from '../../src/platform/tenancy/run-in-context';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/**
 * The real API on a real HTTP port for benchmarks: BENCH_DATABASE_URL when set, otherwise a
 * throw-away embedded PostgreSQL; queues on Redis when BENCH_REDIS_URL is set, else Postgres.
 * `env` overrides settings (e.g. a rate limit for a bench that measures with the limiter on).
 */
export async function startBenchApp(env: Record<string, string> = {}, boot: Pick<BootOptions, 'providers'> = {}): Promise<{ runtime: Runtime; url: string; ownerUrl: string; close(): Promise<void> }> {
  let adminUrl = process.env.BENCH_DATABASE_URL;
  let stopEmbedded: () => Promise<void> = async () => undefined;
  let tmp: string | undefined;
  if (!adminUrl) {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'microlend-bench-'));
    chmodSync(tmp, 0o755);
    const embedded = await startEmbeddedPostgres({ dataDir: path.join(tmp, 'pg'), port: await freePort() });
    adminUrl = embedded.ownerUrl;
    stopEmbedded = embedded.stop;
  }
  const dbName = `microlend_bench_${process.pid}`;
  await ensureDatabase(adminUrl, dbName);
  const ownerUrl = withDatabase(adminUrl, dbName);
  // Under NODE_ENV=production (see support/production-env.ts) the app runs as in production, which
  // refuses development secrets: this run makes its own.
  const production = process.env.NODE_ENV === 'production';
  const secrets = production
    ? { APP_DB_PASSWORD: randomBytes(32).toString('base64url'), JWT_SECRET: randomBytes(48).toString('base64'), MASTER_KEY: randomBytes(32).toString('base64') }
    : { APP_DB_PASSWORD: 'microlend-app-bench' };
  await ensureAppRole(ownerUrl, secrets.APP_DB_PASSWORD);
  await runMigrations(ownerUrl);
  const config = loadConfig({
    NODE_ENV: production ? 'production' : 'test', DATABASE_URL: ownerUrl, ...secrets, REDIS_URL: process.env.BENCH_REDIS_URL, LOG_LEVEL: 'silent', RATE_LIMITS: 'false', ...env,
  });
  const runtime = await bootRuntime(config, { migrate: false, worker: false, ...boot });
  const http = await createHttpApp(runtime);
  const server: Server = await new Promise((resolve) => {
    const s = http.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as { port: number };
  return {
    runtime,
    ownerUrl,
    url: `http://127.0.0.1:${port}/graphql`,
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await http.stop();
      await runtime.close();
      await stopEmbedded();
      if (tmp) rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/**
 * A lender for a bench: an active KES tenant `slug` with the 10,000 x 12-month product BOOK (18%,
 * 12% penalty) and an API key of `role`, made through the services as `tenants apply` would.
 */
export async function benchLender(runtime: Runtime, slug: string, role: 'LENDER_ADMIN' | 'SERVICER'): Promise<{ tenantId: string; key: string }> {
  const system = { tenantId: null, platform: true, actor: { type: 'SYSTEM' as const, id: 'bench' }, roles: ['PLATFORM_ADMIN' as const] };
  return runInContext(runtime.dataSource, system, async (platform) => {
    const { tenant } = await runtime.services.tenants.apply(platform, {
      slug, name: `${slug} (bench)`, legalName: `${slug} Bench Ltd`, country: 'KE', jurisdiction: 'KE', baseCurrency: 'KES', timezone: 'UTC',
      locale: 'en-KE', status: 'ACTIVE', rounding: { decimals: 2, mode: 'HALF_EVEN' }, settings: {},
    }, 'bench');
    const ctx = platform.forTenant(tenant.id);
    await runtime.services.products.create(ctx, 'BOOK', {
      name: 'Book loan', segment: 'CONSUMER', currency: 'KES', amountMin: '10000', amountMax: '10000', termMin: 12, termMax: 12, frequencies: ['MONTHLY'],
      amortization: 'EQUAL_INSTALLMENT', dayCount: 'ACTUAL_365', rounding: { decimals: 2, mode: 'HALF_EVEN' }, penaltyAnnualRate: '0.12', rateBands: [{ grade: 'A', annualRate: '0.18' }],
    });
    const { secret } = await runtime.services.apiKeys.create(ctx, { name: 'bench', role });
    return { tenantId: tenant.id, key: secret };
  });
}
