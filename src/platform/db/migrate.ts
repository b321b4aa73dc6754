import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { migrations } from '../../../migrations';

const MIGRATION_LOCK = 7_270_001;

/**
 * Runs pending migrations as the schema owner, one process at a time (an advisory lock), each
 * migration in its own transaction. Returns the names of the migrations it ran.
 */
export async function runMigrations(ownerUrl: string): Promise<string[]> {
  const lock = new Client({ connectionString: ownerUrl });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const ds = new DataSource({ type: 'postgres', url: ownerUrl, migrations, migrationsTransactionMode: 'each', logging: false });
    await ds.initialize();
    try {
      const ran = await ds.runMigrations({ transaction: 'each' });
      return ran.map((m) => m.name);
    } finally {
      await ds.destroy();
    }
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.end();
  }
}
