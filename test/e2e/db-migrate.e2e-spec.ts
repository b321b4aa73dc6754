import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { migrations } from '../../migrations';
import { quoteIdent, withDatabase } from '../../src/platform/db/database';
import { cli } from '../support/cli';
import { adminUrl, testConfig } from '../support/test-app';

/** `microlend db migrate` is what the Helm chart's pre-install/pre-upgrade Job runs: migrations only, then exit. */
describe('npx microlend db migrate', () => {
  const name = `microlend_migrate_${randomBytes(5).toString('hex')}`;
  let ownerUrl: string;

  const owner = async <T>(sql: string): Promise<T[]> => {
    const client = new Client({ connectionString: ownerUrl });
    await client.connect();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    const admin = new Client({ connectionString: adminUrl() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${quoteIdent(name)}`).finally(() => admin.end());
    ownerUrl = withDatabase(adminUrl(), name);
  });
  afterAll(async () => {
    const admin = new Client({ connectionString: adminUrl() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`).finally(() => admin.end());
  });

  it('brings an empty database to the latest schema, without Redis, and says which migrations ran', async () => {
    // An unreachable REDIS_URL proves the command touches nothing but the database.
    const config = testConfig({ DATABASE_URL: ownerUrl, REDIS_URL: 'redis://127.0.0.1:1' });
    const res = await cli(config, 'db', 'migrate');
    expect(res).toMatchObject({ code: 0, err: '' });
    expect(res.out).toContain(`applied ${migrations.length} migration(s):`);
    const done = await owner<{ name: string }>('SELECT name FROM migrations ORDER BY id');
    expect(done.map((m) => m.name)).toEqual(migrations.map((m) => m.name));
    const tables = await owner<{ n: string }>("SELECT count(*)::text AS n FROM pg_tables WHERE tablename = 'tenants'");
    expect(tables[0].n).toBe('1');
  });

  it('does nothing the second time', async () => {
    const res = await cli(testConfig({ DATABASE_URL: ownerUrl, REDIS_URL: 'redis://127.0.0.1:1' }), 'db', 'migrate');
    expect(res).toEqual({ code: 0, out: 'migrations up to date\n', err: '' });
  });

  it('exits 1 with the reason when the database cannot be reached', async () => {
    const res = await cli(testConfig({ DATABASE_URL: 'postgres://nobody:nothing@127.0.0.1:1/none' }), 'db', 'migrate');
    expect(res.code).toBe(1);
    expect(res.err).toMatch(/^error: .*ECONNREFUSED/);
  });
});
