import { CREATE_PRODUCT, PREVIEW, productTerms } from '../support/products';
import { type TestApp, startTestApp } from '../support/test-app';

const EXAMPLE = {
  principal: '100.00', termCount: 6, frequency: 'MONTHLY', annualInterestRate: '0.094822', amortization: 'EQUAL_INSTALLMENT',
  dayCount: 'THIRTY_360', disbursementDate: '2024-01-01', rounding: { decimals: 2, mode: 'HALF_EVEN' },
};

describe('previewSchedule and annualPercentageRate', () => {
  let app: TestApp;
  let admin: string;
  let productId: string;

  beforeAll(async () => {
    app = await startTestApp();
    const { slug } = await app.createTenant();
    admin = await app.apiKey(slug, 'LENDER_ADMIN');
    productId = (await app.gql(CREATE_PRODUCT, { code: 'SAL', input: productTerms() }, admin)).data!.createLoanProduct.id;
  });
  afterAll(() => app.close());

  it('computes the reference example to the cent: 6 x 17.13, interest 0.79 … 0.13', async () => {
    const res = await app.gql(PREVIEW, { input: EXAMPLE }, admin);
    expect(res.errors).toBeUndefined();
    const p = res.data!.previewSchedule;
    expect(p.installments.map((i: any) => i.total)).toEqual(['17.13', '17.13', '17.13', '17.13', '17.13', '17.13']);
    expect(p.installments.map((i: any) => i.interest)).toEqual(['0.79', '0.66', '0.53', '0.40', '0.27', '0.13']);
    expect(p.installments.map((i: any) => i.dueDate)).toEqual(['2024-02-01', '2024-03-01', '2024-04-01', '2024-05-01', '2024-06-01', '2024-07-01']);
    expect(p.installments[5].balance).toBe('0.00');
    expect(p).toMatchObject({ totalPrincipal: '100.00', totalInterest: '2.78', totalFees: '0.00', totalPayable: '102.78', netDisbursement: '100.00', capCheck: null });
    expect(p.apr).toMatch(/^0\.09\d{8}$/);
  });

  it('keeps the day of month and clamps at month end: 31 Jan, 29 Feb, 31 Mar', async () => {
    const res = await app.gql(PREVIEW, { input: { ...EXAMPLE, termCount: 3, disbursementDate: '2023-12-31', firstDueDate: '2024-01-31' } }, admin);
    expect(res.data!.previewSchedule.installments.map((i: any) => i.dueDate)).toEqual(['2024-01-31', '2024-02-29', '2024-03-31']);
  });

  it('prices a product by risk grade and segment, with the fee discount of the band', async () => {
    const base = { productId, principal: '10000.00', termCount: 12, frequency: 'MONTHLY', disbursementDate: '2026-01-10' };
    const a = (await app.gql(PREVIEW, { input: { ...base, riskGrade: 'A' } }, admin)).data!.previewSchedule;
    const b = (await app.gql(PREVIEW, { input: { ...base, riskGrade: 'B' } }, admin)).data!.previewSchedule;
    const bSole = (await app.gql(PREVIEW, { input: { ...base, riskGrade: 'B', segment: 'SOLE_PROPRIETOR' } }, admin)).data!.previewSchedule;
    expect([a.annualInterestRate, b.annualInterestRate, bSole.annualInterestRate]).toEqual(['0.12', '0.16', '0.15']);
    // 1% processing fee, deducted; grade A pays half.
    expect(a.upfrontFees.deducted).toBe('50.00');
    expect(b.upfrontFees.deducted).toBe('100.00');
    expect(b.netDisbursement).toBe('9900.00');
    expect(Number(b.apr)).toBeGreaterThan(0.16);
    expect(a.productVersion).toBe(1);
  });

  it('lets a borrower token preview its product', async () => {
    const appKey = await app.apiKey((await app.gql('{ viewer { tenant { slug } } }', {}, admin)).data!.viewer.tenant.slug, 'APP');
    const { token } = (await app.gql('mutation { mintBorrowerToken(input: { externalRef: "b-1" }) { token } }', {}, appKey)).data!.mintBorrowerToken;
    const res = await app.gql(PREVIEW, { input: { productId, riskGrade: 'C', principal: '2000.00', termCount: 3, frequency: 'MONTHLY', disbursementDate: '2026-01-10' } }, token);
    expect(res.data!.previewSchedule.installments).toHaveLength(3);
  });

  // Variables are built inside each test: productId exists only after beforeAll.
  const explicit = (change: Record<string, unknown>) => () => ({ input: { ...EXAMPLE, ...change } });
  const onProduct = (change: Record<string, unknown>) => () => ({ input: { productId, riskGrade: 'A', principal: '5000.00', termCount: 6, frequency: 'MONTHLY', disbursementDate: '2026-01-10', ...change } });
  it.each([
    ['a zero principal', explicit({ principal: '0' }), 'input.principal'],
    ['a negative principal', explicit({ principal: '-100.00' }), 'input.principal'],
    ['an amount below the product range', onProduct({ principal: '999.99' }), 'input.principal'],
    ['an amount above the product range', onProduct({ principal: '100000.01' }), 'input.principal'],
    ['a term outside the product range', onProduct({ termCount: 25 }), 'input.termCount'],
    ['a frequency the product does not allow', onProduct({ frequency: 'WEEKLY' }), 'input.frequency'],
    ['a grade the product does not price', onProduct({ riskGrade: 'Z' }), 'input.riskGrade'],
    ['more decimals than the currency has', explicit({ principal: '100.001' }), 'input.principal'],
    ['rounding beyond the currency', explicit({ rounding: { decimals: 3, mode: 'HALF_EVEN' } }), 'input.rounding.decimals'],
    ['a first due date before disbursement', explicit({ firstDueDate: '2023-12-15' }), 'input.firstDueDate'],
    ['a rate above 10 (1000%)', explicit({ annualInterestRate: '10.01' }), 'input.annualInterestRate'],
    ['explicit terms with no rate', explicit({ annualInterestRate: undefined }), 'input.annualInterestRate'],
    ['product terms overridden by the caller', onProduct({ annualInterestRate: '0.01' }), 'input.annualInterestRate'],
  ])('refuses %s with BAD_USER_INPUT naming the field, never a wrong schedule', async (_name, variables, field) => {
    const res = await app.gql(PREVIEW, variables(), admin);
    expect(res.data).toBeNull();
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('refuses a money amount sent as a JSON number', async () => {
    const res = await app.gql(PREVIEW, { input: { ...EXAMPLE, principal: 100.0 } }, admin);
    expect(res.errors![0].extensions.code).toBe('BAD_USER_INPUT');
  });

  const APR = 'query($input: AprInput!) { annualPercentageRate(input: $input) { apr convention unitPeriod } }';

  it('computes the Regulation Z Appendix J example: 5,000.00, 24 x 230.00 monthly = 9.69%', async () => {
    const payments = Array.from({ length: 24 }, (_, k) => {
      const month = ((k + 1) % 12) + 1;
      const year = 1978 + Math.floor((k + 1) / 12);
      return { date: `${year}-${String(month).padStart(2, '0')}-10`, amount: '230.00' };
    });
    const res = await app.gql(APR, { input: { advances: [{ date: '1978-01-10', amount: '5000.00' }], payments, convention: 'US_REG_Z_ACTUARIAL', unitPeriod: 'MONTHLY' } }, admin);
    const { apr } = res.data!.annualPercentageRate;
    expect(apr).toMatch(/^0\.\d{10}$/);
    expect((Number(apr) * 100).toFixed(2)).toBe('9.69');
  });

  it.each([
    ['no payments', { advances: [{ date: '2026-01-01', amount: '100.00' }], payments: [] }, 'input.payments'],
    ['no advances', { advances: [], payments: [{ date: '2026-02-01', amount: '100.00' }] }, 'input.advances'],
    ['a negative amount', { advances: [{ date: '2026-01-01', amount: '-100.00' }], payments: [{ date: '2026-02-01', amount: '101.00' }] }, 'input.advances'],
  ])('refuses an APR cash-flow set with %s (no sign change)', async (_name, input, field) => {
    const res = await app.gql(APR, { input }, admin);
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});
