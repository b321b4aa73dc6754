import net from 'node:net';
import request from 'supertest';
import { REPAY, autoLender, disbursedLoan } from '../support/loans';
import { type TestApp, startTestApp } from '../support/test-app';

type Body = { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };

/** Every error is coded, none is INTERNAL, and none carries a stack trace. */
function expectCoded(body: Body, code?: string) {
  expect(body.errors?.length).toBeGreaterThan(0);
  for (const e of body.errors!) {
    expect(e.extensions?.code).toEqual(expect.any(String));
    expect(e.extensions?.code).not.toBe('INTERNAL');
    expect(e.extensions?.stacktrace).toBeUndefined();
    if (code) expect(e.extensions?.code).toBe(code);
  }
}

describe('Bad input is a coded client error, never INTERNAL', () => {
  let app: TestApp;
  let lender: Awaited<ReturnType<typeof autoLender>>;
  let loanId: string;
  const post = (body: unknown, token = lender.admin) =>
    request(app.http.app).post('/graphql').set('content-type', 'application/json').set('authorization', `Bearer ${token}`).send(body as object);
  const count = async (table: string) => (await app.ownerQuery(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;

  beforeAll(async () => {
    app = await startTestApp({ env: { GRAPHQL_MAX_DEPTH: '6', GRAPHQL_MAX_COST: '400' } });
    lender = await autoLender(app);
    ({ loanId } = await disbursedLoan(app, lender));
  }, 60_000);
  afterAll(() => app.close());

  it('refuses a NUL byte in a literal argument and in a variable, naming the field, and writes nothing', async () => {
    const before = await count('api_keys');
    const literal = await post({ query: 'mutation { createApiKey(input: { name: "a\\u0000b", role: ANALYST }) { secret } }' });
    expect(literal.status).toBe(400);
    expectCoded(literal.body, 'BAD_USER_INPUT');
    const variable = await post({ query: 'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }', variables: { i: { name: 'a\u0000b', role: 'ANALYST' } } });
    expect(variable.status).toBe(400);
    expectCoded(variable.body, 'BAD_USER_INPUT');
    expect(variable.body.errors[0].extensions.field).toBe('i.name');
    const search = await post({ query: 'query($q: String) { borrowers(name: $q) { nodes { id } } }', variables: { q: '\u0000' } });
    expectCoded(search.body, 'BAD_USER_INPUT');
    expect(await count('api_keys')).toBe(before);
  });

  it('refuses a 31-digit amount as BAD_USER_INPUT with the field', async () => {
    const before = await count('loan_transactions');
    const huge = '1'.repeat(31);
    const res = await post({ query: REPAY, variables: { i: { loanId, amount: huge, method: 'CASH', paidAt: '2026-01-01', idempotencyKey: 'huge-amount-1' } } });
    expectCoded(res.body, 'BAD_USER_INPUT');
    expect(res.body.errors[0].extensions.field).toBe('i.amount');
    const literal = await post({ query: `mutation { refundCredit(loanId: "${loanId}", amount: "${huge}.5", idempotencyKey: "r1", method: CASH) { id } }` });
    expectCoded(literal.body, 'BAD_USER_INPUT');
    expect(literal.body.errors[0].extensions.field).toBe('amount');
    expect(await count('loan_transactions')).toBe(before);
  });

  it('answers 10,000 aliases with a coded 400', async () => {
    const aliases = Array.from({ length: 10_000 }, (_, i) => `a${i}: __typename`).join(' ');
    const res = await post({ query: `{ ${aliases} }` });
    expect(res.status).toBe(400);
    // 30,000 tokens: refused while the document is read, before it is parsed.
    expectCoded(res.body, 'QUERY_TOO_COMPLEX');
    expect(res.body.errors[0].extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', maxTokens: 5000 });
  });

  it('answers QUERY_TOO_COMPLEX with HTTP 400', async () => {
    const res = await post({ query: '{ tenants { edges { node { rounding { mode } } } } viewer { tenant { rounding { mode } } } a: apiKeys(first: 100) { nodes { id name role } } }' });
    expect(res.status).toBe(400);
    expectCoded(res.body, 'QUERY_TOO_COMPLEX');
  });

  it('answers an over-size body with 413 and malformed JSON with 400, both as coded GraphQL JSON', async () => {
    const big = await post({ query: '{ __typename }', variables: { x: 'x'.repeat(2 * 1024 * 1024) } });
    expect(big.status).toBe(413);
    expect(big.headers['content-type']).toMatch(/application\/json/);
    expectCoded(big.body, 'PAYLOAD_TOO_LARGE');
    const bad = await request(app.http.app).post('/graphql').set('content-type', 'application/json').send('{"query": "{ __typename }", ');
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/application\/json/);
    expectCoded(bad.body, 'BAD_REQUEST');
    expect(JSON.stringify(bad.body)).not.toMatch(/at .*\.js|node_modules/);
  });
});

describe('Database down', () => {
  it('answers 503 SERVICE_UNAVAILABLE with Retry-After, not 500 INTERNAL', async () => {
    // The app reaches Postgres through a proxy the spec can pull, so the database "goes down" for this app alone.
    const target = new URL(process.env.TEST_DATABASE_URL!);
    const sockets = new Set<net.Socket>();
    const proxy = net.createServer((client) => {
      const upstream = net.connect(Number(target.port), target.hostname);
      sockets.add(client).add(upstream);
      client.pipe(upstream).pipe(client);
      const close = () => { client.destroy(); upstream.destroy(); };
      client.on('error', close).on('close', close);
      upstream.on('error', close).on('close', close);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const port = (proxy.address() as net.AddressInfo).port;
    const { createTestDatabase } = await import('../support/test-app');
    const ownerUrl = new URL(await createTestDatabase());
    ownerUrl.hostname = '127.0.0.1';
    ownerUrl.port = String(port);
    let app: TestApp | undefined;
    try {
      app = await startTestApp({ queue: 'redis', env: { DATABASE_URL: ownerUrl.toString() } });
      const { slug } = await app.createTenant();
      const admin = await app.apiKey(slug, 'LENDER_ADMIN');
      expect((await app.gql('{ viewer { roles } }', {}, admin)).errors).toBeUndefined();
      proxy.close();
      for (const s of sockets) s.destroy();
      for (const query of ['{ viewer { roles } }', '{ borrowers { nodes { id } } }']) {
        const res = await request(app.http.app).post('/graphql').set('content-type', 'application/json').set('authorization', `Bearer ${admin}`).send({ query });
        expect(res.status).toBe(503);
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
        expectCoded(res.body, 'SERVICE_UNAVAILABLE');
      }
    } finally {
      proxy.close();
      for (const s of sockets) s.destroy();
      await app?.close().catch(() => undefined);
      const { Client } = await import('pg');
      const admin = new Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${ownerUrl.pathname.slice(1)}" WITH (FORCE)`).catch(() => undefined);
      await admin.end();
    }
  }, 60_000);
});

describe('statement_timeout', () => {
  it('cancels a statement over DB_STATEMENT_TIMEOUT_MS and answers a coded, retriable 503', async () => {
    const app = await startTestApp({ env: { DB_STATEMENT_TIMEOUT_MS: '300' } });
    const { Client } = await import('pg');
    const owner = new Client({ connectionString: app.ownerUrl });
    try {
      const { slug } = await app.createTenant();
      const admin = await app.apiKey(slug, 'LENDER_ADMIN');
      await expect(app.runtime.dataSource.query('SELECT pg_sleep(2)')).rejects.toMatchObject({ code: '57014' });
      // A lock held elsewhere keeps the request's statement waiting past the limit.
      await owner.connect();
      await owner.query('BEGIN; LOCK TABLE borrowers IN ACCESS EXCLUSIVE MODE');
      const started = Date.now();
      const res = await request(app.http.app).post('/graphql').set('content-type', 'application/json').set('authorization', `Bearer ${admin}`)
        .send({ query: '{ borrowers { nodes { id } } }' });
      expect(Date.now() - started).toBeLessThan(1_500);
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBeDefined();
      expectCoded(res.body, 'SERVICE_UNAVAILABLE');
    } finally {
      await owner.query('ROLLBACK').catch(() => undefined);
      await owner.end().catch(() => undefined);
      await app.close();
    }
  }, 60_000);
});
