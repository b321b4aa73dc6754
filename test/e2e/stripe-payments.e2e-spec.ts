import Stripe from 'stripe';
import request from 'supertest';
import { Dec } from '../../src/core/money';
import { type FakeStripe, startFakeStripe } from '../support/fake-stripe';
import { LOAN, REPAY, ageLoan, autoLender, disbursedLoan } from '../support/loans';
import { SUBMIT, borrowerInput } from '../support/origination';
import { drainPayouts } from '../support/payouts';
import { type TestApp, startTestApp } from '../support/test-app';

const SECRET_KEY = 'sk_test_51TenantOwnKeyAbcdefghijklmnop';
const WEBHOOK_SECRET = 'whsec_tenantSigningSecret0123456789';
const SET_CREDENTIALS = `mutation($i: SetStripeCredentialsInput!) { setStripeCredentials(input: $i) {
  provider stripeSecretKeyConfigured stripeSecretKeyLast4 stripeWebhookSecretConfigured stripePublishableKey paymentMethodTypes retryPolicy { delaysDays } webhookPath } }`;
const PAYMENTS = (filter: string) => `{ payments(first: 100${filter}) { nodes { id kind status amount currency providerRef attempt dueDate failureCode loanTransactionId journalEntryId parentPaymentId } } }`;

describe('payments through Stripe: intents, signed webhooks, auto-debit, refunds, payouts', () => {
  let app: TestApp;
  let fake: FakeStripe;
  let lender: Awaited<ReturnType<typeof autoLender>>;
  const sdk = new Stripe('sk_test_unused_for_signing_only');

  beforeAll(async () => {
    fake = await startFakeStripe();
    app = await startTestApp({ env: fake.env });
    lender = await autoLender(app);
    // Business dates in UTC, so "today" here and in the app agree near midnight.
    await app.ownerQuery("UPDATE tenants SET timezone = 'UTC'");
    const set = await app.gql(SET_CREDENTIALS, { i: { secretKey: SECRET_KEY, webhookSigningSecret: WEBHOOK_SECRET, publishableKey: 'pk_test_51TenantPublishable', paymentMethodTypes: ['card', 'sepa_debit'], retryPolicy: { delaysDays: [1, 3] } } }, lender.admin);
    expect(set.errors).toBeUndefined();
  });
  afterAll(async () => {
    await app.close();
    await fake.close();
  });

  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    const res = await app.gql(query, variables, lender.admin);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  };
  const deliver = (event: Record<string, unknown>, opts: { secret?: string; timestamp?: number; signature?: string | null; body?: string } = {}) => {
    const payload = JSON.stringify(event);
    const header = opts.signature === null ? undefined : (opts.signature ?? sdk.webhooks.generateTestHeaderString({ payload, secret: opts.secret ?? WEBHOOK_SECRET, timestamp: opts.timestamp }));
    const req = request(app.http.app).post(`/webhooks/stripe/${lender.slug}`).set('content-type', 'application/json');
    if (header) req.set('stripe-signature', header);
    return req.send(opts.body ?? payload);
  };
  const transactions = async (loanId: string) => (await gql(LOAN(loanId))).loan.transactions.nodes as { id: string; kind: string; amount: string; status: string }[];
  const counts = async () => (await app.ownerQuery(
    `SELECT (SELECT count(*) FROM stripe_events)::int AS events, (SELECT count(*) FROM payments)::int AS payments,
            (SELECT count(*) FROM loan_transactions)::int AS transactions, (SELECT count(*) FROM journal_entries)::int AS entries,
            (SELECT string_agg(status, ',' ORDER BY id) FROM payments) AS statuses`))[0];

  it('keeps the tenant’s secrets encrypted and never returns them', async () => {
    const res = await app.gql('{ paymentSettings { provider stripeSecretKeyConfigured stripeSecretKeyLast4 stripeWebhookSecretConfigured stripePublishableKey paymentMethodTypes retryPolicy { delaysDays } webhookPath } }', {}, lender.admin);
    expect(res.data!.paymentSettings).toEqual({
      provider: 'STRIPE', stripeSecretKeyConfigured: true, stripeSecretKeyLast4: 'mnop', stripeWebhookSecretConfigured: true, stripePublishableKey: 'pk_test_51TenantPublishable',
      paymentMethodTypes: ['card', 'sepa_debit'], retryPolicy: { delaysDays: [1, 3] }, webhookPath: `/webhooks/stripe/${lender.slug}`,
    });
    const introspected = await app.gql('{ __type(name: "PaymentSettings") { fields { name } } }');
    expect(JSON.stringify(introspected.data)).not.toMatch(/secretKey"|webhookSigningSecret|SecretEnc/i);
    const [row] = await app.ownerQuery('SELECT * FROM payment_settings');
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(SECRET_KEY);
    expect(stored).not.toContain(WEBHOOK_SECRET);
    expect(row.stripe_secret_key_enc).toMatch(/^v1:/);
    const audit = JSON.stringify(await app.ownerQuery('SELECT * FROM audit_entries'));
    expect(audit).not.toContain(SECRET_KEY);
    expect(audit).not.toContain(WEBHOOK_SECRET);
    const bad = await app.gql(SET_CREDENTIALS, { i: { secretKey: 'pk_test_notASecretKey1', webhookSigningSecret: WEBHOOK_SECRET } }, lender.admin);
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.secretKey' });
    const servicer = await app.apiKey(lender.slug, 'SERVICER');
    const denied = await app.gql(SET_CREDENTIALS, { i: { secretKey: SECRET_KEY, webhookSigningSecret: WEBHOOK_SECRET } }, servicer);
    expect(denied.errors![0].extensions.code).toBe('FORBIDDEN');
  });

  it('posts a Stripe repayment once: PaymentIntent, then its signed events three times and out of order', async () => {
    const { loanId } = await disbursedLoan(app, lender);
    await ageLoan(app, loanId, 31);
    // What the first instalment still needs today (a day's penalty interest included).
    const amount = (await gql(LOAN(loanId))).loan.schedule[0].unpaid;
    const intent = (await gql(`mutation($i: CreateRepaymentIntentInput!) { createRepaymentIntent(input: $i) { paymentId clientSecret status providerRef } }`,
      { i: { loanId, amount, idempotencyKey: `intent-${loanId}` } })).createRepaymentIntent;
    expect(intent).toMatchObject({ status: 'PENDING', clientSecret: expect.stringMatching(/^pi_.+_secret_/), providerRef: expect.stringMatching(/^pi_/) });
    const created = fake.requests.find((r) => r.method === 'POST' && r.path === '/v1/payment_intents' && r.body.metadata?.payment_id === intent.paymentId)!;
    expect(created).toMatchObject({
      idempotencyKey: `payment:${intent.paymentId}`, apiKey: SECRET_KEY,
      body: { amount: new Dec(amount).times(100).toFixed(0), currency: 'kes', allowed_payment_method_types: ['card', 'sepa_debit'], metadata: { loan_id: loanId, payment_id: intent.paymentId } },
    });
    // The same key again is the same PaymentIntent (retrieved, not created twice).
    const again = (await gql(`mutation($i: CreateRepaymentIntentInput!) { createRepaymentIntent(input: $i) { paymentId clientSecret } }`, { i: { loanId, amount, idempotencyKey: `intent-${loanId}` } })).createRepaymentIntent;
    expect(again).toEqual({ paymentId: intent.paymentId, clientSecret: intent.clientSecret });
    expect(fake.requests.filter((r) => r.path === '/v1/payment_intents' && r.body.metadata?.payment_id === intent.paymentId)).toHaveLength(1);

    // The customer's first card fails, the second succeeds: two events; Stripe delivers the
    // success first, then the stale failure, then the success twice more (one of them a
    // re-sent copy under a new event id).
    const t0 = Math.floor(Date.now() / 1000) - 60;
    const failed = fake.event('payment_intent.payment_failed', fake.fail(intent.providerRef, 'insufficient_funds'), { created: t0 });
    const succeeded = fake.event('payment_intent.succeeded', fake.succeed(intent.providerRef), { created: t0 + 30 });
    const copy = fake.event('payment_intent.succeeded', (succeeded as any).data.object, { created: t0 + 31 });
    const answers = [];
    for (const e of [succeeded, failed, succeeded, copy, succeeded]) answers.push(await deliver(e));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(answers.map((a) => a.body.outcome ?? (a.body.duplicate ? 'DUPLICATE' : '?'))).toEqual(['POST', 'NONE', 'DUPLICATE', 'NONE', 'DUPLICATE']);

    const repayments = (await transactions(loanId)).filter((t) => t.kind === 'REPAYMENT');
    expect(repayments).toHaveLength(1);
    expect(repayments[0]).toMatchObject({ amount, status: 'POSTED' });
    const [tx] = await app.ownerQuery('SELECT method, reference FROM loan_transactions WHERE id = $1', [repayments[0].id]);
    expect(tx).toEqual({ method: 'STRIPE', reference: intent.providerRef });
    const entries = await app.ownerQuery("SELECT count(*)::int AS n FROM journal_entries WHERE loan_id = $1 AND kind = 'REPAYMENT'", [loanId]);
    expect(entries[0].n).toBe(1);
    const payment = (await gql(PAYMENTS(`, loanId: "${loanId}"`))).payments.nodes[0];
    expect(payment).toMatchObject({ id: intent.paymentId, kind: 'COLLECTION', status: 'SUCCEEDED', amount, loanTransactionId: repayments[0].id, failureCode: null });
    expect((await gql(LOAN(loanId))).loan.schedule[0].status).toBe('PAID');
    const events = await app.ownerQuery('SELECT event_id, outcome FROM stripe_events WHERE payment_id = $1 ORDER BY received_at', [intent.paymentId]);
    expect(events.map((e) => e.outcome)).toEqual(['POST', 'NONE', 'NONE']);
    const outbox = await app.ownerQuery("SELECT type FROM outbox_events WHERE subject_id = $1 OR (subject_id = $2 AND type = 'loan.repayment_posted')", [intent.paymentId, loanId]);
    expect(outbox.map((o) => o.type).sort()).toEqual(['loan.repayment_posted', 'payment.succeeded']);
  });

  it('rejects a forged, unsigned, stale or tampered webhook with 400 and records nothing', async () => {
    const { loanId } = await disbursedLoan(app, lender);
    await ageLoan(app, loanId, 5);
    const intent = (await gql(`mutation($i: CreateRepaymentIntentInput!) { createRepaymentIntent(input: $i) { paymentId providerRef } }`, { i: { loanId, amount: '100.00', idempotencyKey: `forged-${loanId}` } })).createRepaymentIntent;
    const event = fake.event('payment_intent.succeeded', fake.succeed(intent.providerRef));
    const before = await counts();
    const forged = await deliver(event, { secret: 'whsec_attackerKnowsNothing123' });
    const unsigned = await deliver(event, { signature: null });
    const stale = await deliver(event, { timestamp: Math.floor(Date.now() / 1000) - 3600 });
    const tampered = await deliver(event, { body: JSON.stringify({ ...event, id: 'evt_tampered' }) });
    const garbage = await deliver(event, { signature: 't=1,v1=deadbeef' });
    for (const res of [forged, unsigned, stale, tampered, garbage]) expect([res.status, res.body]).toEqual([400, { error: 'invalid signature' }]);
    expect(await counts()).toEqual(before);
    expect((await transactions(loanId)).filter((t) => t.kind === 'REPAYMENT')).toHaveLength(0);
    const unknownTenant = await request(app.http.app).post('/webhooks/stripe/no-such-lender').set('content-type', 'application/json').send('{}');
    expect(unknownTenant.status).toBe(404);
    // The genuine delivery of the same event is then accepted and posts.
    expect((await deliver(event)).body).toEqual({ received: true, outcome: 'POST' });
  });

  it('posts once when the same success arrives concurrently, and reverses a refund made in the Stripe dashboard', async () => {
    const { loanId } = await disbursedLoan(app, lender);
    await ageLoan(app, loanId, 5);
    const intent = (await gql(`mutation($i: CreateRepaymentIntentInput!) { createRepaymentIntent(input: $i) { paymentId providerRef } }`, { i: { loanId, amount: '300.00', idempotencyKey: `race-${loanId}` } })).createRepaymentIntent;
    const succeeded = fake.event('payment_intent.succeeded', fake.succeed(intent.providerRef));
    const copy = fake.event('payment_intent.succeeded', (succeeded as any).data.object);
    const answers = await Promise.all([deliver(succeeded), deliver(succeeded), deliver(copy), deliver(succeeded)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(answers.filter((a) => a.body.outcome === 'POST')).toHaveLength(1);
    expect((await transactions(loanId)).filter((t) => t.kind === 'REPAYMENT')).toHaveLength(1);

    const pi = fake.paymentIntents.get(intent.providerRef)!;
    // A partial refund made in the dashboard is not guessed at: flagged for a person, nothing reversed.
    const partial = fake.event('charge.refunded', { id: pi.latest_charge, object: 'charge', amount: pi.amount, amount_refunded: 5000, currency: 'kes', payment_intent: pi.id, refunded: false });
    expect((await deliver(partial)).body).toEqual({ received: true, outcome: 'PARTIAL_REFUND_NEEDS_REVIEW' });
    expect((await transactions(loanId)).filter((t) => t.kind === 'REPAYMENT').map((t) => t.status)).toEqual(['POSTED']);
    const refunded = fake.event('charge.refunded', { id: pi.latest_charge, object: 'charge', amount: pi.amount, amount_refunded: pi.amount, currency: 'kes', payment_intent: pi.id, refunded: true });
    expect((await deliver(refunded)).body).toEqual({ received: true, outcome: 'REVERSE' });
    expect((await transactions(loanId)).filter((t) => t.kind === 'REPAYMENT').map((t) => t.status)).toEqual(['REVERSED']);
    const [payment] = (await gql(PAYMENTS(`, loanId: "${loanId}"`))).payments.nodes;
    expect(payment).toMatchObject({ status: 'REVERSED', failureCode: 'refunded' });
    // A success replayed after the reversal does not post again.
    expect((await deliver(fake.event('payment_intent.succeeded', pi))).body).toEqual({ received: true, outcome: 'NONE' });
    expect((await transactions(loanId)).filter((t) => t.kind === 'REPAYMENT')).toHaveLength(1);
  });

  it('keeps money for a loan that closed meanwhile unapplied, asks Stripe to retry an event for a payment not yet committed, and scopes a borrower to its own loans', async () => {
    const { loanId } = await disbursedLoan(app, lender);
    await ageLoan(app, loanId, 5);
    const intent = (await gql(`mutation($i: CreateRepaymentIntentInput!) { createRepaymentIntent(input: $i) { paymentId providerRef } }`, { i: { loanId, amount: '100.00', idempotencyKey: `late-${loanId}` } })).createRepaymentIntent;
    const quote = (await gql(`{ payoffQuote(loanId: "${loanId}") { total } }`)).payoffQuote;
    await gql(REPAY, { i: { loanId, amount: quote.total, paidAt: new Date().toISOString().slice(0, 10), method: 'CASH', idempotencyKey: `cash-payoff-${loanId}` } });
    expect((await deliver(fake.event('payment_intent.succeeded', fake.succeed(intent.providerRef)))).body).toEqual({ received: true, outcome: 'UNAPPLIED' });
    const [payment] = (await gql(PAYMENTS(`, loanId: "${loanId}"`))).payments.nodes;
    expect(payment).toMatchObject({ status: 'SUCCEEDED', failureCode: 'unapplied', loanTransactionId: null });
    // Only the cash payoff is on the loan (paying exactly the quote is recorded as a SETTLEMENT).
    expect((await transactions(loanId)).map((t) => t.kind)).toEqual(['SETTLEMENT']);

    const before = await counts();
    const unknown = await deliver(fake.event('payment_intent.succeeded', { id: 'pi_NotOursYet', object: 'payment_intent', amount: 100, currency: 'kes', status: 'succeeded', metadata: { payment_id: '00000000-0000-8000-8000-000000000001' } }));
    expect(unknown.status).toBe(409);
    expect((await deliver(fake.event('payment_intent.succeeded', { id: 'pi_SomeoneElses', object: 'payment_intent', amount: 100, currency: 'kes', status: 'succeeded', metadata: {} }))).body).toEqual({ received: true, outcome: 'UNKNOWN_PAYMENT' });
    expect((await counts()).events).toBe(before.events + 1);

    const appKey = await app.apiKey(lender.slug, 'APP');
    const token = (await app.gql('mutation { mintBorrowerToken(input: { externalRef: "someone-else" }) { token } }', {}, appKey)).data!.mintBorrowerToken.token;
    const { loanId: open } = await disbursedLoan(app, lender);
    const foreign = await app.gql(`mutation { createRepaymentIntent(input: { loanId: "${open}", amount: "10.00", idempotencyKey: "borrower-intent-1" }) { paymentId } }`, {}, token);
    expect(foreign.errors![0].extensions.code).toBe('NOT_FOUND');
  });

  it('lists payments newest first, a page at a time', async () => {
    const all = (await gql('{ payments(first: 100) { nodes { id } } }')).payments.nodes.map((n: any) => n.id);
    expect(all.length).toBeGreaterThanOrEqual(3);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: any = (await gql('query($a: String) { payments(first: 2, after: $a) { nodes { id } pageInfo { hasNextPage endCursor } } }', { a: after })).payments;
      seen.push(...page.nodes.map((n: any) => n.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(all);
  });

  it('auto-debits a due instalment: a declined card fails the attempt, the retry on the policy’s day succeeds', async () => {
    const { loanId } = await disbursedLoan(app, lender);
    const { dueDates } = await ageLoan(app, loanId, 31);
    const method = 'pm_card_flaky0001';
    fake.declines.set(method, 'insufficient_funds');
    await gql(`mutation { setAutoDebit(input: { loanId: "${loanId}", customerId: "cus_Borrower0001", paymentMethodId: "${method}" }) { status } }`);
    const run = async () => (await gql('mutation { runAutoDebit { attempted succeeded failed pending waiting gaveUp } }')).runAutoDebit;

    expect(await run()).toEqual({ attempted: 1, succeeded: 0, failed: 1, pending: 0, waiting: 0, gaveUp: 0 });
    const declined = fake.requests.filter((r) => r.path === '/v1/payment_intents' && r.body.metadata?.loan_id === loanId);
    expect(declined).toHaveLength(1);
    expect(declined[0]).toMatchObject({ idempotencyKey: `autodebit:${loanId}:${dueDates[0]}:1`, body: { confirm: 'true', off_session: 'true', customer: 'cus_Borrower0001', payment_method: method } });
    let attempts = (await gql(PAYMENTS(`, loanId: "${loanId}", kind: AUTO_DEBIT`))).payments.nodes;
    expect(attempts).toEqual([expect.objectContaining({ attempt: 1, status: 'FAILED', failureCode: 'insufficient_funds', dueDate: dueDates[0], providerRef: expect.stringMatching(/^pi_/) })]);
    // The policy waits a day after the first failure: running again today charges nothing.
    expect(await run()).toMatchObject({ attempted: 0, waiting: 1 });
    // Stripe's own payment_failed event for that attempt arrives late: nothing changes.
    const late = await deliver(fake.event('payment_intent.payment_failed', fake.paymentIntents.get(attempts[0].providerRef)!));
    expect(late.body).toEqual({ received: true, outcome: 'NONE' });

    fake.declines.delete(method);
    await app.ownerQuery("UPDATE payments SET failed_on = failed_on - 1 WHERE loan_id = $1 AND kind = 'AUTO_DEBIT'", [loanId]);
    // The job and an operator running at once: one of them charges, the other finds it done.
    const both = await Promise.all([run(), run()]);
    expect(both.map((r) => [r.attempted, r.succeeded, r.failed]).sort()).toEqual([[0, 0, 0], [1, 1, 0]]);
    expect(await run()).toMatchObject({ attempted: 0, succeeded: 0 });
    attempts = (await gql(PAYMENTS(`, loanId: "${loanId}", kind: AUTO_DEBIT`))).payments.nodes;
    expect(attempts.map((a: any) => [a.attempt, a.status])).toEqual([[2, 'SUCCEEDED'], [1, 'FAILED']]);
    expect(fake.requests.filter((r) => r.path === '/v1/payment_intents' && r.body.metadata?.loan_id === loanId).map((r) => r.idempotencyKey))
      .toEqual([`autodebit:${loanId}:${dueDates[0]}:1`, `autodebit:${loanId}:${dueDates[0]}:2`]);
    const loan = (await gql(LOAN(loanId))).loan;
    expect(loan.schedule[0].status).toBe('PAID');
    expect(loan.transactions.nodes.filter((t: any) => t.kind === 'REPAYMENT')).toHaveLength(1);

    // A dispute later takes the money back: the repayment is reversed, once.
    const pi = fake.paymentIntents.get(attempts[0].providerRef)!;
    const dispute = fake.event('charge.dispute.funds_withdrawn', { id: 'dp_0001', object: 'dispute', amount: pi.amount, currency: 'kes', charge: pi.latest_charge, payment_intent: pi.id, reason: 'fraudulent', status: 'needs_response' });
    expect((await deliver(dispute)).body).toEqual({ received: true, outcome: 'REVERSE' });
    expect((await deliver(fake.event('charge.dispute.funds_withdrawn', (dispute as any).data.object))).body).toEqual({ received: true, outcome: 'NONE' });
    const after = (await gql(LOAN(loanId))).loan;
    expect(after.transactions.nodes.filter((t: any) => t.kind === 'REPAYMENT').map((t: any) => t.status)).toEqual(['REVERSED']);
    expect(after.schedule[0].status).not.toBe('PAID');
    const disputed = (await gql(PAYMENTS(`, loanId: "${loanId}", kind: AUTO_DEBIT, status: REVERSED`))).payments.nodes;
    expect(disputed).toEqual([expect.objectContaining({ attempt: 2, failureCode: 'disputed' })]);
    // Cancelled mandates are not charged.
    expect((await gql(`mutation { cancelAutoDebit(loanId: "${loanId}") { status } }`)).cancelAutoDebit.status).toBe('CANCELLED');
    expect(await run()).toMatchObject({ attempted: 0 });
  });

  it('refunds an overpayment through Stripe against the latest Stripe payment, and ignores its own refund’s event', async () => {
    const { loanId } = await disbursedLoan(app, lender);
    await ageLoan(app, loanId, 15);
    const quote = (await gql(`{ payoffQuote(loanId: "${loanId}") { total } }`)).payoffQuote;
    const paid = new Dec(quote.total).plus('250.00').toFixed(2);
    const intent = (await gql(`mutation($i: CreateRepaymentIntentInput!) { createRepaymentIntent(input: $i) { paymentId providerRef } }`, { i: { loanId, amount: paid, idempotencyKey: `payoff-${loanId}` } })).createRepaymentIntent;
    expect((await deliver(fake.event('payment_intent.succeeded', fake.succeed(intent.providerRef)))).body.outcome).toBe('POST');
    const closed = (await gql(LOAN(loanId))).loan;
    expect(closed.status).toBe('CLOSED');
    const held = closed.balances.credit;

    const REFUND = `mutation($i: RefundOverpaymentInput!) { refundOverpayment(input: $i) { id kind status amount providerRef parentPaymentId loanTransactionId } }`;
    const tooMuch = await app.gql(REFUND, { i: { loanId, amount: new Dec(held).plus('0.01').toFixed(2), idempotencyKey: `refund-big-${loanId}` } }, lender.admin);
    expect(tooMuch.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.amount' });
    const queued = (await gql(REFUND, { i: { loanId, amount: held, idempotencyKey: `refund-${loanId}` } })).refundOverpayment;
    // The credit refund is posted at once; Stripe is called by the payout job after commit.
    expect(queued).toMatchObject({ kind: 'REFUND', status: 'PENDING', amount: held, providerRef: null, parentPaymentId: intent.paymentId });
    expect(fake.requests.filter((r) => r.path === '/v1/refunds' && r.body.payment_intent === intent.providerRef)).toHaveLength(0);
    // (The loans disbursed above are paid out by the same run.)
    expect(await drainPayouts(app, lender.slug)).toMatchObject({ [queued.id]: 'SUCCEEDED' });
    const refund = (await gql(PAYMENTS(`, loanId: "${loanId}", kind: REFUND`))).payments.nodes[0];
    expect(refund).toMatchObject({ id: queued.id, kind: 'REFUND', status: 'SUCCEEDED', amount: held, providerRef: expect.stringMatching(/^re_/), parentPaymentId: intent.paymentId, loanTransactionId: queued.loanTransactionId });
    const again = (await gql(REFUND, { i: { loanId, amount: held, idempotencyKey: `refund-${loanId}` } })).refundOverpayment;
    expect(again.id).toBe(refund.id);
    expect(await drainPayouts(app, lender.slug)).toEqual({});
    const calls = fake.requests.filter((r) => r.path === '/v1/refunds' && r.body.payment_intent === intent.providerRef);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ idempotencyKey: `payment:${refund.id}`, body: { amount: new Dec(held).times(100).toFixed(0) } });
    const after = (await gql(LOAN(loanId))).loan;
    expect(after.balances.credit).toBe('0.00');
    expect(after.transactions.nodes.find((t: any) => t.kind === 'CREDIT_REFUND')).toMatchObject({ amount: held, id: refund.loanTransactionId });
    // Stripe then reports the charge refunded by that amount: ours, so nothing is reversed.
    const pi = fake.paymentIntents.get(intent.providerRef)!;
    const charge = { id: pi.latest_charge, object: 'charge', amount: pi.amount, amount_refunded: Number(new Dec(held).times(100).toFixed(0)), currency: 'kes', payment_intent: pi.id, refunded: false };
    expect((await deliver(fake.event('charge.refunded', charge))).body).toEqual({ received: true, outcome: 'OWN_REFUND' });
    expect((await transactions(loanId)).every((t) => t.status === 'POSTED')).toBe(true);
  });

  // An agent's commission statement paid by Connect transfer: commissions.e2e-spec.ts.

  it('disburses by Connect transfer to a borrower with a connected account', async () => {
    const submitted = (await gql(SUBMIT, { input: { productId: lender.productId, amount: '12000.00', termCount: 6, frequency: 'MONTHLY', borrower: borrowerInput() } })).submitApplication;
    await gql(`mutation { setBorrowerPayoutAccount(borrowerId: "${submitted.borrowerId}", stripeAccountId: "acct_1BorrowerWallet") { stripeAccountId } }`);
    const hash = (await gql(`mutation { acceptOffer(applicationId: "${submitted.id}") { contract { sha256 } } }`)).acceptOffer.contract.sha256;
    await gql(`mutation { signContract(applicationId: "${submitted.id}", signerName: "B", documentHash: "${hash}") { status } }`);
    const loan = (await gql(`mutation { disburseLoan(applicationId: "${submitted.id}", idempotencyKey: "stripe-disburse-${submitted.id}") { id } }`)).disburseLoan;
    const [queued] = (await gql(PAYMENTS(`, loanId: "${loan.id}", kind: DISBURSEMENT`))).payments.nodes;
    expect(queued).toMatchObject({ status: 'PENDING', providerRef: null });
    expect(await drainPayouts(app, lender.slug)).toMatchObject({ [queued.id]: 'SUCCEEDED' });
    const [payment] = (await gql(PAYMENTS(`, loanId: "${loan.id}", kind: DISBURSEMENT`))).payments.nodes;
    expect(payment).toMatchObject({ status: 'SUCCEEDED', amount: submitted.offer.netDisbursement, providerRef: expect.stringMatching(/^tr_/) });
    const [row] = await app.ownerQuery('SELECT disbursement_ref FROM loans WHERE id = $1', [loan.id]);
    expect(row.disbursement_ref).toBe(payment.providerRef);
    expect(fake.requests.find((r) => r.path === '/v1/transfers' && r.body.metadata?.loan_id === loan.id)).toMatchObject({ body: { destination: 'acct_1BorrowerWallet', currency: 'kes' }, idempotencyKey: expect.stringMatching(/^payment:/) });
  });

  it('sent every call to Stripe with the tenant’s key and an idempotency key on every write', () => {
    const writes = fake.requests.filter((r) => r.method === 'POST');
    expect(writes.length).toBeGreaterThan(5);
    for (const r of writes) expect({ path: r.path, key: r.idempotencyKey, apiKey: r.apiKey }).toEqual({ path: r.path, key: expect.stringMatching(/^(payment|autodebit):/), apiKey: SECRET_KEY });
  });

  it('is served the fake’s other endpoints in Stripe’s format (meter events for usage billing)', async () => {
    const client = new Stripe(SECRET_KEY, { ...fake.api });
    const meter = await client.billing.meterEvents.create({ event_name: 'loans_serviced', payload: { stripe_customer_id: 'cus_1', value: '3' } }, { idempotencyKey: 'meter-0001' });
    expect(meter).toMatchObject({ object: 'billing.meter_event', event_name: 'loans_serviced', payload: { value: '3' } });
    await expect(client.paymentIntents.create({ amount: 100, currency: 'kes', payment_method: 'pm_card_chargeDeclined', confirm: true }, { idempotencyKey: 'declined-0001' }))
      .rejects.toMatchObject({ type: 'StripeCardError', statusCode: 402, decline_code: 'generic_decline', payment_intent: expect.objectContaining({ status: 'requires_payment_method' }) });
    await expect(client.paymentIntents.create({ amount: 200, currency: 'kes' }, { idempotencyKey: 'declined-0001' })).rejects.toMatchObject({ type: 'StripeIdempotencyError' });
  });
});
