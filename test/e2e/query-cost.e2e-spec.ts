import request from 'supertest';
import { type TestApp, startTestApp } from '../support/test-app';

/**
 * One request cannot hold the server: documents are refused before they run when they have too many
 * aliases, tokens or directives, or cost more than the limit, and the cost of a field grows with its
 * work (a schedule's rows, an APR's cash flows). Every answer reports its cost in extensions.cost.
 * Default limits, but for tokens: 2,000 aliases are more than the default 5,000 tokens, and here the
 * alias limit is what is shown.
 */
describe('query cost and document limits', () => {
  let app: TestApp;
  let key: string;

  beforeAll(async () => {
    app = await startTestApp({ env: { GRAPHQL_MAX_TOKENS: '50000' } });
    const { slug } = await app.createTenant();
    key = await app.apiKey(slug, 'LENDER_ADMIN');
  });
  afterAll(() => app.close());

  const post = (query: string, variables?: Record<string, unknown>) =>
    request(app.http.app).post('/graphql').set('content-type', 'application/json').set('authorization', `Bearer ${key}`).send({ query, variables });

  const preview = (alias: string, termCount: number | string, fields = 'totalPayable apr') =>
    `${alias}: previewSchedule(input: { principal: "100000.00", termCount: ${termCount}, frequency: DAILY, annualInterestRate: "0.18", amortization: EQUAL_INSTALLMENT, dayCount: ACTUAL_365, disbursementDate: "2025-01-01" }) { ${fields} }`;

  it('refuses 50 aliases of a 20,000-instalment daily schedule before running any of them', async () => {
    const res = await post(`{ ${Array.from({ length: 50 }, (_, i) => preview(`p${i}`, 20000)).join(' ')} }`);
    expect(res.status).toBe(400);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxAliases: 30 });
    // Within the alias limit, the cost refuses it: 20 x 20,000 rows at 8 points a row.
    const costly = await post(`{ ${Array.from({ length: 20 }, (_, i) => preview(`p${i}`, 20000)).join(' ')} }`);
    expect(costly.status).toBe(400);
    expect(costly.body.data).toBeUndefined();
    expect(costly.body.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxCost: 10000 });
    expect(costly.body.errors[0].extensions.cost).toBeGreaterThan(20 * 20000 * 8);
    expect(costly.body.extensions.cost.requestedQueryCost).toBe(costly.body.errors[0].extensions.cost);
    // One alias of it too.
    expect((await post(`{ ${preview('p', 20000)} }`)).body.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxCost: 10000 });
  });

  it('prices a schedule by its rows and an APR by its cash flows, from literals and variables alike', async () => {
    const cost = async (query: string, variables?: Record<string, unknown>) => {
      const res = await post(query, variables);
      expect(res.body.errors).toBeUndefined();
      return res.body.extensions.cost.requestedQueryCost as number;
    };
    const short = await cost(`{ ${preview('p', 12)} }`);
    const long = await cost(`{ ${preview('p', 360)} }`);
    expect(long - short).toBe(8 * 348);
    const viaVariable = await cost(`query($n: Int!) { ${preview('p', '$n')} }`, { n: 360 });
    expect(viaVariable).toBe(long);
    const apr = (n: number) => `{ annualPercentageRate(input: { advances: [{ date: "2025-01-01", amount: "1000.00" }], payments: [${
      Array.from({ length: n }, (_, i) => `{ date: "2025-${String(2 + (i % 10)).padStart(2, '0')}-01", amount: "10.00" }`).join(',')}], unitPeriod: MONTHLY }) { apr } }`;
    expect((await cost(apr(10))) - (await cost(apr(2)))).toBe(5 * 8);
  });

  it('refuses a schedule of more instalments than any product may offer with BAD_USER_INPUT naming termCount', async () => {
    const res = await post(`{ ${preview('p', 1201)} }`);
    expect(res.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.termCount' });
    const ok = await post(`{ ${preview('p', 1200)} }`);
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data.p.totalPayable).toMatch(/^\d+\.\d{2}$/);
  });

  it.each([[2000, 'viewer { roles }'], [10000, '__typename']])('refuses %i aliases of %s by the alias limit, as a coded 400', async (n, field) => {
    const res = await post(`{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxAliases: 30, aliases: n });
    expect((await post(`{ ${Array.from({ length: 30 }, (_, i) => `a${i}: viewer { roles }`).join(' ')} }`)).body.errors).toBeUndefined();
  });

  it('refuses a document of more tokens than the limit before parsing it, as a coded 400', async () => {
    const res = await post(`{ viewer { ${'roles '.repeat(50_000)} } }`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', maxTokens: 50000 });
    // A syntax error under the limit is still Apollo's own.
    expect((await post('{ viewer { roles }')).body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('refuses more directives than the limit, as a coded 400', async () => {
    const res = await post(`{ viewer { ${'roles @include(if: true) '.repeat(51)} } }`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxDirectives: 50, directives: 51 });
  });

  it('reports the cost of every answer in extensions.cost', async () => {
    const res = await post('{ viewer { roles } }');
    expect(res.status).toBe(200);
    // Budgets are off in this app: the cost alone, no throttle status.
    expect(res.body.extensions).toEqual({ cost: { requestedQueryCost: 2 } });
  });
});
