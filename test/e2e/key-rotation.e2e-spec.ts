import { randomBytes } from 'node:crypto';
import { TenantCipherService } from '../../src/platform/crypto/tenant-cipher.service';
import { runInContext } from '../../src/platform/tenancy/run-in-context';
import { cli } from '../support/cli';
import { type TestApp, startTestApp, testConfig } from '../support/test-app';

/**
 * Master-key rotation without downtime: replicas accept the previous key while `keys rewrap` moves
 * every tenant's data key under the new one; afterwards the new key alone opens what was encrypted
 * before, and the old key alone opens nothing.
 */
describe('master key rotation', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('rewraps every tenant key under the new master key; old ciphertexts still open, with the new key only', async () => {
    const { slug } = await app.createTenant();
    const sealed = await app.inTenant(slug, async (ctx) => (await app.runtime.services.ciphers.cipher(ctx)).encrypt('nationalId', 'ID-12345678'));
    const tenantId = (await app.ownerQuery('SELECT id FROM tenants WHERE slug = $1', [slug]))[0].id;
    const oldKey = app.config.masterKey;
    const newKey = randomBytes(32);
    const opensWith = (key: Buffer, previous: Buffer | null = null) =>
      runInContext(app.runtime.dataSource, { tenantId, actor: { type: 'SYSTEM', id: 'test' }, roles: [] }, async (ctx) =>
        (await new TenantCipherService(key, previous).cipher(ctx)).decrypt('nationalId', sealed)).then((v) => v, () => null);

    // Step 1: replicas run with the new key and the previous one.
    expect(await opensWith(newKey)).toBeNull();
    expect(await opensWith(newKey, oldKey)).toBe('ID-12345678');

    // Step 2: rewrap.
    const rotating = testConfig({ DATABASE_URL: app.ownerUrl, MASTER_KEY: newKey.toString('base64'), MASTER_KEY_PREVIOUS: oldKey.toString('base64') });
    const run = await cli(rotating, 'keys', 'rewrap');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/rewrapped [1-9]\d* tenant key\(s\); 0 already/);
    expect(run.err).toMatch(/rewrap \[/);

    // Step 3: the new key alone opens it, the old one no longer does; a rerun has nothing to do.
    expect(await opensWith(newKey)).toBe('ID-12345678');
    expect(await opensWith(oldKey)).toBeNull();
    expect((await cli(rotating, 'keys', 'rewrap')).out).toMatch(/rewrapped 0 tenant key\(s\); [1-9]\d* already/);

    // A key that opens nothing is refused, and nothing changes.
    const wrong = testConfig({ DATABASE_URL: app.ownerUrl, MASTER_KEY: randomBytes(32).toString('base64'), MASTER_KEY_PREVIOUS: oldKey.toString('base64') });
    expect((await cli(wrong, 'keys', 'rewrap')).code).not.toBe(0);
    expect(await opensWith(newKey)).toBe('ID-12345678');
  });
});
