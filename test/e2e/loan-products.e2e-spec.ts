import { CREATE_PRODUCT, PREVIEW, productTerms } from '../support/products';
import { type TestApp, startTestApp } from '../support/test-app';

describe('loan products', () => {
  let app: TestApp;
  let admin: string;
  let analyst: string;

  beforeAll(async () => {
    app = await startTestApp();
    const { slug } = await app.createTenant();
    admin = await app.apiKey(slug, 'LENDER_ADMIN');
    analyst = await app.apiKey(slug, 'ANALYST');
  });
  afterAll(() => app.close());

  it('creates a product at version 1, and revising makes version 2 while version 1 stays as it was', async () => {
    const created = await app.gql(CREATE_PRODUCT, { code: 'SALARY-1', input: productTerms() }, admin);
    expect(created.errors).toBeUndefined();
    const product = created.data!.createLoanProduct;
    expect(product).toMatchObject({ code: 'SALARY-1', status: 'ACTIVE', currentVersion: 1, revolving: false });

    const revise = 'mutation($id: ID!, $input: LoanProductTermsInput!) { reviseLoanProduct(id: $id, input: $input) { currentVersion terms { rateBands { grade annualRate } } } }';
    const cheaper = productTerms({ rateBands: [{ grade: 'A', annualRate: '0.11', feeDiscount: '0.5' }, { grade: 'B', annualRate: '0.15', feeDiscount: '0' }] });
    const revised = await app.gql(revise, { id: product.id, input: cheaper }, admin);
    expect(revised.data!.reviseLoanProduct.currentVersion).toBe(2);
    // Saving the same terms again makes no version.
    expect((await app.gql(revise, { id: product.id, input: cheaper }, admin)).data!.reviseLoanProduct.currentVersion).toBe(2);

    const read = await app.gql(`{ loanProduct(id: "${product.id}") { currentVersion versions { version maxApr terms { rateBands { grade annualRate } } } } }`, {}, analyst);
    const versions = read.data!.loanProduct.versions;
    expect(versions.map((v: any) => v.version)).toEqual([1, 2]);
    expect(versions[0].terms.rateBands.map((b: any) => b.annualRate)).toEqual(['0.12', '0.16', '0.20']);
    expect(versions[1].terms.rateBands.map((b: any) => b.annualRate)).toEqual(['0.11', '0.15']);
    expect(Number(versions[0].maxApr)).toBeGreaterThan(0.2);
  });

  it('archives a product: no new previews, no revisions, still readable with its versions', async () => {
    const { id } = (await app.gql(CREATE_PRODUCT, { code: 'OLD-LOAN', input: productTerms({ name: 'Old' }) }, admin)).data!.createLoanProduct;
    const archived = await app.gql(`mutation { archiveLoanProduct(id: "${id}") { status archivedAt } }`, {}, admin);
    expect(archived.data!.archiveLoanProduct.status).toBe('ARCHIVED');
    const preview = await app.gql(PREVIEW, { input: { productId: id, riskGrade: 'A', principal: '5000.00', termCount: 6, frequency: 'MONTHLY', disbursementDate: '2026-01-15' } }, admin);
    expect(preview.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.productId' });
    const revise = await app.gql('mutation($id: ID!, $input: LoanProductTermsInput!) { reviseLoanProduct(id: $id, input: $input) { id } }', { id, input: productTerms() }, admin);
    expect(revise.errors![0].extensions.code).toBe('CONFLICT');
  });

  it('lists products as a connection with filters', async () => {
    await app.gql(CREATE_PRODUCT, { code: 'FARM-1', input: productTerms({ name: 'Harvest loan', segment: 'AGRICULTURE', amortization: 'INTEREST_ONLY' }) }, admin);
    const all = await app.gql('{ loanProducts(first: 50) { nodes { code status segment } pageInfo { hasNextPage } } }', {}, analyst);
    expect(all.data!.loanProducts.nodes.map((p: any) => p.code)).toEqual(expect.arrayContaining(['SALARY-1', 'OLD-LOAN', 'FARM-1']));
    const active = await app.gql('{ loanProducts(status: ACTIVE) { nodes { code } } }', {}, analyst);
    expect(active.data!.loanProducts.nodes.map((p: any) => p.code)).not.toContain('OLD-LOAN');
    const farm = await app.gql('{ loanProducts(segment: AGRICULTURE) { nodes { code } } }', {}, analyst);
    expect(farm.data!.loanProducts.nodes.map((p: any) => p.code)).toEqual(['FARM-1']);
    const search = await app.gql('{ loanProducts(search: "harvest") { nodes { code } } }', {}, analyst);
    expect(search.data!.loanProducts.nodes.map((p: any) => p.code)).toEqual(['FARM-1']);
    const page = await app.gql('{ loanProducts(first: 1) { edges { cursor } pageInfo { hasNextPage endCursor } } }', {}, analyst);
    expect(page.data!.loanProducts.pageInfo.hasNextPage).toBe(true);
  });

  it('supports a revolving credit-line product', async () => {
    const res = await app.gql(CREATE_PRODUCT, {
      code: 'LINE-1',
      input: productTerms({ name: 'Working capital line', segment: 'SMALL_BUSINESS', amortization: 'INTEREST_ONLY', dayCount: 'ACTUAL_360', frequencies: ['MONTHLY'], termMin: 1, termMax: 12, creditLine: { limitMin: '10000.00', limitMax: '100000.00', validityMonths: 12 } }),
    }, admin);
    expect(res.data!.createLoanProduct.revolving).toBe(true);
  });

  it.each([
    ['amountMin above amountMax', { amountMin: '5000.00', amountMax: '1000.00' }, 'input.amountMax'],
    ['an amount with more decimals than the product rounds to', { amountMin: '1000.005' }, 'input.amountMin'],
    ['rounding beyond the currency', { rounding: { decimals: 3, mode: 'HALF_UP' } }, 'input.rounding.decimals'],
    ['a grade priced twice', { rateBands: [{ grade: 'A', annualRate: '0.1' }, { grade: 'A', annualRate: '0.2' }] }, 'input.rateBands'],
    ['an override for a grade with no band', { segmentOverrides: [{ segment: 'CONSUMER', grade: 'Z', annualRate: '0.1' }] }, 'input.segmentOverrides.0.grade'],
    ['an upfront fee with no treatment', { fees: [{ kind: 'UPFRONT', name: 'x', chargeType: 'FLAT', amount: '10' }] }, 'input.fees.0.treatment'],
    ['an allocation order missing a bucket', { allocationOrder: ['FEES', 'INTEREST', 'PRINCIPAL'] }, 'input.allocationOrder'],
    ['grace as long as the term', { graceOnPrincipalPeriods: 3 }, 'input.graceOnPrincipalPeriods'],
    ['an unknown currency', { currency: 'XYZ' }, 'input.currency'],
    ['a rate above 1000%', { rateBands: [{ grade: 'A', annualRate: '10.5' }] }, 'input.rateBands.0.annualRate'],
    ['an LTV on a guarantor', { collateral: [{ kind: 'GUARANTOR', maxLtv: '0.5' }] }, 'input.collateral.0.maxLtv'],
  ])('refuses %s with BAD_USER_INPUT naming the field, and saves nothing', async (_name, change, field) => {
    const before = await app.ownerQuery('SELECT count(*)::int AS n FROM loan_product_versions');
    const res = await app.gql(CREATE_PRODUCT, { code: 'BAD-1', input: productTerms(change) }, admin);
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await app.ownerQuery('SELECT count(*)::int AS n FROM loan_product_versions')).toEqual(before);
  });

  it('refuses a duplicate code with CONFLICT and lets only lender admins change the catalogue', async () => {
    expect((await app.gql(CREATE_PRODUCT, { code: 'SALARY-1', input: productTerms() }, admin)).errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'code' });
    expect((await app.gql(CREATE_PRODUCT, { code: 'NEW-1', input: productTerms() }, analyst)).errors![0].extensions.code).toBe('FORBIDDEN');
  });
});
