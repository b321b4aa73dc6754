import type { EntityManager } from 'typeorm';

/**
 * Runs `read` with the transaction's settings set to `settings` (name to SQL expression), then puts
 * them back as they were (after success only: a failure aborts the transaction, settings and all).
 */
export async function withSettings<T>(em: EntityManager, settings: Record<string, string>, read: () => Promise<T>): Promise<T> {
  const names = Object.keys(settings);
  const [was] = await em.query(`SELECT ${names.map((n, i) => `current_setting('${n}') AS s${i}, set_config('${n}', ${settings[n]}, true)`).join(', ')}`);
  const result = await read();
  await em.query(`SELECT ${names.map((n, i) => `set_config('${n}', $${i + 1}, true)`).join(', ')}`, names.map((_, i) => was[`s${i}`]));
  return result;
}

/**
 * For a read of a tenant's whole book: as many parallel workers as the database server gives a read
 * (its max_parallel_workers_per_gather), where an app transaction otherwise runs without (see
 * TenantTransaction's scope). For `withSettings`.
 */
export const SERVER_WORKERS: Record<string, string> = {
  max_parallel_workers_per_gather: "(SELECT reset_val FROM pg_settings WHERE name = 'max_parallel_workers_per_gather')",
};
