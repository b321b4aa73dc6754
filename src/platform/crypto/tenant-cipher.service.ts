import { TenantCipher, newWrappedDataKey } from './envelope';
import type { RequestContext } from '../tenancy/request-context';

/** The tenant's cipher of the current transaction (the wrapped key is read once per transaction). */
const CIPHER = Symbol('tenant-cipher');

/**
 * Each tenant's data key, created on first use and kept only wrapped in the database. Unwrapped
 * keys are cached by their wrapped form (immutable), so every replica derives the same cipher; a
 * transaction reads the wrapped form once (a rewrap commits between transactions), with one
 * statement, and makes a new key only for a tenant that has none yet.
 */
export class TenantCipherService {
  private readonly cache = new Map<string, TenantCipher>();

  /** `previous`: the master key being rotated out, still accepted until `keys rewrap` has run. */
  constructor(private readonly masterKey: Buffer, private readonly previous: Buffer | null = null) {}

  cipher(ctx: RequestContext): Promise<TenantCipher> {
    return ctx.transactionOnce(CIPHER, ctx.tenant, () => this.load(ctx));
  }

  private async load(ctx: RequestContext): Promise<TenantCipher> {
    const em = await ctx.db();
    let [row] = await em.query('SELECT wrapped_key FROM tenant_keys WHERE tenant_id = $1', [ctx.tenant]);
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
    return cipher;
  }
}
