import { Dec } from '../../src/core/money';
import { REPAY, ageLoan, autoLender, disbursedLoan } from '../support/loans';
import { type TestApp, startTestApp } from '../support/test-app';

/**
 * Issue 12 item 5 through GraphQL: paying the payoff quote with settleLoan closes the loan with no
 * credit, books the to-the-day interest as interest and the prepayment fee as fee income; a stale
 * amount is refused with the current quote; the same key answers the same; and a REDUCE_TERM
 * prepayment makes the payoff earn interest on the balance actually outstanding.
 */
describe('settleLoan: paying the payoff quote', () => {
  let app: TestApp;
  let lender: Awaited<ReturnType<typeof autoLender>>;
  const today = () => new Date().toISOString().slice(0, 10);

  const SETTLE = `mutation($i: SettleLoanInput!) { settleLoan(input: $i) {
    transactionId allocation { principal interest fees penalties toCredit fromCredit } } }`;
  const QUOTE = (id: string) => `{ payoffQuote(loanId: "${id}") { principal interest fees penalties prepaymentFee credit total accruedInterest } }`;
  const READ = (id: string) => `{ loan(id: "${id}") {
    status schedule { number dueDate principalDue interestDue feesDue }
    transactions(first: 100) { nodes { id kind amount } }
    journal(first: 100) { nodes { kind reference lines } }
    balances { ledger outstanding { total } credit }
  } }`;
  type Line = { account: string; debit: string; credit: string };
  const zero = (x: string | undefined) => new Dec(x ?? '0').isZero();

  /** A disbursed 12,000 loan aged `days`, with a 2 % prepayment fee on its servicing terms (set-up only). */
  async function loan(days: number, prepaymentFee: Record<string, string> | null = { chargeType: 'PERCENT', rate: '0.02' }) {
    const { loanId } = await disbursedLoan(app, lender, { amount: '12000.00', termCount: 6 });
    const aged = await ageLoan(app, loanId, days);
    await app.ownerQuery("UPDATE loans SET servicing_terms = servicing_terms || jsonb_build_object('prepaymentFee', $2::jsonb, 'overpaymentPolicy', 'REDUCE_TERM') WHERE id = $1", [loanId, JSON.stringify(prepaymentFee)]);
    return { loanId, ...aged };
  }

  async function quote(loanId: string) {
    const res = await app.gql(QUOTE(loanId), {}, lender.admin);
    expect(res.errors).toBeUndefined();
    return res.data!.payoffQuote;
  }

  beforeAll(async () => {
    app = await startTestApp();
    lender = await autoLender(app);
    await app.ownerQuery("UPDATE tenants SET timezone = 'UTC'");
  });
  afterAll(() => app.close());

  it('closes the loan with zero credit; the interest to the day is interest income, the prepayment fee fee income; the same key answers the same', async () => {
    const { loanId, dueDates } = await loan(45);
    const first = (await app.gql(READ(loanId), {}, lender.admin)).data!.loan.schedule[0];
    const paid = await app.gql(REPAY, { i: { loanId, amount: new Dec(first.principalDue).plus(first.interestDue).plus(first.feesDue).toFixed(2), paidAt: dueDates[0], method: 'CASH', idempotencyKey: `i1-${loanId}` } }, lender.admin);
    expect(paid.errors).toBeUndefined();
    const q = await quote(loanId);
    expect(new Dec(q.accruedInterest).gt(0)).toBe(true);
    expect(q.prepaymentFee).toBe(new Dec(q.principal).mul('0.02').toFixed(2));

    const input = { loanId, amount: q.total, paidAt: today(), method: 'MOBILE_MONEY', reference: 'payoff', idempotencyKey: `settle-${loanId}` };
    const res = await app.gql(SETTLE, { i: input }, lender.admin);
    expect(res.errors).toBeUndefined();
    const settled = res.data!.settleLoan;
    expect(settled.allocation).toMatchObject({ principal: q.principal, interest: q.interest, fees: new Dec(q.fees).plus(q.prepaymentFee).toFixed(2), penalties: q.penalties, toCredit: '0.00' });

    const l = (await app.gql(READ(loanId), {}, lender.admin)).data!.loan;
    expect(l.status).toBe('CLOSED');
    expect(l.balances.credit).toBe('0.00');
    expect(l.balances.outstanding.total).toBe('0.00');
    expect(l.transactions.nodes.find((t: any) => t.id === settled.transactionId)).toMatchObject({ kind: 'SETTLEMENT', amount: q.total });
    // The settlement's entry: the interest against the receivable, the fee as income, no overpayment.
    const entry = l.journal.nodes.find((e: any) => e.reference === `tx:${settled.transactionId}`);
    expect(entry.kind).toBe('SETTLEMENT');
    const line = (account: string) => (entry.lines as Line[]).find((x) => x.account === account);
    expect(new Dec(line('INTEREST_RECEIVABLE')!.credit).toFixed(2)).toBe(q.interest);
    expect(new Dec(line('FEE_INCOME')!.credit).toFixed(2)).toBe(q.prepaymentFee);
    expect(line('OVERPAYMENT_LIABILITY')).toBeUndefined();
    // The loan's ledger: principal and interest receivable at zero, the interest paid is income.
    expect(zero(l.balances.ledger.LOAN_PRINCIPAL)).toBe(true);
    expect(zero(l.balances.ledger.INTEREST_RECEIVABLE)).toBe(true);
    expect(zero(l.balances.ledger.OVERPAYMENT_LIABILITY)).toBe(true);

    const again = await app.gql(SETTLE, { i: input }, lender.admin);
    expect(again.errors).toBeUndefined();
    expect(again.data!.settleLoan).toEqual(settled);
  });

  it('refuses an amount that is not the current quote with CONFLICT and the quote', async () => {
    const { loanId } = await loan(20);
    const q = await quote(loanId);
    const stale = new Dec(q.total).minus('0.01').toFixed(2);
    const res = await app.gql(SETTLE, { i: { loanId, amount: stale, paidAt: today(), method: 'CASH', idempotencyKey: `stale-${loanId}` } }, lender.admin);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', quote: { total: q.total, asOf: today() } });
    expect((await app.gql(READ(loanId), {}, lender.admin)).data!.loan.status).toBe('ACTIVE');
  });

  it('REDUCE_TERM: 2,000 prepaid on 12,000 on the first day, the payoff 10 days later earns interest on 10,000', async () => {
    const { loanId, start } = await loan(10, null);
    const before = (await app.gql(READ(loanId), {}, lender.admin)).data!.loan.schedule;
    const onFull = await quote(loanId);
    const pre = await app.gql(REPAY, { i: { loanId, amount: '2000.00', paidAt: start, method: 'CASH', idempotencyKey: `pre-${loanId}` } }, lender.admin);
    expect(pre.errors).toBeUndefined();
    expect(pre.data!.recordRepayment.allocation).toMatchObject({ principal: '2000.00', fees: '0.00', toCredit: '0.00' });
    const q = await quote(loanId);
    // #1's interest, earned for 10 of its days on 10,000 of the 12,000 it was scheduled on.
    const period = (Date.parse(before[0].dueDate) - Date.parse(start)) / 86_400_000;
    const expected = new Dec(before[0].interestDue).mul(10 * 10000).div(period * 12000).toDecimalPlaces(2, Dec.ROUND_HALF_EVEN);
    expect(q.accruedInterest).toBe(expected.toFixed(2));
    expect(new Dec(onFull.accruedInterest).mul(10000).div(12000).minus(q.accruedInterest).abs().lte('0.01')).toBe(true);
    expect(q.principal).toBe('10000.00');
    const res = await app.gql(SETTLE, { i: { loanId, amount: q.total, paidAt: today(), method: 'CASH', idempotencyKey: `settle-${loanId}` } }, lender.admin);
    expect(res.errors).toBeUndefined();
    expect(res.data!.settleLoan.allocation).toMatchObject({ principal: '10000.00', interest: q.interest, toCredit: '0.00' });
    const l = (await app.gql(READ(loanId), {}, lender.admin)).data!.loan;
    expect(l).toMatchObject({ status: 'CLOSED', balances: { credit: '0.00' } });
  });
});
