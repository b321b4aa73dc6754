import { TenantCipher, newWrappedDataKey } from './envelope';
import type { RequestContext } from '../tenancy/request-context';

/**
 * Each tenant's data key, created on first use and kept only wrapped in the database. Unwrapped
 * keys are cached by their wrapped form (immutable), so every replica derives the same cipher.
 */
export class TenantCipherService {
  private readonly cache = new Map<string, TenantCipher>();

  /** `previous`: the master key being rotated out, still accepted until `keys rewrap` has run. */
  constructor(private readonly masterKey: Buffer, private readonly previous: Buffer | null = null) {}

  async cipher(ctx: RequestContext): Promise<TenantCipher> {
    const em = await ctx.db();
    await em.query('INSERT INTO tenant_keys (tenant_id, wrapped_key) VALUES ($1, $2) ON CONFLICT (tenant_id) DO NOTHING', [ctx.tenant, newWrappedDataKey(this.masterKey, ctx.tenant)]);
    const [{ wrapped_key: wrapped }] = await em.query('SELECT wrapped_key FROM tenant_keys WHERE tenant_id = $1', [ctx.tenant]);
    let cipher = this.cache.get(wrapped);
    if (!cipher) {
      cipher = TenantCipher.unwrap(this.masterKey, ctx.tenant, wrapped, this.previous);
      this.cache.set(wrapped, cipher);
    }
    return cipher;
  }
}
