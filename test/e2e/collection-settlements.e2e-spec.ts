import { collectionsLender } from '../support/collections';
import { REPAY, type autoLender, ageLoan, disbursedLoan } from '../support/loans';
import { type TestApp, startTestApp } from '../support/test-app';

const SET_POLICY = `mutation($i: CollectionPolicyInput!) { setCollectionPolicy(input: $i) { id } }`;
const OFFER = `mutation($i: OfferSettlementInput!) { offerSettlement(input: $i) {
  id loanId caseId amount owed discount discountShare plan { number dueDate amount } agreedOn payBy status paid remaining discountTransactionId closedOn currency } }`;
const SETTLEMENT = (caseId: string) => `{ collectionCase(id: "${caseId}") { status closeReason settlement { id status amount discount paid remaining discountTransactionId closedOn } } }`;

const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const todayUtc = () => new Date().toISOString().slice(0, 10);
/** Decimal strings to cents and back, exactly (no floats for money). */
const cents = (s: string) => BigInt(s.replace('.', ''));
const money = (c: bigint) => `${c / 100n}.${String(c % 100n).padStart(2, '0')}`;
/** Any decimal string (ledger balances carry four places) in ten-thousandths. */
const units = (s: string | undefined) => {
  const [whole, frac = ''] = (s ?? '0').split('.');
  return BigInt(whole.replace('-', '')) * 10000n * (whole.startsWith('-') ? -1n : 1n) + (whole.startsWith('-') ? -1n : 1n) * BigInt((frac + '0000').slice(0, 4));
};

/** A collector may give up to 10% early, 25% late; more needs a lender admin's approval. */
const POLICY = {
  code: 'SETTLE', name: 'Settlements by stage',
  stages: [
    { name: 'EARLY', minDpd: 1, maxDpd: 30, weight: '1', maxDiscount: '0.1', actions: [{ channel: 'CALL', everyDays: 0 }] },
    { name: 'LATE', minDpd: 31, weight: '3', maxDiscount: '0.25', actions: [{ channel: 'CALL', everyDays: 7 }] },
  ],
};

describe('collections: settlements within a stage’s authority and beyond it, closing the loan with the rest forgiven', () => {
  let app: TestApp;
  let lender: Awaited<ReturnType<typeof autoLender>>;
  let collector: string;
  const today = todayUtc();
  const runCob = (date: string) => app.inTenant(lender.slug, (ctx) => app.runtime.services.cob.run(ctx, date));
  /** A loan 70 days into a 3-month schedule (two instalments missed), with its case opened by yesterday's close of business. */
  const lateCase = async () => {
    const { loanId } = await disbursedLoan(app, lender, { amount: '3000.00', termCount: 3 });
    await ageLoan(app, loanId, 70);
    await runCob(addDays(today, -1));
    const res = await app.gql('{ collectionCases(first: 100, status: OPEN) { nodes { id loanId stageName } } }', {}, lender.admin);
    const c = res.data!.collectionCases.nodes.find((n: { loanId: string }) => n.loanId === loanId);
    expect(c).toMatchObject({ stageName: 'LATE' });
    return { loanId, caseId: c.id as string };
  };
  /** What the loan owes today towards a settlement (the refusal of an offer of everything says so). */
  const owedOn = async (caseId: string) => {
    const res = await app.gql(OFFER, { i: { caseId, amount: '999999.00', payBy: today } }, collector);
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.amount' });
    return res.errors![0].extensions!.owed as string;
  };

  beforeAll(async () => {
    app = await startTestApp();
    ({ lender, collector } = await collectionsLender(app));
    expect((await app.gql(SET_POLICY, { i: POLICY }, lender.admin)).errors).toBeUndefined();
  });
  afterAll(() => app.close());

  it('refuses an offer of everything owed, a day in the past or a plan of 13 payments, naming the field, and writes nothing', async () => {
    const { caseId } = await lateCase();
    const owed = await owedOn(caseId);
    expect(cents(owed)).toBeGreaterThan(200000n);
    const past = await app.gql(OFFER, { i: { caseId, amount: '100.00', payBy: addDays(today, -1) } }, collector);
    expect(past.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.payBy' });
    const many = await app.gql(OFFER, { i: { caseId, amount: money((cents(owed) * 9n) / 10n), payBy: addDays(today, 90), instalments: 13 } }, collector);
    expect(many.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.instalments' });
    expect((await app.gql(SETTLEMENT(caseId), {}, lender.admin)).data!.collectionCase.settlement).toBeNull();
  });

  it('a discount within the stage’s authority: two payments meet it, the loan closes with the rest forgiven to its own account, the case closes SETTLED', async () => {
    const { loanId, caseId } = await lateCase();
    const owed = await owedOn(caseId);
    // 20% off (the LATE stage allows 25%), in two payments over a month.
    const amount = money((cents(owed) * 80n) / 100n);
    const offered = await app.gql(OFFER, { i: { caseId, amount, payBy: addDays(today, 30), instalments: 2 } }, collector);
    expect(offered.errors).toBeUndefined();
    const s = offered.data!.offerSettlement;
    const discount = money(cents(owed) - cents(amount));
    expect(s).toMatchObject({ loanId, caseId, amount, owed, discount, status: 'OPEN', paid: '0.00', remaining: amount, agreedOn: today, payBy: addDays(today, 30), discountTransactionId: null });
    expect(['0.1999', '0.2', '0.2001']).toContain(s.discountShare);
    expect(s.plan).toEqual([{ number: 1, dueDate: addDays(today, 15), amount: money(cents(amount) / 2n) }, { number: 2, dueDate: addDays(today, 30), amount: money(cents(amount) - cents(amount) / 2n) }]);
    const twice = await app.gql(OFFER, { i: { caseId, amount, payBy: addDays(today, 30) } }, collector);
    expect(twice.errors![0].extensions!.code).toBe('CONFLICT');

    // The first payment: the loan stays open, the settlement counts it.
    const first = await app.gql(REPAY, { i: { loanId, amount: s.plan[0].amount, paidAt: today, method: 'MOBILE_MONEY', idempotencyKey: `settle-1-${loanId}` } }, lender.admin);
    expect(first.errors).toBeUndefined();
    let read = (await app.gql(SETTLEMENT(caseId), {}, lender.admin)).data!.collectionCase.settlement;
    expect(read).toMatchObject({ status: 'OPEN', paid: s.plan[0].amount, remaining: s.plan[1].amount });
    expect((await app.gql(`{ loan(id: "${loanId}") { status } }`, {}, lender.admin)).data!.loan.status).toBe('ACTIVE');

    // The second meets it: the rest is forgiven the same day and the loan closes.
    const second = await app.gql(REPAY, { i: { loanId, amount: s.plan[1].amount, paidAt: today, method: 'MOBILE_MONEY', idempotencyKey: `settle-2-${loanId}` } }, lender.admin);
    expect(second.errors).toBeUndefined();
    read = (await app.gql(SETTLEMENT(caseId), {}, lender.admin)).data!.collectionCase.settlement;
    expect(read).toMatchObject({ status: 'PAID', paid: amount, remaining: '0.00', discount, closedOn: today });
    const loan = (await app.gql(`{ loan(id: "${loanId}") {
      status balances { outstanding { total } credit ledger }
      transactions(first: 10) { nodes { id kind amount status } }
      journal(first: 100) { nodes { kind lines } } } }`, {}, lender.admin)).data!.loan;
    expect(loan.status).toBe('CLOSED');
    expect(loan.balances.outstanding.total).toBe('0.00');
    expect(loan.balances.credit).toBe('0.00');
    const forgiven = loan.transactions.nodes.find((t: { kind: string }) => t.kind === 'SETTLEMENT_DISCOUNT');
    expect(forgiven).toMatchObject({ id: read.discountTransactionId, amount: discount, status: 'POSTED' });
    // The ledger: nothing receivable is left, the discount sits in its own expense account, every entry balances.
    const ledger = loan.balances.ledger as Record<string, string>;
    for (const account of ['LOAN_PRINCIPAL', 'INTEREST_RECEIVABLE', 'PENALTY_RECEIVABLE']) expect(units(ledger[account])).toBe(0n);
    const discountEntries = loan.journal.nodes.filter((e: { kind: string }) => e.kind === 'SETTLEMENT_DISCOUNT');
    expect(discountEntries).toHaveLength(1);
    const lines = discountEntries[0].lines as { account: string; debit?: string; credit?: string }[];
    expect(lines.find((l) => l.account === 'SETTLEMENT_DISCOUNT')).toMatchObject({ debit: expect.any(String) });
    const sum = (k: 'debit' | 'credit') => lines.reduce((acc, l) => acc + units(l[k]), 0n);
    expect(sum('debit')).toBe(sum('credit'));
    const trial = (await app.gql('{ trialBalance { balanced lines { account balance } } }', {}, lender.admin)).data!.trialBalance;
    expect(trial.balanced).toBe(true);
    expect(trial.lines.find((l: { account: string }) => l.account === 'SETTLEMENT_DISCOUNT')).toBeTruthy();

    // Close of business closes the case SETTLED, with the event.
    await runCob(today);
    expect((await app.gql(SETTLEMENT(caseId), {}, lender.admin)).data!.collectionCase).toMatchObject({ status: 'CLOSED', closeReason: 'SETTLED' });
    const events = await app.gql('{ events(first: 100, filter: { types: ["collection.case_closed", "loan.settlement_agreed", "loan.settlement_paid"] }) { nodes { type subjectId data } } }', {}, lender.admin);
    const nodes = events.data!.events.nodes as { type: string; subjectId: string; data: Record<string, unknown> }[];
    expect(nodes).toEqual(expect.arrayContaining([
      expect.objectContaining({ type: 'collection.case_closed', subjectId: caseId, data: expect.objectContaining({ reason: 'SETTLED' }) }),
      expect.objectContaining({ type: 'loan.settlement_agreed', data: expect.objectContaining({ settlementId: s.id, caseId }) }),
      expect.objectContaining({ type: 'loan.settlement_paid', data: expect.objectContaining({ settlementId: s.id, discount }) }),
    ]));
  });

  it('a discount beyond the stage’s authority waits for a lender admin (four-eyes, reason AUTHORITY); the approval makes the offer', async () => {
    const { caseId } = await lateCase();
    const owed = await owedOn(caseId);
    const amount = money(cents(owed) / 2n);
    const beyond = await app.gql(OFFER, { i: { caseId, amount, payBy: addDays(today, 14) } }, collector);
    expect(beyond.errors![0].extensions).toMatchObject({ code: 'APPROVAL_REQUIRED', operation: 'offerSettlement', reason: 'AUTHORITY', approverRoles: ['LENDER_ADMIN'] });
    const requestId = beyond.errors![0].extensions!.approvalRequestId as string;
    expect((await app.gql(SETTLEMENT(caseId), {}, lender.admin)).data!.collectionCase.settlement).toBeNull();
    const request = (await app.gql(`{ approvalRequest(id: "${requestId}") { status reason amount subject } }`, {}, lender.admin)).data!.approvalRequest;
    expect(request).toMatchObject({ status: 'PENDING', reason: 'AUTHORITY', amount: money(cents(owed) - cents(amount)) });
    expect(request.subject).toContain('the stage allows 25.00%');
    // The collector's key is no second person; a lender admin who signs in is.
    const email = 'checker@settlements.test';
    await app.gql(`mutation { createStaffUser(input: { email: "${email}", fullName: "Checker", roles: [LENDER_ADMIN], password: "a long enough password" }) { id } }`, {}, lender.admin);
    const checker = (await app.gql(`mutation { login(input: { tenantSlug: "${lender.slug}", email: "${email}", password: "a long enough password" }) { token } }`)).data!.login.token;
    expect((await app.gql(`mutation { approveRequest(id: "${requestId}") { status } }`, {}, collector)).errors![0].extensions!.code).toBe('FORBIDDEN');
    const approved = await app.gql(`mutation { approveRequest(id: "${requestId}", note: "hardship verified") { status } }`, {}, checker);
    expect(approved.data!.approveRequest.status).toBe('APPROVED');
    expect((await app.gql(SETTLEMENT(caseId), {}, lender.admin)).data!.collectionCase.settlement).toMatchObject({ status: 'OPEN', amount });
  });

  it('a settlement whose last day passes unmet is BROKEN by close of business; a payment reversed after meeting one opens it again', async () => {
    const { loanId, caseId } = await lateCase();
    const owed = await owedOn(caseId);
    const amount = money((cents(owed) * 90n) / 100n);
    const s = (await app.gql(OFFER, { i: { caseId, amount, payBy: today } }, collector)).data!.offerSettlement;
    // Met, then the payment bounces: the discount goes with it and the loan owes everything again.
    const paid = await app.gql(REPAY, { i: { loanId, amount, paidAt: today, method: 'MOBILE_MONEY', idempotencyKey: `met-${loanId}` } }, lender.admin);
    expect(paid.errors).toBeUndefined();
    expect((await app.gql(`{ loan(id: "${loanId}") { status } }`, {}, lender.admin)).data!.loan.status).toBe('CLOSED');
    const reversed = await app.gql(`mutation { reverseTransaction(id: "${paid.data!.recordRepayment.transactionId}", reason: "bounced") { status } }`, {}, lender.admin);
    expect(reversed.errors).toBeUndefined();
    const loan = (await app.gql(`{ loan(id: "${loanId}") { status balances { outstanding { total } } transactions(first: 10) { nodes { kind status } } } }`, {}, lender.admin)).data!.loan;
    expect(loan.status).toBe('ACTIVE');
    expect(cents(loan.balances.outstanding.total)).toBeGreaterThanOrEqual(cents(owed));
    expect(loan.transactions.nodes.filter((t: { kind: string }) => t.kind === 'SETTLEMENT_DISCOUNT')).toEqual([{ kind: 'SETTLEMENT_DISCOUNT', status: 'REVERSED' }]);
    expect((await app.gql(SETTLEMENT(caseId), {}, lender.admin)).data!.collectionCase.settlement).toMatchObject({ id: s.id, status: 'OPEN', discountTransactionId: null });
    // Its day passes unmet (the spec moves the agreement back a day): broken at the next close of business.
    await app.ownerQuery('UPDATE loan_settlements SET agreed_on = $2::date, pay_by = $2::date WHERE id = $1', [s.id, addDays(today, -1)]);
    await runCob(today);
    expect((await app.gql(SETTLEMENT(caseId), {}, lender.admin)).data!.collectionCase).toMatchObject({ status: 'OPEN', settlement: { status: 'BROKEN', closedOn: today } });
    const events = await app.gql('{ events(first: 100, filter: { types: ["loan.settlement_broken"] }) { nodes { data } } }', {}, lender.admin);
    expect(events.data!.events.nodes).toEqual([{ data: expect.objectContaining({ settlementId: s.id, caseId }) }]);
  });
});
