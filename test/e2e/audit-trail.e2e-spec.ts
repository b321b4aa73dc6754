import { Client } from 'pg';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { cli } from '../support/cli';
import { type TestApp, startTestApp } from '../support/test-app';

describe('hash-chained audit trail', () => {
  let app: TestApp;
  let slug: string;
  let admin: string;

  beforeAll(async () => {
    app = await startTestApp();
    slug = (await app.createTenant()).slug;
    admin = await app.apiKey(slug, 'LENDER_ADMIN');
    for (const role of ['ANALYST', 'SERVICER', 'COLLECTOR']) {
      await app.gql(`mutation { createApiKey(input: { name: "${role}", role: ${role} }) { secret } }`, {}, admin);
    }
  });
  afterAll(() => app.close());

  it('records who did what to which record, with before and after, each entry chained to the previous', async () => {
    const res = await app.gql('{ auditLog(first: 10) { nodes { seq action entityType actorType actorId after before hash prevHash } } }', {}, admin);
    const nodes = res.data!.auditLog.nodes;
    expect(nodes.map((n: any) => n.action)).toEqual(['apiKey.created', 'apiKey.created', 'apiKey.created', 'apiKey.created', 'tenant.created']);
    expect(nodes[0]).toMatchObject({ seq: 5, entityType: 'ApiKey', actorType: 'API_KEY', after: { role: 'COLLECTOR', name: 'COLLECTOR' } });
    for (let i = 0; i < nodes.length - 1; i++) expect(nodes[i].prevHash).toBe(nodes[i + 1].hash);
  });

  it('names the staff user behind each entry, loading users in one batch', async () => {
    const made = await app.gql('mutation { createStaffUser(input: { email: "ops@lender.test", fullName: "Ops Lead", roles: [LENDER_ADMIN], password: "a long password" }) { id } }', {}, admin);
    const { token } = (await app.gql('mutation($i: LoginInput!) { login(input: $i) { token } }', { i: { tenantSlug: slug, email: 'ops@lender.test', password: 'a long password' } })).data!.login;
    for (const n of [1, 2]) await app.gql(`mutation { createApiKey(input: { name: "by user ${n}", role: APP }) { secret } }`, {}, token);
    // Watch (not replace) the statements the app sends while it resolves the page.
    const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
    const res = await app.gql('{ auditLog(first: 3) { nodes { action actorUser { id fullName } } } }', {}, admin);
    const statements = spy.mock.calls.map((c) => String(c[0]));
    spy.mockRestore();
    const nodes = res.data!.auditLog.nodes;
    expect(nodes.slice(0, 2)).toEqual([
      { action: 'apiKey.created', actorUser: { id: made.data!.createStaffUser.id, fullName: 'Ops Lead' } },
      { action: 'apiKey.created', actorUser: { id: made.data!.createStaffUser.id, fullName: 'Ops Lead' } },
    ]);
    expect(nodes[2].actorUser).toBeNull();
    expect(statements.filter((q) => /FROM "staff_users"/.test(q))).toHaveLength(1);
  });

  it('verifies an intact chain from the CLI', async () => {
    const [{ n }] = await app.ownerQuery('SELECT count(*)::int AS n FROM audit_entries e JOIN tenants t ON t.id = e.tenant_id WHERE t.slug = $1', [slug]);
    const res = await cli(app.config, 'audit', 'verify', '--tenant', slug);
    expect(res).toMatchObject({ code: 0, out: `audit chain of ${slug} intact: ${n} entries verified\n` });
  });

  it('fails verification after an entry is edited in SQL', async () => {
    await app.ownerQuery(`
      BEGIN;
      SET LOCAL session_replication_role = replica;
      UPDATE audit_entries SET after = jsonb_set(after, '{role}', '"LENDER_ADMIN"') WHERE seq = 3 AND tenant_id = (SELECT id FROM tenants WHERE slug = '${slug}');
      COMMIT;`);
    const res = await cli(app.config, 'audit', 'verify', '--tenant', slug);
    expect(res.code).toBe(1);
    expect(res.err).toContain('entry 3: EDITED');
  });

  it('fails verification after the newest entry is deleted, even with the edit undone', async () => {
    const { slug: other } = await app.createTenant();
    const key = await app.apiKey(other, 'LENDER_ADMIN');
    await app.gql('mutation { createApiKey(input: { name: "x", role: APP }) { secret } }', {}, key);
    expect((await cli(app.config, 'audit', 'verify', '--tenant', other)).code).toBe(0);
    await app.ownerQuery(`
      BEGIN;
      SET LOCAL session_replication_role = replica;
      DELETE FROM audit_entries WHERE tenant_id = (SELECT id FROM tenants WHERE slug = '${other}') AND seq = 3;
      COMMIT;`);
    const res = await cli(app.config, 'audit', 'verify', '--tenant', other);
    expect(res.code).toBe(1);
    expect(res.err).toContain('TRUNCATED');
  });

  it('appends in a second lane while another writer holds the first, each lane its own verifiable chain', async () => {
    const { slug: busy } = await app.createTenant();
    const key = await app.apiKey(busy, 'LENDER_ADMIN');
    // Another writer holds lane 0's head (as a concurrent request would, until its commit).
    const holder = new Client({ connectionString: app.ownerUrl });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT 1 FROM audit_heads h JOIN tenants t ON t.id = h.tenant_id WHERE t.slug = $1 AND h.lane = 0 FOR UPDATE OF h', [busy]);
    const made = await app.gql('mutation { createApiKey(input: { name: "while busy", role: ANALYST }) { secret } }', {}, key);
    await holder.query('ROLLBACK');
    await holder.end();
    expect(made.errors).toBeUndefined();
    await app.gql('mutation { createApiKey(input: { name: "after", role: ANALYST }) { secret } }', {}, key);
    const entries = await app.ownerQuery(
      'SELECT e.lane, e.seq, e.action, e.after FROM audit_entries e JOIN tenants t ON t.id = e.tenant_id WHERE t.slug = $1 ORDER BY e.id', [busy]);
    // Tenant created and its key made (lane 0), the busy-time key (lane 1), then lane 0 again.
    expect(entries.map((e) => [e.lane, Number(e.seq)])).toEqual([[0, 1], [0, 2], [1, 1], [0, 3]]);
    expect(entries.slice(2).map((e) => e.after.name)).toEqual(['while busy', 'after']);
    const listed = (await app.gql('{ auditLog(first: 2) { nodes { lane seq action } } }', {}, key)).data!.auditLog.nodes;
    expect(listed).toEqual([{ lane: 0, seq: 3, action: 'apiKey.created' }, { lane: 1, seq: 1, action: 'apiKey.created' }]);
    expect((await cli(app.config, 'audit', 'verify', '--tenant', busy)).out).toContain('4 entries verified');
    // An edit in the second lane is found and named by its lane.
    await app.ownerQuery(`
      BEGIN;
      SET LOCAL session_replication_role = replica;
      UPDATE audit_entries SET action = 'forged' WHERE lane = 1 AND seq = 1 AND tenant_id = (SELECT id FROM tenants WHERE slug = '${busy}');
      COMMIT;`);
    const res = await cli(app.config, 'audit', 'verify', '--tenant', busy);
    expect(res.code).toBe(1);
    expect(res.err).toContain('lane 1 entry 1: EDITED');
  });

  it('refuses an in-place edit by a trigger, even from the owner', async () => {
    await expect(app.ownerQuery("UPDATE audit_entries SET action = 'x' WHERE seq = 1")).rejects.toThrow(/append-only/);
  });
});
