import { type TestApp, startTestApp } from '../support/test-app';

describe('GraphQL conventions', () => {
  let app: TestApp;
  let admin: string;

  beforeAll(async () => {
    app = await startTestApp({ env: { GRAPHQL_MAX_DEPTH: '4', GRAPHQL_MAX_COST: '700', GRAPHQL_MAX_PAGE_SIZE: '50' } });
    const { slug } = await app.createTenant();
    admin = await app.apiKey(slug, 'LENDER_ADMIN');
  });
  afterAll(() => app.close());

  it('accepts a query at the depth limit and rejects one deeper with QUERY_TOO_COMPLEX, before running it', async () => {
    // viewer(1) > tenant(2) > rounding(3) > mode(4): exactly the limit of 4.
    expect((await app.gql('{ viewer { tenant { rounding { mode } } } }', {}, admin)).errors).toBeUndefined();
    const res = await app.gql('{ apiKeys { edges { node { id } } } viewer { roles } }', {}, admin);
    expect(res.errors).toBeUndefined();
    // tenants(1) > edges(2) > node(3) > rounding(4) > mode(5).
    const deep = await app.gql('{ tenants { edges { node { rounding { mode } } } } }', {}, admin);
    expect(deep.data).toBeNull();
    expect(deep.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', depth: 5, maxDepth: 4 });
  });

  it('counts depth through fragments and inline fragments', async () => {
    const viaFragment = await app.gql('fragment N on Tenant { rounding { ... on RoundingPolicy { mode } } } { viewer { tenant { ...N } } }', {}, admin);
    expect(viaFragment.errors).toBeUndefined();
    const tooDeep = await app.gql('fragment T on TenantEdge { node { ...N } } fragment N on Tenant { rounding { mode } } { tenants { edges { ...T } } }', {}, admin);
    expect(tooDeep.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', depth: 5 });
  });

  it('rejects abusive queries with a coded error and the measured figure', async () => {
    // Cost: 50 rows x (10 aliased fields + the row) and 50 x (3 fields + the row).
    const fields = Array.from({ length: 10 }, (_, i) => `f${i}: name`).join(' ');
    const costly = await app.gql(`{ a: apiKeys(first: 50) { nodes { ${fields} } } b: staffUsers(first: 50) { nodes { id email fullName } } }`, {}, admin);
    expect(costly.data).toBeNull();
    expect(costly.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxCost: 700 });
    expect(Number(costly.errors![0].extensions.cost)).toBeGreaterThan(700);
  });

  it('measures the same query text again when its page size comes from a variable', async () => {
    const fields = Array.from({ length: 10 }, (_, i) => `f${i}: name`).join(' ');
    const query = `query($n: Int) { apiKeys(first: $n) { nodes { ${fields} } } }`;
    expect((await app.gql(query, { n: 5 }, admin)).errors).toBeUndefined();
    const costly = await app.gql(query, { n: 100 }, admin);
    expect(costly.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxCost: 700 });
    // A fixed text is measured once, and refused every time it is too costly.
    const fixed = `{ apiKeys(first: 50) { nodes { ${fields} } } }`;
    for (let i = 0; i < 2; i++) expect((await app.gql(fixed, {}, admin)).errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
  });

  it('pages with first/after and refuses a page beyond the maximum', async () => {
    for (let i = 0; i < 5; i++) await app.gql(`mutation { createApiKey(input: { name: "k${i}", role: ANALYST }) { secret } }`, {}, admin);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const res: any = await app.gql('query($after: String) { apiKeys(first: 2, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }', { after }, admin);
      seen.push(...res.data.apiKeys.edges.map((e: any) => e.node.id));
      if (!res.data.apiKeys.pageInfo.hasNextPage) break;
      after = res.data.apiKeys.pageInfo.endCursor;
    }
    expect(seen.length).toBe(6);
    expect(new Set(seen).size).toBe(6);
    expect([...seen].sort()).toEqual(seen);
    const tooBig = await app.gql('{ apiKeys(first: 51) { nodes { id } } }', {}, admin);
    expect(tooBig.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const badCursor = await app.gql('{ apiKeys(after: "bm9wZQ") { nodes { id } } }', {}, admin);
    expect(badCursor.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('names the field of invalid input and writes nothing', async () => {
    const operator = await app.platformKey();
    const before = await app.ownerQuery('SELECT count(*)::int AS n FROM tenants');
    const res = await app.gql(
      'mutation($i: TenantInput!) { createTenant(input: $i) { id } }',
      { i: { slug: 'bad-lender', name: 'Bad', legalName: 'Bad Ltd', country: 'KE', jurisdiction: 'KE', baseCurrency: 'KES', timezone: 'Mars/Olympus', locale: 'en-KE', rounding: { decimals: 2, mode: 'HALF_UP' } } },
      operator,
    );
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.timezone' });
    const decimals = await app.gql(
      'mutation($i: TenantInput!) { createTenant(input: $i) { id } }',
      { i: { slug: 'yen-lender', name: 'Yen', legalName: 'Yen KK', country: 'JP', jurisdiction: 'JP', baseCurrency: 'JPY', timezone: 'Asia/Tokyo', locale: 'ja-JP', rounding: { decimals: 2, mode: 'HALF_UP' } } },
      operator,
    );
    expect(decimals.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.rounding.decimals' });
    expect(await app.ownerQuery('SELECT count(*)::int AS n FROM tenants')).toEqual(before);
  });

  it('serves /healthz and /readyz, and no /metrics on the public port (see metrics.e2e-spec)', async () => {
    const request = require('supertest');
    expect((await request(app.http.app).get('/healthz')).body).toEqual({ status: 'ok' });
    const ready = await request(app.http.app).get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toEqual({ database: 'ok', queue: 'ok' });
    expect((await request(app.http.app).get('/metrics')).status).toBe(404);
  });
});
