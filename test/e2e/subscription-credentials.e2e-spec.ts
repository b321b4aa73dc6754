import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { eventually } from '../support/eventually';
import { autoLender, disbursedLoan } from '../support/loans';
import { type TestApp, startTestApp } from '../support/test-app';
import { tenantToday } from '../support/dates';

const REPAY = 'mutation($i: RecordRepaymentInput!) { recordRepayment(input: $i) { transactionId } }';
// Long enough for the first event to arrive on a loaded machine, short enough to wait out.
const BORROWER_TTL_SECONDS = 12;
const today = () => tenantToday();
let keys = 0;

type Lender = Awaited<ReturnType<typeof autoLender>>;

/**
 * An open subscription lives no longer than its credential: a revoked key, an expired borrower
 * token, a disabled staff user and a suspended tenant each close the socket (4403, 4401, 4403,
 * 4403) and nothing is delivered on it afterwards, while other tenants' sockets carry on.
 */
describe('subscriptions end with their credential', () => {
  let app: TestApp;
  let server: Server;
  let url: string;
  const open: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    app = await startTestApp({ env: { JWT_BORROWER_TTL_SECONDS: String(BORROWER_TTL_SECONDS) } });
    server = await new Promise((resolve) => {
      const s = app.http.app.listen(0, '127.0.0.1', () => resolve(s));
    });
    app.http.attachSubscriptions(server);
    url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    for (const w of open) await w.close();
    await app.http.stop().catch(() => undefined);
    await new Promise((r) => server.close(r));
    await app.close();
  });

  function watch(token: string) {
    const received: any[] = [];
    const closes: { code: number; at: number }[] = [];
    const client = createClient({
      url, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0, lazy: false, onNonLazyError: () => undefined,
      on: { closed: (e) => void closes.push({ code: (e as { code: number }).code, at: Date.now() }) },
    });
    const stop = client.subscribe({ query: 'subscription { events(types: ["loan.*"]) { id type subjectId } }' }, { next: (m) => received.push(m.data?.events ?? m), error: () => undefined, complete: () => undefined });
    const w = { received, closes, close: async () => { stop(); await client.dispose(); } };
    open.push(w);
    return w;
  }

  const repay = (lender: Lender, loanId: string) =>
    app.gql(REPAY, { i: { loanId, amount: '1.00', paidAt: today(), method: 'CASH', idempotencyKey: `cred-${++keys}-${loanId.slice(-6)}` } }, lender.admin);

  /** Subscriptions start asynchronously: keep paying until the watcher has seen a new event of the loan. */
  async function receivesFrom(w: ReturnType<typeof watch>, lender: Lender, loanId: string) {
    const from = w.received.length;
    await eventually(async () => {
      await repay(lender, loanId);
      await new Promise((r) => setTimeout(r, 200));
      expect(w.received.slice(from).some((e) => e.subjectId === loanId)).toBe(true);
    }, 10_000);
  }

  /** Commits an event after the socket ended, and checks for a while that it did not arrive. */
  async function receivesNothingMore(w: ReturnType<typeof watch>, lender: Lender, loanId: string) {
    const before = w.received.length;
    expect((await repay(lender, loanId)).errors).toBeUndefined();
    await new Promise((r) => setTimeout(r, 700));
    expect(w.received).toHaveLength(before);
  }

  it('closes a key’s socket with 4403 when the key is revoked, delivers nothing after, and refuses the key a new socket', async () => {
    const lender = await autoLender(app);
    const { loanId } = await disbursedLoan(app, lender);
    const key = await app.apiKey(lender.slug, 'LENDER_ADMIN');
    const keyId = (await app.gql('{ apiKeys(first: 100) { nodes { id prefix } } }', {}, lender.admin)).data!.apiKeys.nodes.find((k: any) => key.startsWith(k.prefix)).id;
    const w = watch(key);
    await receivesFrom(w, lender, loanId);

    const revoked = await app.gql('mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }', { id: keyId }, lender.admin);
    expect(revoked.errors).toBeUndefined();
    await eventually(() => expect(w.closes.map((c) => c.code)).toEqual([4403]), 3000);
    await receivesNothingMore(w, lender, loanId);

    const again = watch(key);
    await eventually(() => expect(again.closes.map((c) => c.code)).toEqual([4403]), 3000);
    expect(again.received).toEqual([]);
  });

  it('closes a borrower token’s socket with 4401 when the token expires, and delivers nothing after', async () => {
    const lender = await autoLender(app);
    const { loanId } = await disbursedLoan(app, lender, { borrower: { externalRef: 'expiring-borrower' } });
    const appKey = await app.apiKey(lender.slug, 'APP');
    const minted = (await app.gql('mutation { mintBorrowerToken(input: { externalRef: "expiring-borrower" }) { token expiresAt } }', {}, appKey)).data!.mintBorrowerToken;
    const expiresAt = new Date(minted.expiresAt).getTime();
    const w = watch(minted.token);
    await receivesFrom(w, lender, loanId);
    expect(w.closes).toEqual([]);

    await eventually(() => expect(w.closes.map((c) => c.code)).toEqual([4401]), BORROWER_TTL_SECONDS * 1000 + 2000);
    // The JWT's exp is in whole seconds, at or before the instant the mutation answered with.
    expect(w.closes[0].at).toBeGreaterThanOrEqual(expiresAt - 1000);
    await receivesNothingMore(w, lender, loanId);
  });

  it('closes a staff session’s socket with 4403 when the user is disabled', async () => {
    const lender = await autoLender(app);
    const { loanId } = await disbursedLoan(app, lender);
    const user = { email: 'watcher@example.com', fullName: 'Watcher', roles: ['SERVICER'], password: 'correct horse battery' };
    const userId = (await app.gql('mutation($i: CreateStaffUserInput!) { createStaffUser(input: $i) { id } }', { i: user }, lender.admin)).data!.createStaffUser.id;
    const { token } = (await app.gql('mutation($i: LoginInput!) { login(input: $i) { token } }', { i: { tenantSlug: lender.slug, email: user.email, password: user.password } })).data!.login;
    const w = watch(token);
    await receivesFrom(w, lender, loanId);

    expect((await app.gql('mutation($id: ID!) { setStaffUserStatus(id: $id, status: DISABLED) { status } }', { id: userId }, lender.admin)).errors).toBeUndefined();
    await eventually(() => expect(w.closes.map((c) => c.code)).toEqual([4403]), 3000);
    await receivesNothingMore(w, lender, loanId);
  });

  it('closes every socket of a suspended tenant with 4403; another tenant’s socket still receives its events', async () => {
    const [suspended, other] = [await autoLender(app), await autoLender(app)];
    const { loanId } = await disbursedLoan(app, suspended);
    const { loanId: otherLoan } = await disbursedLoan(app, other);
    const [a, b] = [watch(suspended.admin), watch(await app.apiKey(suspended.slug, 'LENDER_ADMIN'))];
    const c = watch(other.admin);
    await receivesFrom(a, suspended, loanId);
    await receivesFrom(b, suspended, loanId);
    await receivesFrom(c, other, otherLoan);

    const operator = await app.platformKey();
    const done = await app.gql('mutation($s: String!) { setTenantStatus(slug: $s, status: SUSPENDED) { status } }', { s: suspended.slug }, operator);
    expect(done.errors).toBeUndefined();
    await eventually(() => expect([a, b].map((w) => w.closes.map((x) => x.code))).toEqual([[4403], [4403]]), 3000);
    // Nothing of the suspended tenant goes out after (its events, written by the owner, are still committed).
    const seen = [a.received.length, b.received.length];
    await app.ownerQuery(
      `INSERT INTO outbox_events (tenant_id, id, type, subject_type, subject_id, data, occurred_at) VALUES ($1, gen_random_uuid(), 'loan.test', 'Loan', $2, '{}', now())`,
      [suspended.tenantId, loanId],
    );
    await receivesFrom(c, other, otherLoan);
    expect([a.received.length, b.received.length]).toEqual(seen);
    expect(c.closes).toEqual([]);
  });
});
