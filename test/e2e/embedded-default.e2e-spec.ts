import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { cliProcess, succeeded } from '../support/cli';
import { eventually } from '../support/eventually';
import { freePort, traversableTempDir } from '../support/services';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * The README's first command, for real: `npm start` with no DATABASE_URL and no REDIS_URL boots an
 * embedded PostgreSQL, runs the queues on BullMQ's Postgres backend, loads tenants/ and serves
 * GraphQL; the CLI reaches the same embedded database while the server runs; data survives a restart.
 */
describe('embedded default (no DATABASE_URL, no REDIS_URL)', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let port: number;
  let metricsPort: number;
  let server: ChildProcess | undefined;
  let log = '';

  const start = async () => {
    log = '';
    server = spawn(process.execPath, ['-r', '@swc-node/register', 'src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout!.on('data', (d) => (log += d));
    server.stderr!.on('data', (d) => (log += d));
    const deadline = Date.now() + 90_000;
    while (!log.includes('microlend is up')) {
      if (server.exitCode !== null) throw new Error(`server exited:\n${log}`);
      if (Date.now() > deadline) throw new Error(`server did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const stop = async () => {
    if (!server || server.exitCode !== null) return;
    const exited = new Promise<number | null>((r) => server!.once('exit', (code) => r(code)));
    server.kill('SIGTERM');
    // Graceful shutdown: in-flight work finishes, the embedded database stops, the process exits 0.
    const code = await exited;
    if (code !== 0) throw new Error(`server exited with ${code} on SIGTERM:\n${log}`);
  };
  const gql = async (query: string, key?: string) => {
    const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify({ query }),
    });
    return { status: res.status, retryAfter: res.headers.get('retry-after'), ...((await res.json()) as { data: any; errors?: any[] }) };
  };
  const postmasterPid = () => Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);

  beforeAll(async () => {
    dataDir = path.join(traversableTempDir('microlend-embedded-'), 'pg');
    port = await freePort();
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !['DATABASE_URL', 'REDIS_URL', 'APP_DATABASE_URL', 'JWT_SECRET'].includes(k)));
    metricsPort = await freePort();
    env = { ...clean, NODE_ENV: 'development', PORT: String(port), METRICS_PORT: String(metricsPort), EMBEDDED_PG_PORT: String(await freePort()), MICROLEND_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
    await start();
  }, 120_000);
  afterAll(async () => {
    await stop();
    rmSync(path.dirname(dataDir), { recursive: true, force: true });
  });

  it('serves GraphQL with both sample tenants and tells how to get a key', async () => {
    expect(log).toContain(`GraphQL at http://localhost:${port}/graphql`);
    expect(log).toContain('tenants: huinong-xiaodai, jamii-credit');
    expect(log).toContain('BullMQ Postgres backend');
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', queue: 'ok' } });
  });

  it('shows the Apollo Sandbox landing page in development', async () => {
    const page = await fetch(`http://127.0.0.1:${port}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/apollo/i);
  });

  it('gives a working key from the CLI while the server runs, and keeps data across a restart', async () => {
    const made = succeeded(await cliProcess(['apikey', 'create', '--tenant', 'jamii-credit', '--role', 'LENDER_ADMIN'], env));
    const key = made.out.trim();
    const res = await gql('{ viewer { tenant { slug baseCurrency } roles } }', key);
    expect(res.data.viewer).toEqual({ tenant: { slug: 'jamii-credit', baseCurrency: 'KES' }, roles: ['LENDER_ADMIN'] });
    expect((await gql('{ viewer { roles } }')).errors![0].extensions.code).toBe('UNAUTHENTICATED');

    await stop();
    await start();
    expect((await gql('{ viewer { tenant { slug } } }', key)).data.viewer.tenant.slug).toBe('jamii-credit');
  }, 300_000);

  it('runs jobs on the Postgres queue backend inside the API process', async () => {
    const made = succeeded(await cliProcess(['apikey', 'create', '--tenant', 'huinong-xiaodai', '--role', 'LENDER_ADMIN'], env));
    const key = made.out.trim();
    const { id } = (await gql('mutation { verifyAuditLog { id state } }', key)).data.verifyAuditLog;
    let state = 'QUEUED';
    let result: any;
    for (let i = 0; i < 200 && (state === 'QUEUED' || state === 'RUNNING'); i++) {
      await new Promise((r) => setTimeout(r, 50));
      result = (await gql(`{ auditVerification(id: "${id}") { state ok checked } }`, key)).data.auditVerification;
      state = result.state;
    }
    // The tenant's chain: tenant created, and the two keys made by the CLI in this spec run (one here).
    expect(result).toMatchObject({ state: 'COMPLETED', ok: true });
    expect(result.checked).toBeGreaterThanOrEqual(2);
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(404);
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(metrics).toMatch(/microlend_jobs_total\{queue="microlend",job="audit.verify",outcome="completed"\} 1/);
  }, 180_000);

  it('starts its PostgreSQL again when it dies (kill -9), on the same data and port; callers meanwhile get a retriable 503', async () => {
    const key = succeeded(await cliProcess(['apikey', 'create', '--tenant', 'jamii-credit', '--role', 'LENDER_ADMIN'], env)).out.trim();
    const written = await gql('mutation { createApiKey(input: { name: "before-the-crash", role: ANALYST }) { apiKey { id } } }', key);
    expect(written.errors).toBeUndefined();
    const before = postmasterPid();

    process.kill(before, 'SIGKILL');
    const outages: { status: number; errors: any[]; retryAfter: string | null }[] = [];
    const answer = await eventually(async () => {
      const res = await gql('{ viewer { tenant { slug } } apiKeys(first: 100) { nodes { name } } }', key);
      if (res.errors) outages.push({ status: res.status, errors: res.errors, retryAfter: res.retryAfter });
      expect(res.errors).toBeUndefined();
      return res.data;
    }, 120_000);

    expect(answer.viewer.tenant.slug).toBe('jamii-credit');
    expect(answer.apiKeys.nodes.map((n: { name: string }) => n.name)).toContain('before-the-crash');
    expect(postmasterPid()).not.toBe(before);
    // Whatever failed during the outage failed as the retriable kind, never as INTERNAL.
    for (const o of outages) {
      const retriable = o.status === 503 && /^\d+$/.test(o.retryAfter ?? '') && o.errors.every((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE');
      if (!retriable) throw new Error(`not a retriable answer during the outage: ${JSON.stringify(o)}`);
    }
    expect(log).toContain('embedded postgres is down; restarting it');
    expect(server!.exitCode).toBeNull();
  }, 180_000);
});
