import { Dec } from '../../src/core/money';
import { addDays } from '../../src/modules/cob/cob.service';
import { REPAY, ageLoan, autoLender, disbursedLoan } from '../support/loans';
import { type TestApp, startTestApp } from '../support/test-app';

/** Issue 12, items 2 and 6: statements that reconcile and chain; waivers that record what they waive. */
describe('statements and waivers, as a borrower and an auditor read them', () => {
  let app: TestApp;
  let lender: Awaited<ReturnType<typeof autoLender>>;
  const today = () => new Date().toISOString().slice(0, 10);
  const BUCKETS = ['principal', 'interest', 'fees', 'penalties', 'total'] as const;
  const AMOUNTS = 'principal interest fees penalties total';

  beforeAll(async () => {
    app = await startTestApp();
    lender = await autoLender(app);
    await app.ownerQuery("UPDATE tenants SET timezone = 'UTC' WHERE slug = $1", [lender.slug]);
  });
  afterAll(() => app.close());

  const statement = async (loanId: string, from: string, to: string, token = lender.admin) => {
    const res = await app.gql(`{ loanStatement(loanId: "${loanId}", from: "${from}", to: "${to}") {
      from to creditAtOpen creditAtClose opening { ${AMOUNTS} } closing { ${AMOUNTS} }
      lines { date kind amount status transactionId change { ${AMOUNTS} } allocation { principal interest } }
      due { number dueDate }
    } }`, {}, token);
    expect(res.errors).toBeUndefined();
    return res.data!.loanStatement;
  };
  const reconciles = (s: any) => {
    for (const k of BUCKETS) {
      const sum = s.lines.reduce((acc: Dec, l: any) => acc.plus(l.change[k]), new Dec(s.opening[k]));
      expect([k, sum.toFixed(2)]).toEqual([k, s.closing[k]]);
    }
  };
  const repay = (loanId: string, amount: string, paidAt: string, key: string) =>
    app.gql(REPAY, { i: { loanId, amount, paidAt, method: 'CASH', idempotencyKey: key } }, lender.admin);

  it('shows a same-day window as the disbursement and the payment, from a zero opening', async () => {
    const { loanId } = await disbursedLoan(app, lender);
    expect((await repay(loanId, '300.00', today(), `same-day-${loanId}`)).errors).toBeUndefined();
    const s = await statement(loanId, today(), today());
    expect(s.opening.total).toBe('0.00');
    // Paid in advance, the payment reduces principal and so reprices later interest (RESCHEDULED: interest only).
    expect(s.lines.map((l: any) => l.kind)).toEqual(['DISBURSEMENT', 'REPAYMENT', 'RESCHEDULED']);
    expect(s.lines[0]).toMatchObject({ amount: '12000.00', change: { principal: '12000.00' } });
    expect(s.lines[2].change).toMatchObject({ principal: '0.00', fees: '0.00', penalties: '0.00' });
    expect(new Dec(s.lines[2].change.interest).lt(0)).toBe(true);
    reconciles(s);
  });

  it('is all zeros before the loan existed, and the disbursement opens the window that holds it', async () => {
    const { loanId } = await disbursedLoan(app, lender);
    const { start } = await ageLoan(app, loanId, 50);
    const before = await statement(loanId, addDays(start, -30), addDays(start, -1));
    expect([before.opening.total, before.closing.total, before.lines]).toEqual(['0.00', '0.00', []]);
    const around = await statement(loanId, addDays(start, -5), addDays(start, 5));
    expect(around.opening.total).toBe('0.00');
    expect(around.lines[0]).toMatchObject({ kind: 'DISBURSEMENT', date: start });
    reconciles(around);
  });

  it('reconciles every window of a loan with payments, a reversal, a waiver and penalties, and consecutive windows chain', async () => {
    const { loanId } = await disbursedLoan(app, lender);
    const { start, dueDates } = await ageLoan(app, loanId, 100);
    const s0 = (await app.gql(`{ loan(id: "${loanId}") { schedule { principalDue interestDue } } }`, {}, lender.admin)).data!.loan.schedule[0];
    const instalment = new Dec(s0.principalDue).plus(s0.interestDue).toFixed(2);
    expect((await repay(loanId, instalment, addDays(dueDates[0], 3), `late-${loanId}`)).errors).toBeUndefined();
    const bounced = await repay(loanId, '500.00', addDays(dueDates[1], -2), `bounce-${loanId}`);
    await app.gql(`mutation { reverseTransaction(id: "${bounced.data!.recordRepayment.transactionId}", reason: "bounced") { status } }`, {}, lender.admin);
    expect((await app.gql(`mutation { waive(loanId: "${loanId}", kind: PENALTY, amount: "1.00", reason: "goodwill") { id } }`, {}, lender.admin)).errors).toBeUndefined();
    // Windows of 1 to 40 days from before the start to today: each reconciles and each opens where the last closed.
    let from = addDays(start, -3);
    let previous: any = null;
    const kinds = new Set<string>();
    for (let len = 1; from <= today(); len = (len * 7) % 41 || 1) {
      const to = addDays(from, len - 1) > today() ? today() : addDays(from, len - 1);
      const s = await statement(loanId, from, to);
      reconciles(s);
      if (previous) {
        expect(s.opening).toEqual(previous.closing);
        expect(s.creditAtOpen).toBe(previous.creditAtClose);
      }
      for (const l of s.lines) kinds.add(`${l.kind}:${l.status}`);
      previous = s;
      from = addDays(to, 1);
    }
    expect([...kinds]).toEqual(expect.arrayContaining(['DISBURSEMENT:POSTED', 'REPAYMENT:POSTED', 'REPAYMENT:REVERSED', 'PENALTY_ACCRUED:POSTED', 'PENALTY_WAIVER:POSTED']));
    // The whole life in one window says the same as its pieces.
    const whole = await statement(loanId, start, today());
    reconciles(whole);
    expect(whole.closing).toEqual(previous.closing);
  });

  it('refuses a waiver above what is owed with the owed figure, and records exactly what it waives', async () => {
    const { loanId } = await disbursedLoan(app, lender);
    await ageLoan(app, loanId, 45);
    const owed = (await app.gql(`{ loan(id: "${loanId}") { balances { outstanding { interest } } } }`, {}, lender.admin)).data!.loan.balances.outstanding.interest;
    const tooMuch = await app.gql(`mutation { waive(loanId: "${loanId}", kind: INTEREST, amount: "1000000", reason: "typo") { id amount } }`, {}, lender.admin);
    expect(tooMuch.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount', owed });
    const exact = await app.gql(`mutation { waive(loanId: "${loanId}", kind: INTEREST, amount: "${owed}", reason: "hardship") { id amount } }`, {}, lender.admin);
    expect(exact.errors).toBeUndefined();
    expect(exact.data!.waive.amount).toBe(owed);
    const after = (await app.gql(`{ loan(id: "${loanId}") { balances { outstanding { interest } } journal(first: 100) { nodes { kind lines } } } }`, {}, lender.admin)).data!.loan;
    expect(after.balances.outstanding.interest).toBe('0.00');
    // The journal's waiver entry is the same figure as the transaction.
    const entry = after.journal.nodes.find((e: any) => e.kind === 'INTEREST_WAIVER');
    const income = entry.lines.find((l: any) => l.account === 'INTEREST_INCOME');
    expect(new Dec(income.debit).toFixed(2)).toBe(owed);
  });
});
