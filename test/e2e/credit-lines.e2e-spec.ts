import { CREATE_PRODUCT, productTerms } from '../support/products';
import { SUBMIT, borrowerInput } from '../support/origination';
import { type TestApp, startTestApp } from '../support/test-app';

describe('revolving credit lines (draw and repay any time)', () => {
  let app: TestApp;
  let admin: string;
  let lineId: string;
  let firstLoanId: string;
  let slug: string;
  const today = () => new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    app = await startTestApp();
    ({ slug } = await app.createTenant({ timezone: 'UTC' }));
    admin = await app.apiKey(slug, 'LENDER_ADMIN');
    await app.gql('mutation { setApprovalTiers(tiers: [{ id: "auto", name: "Auto", priority: 1, mode: AUTO }]) { id } }', {}, admin);
    const product = (await app.gql(CREATE_PRODUCT, {
      code: 'LINE',
      input: productTerms({
        name: 'Working capital line', segment: 'SOLE_PROPRIETOR', amortization: 'INTEREST_ONLY', dayCount: 'ACTUAL_360', frequencies: ['MONTHLY'], termMin: 1, termMax: 6,
        fees: [], rateBands: ['A', 'B', 'C', 'D', 'E'].map((grade) => ({ grade, annualRate: '0.12' })), segmentOverrides: [],
        creditLine: { limitMin: '10000.00', limitMax: '100000.00', validityMonths: 12 },
      }),
    }, admin)).data!.createLoanProduct;
    const appl = (await app.gql(SUBMIT, { input: { productId: product.id, amount: '30000.00', termCount: 1, frequency: 'MONTHLY', borrower: borrowerInput({ externalRef: 'line-owner' }) } }, admin)).data!.submitApplication;
    const hash = (await app.gql(`mutation { acceptOffer(applicationId: "${appl.id}") { contract { sha256 } } }`, {}, admin)).data!.acceptOffer.contract.sha256;
    await app.gql(`mutation { signContract(applicationId: "${appl.id}", signerName: "Owner", documentHash: "${hash}") { status } }`, {}, admin);
    firstLoanId = (await app.gql(`mutation { disburseLoan(applicationId: "${appl.id}", idempotencyKey: "line-open-1") { id } }`, {}, admin)).data!.disburseLoan.id;
    lineId = (await app.gql(`{ creditLines(borrowerId: "${appl.borrowerId}") { id } }`, {}, admin)).data!.creditLines[0].id;
  });
  afterAll(() => app.close());

  const line = async () => (await app.gql(`{ creditLine(id: "${lineId}") { limit drawn available status drawIds } }`, {}, admin)).data!.creditLine;
  const draw = (amount: string, key: string, token = admin) => app.gql(`mutation { drawOnCreditLine(creditLineId: "${lineId}", amount: "${amount}", idempotencyKey: "${key}") { id principal status } }`, {}, token);

  it('opens the approved amount as the limit, the disbursement being its first draw', async () => {
    expect(await line()).toEqual({ limit: '30000.00', drawn: '30000.00', available: '0.00', status: 'ACTIVE', drawIds: [firstLoanId] });
    expect((await draw('1000.00', 'too-much-0001')).errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'INSUFFICIENT_LIMIT', available: '0.00' });
  });

  it('frees the limit as draws are repaid, and draws again any time, once per key', async () => {
    const quote = (await app.gql(`{ payoffQuote(loanId: "${firstLoanId}") { total } }`, {}, admin)).data!.payoffQuote;
    await app.gql(`mutation { recordRepayment(input: { loanId: "${firstLoanId}", amount: "${quote.total}", paidAt: "${today()}", method: BANK_TRANSFER, idempotencyKey: "line-repay-1" }) { transactionId } }`, {}, admin);
    expect(await line()).toMatchObject({ drawn: '0.00', available: '30000.00' });
    const first = await draw('12000.00', 'draw-0001');
    const again = await draw('12000.00', 'draw-0001');
    expect(first.errors).toBeUndefined();
    expect(again.data!.drawOnCreditLine.id).toBe(first.data!.drawOnCreditLine.id);
    expect(first.data!.drawOnCreditLine).toMatchObject({ principal: '12000.00', status: 'ACTIVE' });
    expect(await line()).toMatchObject({ drawn: '12000.00', available: '18000.00' });
    const [ledger] = await app.ownerQuery(
      `SELECT sum(l.debit)::text AS d FROM journal_lines l JOIN journal_entries e ON e.tenant_id = l.tenant_id AND e.id = l.entry_id WHERE e.loan_id = $1 AND l.account_code = 'LOAN_PRINCIPAL'`,
      [first.data!.drawOnCreditLine.id]);
    expect(Number(ledger.d)).toBe(12000);
  });

  it('lets the borrower draw on its own line, and stops draws when frozen or the limit is cut', async () => {
    const appKey = await app.apiKey(slug, 'APP');
    const { token } = (await app.gql('mutation { mintBorrowerToken(input: { externalRef: "line-owner" }) { token } }', {}, appKey)).data!.mintBorrowerToken;
    expect((await draw('3000.00', 'self-draw-01', token)).errors).toBeUndefined();
    await app.gql(`mutation { freezeCreditLine(id: "${lineId}", frozen: true) { status } }`, {}, admin);
    expect((await draw('1000.00', 'frozen-draw-1')).errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'LINE_FROZEN' });
    await app.gql(`mutation { freezeCreditLine(id: "${lineId}", frozen: false) { status } }`, {}, admin);
    const cut = (await app.gql(`mutation { setCreditLineLimit(id: "${lineId}", limit: "10000.00") { limit drawn available } }`, {}, admin)).data!.setCreditLineLimit;
    expect(cut).toEqual({ limit: '10000.00', drawn: '15000.00', available: '0.00' });
  });

  it('is invisible to another tenant, which can neither read, draw on, freeze nor resize it', async () => {
    const { slug: other } = await app.createTenant();
    const intruder = await app.apiKey(other, 'LENDER_ADMIN');
    const before = await app.ownerQuery('SELECT * FROM credit_lines WHERE id = $1', [lineId]);
    expect((await app.gql(`{ creditLine(id: "${lineId}") { id } }`, {}, intruder)).errors![0].extensions.code).toBe('NOT_FOUND');
    expect((await app.gql('{ creditLines { id } }', {}, intruder)).data!.creditLines).toEqual([]);
    expect((await draw('1.00', 'intruder-draw-1', intruder)).errors![0].extensions.code).toBe('NOT_FOUND');
    expect((await app.gql(`mutation { freezeCreditLine(id: "${lineId}", frozen: true) { id } }`, {}, intruder)).errors![0].extensions.code).toBe('NOT_FOUND');
    expect((await app.gql(`mutation { setCreditLineLimit(id: "${lineId}", limit: "1.00") { id } }`, {}, intruder)).errors![0].extensions.code).toBe('NOT_FOUND');
    expect(await app.ownerQuery('SELECT * FROM credit_lines WHERE id = $1', [lineId])).toEqual(before);
  });
});
