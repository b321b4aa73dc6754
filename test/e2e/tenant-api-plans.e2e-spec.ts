import request from 'supertest';
import { cli, succeeded } from '../support/cli';
import { type TestApp, startTestApp } from '../support/test-app';

/**
 * An operator puts a tenant on an API plan from the command line (`microlend tenants plan <slug>
 * <PLAN>`), and the API sizes the tenant's credentials' cost budgets by it: no SQL needed.
 */
describe('microlend tenants plan', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ env: { RATE_LIMITS: 'true', RATE_LIMIT_PLANS: 'SMALL:1000:1,LARGE:50000:100', RATE_LIMIT_DEFAULT_PLAN: 'SMALL', GRAPHQL_MAX_COST: '1000' } });
  });
  afterAll(() => app.close());

  const budget = async (key: string) => {
    const res = await request(app.http.app).post('/graphql').set('content-type', 'application/json').set('authorization', `Bearer ${key}`).send({ query: '{ viewer { roles } }' });
    expect(res.status).toBe(200);
    return res.body.extensions.cost.throttleStatus.maximumAvailable as number;
  };

  it('shows the plan, puts the tenant on another, and the API budgets its keys by it', async () => {
    const { id, slug } = await app.createTenant();
    expect(succeeded(await cli(app.config, 'tenants', 'plan', slug)).out).toBe(`${slug}: SMALL (the default): 1,000 points, 1 restored a second\n`);

    const changed = succeeded(await cli(app.config, 'tenants', 'plan', slug, 'LARGE'));
    expect(changed.out).toBe(`${slug}: SMALL (the default) -> LARGE: 50,000 points, 100 restored a second\n`);
    expect(await app.ownerQuery('SELECT plan, updated_by FROM tenant_api_plans WHERE tenant_id = $1', [id])).toEqual([{ plan: 'LARGE', updated_by: 'cli' }]);
    expect(await budget(await app.apiKey(slug, 'ANALYST'))).toBe(50000);
    const audited = await app.ownerQuery("SELECT before, after FROM audit_entries WHERE tenant_id = $1 AND action = 'tenant.api_plan_changed'", [id]);
    expect(audited).toEqual([{ before: { plan: null }, after: { plan: 'LARGE' } }]);
    expect(succeeded(await cli(app.config, 'tenants', 'plan', slug)).out).toBe(`${slug}: LARGE: 50,000 points, 100 restored a second\n`);
    // Again: nothing changes, nothing is audited twice.
    expect(succeeded(await cli(app.config, 'tenants', 'plan', slug, 'LARGE')).out).toBe(`${slug}: already LARGE\n`);
    expect(await app.ownerQuery("SELECT 1 FROM audit_entries WHERE tenant_id = $1 AND action = 'tenant.api_plan_changed'", [id])).toHaveLength(1);

    // Back to the small plan: the API, which has the large one cached (for a minute), forgets it as the
    // NOTIFY of the change arrives; a few seconds at most, not the minute.
    expect(succeeded(await cli(app.config, 'tenants', 'plan', slug, 'SMALL')).out).toBe(`${slug}: LARGE -> SMALL: 1,000 points, 1 restored a second\n`);
    const key = await app.apiKey(slug, 'ANALYST');
    let seen = await budget(key);
    for (let i = 0; i < 50 && seen !== 1000; i++) {
      await new Promise((ok) => setTimeout(ok, 100));
      seen = await budget(key);
    }
    expect(seen).toBe(1000);
  });

  it('refuses a plan the configuration does not define, and an unknown tenant, with exit code 2 and nothing written', async () => {
    const { id, slug } = await app.createTenant();
    const unknownPlan = await cli(app.config, 'tenants', 'plan', slug, 'PLATINUM');
    expect(unknownPlan.code).toBe(2);
    expect(unknownPlan.err).toContain('unknown plan PLATINUM: RATE_LIMIT_PLANS has SMALL, LARGE');
    const lowercase = await cli(app.config, 'tenants', 'plan', slug, 'large');
    expect(lowercase.code).toBe(2);
    expect(await app.ownerQuery('SELECT 1 FROM tenant_api_plans WHERE tenant_id = $1', [id])).toHaveLength(0);
    const unknownTenant = await cli(app.config, 'tenants', 'plan', 'no-such-tenant', 'LARGE');
    expect(unknownTenant.code).toBe(2);
    expect(unknownTenant.err).toContain('NOT_FOUND');
  });
});
