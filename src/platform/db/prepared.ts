import type { EntityManager } from 'typeorm';
import { SerialQueryRunner } from './serial-query-runner';

/**
 * Runs a statement as a named prepared statement on the transaction's connection, so Postgres parses
 * and plans it once per connection rather than on every call. For hot statements whose text does not
 * vary with the data. Outside a tenant transaction it runs as a plain query.
 */
export async function queryPrepared<T = Record<string, unknown>>(em: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const runner = em.queryRunner;
  return runner instanceof SerialQueryRunner ? runner.prepared<T>(sql, params) : em.query(sql, params);
}

/**
 * Runs `work` with its prepared statements (queryPrepared) sent together: those its branches ask for
 * before Node next turns to I/O go to the database in one round trip, behind whatever waits to be sent
 * (see SerialQueryRunner.together). For independent reads, as `Promise.all` over a transaction's
 * services: `together(em, () => Promise.all([products.headOrThrow(ctx, id), tenants.current(ctx)]))`.
 * Outside a tenant transaction it simply runs `work`.
 */
export function together<T>(em: EntityManager, work: () => Promise<T>): Promise<T> {
  const runner = em.queryRunner;
  return runner instanceof SerialQueryRunner ? runner.together(work) : work();
}
