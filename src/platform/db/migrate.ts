import { Client } from 'pg';
import { DataSource, type MigrationInterface } from 'typeorm';
import { CITUS_DISTRIBUTE_GUC } from './citus';

const MIGRATION_LOCK = 7_270_001;

export interface MigrateOptions {
  /** Distribute tenant tables on Citus (config.citus.distribute); reaches the migration as a session setting. */
  citusDistribute?: boolean;
}

/** A migration class, as TypeORM takes them. */
export type MigrationClass = new () => MigrationInterface;

/**
 * Runs the pending ones of `migrations` (the app's list: src/app/migrate.ts) as the schema owner, one process at a time (an advisory lock), each
 * migration in its own transaction. Returns the names of the migrations it ran. Options reach the
 * migrations as custom settings of their session (migrations never read the environment).
 */
export async function runMigrationList(ownerUrl: string, migrations: MigrationClass[], opts: MigrateOptions = {}): Promise<string[]> {
  const lock = new Client({ connectionString: ownerUrl });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const options = `-c ${CITUS_DISTRIBUTE_GUC}=${opts.citusDistribute ? 'on' : 'off'}`;
    const ds = new DataSource({ type: 'postgres', url: ownerUrl, migrations, migrationsTransactionMode: 'each', logging: false, extra: { options } });
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
