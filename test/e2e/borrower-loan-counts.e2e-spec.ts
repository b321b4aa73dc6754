import { Client } from 'pg';
import { Dec } from '../../src/core/money';
import { ageLoan, autoLender, disbursedLoan } from '../support/loans';
import { type TestApp, startTestApp } from '../support/test-app';

const SUMMARY = `query($asOf: Date) {
  portfolioSummary(asOf: $asOf) { snapshotDate activeLoans activeBorrowers grossPortfolio repeatBorrowerShare }
  concentration(asOf: $asOf, dimension: BORROWER) { rows { key exposure } } }`;

/** Each borrower's kept counts next to what their loans say, for the tenant (the owner reads both). */
const COUNTS = `
  SELECT b.id, b.live_loans AS kept_live, b.first_disbursed_on::text AS kept_first,
         (SELECT count(*) FILTER (WHERE l.status = 'ACTIVE') FROM loans l WHERE l.tenant_id = b.tenant_id AND l.borrower_id = b.id)::int AS live,
         (SELECT min(l.disbursement_date) FROM loans l WHERE l.tenant_id = b.tenant_id AND l.borrower_id = b.id)::text AS first
  FROM borrowers b JOIN tenants t ON t.id = b.tenant_id WHERE t.slug = $1 ORDER BY b.id`;

/**
 * The portfolio snapshot reads what it needs of a borrower's other loans (how many are live, when
 * the first was disbursed) from the borrower row, where the loans triggers keep it. A book built
 * through GraphQL with a borrower of several loans (one settled), a borrower whose written-off loan
 * is followed by a new one, a restructured loan, and a borrower's loans disbursed concurrently: the
 * portfolio figures count each borrower once and each repeat borrower as one, the borrower
 * concentration sums a borrower's live loans, and every borrower's kept counts equal their loans'.
 */
describe("the borrower's loan counts, kept by the database for the portfolio snapshot", () => {
  let app: TestApp;
  let lender: Awaited<ReturnType<typeof autoLender>>;
  const today = new Date().toISOString().slice(0, 10);
  const people: Record<string, string> = {};
  const loans: Record<string, string> = {};
  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    const res = await app.gql(query, variables, lender.admin);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  };
  const counts = () => app.ownerQuery<{ id: string; kept_live: number; kept_first: string | null; live: number; first: string | null }>(COUNTS, [lender.slug]);

  beforeAll(async () => {
    app = await startTestApp();
    lender = await autoLender(app);
    await app.ownerQuery("UPDATE tenants SET timezone = 'UTC' WHERE slug = $1", [lender.slug]);
    const loan = async (name: string, person: string, age = 0) => {
      const made = await disbursedLoan(app, lender, people[person] ? { borrowerId: people[person] } : {});
      people[person] = made.borrowerId;
      loans[name] = made.loanId;
      if (age) await ageLoan(app, made.loanId, age);
    };
    // Ama: three loans, the middle one settled. Bo: one. Chidi: a loan written off, then a new one.
    await loan('ama1', 'ama', 100);
    await loan('ama2', 'ama', 40);
    await loan('ama3', 'ama');
    await loan('bo1', 'bo');
    await loan('chidi1', 'chidi', 100);
    await loan('chidi2', 'chidi');
    // Dede: a loan restructured into its successor. Efua: a first loan, then two disbursed at once.
    await loan('dede1', 'dede', 100);
    await loan('efua1', 'efua');
    await Promise.all([disbursedLoan(app, lender, { borrowerId: people.efua }), disbursedLoan(app, lender, { borrowerId: people.efua })]);

    const quote = (await gql(`{ payoffQuote(loanId: "${loans.ama2}") { total } }`)).payoffQuote;
    await gql('mutation($i: SettleLoanInput!) { settleLoan(input: $i) { transactionId } }',
      { i: { loanId: loans.ama2, amount: quote.total, paidAt: today, method: 'BANK_TRANSFER', idempotencyKey: 'counts-settle-ama2' } });
    await gql(`mutation { writeOffLoan(loanId: "${loans.chidi1}", reason: "uncollectable") { status } }`);
    loans.dede2 = (await gql('mutation($i: RestructureLoanInput!) { restructureLoan(input: $i) { id } }',
      { i: { loanId: loans.dede1, termCount: 12, capitaliseArrears: true, reason: 'harvest failed', idempotencyKey: 'counts-restructure-dede1' } })).restructureLoan.id;
    await app.inTenant(lender.slug, (ctx) => app.runtime.services.cob.run(ctx, today));
  }, 300_000);
  afterAll(() => app.close());

  it('keeps every borrower’s live loans and first disbursement equal to their loans', async () => {
    const rows = await counts();
    expect(rows).toHaveLength(5);
    for (const r of rows) expect([r.kept_live, r.kept_first]).toEqual([r.live, r.first]);
    const byId = new Map(rows.map((r) => [r.id, r.kept_live]));
    expect(Object.fromEntries(Object.entries(people).map(([name, id]) => [name, byId.get(id)]))).toEqual({ ama: 2, bo: 1, chidi: 1, dede: 1, efua: 3 });
  });

  it('counts each borrower once, and the ones who came back, in the portfolio figures', async () => {
    const s = (await gql(SUMMARY, { asOf: today })).portfolioSummary;
    // Live: Ama's first and third, Bo's, Chidi's second, Dede's successor, Efua's three.
    expect(s).toMatchObject({ snapshotDate: today, activeLoans: 8, activeBorrowers: 5 });
    // Ama, Chidi and Dede (whose successor starts on the day of the restructuring) borrowed before their
    // live loans; Bo and Efua (three loans the same day) did not.
    expect(s.repeatBorrowerShare).toBe('0.600000');
  });

  it('sums a borrower’s live loans in the borrower concentration', async () => {
    const outstanding = async (id: string) => new Dec((await gql(`{ loan(id: "${id}") { balances { outstanding { principal } } } }`)).loan.balances.outstanding.principal);
    const rows = (await gql(SUMMARY, { asOf: today })).concentration.rows as { key: string; exposure: string }[];
    const exposure = new Map(rows.map((r) => [r.key, r.exposure]));
    expect(exposure.get(people.efua)).toBe('36000.00');
    expect(exposure.get(people.ama)).toBe((await outstanding(loans.ama1)).plus(await outstanding(loans.ama3)).toFixed(2));
    expect(exposure.get(people.bo)).toBe('12000.00');
  });

  it('moves the counts when a loan changes borrower or is deleted (the owner, rolled back)', async () => {
    const owner = new Client({ connectionString: app.ownerUrl });
    await owner.connect();
    const kept = async (id: string) => (await owner.query('SELECT live_loans, first_disbursed_on::text AS first FROM borrowers WHERE id = $1', [id])).rows[0];
    try {
      await owner.query('BEGIN');
      const amaFirst = (await kept(people.ama)).first;
      // Ama's first loan goes to Bo: Ama's first date is read again (her third loan's), Bo's moves earlier.
      await owner.query('UPDATE loans SET borrower_id = $2 WHERE id = $1', [loans.ama1, people.bo]);
      expect(await kept(people.ama)).toEqual({ live_loans: 1, first: (await owner.query('SELECT min(disbursement_date)::text AS d FROM loans WHERE borrower_id = $1', [people.ama])).rows[0].d });
      expect(await kept(people.bo)).toEqual({ live_loans: 2, first: amaFirst });
      // Deleted (without foreign-key checks: what refers to it stays behind, and all is rolled back): Bo is
      // back to one loan and his own first date.
      await owner.query('SET LOCAL session_replication_role = replica');
      await owner.query('ALTER TABLE loans ENABLE ALWAYS TRIGGER loans_borrower_counts_deleted');
      await owner.query('DELETE FROM loans WHERE id = $1', [loans.ama1]);
      expect(await kept(people.bo)).toEqual({ live_loans: 1, first: today });
    } finally {
      await owner.query('ROLLBACK');
      await owner.end();
    }
  });
});
