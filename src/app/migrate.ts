import { migrations } from '../../migrations';
import { type MigrateOptions, runMigrationList } from '../platform/db/migrate';

/** Runs this app's pending migrations (migrations/index.ts) as the schema owner; see runMigrationList. */
export function runMigrations(ownerUrl: string, opts: MigrateOptions = {}): Promise<string[]> {
  return runMigrationList(ownerUrl, migrations, opts);
}
