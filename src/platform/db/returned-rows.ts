/**
 * The rows of an `UPDATE` or `DELETE … RETURNING` sent through TypeORM's `query`, which answers those
 * as `[rows, count]` (and a `SELECT` or `INSERT … RETURNING` as the rows themselves).
 */
export function returnedRows<T = any>(result: unknown): T[] {
  const r = result as unknown[];
  return (Array.isArray(r[0]) ? r[0] : r) as T[];
}
