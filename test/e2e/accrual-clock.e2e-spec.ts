import { Dec } from '../../src/core/money';
import { addDays } from '../../src/modules/cob/cob.service';
import { cli } from '../support/cli';
import { REPAY, ageLoan, autoLender, disbursedLoan } from '../support/loans';
import { type TestApp, startTestApp } from '../support/test-app';

/*
 * Issue 12, items 3, 4, 7 and 8: one owner of each penalty day, postings in the currency's minor unit,
 * one DPD clock, and a per-loan ledger that reconciles, all read through GraphQL as a lender reads them.
 */
describe('accrual clock: penalties, DPD and the per-loan ledger agree whoever touched the loan', () => {
  let app: TestApp;
  let lender: Awaited<ReturnType<typeof autoLender>>;
  const today = () => new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());
  // Each case has its own lender: a tenant's nightly run moves one business date at a time.
  beforeEach(async () => {
    lender = await autoLender(app);
    await app.ownerQuery("UPDATE tenants SET timezone = 'UTC' WHERE slug = $1", [lender.slug]);
  });

  const LOAN_READ = (id: string) => `{ loan(id: "${id}") {
    id dpd bucket annualRate
    balances { outstanding { principal interest penalties } ledger }
    journal(first: 100) { nodes { kind lines } }
  } }`;
  const read = async (id: string) => {
    const res = await app.gql(LOAN_READ(id), {}, lender.admin);
    expect(res.errors).toBeUndefined();
    return res.data!.loan;
  };
  const cob = async (date: string) => {
    const res = await cli(app.config, 'cob', 'run', '--tenant', lender.slug, '--date', date);
    expect(res.code).toBe(0);
  };
  /** Two loans on the same terms (the sandbox bureau prices by borrower, so look for a twin). */
  async function twins(ageDays: number) {
    const first = await disbursedLoan(app, lender);
    const rate = (await read(first.loanId)).annualRate;
    for (let i = 0; i < 12; i++) {
      const other = await disbursedLoan(app, lender);
      if ((await read(other.loanId)).annualRate === rate) {
        const a = await ageLoan(app, first.loanId, ageDays);
        await ageLoan(app, other.loanId, ageDays);
        return { a: first.loanId, b: other.loanId, dueDates: a.dueDates };
      }
    }
    throw new Error('no twin loan found');
  }
  const inMinorUnits = (amount: string) => new Dec(amount).mul(100).isInteger();

  it('charges a touched loan and its untouched twin the same penalty, once per day, and the ledger equals the loans', async () => {
    const { a, b } = await twins(75);
    // The nightly runs up to yesterday: both loans have been overdue for weeks.
    await cob(addDays(today(), -1));
    // Loan B is touched today: a repayment, then its reversal (it bounced). The replay trues B's
    // penalties up to today; the nightly run of today must not charge today again.
    const paid = await app.gql(REPAY, { i: { loanId: b, amount: '50.00', paidAt: today(), method: 'CASH', idempotencyKey: `touch-${b}` } }, lender.admin);
    expect(paid.errors).toBeUndefined();
    const reversed = await app.gql(`mutation { reverseTransaction(id: "${paid.data!.recordRepayment.transactionId}", reason: "bounced") { status } }`, {}, lender.admin);
    expect(reversed.errors).toBeUndefined();
    await cob(today());

    const [la, lb] = [await read(a), await read(b)];
    expect(new Dec(la.balances.outstanding.penalties).gt(0)).toBe(true);
    expect(lb.balances.outstanding.penalties).toBe(la.balances.outstanding.penalties);
    expect(lb.dpd).toBe(la.dpd);
    expect(lb.bucket).toBe(la.bucket);
    for (const l of [la, lb]) {
      // Per loan: the ledger's receivable (its own entries plus its share of the nightly accruals)
      // is what the loan owes.
      expect(new Dec(l.balances.ledger.PENALTY_RECEIVABLE ?? '0').toFixed(2)).toBe(l.balances.outstanding.penalties);
      expect(new Dec(l.balances.ledger.LOAN_PRINCIPAL ?? '0').toFixed(2)).toBe(l.balances.outstanding.principal);
      // Every journal line of the loan is in the currency's minor unit (KES: cents).
      for (const e of l.journal.nodes) for (const line of e.lines) expect([line.account, inMinorUnits(line.debit) && inMinorUnits(line.credit)]).toEqual([line.account, true]);
    }
    // The tenant's ledger: the penalty receivable is the sum of the loans', and every balance is in cents.
    const tb = (await app.gql(`{ trialBalance(asOf: "${today()}") { balanced lines { account balance } } }`, {}, lender.admin)).data!.trialBalance;
    expect(tb.balanced).toBe(true);
    const loans = (await app.gql('{ loans(first: 100) { nodes { id } } }', {}, lender.admin)).data!.loans.nodes;
    let owed = new Dec(0);
    for (const l of loans) owed = owed.plus((await read(l.id)).balances.outstanding.penalties);
    expect(new Dec(tb.lines.find((l: any) => l.account === 'PENALTY_RECEIVABLE').balance).toFixed(2)).toBe(owed.toFixed(2));
    for (const line of tb.lines) expect([line.account, inMinorUnits(line.balance)]).toEqual([line.account, true]);
  });

  it('shows twins the same DPD whether the nightly run or a payment last touched them, and lists both by DPD', async () => {
    const { a, b, dueDates } = await twins(60);
    await cob(addDays(today(), -1));
    // A partial payment on B today does not cure its arrears.
    const paid = await app.gql(REPAY, { i: { loanId: b, amount: '10.00', paidAt: today(), method: 'CASH', idempotencyKey: `partial-${b}` } }, lender.admin);
    expect(paid.errors).toBeUndefined();
    const [la, lb] = [await read(a), await read(b)];
    // DPD is measured at the last closed business date (yesterday) from the oldest unpaid due date.
    const expected = Math.round((Date.parse(addDays(today(), -1)) - Date.parse(dueDates[0])) / 86_400_000);
    expect(la.dpd).toBe(expected);
    expect(lb.dpd).toBe(expected);
    const listed = (await app.gql(`{ loans(first: 100, dpdMin: ${expected}) { nodes { id } } }`, {}, lender.admin)).data!.loans.nodes.map((l: any) => l.id);
    expect(listed).toEqual(expect.arrayContaining([a, b]));
  });

  it('posts a penalty day once even when a payment arrives before the nightly run has caught up', async () => {
    const { a, b } = await twins(50);
    // No nightly run for two weeks; then B is touched (its replay accrues every day up to today).
    await cob(addDays(today(), -14));
    const paid = await app.gql(REPAY, { i: { loanId: b, amount: '5.00', paidAt: addDays(today(), -20), method: 'CASH', idempotencyKey: `late-${b}` } }, lender.admin);
    expect(paid.errors).toBeUndefined();
    await app.gql(`mutation { reverseTransaction(id: "${paid.data!.recordRepayment.transactionId}", reason: "wrong loan") { status } }`, {}, lender.admin);
    // The catch-up runs the missed dates: B's days up to today were already accrued by its replay.
    await cob(today());
    const [la, lb] = [await read(a), await read(b)];
    expect(lb.balances.outstanding.penalties).toBe(la.balances.outstanding.penalties);
    for (const l of [la, lb]) expect(new Dec(l.balances.ledger.PENALTY_RECEIVABLE ?? '0').toFixed(2)).toBe(l.balances.outstanding.penalties);
  });
});
