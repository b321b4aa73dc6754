import { Dec } from '../../src/core/money';
import { LOAN, REPAY, ageLoan, autoLender, disbursedLoan } from '../support/loans';
import { type TestApp, startTestApp } from '../support/test-app';

/**
 * A repaid loan read back through GraphQL, every list of it: the journal (with its pages), the
 * transactions, the events, the schedule and the balances. The figures are checked against what the
 * spec paid, so a resolver that fails or answers nonsense shows here.
 */
describe('loan reads: journal, transactions, events, schedule and balances of a repaid loan', () => {
  let app: TestApp;
  let lender: Awaited<ReturnType<typeof autoLender>>;
  let loanId: string;
  let principal: string;
  const payments: { transactionId: string; amount: string; paidAt: string; toCredit: string }[] = [];
  const today = () => new Date().toISOString().slice(0, 10);

  const READ = (id: string, journalArgs = 'first: 100') => `{ loan(id: "${id}") {
    id status principal
    journal(${journalArgs}) {
      nodes { id kind businessDate postedAt reference lines }
      edges { cursor node { id } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
    transactions(first: 100) { nodes { id seq kind effectiveDate amount method reference status } pageInfo { hasNextPage } }
    events { id kind businessDate data createdAt }
    schedule { number dueDate status principalDue principalPaid interestDue interestPaid feesDue feesPaid penaltyDue penaltyPaid unpaid paidOn }
    balances { outstanding { principal interest fees penalties total } overdue { total } credit ledger }
  } }`;

  type Line = { account: string; debit: string; credit: string };
  const sum = (xs: string[]) => xs.reduce((a, x) => a.plus(x), new Dec(0));

  beforeAll(async () => {
    app = await startTestApp();
    lender = await autoLender(app);
    // Nairobi's business date can differ from UTC's near midnight; the lender works in UTC here.
    await app.ownerQuery("UPDATE tenants SET timezone = 'UTC'");
    ({ loanId } = await disbursedLoan(app, lender, { amount: '12000.00', termCount: 6 }));
    const { dueDates } = await ageLoan(app, loanId, 40);
    const before = (await app.gql(LOAN(loanId), {}, lender.admin)).data!.loan;
    const first = before.schedule[0];
    const pay = async (amount: string, paidAt: string, key: string) => {
      const res = await app.gql(REPAY, { i: { loanId, amount, paidAt, method: 'MOBILE_MONEY', reference: key, idempotencyKey: key } }, lender.admin);
      if (!res.data) throw new Error(`repayment failed: ${JSON.stringify(res.errors)}`);
      payments.push({ transactionId: res.data.recordRepayment.transactionId, amount, paidAt, toCredit: res.data.recordRepayment.allocation.toCredit });
    };
    // The first instalment on its due date, then the rest by the payoff quote today.
    await pay(new Dec(first.principalDue).plus(first.interestDue).plus(first.feesDue ?? '0').toFixed(2), dueDates[0], `inst-1-${loanId}`);
    const quote = await app.gql(`{ payoffQuote(loanId: "${loanId}") { total } }`, {}, lender.admin);
    expect(quote.errors).toBeUndefined();
    await pay(quote.data!.payoffQuote.total, today(), `payoff-${loanId}`);
    principal = (await app.ownerQuery('SELECT principal::text AS p FROM loans WHERE id = $1', [loanId]))[0].p;
  });
  afterAll(() => app.close());

  it('reads every list of the loan without errors, and the loan is closed', async () => {
    const res = await app.gql(READ(loanId), {}, lender.admin);
    expect(res.errors).toBeUndefined();
    expect(res.data!.loan).toMatchObject({ id: loanId, status: 'CLOSED' });
    expect(new Dec(res.data!.loan.principal).eq(principal)).toBe(true);
  });

  it('journal: every entry balances, the disbursement debits the principal, the repayments debit cash by what was paid', async () => {
    const { journal } = (await app.gql(READ(loanId), {}, lender.admin)).data!.loan;
    const entries = journal.nodes as { id: string; kind: string; businessDate: string; postedAt: string; reference: string | null; lines: Line[] }[];
    expect(journal.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
    expect(journal.edges.map((e: any) => e.node.id)).toEqual(entries.map((e) => e.id));
    for (const e of entries) {
      expect(e.lines.length).toBeGreaterThanOrEqual(2);
      expect(sum(e.lines.map((l) => l.debit)).toFixed(4)).toBe(sum(e.lines.map((l) => l.credit)).toFixed(4));
      expect(sum(e.lines.map((l) => l.debit)).gt(0)).toBe(true);
      expect(e.businessDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(Number.isNaN(Date.parse(e.postedAt))).toBe(false);
    }
    const disbursement = entries.filter((e) => e.kind === 'DISBURSEMENT');
    expect(disbursement).toHaveLength(1);
    const principalLine = disbursement[0].lines.find((l) => l.account === 'LOAN_PRINCIPAL')!;
    expect(new Dec(principalLine.debit).eq(principal)).toBe(true);
    expect(new Dec(principalLine.credit).isZero()).toBe(true);

    // One entry per payment (REPAYMENT; the payoff is a SETTLEMENT), referenced by its transaction; their cash debits add up to what was paid.
    const repayments = entries.filter((e) => e.kind === 'REPAYMENT' || e.kind === 'SETTLEMENT');
    expect(repayments.map((e) => e.kind)).toEqual(['REPAYMENT', 'SETTLEMENT']);
    expect(repayments.map((e) => e.reference).sort()).toEqual(payments.map((p) => `tx:${p.transactionId}`).sort());
    for (const p of payments) {
      const entry = repayments.find((e) => e.reference === `tx:${p.transactionId}`)!;
      expect(entry.businessDate).toBe(p.paidAt);
      expect(sum(entry.lines.filter((l) => l.account === 'CASH_CLEARING').map((l) => l.debit)).toFixed(2)).toBe(p.amount);
    }
    const cash = sum(repayments.flatMap((e) => e.lines.filter((l) => l.account === 'CASH_CLEARING').map((l) => l.debit)));
    expect(cash.toFixed(2)).toBe(sum(payments.map((p) => p.amount)).toFixed(2));
    // Nothing was reversed or replayed differently.
    expect(entries.filter((e) => e.kind === 'REPLAY_REVERSAL')).toEqual([]);
  });

  it('journal pages: first 1, then after the end cursor, walk the same entries in the same order', async () => {
    const all = (await app.gql(READ(loanId), {}, lender.admin)).data!.loan.journal.nodes.map((n: any) => n.id);
    expect(all.length).toBeGreaterThanOrEqual(3);
    const first = (await app.gql(READ(loanId, 'first: 1'), {}, lender.admin)).data!.loan.journal;
    expect(first.nodes.map((n: any) => n.id)).toEqual([all[0]]);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false, startCursor: first.edges[0].cursor, endCursor: first.edges[0].cursor });
    const second = await app.gql(READ(loanId, `first: 1, after: "${first.pageInfo.endCursor}"`), {}, lender.admin);
    expect(second.errors).toBeUndefined();
    expect(second.data!.loan.journal.nodes.map((n: any) => n.id)).toEqual([all[1]]);
    expect(second.data!.loan.journal.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: all.length > 2 });
    // Walking the rest one by one gives the whole journal.
    const walked: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < all.length + 1; i++) {
      const page: any = (await app.gql(READ(loanId, after ? `first: 1, after: "${after}"` : 'first: 1'), {}, lender.admin)).data!.loan.journal;
      walked.push(...page.nodes.map((n: any) => n.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(walked).toEqual(all);
  });

  it('transactions list the repayments with their amounts and dates', async () => {
    const { transactions } = (await app.gql(READ(loanId), {}, lender.admin)).data!.loan;
    expect(transactions.pageInfo.hasNextPage).toBe(false);
    expect(transactions.nodes).toEqual(payments.map((p, i) => expect.objectContaining({
      id: p.transactionId, seq: i + 1, kind: i === 0 ? 'REPAYMENT' : 'SETTLEMENT', effectiveDate: p.paidAt, amount: p.amount, method: 'MOBILE_MONEY', status: 'POSTED',
    })));
  });

  it('events: the disbursement, each repayment and the closing', async () => {
    const { events } = (await app.gql(READ(loanId), {}, lender.admin)).data!.loan;
    const kinds = events.map((e: any) => e.kind);
    expect(kinds[0]).toBe('DISBURSED');
    expect(new Dec(events[0].data.principal).eq(principal)).toBe(true);
    const posted = events.filter((e: any) => e.kind === 'REPAYMENT_POSTED');
    expect(posted.map((e: any) => ({ transactionId: e.data.transactionId, amount: e.data.amount, effectiveDate: e.data.effectiveDate })))
      .toEqual(payments.map((p) => ({ transactionId: p.transactionId, amount: p.amount, effectiveDate: p.paidAt })));
    expect(kinds.filter((k: string) => k === 'LOAN_CLOSED')).toHaveLength(1);
    expect(events.find((e: any) => e.kind === 'LOAN_CLOSED').businessDate).toBe(today());
    for (const e of events) expect(Number.isNaN(Date.parse(e.createdAt))).toBe(false);
  });

  it('schedule: every instalment PAID with nothing unpaid; the principal paid is the loan’s principal', async () => {
    const { schedule } = (await app.gql(READ(loanId), {}, lender.admin)).data!.loan;
    expect(schedule).toHaveLength(6);
    for (const row of schedule) {
      expect(row.status).toBe('PAID');
      expect(row.unpaid).toBe('0.00');
      expect(row.paidOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(schedule[0].paidOn).toBe(payments[0].paidAt);
    expect(sum(schedule.map((r: any) => r.principalPaid)).eq(principal)).toBe(true);
  });

  it('balances: nothing outstanding or overdue, the loan’s principal account at zero, any overpayment held as credit in the ledger too', async () => {
    const { balances } = (await app.gql(READ(loanId), {}, lender.admin)).data!.loan;
    expect(balances.outstanding).toEqual({ principal: '0.00', interest: '0.00', fees: '0.00', penalties: '0.00', total: '0.00' });
    expect(balances.overdue.total).toBe('0.00');
    expect(new Dec(balances.ledger.LOAN_PRINCIPAL ?? '0').isZero()).toBe(true);
    // Paying exactly the payoff quote settles the loan: the current period's interest to the day is
    // interest, so nothing is left as credit.
    expect(payments.map((p) => p.toCredit)).toEqual(['0.00', '0.00']);
    expect(balances.credit).toBe('0.00');
    expect(new Dec(balances.ledger.OVERPAYMENT_LIABILITY ?? '0').negated().toFixed(2)).toBe(balances.credit);
  });
});
