import { createHash } from 'node:crypto';
import { badInput, conflict } from '../graphql/errors';
import type { RequestContext } from '../tenancy/request-context';
import { queryPrepared } from './prepared';
import { SqlBatch } from './sql-batch';

/**
 * Runs a money-moving operation at most once per (tenant, operation, key). The key is claimed by an
 * INSERT that a concurrent twin waits on (unique index), so two racing calls cannot both run; a
 * retry after commit gets the stored answer. The same key with a different request is a CONFLICT.
 * Runs in the caller's transaction: if the operation fails, the claim rolls back with it. The
 * operation may leave its last writes in `writes`: they go in one statement with the stored answer.
 */
export async function once<T>(ctx: RequestContext, operation: string, key: string, request: unknown, run: (writes: SqlBatch) => Promise<T>): Promise<T> {
  if (!/^[A-Za-z0-9._:-]{8,200}$/.test(key)) throw badInput('idempotencyKey', 'idempotencyKey must be 8-200 letters, digits or . _ : -');
  const requestHash = createHash('sha256').update(JSON.stringify(request)).digest('hex');
  const em = await ctx.db();
  const claimed = await queryPrepared(
    em,
    `INSERT INTO idempotency_keys (tenant_id, operation, key, request_hash) VALUES ($1, $2, $3, $4)
     ON CONFLICT (tenant_id, operation, key) DO NOTHING RETURNING key`,
    [ctx.tenant, operation, key, requestHash],
  );
  if (claimed.length === 0) {
    const [previous] = await em.query('SELECT request_hash, result FROM idempotency_keys WHERE operation = $1 AND key = $2', [operation, key]);
    if (previous.request_hash !== requestHash) throw conflict(`idempotencyKey ${key} was used for a different ${operation} request`, { field: 'idempotencyKey' });
    return previous.result as T;
  }
  const writes = new SqlBatch();
  const result = await run(writes);
  writes.add('UPDATE idempotency_keys SET result = $4 WHERE tenant_id = $1 AND operation = $2 AND key = $3', [ctx.tenant, operation, key, JSON.stringify(result)]);
  await writes.run(em);
  return result;
}
