import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { withDatabase } from '../../src/platform/db/database';
import { cli } from '../support/cli';
import { startPostgresProcess } from '../support/embedded-postgres-process';
import { freePort, traversableTempDir } from '../support/services';
import { testConfig } from '../support/test-app';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Two checkouts on one machine with the same EMBEDDED_PG_PORT: the second must not attach to the
 * first's PostgreSQL, and above all must not wipe it (`db reset`, `npm start -- --fresh`).
 */
describe('the embedded default never attaches to a PostgreSQL it did not start', () => {
  let root: string;
  let other: Awaited<ReturnType<typeof startPostgresProcess>>;
  let otherDir: string;
  let otherPort: number;
  let mine: string;

  const marker = async () => {
    const client = new Client({ connectionString: withDatabase(other.ownerUrl, 'microlend') });
    await client.connect();
    try {
      return (await client.query('SELECT note FROM precious')).rows.map((r) => r.note);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    root = traversableTempDir('microlend-foreign-');
    otherDir = path.join(root, 'other-checkout', 'postgres');
    mine = path.join(root, 'this-checkout', 'postgres');
    otherPort = await freePort();
    // Another checkout's embedded database, with data of its own in the database `db reset` drops.
    other = await startPostgresProcess(otherDir, otherPort);
    const admin = new Client({ connectionString: other.ownerUrl });
    await admin.connect();
    await admin.query('CREATE DATABASE microlend');
    await admin.end();
    const db = new Client({ connectionString: withDatabase(other.ownerUrl, 'microlend') });
    await db.connect();
    await db.query("CREATE TABLE precious (note text); INSERT INTO precious VALUES ('the other checkout''s loans')");
    await db.end();
  }, 120_000);
  afterAll(async () => {
    await other?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('`microlend db reset` refuses a server whose data directory is not its own, naming both, and wipes nothing', async () => {
    const run = await cli(testConfig({ EMBEDDED_PG_PORT: String(otherPort), MICROLEND_DATA_DIR: mine }), 'db', 'reset');
    expect(run.code).toBe(1);
    expect(run.err).toContain(`EMBEDDED_PG_PORT ${otherPort} is taken by a PostgreSQL whose data is in ${otherDir}`);
    expect(run.err).toContain(mine);
    expect(run.out).toBe('');
    expect(await marker()).toEqual(["the other checkout's loans"]);
    expect(existsSync(path.join(mine, 'PG_VERSION'))).toBe(false);
  });

  it('`npm start -- --fresh` refuses it too and exits, wiping nothing', async () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !['DATABASE_URL', 'REDIS_URL', 'APP_DATABASE_URL', 'JWT_SECRET'].includes(k)));
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'src/main.ts', '--fresh'], {
      cwd: ROOT,
      env: { ...env, NODE_ENV: 'development', PORT: String(await freePort()), EMBEDDED_PG_PORT: String(otherPort), MICROLEND_DATA_DIR: mine, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    // It exits; one that came up on the other server instead is stopped and fails the spec.
    const code = await new Promise<number | null | 'served'>((resolve) => {
      child.once('close', resolve);
      const watch = setInterval(() => {
        if (child.exitCode !== null) return clearInterval(watch);
        if (output.includes('microlend is up')) (clearInterval(watch), child.kill('SIGKILL'), resolve('served'));
      }, 100);
    });
    expect({ code, refused: output.includes(`is taken by a PostgreSQL whose data is in ${otherDir}`) }).toEqual({ code: 1, refused: true });
    expect(await marker()).toEqual(["the other checkout's loans"]);
  }, 180_000);

  it('resets the server whose data directory is its own (the check tells the two apart)', async () => {
    const run = await cli(testConfig({ EMBEDDED_PG_PORT: String(otherPort), MICROLEND_DATA_DIR: otherDir }), 'db', 'reset');
    expect(run).toMatchObject({ code: 0, out: 'embedded database reset\n' });
    await expect(marker()).rejects.toThrow(/database "microlend" does not exist/);
  });
});
