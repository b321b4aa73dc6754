import { Dec } from '../../src/core/money';
import { addDays } from '../../src/modules/cob/cob.service';
import { cli } from '../support/cli';
import { LOAN, REPAY, ageLoan, autoLender, disbursedLoan } from '../support/loans';
import { type TestApp, startTestApp } from '../support/test-app';

describe('restructuring a loan in arrears', () => {
  let app: TestApp;
  let lender: Awaited<ReturnType<typeof autoLender>>;
  const today = () => new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    app = await startTestApp();
    lender = await autoLender(app);
    await app.ownerQuery("UPDATE tenants SET timezone = 'UTC'");
  });
  afterAll(() => app.close());

  const RESTRUCTURE = `mutation($i: RestructureLoanInput!) { restructureLoan(input: $i) { id status principal restructuredFrom } }`;
  const loan = async (id: string) => (await app.gql(LOAN(id), {}, lender.admin)).data!.loan;
  const suspense = async () => (await app.gql('{ trialBalance { balanced lines { account balance } } }', {}, lender.admin)).data!.trialBalance;

  async function inArrears() {
    const { loanId } = await disbursedLoan(app, lender, { amount: '12000.00', termCount: 6 });
    await ageLoan(app, loanId, 75);
    await cli(app.config, 'cob', 'run', '--tenant', lender.slug, '--date', addDays(today(), -1));
    const quote = (await app.gql(`{ payoffQuote(loanId: "${loanId}") { principal interest fees penalties credit } }`, {}, lender.admin)).data!.payoffQuote;
    expect(new Dec(quote.penalties).gt(0)).toBe(true);
    return { loanId, quote };
  }

  it('capitalises the arrears into a successor loan, keeps the old one frozen, and leaves SUSPENSE at zero', async () => {
    const { loanId, quote } = await inArrears();
    const res = await app.gql(RESTRUCTURE, { i: { loanId, termCount: 12, capitaliseArrears: true, reason: 'harvest failed', idempotencyKey: `rs-cap-${loanId}` } }, lender.admin);
    expect(res.errors).toBeUndefined();
    const successor = res.data!.restructureLoan;
    const expected = new Dec(quote.principal).plus(quote.interest).plus(quote.fees).plus(quote.penalties).minus(quote.credit);
    expect(successor).toMatchObject({ status: 'ACTIVE', restructuredFrom: loanId, principal: expected.toFixed(2) });
    const old = (await app.gql(`{ loan(id: "${loanId}") { status restructuredInto } }`, {}, lender.admin)).data!.loan;
    expect(old).toEqual({ status: 'RESTRUCTURED', restructuredInto: successor.id });
    const next = await loan(successor.id);
    expect(next.schedule).toHaveLength(12);
    expect(next.balances.outstanding.principal).toBe(expected.toFixed(2));
    expect(new Dec(next.balances.ledger.LOAN_PRINCIPAL).toFixed(2)).toBe(expected.toFixed(2));
    expect(new Dec((await loan(loanId)).balances.ledger.LOAN_PRINCIPAL).isZero()).toBe(true);
    const tb = await suspense();
    expect(tb.balanced).toBe(true);
    expect(new Dec(tb.lines.find((l: any) => l.account === 'SUSPENSE').balance).isZero()).toBe(true);
    // Same key: the same successor; a second restructure of the old loan is refused.
    const again = await app.gql(RESTRUCTURE, { i: { loanId, termCount: 12, capitaliseArrears: true, reason: 'harvest failed', idempotencyKey: `rs-cap-${loanId}` } }, lender.admin);
    expect(again.data!.restructureLoan.id).toBe(successor.id);
    const twice = await app.gql(RESTRUCTURE, { i: { loanId, termCount: 6, capitaliseArrears: true, reason: 'again', idempotencyKey: `rs-cap2-${loanId}` } }, lender.admin);
    expect(twice.errors![0].extensions.code).toBe('CONFLICT');
    // The nightly run moves on to the successor only.
    const accrual = await app.ownerQuery('SELECT status, last_cob_date::text AS last FROM loans WHERE id = ANY($1) ORDER BY status', [[loanId, successor.id]]);
    expect(accrual.map((a) => a.status)).toEqual(['ACTIVE', 'RESTRUCTURED']);
  });

  it('without capitalising, collects the arrears with the first new instalment, interest-free, as income once', async () => {
    const { loanId, quote } = await inArrears();
    const arrears = new Dec(quote.interest).plus(quote.fees).plus(quote.penalties);
    const res = await app.gql(RESTRUCTURE, { i: { loanId, termCount: 6, annualInterestRate: '0.10', capitaliseArrears: false, reason: 'hardship', idempotencyKey: `rs-nc-${loanId}` } }, lender.admin);
    const successor = res.data!.restructureLoan;
    expect(successor.principal).toBe(new Dec(quote.principal).minus(quote.credit).toFixed(2));
    const next = await loan(successor.id);
    // Let the first new instalment fall due, then pay it on its date: the arrears come with it.
    const { dueDates } = await ageLoan(app, successor.id, 32);
    const [sched] = await app.ownerQuery('SELECT schedule FROM loans WHERE id = $1', [successor.id]);
    expect(sched.schedule[0].fees).toBe(arrears.toFixed(2));
    const first = sched.schedule[0];
    const paid = await app.gql(REPAY, { i: { loanId: successor.id, amount: first.total, paidAt: dueDates[0], method: 'CASH', idempotencyKey: `rs-nc-pay-${loanId}` } }, lender.admin);
    expect(paid.data!.recordRepayment.allocation).toMatchObject({ fees: arrears.toFixed(2), principal: first.principal, interest: first.interest });
    const tb = await suspense();
    expect(tb.balanced).toBe(true);
    expect(new Dec(tb.lines.find((l: any) => l.account === 'SUSPENSE').balance).isZero()).toBe(true);
    expect(next.balances.outstanding.principal).toBe(successor.principal);
  });

  it('refuses a restructure without a reason or with a term out of range, writing nothing', async () => {
    const { loanId } = await disbursedLoan(app, lender, { amount: '12000.00', termCount: 6 });
    const before = await app.ownerQuery('SELECT count(*)::int AS n FROM loans');
    for (const [change, field] of [[{ reason: ' ' }, 'input.reason'], [{ termCount: 0 }, 'input.termCount'], [{ annualInterestRate: '11' }, 'input.annualInterestRate']] as const) {
      const res = await app.gql(RESTRUCTURE, { i: Object.assign({ loanId, termCount: 6, capitaliseArrears: true, reason: 'ok', idempotencyKey: `rs-bad-${Math.random()}` }, change) }, lender.admin);
      expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await app.ownerQuery('SELECT count(*)::int AS n FROM loans')).toEqual(before);
  });
});
