import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { SerialQueryRunner } from './serial-query-runner';


/** How many statements one connection keeps prepared; past it, statements run unnamed as usual. */
const PER_CONNECTION = 200;
const prepared = new WeakMap<object, Set<string>>();
/** Statement names by text, so a hot statement is hashed once per process, not once per call. */
const names = new Map<string, string>();
const NAMES_KEPT = 2000;

function nameOf(sql: string): string {
  let name = names.get(sql);
  if (name === undefined) {
    name = `ml_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
    if (names.size >= NAMES_KEPT) names.clear();
    names.set(sql, name);
  }
  return name;
}

/**
 * Runs a statement as a named prepared statement on the transaction's connection, so Postgres parses
 * and plans it once per connection rather than on every call (planning the write path's larger
 * statements costs more than running them). For hot statements whose text does not vary with the
 * data: each distinct text is held by the connection, up to PER_CONNECTION of them.
 */
export async function queryPrepared<T = Record<string, unknown>>(em: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const runner = em.queryRunner;
  if (!(runner instanceof SerialQueryRunner)) return em.query(sql, params);
  return runner.exclusive(async (client) => {
    const name = nameOf(sql);
    let held = prepared.get(client);
    if (!held) prepared.set(client, (held = new Set()));
    if (!held.has(name) && held.size >= PER_CONNECTION) return (await client.query({ name: '', text: sql, values: params })).rows as T[];
    held.add(name);
    return (await client.query({ name, text: sql, values: params })).rows as T[];
  });
}
