import type { Server } from 'node:http';
import { Client } from 'pg';
import type { AddressInfo } from 'node:net';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { autoLender, disbursedLoan } from '../support/loans';
import { type TestApp, startTestApp } from '../support/test-app';
import { eventually } from '../support/eventually';
import { startReceiver } from '../support/webhook-receiver';
import { tenantToday } from '../support/dates';

const REPAY = 'mutation($i: RecordRepaymentInput!) { recordRepayment(input: $i) { transactionId } }';
const CREATE = 'mutation($i: WebhookEndpointInput!) { createWebhookEndpoint(input: $i) { endpoint { id status eventTypes } signingSecret } }';
const today = () => tenantToday();
let keys = 0;

/**
 * Events out, end to end on the real app with a worker (BullMQ on its Postgres backend): the outbox
 * is written with the change, webhooks are signed, retried, ordered per loan, disabled when they
 * keep failing and replayable, and subscriptions only ever carry the subscriber's own tenant.
 */
describe('events out: outbox, webhooks, subscriptions', () => {
  let app: TestApp;
  let lender: Awaited<ReturnType<typeof autoLender>>;
  const receivers: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    // Failures count per endpoint across its lanes: the receiver that fails twice per event, on two
    // loans at once, reaches four in a row; the limit sits above that.
    app = await startTestApp({
      worker: true,
      env: { WEBHOOK_BACKOFF_BASE_MS: '50', WEBHOOK_MAX_BACKOFF_MS: '200', WEBHOOK_DISABLE_AFTER_FAILURES: '8', WEBHOOK_SWEEP_MS: '1000' },
    });
    lender = await autoLender(app);
  });
  afterAll(async () => {
    await app.close();
    for (const r of receivers) await r.close();
  });

  const repay = (loanId: string, amount: string) =>
    app.gql(REPAY, { i: { loanId, amount, paidAt: today(), method: 'CASH', idempotencyKey: `hook-repay-${++keys}-${loanId.slice(-6)}` } }, lender.admin);
  const eventsOf = async (subjectId: string) =>
    (await app.gql('query($s: String) { events(first: 100, filter: { subjectId: $s }) { nodes { id type subjectId data } } }', { s: subjectId }, lender.admin)).data!.events.nodes as any[];

  it('writes an event with each change, in the same transaction: none when the change fails', async () => {
    const { loanId, applicationId } = await disbursedLoan(app, lender);
    // The payout job reports on the loan too (payout.succeeded); this spec follows the loan's own changes.
    const loanEvents = async () => (await eventsOf(loanId)).filter((e) => !e.type.startsWith('payout.'));
    expect((await loanEvents()).map((e) => e.type)).toEqual(['loan.disbursed']);
    expect((await eventsOf(applicationId)).map((e) => e.type)).toEqual(expect.arrayContaining(['application.submitted', 'application.offered', 'application.disbursed']));
    const refused = await repay(loanId, '-5.00');
    expect(refused.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(await loanEvents()).toHaveLength(1);
    expect((await repay(loanId, '10.00')).errors).toBeUndefined();
    const events = await loanEvents();
    expect(events.map((e) => e.type)).toEqual(['loan.disbursed', 'loan.repayment_posted']);
    expect(events[1].data).toMatchObject({ loanId, amount: '10.00' });
  });

  it('delivers each event once, signed and in order, to a receiver that fails twice before it succeeds', async () => {
    let secret = '';
    const receiver = await startReceiver({ secret: () => secret, failFirst: 2 });
    receivers.push(receiver);
    const created = await app.gql(CREATE, { i: { url: receiver.url, eventTypes: ['loan.*'] } }, lender.admin);
    secret = created.data!.createWebhookEndpoint.signingSecret;
    const endpointId = created.data!.createWebhookEndpoint.endpoint.id;
    expect(secret).toMatch(/^whsec_/);

    const { loanId } = await disbursedLoan(app, lender);
    for (const amount of ['11.00', '12.00', '13.00']) expect((await repay(loanId, amount)).errors).toBeUndefined();

    const mine = () => receiver.accepted.filter((r) => r.subjectId === loanId);
    await eventually(() => expect(mine()).toHaveLength(4));
    expect(mine().map((r) => [r.type, r.body.data.amount ?? null])).toEqual([
      ['loan.disbursed', null], ['loan.repayment_posted', '11.00'], ['loan.repayment_posted', '12.00'], ['loan.repayment_posted', '13.00'],
    ]);
    expect(mine().every((r) => r.signatureValid && r.attempt === 3)).toBe(true);
    // Three requests per event (two refused, one accepted), and no event sent again after it was accepted.
    const ids = mine().map((r) => r.id);
    for (const id of ids) expect(receiver.requests.filter((q) => q.headers['microlend-event-id'] === id).map((q) => q.status)).toEqual([500, 500, 200]);

    // The receiver has the last event a moment before the sender records its answer.
    await eventually(async () => {
      const deliveries = (await app.gql('query($e: ID) { webhookDeliveries(first: 100, filter: { endpointId: $e }) { nodes { eventId status attempts lastStatusCode deliveredAt } } }', { e: endpointId }, lender.admin)).data!.webhookDeliveries.nodes;
      const forLoan = deliveries.filter((d: any) => ids.includes(d.eventId));
      expect(forLoan).toHaveLength(4);
      expect(forLoan.every((d: any) => d.status === 'DELIVERED' && d.attempts === 3 && d.lastStatusCode === 200 && d.deliveredAt)).toBe(true);
    });
  });

  it('posts with no transaction open: the lane is not locked and no session of the app waits in a transaction while the receiver answers', async () => {
    const seen: { laneLocked: boolean; waiting: number }[] = [];
    let endpointId = '';
    const receiver = await startReceiver({
      // Looked at three times while the answer is held back: a sender waiting in its transaction would
      // show every time; another lane job's claim, a moment of its own, cannot show in all three.
      onRequest: async (headers) => {
        const client = new Client({ connectionString: app.ownerUrl });
        await client.connect();
        try {
          const [event] = (await client.query('SELECT subject_type || \':\' || subject_id AS key FROM outbox_events WHERE id = $1', [headers['microlend-event-id']])).rows;
          const lane = `webhook-lane:${endpointId}:${event.key}`;
          const samples: { laneLocked: boolean; waiting: number }[] = [];
          for (let i = 0; i < 3; i++) {
            if (i) await new Promise((r) => setTimeout(r, 100));
            const [{ got }] = (await client.query('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS got', [lane])).rows;
            if (got) await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [lane]);
            // A session idle in a transaction that holds an advisory lock: the sender waiting on us with its lane lock.
            const [{ n }] = (await client.query(
              `SELECT count(*)::int AS n FROM pg_stat_activity a WHERE a.datname = current_database() AND a.state LIKE 'idle in transaction%'
               AND EXISTS (SELECT 1 FROM pg_locks l WHERE l.pid = a.pid AND l.locktype = 'advisory')`)).rows;
            samples.push({ laneLocked: !got, waiting: n });
          }
          seen.push({ laneLocked: samples.every((x) => x.laneLocked), waiting: Math.min(...samples.map((x) => x.waiting)) });
        } finally {
          await client.end();
        }
      },
    });
    receivers.push(receiver);
    const created = await app.gql(CREATE, { i: { url: receiver.url, eventTypes: ['loan.repayment_posted'] } }, lender.admin);
    endpointId = created.data!.createWebhookEndpoint.endpoint.id;
    const { loanId } = await disbursedLoan(app, lender);
    expect((await repay(loanId, '14.00')).errors).toBeUndefined();
    await eventually(() => expect(receiver.accepted.filter((r) => r.subjectId === loanId)).toHaveLength(1));
    expect(seen.length).toBeGreaterThan(0);
    expect(seen).toEqual(seen.map(() => ({ laneLocked: false, waiting: 0 })));
  });

  it('disables an endpoint that keeps failing, tells the tenant, and sends what queued, in order, once enabled again', async () => {
    let status = 503;
    const receiver = await startReceiver({ status: () => status });
    receivers.push(receiver);
    const endpointId = (await app.gql(CREATE, { i: { url: receiver.url, eventTypes: ['loan.repayment_posted'] } }, lender.admin)).data!.createWebhookEndpoint.endpoint.id;
    const { loanId } = await disbursedLoan(app, lender);
    expect((await repay(loanId, '21.00')).errors).toBeUndefined();

    const endpoint = () => app.gql(`{ webhookEndpoint(id: "${endpointId}") { status disabledReason consecutiveFailures } }`, {}, lender.admin);
    await eventually(async () => expect((await endpoint()).data!.webhookEndpoint.status).toBe('DISABLED'));
    expect((await endpoint()).data!.webhookEndpoint.disabledReason).toMatch(/8 deliveries failed in a row; last: HTTP 503/);
    const told = (await app.gql('{ events(first: 100, filter: { types: ["webhook_endpoint.*"] }) { nodes { type subjectId data } } }', {}, lender.admin)).data!.events.nodes;
    expect(told).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'webhook_endpoint.disabled', subjectId: endpointId })]));
    const sentWhileFailing = receiver.requests.length;
    expect(sentWhileFailing).toBe(8);

    // Events keep queueing while it is off, and nothing is sent.
    expect((await repay(loanId, '22.00')).errors).toBeUndefined();
    await new Promise((r) => setTimeout(r, 1500));
    expect(receiver.requests.length).toBe(sentWhileFailing);

    status = 200;
    expect((await app.gql(`mutation { enableWebhookEndpoint(id: "${endpointId}") { status consecutiveFailures } }`, {}, lender.admin)).data!.enableWebhookEndpoint)
      .toEqual({ status: 'ACTIVE', consecutiveFailures: 0 });
    await eventually(() => expect(receiver.accepted.map((r) => r.body.data.amount)).toEqual(['21.00', '22.00']));
  });

  it('replays a delivery with the same event id, and refuses to replay one still pending', async () => {
    const receiver = await startReceiver();
    receivers.push(receiver);
    const endpointId = (await app.gql(CREATE, { i: { url: receiver.url, eventTypes: ['loan.disbursed'] } }, lender.admin)).data!.createWebhookEndpoint.endpoint.id;
    const { loanId } = await disbursedLoan(app, lender);
    await eventually(() => expect(receiver.accepted.filter((r) => r.subjectId === loanId)).toHaveLength(1));
    // The receiver has the event before the sender records its answer: wait for the DELIVERED row.
    const delivery = await eventually(async () => {
      const [found] = (await app.gql(`{ webhookDeliveries(first: 10, filter: { endpointId: "${endpointId}", status: DELIVERED }) { nodes { id eventId } } }`, {}, lender.admin)).data!.webhookDeliveries.nodes;
      expect(found).toBeDefined();
      return found;
    });
    const replay = await app.gql(`mutation { replayWebhookDelivery(id: "${delivery.id}") { id eventId replayOf } }`, {}, lender.admin);
    expect(replay.data!.replayWebhookDelivery).toMatchObject({ eventId: delivery.eventId, replayOf: delivery.id });
    await eventually(() => expect(receiver.requests.filter((q) => q.headers['microlend-event-id'] === delivery.eventId)).toHaveLength(2));
    expect(receiver.accepted.filter((r) => r.id === delivery.eventId)).toHaveLength(1);

    const range = await app.gql(`mutation { replayWebhookEvents(endpointId: "${endpointId}", from: "${new Date(Date.now() - 3_600_000).toISOString()}") }`, {}, lender.admin);
    expect(range.data!.replayWebhookEvents).toBeGreaterThanOrEqual(1);
    await eventually(() => expect(receiver.requests.filter((q) => q.headers['microlend-event-id'] === delivery.eventId).length).toBeGreaterThanOrEqual(3));
  });

  it('refuses a bad endpoint with the field at fault, and keeps the secret out of sight', async () => {
    const badUrl = await app.gql(CREATE, { i: { url: 'ftp://example.test/x' } }, lender.admin);
    expect(badUrl.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.url' });
    const badType = await app.gql(CREATE, { i: { url: 'http://127.0.0.1:9/x', eventTypes: ['Loan.Anything!'] } }, lender.admin);
    expect(badType.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.eventTypes' });
    const ok = (await app.gql(CREATE, { i: { url: 'http://127.0.0.1:9/x' } }, lender.admin)).data!.createWebhookEndpoint;
    const [row] = await app.ownerQuery('SELECT secret_enc FROM webhook_endpoints WHERE id = $1', [ok.endpoint.id]);
    expect(row.secret_enc).not.toContain(ok.signingSecret.slice(6));
    const rotated = (await app.gql(`mutation { rotateWebhookSecret(id: "${ok.endpoint.id}") { signingSecret } }`, {}, lender.admin)).data!.rotateWebhookSecret;
    expect(rotated.signingSecret).not.toBe(ok.signingSecret);
    const servicer = await app.apiKey(lender.slug, 'SERVICER');
    expect((await app.gql('{ webhookEndpoints { id } }', {}, servicer)).errors![0].extensions.code).toBe('FORBIDDEN');
  });

  describe('subscriptions over graphql-ws', () => {
    let server: Server;
    let url: string;
    beforeAll(async () => {
      server = await new Promise((resolve) => {
        const s = app.http.app.listen(0, '127.0.0.1', () => resolve(s));
      });
      app.http.attachSubscriptions(server);
      url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    });
    afterAll(async () => {
      await app.http.stop().catch(() => undefined);
      await new Promise((r) => server.close(r));
    });

    function watch(token: string | null, query = 'subscription { events(types: ["loan.*"]) { id type subjectId data } }') {
      const received: any[] = [];
      const errors: unknown[] = [];
      const client = createClient({ url, webSocketImpl: WebSocket, connectionParams: token ? { authorization: `Bearer ${token}` } : {}, retryAttempts: 0, lazy: false, onNonLazyError: (e) => errors.push(e) });
      const stop = client.subscribe({ query }, { next: (m) => received.push(m.data?.events ?? m), error: (e) => errors.push(e), complete: () => undefined });
      return { received, errors, close: async () => { stop(); await client.dispose(); } };
    }

    it('gives each tenant its own events and never another’s; a borrower only its own loans’, a front-end only its own users’', async () => {
      const other = await autoLender(app);
      const a = watch(lender.admin);
      const b = watch(other.admin);
      const { loanId: loanA } = await disbursedLoan(app, lender, { borrower: { externalRef: 'watching-borrower' } });
      const { loanId: loanA2 } = await disbursedLoan(app, lender);
      const { loanId: loanB } = await disbursedLoan(app, other);
      const appKey = await app.apiKey(lender.slug, 'APP');
      const { token } = (await app.gql('mutation { mintBorrowerToken(input: { externalRef: "watching-borrower" }) { token } }', {}, appKey)).data!.mintBorrowerToken;
      const borrower = watch(token);
      // A front-end sees its own users' events only; none of these borrowers is another front-end's user.
      const otherFrontEnd = watch(await app.apiKey(lender.slug, 'APP'));
      try {
        // Subscriptions start asynchronously: keep posting until each watcher has seen its own events.
        await eventually(async () => {
          await repay(loanA, '1.00');
          await repay(loanA2, '1.00');
          await app.gql(REPAY, { i: { loanId: loanB, amount: '1.00', paidAt: today(), method: 'CASH', idempotencyKey: `b-watch-${++keys}` } }, other.admin);
          await new Promise((r) => setTimeout(r, 300));
          expect(a.received.some((e) => e.subjectId === loanA)).toBe(true);
          expect(b.received.some((e) => e.subjectId === loanB)).toBe(true);
          expect(borrower.received.some((e) => e.subjectId === loanA)).toBe(true);
        }, 15_000);
        expect(a.received.every((e) => e.subjectId !== loanB)).toBe(true);
        expect(b.received.every((e) => e.subjectId === loanB)).toBe(true);
        expect(borrower.received.every((e) => e.subjectId === loanA)).toBe(true);
        expect(a.received.some((e) => e.subjectId === loanA2)).toBe(true);
        expect(otherFrontEnd.received).toEqual([]);
        expect(a.errors.concat(b.errors, borrower.errors, otherFrontEnd.errors)).toEqual([]);
      } finally {
        await Promise.all([a.close(), b.close(), borrower.close(), otherFrontEnd.close()]);
      }
    });

    it('refuses a connection without a credential', async () => {
      const anon = watch(null);
      await eventually(() => expect(anon.errors.length).toBeGreaterThan(0), 5000);
      expect(anon.errors.map((e: any) => e?.code)).toContain(4403);
      await anon.close();
    });
  });

  describe('with private networks refused (the production default)', () => {
    let guarded: TestApp;
    beforeAll(async () => {
      guarded = await startTestApp({ worker: true, env: { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'false', WEBHOOK_BACKOFF_BASE_MS: '50', WEBHOOK_MAX_BACKOFF_MS: '200', WEBHOOK_SWEEP_MS: '1000' } });
    });
    afterAll(() => guarded.close());

    it('refuses endpoints inside our network, at registration and again when the name resolves there', async () => {
      const owner = await autoLender(guarded);
      for (const url of [
        'http://127.0.0.1:8080/x', 'http://localhost:8080/x', 'http://169.254.169.254/latest/meta-data', 'http://10.0.0.5/x', 'http://[::1]:8080/x',
        // IPv4-mapped IPv6, which the URL parser rewrites (::ffff:127.0.0.1 becomes ::ffff:7f00:1).
        'https://[::ffff:127.0.0.1]/', 'https://[::ffff:169.254.169.254]/latest/meta-data', 'https://[::ffff:10.0.0.1]/x',
        'https://[::ffff:a9fe:a9fe]/', 'https://[0:0:0:0:0:ffff:7f00:1]/', 'https://[::ffff:7f00:1]:8443/x',
      ]) {
        const res = await guarded.gql(CREATE, { i: { url } }, owner.admin);
        expect([url, res.errors?.[0].extensions]).toEqual([url, expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.url' })]);
      }
      const receiver = await startReceiver();
      receivers.push(receiver);
      const register = async () => (await guarded.gql(CREATE, { i: { url: 'https://hooks.example.com/microlend', eventTypes: ['loan.disbursed'] } }, owner.admin)).data!.createWebhookEndpoint.endpoint.id as string;
      // Their names now point at the receiver inside our network (DNS changed after registration; a
      // row written before the check knew the mapped forms): each is refused when the delivery connects.
      const port = new URL(receiver.url).port;
      const inside = [
        receiver.url.replace('127.0.0.1', 'localhost'),
        `http://[::ffff:127.0.0.1]:${port}/`, `http://[::ffff:7f00:1]:${port}/`, `http://[0:0:0:0:0:ffff:7f00:1]:${port}/`,
      ];
      const endpointIds: string[] = [];
      for (const url of inside) {
        const endpointId = await register();
        await guarded.ownerQuery('UPDATE webhook_endpoints SET url = $2 WHERE id = $1', [endpointId, url]);
        endpointIds.push(endpointId);
      }
      await disbursedLoan(guarded, owner);
      const last = async (endpointId: string) => (await guarded.gql(`{ webhookDeliveries(first: 1, filter: { endpointId: "${endpointId}" }) { nodes { status attempts lastError lastStatusCode } } }`, {}, owner.admin)).data!.webhookDeliveries.nodes[0];
      for (const endpointId of endpointIds) {
        await eventually(async () => expect((await last(endpointId))?.attempts).toBeGreaterThanOrEqual(1));
        // One word for every failure to connect: no errno, no address, nothing to scan ports with.
        expect(await last(endpointId)).toMatchObject({ status: 'PENDING', lastStatusCode: null, lastError: 'UNREACHABLE' });
      }
      expect(receiver.requests).toHaveLength(0);
    });
  });
});
