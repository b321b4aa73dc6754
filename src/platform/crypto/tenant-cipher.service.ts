import { TenantCipher, newWrappedDataKey } from './envelope';
import type { RequestContext } from '../tenancy/request-context';

/** The tenant's cipher of the current transaction, until its key is kept by tenant (read once per transaction). */
const CIPHER = Symbol('tenant-cipher');

/**
 * Each tenant's data key, created on first use and kept only wrapped in the database. A tenant's data
 * key never changes (a master-key rotation rewraps the same key), so once read as committed it is
 * kept per process by tenant: a transaction reads nothing for it. A key this transaction made is not
 * kept until a later transaction reads it (this one may roll back, and a concurrent first use make
 * another). Unwrapped keys are also cached by their wrapped form, so every replica derives the same
 * cipher.
 */
export class TenantCipherService {
  private readonly cache = new Map<string, TenantCipher>();
  private readonly byTenant = new Map<string, TenantCipher>();

  /** `previous`: the master key being rotated out, still accepted until `keys rewrap` has run. */
  constructor(private readonly masterKey: Buffer, private readonly previous: Buffer | null = null) {}

  cipher(ctx: RequestContext): Promise<TenantCipher> {
    const kept = this.byTenant.get(ctx.tenant);
    if (kept) return Promise.resolve(kept);
    return ctx.transactionOnce(CIPHER, ctx.tenant, () => this.load(ctx));
  }

  private async load(ctx: RequestContext): Promise<TenantCipher> {
    const em = await ctx.db();
    let [row] = await em.query('SELECT wrapped_key FROM tenant_keys WHERE tenant_id = $1', [ctx.tenant]);
    const committed = row !== undefined;
    if (!row) {
      // The first use: made here, or by a concurrent first use (read again, in a statement of its own, after it committed).
      [row] = await em.query('INSERT INTO tenant_keys (tenant_id, wrapped_key) VALUES ($1, $2) ON CONFLICT (tenant_id) DO NOTHING RETURNING wrapped_key',
        [ctx.tenant, newWrappedDataKey(this.masterKey, ctx.tenant)]);
      [row] = row ? [row] : await em.query('SELECT wrapped_key FROM tenant_keys WHERE tenant_id = $1', [ctx.tenant]);
    }
    const wrapped: string = row.wrapped_key;
    let cipher = this.cache.get(wrapped);
    if (!cipher) {
      cipher = TenantCipher.unwrap(this.masterKey, ctx.tenant, wrapped, this.previous);
      this.cache.set(wrapped, cipher);
    }
    if (committed) this.byTenant.set(ctx.tenant, cipher);
    return cipher;
  }
}
