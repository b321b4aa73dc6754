import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { quoteIdent, withCredentials, withDatabase } from '../../src/platform/db/database';
import { TEST_APP_PASSWORD } from '../support/global-setup';
import { freePort, startRedis } from '../support/services';
import { adminUrl } from '../support/test-app';

/**
 * The container image, as far as it can be checked without Docker: the Dockerfile's promises, the
 * .dockerignore, and the compiled output the image runs (`tsc -p tsconfig.build.json`, then
 * `node dist/src/main.js`, `node dist/src/worker.js` and the CLI's `db migrate`) in production mode
 * against a real, empty database.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const run = promisify(execFile);

describe('Dockerfile and .dockerignore', () => {
  const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
  const lines = dockerfile.split('\n').filter((l) => l.trim() && !l.trimStart().startsWith('#'));
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const runtime = stages[stages.length - 1];

  it('builds in stages and runs the last one on node 24 slim', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(lines.filter((l) => l.startsWith('FROM ')).map((l) => l.split(/\s+AS\s+/i)[1])).toEqual(['build', 'deps', 'runtime']);
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:24-bookworm-slim$/m);
    expect(runtime).toMatch(/^\$\{NODE_IMAGE\} AS runtime/);
  });

  it('installs production dependencies only, with npm ci, and copies the compiled output and the tenants', () => {
    expect(dockerfile).toMatch(/^RUN npm ci --omit=dev\b/m);
    expect(runtime).toMatch(/^COPY --from=deps \/app\/node_modules \.\/node_modules$/m);
    expect(runtime).toMatch(/^COPY --from=build \/app\/dist \.\/dist$/m);
    expect(runtime).toMatch(/^COPY tenants \.\/tenants$/m);
    expect(runtime).toMatch(/NODE_ENV=production/);
    // The console is built in the build stage, into dist/console, which the API serves at /console.
    expect(stages[0]).toMatch(/^RUN npm run build:prod && npm run console:build$/m);
    expect(runtime).not.toMatch(/npm ci(?! --omit=dev)/);
  });

  it('runs as a numeric non-root user, with a node health check on /healthz and the API as the default command', () => {
    const user = runtime.match(/^USER (\S+)$/m)?.[1];
    expect(user).toMatch(/^[1-9]\d*:[1-9]\d*$/);
    expect(runtime.indexOf('USER ')).toBeLessThan(runtime.indexOf('CMD '));
    expect(runtime).toMatch(/^HEALTHCHECK .*\\\n\s+CMD \["node", "-e", ".*\/healthz.*"\]$/m);
    expect(runtime).toMatch(/^CMD \["node", "dist\/src\/main\.js"\]$/m);
  });

  it('keeps local state, build and test output and secrets out of the build context', () => {
    const ignored = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim());
    for (const entry of ['node_modules', '.git', '.data', 'dist', 'coverage', '*.log', '.env', 'test']) expect(ignored).toContain(entry);
    // What the build copies must not be ignored.
    for (const needed of ['src', 'schema', 'migrations', 'tenants', 'bin', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json']) {
      expect(ignored).not.toContain(needed);
    }
  });
});

describe('the compiled output the image runs', () => {
  // Inside the project, so node finds node_modules and the config finds the project root (tenants/).
  const out = path.join(ROOT, 'node_modules', '.cache', 'microlend-image-check', randomBytes(4).toString('hex'));
  const dist = path.join(out, 'dist');
  const dbName = `microlend_image_${randomBytes(5).toString('hex')}`;
  let ownerUrl: string;
  const children: ChildProcess[] = [];

  const productionEnv = (extra: Record<string, string> = {}) => ({
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    ...extra,
  });
  const secrets = () => ({
    DATABASE_URL: ownerUrl,
    APP_DATABASE_URL: withCredentials(ownerUrl, 'microlend_app', TEST_APP_PASSWORD),
    JWT_SECRET: 'image-check-secret-that-is-long-enough-for-hs256',
    MASTER_KEY: randomBytes(32).toString('base64'),
  });

  beforeAll(async () => {
    mkdirSync(out, { recursive: true });
    await run(path.join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', dist], { cwd: ROOT });
    const admin = new Client({ connectionString: adminUrl() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${quoteIdent(dbName)}`).finally(() => admin.end());
    ownerUrl = withDatabase(adminUrl(), dbName);
  }, 180_000);

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(out, { recursive: true, force: true });
    const admin = new Client({ connectionString: adminUrl() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(dbName)} WITH (FORCE)`).finally(() => admin.end());
  });

  const start = (file: string, env: Record<string, string>) => {
    const child = spawn(process.execPath, [path.join(dist, 'src', file)], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let output = '';
    child.stdout!.on('data', (d) => void (output += d));
    child.stderr!.on('data', (d) => void (output += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    return { child, exited, output: () => output };
  };

  it('contains no spec files, only what the image needs', async () => {
    const { stdout } = await run('find', [dist, '-name', '*.js', '-path', '*spec*']);
    expect(stdout).toBe('');
  });

  it('refuses to boot in production without the database and the secrets', async () => {
    const api = start('main.js', productionEnv());
    expect(await api.exited).toBe(1);
    expect(api.output()).toContain('Production needs DATABASE_URL, JWT_SECRET, APP_DB_PASSWORD');
  });

  it('migrates an empty database with the compiled CLI (the chart Job), then serves /healthz and /readyz, and the worker runs', async () => {
    const migrate = await run(process.execPath, [path.join(dist, 'src', 'cli.js'), 'db', 'migrate'], { cwd: ROOT, env: productionEnv(secrets()) });
    expect(migrate.stdout).toMatch(/^applied \d+ migration\(s\):/);

    // As the chart runs them: the app role's URL only (no owner credentials), queues on Redis (a
    // private one: a worker on the run's shared Redis would take other specs' jobs), no migrations at boot.
    const redis = await startRedis();
    const { DATABASE_URL: _owner, ...appOnly } = { ...secrets(), REDIS_URL: redis.url, MIGRATE_ON_BOOT: 'false' };
    void _owner;

    const port = await freePort();
    const api = start('main.js', productionEnv({ ...appOnly, PORT: String(port), IN_PROCESS_WORKER: 'false' }));
    let health: Response | undefined;
    for (let i = 0; i < 600 && api.child.exitCode === null; i++) {
      health = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
      if (health?.ok) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect([health?.status, api.output()]).toEqual([200, expect.any(String)]);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', queue: 'ok' } });
    expect(api.output()).toContain('tenants: huinong-xiaodai, jamii-credit');

    const workerPort = await freePort();
    const worker = start('worker.js', productionEnv({ ...appOnly, LOG_LEVEL: 'info', WORKER_HTTP_PORT: String(workerPort) }));
    for (let i = 0; i < 200 && !worker.output().includes('worker started') && worker.child.exitCode === null; i++) await new Promise((r) => setTimeout(r, 100));
    expect(worker.output()).toContain('worker started');
    // The chart's probes on the worker.
    expect(await (await fetch(`http://127.0.0.1:${workerPort}/readyz`)).json()).toEqual({ status: 'ready', checks: { database: 'ok', queue: 'ok' } });
    expect((await fetch(`http://127.0.0.1:${workerPort}/metrics`)).status).toBe(200);

    worker.child.kill('SIGTERM');
    api.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    expect(await api.exited).toBe(0);
    process.kill(redis.pid);
  }, 120_000);
});
