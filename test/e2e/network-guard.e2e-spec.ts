import Stripe from 'stripe';
import { postWebhook } from '../../src/modules/events/webhook-http';
import { StripeClients } from '../../src/modules/payments/stripe-clients';
import type { RequestContext } from '../../src/platform/tenancy/request-context';
import { runInContext } from '../../src/platform/tenancy/run-in-context';
import { NetworkCallInTransactionError } from '../../src/platform/tenancy/transaction-scope';
import { type FakeStripe, startFakeStripe } from '../support/fake-stripe';
import { type TestApp, startTestApp } from '../support/test-app';
import { startReceiver } from '../support/webhook-receiver';

/**
 * The rule "no network call inside an open database transaction" holds by construction in
 * development and tests: a webhook POST, a Stripe call or a provider's (identity, bureau, payout)
 * made while the caller's transaction is open is refused before anything leaves, and the same call made with none open (lazily not yet
 * opened, or in a detached step) goes through.
 */
describe('the network guard', () => {
  let app: TestApp;
  let fake: FakeStripe;
  let tenantId = '';
  const receivers: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    fake = await startFakeStripe();
    app = await startTestApp({ env: fake.env });
    tenantId = (await app.createTenant()).id;
  });
  afterAll(async () => {
    await app.close();
    await fake.close();
    for (const r of receivers) await r.close();
  });

  // A job's context: its transaction opens on first use.
  const inTenant = <T>(work: (ctx: RequestContext) => Promise<T>) => runInContext(app.runtime.dataSource, { tenantId, actor: { type: 'SYSTEM', id: 'spec' }, roles: [] }, work);
  const post = (url: string) => postWebhook(url, JSON.stringify({ id: 'evt', type: 'guard.test', subject: { type: 'Guard', id: 'g1' }, data: {} }), { 'microlend-event-id': 'evt', 'content-type': 'application/json' }, { timeoutMs: 2000, allowPrivate: true });

  it('refuses a webhook POST while the transaction is open and sends it when none is', async () => {
    const receiver = await startReceiver();
    receivers.push(receiver);
    await inTenant(async (ctx) => {
      // Not opened yet (transactions open lazily): the call is allowed.
      expect((await post(receiver.url)).ok).toBe(true);
      await (await ctx.db()).query('SELECT 1');
      await expect(post(receiver.url)).rejects.toBeInstanceOf(NetworkCallInTransactionError);
      // A detached step runs in a transaction of its own, inside this open one: still refused.
      await expect(ctx.detached(async () => post(receiver.url))).rejects.toBeInstanceOf(NetworkCallInTransactionError);
    });
    expect(receiver.requests).toHaveLength(1);
  });

  it('refuses a Stripe call while the transaction is open, before it reaches Stripe', async () => {
    // The app's own client factory, pointed at the fake (its settings are not needed for a given key).
    const client = new StripeClients(app.config.stripe.api, undefined as never).client('sk_test_51GuardTenantKeyAbcdefghij');
    const before = fake.requests.length;
    await inTenant(async (ctx) => {
      await (await ctx.db()).query('SELECT 1');
      const err = await client.customers.create({ email: 'guard@example.com' }, { idempotencyKey: 'guard-1' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Stripe.errors.StripeConnectionError);
      expect((err as { detail?: unknown }).detail).toBeInstanceOf(NetworkCallInTransactionError);
    });
    expect(fake.requests.length).toBe(before);
  });

  it("refuses the identity check, the bureau and a payout while the transaction is open (the app's providers, sandboxes here, as a vendor's adapter)", async () => {
    const { providers } = app.runtime.services;
    const subject = { fullName: 'Guard Person', nationalId: 'GD12345678', dateOfBirth: null };
    await inTenant(async (ctx) => {
      // Not opened yet: asked.
      expect((await providers.kyc.verify(subject)).documentVerified).toBe(true);
      expect((await providers.bureau.pull(subject)).reference).toMatch(/^bureau_/);
      await (await ctx.db()).query('SELECT 1');
      await expect(providers.kyc.verify(subject)).rejects.toBeInstanceOf(NetworkCallInTransactionError);
      await expect(providers.bureau.pull(subject)).rejects.toBeInstanceOf(NetworkCallInTransactionError);
      await expect(providers.payments.disburse({ amount: '10.00', currency: 'KES', beneficiary: 'b', reference: 'r', idempotencyKey: 'guard-payout' })).rejects.toBeInstanceOf(NetworkCallInTransactionError);
    });
  });
});
