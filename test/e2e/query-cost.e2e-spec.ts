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
    // Within the alias limit, the cost refuses it: 20 x 20,000 rows computed at a point a row, even with no row selected.
    const costly = await post(`{ ${Array.from({ length: 20 }, (_, i) => preview(`p${i}`, 20000)).join(' ')} }`);
    expect(costly.status).toBe(400);
    expect(costly.body.data).toBeUndefined();
    expect(costly.body.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxCost: 15000 });
    expect(costly.body.errors[0].extensions.cost).toBeGreaterThan(20 * 20000);
    expect(costly.body.extensions.cost.requestedQueryCost).toBe(costly.body.errors[0].extensions.cost);
    // One alias of it too.
    expect((await post(`{ ${preview('p', 20000)} }`)).body.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxCost: 15000 });
  });

  const cost = async (query: string, variables?: Record<string, unknown>) => {
    const res = await post(query, variables);
    expect(res.body.errors).toBeUndefined();
    return res.body.extensions.cost.requestedQueryCost as number;
  };

  it('prices a schedule by the rows it computes and, only when they are selected, the values it renders', async () => {
    // Totals only: a point a row computed (and in the APR solve).
    const short = await cost(`{ ${preview('p', 12)} }`);
    const long = await cost(`{ ${preview('p', 360)} }`);
    expect(long - short).toBe(348);
    expect(await cost(`query($n: Int!) { ${preview('p', '$n')} }`, { n: 360 })).toBe(long);
    // Rows selected: 2 points a row and 2 a value, for each value the rows carry (merged as GraphQL merges them).
    const rows = (fields: string, n = 360) => cost(`{ ${preview('p', n, `totalPayable apr ${fields}`)} }`);
    const selection = (fields: string) => fields.split(/[\s{}]+/).filter((t) => t && !t.endsWith(':')).length; // what the selection itself costs, a point a field
    const twoValues = 'installments { number total }';
    expect((await rows(twoValues)) - long - selection(twoValues)).toBe(360 * (2 + 2 * 2));
    const merged = 'installments { number } installments { total number }';
    expect((await rows(merged)) - long - selection(merged)).toBe(360 * (2 + 2 * 2));
    const twoLists = 'a: installments { number total } b: installments { total }';
    expect((await rows(twoLists)) - long - selection(twoLists)).toBe(360 * (2 + 2 * 2) + 360 * (2 + 2 * 1));
    const viaFragment = await cost(`query { ${preview('p', 360, 'totalPayable apr ...Rows')} } fragment Rows on SchedulePreview { installments { ... on ScheduleInstallment { number total } } }`);
    expect(viaFragment - long).toBe(360 * (2 + 2 * 2) + 3);
    // An APR: 12 points a cash flow.
    const apr = (n: number) => `{ annualPercentageRate(input: { advances: [{ date: "2025-01-01", amount: "1000.00" }], payments: [${
      Array.from({ length: n }, (_, i) => `{ date: "2025-${String(2 + (i % 10)).padStart(2, '0')}-01", amount: "10.00" }`).join(',')}], unitPeriod: MONTHLY }) { apr } }`;
    expect((await cost(apr(10))) - (await cost(apr(2)))).toBe(12 * 8);
  });

  it('admits a 1,200-row daily schedule with totals or a few row fields, and refuses every row field at the default limit', async () => {
    const every = 'installments { number dueDate principal interest fees total balance } totalPayable';
    const refused = await post(`{ ${preview('p', 1200, every)} }`);
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxCost: 15000 });
    expect(refused.body.errors[0].extensions.cost).toBeGreaterThan(1200 * (1 + 2 + 2 * 7));
    const few = await post(`{ ${preview('p', 1200, 'installments { dueDate total balance } totalPayable')} }`);
    expect(few.body.errors).toBeUndefined();
    expect(few.body.extensions.cost.requestedQueryCost).toBeLessThanOrEqual(15000);
    const rows = few.body.data.p.installments;
    expect(rows).toHaveLength(1200);
    expect(rows[0]).toEqual({ dueDate: '2025-01-02', total: expect.stringMatching(/^\d+\.\d{2}$/), balance: expect.stringMatching(/^\d+\.\d{2}$/) });
    expect(rows[1199].balance).toBe('0.00');
    // Every row field of a shorter schedule, written from the minor units with the schedule's decimals.
    const full = (await post(`{ ${preview('p', 3, every)} }`)).body.data.p;
    expect(full.installments.map((r: Record<string, unknown>) => Object.keys(r))).toEqual(Array(3).fill(['number', 'dueDate', 'principal', 'interest', 'fees', 'total', 'balance']));
    for (const r of full.installments) for (const k of ['principal', 'interest', 'fees', 'total', 'balance']) expect(r[k]).toMatch(/^\d+\.\d{2}$/);
    expect(full.installments[2].balance).toBe('0.00');
  });

  it('prices a decision simulation by the applications it replays, and each loan replay in a page', async () => {
    const sim = async (args: string) => (await post(`{ simulateDecision${args} { applications } }`)).body.extensions.cost.requestedQueryCost as number;
    expect((await sim('(applications: 100)')) - (await sim('(applications: 10)'))).toBe(90 * 40);
    expect(await sim('')).toBe(await sim('(applications: 300)'));
    const all = await post('{ simulateDecision(applications: 2000) { applications } }');
    expect(all.body.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxCost: 15000 });
    expect(all.body.errors[0].extensions.cost).toBeGreaterThan(2000 * 40);
    expect((await post('{ simulateDecision(applications: 0) { applications } }')).body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'applications' });
    // A loan's schedule or balances replays the loan: 2,000 points each, per loan of the page.
    const page = await post('{ loans(first: 10) { nodes { id schedule { number } } } }');
    expect(page.body.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxCost: 15000 });
    expect(page.body.errors[0].extensions.cost).toBeGreaterThan(10 * 2000);
    expect(await cost('{ loans(first: 5) { nodes { id schedule { number } } } }')).toBeGreaterThan(5 * 2000);
  });

  it('runs costly queries in turns, and a costly query that fails ends its turn', async () => {
    // payoffQuote costs 2,000 (costly from 1,000): of a loan that does not exist, NOT_FOUND. Were a
    // failed request to keep its turn, the third of these would wait for ever (two run at once).
    const missing = '{ payoffQuote(loanId: "00000000-0000-4000-8000-000000000000") { principal } }';
    for (let i = 0; i < 5; i++) expect((await post(missing)).body.errors[0].extensions.code).toBe('NOT_FOUND');
    // Six at once, each answered.
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => post(`{ ${preview(`p${i}`, 1200, 'installments { total } totalPayable')} }`)));
    for (const a of answers) expect(a.body.data.p0 ?? Object.values(a.body.data)[0]).toMatchObject({ totalPayable: expect.stringMatching(/^\d+\.\d{2}$/) });
    expect(answers.every((a) => a.body.extensions.cost.requestedQueryCost >= 1000)).toBe(true);
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

  it('prices one document by the variables that feed a price, and alike whatever the variables that do not', async () => {
    const costOf = async (query: string, variables: Record<string, unknown>) => (await post(query, variables)).body.extensions.cost.requestedQueryCost as number;
    // A page size and a termCount given as variables change the price of the same text...
    const page = 'query($n: Int) { loans(first: $n) { nodes { id } } }';
    expect(await costOf(page, { n: 50 })).toBeGreaterThan(await costOf(page, { n: 5 }));
    const schedule = 'query($t: Int!) { previewSchedule(input: { principal: "1000.00", termCount: $t, frequency: MONTHLY, annualInterestRate: "0.18", amortization: EQUAL_INSTALLMENT, dayCount: ACTUAL_365, disbursementDate: "2025-01-01" }) { installments { total } } }';
    expect(await costOf(schedule, { t: 360 })).toBeGreaterThan(await costOf(schedule, { t: 12 }));
    // ...a loan id given to a field of fixed price does not; a field kept by @include is priced per request.
    const payoff = 'query($id: ID!) { payoffQuote(loanId: $id) { principal } }';
    const fixed = await costOf(payoff, { id: '00000000-0000-4000-8000-000000000000' });
    expect(fixed).toBeGreaterThanOrEqual(2000);
    expect(await costOf(payoff, { id: '00000000-0000-4000-8000-000000000001' })).toBe(fixed);
    const flagged = 'query($deep: Boolean!) { viewer { roles } loans(first: 50) @include(if: $deep) { nodes { id } } }';
    expect(await costOf(flagged, { deep: true })).toBeGreaterThan(await costOf(flagged, { deep: false }));
  });

  it('reports the cost of every answer in extensions.cost', async () => {
    const res = await post('{ viewer { roles } }');
    expect(res.status).toBe(200);
    // Budgets are off in this app: the cost alone, no throttle status.
    expect(res.body.extensions).toEqual({ cost: { requestedQueryCost: 2 } });
  });
});
