import { Client } from 'pg';
import { rewrapDataKey } from '../../platform/crypto/envelope';

/**
 * The second step of a master-key rotation (the first: every replica runs with MASTER_KEY = new and
 * MASTER_KEY_PREVIOUS = old; the third: drop MASTER_KEY_PREVIOUS). Each tenant's data key is
 * rewrapped under the new master key in its own short transaction, as the schema owner (tenant_keys
 * is append-only for the app role). Ciphertexts and blind indexes do not change. Safe to rerun.
 */
export async function rewrapTenantKeys(
  ownerUrl: string, masterKey: Buffer, previous: Buffer | null, onProgress: (done: number, total: number) => void = () => undefined,
): Promise<{ rewrapped: number; current: number }> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ tenant_id: string }>('SELECT tenant_id FROM tenant_keys ORDER BY tenant_id');
    let rewrapped = 0;
    let current = 0;
    for (const [i, { tenant_id: tenantId }] of rows.entries()) {
      await client.query('BEGIN');
      try {
        const { rows: [row] } = await client.query<{ wrapped_key: string }>('SELECT wrapped_key FROM tenant_keys WHERE tenant_id = $1 FOR UPDATE', [tenantId]);
        const next = rewrapDataKey(previous ? [previous] : [], masterKey, tenantId, row.wrapped_key);
        if (next) {
          await client.query('UPDATE tenant_keys SET wrapped_key = $2 WHERE tenant_id = $1', [tenantId, next]);
          rewrapped += 1;
        } else current += 1;
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
      onProgress(i + 1, rows.length);
    }
    return { rewrapped, current };
  } finally {
    await client.end();
  }
}
