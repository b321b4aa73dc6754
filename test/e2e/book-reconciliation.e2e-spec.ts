import { Dec } from '../../src/core/money';
import { addDays } from '../../src/modules/cob/cob.service';
import { cli } from '../support/cli';
import { REPAY, ageLoan, autoLender, disbursedLoan } from '../support/loans';
import { type TestApp, startTestApp } from '../support/test-app';

/*
 * Issue 12, "done means": a mixed book built through GraphQL (on time, late, prepaid, settled, written
 * off, restructured, backdated, waived, untouched), the nightly run over its ~100 days with payments
 * recorded between runs, then for every loan and for the tenant: the trial balance balances, each
 * loan's ledger equals what it owes by component, its statements chain, and the sum of the loans
 * equals the ledger's control accounts. Everything is read through GraphQL (and the CLI for the run).
 */
describe('book reconciliation: a mixed book after ninety days of closes of business', () => {
  let app: TestApp;
  let lender: Awaited<ReturnType<typeof autoLender>>;
  const today = () => new Date().toISOString().slice(0, 10);
  const BUCKETS = ['principal', 'interest', 'fees', 'penalties', 'total'] as const;
  const book: Record<string, string> = {};
  let dueDates: string[] = [];
  let start = '';

  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    const res = await app.gql(query, variables, lender.admin);
    expect(res.errors).toBeUndefined();
    return res.data!;
  };
  const cob = async (date: string) => {
    const res = await cli(app.config, 'cob', 'run', '--tenant', lender.slug, '--date', date);
    expect(res.code).toBe(0);
  };
  const repay = (loanId: string, amount: string, paidAt: string, key: string) =>
    gql(REPAY, { i: { loanId, amount, paidAt, method: 'BANK_TRANSFER', idempotencyKey: key } });
  const instalment = async (loanId: string, n: number) => {
    const row = (await gql(`{ loan(id: "${loanId}") { schedule { number principalDue interestDue feesDue } } }`)).loan.schedule[n];
    return new Dec(row.principalDue).plus(row.interestDue).plus(row.feesDue).toFixed(2);
  };

  beforeAll(async () => {
    app = await startTestApp();
    lender = await autoLender(app);
    await app.ownerQuery("UPDATE tenants SET timezone = 'UTC' WHERE slug = $1", [lender.slug]);
    // Nine loans of one shape, all started 100 days ago (6 monthly instalments of 12,000).
    for (const name of ['onTime', 'late', 'prepaid', 'settled', 'writtenOff', 'restructured', 'backdated', 'waived', 'untouched']) {
      const { loanId } = await disbursedLoan(app, lender);
      const aged = await ageLoan(app, loanId, 100);
      book[name] = loanId;
      dueDates = aged.dueDates;
      start = aged.start;
    }

    // Life, interleaved with the nightly run as it would happen.
    await cob(dueDates[0]);
    await repay(book.onTime, await instalment(book.onTime, 0), dueDates[0], 'book-on-time-1');
    await repay(book.prepaid, '5000.00', dueDates[0], 'book-prepaid-1');
    await cob(addDays(dueDates[0], 20));
    await repay(book.late, await instalment(book.late, 0), addDays(dueDates[0], 20), 'book-late-1');
    await cob(dueDates[1]);
    await repay(book.onTime, await instalment(book.onTime, 1), dueDates[1], 'book-on-time-2');
    await cob(addDays(dueDates[2], 3));
    await repay(book.onTime, await instalment(book.onTime, 2), dueDates[2], 'book-on-time-3');
    // Recorded weeks after the fact: the replay puts the payment in its place.
    await repay(book.backdated, await instalment(book.backdated, 0), addDays(dueDates[0], 2), 'book-backdated-1');
    await cob(addDays(today(), -1));
    const owed = (await gql(`{ loan(id: "${book.waived}") { balances { outstanding { penalties } } } }`)).loan.balances.outstanding.penalties;
    await gql(`mutation { waive(loanId: "${book.waived}", kind: PENALTY, amount: "${new Dec(owed).div(2).toFixed(2)}", reason: "hardship") { id } }`);
    const quote = (await gql(`{ payoffQuote(loanId: "${book.settled}") { total } }`)).payoffQuote;
    await gql(`mutation($i: SettleLoanInput!) { settleLoan(input: $i) { transactionId } }`,
      { i: { loanId: book.settled, amount: quote.total, paidAt: today(), method: 'BANK_TRANSFER', idempotencyKey: 'book-settle-1' } });
    await gql(`mutation { writeOffLoan(loanId: "${book.writtenOff}", reason: "uncollectable") { status } }`);
    const successor = await gql('mutation($i: RestructureLoanInput!) { restructureLoan(input: $i) { id } }',
      { i: { loanId: book.restructured, termCount: 12, capitaliseArrears: true, reason: 'harvest failed', idempotencyKey: 'restructure-1' } });
    book.successor = successor.restructureLoan.id;
    await cob(today());
  }, 300_000);
  afterAll(() => app.close());

  const LOAN = (id: string) => `{ loan(id: "${id}") {
    id status
    balances { outstanding { principal interest fees penalties total } receivable { principal interest penalties total } credit ledger }
  } }`;
  const loans = async () => {
    const out = [];
    for (const id of Object.values(book)) out.push((await gql(LOAN(id))).loan);
    return out;
  };
  const ledger = (l: any, account: string) => new Dec(l.balances.ledger[account] ?? '0').toFixed(2);

  it('built the book it meant to', async () => {
    const status = Object.fromEntries(await Promise.all(Object.entries(book).map(async ([name, id]) => [name, (await gql(LOAN(id))).loan.status])));
    expect(status).toEqual({
      onTime: 'ACTIVE', late: 'ACTIVE', prepaid: 'ACTIVE', settled: 'CLOSED', writtenOff: 'WRITTEN_OFF', restructured: 'RESTRUCTURED',
      backdated: 'ACTIVE', waived: 'ACTIVE', untouched: 'ACTIVE', successor: 'ACTIVE',
    });
  });

  it('balances the trial balance, and every ledger line is in cents', async () => {
    const tb = (await gql(`{ trialBalance(asOf: "${today()}") { balanced totalDebit totalCredit lines { account balance } } }`)).trialBalance;
    expect(tb.balanced).toBe(true);
    for (const line of tb.lines) expect([line.account, new Dec(line.balance).mul(100).isInteger()]).toEqual([line.account, true]);
    expect(tb.lines.find((l: any) => l.account === 'SUSPENSE')?.balance ?? '0').toMatch(/^0(\.0+)?$/);
  });

  it('gives each loan a ledger equal to what it owes, component by component', async () => {
    for (const l of await loans()) {
      const r = l.balances.receivable;
      expect([l.id, 'LOAN_PRINCIPAL', ledger(l, 'LOAN_PRINCIPAL')]).toEqual([l.id, 'LOAN_PRINCIPAL', r.principal]);
      expect([l.id, 'INTEREST_RECEIVABLE', ledger(l, 'INTEREST_RECEIVABLE')]).toEqual([l.id, 'INTEREST_RECEIVABLE', r.interest]);
      expect([l.id, 'PENALTY_RECEIVABLE', ledger(l, 'PENALTY_RECEIVABLE')]).toEqual([l.id, 'PENALTY_RECEIVABLE', r.penalties]);
      expect([l.id, 'OVERPAYMENT_LIABILITY', ledger(l, 'OVERPAYMENT_LIABILITY')]).toEqual([l.id, 'OVERPAYMENT_LIABILITY', new Dec(l.balances.credit).neg().toFixed(2)]);
      if (l.status === 'ACTIVE') {
        // What the books hold is what the loan owes: principal and penalty as outstanding, interest as recognised.
        expect(r.principal).toBe(l.balances.outstanding.principal);
        expect(r.penalties).toBe(l.balances.outstanding.penalties);
        expect(new Dec(r.interest).lte(l.balances.outstanding.interest)).toBe(true);
      }
      if (l.status !== 'ACTIVE') expect([l.id, r.total]).toEqual([l.id, '0.00']);
    }
  });

  it('sums the loans to the ledger control accounts', async () => {
    const tb = (await gql(`{ trialBalance(asOf: "${today()}") { lines { account balance } } }`)).trialBalance;
    const account = (code: string) => new Dec(tb.lines.find((l: any) => l.account === code)?.balance ?? '0').toFixed(2);
    const all = await loans();
    const sum = (pick: (l: any) => string) => all.reduce((acc, l) => acc.plus(pick(l)), new Dec(0)).toFixed(2);
    expect(account('LOAN_PRINCIPAL')).toBe(sum((l) => l.balances.receivable.principal));
    expect(account('INTEREST_RECEIVABLE')).toBe(sum((l) => l.balances.receivable.interest));
    expect(account('PENALTY_RECEIVABLE')).toBe(sum((l) => l.balances.receivable.penalties));
    expect(account('OVERPAYMENT_LIABILITY')).toBe(new Dec(sum((l) => l.balances.credit)).neg().toFixed(2));
  });

  it('chains every loan’s statements from before it started to today', async () => {
    const windows = [[addDays(start, -10), addDays(start, 12)], [addDays(start, 13), dueDates[1]], [addDays(dueDates[1], 1), addDays(dueDates[2], 9)], [addDays(dueDates[2], 10), today()]];
    for (const id of Object.values(book)) {
      let previous: any = null;
      for (const [from, to] of windows) {
        const s = (await gql(`{ loanStatement(loanId: "${id}", from: "${from}", to: "${to}") {
          opening { principal interest fees penalties total } closing { principal interest fees penalties total } lines { kind change { principal interest fees penalties total } } } }`)).loanStatement;
        for (const k of BUCKETS) {
          const sum = s.lines.reduce((acc: Dec, l: any) => acc.plus(l.change[k]), new Dec(s.opening[k]));
          expect([id, from, k, sum.toFixed(2)]).toEqual([id, from, k, s.closing[k]]);
        }
        if (previous) expect([id, from, s.opening]).toEqual([id, from, previous.closing]);
        previous = s;
      }
    }
  });
});
