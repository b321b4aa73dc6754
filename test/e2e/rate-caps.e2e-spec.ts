import { CREATE_PRODUCT, PREVIEW, productTerms } from '../support/products';
import { type TestApp, startTestApp } from '../support/test-app';

/** The published LPR history since the reform of 2019-08-20, newest first as `referenceRates` lists it. */
const LPR_1Y = [
  ['2025-05-20', '0.03'], ['2024-10-21', '0.031'], ['2024-07-22', '0.0335'], ['2023-08-21', '0.0345'], ['2023-06-20', '0.0355'], ['2022-08-22', '0.0365'], ['2022-01-20', '0.037'],
  ['2021-12-20', '0.038'], ['2020-04-20', '0.0385'], ['2020-02-20', '0.0405'], ['2019-11-20', '0.0415'], ['2019-09-20', '0.042'], ['2019-08-20', '0.0425'],
].map(([effectiveFrom, rate]) => ({ effectiveFrom, rate }));
const LPR_5Y = [
  ['2025-05-20', '0.035'], ['2024-10-21', '0.036'], ['2024-07-22', '0.0385'], ['2024-02-20', '0.0395'], ['2023-06-20', '0.042'], ['2022-08-22', '0.043'],
  ['2022-05-20', '0.0445'], ['2022-01-20', '0.046'], ['2020-04-20', '0.0465'], ['2020-02-20', '0.0475'], ['2019-11-20', '0.048'], ['2019-08-20', '0.0485'],
].map(([effectiveFrom, rate]) => ({ effectiveFrom, rate }));

/** A Chinese lender under 4 x LPR, whose cap moves with the reference rate on its effective date. */
describe('rate caps', () => {
  let app: TestApp;
  let admin: string;
  let operator: string;

  const cnTerms = (overrides: Record<string, unknown> = {}) =>
    productTerms({ currency: 'CNY', frequencies: ['MONTHLY'], termMin: 6, termMax: 12, fees: [], rateBands: [{ grade: 'A', annualRate: '0.10' }, { grade: 'B', annualRate: '0.115' }], segmentOverrides: [], ...overrides });

  beforeAll(async () => {
    app = await startTestApp();
    const { slug } = await app.createTenant({ country: 'CN', jurisdiction: 'CN', baseCurrency: 'CNY', timezone: 'Asia/Shanghai', locale: 'zh-CN' });
    admin = await app.apiKey(slug, 'LENDER_ADMIN');
    operator = await app.platformKey();
    const rule = await app.gql(
      'mutation($i: RateCapRuleInput!) { setRateCapRule(input: $i) { kind referenceName multiple aprConvention effectiveFrom } }',
      { i: { jurisdiction: 'CN', effectiveFrom: '2020-08-20', kind: 'MULTIPLE_OF_REFERENCE', referenceName: 'CN_LPR_1Y', multiple: '4', aprConvention: 'NOMINAL_IRR' } },
      admin,
    );
    expect(rule.data!.setRateCapRule).toEqual({ kind: 'MULTIPLE_OF_REFERENCE', referenceName: 'CN_LPR_1Y', multiple: '4', aprConvention: 'NOMINAL_IRR', effectiveFrom: '2020-08-20' });
  });
  afterAll(() => app.close());

  it('ships the one-year and five-year LPR as published since the reform, every change with its date', async () => {
    const rates = async (name: string) => (await app.gql(`{ referenceRates(name: "${name}") { name effectiveFrom rate } }`, {}, admin)).data!.referenceRates;
    expect(await rates('CN_LPR_1Y')).toEqual(LPR_1Y.map((r) => ({ name: 'CN_LPR_1Y', ...r })));
    expect(await rates('CN_LPR_5Y')).toEqual(LPR_5Y.map((r) => ({ name: 'CN_LPR_5Y', ...r })));
  });

  it('resolves 4 x CN_LPR_1Y on the date asked: 15.4% in 2021, 14.6% in 2023, 12.4% from 2024-10-21, 12.0% from 2025-05-20', async () => {
    const on = async (date: string) => (await app.gql(`{ rateCap(date: "${date}") { cap description reference { rate effectiveFrom } } }`, {}, admin)).data!.rateCap;
    expect(await on('2020-08-19')).toBeNull(); // the day before the tenant's rule: no cap
    expect(await on('2020-08-20')).toMatchObject({ cap: '0.154', reference: { rate: '0.0385', effectiveFrom: '2020-04-20' } });
    expect(await on('2021-03-01')).toEqual({ cap: '0.154', description: '4 x CN_LPR_1Y (3.8500% from 2020-04-20) = 15.4000%', reference: { rate: '0.0385', effectiveFrom: '2020-04-20' } });
    expect(await on('2023-01-01')).toMatchObject({ cap: '0.146', reference: { rate: '0.0365', effectiveFrom: '2022-08-22' } });
    expect(await on('2024-10-20')).toMatchObject({ cap: '0.134', reference: { rate: '0.0335', effectiveFrom: '2024-07-22' } });
    expect(await on('2025-01-15')).toMatchObject({ cap: '0.124', reference: { rate: '0.031', effectiveFrom: '2024-10-21' } });
    expect(await on('2025-05-20')).toMatchObject({ cap: '0.12', reference: { rate: '0.03', effectiveFrom: '2025-05-20' } });
  });

  it('still refuses, clearly, a date before the LPR reform under a rule already in force; a rule may follow the five-year LPR', async () => {
    const { slug } = await app.createTenant({ country: 'CN', jurisdiction: 'CN', baseCurrency: 'CNY', timezone: 'Asia/Shanghai', locale: 'zh-CN' });
    const early = await app.apiKey(slug, 'LENDER_ADMIN');
    const setRule = (effectiveFrom: string, referenceName: string) => app.gql(
      'mutation($i: RateCapRuleInput!) { setRateCapRule(input: $i) { effectiveFrom referenceName } }',
      { i: { jurisdiction: 'CN', effectiveFrom, kind: 'MULTIPLE_OF_REFERENCE', referenceName, multiple: '4', aprConvention: 'NOMINAL_IRR' } },
      early,
    );
    expect((await setRule('2019-01-01', 'CN_LPR_1Y')).errors).toBeUndefined();
    const before = await app.gql('{ rateCap(date: "2019-08-19") { cap } }', {}, early);
    expect(before.errors![0]).toMatchObject({ extensions: { code: 'CONFLICT' } });
    expect(before.errors![0].message).toContain('no CN_LPR_1Y rate is in force on 2019-08-19');
    const on = async (date: string) => (await app.gql(`{ rateCap(date: "${date}") { cap description } }`, {}, early)).data!.rateCap;
    expect(await on('2019-08-20')).toEqual({ cap: '0.17', description: '4 x CN_LPR_1Y (4.2500% from 2019-08-20) = 17.0000%' });

    expect((await setRule('2019-10-01', 'CN_LPR_5Y')).data!.setRateCapRule).toEqual({ effectiveFrom: '2019-10-01', referenceName: 'CN_LPR_5Y' });
    expect(await on('2019-10-01')).toEqual({ cap: '0.194', description: '4 x CN_LPR_5Y (4.8500% from 2019-08-20) = 19.4000%' });
    expect((await on('2022-05-20')).cap).toBe('0.178');
  });

  it('refuses a product whose worst band breaches the cap, stating the APR and the cap', async () => {
    const res = await app.gql(CREATE_PRODUCT, { code: 'TOO-DEAR', input: cnTerms({ rateBands: [{ grade: 'A', annualRate: '0.10' }, { grade: 'E', annualRate: '0.125' }] }) }, admin);
    const err = res.errors![0];
    expect(err.extensions).toMatchObject({ code: 'RATE_CAP_EXCEEDED', cap: '0.12', jurisdiction: 'CN', at: { grade: 'E' } });
    expect(Number(err.extensions.apr)).toBeGreaterThan(0.12);
    expect(err.message).toMatch(/All-in APR 12\.\d{4}% exceeds the cap of 12\.0000% \(4 x CN_LPR_1Y \(3\.0000% from 2025-05-20\) = 12\.0000%\)/);
  });

  it('counts fees in the all-in APR: a nominal 11% with a 2% deducted fee breaches a 12% cap', async () => {
    const fees = [{ kind: 'UPFRONT', name: 'service', chargeType: 'PERCENT', rate: '0.02', treatment: 'DEDUCTED' }];
    const res = await app.gql(CREATE_PRODUCT, { code: 'FEE-HEAVY', input: cnTerms({ fees, rateBands: [{ grade: 'A', annualRate: '0.11' }] }) }, admin);
    expect(res.errors![0].extensions.code).toBe('RATE_CAP_EXCEEDED');
    const ok = await app.gql(CREATE_PRODUCT, { code: 'FEE-LIGHT', input: cnTerms({ fees: [{ ...fees[0], rate: '0.001' }], rateBands: [{ grade: 'A', annualRate: '0.11' }] }) }, admin);
    expect(ok.errors).toBeUndefined();
  });

  it('checks every preview: under the cap it reports the check, over it refuses', async () => {
    const product = (await app.gql(CREATE_PRODUCT, { code: 'CN-SALARY', input: cnTerms() }, admin)).data!.createLoanProduct;
    const ok = await app.gql(PREVIEW, { input: { productId: product.id, riskGrade: 'B', principal: '20000.00', termCount: 12, disbursementDate: '2025-06-01' } }, admin);
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.previewSchedule).toMatchObject({ annualInterestRate: '0.115', riskGrade: 'B', productVersion: 1, currency: 'CNY' });
    expect(ok.data!.previewSchedule.capCheck).toMatchObject({ cap: '0.12', withinCap: true, aprConvention: 'NOMINAL_IRR' });

    const explicit = { principal: '20000.00', termCount: 12, frequency: 'MONTHLY', amortization: 'EQUAL_INSTALLMENT', dayCount: 'THIRTY_360', disbursementDate: '2025-06-01' };
    const over = await app.gql(PREVIEW, { input: { ...explicit, annualInterestRate: '0.1250' } }, admin);
    expect(over.errors![0].extensions).toMatchObject({ code: 'RATE_CAP_EXCEEDED', cap: '0.12' });
    // Under the October 2024 LPR the same 12.2% loan was within 4 x 3.10% = 12.4%.
    const earlier = await app.gql(PREVIEW, { input: { ...explicit, annualInterestRate: '0.1220', disbursementDate: '2025-01-10' } }, admin);
    expect(earlier.data!.previewSchedule.capCheck).toMatchObject({ cap: '0.124', withinCap: true });
  });

  it('previews a loan dated in 2020 under the cap of that date (4 x 3.85%), not today\'s', async () => {
    const explicit = { principal: '20000.00', termCount: 12, frequency: 'MONTHLY', amortization: 'EQUAL_INSTALLMENT', dayCount: 'THIRTY_360', annualInterestRate: '0.1500' };
    const then = await app.gql(PREVIEW, { input: { ...explicit, disbursementDate: '2020-10-15' } }, admin);
    expect(then.errors).toBeUndefined();
    expect(then.data!.previewSchedule.installments[0].dueDate).toBe('2020-11-15');
    expect(then.data!.previewSchedule.capCheck).toMatchObject({ cap: '0.154', withinCap: true, description: '4 x CN_LPR_1Y (3.8500% from 2020-04-20) = 15.4000%' });
    const product = (await app.gql(CREATE_PRODUCT, { code: 'CN-2020', input: cnTerms() }, admin)).data!.createLoanProduct;
    const fromProduct = await app.gql(PREVIEW, { input: { productId: product.id, riskGrade: 'B', principal: '20000.00', termCount: 12, disbursementDate: '2020-10-15' } }, admin);
    expect(fromProduct.data!.previewSchedule.capCheck).toMatchObject({ cap: '0.154', withinCap: true });
    const over = await app.gql(PREVIEW, { input: { ...explicit, annualInterestRate: '0.1600', disbursementDate: '2020-10-15' } }, admin);
    expect(over.errors![0].extensions).toMatchObject({ code: 'RATE_CAP_EXCEEDED', cap: '0.154' });
    const now = await app.gql(PREVIEW, { input: { ...explicit, disbursementDate: '2025-06-01' } }, admin);
    expect(now.errors![0].extensions).toMatchObject({ code: 'RATE_CAP_EXCEEDED', cap: '0.12' });
  });

  it('lets only the operator publish reference rates, and uses a new rate from its date', async () => {
    const bad = await app.gql('mutation { setReferenceRate(name: "CN_LPR_1Y", effectiveFrom: "2030-01-20", rate: "0.0290") { rate } }', {}, admin);
    expect(bad.errors![0].extensions.code).toBe('FORBIDDEN');
    const set = await app.gql('mutation { setReferenceRate(name: "CN_LPR_1Y", effectiveFrom: "2030-01-20", rate: "0.0290") { name effectiveFrom rate } }', {}, operator);
    expect(set.data!.setReferenceRate).toEqual({ name: 'CN_LPR_1Y', effectiveFrom: '2030-01-20', rate: '0.029' });
    expect((await app.gql('{ rateCap(date: "2030-01-20") { cap } }', {}, admin)).data!.rateCap.cap).toBe('0.116');
    expect((await app.gql('{ rateCap(date: "2030-01-19") { cap } }', {}, admin)).data!.rateCap.cap).toBe('0.12');
    const rates = await app.gql('{ referenceRates(name: "CN_LPR_1Y") { effectiveFrom rate } }', {}, admin);
    expect(rates.data!.referenceRates.map((r: any) => r.effectiveFrom)).toEqual(['2030-01-20', ...LPR_1Y.map((r) => r.effectiveFrom)]);
    const invalid = await app.gql('mutation { setReferenceRate(name: "CN_LPR_1Y", effectiveFrom: "2030-02-20", rate: "12") { rate } }', {}, operator);
    expect(invalid.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rate' });
  });

  it('refuses a cap rule on an unknown reference or with a missing part', async () => {
    const set = (i: object) => app.gql('mutation($i: RateCapRuleInput!) { setRateCapRule(input: $i) { id } }', { i }, admin);
    expect((await set({ jurisdiction: 'CN', effectiveFrom: '2026-01-01', kind: 'MULTIPLE_OF_REFERENCE', referenceName: 'NOPE', multiple: '4' })).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.referenceName' });
    expect((await set({ jurisdiction: 'CN', effectiveFrom: '2026-01-01', kind: 'FIXED' })).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.rate' });
  });
});
