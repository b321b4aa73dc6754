import path from 'node:path';
import { Client } from 'pg';
import { cli } from '../support/cli';
import { queryPrepared } from '../../src/platform/db/prepared';
import { tenantToday } from '../support/dates';
import { autoLender, disbursedLoan } from '../support/loans';
import { SUBMIT, borrowerInput } from '../support/origination';
import { type TestApp, startTestApp } from '../support/test-app';

/**
 * A request's field resolvers run in parallel and share the request's one transaction, so its
 * statements must take turns on the connection: pg queues overlapping calls itself only as a
 * deprecated courtesy (gone in pg 9). Every call to a pg client is watched here: none may arrive
 * while the client is still busy with another.
 */
describe('one connection per request: statements in order, never overlapping', () => {
  let app: TestApp;
  let lender: Awaited<ReturnType<typeof autoLender>>;
  let loanId: string;
  const original = Client.prototype.query;
  let overlapping = 0;
  let calls = 0;
  /** The statements each client was sent, in order. */
  let sent = new Map<object, string[]>();

  beforeAll(async () => {
    app = await startTestApp();
    lender = await autoLender(app);
    ({ loanId } = await disbursedLoan(app, lender, { amount: '5000.00', termCount: 4 }));
    Client.prototype.query = function watched(this: Client & { _activeQuery?: unknown; _queryQueue: unknown[] }, ...args: unknown[]) {
      calls++;
      const first = args[0] as string | { text: string };
      if (!sent.has(this)) sent.set(this, []);
      sent.get(this)!.push(typeof first === 'string' ? first : first.text);
      if (this._activeQuery || this._queryQueue.length > 0) overlapping++;
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof Client.prototype.query;
  });
  afterAll(async () => {
    Client.prototype.query = original;
    await app.close();
  });
  beforeEach(() => {
    overlapping = 0;
    calls = 0;
    sent = new Map();
  });

  it('a loan read with many lists resolved at once sends its statements one after another', async () => {
    const res = await app.gql(`{
      a: loan(id: "${loanId}") { id transactions(first: 10) { nodes { id amount } } journal(first: 10) { nodes { id lines } } events { kind } schedule { number principalDue } balances { outstanding { total } } }
      b: loan(id: "${loanId}") { id status principal }
      c: loans(first: 5) { nodes { id status } }
      d: loanProducts(first: 5) { nodes { code } }
    }`, {}, lender.admin);
    expect(res.errors).toBeUndefined();
    expect(res.data!.a.id).toBe(loanId);
    expect(res.data!.a.schedule).toHaveLength(4);
    expect(res.data!.a.journal.nodes.length).toBeGreaterThan(0);
    expect(res.data!.c.nodes.map((l: { id: string }) => l.id)).toContain(loanId);
    expect(calls).toBeGreaterThan(3);
    expect(overlapping).toBe(0);
  });

  it('statements asked for at once in one transaction (entity reads, plain and prepared queries) run in order with their own answers', async () => {
    const answers = await app.inTenant(lender.slug, async (ctx) => {
      const db = await ctx.db();
      return Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          i % 3 === 0
            ? db.query('SELECT $1::int AS n, pg_sleep(0.005)', [i]).then((r: { n: number }[]) => r[0].n)
            : i % 3 === 1
              ? queryPrepared<{ n: number }>(db, 'SELECT $1::int AS n', [i]).then((r) => r[0].n)
              : db.query("SELECT $1::int AS n, current_setting('app.tenant_id') AS t", [i]).then((r: { n: number; t: string }[]) => (r[0].t ? r[0].n : -1)),
        ),
      );
    });
    expect(answers).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expect(overlapping).toBe(0);
  });

  it('writes staged before the transaction opens go inside it, after the tenant scope (a read that stages the chart first)', async () => {
    // A tenant another process set up (as another replica would): this one stages the default chart before its first statement.
    expect((await cli(app.config, 'tenants', 'apply', path.join(app.config.tenantsDir, 'jamii-credit.yaml'))).code).toBe(0);
    const [fresh] = await app.ownerQuery("SELECT id, slug FROM tenants WHERE slug = 'jamii-credit'");
    const key = await app.apiKey(fresh.slug, 'LENDER_ADMIN');
    expect((await app.gql('{ viewer { roles } }', {}, key)).errors).toBeUndefined(); // the key verified and kept: the next request opens no transaction for it
    sent = new Map();
    // With its date given, the trial balance reads nothing before the chart (without, it reads the tenant's time zone first).
    const res = await app.gql('{ trialBalance(asOf: "2026-01-31") { balanced lines { account } } }', {}, key);
    expect(res.errors).toBeUndefined();
    expect(res.data!.trialBalance.lines.map((l: { account: string }) => l.account)).toContain('INTEREST_RECEIVABLE');
    // On the connection that sent the chart: the transaction it went in began with the tenant's scope, and had not ended.
    // (BEGIN and the scope travel with the transaction's first statement, the writes between them and it.)
    const sentHere = [...sent.values()].find((t) => t.some((x) => x.includes('INSERT INTO ledger_accounts')))!.join('\n');
    const insert = sentHere.indexOf('INSERT INTO ledger_accounts');
    const begun = sentHere.lastIndexOf('START TRANSACTION', insert);
    expect(sentHere.slice(begun)).toMatch(new RegExp(`^START TRANSACTION; SELECT set_config\\('app.tenant_id', '${fresh.id}'`));
    expect(/(^|\n|; )(COMMIT|ROLLBACK)\b/.test(sentHere.slice(begun, insert))).toBe(false);
  });

  /**
   * What one request's transaction sent, round trip by round trip, from its BEGIN to its COMMIT: the
   * transaction on the connection that sent `marker` (a background job may take the pooled connection
   * once the request has let it go). What waits in front of a statement travels with it once the
   * connection has prepared them, so a connection new to the statements takes a round trip more: the
   * fewest of four requests is read.
   */
  async function fewestRoundTrips(marker: string, request: (i: number) => Promise<void>): Promise<string[]> {
    const attempts: string[][] = [];
    for (let i = 0; i < 4; i++) {
      sent = new Map();
      await request(i);
      attempts.push(unitSending(marker));
    }
    return fewest(attempts);
  }

  /** The transaction that sent `marker`, among what the clients were sent: from its BEGIN to its COMMIT. */
  function unitSending(marker: string): string[] {
    const texts = [...sent.values()].find((list) => list.some((t) => t.includes(marker)))!.map((t) => t.replace(/\s+/g, ' '));
    const at = texts.findIndex((t) => t.includes(marker));
    const begun = texts.slice(0, at + 1).findLastIndex((t) => t.startsWith('START TRANSACTION'));
    return texts.slice(begun, texts.indexOf('COMMIT', at) + 1);
  }

  const fewest = (attempts: string[][]) => attempts.reduce((a, b) => (b.length < a.length ? b : a));

  it('a repayment is one unit of work in four round trips: BEGIN with the loan locked with its book and the key claimed in one statement, every write in one more, the audit entry, COMMIT', async () => {
    const repay = (key: string, amount: string) => app.gql(`mutation($i: RecordRepaymentInput!) { recordRepayment(input: $i) { transactionId allocation { principal interest } } }`,
      { i: { loanId, amount, paidAt: tenantToday(), method: 'CASH', idempotencyKey: key } }, lender.admin);
    // The request's transaction is the one that claimed the idempotency key.
    const oneLine = await fewestRoundTrips('INSERT INTO idempotency_keys', async (i) => {
      const res = await repay(`one-unit-${i}-${loanId}`, '10.00');
      expect(res.errors).toBeUndefined();
      expect(res.data!.recordRepayment.transactionId).toBeTruthy();
    });
    expect(oneLine).toHaveLength(4);
    expect(oneLine[0]).toMatch(/^START TRANSACTION; SELECT set_config\('app.tenant_id'[^;]*; WITH claim AS \(INSERT INTO idempotency_keys .* FROM loans l .* FOR UPDATE OF l/);
    for (const write of ['INSERT INTO loan_transactions', 'INSERT INTO journal_entries', 'INSERT INTO journal_lines', 'INSERT INTO loan_postings', 'UPDATE loans SET', 'INSERT INTO loan_events', 'UPDATE idempotency_keys SET result']) {
      expect(oneLine[1]).toContain(write);
    }
    expect(oneLine[2]).toContain('audit');
    expect(oneLine[3]).toBe('COMMIT');
  });

  it('a decision is six round trips: the tenant key kept by the process, BEGIN with the first read, the borrower with the profile and referral reads (the product read before the providers were asked), the application with the decision\'s reads, the checks with the application\'s status changes, the audit entry, COMMIT', async () => {
    const submit = () => app.gql(SUBMIT, { input: { productId: lender.productId, amount: '3000.00', termCount: 4, frequency: 'MONTHLY', borrower: borrowerInput() } }, lender.admin);
    // The request's transaction is the one that wrote the new borrower.
    const befores: string[][] = [];
    const texts = await fewestRoundTrips('INSERT INTO "borrowers"', async () => {
      const res = await submit();
      expect(res.errors).toBeUndefined();
      // Decided with the national ID decrypted (KYC passed) by a key no statement of this request read.
      expect(res.data!.submitApplication.decision.checks).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'KYC', outcome: 'PASS' })]));
      // Before it, the checks that refuse a submission before the providers are asked, in a transaction
      // of their own that ended before the providers were asked: BEGIN with the product's read and the
      // new national ID's check together, COMMIT.
      befores.push(unitSending('FROM loan_products WHERE id'));
    });
    // As for the request's transaction, the fewest of the four (a connection new to the read prepares it first).
    const before = fewest(befores);
    expect(before).toHaveLength(2);
    expect(before[0]).toMatch(/^START TRANSACTION; SELECT set_config.*; SELECT id, code, status, current_version AS "currentVersion" FROM loan_products WHERE id = \$1; SELECT id FROM borrowers WHERE national_id_bidx = \$1 LIMIT 1$/);
    expect(before[1]).toBe('COMMIT');
    expect(texts.filter((t) => t.includes('tenant_keys'))).toEqual([]);
    const borrower = texts.filter((t) => t.includes('INSERT INTO "borrowers"'));
    expect(borrower).toHaveLength(1);
    expect(borrower[0]).toContain('INSERT INTO borrower_consents');
    const checks = texts.filter((t) => t.includes('INSERT INTO application_checks'));
    expect(checks).toHaveLength(1);
    expect(texts.filter((t) => t.includes('INSERT INTO application_events'))).toHaveLength(1);
    expect(texts.find((t) => t.includes('INSERT INTO application_events'))).toContain('UPDATE applications SET status');
    // The checks, staged while the pipeline decided, travel with that statement; the new borrower and the application with the next read after each.
    expect(checks[0]).toContain('INSERT INTO application_events');
    expect(borrower[0]).toMatch(/INSERT INTO borrower_consents.*;\s*SELECT/);
    expect(texts.find((t) => t.includes('INSERT INTO "applications"'))).toMatch(/;\s*SELECT/);
    expect(texts.filter((t) => /FROM (tenant_policies|watchlist_entries|decision_configs)\b/.test(t))).toHaveLength(1);
    expect(texts[0]).toMatch(/^START TRANSACTION; SELECT set_config.*; SELECT .* FROM "?borrowers"? /);
    // Reads that need none of one another's answers go together: the lender's profile and the
    // referral standing with the new borrower; the configuration, fraud signals, exposure and rate cap
    // with the new application. The product was read before, with the checks that refuse a submission
    // before the providers are asked, in a transaction of its own (the providers are asked with none open).
    expect(borrower[0]).toMatch(/; SELECT .* FROM tenants WHERE id = \$1; WITH standing AS/);
    expect(texts.filter((t) => t.includes('FROM loan_products'))).toEqual([]);
    const application = texts.find((t) => t.includes('INSERT INTO "applications"'))!;
    for (const read of ['AS velocity', 'FROM exposure_cells', 'FROM decision_configs', 'FROM rate_cap_rules']) expect(application).toContain(read);
    expect(texts).toHaveLength(6);
    expect(texts[4]).toContain('audit');
    expect(texts[5]).toBe('COMMIT');
  });
});
