import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ensureAppRole, quoteIdent, withDatabase } from '../../src/platform/db/database';
import { startEmbeddedPostgres } from '../../src/platform/db/embedded-postgres';
import { runMigrations } from '../../src/app/migrate';
import { buildBorrowerApp, buildConsole } from './browser';
import { type ServiceState, freePort, onPath, startRedis, traversableTempDir, writeState } from './services';

/**
 * The migrated template of this jest run. Named per run (global setup sets it in the environment the
 * workers inherit), so two runs against one PostgreSQL server never drop each other's template.
 */
export function templateDb(): string {
  const name = process.env.MICROLEND_TEST_TEMPLATE;
  if (!name) throw new Error('MICROLEND_TEST_TEMPLATE is not set: run the tests through jest (global setup provides it)');
  return name;
}
export const TEST_APP_PASSWORD = 'microlend-app-test';

/**
 * Once per jest run: finds (or starts) PostgreSQL and Redis, and builds a template database by
 * running the real migrations. Each spec file then gets its own database copied from the template.
 * TEST_DATABASE_URL / TEST_REDIS_URL (set by .ci/run) name servers to use; without them the run
 * starts an embedded PostgreSQL and, when redis-server is installed, a throw-away Redis.
 * Meanwhile it builds the console and the reference borrower app once, from this commit's source,
 * for the browser specs (Vite refuses two builds of one project at the same time).
 */
export default async function globalSetup(): Promise<void> {
  const frontEnds = buildConsole().then(() => buildBorrowerApp());
  const state: ServiceState = {};
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const dataDir = `${traversableTempDir('microlend-test-pg-')}/data`;
    const port = await freePort();
    const embedded = await startEmbeddedPostgres({ dataDir, port });
    (globalThis as { __microlendEmbedded?: { stop(): Promise<void> } }).__microlendEmbedded = embedded;
    adminUrl = embedded.ownerUrl;
    state.embeddedDataDir = dataDir;
    state.embeddedPort = port;
  }
  if (!process.env.TEST_REDIS_URL && onPath('redis-server')) {
    const redis = await startRedis();
    process.env.TEST_REDIS_URL = redis.url;
    state.redisPid = redis.pid;
  }
  writeState(state);
  process.env.TEST_DATABASE_URL = adminUrl;

  await ensureAppRole(adminUrl, TEST_APP_PASSWORD);
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    process.env.MICROLEND_TEST_TEMPLATE = `microlend_test_template_${randomBytes(4).toString('hex')}`;
    await admin.query(`CREATE DATABASE ${quoteIdent(templateDb())}`);
  } finally {
    await admin.end();
  }
  await runMigrations(withDatabase(adminUrl, templateDb()));
  await frontEnds;
}
