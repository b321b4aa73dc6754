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

/** A statement for queryPreparedAll, typed by the rows it answers. */
export interface PreparedRead<T> {
  sql: string;
  params: unknown[];
  /** Never set: carries the row type. */
  readonly rows?: T;
}

/** A statement for queryPreparedAll. */
export function preparedRead<T = Record<string, unknown>>(sql: string, params: unknown[]): PreparedRead<T> {
  return { sql, params };
}

type RowsOf<T extends readonly PreparedRead<unknown>[]> = { [K in keyof T]: T[K] extends PreparedRead<infer R> ? R[] : never };

/**
 * Statements that need none of one another's answers, as queryPrepared runs each, in one round trip on
 * the transaction's connection (once it has prepared them): the rows of each, in order. A failure in
 * one fails the call (the transaction is then lost whichever failed). Outside a tenant transaction they
 * run one after another.
 */
export async function queryPreparedAll<const T extends readonly PreparedRead<unknown>[]>(em: EntityManager, reads: T): Promise<RowsOf<T>> {
  const runner = em.queryRunner;
  if (runner instanceof SerialQueryRunner) return (await runner.preparedAll(reads)) as RowsOf<T>;
  const rows: unknown[][] = [];
  for (const r of reads) rows.push(await em.query(r.sql, r.params));
  return rows as RowsOf<T>;
}
