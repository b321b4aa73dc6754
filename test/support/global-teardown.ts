import { rmSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { quoteIdent } from '../../src/platform/db/database';
import { clearState, readState } from './services';

/** Stops what global setup started: Redis by pid, the embedded PostgreSQL through its own handle. */
export default async function globalTeardown(): Promise<void> {
  const template = process.env.MICROLEND_TEST_TEMPLATE;
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (template && adminUrl) {
    const admin = new Client({ connectionString: adminUrl });
    try {
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(template)} WITH (FORCE)`);
    } catch {
      /* the server may already be gone (an embedded one stops below) */
    } finally {
      await admin.end().catch(() => undefined);
    }
  }
  const state = readState();
  if (state.redisPid) {
    try {
      process.kill(state.redisPid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  }
  const embedded = (globalThis as { __microlendEmbedded?: { stop(): Promise<void> } }).__microlendEmbedded;
  if (embedded) await embedded.stop();
  if (state.embeddedDataDir) rmSync(path.dirname(state.embeddedDataDir), { recursive: true, force: true });
  clearState();
}
