import { Dec } from '../../src/core/money';
import { tenantToday } from '../support/dates';
import { REPAY, autoLender, disbursedLoan } from '../support/loans';
import { SUBMIT, borrowerInput } from '../support/origination';
import { type TestApp, startTestApp } from '../support/test-app';

type Lender = Awaited<ReturnType<typeof autoLender>>;
type Exposure = { borrower: string; industry: string; region: string; product: string };

/**
 * A decision's concentration limits read the book's exposure from cells the database keeps as loans
 * move (migrations/1766850000000-exposure-cells.ts). Read here as a lender reads it, through the
 * decision's appetite (limits of 0 always breach, and report exposure + amount), and held against the
 * ledger itself after every kind of move: disbursements, a repayment, its reversal, a borrower moving
 * region and industry, a write-off; and against another tenant's book.
 */
describe('exposure cells: the concentration a decision sees is the ledger’s, on a book of any size', () => {
  let app: TestApp;
  let lender: Lender;
  let other: Lender;
  const AMOUNT = '1000.00';

  beforeAll(async () => {
    app = await startTestApp();
    lender = await autoLender(app);
    other = await autoLender(app);
  });
  afterAll(() => app.close());

  /** The exposure a decision for `borrower` sees (breach.projected less the amount applied for). */
  async function seen(l: Lender, borrower: { borrowerId?: string; borrower?: Record<string, unknown> }): Promise<Exposure> {
    const limits = async (list: string) => expect((await app.gql(`mutation { setRiskAppetiteLimits(limits: [${list}]) { id } }`, {}, l.admin)).errors).toBeUndefined();
    await limits(`{ id: "per-borrower", dimension: BORROWER, maxAmount: "0", action: REFER }, { id: "per-industry", dimension: INDUSTRY, maxAmount: "0", action: REFER },
      { id: "per-region", dimension: REGION, maxAmount: "0", action: REFER }, { id: "per-product", dimension: PRODUCT, maxAmount: "0", action: REFER }`);
    const res = await app.gql(SUBMIT, { input: { productId: l.productId, amount: AMOUNT, termCount: 4, frequency: 'MONTHLY', ...borrower } }, l.admin);
    await limits('');
    expect(res.errors).toBeUndefined();
    const breaches: { dimension: string; projected: string }[] = res.data!.submitApplication.decision.appetite.breaches;
    const at = (d: string) => new Dec(breaches.find((b) => b.dimension === d)!.projected).minus(AMOUNT).toFixed(2);
    return { borrower: at('BORROWER'), industry: at('INDUSTRY'), region: at('REGION'), product: at('PRODUCT') };
  }

  /** The same figures from the ledger: each active loan's LOAN_PRINCIPAL balance, summed. */
  async function ledger(l: Lender, borrowerId: string | null, industry: string, region: string): Promise<Exposure> {
    const [row] = await app.ownerQuery(
      `WITH o AS (
         SELECT l.borrower_id, b.industry, b.region,
                (SELECT coalesce(sum(jl.debit - jl.credit), 0) FROM journal_lines jl JOIN journal_entries je ON je.tenant_id = jl.tenant_id AND je.id = jl.entry_id
                 WHERE je.tenant_id = l.tenant_id AND je.loan_id = l.id AND jl.account_code = 'LOAN_PRINCIPAL') AS principal
         FROM loans l JOIN borrowers b ON b.tenant_id = l.tenant_id AND b.id = l.borrower_id
         WHERE l.tenant_id = $1 AND l.status = 'ACTIVE')
       SELECT coalesce(sum(principal) FILTER (WHERE borrower_id = $2), 0) AS borrower, coalesce(sum(principal) FILTER (WHERE industry = $3), 0) AS industry,
              coalesce(sum(principal) FILTER (WHERE region = $4), 0) AS region, coalesce(sum(principal), 0) AS product FROM o`,
      [l.tenantId, borrowerId, industry, region],
    );
    const money = (x: string) => new Dec(x).toFixed(2);
    return { borrower: money(row.borrower), industry: money(row.industry), region: money(row.region), product: money(row.product) };
  }

  it('follows disbursements, a repayment and its reversal, a borrower moving, and a write-off, to the cent', async () => {
    const amina = borrowerInput({ region: 'Kisumu', industry: 'agriculture' });
    const first = await disbursedLoan(app, lender, { amount: '20000.00', borrower: amina });
    await disbursedLoan(app, lender, { amount: '15000.00', borrower: borrowerInput({ region: 'Kisumu', industry: 'retail' }) });
    const third = await disbursedLoan(app, lender, { amount: '12000.00', borrower: borrowerInput({ region: 'Mombasa', industry: 'agriculture' }) });
    const check = async (step: string, who: { borrowerId: string } | null, industry: string, region: string) => {
      const decided = await seen(lender, who ?? { borrower: borrowerInput({ region, industry }) });
      expect({ step, ...decided }).toEqual({ step, ...(await ledger(lender, who?.borrowerId ?? null, industry, region)) });
      return decided;
    };

    const start = await check('three loans', { borrowerId: first.borrowerId }, 'agriculture', 'Kisumu');
    expect(start).toEqual({ borrower: '20000.00', industry: '32000.00', region: '35000.00', product: '47000.00' });

    const paid = await app.gql(REPAY, { i: { loanId: first.loanId, amount: '5000.00', paidAt: tenantToday(), method: 'CASH', idempotencyKey: `exposure-${first.loanId}` } }, lender.admin);
    expect(paid.errors).toBeUndefined();
    const afterRepayment = await check('a repayment', { borrowerId: first.borrowerId }, 'agriculture', 'Kisumu');
    expect(new Dec(afterRepayment.borrower).lt(20000)).toBe(true);

    const reversed = await app.gql(`mutation { reverseTransaction(id: "${paid.data!.recordRepayment.transactionId}", reason: "bounced") { id } }`, {}, lender.admin);
    expect(reversed.errors).toBeUndefined();
    expect(await check('its reversal', { borrowerId: first.borrowerId }, 'agriculture', 'Kisumu')).toEqual(start);

    const moved = await app.gql('mutation($id: ID!, $input: BorrowerInput!) { updateBorrower(id: $id, input: $input) { region industry } }',
      { id: first.borrowerId, input: { ...amina, region: 'Mombasa', industry: 'fishing' } }, lender.admin);
    expect(moved.errors).toBeUndefined();
    await check('the borrower moved (new cell)', { borrowerId: first.borrowerId }, 'fishing', 'Mombasa');
    expect(await check('the borrower moved (old cell)', null, 'agriculture', 'Kisumu')).toMatchObject({ industry: '12000.00', region: '15000.00' });

    const written = await app.gql(`mutation { writeOffLoan(loanId: "${third.loanId}", reason: "absconded") { status } }`, {}, lender.admin);
    expect(written.data?.writeOffLoan.status).toBe('WRITTEN_OFF');
    expect(await check('a write-off', null, 'agriculture', 'Mombasa')).toMatchObject({ region: '20000.00', product: '35000.00' });
  });

  it('never counts another tenant’s book', async () => {
    const before = await seen(other, { borrower: borrowerInput({ region: 'Kisumu', industry: 'agriculture' }) });
    expect(before).toEqual(await ledger(other, null, 'agriculture', 'Kisumu'));
    await disbursedLoan(app, other, { amount: '9000.00', borrower: borrowerInput({ region: 'Kisumu', industry: 'agriculture' }) });
    const mine = await seen(other, { borrower: borrowerInput({ region: 'Kisumu', industry: 'agriculture' }) });
    expect(mine).toMatchObject({ industry: new Dec(before.industry).plus(9000).toFixed(2), product: new Dec(before.product).plus(9000).toFixed(2) });
    expect(mine).toEqual(await ledger(other, null, 'agriculture', 'Kisumu'));
    // The first lender's book did not move for it.
    const theirs = await seen(lender, { borrower: borrowerInput({ region: 'Kisumu', industry: 'agriculture' }) });
    expect(theirs).toEqual(await ledger(lender, null, 'agriculture', 'Kisumu'));
  });
});
