import request from 'supertest';
import { type HttpApp, createHttpApp } from '../../src/app/http/app';
import { type Runtime, bootRuntime } from '../../src/app/runtime';
import { eventually } from '../support/eventually';
import { type TestApp, startTestApp } from '../support/test-app';

/** Reads the tenant: the request's transaction opens, so a kept verdict is confirmed. */
const VIEWER = '{ viewer { roles actor { id } tenant { slug } } }';

/**
 * Verified credentials are kept (here for a minute, so that only the mechanisms under test can end a
 * verdict): two API replicas on one database, a change made through one is honoured by the other on
 * its next request, expiry ends a kept key at its instant, and nothing is kept while a replica cannot
 * hear changes. The tenant's plan, kept by the cost budget, is dropped the same way.
 */
describe('kept credentials across two API replicas', () => {
  let app: TestApp;
  let second: { runtime: Runtime; http: HttpApp };
  let slug: string;
  let admin: string;

  beforeAll(async () => {
    app = await startTestApp({
      env: { CREDENTIAL_CACHE_MS: '60000', RATE_LIMITS: 'true', RATE_LIMIT_PLANS: 'SMALL:100000:1000,LARGE:200000:1000', RATE_LIMIT_DEFAULT_PLAN: 'SMALL' },
    });
    const runtime = await bootRuntime(app.config, { migrate: false, worker: false });
    second = { runtime, http: await createHttpApp(runtime) };
    slug = (await app.createTenant()).slug;
    admin = await app.apiKey(slug, 'LENDER_ADMIN');
    await eventually(() => expect([app.http.credentials.active, second.http.credentials.active]).toEqual([true, true]));
  });
  afterAll(async () => {
    await second.http.stop();
    await second.runtime.close();
    await app.close();
  });

  const gql = async (replica: 0 | 1, query: string, token: string, variables: Record<string, unknown> = {}) => {
    const res = await request(replica === 0 ? app.http.app : second.http.app).post('/graphql').set('content-type', 'application/json')
      .set('authorization', `Bearer ${token}`).send({ query, variables });
    return { status: res.status, data: res.body.data ?? null, errors: res.body.errors as { message: string; extensions: Record<string, unknown> }[] | undefined, extensions: res.body.extensions };
  };
  const keyIdOf = async (key: string) => (await gql(0, VIEWER, key)).data!.viewer.actor.id as string;

  it('keeps a verified key: a revocation written behind the product’s back, without its NOTIFY, is not seen until one arrives', async () => {
    const key = await app.apiKey(slug, 'ANALYST');
    const id = await keyIdOf(key);
    expect((await gql(1, VIEWER, key)).errors).toBeUndefined();
    await app.ownerQuery('UPDATE api_keys SET revoked_at = now() WHERE id = $1', [id]);
    expect((await gql(1, VIEWER, key)).errors).toBeUndefined();
    await app.ownerQuery("SELECT pg_notify('microlend_credentials', $1)", [`api_key:${id}`]);
    await eventually(async () => expect((await gql(1, VIEWER, key)).errors?.[0]).toMatchObject({ message: 'API key revoked', extensions: { code: 'UNAUTHENTICATED' } }));
  });

  it('refuses a kept key once the credential epoch has moved, with no NOTIFY at all: the request’s BEGIN reads the epoch and looks the key up again', async () => {
    const key = await app.apiKey(slug, 'ANALYST');
    const id = await keyIdOf(key);
    expect((await gql(1, VIEWER, key)).errors).toBeUndefined();
    await app.ownerQuery('UPDATE api_keys SET revoked_at = now() WHERE id = $1', [id]);
    expect((await gql(1, VIEWER, key)).errors).toBeUndefined();
    await app.ownerQuery('UPDATE credential_epoch SET epoch = epoch + 1');
    const refused = await gql(1, VIEWER, key);
    expect(refused.data).toBeNull();
    expect(refused.errors?.[0]).toMatchObject({ message: 'API key revoked', extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('keeps a kept key that a change elsewhere did not touch: looked up again once, it answers as before', async () => {
    const key = await app.apiKey(slug, 'ANALYST');
    expect((await gql(1, VIEWER, key)).errors).toBeUndefined();
    await app.ownerQuery('UPDATE credential_epoch SET epoch = epoch + 1');
    const res = await gql(1, VIEWER, key);
    expect(res.errors).toBeUndefined();
    expect(res.data!.viewer.roles).toEqual(['ANALYST']);
  });

  it('refuses a key revoked through one replica on the next request at the other, and at the first', async () => {
    const key = await app.apiKey(slug, 'ANALYST');
    const id = await keyIdOf(key);
    expect((await gql(1, VIEWER, key)).errors).toBeUndefined();
    expect((await gql(0, VIEWER, key)).errors).toBeUndefined();
    const revoked = await gql(0, 'mutation($id: ID!) { revokeApiKey(id: $id) { active } }', admin, { id });
    expect(revoked.data!.revokeApiKey.active).toBe(false);
    expect((await gql(1, VIEWER, key)).errors?.[0]).toMatchObject({ message: 'API key revoked', extensions: { code: 'UNAUTHENTICATED' } });
    expect((await gql(0, VIEWER, key)).errors?.[0]).toMatchObject({ message: 'API key revoked', extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses the keys of a tenant suspended through one replica on the next request at the other; reactivated, they work again', async () => {
    const other = await app.createTenant();
    const key = await app.apiKey(other.slug, 'ANALYST');
    const operator = await app.platformKey();
    expect((await gql(1, VIEWER, key)).errors).toBeUndefined();
    const status = (s: string) => gql(0, 'mutation($s: String!, $status: TenantStatus!) { setTenantStatus(slug: $s, status: $status) { status } }', operator, { s: other.slug, status: s });
    expect((await status('SUSPENDED')).data!.setTenantStatus.status).toBe('SUSPENDED');
    expect((await gql(1, VIEWER, key)).errors?.[0]).toMatchObject({ message: 'Tenant is suspended', extensions: { code: 'UNAUTHENTICATED' } });
    expect((await status('ACTIVE')).data!.setTenantStatus.status).toBe('ACTIVE');
    expect((await gql(1, VIEWER, key)).errors).toBeUndefined();
  });

  it('refuses a kept key at its expiry, with nothing changed in the database', async () => {
    const expiresAt = new Date(Date.now() + 3_000);
    const key = await app.apiKey(slug, 'ANALYST', { expiresAt });
    expect((await gql(1, VIEWER, key)).errors).toBeUndefined();
    await new Promise((r) => setTimeout(r, expiresAt.getTime() - Date.now() + 20));
    expect((await gql(1, VIEWER, key)).errors?.[0]).toMatchObject({ message: 'API key expired', extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('keeps nothing while its LISTEN connection is down, so a change it cannot hear is seen on the next request; listening again, it keeps verdicts again', async () => {
    const key = await app.apiKey(slug, 'ANALYST');
    const id = await keyIdOf(key);
    expect((await gql(1, VIEWER, key)).errors).toBeUndefined();
    expect(second.http.credentials.size).toBeGreaterThan(0);
    const dropped = new Promise<void>((resolve) => {
      const unwatch = second.runtime.services.eventNotifications().watch((up) => {
        if (!up) resolve(unwatch());
      });
    });
    await app.ownerQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'microlend-listen' AND datname = current_database()");
    await dropped;
    // Written with no NOTIFY (and none could be heard now): only a fresh lookup sees it.
    await app.ownerQuery('UPDATE api_keys SET revoked_at = now() WHERE id = $1', [id]);
    expect((await gql(1, VIEWER, key)).errors?.[0]).toMatchObject({ message: 'API key revoked', extensions: { code: 'UNAUTHENTICATED' } });

    await eventually(() => expect(second.http.credentials.active).toBe(true));
    const fresh = await app.apiKey(slug, 'ANALYST');
    expect((await gql(1, VIEWER, fresh)).errors).toBeUndefined();
    expect(second.http.credentials.size).toBeGreaterThan(0);
    const revoked = await gql(0, 'mutation($id: ID!) { revokeApiKey(id: $id) { active } }', admin, { id: await keyIdOf(fresh) });
    expect(revoked.data!.revokeApiKey.active).toBe(false);
    expect((await gql(1, VIEWER, fresh)).errors?.[0]).toMatchObject({ message: 'API key revoked' });
  });

  it('keeps a tenant’s plan until a tenant_plan change is announced', async () => {
    const tenant = await app.createTenant();
    const key = await app.apiKey(tenant.slug, 'ANALYST');
    const maximum = async () => (await gql(1, VIEWER, key)).extensions.cost.throttleStatus.maximumAvailable as number;
    expect(await maximum()).toBe(100000);
    await app.ownerQuery("INSERT INTO tenant_api_plans (tenant_id, plan) VALUES ($1, 'LARGE')", [tenant.id]);
    expect(await maximum()).toBe(100000);
    await app.ownerQuery("SELECT pg_notify('microlend_credentials', $1)", [`tenant_plan:${tenant.id}`]);
    await eventually(async () => expect(await maximum()).toBe(200000));
  });
});
