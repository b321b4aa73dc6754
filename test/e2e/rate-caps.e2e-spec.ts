import { CREATE_PRODUCT, PREVIEW, productTerms } from '../support/products';
import { type TestApp, startTestApp } from '../support/test-app';

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

  it('resolves 4 x CN_LPR_1Y on the date asked: 12.4% from 2024-10-21, 12.0% from 2025-05-20', async () => {
    const on = async (date: string) => (await app.gql(`{ rateCap(date: "${date}") { cap description reference { rate effectiveFrom } } }`, {}, admin)).data!.rateCap;
    expect(await on('2025-01-15')).toMatchObject({ cap: '0.124', reference: { rate: '0.031', effectiveFrom: '2024-10-21' } });
    expect(await on('2025-05-20')).toMatchObject({ cap: '0.12', reference: { rate: '0.03', effectiveFrom: '2025-05-20' } });
    const before = await app.gql('{ rateCap(date: "2023-01-01") { cap } }', {}, admin);
    expect(before.errors![0]).toMatchObject({ extensions: { code: 'CONFLICT' } });
    expect(before.errors![0].message).toContain('no CN_LPR_1Y rate is in force on 2023-01-01');
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

  it('lets only the operator publish reference rates, and uses a new rate from its date', async () => {
    const bad = await app.gql('mutation { setReferenceRate(name: "CN_LPR_1Y", effectiveFrom: "2030-01-20", rate: "0.0290") { rate } }', {}, admin);
    expect(bad.errors![0].extensions.code).toBe('FORBIDDEN');
    const set = await app.gql('mutation { setReferenceRate(name: "CN_LPR_1Y", effectiveFrom: "2030-01-20", rate: "0.0290") { name effectiveFrom rate } }', {}, operator);
    expect(set.data!.setReferenceRate).toEqual({ name: 'CN_LPR_1Y', effectiveFrom: '2030-01-20', rate: '0.029' });
    expect((await app.gql('{ rateCap(date: "2030-01-20") { cap } }', {}, admin)).data!.rateCap.cap).toBe('0.116');
    expect((await app.gql('{ rateCap(date: "2030-01-19") { cap } }', {}, admin)).data!.rateCap.cap).toBe('0.12');
    const rates = await app.gql('{ referenceRates(name: "CN_LPR_1Y") { effectiveFrom rate } }', {}, admin);
    expect(rates.data!.referenceRates.map((r: any) => r.effectiveFrom)).toEqual(['2030-01-20', '2025-05-20', '2024-10-21']);
    const invalid = await app.gql('mutation { setReferenceRate(name: "CN_LPR_1Y", effectiveFrom: "2030-02-20", rate: "12") { rate } }', {}, operator);
    expect(invalid.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rate' });
  });

  it('refuses a cap rule on an unknown reference or with a missing part', async () => {
    const set = (i: object) => app.gql('mutation($i: RateCapRuleInput!) { setRateCapRule(input: $i) { id } }', { i }, admin);
    expect((await set({ jurisdiction: 'CN', effectiveFrom: '2026-01-01', kind: 'MULTIPLE_OF_REFERENCE', referenceName: 'NOPE', multiple: '4' })).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.referenceName' });
    expect((await set({ jurisdiction: 'CN', effectiveFrom: '2026-01-01', kind: 'FIXED' })).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.rate' });
  });
});
