import { type TestApp, startTestApp } from '../support/test-app';

const VIEWER = '{ viewer { tenant { slug } roles actor { type id } borrowerId } }';

describe('identity and access', () => {
  let app: TestApp;
  let slug: string;

  beforeAll(async () => {
    app = await startTestApp();
    slug = (await app.createTenant()).slug;
  });
  afterAll(() => app.close());

  it('answers viewer for a key made by the CLI path, with tenant and roles', async () => {
    const key = await app.apiKey(slug, 'LENDER_ADMIN');
    const res = await app.gql(VIEWER, {}, key);
    expect(res.errors).toBeUndefined();
    expect(res.data!.viewer).toMatchObject({ tenant: { slug }, roles: ['LENDER_ADMIN'], actor: { type: 'API_KEY' }, borrowerId: null });
  });

  it('refuses a caller with no credential with UNAUTHENTICATED', async () => {
    const res = await app.gql(VIEWER);
    expect(res.data).toBeNull();
    expect(res.errors![0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it.each([
    ['a malformed key', 'Bearer ml_nope'],
    ['an unknown key', `Bearer ml_nobody-here_abcdef12_${'A'.repeat(43)}`],
    ['a garbage token', 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.xx'],
    ['a non-bearer scheme', 'Basic dXNlcjpwYXNz'],
  ])('refuses %s with UNAUTHENTICATED and status 401', async (_name, header) => {
    const res = await require('supertest')(app.http.app).post('/graphql').set('authorization', header).send({ query: VIEWER });
    expect(res.status).toBe(401);
    expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('stops a key the moment it is revoked', async () => {
    const admin = await app.apiKey(slug, 'LENDER_ADMIN');
    const victim = await app.gql<{ createApiKey: { apiKey: { id: string }; secret: string } }>(
      'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { apiKey { id prefix active } secret } }',
      { i: { name: 'to revoke', role: 'SERVICER' } },
      admin,
    );
    const { secret, apiKey } = victim.data!.createApiKey;
    expect((await app.gql(VIEWER, {}, secret)).data!.viewer.roles).toEqual(['SERVICER']);
    const revoked = await app.gql('mutation($id: ID!) { revokeApiKey(id: $id) { active revokedAt } }', { id: apiKey.id }, admin);
    expect(revoked.data!.revokeApiKey.active).toBe(false);
    const after = await app.gql(VIEWER, {}, secret);
    expect(after.errors![0]).toMatchObject({ message: 'API key revoked', extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('stops a key at its expiry', async () => {
    // The key really expires (an expiry cannot be moved through the product): a verified key kept by the API ends at its own expiry too.
    const expiresAt = new Date(Date.now() + 3_000);
    const key = await app.apiKey(slug, 'ANALYST', { expiresAt });
    expect((await app.gql(VIEWER, {}, key)).errors).toBeUndefined();
    await new Promise((r) => setTimeout(r, expiresAt.getTime() - Date.now() + 20));
    const res = await app.gql(VIEWER, {}, key);
    expect(res.errors![0]).toMatchObject({ message: 'API key expired', extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses an expiry in the past with BAD_USER_INPUT naming the field', async () => {
    const admin = await app.apiKey(slug, 'LENDER_ADMIN');
    const res = await app.gql('mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }', { i: { name: 'x', role: 'APP', expiresAt: '2020-01-01T00:00:00Z' } }, admin);
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.expiresAt' });
  });

  it('gives FORBIDDEN to a role that may not call an operation', async () => {
    const analyst = await app.apiKey(slug, 'ANALYST');
    const res = await app.gql('{ apiKeys { nodes { id } } }', {}, analyst);
    expect(res.errors![0].extensions.code).toBe('FORBIDDEN');
  });

  it('suspending a tenant stops its keys and tokens; re-activating restores them', async () => {
    const { slug: other } = await app.createTenant();
    const key = await app.apiKey(other, 'LENDER_ADMIN');
    const operator = await app.platformKey();
    const suspend = await app.gql('mutation($s: String!) { setTenantStatus(slug: $s, status: SUSPENDED) { status } }', { s: other }, operator);
    expect(suspend.data!.setTenantStatus.status).toBe('SUSPENDED');
    const res = await app.gql(VIEWER, {}, key);
    expect(res.errors![0]).toMatchObject({ message: 'Tenant is suspended', extensions: { code: 'UNAUTHENTICATED' } });
    await app.gql('mutation($s: String!) { setTenantStatus(slug: $s, status: ACTIVE) { status } }', { s: other }, operator);
    expect((await app.gql(VIEWER, {}, key)).data!.viewer.tenant.slug).toBe(other);
  });

  it('logs staff in with a password and honours a later role change and disabling', async () => {
    const admin = await app.apiKey(slug, 'LENDER_ADMIN');
    const created = await app.gql(
      'mutation($i: CreateStaffUserInput!) { createStaffUser(input: $i) { id roles status } }',
      { i: { email: 'Wanjiru@Example.com', fullName: 'Wanjiru Kamau', roles: ['UNDERWRITER'], password: 'correct horse battery' } },
      admin,
    );
    const userId = created.data!.createStaffUser.id;
    const bad = await app.gql('mutation($i: LoginInput!) { login(input: $i) { token } }', { i: { tenantSlug: slug, email: 'wanjiru@example.com', password: 'wrong password!!' } });
    expect(bad.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    // The service's refusal carries its code's HTTP status, as a credential refused at the door does.
    expect(bad.status).toBe(401);
    const login = await app.gql('mutation($i: LoginInput!) { login(input: $i) { token expiresAt } }', { i: { tenantSlug: slug, email: 'wanjiru@example.com', password: 'correct horse battery' } });
    const token = login.data!.login.token;
    expect((await app.gql(VIEWER, {}, token)).data!.viewer).toMatchObject({ roles: ['UNDERWRITER'], actor: { type: 'STAFF_USER', id: userId } });

    await app.gql('mutation($id: ID!) { setStaffUserRoles(id: $id, roles: [UNDERWRITER, COLLECTOR]) { roles } }', { id: userId }, admin);
    expect((await app.gql(VIEWER, {}, token)).data!.viewer.roles).toEqual(['UNDERWRITER', 'COLLECTOR']);

    await app.gql('mutation($id: ID!) { setStaffUserStatus(id: $id, status: DISABLED) { status } }', { id: userId }, admin);
    expect((await app.gql(VIEWER, {}, token)).errors![0]).toMatchObject({ message: 'User is disabled', extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses a weak password and a duplicate email with coded errors', async () => {
    const admin = await app.apiKey(slug, 'LENDER_ADMIN');
    const mutation = 'mutation($i: CreateStaffUserInput!) { createStaffUser(input: $i) { id } }';
    const weak = await app.gql(mutation, { i: { email: 'a@b.co', fullName: 'A', roles: ['ANALYST'], password: 'short' } }, admin);
    expect(weak.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.password' });
    const platformRole = await app.gql(mutation, { i: { email: 'a@b.co', fullName: 'A', roles: ['PLATFORM_ADMIN'], password: 'long enough password' } }, admin);
    expect(platformRole.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.roles' });
    await app.gql(mutation, { i: { email: 'dup@b.co', fullName: 'A', roles: ['ANALYST'], password: 'long enough password' } }, admin);
    const dup = await app.gql(mutation, { i: { email: 'DUP@b.co', fullName: 'B', roles: ['ANALYST'], password: 'long enough password' } }, admin);
    expect(dup.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.email' });
  });

  it('lets an APP key mint a borrower token bound to one borrower, the same borrower each time', async () => {
    const appKey = await app.apiKey(slug, 'APP');
    const mint = 'mutation($i: MintBorrowerTokenInput!) { mintBorrowerToken(input: $i) { token borrowerId expiresAt } }';
    const first = (await app.gql(mint, { i: { externalRef: 'user-42', displayName: 'Akinyi' } }, appKey)).data!.mintBorrowerToken;
    const second = (await app.gql(mint, { i: { externalRef: 'user-42' } }, appKey)).data!.mintBorrowerToken;
    expect(second.borrowerId).toBe(first.borrowerId);
    const viewer = await app.gql(VIEWER, {}, first.token);
    expect(viewer.data!.viewer).toMatchObject({ roles: ['BORROWER'], borrowerId: first.borrowerId, actor: { type: 'BORROWER' } });
    // A borrower token cannot mint tokens or see staff operations.
    expect((await app.gql(mint, { i: { externalRef: 'user-43' } }, first.token)).errors![0].extensions.code).toBe('FORBIDDEN');
    const admin = await app.apiKey(slug, 'LENDER_ADMIN');
    expect((await app.gql(mint, { i: { externalRef: 'user-43' } }, admin)).errors![0].extensions.code).toBe('FORBIDDEN');
  });

  it('gives the operator tenants but no tenant data', async () => {
    const operator = await app.platformKey();
    const viewer = await app.gql(VIEWER, {}, operator);
    expect(viewer.data!.viewer).toMatchObject({ tenant: null, roles: ['PLATFORM_ADMIN'], actor: { type: 'PLATFORM_KEY' } });
    const tenants = await app.gql('{ tenants(first: 100) { nodes { slug } } }', {}, operator);
    expect(tenants.data!.tenants.nodes.map((t: { slug: string }) => t.slug)).toContain(slug);
    for (const q of ['{ apiKeys { nodes { id } } }', '{ staffUsers { nodes { id } } }', '{ auditLog { nodes { id } } }']) {
      expect((await app.gql(q, {}, operator)).errors![0].extensions.code).toBe('FORBIDDEN');
    }
  });
});
