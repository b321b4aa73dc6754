import { Client } from 'pg';
import { Dec } from '../../src/core/money';
import { eventually } from '../support/eventually';
import { type FakeStripe, type StripeRequest, startFakeStripe } from '../support/fake-stripe';
import { autoLender } from '../support/loans';
import { SUBMIT, borrowerInput } from '../support/origination';
import { drainPayouts } from '../support/payouts';
import { pendingPayoutRef } from '../../src/modules/payments/payouts.service';
import { type TestApp, startTestApp } from '../support/test-app';

const SET_CREDENTIALS = 'mutation($i: SetStripeCredentialsInput!) { setStripeCredentials(input: $i) { provider } }';
const STRIPE = { secretKey: 'sk_test_51PayoutsTenantKeyAbcdefghij', webhookSigningSecret: 'whsec_payoutsSigningSecret0123456789' };
const PAYOUT = (loanId: string) => `{ payments(loanId: "${loanId}", kind: DISBURSEMENT) { nodes { id provider status amount providerRef attempts round nextAttemptAt failureCode failureMessage journalEntryId } } }`;
const RETRY = 'mutation($p: ID!, $k: String!) { retryPayout(paymentId: $p, idempotencyKey: $k) { id status round attempts } }';

type Lender = Awaited<ReturnType<typeof autoLender>>;

async function gqlOf(app: TestApp, token: string, query: string, variables: Record<string, unknown> = {}) {
  const res = await app.gql(query, variables, token);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!;
}

/** Submits, accepts and signs; with `account`, the borrower is paid to that Stripe connected account. */
async function signedApplication(app: TestApp, lender: Lender, account?: string) {
  const gql = (q: string) => gqlOf(app, lender.admin, q);
  const submitted = (await gqlOf(app, lender.admin, SUBMIT, { input: { productId: lender.productId, amount: '12000.00', termCount: 6, frequency: 'MONTHLY', borrower: borrowerInput() } })).submitApplication;
  if (account) await gql(`mutation { setBorrowerPayoutAccount(borrowerId: "${submitted.borrowerId}", stripeAccountId: "${account}") { stripeAccountId } }`);
  const hash = (await gql(`mutation { acceptOffer(applicationId: "${submitted.id}") { contract { sha256 } } }`)).acceptOffer.contract.sha256;
  await gql(`mutation { signContract(applicationId: "${submitted.id}", signerName: "B", documentHash: "${hash}") { status } }`);
  return { applicationId: submitted.id as string, net: submitted.offer.netDisbursement as string };
}

const loanBalances = async (app: TestApp, loanId: string) => Object.fromEntries((await app.ownerQuery(
  `SELECT l.account_code AS account, (sum(l.debit) - sum(l.credit))::numeric(18,2)::text AS balance
   FROM journal_lines l JOIN journal_entries e ON e.tenant_id = l.tenant_id AND e.id = l.entry_id WHERE e.loan_id = $1 GROUP BY 1`, [loanId])).map((r) => [r.account, r.balance]));

const transferAnswer = (req: StripeRequest) => ({
  status: 200,
  body: { id: `tr_${req.idempotencyKey!.replace(/[^A-Za-z0-9]/g, '').slice(-24)}`, object: 'transfer', amount: Number(req.body.amount), currency: req.body.currency, destination: req.body.destination, metadata: req.body.metadata ?? {}, reversed: false, created: 0, livemode: false },
});

/**
 * Payouts leave the transaction: disbursing writes the loan, its entry and a PENDING payout, and
 * the payout job calls Stripe after commit, on both queue backends.
 */
describe.each(['redis', 'postgres'] as const)('payouts by a job on the %s backend', (queue) => {
  let app: TestApp;
  let fake: FakeStripe;
  let lender: Lender;
  /** What the fake saw of the database's locks while each transfer was in flight, by destination. */
  const seenLocks: { destination: string; locked: string[] }[] = [];
  let gate: Promise<void> = Promise.resolve();
  const failing = new Set<string>();
  let ownerUrl = '';

  beforeAll(async () => {
    fake = await startFakeStripe();
    app = await startTestApp({ queue, worker: true, env: { ...fake.env, PAYOUT_MAX_ATTEMPTS: '3', PAYOUT_BACKOFF_BASE_MS: '20', PAYOUT_MAX_BACKOFF_MS: '50' } });
    ownerUrl = app.ownerUrl;
    lender = await autoLender(app);
    await app.ownerQuery("UPDATE tenants SET timezone = 'UTC'");
    await gqlOf(app, lender.admin, SET_CREDENTIALS, { i: STRIPE });
    // Each transfer, while it is in flight, tries the rows a disbursement writes from another
    // connection without waiting: a lock still held means the call was made inside a transaction.
    fake.route('POST', '/v1/transfers', async (req) => {
      await gate;
      const client = new Client({ connectionString: ownerUrl });
      await client.connect();
      const locked: string[] = [];
      try {
        await client.query('BEGIN');
        const [application] = (await client.query('SELECT application_id FROM loans WHERE id = $1', [req.body.metadata.loan_id])).rows;
        const rows: [string, string, string | undefined][] = [['applications', 'id', application?.application_id], ['loans', 'id', req.body.metadata.loan_id], ['payments', 'id', req.body.metadata.payment_id]];
        for (const [table, column, id] of rows) {
          await client.query('SAVEPOINT s');
          try {
            await client.query(`SELECT 1 FROM ${table} WHERE ${column} = $1 FOR UPDATE NOWAIT`, [id ?? '00000000-0000-0000-0000-000000000000']);
          } catch {
            locked.push(table);
            await client.query('ROLLBACK TO SAVEPOINT s');
          }
        }
        await client.query('ROLLBACK');
      } finally {
        await client.end();
      }
      seenLocks.push({ destination: req.body.destination, locked });
      if (failing.has(req.body.destination)) return { status: 503, body: { error: { type: 'api_error', message: 'Stripe is having a moment' } } };
      return transferAnswer(req);
    });
  });
  afterAll(async () => {
    await app.close();
    await fake.close();
  });

  it('disburses with the payout PENDING, then the job pays it by transfer with no database transaction open, SUCCEEDED with a balanced ledger and payout.succeeded', async () => {
    const { applicationId, net } = await signedApplication(app, lender, 'acct_1PayoutWallet');
    let open!: () => void;
    gate = new Promise((r) => (open = r));
    const loan = (await gqlOf(app, lender.admin, `mutation { disburseLoan(applicationId: "${applicationId}", idempotencyKey: "payout-${applicationId}") { id status disbursementRef } }`)).disburseLoan;
    expect(loan.status).toBe('ACTIVE');
    // Committed before the provider is called: the loan, its entry and a PENDING payout.
    const [pending] = (await gqlOf(app, lender.admin, PAYOUT(loan.id))).payments.nodes;
    expect(pending).toMatchObject({ provider: 'STRIPE', status: 'PENDING', amount: net, providerRef: null });
    expect(loan.disbursementRef).toBe(pendingPayoutRef(pending.id));
    expect(await loanBalances(app, loan.id)).toMatchObject({ DISBURSEMENT_PAYABLE: new Dec(net).neg().toFixed(2) });
    open();

    const paid = await eventually(async () => {
      const [p] = (await gqlOf(app, lender.admin, PAYOUT(loan.id))).payments.nodes;
      expect(p.status).toBe('SUCCEEDED');
      return p;
    });
    expect(paid).toMatchObject({ providerRef: expect.stringMatching(/^tr_/), attempts: 1, round: 1, nextAttemptAt: null, journalEntryId: expect.any(String) });
    expect(seenLocks.filter((s) => s.destination === 'acct_1PayoutWallet')).toEqual([{ destination: 'acct_1PayoutWallet', locked: [] }]);
    const calls = fake.requests.filter((r) => r.path === '/v1/transfers' && r.body.metadata?.loan_id === loan.id);
    expect(calls.map((c) => c.idempotencyKey)).toEqual([`payment:${paid.id}`]);
    expect(calls[0].body).toMatchObject({ amount: new Dec(net).times(100).toFixed(0), currency: 'kes', destination: 'acct_1PayoutWallet', transfer_group: `loan:${loan.id}` });

    const [row] = await app.ownerQuery('SELECT disbursement_ref FROM loans WHERE id = $1', [loan.id]);
    expect(row.disbursement_ref).toBe(paid.providerRef);
    const payout = await app.ownerQuery('SELECT l.account_code, l.debit::numeric(18,2)::text AS debit, l.credit::numeric(18,2)::text AS credit FROM journal_lines l WHERE l.entry_id = $1 ORDER BY line_no', [paid.journalEntryId]);
    expect(payout).toEqual([{ account_code: 'DISBURSEMENT_PAYABLE', debit: new Dec(net).toFixed(2), credit: '0.00' }, { account_code: 'CASH_CLEARING', debit: '0.00', credit: new Dec(net).toFixed(2) }]);
    const balances = await loanBalances(app, loan.id);
    expect(balances.DISBURSEMENT_PAYABLE).toBe('0.00');
    expect(balances.CASH_CLEARING).toBe(new Dec(net).neg().toFixed(2));
    expect((await gqlOf(app, lender.admin, '{ trialBalance { balanced } }')).trialBalance.balanced).toBe(true);
    const events = await app.ownerQuery("SELECT type, data FROM outbox_events WHERE subject_id = $1 AND type LIKE 'payout.%'", [loan.id]);
    expect(events).toEqual([{ type: 'payout.succeeded', data: expect.objectContaining({ paymentId: paid.id, kind: 'DISBURSEMENT', amount: new Dec(net).toFixed(2), providerRef: paid.providerRef, attempts: 1 }) }]);
  });

  it('retries a payout Stripe cannot answer with the same key, then marks it FAILED with payout.failed: the loan stays booked with the money owed; a lender admin retries it in a new round', async () => {
    failing.add('acct_1Unreachable');
    const { applicationId, net } = await signedApplication(app, lender, 'acct_1Unreachable');
    const loan = (await gqlOf(app, lender.admin, `mutation { disburseLoan(applicationId: "${applicationId}", idempotencyKey: "payout-${applicationId}") { id } }`)).disburseLoan;
    const failed = await eventually(async () => {
      const [p] = (await gqlOf(app, lender.admin, PAYOUT(loan.id))).payments.nodes;
      expect(p.status).toBe('FAILED');
      return p;
    });
    expect(failed).toMatchObject({ attempts: 3, round: 1, providerRef: null, journalEntryId: null, nextAttemptAt: null, failureMessage: expect.stringContaining('moment') });
    const keys = new Set(fake.requests.filter((r) => r.path === '/v1/transfers' && r.body.metadata?.loan_id === loan.id).map((r) => r.idempotencyKey));
    expect([...keys]).toEqual([`payment:${failed.id}`]);
    // Nothing half-written: no payout entry, the borrower is still owed the net amount, the books balance.
    expect(await app.ownerQuery("SELECT id FROM journal_entries WHERE loan_id = $1 AND kind = 'PAYOUT'", [loan.id])).toEqual([]);
    expect(await loanBalances(app, loan.id)).toMatchObject({ DISBURSEMENT_PAYABLE: new Dec(net).neg().toFixed(2) });
    expect((await loanBalances(app, loan.id)).CASH_CLEARING ?? '0.00').toBe('0.00');
    expect((await gqlOf(app, lender.admin, '{ trialBalance { balanced } }')).trialBalance.balanced).toBe(true);
    const [status] = await app.ownerQuery('SELECT status, disbursement_ref FROM loans WHERE id = $1', [loan.id]);
    expect(status).toEqual({ status: 'ACTIVE', disbursement_ref: pendingPayoutRef(failed.id) });
    expect((await app.ownerQuery("SELECT type, data FROM outbox_events WHERE subject_id = $1 AND type LIKE 'payout.%'", [loan.id])))
      .toEqual([{ type: 'payout.failed', data: expect.objectContaining({ paymentId: failed.id, attempts: 3, failureCode: 'api_error' }) }]);

    // Only a lender admin retries, only a FAILED payout; the new round has a key of its own.
    const servicer = await app.apiKey(lender.slug, 'SERVICER');
    expect((await app.gql(RETRY, { p: failed.id, k: `retry-${failed.id}` }, servicer)).errors![0].extensions.code).toBe('FORBIDDEN');
    failing.delete('acct_1Unreachable');
    const retried = (await gqlOf(app, lender.admin, RETRY, { p: failed.id, k: `retry-${failed.id}` })).retryPayout;
    expect(retried).toMatchObject({ id: failed.id, status: 'PENDING', round: 2, attempts: 0 });
    const paid = await eventually(async () => {
      const [p] = (await gqlOf(app, lender.admin, PAYOUT(loan.id))).payments.nodes;
      expect(p.status).toBe('SUCCEEDED');
      return p;
    });
    expect(fake.requests.filter((r) => r.path === '/v1/transfers' && r.body.metadata?.loan_id === loan.id).at(-1)!.idempotencyKey).toBe(`payment:${failed.id}:r2`);
    expect((await loanBalances(app, loan.id)).DISBURSEMENT_PAYABLE).toBe('0.00');
    const again = await app.gql(RETRY, { p: paid.id, k: `retry-again-${paid.id}` }, lender.admin);
    expect(again.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'PAYOUT_SUCCEEDED' });
    expect((await gqlOf(app, lender.admin, '{ trialBalance { balanced } }')).trialBalance.balanced).toBe(true);
  });
});

describe('payouts run by hand: a crash between the provider call and its recording, and the default provider', () => {
  let app: TestApp;
  let fake: FakeStripe;
  let lender: Lender;

  beforeAll(async () => {
    fake = await startFakeStripe();
    app = await startTestApp({ env: fake.env });
    lender = await autoLender(app);
    await app.ownerQuery("UPDATE tenants SET timezone = 'UTC'");
  });
  afterAll(async () => {
    await app.close();
    await fake.close();
  });

  it('pays through the default (sandbox) provider when the lender is not on Stripe: PENDING until the job, then SUCCEEDED with its reference', async () => {
    const { applicationId, net } = await signedApplication(app, lender);
    const loan = (await gqlOf(app, lender.admin, `mutation { disburseLoan(applicationId: "${applicationId}", idempotencyKey: "manual-${applicationId}") { id } }`)).disburseLoan;
    const [pending] = (await gqlOf(app, lender.admin, PAYOUT(loan.id))).payments.nodes;
    expect(pending).toMatchObject({ provider: 'MANUAL', status: 'PENDING', amount: net });
    expect(await drainPayouts(app, lender.slug)).toEqual({ [pending.id]: 'SUCCEEDED' });
    const [paid] = (await gqlOf(app, lender.admin, PAYOUT(loan.id))).payments.nodes;
    expect(paid).toMatchObject({ status: 'SUCCEEDED', providerRef: expect.stringMatching(/^po_/), attempts: 1 });
    expect((await app.ownerQuery('SELECT disbursement_ref FROM loans WHERE id = $1', [loan.id]))[0].disbursement_ref).toBe(paid.providerRef);
    expect((await loanBalances(app, loan.id)).DISBURSEMENT_PAYABLE).toBe('0.00');
    expect(await drainPayouts(app, lender.slug)).toEqual({});
  });

  it('pays once when the job dies after Stripe made the transfer and before it was recorded: the next run sends the same key and records Stripe’s first answer', async () => {
    await gqlOf(app, lender.admin, SET_CREDENTIALS, { i: STRIPE });
    const { applicationId } = await signedApplication(app, lender, 'acct_1CrashWallet');
    const loan = (await gqlOf(app, lender.admin, `mutation { disburseLoan(applicationId: "${applicationId}", idempotencyKey: "crash-${applicationId}") { id } }`)).disburseLoan;
    const [{ id: paymentId }] = (await gqlOf(app, lender.admin, PAYOUT(loan.id))).payments.nodes;
    const payouts = app.runtime.services.payouts;

    // The first run claims and calls Stripe, then dies: nothing is recorded.
    const first = await app.inTenant(lender.slug, (ctx) => ctx.detached((c) => payouts.claim(c, paymentId)));
    if (typeof first === 'string') throw new Error(`not claimed: ${first}`);
    const made = await payouts.send(first);
    expect(made).toMatchObject({ ok: true, providerRef: expect.stringMatching(/^tr_/) });
    const [leased] = (await gqlOf(app, lender.admin, PAYOUT(loan.id))).payments.nodes;
    expect(leased).toMatchObject({ status: 'PENDING', providerRef: null, attempts: 1 });
    // Leased: nobody sends it again until the lease runs out.
    expect(await drainPayouts(app, lender.slug)).toEqual({});
    await app.ownerQuery('UPDATE payments SET next_attempt_at = now() WHERE id = $1', [paymentId]);

    expect(await drainPayouts(app, lender.slug)).toEqual({ [paymentId]: 'SUCCEEDED' });
    const [paid] = (await gqlOf(app, lender.admin, PAYOUT(loan.id))).payments.nodes;
    expect(paid).toMatchObject({ status: 'SUCCEEDED', providerRef: (made as { providerRef: string }).providerRef, attempts: 2 });
    const calls = fake.requests.filter((r) => r.path === '/v1/transfers' && r.body.metadata?.loan_id === loan.id);
    expect(calls.map((c) => c.idempotencyKey)).toEqual([`payment:${paymentId}`, `payment:${paymentId}`]);
    expect(await app.ownerQuery("SELECT count(*)::int AS n FROM journal_entries WHERE loan_id = $1 AND kind = 'PAYOUT'", [loan.id])).toEqual([{ n: 1 }]);
    expect(await app.ownerQuery("SELECT count(*)::int AS n FROM outbox_events WHERE subject_id = $1 AND type = 'payout.succeeded'", [loan.id])).toEqual([{ n: 1 }]);
    // A late job for the same payout finds it done and calls nobody.
    expect(await app.inTenant(lender.slug, (ctx) => payouts.process(ctx, paymentId))).toBe('DONE');
    expect(fake.requests.filter((r) => r.path === '/v1/transfers' && r.body.metadata?.loan_id === loan.id)).toHaveLength(2);
  });
});
