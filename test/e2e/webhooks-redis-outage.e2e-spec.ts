import { autoLender, disbursedLoan } from '../support/loans';
import { startRedis } from '../support/services';
import { type TestApp, startTestApp } from '../support/test-app';
import { eventually } from '../support/eventually';
import { startReceiver } from '../support/webhook-receiver';
import { tenantToday } from '../support/dates';

const REPAY = 'mutation($i: RecordRepaymentInput!) { recordRepayment(input: $i) { transactionId } }';
const today = () => tenantToday();

/**
 * The queue is not the record: deliveries live in Postgres, so a Redis that dies in the middle of
 * delivering (and comes back empty, without persistence) loses nothing. The API keeps taking
 * payments meanwhile, and once Redis is back every event reaches the receiver once, in order.
 */
describe('webhook deliveries across a Redis outage', () => {
  let app: TestApp;
  let redis: Awaited<ReturnType<typeof startRedis>>;
  const receiver = startReceiver({ delayMs: 150 });

  beforeAll(async () => {
    redis = await startRedis();
    app = await startTestApp({ worker: true, env: { REDIS_URL: redis.url, WEBHOOK_BACKOFF_BASE_MS: '50', WEBHOOK_MAX_BACKOFF_MS: '200', WEBHOOK_SWEEP_MS: '500' } });
  });
  afterAll(async () => {
    await app.close();
    process.kill(redis.pid);
    await (await receiver).close();
  });

  it('resumes after Redis is stopped mid-delivery and restarted empty, with nothing lost or doubled', async () => {
    expect(app.runtime.queue.backend.kind).toBe('redis');
    const hooks = await receiver;
    const lender = await autoLender(app);
    await app.gql('mutation($u: String!) { createWebhookEndpoint(input: { url: $u, eventTypes: ["loan.*"] }) { endpoint { id } } }', { u: hooks.url }, lender.admin);
    const { loanId } = await disbursedLoan(app, lender);
    let n = 0;
    const repay = async () => {
      n += 1;
      const res = await app.gql(REPAY, { i: { loanId, amount: `${n}.00`, paidAt: today(), method: 'CASH', idempotencyKey: `outage-${n}-${loanId}` } }, lender.admin);
      expect(res.errors).toBeUndefined();
    };
    await repay();
    await repay();
    // Deliveries take 150 ms each: stop Redis while they are going out.
    await eventually(() => expect(hooks.requests.length).toBeGreaterThanOrEqual(1), 10_000);
    process.kill(redis.pid, 'SIGKILL');
    for (let i = 0; i < 3; i++) await repay();
    await new Promise((r) => setTimeout(r, 1000));

    redis = await startRedis(redis.port);
    const mine = () => hooks.accepted.filter((r) => r.subjectId === loanId);
    await eventually(() => expect(mine()).toHaveLength(6), 30_000);
    expect(mine().map((r) => [r.type, r.body.data.amount ?? null])).toEqual([
      ['loan.disbursed', null], ...[1, 2, 3, 4, 5].map((k) => ['loan.repayment_posted', `${k}.00`]),
    ]);
    // Each event went out once: no delivery repeated after it was accepted.
    const ids = mine().map((r) => r.id);
    for (const id of ids) expect(hooks.requests.filter((q) => q.headers['microlend-event-id'] === id)).toHaveLength(1);
    // The receiver has the last event a moment before the sender records its answer.
    await eventually(async () => expect(await app.ownerQuery('SELECT status, count(*)::int AS n FROM webhook_deliveries GROUP BY status')).toEqual([{ status: 'DELIVERED', n: 6 }]));
  });
});
