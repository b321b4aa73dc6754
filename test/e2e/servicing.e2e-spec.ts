import { Dec } from '../../src/core/money';
import { LOAN, REPAY, ageLoan, autoLender, disbursedLoan } from '../support/loans';
import { borrowerInput } from '../support/origination';
import { CREATE_PRODUCT, productTerms } from '../support/products';
import { type TestApp, startTestApp } from '../support/test-app';

describe('servicing: repayments, replay, reversals, payoff and the ledger', () => {
  let app: TestApp;
  let lender: Awaited<ReturnType<typeof autoLender>>;
  const today = () => new Date().toISOString().slice(0, 10);
  const daysAgo = (n: number) => {
    const d = new Date(`${today()}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - n);
    return d.toISOString().slice(0, 10);
  };

  beforeAll(async () => {
    // Nairobi's business date can differ from UTC's near midnight; the lender works in UTC here.
    app = await startTestApp();
    lender = await autoLender(app);
    await app.ownerQuery("UPDATE tenants SET timezone = 'UTC'");
  });
  afterAll(() => app.close());

  const repay = (loanId: string, amount: string, paidAt: string, key: string) =>
    app.gql(REPAY, { i: { loanId, amount, paidAt, method: 'MOBILE_MONEY', reference: key, idempotencyKey: key } }, lender.admin);
  const loan = async (id: string) => (await app.gql(LOAN(id), {}, lender.admin)).data!.loan;
  const addDaysTo = (d: string, n: number) => {
    const x = new Date(`${d}T00:00:00Z`);
    x.setUTCDate(x.getUTCDate() + n);
    return x.toISOString().slice(0, 10);
  };

  it('allocates an on-time instalment and records it once per idempotency key', async () => {
    const { loanId } = await disbursedLoan(app, lender);
    const { dueDates } = await ageLoan(app, loanId, 31);
    const before = await loan(loanId);
    const first = before.schedule[0];
    const amount = new Dec(first.principalDue).plus(first.interestDue).toFixed(2);
    const res = await repay(loanId, amount, dueDates[0], 'pay-one-0001');
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordRepayment.allocation).toMatchObject({ principal: first.principalDue, interest: first.interestDue, penalties: '0.00' });
    const again = await repay(loanId, amount, dueDates[0], 'pay-one-0001');
    expect(again.data!.recordRepayment.transactionId).toBe(res.data!.recordRepayment.transactionId);
    const misuse = await repay(loanId, '1.00', dueDates[0], 'pay-one-0001');
    expect(misuse.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey' });
    const after = await loan(loanId);
    expect(after.transactions.nodes).toHaveLength(1);
    expect(after.schedule[0]).toMatchObject({ status: 'PAID', paidOn: dueDates[0] });
    expect(after.dpd).toBe(0);
  });

  it('posts one repayment when the same key arrives several times at once, and answers each caller alike', async () => {
    const { loanId } = await disbursedLoan(app, lender);
    await ageLoan(app, loanId, 10);
    const key = `twins-${loanId}`;
    const results = await Promise.all(Array.from({ length: 6 }, () => repay(loanId, '250.00', today(), key)));
    for (const r of results) expect(r.errors).toBeUndefined();
    expect(new Set(results.map((r) => r.data!.recordRepayment.transactionId)).size).toBe(1);
    expect((await loan(loanId)).transactions.nodes).toHaveLength(1);
    const [{ n }] = await app.ownerQuery("SELECT count(*)::int AS n FROM journal_entries WHERE loan_id = $1 AND kind = 'REPAYMENT'", [loanId]);
    expect(n).toBe(1);
    // The key names that repayment: on another (even unknown) loan it is a different request.
    const elsewhere = await repay('01900000-0000-7000-8000-000000000000', '250.00', today(), key);
    expect(elsewhere.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey' });
  });

  it('leaves no claim behind when the loan does not exist, so the key can still be used', async () => {
    const key = `missing-loan-${Date.now()}`;
    const missing = await repay('01900000-0000-7000-8000-000000000001', '10.00', today(), key);
    expect(missing.errors![0].extensions.code).toBe('NOT_FOUND');
    const { loanId } = await disbursedLoan(app, lender);
    const paid = await repay(loanId, '10.00', today(), key);
    expect(paid.errors).toBeUndefined();
  });

  it('applies concurrent repayments on one loan in order, none lost or doubled', async () => {
    const { loanId } = await disbursedLoan(app, lender);
    await ageLoan(app, loanId, 10);
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => repay(loanId, '100.00', today(), `concurrent-${loanId}-${i}`)));
    for (const r of results) expect(r.errors).toBeUndefined();
    const after = await loan(loanId);
    expect(after.transactions.nodes.map((t: any) => t.seq).sort((a: number, b: number) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const [cash] = await app.ownerQuery(
      `SELECT sum(l.debit)::text AS paid FROM journal_lines l JOIN journal_entries e ON e.tenant_id = l.tenant_id AND e.id = l.entry_id
       WHERE e.loan_id = $1 AND l.account_code = 'CASH_CLEARING'`, [loanId]);
    expect(new Dec(cash.paid).toFixed(2)).toBe('800.00');
  });

  it('replays a backdated payment into its place: the same result as if it had arrived on its date', async () => {
    const make = async () => {
      const { loanId } = await disbursedLoan(app, lender);
      const { dueDates } = await ageLoan(app, loanId, 75);
      return { loanId, dueDates };
    };
    const inOrder = await make();
    // Two loans on the same terms: the sandbox bureau grades each borrower by its id, so find a twin.
    const rateOf = async (id: string) => (await app.ownerQuery('SELECT annual_rate::text AS rate FROM loans WHERE id = $1', [id]))[0].rate;
    let backdated = await make();
    for (let i = 0; i < 10 && (await rateOf(backdated.loanId)) !== (await rateOf(inOrder.loanId)); i++) backdated = await make();
    const s = (await loan(inOrder.loanId)).schedule;
    const instalment = new Dec(s[0].principalDue).plus(s[0].interestDue).toFixed(2);
    // Loan 1: both payments recorded in date order.
    await repay(inOrder.loanId, instalment, inOrder.dueDates[0], `ord-a-${inOrder.loanId}`);
    await repay(inOrder.loanId, instalment, daysAgo(2), `ord-b-${inOrder.loanId}`);
    // Loan 2: the later one first, then the earlier one backdated.
    await repay(backdated.loanId, instalment, daysAgo(2), `bd-b-${backdated.loanId}`);
    const lateFirst = await loan(backdated.loanId);
    expect(lateFirst.schedule[0].penaltyDue).not.toBe('0.00');
    await repay(backdated.loanId, instalment, backdated.dueDates[0], `bd-a-${backdated.loanId}`);
    const a = await loan(inOrder.loanId);
    const b = await loan(backdated.loanId);
    const strip = (l: any) => ({ schedule: l.schedule.map(({ dueDate, paidOn, ...rest }: any) => rest), balances: { ...l.balances, ledger: undefined }, dpd: l.dpd });
    expect(strip(b)).toEqual(strip(a));
    expect(b.schedule[0].penaltyDue).toBe('0.00');
    // The ledger follows: the principal account of the loan equals the replayed principal outstanding.
    expect(new Dec(b.balances.ledger.LOAN_PRINCIPAL).toFixed(2)).toBe(b.balances.outstanding.principal);
  });

  it('reverses a payment with reversing entries and restores what was owed', async () => {
    const { loanId } = await disbursedLoan(app, lender);
    const { dueDates } = await ageLoan(app, loanId, 40);
    const before = await loan(loanId);
    const paid = await repay(loanId, '2500.00', dueDates[0], `rev-${loanId}`);
    const txId = paid.data!.recordRepayment.transactionId;
    const reversed = await app.gql(`mutation { reverseTransaction(id: "${txId}", reason: "bounced") { status reversalReason } }`, {}, lender.admin);
    expect(reversed.data!.reverseTransaction).toEqual({ status: 'REVERSED', reversalReason: 'bounced' });
    const after = await loan(loanId);
    expect(after.balances.outstanding.principal).toBe(before.balances.outstanding.principal);
    expect(after.dpd).toBeGreaterThan(0);
    const twice = await app.gql(`mutation { reverseTransaction(id: "${txId}", reason: "again") { status } }`, {}, lender.admin);
    expect(twice.errors![0].extensions.code).toBe('CONFLICT');
    const entries = await app.ownerQuery('SELECT kind FROM journal_entries WHERE loan_id = $1 ORDER BY posted_at, id', [loanId]);
    // Unpaid again, the overdue instalment now carries penalty interest: trued up in the ledger.
    expect(entries.map((e) => e.kind)).toEqual(['DISBURSEMENT', 'REPAYMENT', 'REPLAY_REVERSAL', 'PENALTY_TRUE_UP']);
  });

  it('quotes a payoff with interest only to the day, and paying it closes the loan', async () => {
    const { loanId } = await disbursedLoan(app, lender);
    await ageLoan(app, loanId, 15);
    const quote = (await app.gql(`{ payoffQuote(loanId: "${loanId}") { principal interest fees penalties total } }`, {}, lender.admin)).data!.payoffQuote;
    const full = await loan(loanId);
    expect(quote.principal).toBe(full.balances.outstanding.principal);
    expect(new Dec(quote.interest).lt(full.schedule[0].interestDue)).toBe(true);
    await repay(loanId, quote.total, today(), `payoff-${loanId}`);
    const closed = await loan(loanId);
    expect(closed.status).toBe('CLOSED');
    expect(closed.balances.outstanding.total).toBe('0.00');
  });

  it('refunds the overpayment left after a payoff, and no more than is held', async () => {
    const { loanId } = await disbursedLoan(app, lender);
    await ageLoan(app, loanId, 15);
    const quote = (await app.gql(`{ payoffQuote(loanId: "${loanId}") { total } }`, {}, lender.admin)).data!.payoffQuote;
    await repay(loanId, new Dec(quote.total).plus('250.00').toFixed(2), today(), `over-${loanId}`);
    const closed = await loan(loanId);
    expect(closed.status).toBe('CLOSED');
    const held = closed.balances.credit;
    expect(new Dec(held).gte('250.00')).toBe(true);
    const refund = `mutation($a: Decimal!, $k: String!) { refundCredit(loanId: "${loanId}", amount: $a, method: BANK_TRANSFER, idempotencyKey: $k) { kind amount } }`;
    const tooMuch = await app.gql(refund, { a: new Dec(held).plus('0.01').toFixed(2), k: `refund-big-${loanId}` }, lender.admin);
    expect(tooMuch.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.amount' });
    const ok = await app.gql(refund, { a: held, k: `refund-${loanId}` }, lender.admin);
    expect(ok.data!.refundCredit).toEqual({ kind: 'CREDIT_REFUND', amount: held });
    expect((await loan(loanId)).balances.credit).toBe('0.00');
    const liability = (await loan(loanId)).balances.ledger.OVERPAYMENT_LIABILITY;
    expect(new Dec(liability ?? '0').isZero()).toBe(true);
  });

  it('raises an early warning when partial payments on an arrear keep getting smaller', async () => {
    const { loanId } = await disbursedLoan(app, lender);
    const { dueDates } = await ageLoan(app, loanId, 50);
    for (const [i, amount] of ['900.00', '600.00', '300.00'].entries()) await repay(loanId, amount, addDaysTo(dueDates[0], 2 + i), `shrink-${i}-${loanId}`);
    const events = await app.ownerQuery("SELECT data FROM loan_events WHERE loan_id = $1 AND kind = 'EARLY_WARNING'", [loanId]);
    expect(events.map((e) => e.data)).toEqual([{ signal: 'SHRINKING_PARTIAL_PAYMENTS', amounts: ['900.00', '600.00', '300.00'], instalment: expect.any(String) }]);
  });

  it('refuses bad repayments with a coded error and writes nothing', async () => {
    const { loanId } = await disbursedLoan(app, lender);
    const count = async () => (await app.ownerQuery('SELECT count(*)::int AS n FROM loan_transactions WHERE loan_id = $1', [loanId]))[0].n;
    for (const [input, field] of [
      [{ amount: '0' }, 'input.amount'],
      [{ amount: '10.001' }, 'input.amount'],
      [{ paidAt: '2999-01-01' }, 'input.paidAt'],
      [{ paidAt: '2001-01-01' }, 'input.paidAt'],
      [{ idempotencyKey: 'x' }, 'idempotencyKey'],
    ] as const) {
      const res = await app.gql(REPAY, { i: Object.assign({ loanId, paidAt: today(), method: 'CASH', idempotencyKey: `bad-${Math.random()}`, amount: '10.00' }, input) }, lender.admin);
      expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await count()).toBe(0);
  });

  it('keeps the whole book balanced: trial balance debits equal credits, and each loan’s principal account equals its replay', async () => {
    const tb = (await app.gql('{ trialBalance { balanced totalDebit totalCredit lines { account balance } } }', {}, lender.admin)).data!.trialBalance;
    expect(tb.balanced).toBe(true);
    expect(tb.totalDebit).toBe(tb.totalCredit);
    const loans = (await app.gql('{ loans(first: 100) { nodes { id } } }', {}, lender.admin)).data!.loans.nodes;
    for (const { id } of loans) {
      const l = await loan(id);
      expect(new Dec(l.balances.ledger.LOAN_PRINCIPAL ?? '0').toFixed(2)).toBe(l.balances.outstanding.principal);
    }
  });

  it('writes a loan off to expense and books later payments as recoveries, the book still balanced', async () => {
    const { loanId } = await disbursedLoan(app, lender);
    await ageLoan(app, loanId, 100);
    await repay(loanId, '1000.00', daysAgo(60), `wo-pay-${loanId}`);
    const before = await loan(loanId);
    const written = await app.gql(`mutation { writeOffLoan(loanId: "${loanId}", reason: "uncontactable 90+ days") { status } }`, {}, lender.admin);
    expect(written.data!.writeOffLoan.status).toBe('WRITTEN_OFF');
    const [expense] = await app.ownerQuery(
      `SELECT l.debit::text FROM journal_lines l JOIN journal_entries e ON e.tenant_id = l.tenant_id AND e.id = l.entry_id WHERE e.loan_id = $1 AND e.kind = 'WRITE_OFF' AND l.account_code = 'WRITE_OFF_EXPENSE'`, [loanId]);
    expect(new Dec(expense.debit).gte(before.balances.outstanding.principal)).toBe(true);
    const ledger = (await loan(loanId)).balances.ledger;
    expect(new Dec(ledger.LOAN_PRINCIPAL).isZero()).toBe(true);
    expect((await repay(loanId, '10.00', today(), `wo-repay-${loanId}`)).errors![0].extensions.code).toBe('CONFLICT');
    const recovery = await app.gql('mutation($i: RecordRepaymentInput!) { recordRecovery(input: $i) { transactionId } }', { i: { loanId, amount: '300.00', paidAt: today(), method: 'CASH', idempotencyKey: `wo-rec-${loanId}` } }, lender.admin);
    expect(recovery.errors).toBeUndefined();
    const [rec] = await app.ownerQuery(
      `SELECT sum(l.credit)::text AS c FROM journal_lines l JOIN journal_entries e ON e.tenant_id = l.tenant_id AND e.id = l.entry_id WHERE e.loan_id = $1 AND l.account_code = 'RECOVERIES'`, [loanId]);
    expect(new Dec(rec.c).toFixed(2)).toBe('300.00');
    expect((await app.gql('{ trialBalance { balanced } }', {}, lender.admin)).data!.trialBalance.balanced).toBe(true);
  });

  it('gives a statement of a period: opening and closing balances and the payments between', async () => {
    const { loanId } = await disbursedLoan(app, lender);
    const { start, dueDates } = await ageLoan(app, loanId, 70);
    await repay(loanId, '1500.00', addDaysTo(dueDates[0], -1), `st-1-${loanId}`);
    await repay(loanId, '700.00', addDaysTo(dueDates[1], 3), `st-2-${loanId}`);
    const st = (await app.gql(`{ loanStatement(loanId: "${loanId}", from: "${addDaysTo(start, 1)}", to: "${dueDates[1]}") {
      opening { principal } closing { principal total } lines { date kind amount allocation { principal interest } } due { number dueDate unpaid } } }`, {}, lender.admin)).data!.loanStatement;
    expect(st.opening.principal).toBe('12000.00');
    // The payment, and what the period charged: the late fee and the penalty interest on what stayed unpaid.
    expect(st.lines[0]).toEqual(expect.objectContaining({ date: addDaysTo(dueDates[0], -1), kind: 'REPAYMENT', amount: '1500.00' }));
    // (the advance part of the payment reprices later interest: RESCHEDULED).
    expect(st.lines.map((l: any) => l.kind).sort()).toEqual(['LATE_FEE', 'PENALTY_ACCRUED', 'REPAYMENT', 'RESCHEDULED']);
    expect(st.due.map((d: any) => d.number)).toEqual([1, 2]);
    expect(new Dec(st.closing.principal).lt('12000.00')).toBe(true);
    expect((await app.gql(`{ loanStatement(loanId: "${loanId}", from: "2026-02-01", to: "2026-01-01") { loanId } }`, {}, lender.admin)).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
  });

  it('raises an early warning when a bureau refresh shows a new delinquency elsewhere', async () => {
    const { loanId, borrowerId } = await disbursedLoan(app, lender);
    const calm = (await app.gql(`mutation { refreshBureauReport(borrowerId: "${borrowerId}") { signals loansWarned } }`, {}, lender.admin)).data!.refreshBureauReport;
    expect(calm).toEqual({ signals: [], loansWarned: 0 });
    // The bureau now knows this person by an identity with a loan 120 days late elsewhere.
    await app.gql('mutation($id: ID!, $i: BorrowerInput!) { updateBorrower(id: $id, input: $i) { id } }', { id: borrowerId, i: borrowerInput({ nationalId: 'KE77009999' }) }, lender.admin);
    const worse = (await app.gql(`mutation { refreshBureauReport(borrowerId: "${borrowerId}") { signals loansWarned worstDelinquencyDays previousWorstDelinquencyDays } }`, {}, lender.admin)).data!.refreshBureauReport;
    expect(worse).toMatchObject({ loansWarned: 1, worstDelinquencyDays: 120, previousWorstDelinquencyDays: 0 });
    expect(worse.signals).toContain('NEW_BUREAU_DELINQUENCY');
    const events = await app.ownerQuery("SELECT data->>'signal' AS s FROM loan_events WHERE loan_id = $1 AND kind = 'EARLY_WARNING' ORDER BY s", [loanId]);
    expect(events.map((e) => e.s)).toEqual([...worse.signals].sort());
  });

  it('posts a product’s loans to the accounts it maps, while the loan still reads by role', async () => {
    const add = await app.gql('mutation { setLedgerAccount(code: "LOAN_PRINCIPAL_AGRI", name: "Agricultural loans", type: ASSET) { code } }', {}, lender.admin);
    expect(add.data!.setLedgerAccount.map((a: any) => a.code)).toContain('LOAN_PRINCIPAL_AGRI');
    const wrongType = await app.gql('mutation { setLedgerAccount(code: "LOAN_PRINCIPAL", name: "x", type: INCOME) { code } }', {}, lender.admin);
    expect(wrongType.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'type' });
    const mapped = productTerms({ name: 'Agri', accountMapping: [{ role: 'LOAN_PRINCIPAL', account: 'LOAN_PRINCIPAL_AGRI' }], rateBands: ['A', 'B', 'C', 'D', 'E'].map((grade) => ({ grade, annualRate: '0.16' })), segmentOverrides: [] });
    const missing = await app.gql(CREATE_PRODUCT, { code: 'AGRI-X', input: { ...mapped, accountMapping: [{ role: 'LOAN_PRINCIPAL', account: 'NO_SUCH_ACCOUNT' }] } }, lender.admin);
    expect(missing.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.accountMapping.0.account' });
    const badType = await app.gql(CREATE_PRODUCT, { code: 'AGRI-Y', input: { ...mapped, accountMapping: [{ role: 'INTEREST_INCOME', account: 'LOAN_PRINCIPAL_AGRI' }] } }, lender.admin);
    expect(badType.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.accountMapping.0.account' });
    const product = (await app.gql(CREATE_PRODUCT, { code: 'AGRI-1', input: mapped }, lender.admin)).data!.createLoanProduct;
    const { loanId } = await disbursedLoan(app, { ...lender, productId: product.id });
    await repay(loanId, '1000.00', today(), `agri-${loanId}`);
    const l = await loan(loanId);
    expect(new Dec(l.balances.ledger.LOAN_PRINCIPAL).toFixed(2)).toBe(l.balances.outstanding.principal);
    const tb = (await app.gql('{ trialBalance { balanced lines { account balance } } }', {}, lender.admin)).data!.trialBalance;
    expect(tb.balanced).toBe(true);
    expect(new Dec(tb.lines.find((x: any) => x.account === 'LOAN_PRINCIPAL_AGRI').balance).toFixed(2)).toBe(l.balances.outstanding.principal);
  });

  it('shows a borrower its own loans only', async () => {
    const appKey = await app.apiKey(lender.slug, 'APP');
    const { borrowerId, loanId } = await disbursedLoan(app, lender, { borrower: { externalRef: 'loan-owner-1' } });
    const { token } = (await app.gql('mutation { mintBorrowerToken(input: { externalRef: "loan-owner-1" }) { token borrowerId } }', {}, appKey)).data!.mintBorrowerToken;
    const mine = await app.gql('{ loans { nodes { id borrowerId } } }', {}, token);
    expect(mine.data!.loans.nodes).toEqual([{ id: loanId, borrowerId }]);
    const own = await app.gql(`{ loanStatement(loanId: "${loanId}", from: "${today()}", to: "${today()}") { loanId } }`, {}, token);
    expect(own.data!.loanStatement.loanId).toBe(loanId);
    const other = (await app.gql('{ loans(first: 1) { nodes { id } } }', {}, lender.admin)).data!.loans.nodes.find((l: any) => l.id !== loanId);
    if (other) expect((await app.gql(`{ loan(id: "${other.id}") { id } }`, {}, token)).errors![0].extensions.code).toBe('NOT_FOUND');
    expect((await app.gql(REPAY, { i: { loanId, amount: '1.00', paidAt: today(), method: 'CASH', idempotencyKey: 'borrower-pays-1' } }, token)).errors![0].extensions.code).toBe('FORBIDDEN');
  });
});
