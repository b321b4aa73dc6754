import { EventStream } from '../../src/modules/events/event-stream';
import { tenantToday } from '../support/dates';
import { REPAY, autoLender, disbursedLoan } from '../support/loans';
import { type TestApp, startTestApp } from '../support/test-app';

/**
 * A tenant's live feed is made by its first subscriber, whose first read marks what came before as
 * seen. A NOTIFY heard during that read must not lose the feed: every event committed after
 * `subscribe` returns reaches the subscriber. Once, the wake it caused ended first, found no
 * subscriber yet and deleted the new feed, and the socket heard nothing again (seen on a loaded CI
 * machine). Here the first read is held back until the wake has had its chance.
 */
describe('the live event feed of a tenant', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('delivers what is committed after subscribing, though a NOTIFY came while the feed was being made', async () => {
    const lender = await autoLender(app);
    const { loanId } = await disbursedLoan(app, lender);
    const { services } = app.runtime;
    // A stream of its own, on the real database and LISTEN connection, whose first read waits for a gate.
    const stream = new EventStream(services.units, services.eventNotifications);
    const read = (stream as unknown as { read(t: string, c: bigint | null): Promise<unknown[]> }).read.bind(stream);
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    let firstReads = 0;
    Object.assign(stream, { read: async (t: string, c: bigint | null) => (c === null ? (firstReads++, gate.then(() => read(t, c))) : read(t, c)) });

    const subscribing = stream.subscribe({ tenantId: lender.tenantId, borrowerId: null, referringAgent: null, frontEnd: null }, { types: ['loan.*'], subjectId: loanId });
    await new Promise((r) => setTimeout(r, 100));
    expect(firstReads).toBe(1);
    // A commit of the tenant is heard while the first read is held back; its wake gets time to finish.
    await app.ownerQuery("SELECT pg_notify('microlend_events', $1)", [lender.tenantId]);
    await new Promise((r) => setTimeout(r, 500));
    open();
    const events = await subscribing;

    const paid = await app.gql(REPAY, { i: { loanId, amount: '1.00', paidAt: tenantToday(), method: 'CASH', idempotencyKey: `feed-after-${loanId}` } }, lender.admin);
    expect(paid.errors).toBeUndefined();
    const next = await Promise.race([events.next(), new Promise<'nothing'>((r) => setTimeout(() => r('nothing'), 5000))]);
    expect(next).toMatchObject({ done: false, value: { subjectId: loanId, type: expect.stringMatching(/^loan\./) } });
    await events.return!();
  });
});
