import { DEFAULT_BUCKETS } from '../../src/core/servicing';
import { Dec } from '../../src/core/money';
import { addDays } from '../../src/modules/cob/cob.service';
import { cli } from '../support/cli';
import { REPAY, autoLender } from '../support/loans';
import { SUBMIT, borrowerInput } from '../support/origination';
import { type TestApp, startTestApp } from '../support/test-app';

/**
 * A newcomer builds a past-due book: loans seeded (or migrated with a past disbursement date) into a
 * tenant whose close of business already ran, then caught up by the next run, each loan from its own
 * last run date, with the ledger agreeing with the loans.
 */
describe('a past-due book', () => {
  let app: TestApp;
  let lender: Awaited<ReturnType<typeof autoLender>>;
  const today = () => new Date().toISOString().slice(0, 10);
  const yesterday = () => addDays(today(), -1);
  const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
  const bucketOf = (dpd: number) => DEFAULT_BUCKETS.find((b) => dpd >= b.minDpd && (b.maxDpd === null || dpd <= b.maxDpd))!.name;

  const LOAN = (id: string) => `{ loan(id: "${id}") {
    id dpd bucket
    schedule { number dueDate }
    balances { outstanding { principal interest total } ledger }
    journal(first: 100) { nodes { kind businessDate lines } }
  } }`;
  const loan = async (id: string) => {
    const res = await app.gql(LOAN(id), {}, lender.admin);
    expect(res.errors).toBeUndefined();
    return res.data!.loan;
  };
  const trialBalance = async () => (await app.gql('{ trialBalance { balanced lines { account balance } } }', {}, lender.admin)).data!.trialBalance;
  const account = (tb: any, code: string) => new Dec(tb.lines.find((l: any) => l.account === code)?.balance ?? '0');
  const cob = async (date: string) => {
    const res = await cli(app.config, 'cob', 'run', '--tenant', lender.slug, '--date', date);
    expect(res.code).toBe(0);
    return res.out.trim();
  };
  const allLoans = async () => (await app.gql('{ loans(first: 100) { nodes { id } } }', {}, lender.admin)).data!.loans.nodes.map((l: any) => l.id as string);
  /** The tenant's receivables and principal equal the sum over its loans (their ledger share, their outstanding). */
  async function expectLedgerMatchesLoans() {
    const tb = await trialBalance();
    expect(tb.balanced).toBe(true);
    const loans = await Promise.all((await allLoans()).map(loan));
    const sum = (f: (l: any) => string | undefined) => loans.reduce((acc, l) => acc.plus(f(l) ?? '0'), new Dec(0));
    expect(account(tb, 'LOAN_PRINCIPAL').toFixed(2)).toBe(sum((l) => l.balances.outstanding.principal).toFixed(2));
    expect(account(tb, 'LOAN_PRINCIPAL').isNeg()).toBe(false);
    expect(account(tb, 'INTEREST_RECEIVABLE').toFixed(2)).toBe(sum((l) => l.balances.ledger.INTEREST_RECEIVABLE).toFixed(2));
    expect(account(tb, 'PENALTY_RECEIVABLE').toFixed(2)).toBe(sum((l) => l.balances.ledger.PENALTY_RECEIVABLE).toFixed(2));
    return { tb, loans };
  }

  beforeAll(async () => {
    app = await startTestApp({ env: { COB_CHUNK_SIZE: '2' } });
    lender = await autoLender(app);
    await app.ownerQuery("UPDATE tenants SET timezone = 'UTC' WHERE slug = $1", [lender.slug]);
    // The tenant's close of business has already run through yesterday.
    expect(await cob(yesterday())).toBe(`${yesterday()}: 0 loans, 0 accruals, 0 events`);
  });
  afterAll(() => app.close());

  it('catches up loans seeded 120 days back in a tenant already closed through yesterday, and journals the missed dates', async () => {
    const start = addDays(today(), -120);
    const seeded = await cli(app.config, 'seed', 'loans', '--tenant', lender.slug, '--product', 'CONSUMER-1', '--count', '3', '--start', start);
    expect([seeded.code, seeded.err.split('\n').filter((l) => !l.includes('seed ')).join('\n')]).toEqual([0, expect.any(String)]);
    const ids = await allLoans();
    expect(ids).toHaveLength(3);
    // Seeded loans carry their disbursement entry, dated their start.
    for (const id of ids) {
      const l = await loan(id);
      const disbursement = l.journal.nodes.filter((e: any) => e.kind === 'DISBURSEMENT');
      expect(disbursement).toHaveLength(1);
      expect(disbursement[0].businessDate).toBe(start);
      expect(new Dec(l.balances.ledger.LOAN_PRINCIPAL).toFixed(2)).toBe(l.balances.outstanding.principal);
    }

    const out = await cob(yesterday());
    expect(out).toMatch(new RegExp(`^${yesterday()}: already closed; caught up the loans behind it: 3 loans, \\d+ accruals, \\d+ events$`));
    // Nothing left behind: the plain answer again, and nothing changes.
    const before = await app.ownerQuery("SELECT count(*)::int AS n FROM loan_accruals WHERE loan_id = ANY($1)", [ids]);
    expect(await cob(yesterday())).toBe(`${yesterday()}: already closed`);
    expect(await app.ownerQuery("SELECT count(*)::int AS n FROM loan_accruals WHERE loan_id = ANY($1)", [ids])).toEqual(before);

    for (const id of ids) {
      const l = await loan(id);
      const expected = days(l.schedule[0].dueDate, yesterday());
      expect(l.dpd).toBe(expected);
      expect(l.bucket).toBe(bucketOf(expected));
      // Accrued once per date, every date from the day after the start to yesterday.
      const rows = await app.ownerQuery("SELECT business_date::text AS d FROM loan_accruals WHERE loan_id = $1 AND kind = 'COB' ORDER BY 1", [id]);
      expect(new Set(rows.map((r) => r.d)).size).toBe(rows.length);
      expect(rows[0].d).toBe(addDays(start, 1));
      expect(rows[rows.length - 1].d).toBe(yesterday());
      expect(rows.length).toBe(days(start, yesterday()));
      // The catch-up's accruals are in the journal: the loan's share of the receivable is positive.
      expect(new Dec(l.balances.ledger.INTEREST_RECEIVABLE ?? '0').gt(0)).toBe(true);
    }
    const listed = (await app.gql(`{ loans(first: 100, dpdMin: ${days((await loan(ids[0])).schedule[0].dueDate, yesterday())}) { nodes { id } } }`, {}, lender.admin)).data!.loans.nodes;
    expect(listed.map((l: any) => l.id).sort()).toEqual([...ids].sort());
    const { tb } = await expectLedgerMatchesLoans();
    expect(account(tb, 'INTEREST_RECEIVABLE').gt(0)).toBe(true);

    // Repaying a seeded loan in full leaves the book's principal at the other loans' (never negative).
    const l = await loan(ids[0]);
    const paid = await app.gql(REPAY, { i: { loanId: ids[0], amount: l.balances.outstanding.total, paidAt: today(), method: 'CASH', idempotencyKey: `seed-repay-${ids[0]}` } }, lender.admin);
    expect(paid.errors).toBeUndefined();
    expect((await loan(ids[0])).balances.outstanding.principal).toBe('0.00');
    await expectLedgerMatchesLoans();
  });

  describe('disburseLoan with a past disbursedAt (migrating a book)', () => {
    async function signedApplication() {
      const submitted = await app.gql(SUBMIT, { input: { productId: lender.productId, amount: '12000.00', termCount: 6, frequency: 'MONTHLY', borrower: borrowerInput() } }, lender.admin);
      const appl = submitted.data!.submitApplication;
      expect(appl.status).toBe('OFFERED');
      const accepted = (await app.gql(`mutation { acceptOffer(applicationId: "${appl.id}") { contract { sha256 } } }`, {}, lender.admin)).data!.acceptOffer;
      await app.gql(`mutation { signContract(applicationId: "${appl.id}", signerName: "Borrower", documentHash: "${accepted.contract.sha256}") { status } }`, {}, lender.admin);
      return appl.id as string;
    }
    const DISBURSE = 'mutation($a: ID!, $k: String!, $d: Date) { disburseLoan(applicationId: $a, idempotencyKey: $k, disbursedAt: $d) { id disbursedAt disbursementRef } }';

    it('books the loan on that date for a lender admin, audited and paid out then; the next close of business catches it up', async () => {
      const applicationId = await signedApplication();
      const start = addDays(today(), -60);
      const res = await app.gql(DISBURSE, { a: applicationId, k: `migrate-${applicationId}`, d: start }, lender.admin);
      expect(res.errors).toBeUndefined();
      const made = res.data!.disburseLoan;
      expect(new Date(made.disbursedAt).toISOString().slice(0, 10)).toBe(start);
      // Nothing was sent to the payments provider: the money left on that date.
      expect(made.disbursementRef).toBe(`migrated:${made.id}`);
      const l = await loan(made.id);
      // The schedule runs from that date: the first instalment falls due about a month after it.
      expect(days(start, l.schedule[0].dueDate)).toBeGreaterThanOrEqual(28);
      expect(days(start, l.schedule[0].dueDate)).toBeLessThanOrEqual(31);
      expect(l.journal.nodes.filter((e: any) => e.kind === 'DISBURSEMENT').map((e: any) => e.businessDate)).toEqual([start]);
      const audit = (await app.gql(`{ auditLog(first: 10, entityType: "Loan", entityId: "${made.id}") { nodes { action after } } }`, {}, lender.admin)).data!.auditLog.nodes;
      expect(audit.find((n: any) => n.action === 'loan.disbursed').after).toMatchObject({ disbursedAt: start, backdated: true, paidOut: false });

      // The tenant is closed through yesterday; the run catches the migrated loan up from its start.
      expect(await cob(yesterday())).toMatch(new RegExp(`^${yesterday()}: already closed; caught up the loans behind it: 1 loans, \\d+ accruals`));
      const after = await loan(made.id);
      expect(after.dpd).toBe(days(after.schedule[0].dueDate, yesterday()));
      expect(after.bucket).toBe(bucketOf(after.dpd));
      expect(new Dec(after.balances.ledger.INTEREST_RECEIVABLE ?? '0').gt(0)).toBe(true);
      await expectLedgerMatchesLoans();
    });

    it('refuses a past date from a role other than lender admin, and a future date', async () => {
      const applicationId = await signedApplication();
      const servicer = await app.apiKey(lender.slug, 'SERVICER');
      const forbidden = await app.gql(DISBURSE, { a: applicationId, k: `migrate-s-${applicationId}`, d: addDays(today(), -10) }, servicer);
      expect(forbidden.errors![0].extensions!.code).toBe('FORBIDDEN');
      const future = await app.gql(DISBURSE, { a: applicationId, k: `migrate-f-${applicationId}`, d: addDays(today(), 2) }, lender.admin);
      expect(future.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'disbursedAt' });
      // Nothing half-written: the application can still be disbursed, today, by the servicer.
      const ok = await app.gql(DISBURSE, { a: applicationId, k: `migrate-ok-${applicationId}`, d: null }, servicer);
      expect(ok.errors).toBeUndefined();
      expect(ok.data!.disburseLoan.disbursementRef).not.toMatch(/^migrated:/);
    });
  });
});
