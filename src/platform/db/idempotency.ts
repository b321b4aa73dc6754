import { createHash } from 'node:crypto';
import { badInput, conflict } from '../../core/domain-error';
import type { RequestContext } from '../tenancy/request-context';
import { queryPrepared } from './prepared';
import type { SqlStatement } from './sql-batch';

/** A twin of this request holds the key: the operation stops and `once` answers as the twin did. */
class KeyTaken extends Error {}

/**
 * The claim of an idempotency key: an INSERT that a concurrent twin waits on (unique index), so two
 * racing calls cannot both run. `once` sends it on its own before the operation, unless the
 * operation asked to carry it in its first statement (one round trip fewer): then the operation
 * puts `statement()` in that statement (as `WITH claim AS (...)`) and reports what came back with `settle`.
 */
export class KeyClaim {
  private outcome: 'PENDING' | 'CLAIMED' = 'PENDING';

  constructor(
    private readonly ctx: RequestContext,
    readonly operation: string,
    readonly key: string,
    readonly requestHash: string,
  ) {}

  get pending(): boolean {
    return this.outcome === 'PENDING';
  }

  /** The INSERT, for `WITH claim AS (...)`; it returns a row when the key was free. */
  statement(): SqlStatement {
    return {
      sql: `INSERT INTO idempotency_keys (tenant_id, operation, key, request_hash) VALUES ($1, $2, $3, $4)
            ON CONFLICT (tenant_id, operation, key) DO NOTHING RETURNING key`,
      params: [this.ctx.tenant, this.operation, this.key, this.requestHash],
    };
  }

  /** Sends the claim on its own. */
  async send(): Promise<void> {
    const { sql, params } = this.statement();
    this.settle((await queryPrepared(await this.ctx.db(), sql, params)).length > 0);
  }

  /** The claim's outcome, as the statement that carried it returned; a taken key stops the operation. */
  settle(claimed: boolean): void {
    if (!claimed) throw new KeyTaken();
    this.outcome = 'CLAIMED';
  }

  /**
   * For a statement that carried the claim but returned no row to read it from (the record it
   * looked for does not exist): whether this transaction wrote the key.
   */
  async settleFromTable(): Promise<void> {
    const [row] = await (await this.ctx.db()).query(
      'SELECT xmin = pg_current_xact_id()::xid AS mine FROM idempotency_keys WHERE tenant_id = $1 AND operation = $2 AND key = $3',
      [this.ctx.tenant, this.operation, this.key],
    );
    this.settle(Boolean(row?.mine));
  }
}

const CARRIED = Symbol('idempotency claim carried by the first statement');

/**
 * The claim of the operation running in this unit of work, when the operation asked to carry it in
 * its first statement and that statement has not been sent yet: the command that locks the record
 * puts `statement()` into its read (see KeyClaim).
 */
export function carriedClaim(ctx: RequestContext): KeyClaim | undefined {
  const claim = ctx.transactionState(CARRIED, () => ({ current: undefined as KeyClaim | undefined })).current;
  return claim?.pending ? claim : undefined;
}

/**
 * Runs a money-moving operation at most once per (tenant, operation, key): the key is claimed (see
 * KeyClaim), a retry after commit gets the stored answer, and the same key with a different request
 * is a CONFLICT. Runs in the caller's unit of work: if the operation fails, the claim rolls back with
 * it, and the stored answer is staged with the operation's last writes (one statement). With
 * `claimInFirstStatement` the operation carries the claim itself (see carriedClaim), and must,
 * before any other write.
 */
export async function once<T>(
  ctx: RequestContext, operation: string, key: string, request: unknown,
  run: () => Promise<T>, options: { claimInFirstStatement?: boolean } = {},
): Promise<T> {
  if (!/^[A-Za-z0-9._:-]{8,200}$/.test(key)) throw badInput('idempotencyKey', 'idempotencyKey must be 8-200 letters, digits or . _ : -');
  const requestHash = createHash('sha256').update(JSON.stringify(request)).digest('hex');
  const claim = new KeyClaim(ctx, operation, key, requestHash);
  const carried = ctx.transactionState(CARRIED, () => ({ current: undefined as KeyClaim | undefined }));
  let result: T;
  try {
    if (options.claimInFirstStatement) carried.current = claim;
    else await claim.send();
    result = await run();
  } catch (err) {
    if (!(err instanceof KeyTaken)) throw err;
    const [previous] = await (await ctx.db()).query('SELECT request_hash, result FROM idempotency_keys WHERE tenant_id = $1 AND operation = $2 AND key = $3', [ctx.tenant, operation, key]);
    if (previous.request_hash !== requestHash) throw conflict(`idempotencyKey ${key} was used for a different ${operation} request`, { field: 'idempotencyKey' });
    return previous.result as T;
  } finally {
    if (carried.current === claim) carried.current = undefined;
  }
  if (claim.pending) throw new Error(`${operation} finished without claiming its idempotency key`);
  ctx.writes.add('UPDATE idempotency_keys SET result = $4 WHERE tenant_id = $1 AND operation = $2 AND key = $3', [ctx.tenant, operation, key, JSON.stringify(result)]);
  return result;
}
