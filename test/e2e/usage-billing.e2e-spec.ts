import type { EntityManager } from 'typeorm';
import { lastClosedPeriod, periodBounds } from '../../src/core/billing/usage';
import { usageReportJob, usageScheduleJob } from '../../src/modules/billing/jobs/usage.job';
import type { UsageMeter, UsageMeterEvent } from '../../src/modules/billing/usage-meter';
import { UsageBillingService } from '../../src/modules/billing/usage.service';
import { runInContext } from '../../src/platform/tenancy/run-in-context';
import { cli } from '../support/cli';
import { type FakeStripe, startFakeStripe } from '../support/fake-stripe';
import { autoLender, disbursedLoan } from '../support/loans';
import { type TestApp, startTestApp } from '../support/test-app';

const RUN = `mutation($p: String!, $slug: String) { runUsageBilling(period: $p, slug: $slug) { tenantId slug period status sent activeLoans disbursedVolume currency message } }`;
const SET_CUSTOMER = `mutation($slug: String!, $c: String!) { setTenantBillingCustomer(slug: $slug, customerId: $c) { tenantId slug stripeCustomerId } }`;
const USAGE = `query($p: String) { usage(period: $p) { period activeLoans loansDisbursed disbursedVolume currency otherCurrencies status sentAt } }`;
const RECORDS = `{ usageRecords(first: 10) { nodes { period activeLoans disbursedVolume status } pageInfo { hasNextPage } } }`;

describe('usage billing of tenants', () => {
  let fake: FakeStripe;
  let app: TestApp;
  let operator: string;
  const today = new Date().toISOString().slice(0, 10);
  const period = lastClosedPeriod(today);
  const { first, last } = periodBounds(period);
  const endOfPeriod = Date.parse(`${periodBounds(period).next}T00:00:00Z`) / 1000 - 1;
  const before = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
  const meterEvents = () => fake.requests.filter((r) => r.path === '/v1/billing/meter_events');

  /** A lender in UTC with loans placed around the closed month. */
  async function lenderWithBook(placements: { start: string; closedAt?: string }[]) {
    const lender = await autoLender(app);
    await app.ownerQuery("UPDATE tenants SET timezone = 'UTC' WHERE slug = $1", [lender.slug]);
    const loans: { id: string; principal: string }[] = [];
    for (const p of placements) {
      const { loanId } = await disbursedLoan(app, lender);
      const [row] = await app.ownerQuery(
        `UPDATE loans SET disbursement_date = $2, status = CASE WHEN $3::timestamptz IS NULL THEN status ELSE 'CLOSED' END, closed_at = $3 WHERE id = $1 RETURNING principal::text`,
        [loanId, p.start, p.closedAt ?? null]);
      loans.push({ id: loanId, principal: row.principal });
    }
    return { ...lender, loans };
  }

  let a: Awaited<ReturnType<typeof lenderWithBook>>;
  let b: Awaited<ReturnType<typeof lenderWithBook>>;
  let c: Awaited<ReturnType<typeof lenderWithBook>>;

  beforeAll(async () => {
    fake = await startFakeStripe();
    app = await startTestApp({ env: { ...fake.env, STRIPE_PLATFORM_SECRET_KEY: 'sk_test_platform_operator' } });
    operator = await app.platformKey();
    a = await lenderWithBook([
      { start: before(last, 20) },                                      // disbursed in the month: active, volume
      { start: before(first, 90) },                                     // older and still active
      { start: before(first, 90), closedAt: `${before(first, 1)}T12:00:00Z` }, // repaid before the month: not active
      { start: before(first, 90), closedAt: `${before(last, 3)}T12:00:00Z` },  // repaid during it: active
      { start: today },                                                 // this month: not in the closed one
    ]);
    b = await lenderWithBook([{ start: first }]);
    c = await lenderWithBook([{ start: last }]);
  });
  afterAll(async () => {
    await app.close();
    await fake.close();
  });

  it('only the operator names a tenant’s Stripe customer, and it must be one', async () => {
    const set = await app.gql(SET_CUSTOMER, { slug: a.slug, c: 'cus_TenantA001' }, operator);
    expect(set.data!.setTenantBillingCustomer).toEqual({ tenantId: a.tenantId, slug: a.slug, stripeCustomerId: 'cus_TenantA001' });
    expect((await app.gql(SET_CUSTOMER, { slug: b.slug, c: 'cus_TenantB001' }, operator)).errors).toBeUndefined();
    expect((await app.gql(SET_CUSTOMER, { slug: a.slug, c: 'acct_nope' }, operator)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'customerId' });
    expect((await app.gql(SET_CUSTOMER, { slug: a.slug, c: 'cus_Mine' }, a.admin)).errors?.[0].extensions.code).toBe('FORBIDDEN');
    // The app role cannot change it from a tenant's transaction either (RLS: operator-only writes).
    const asTenant = <T>(work: (db: EntityManager) => Promise<T>) =>
      runInContext(app.runtime.dataSource, { tenantId: a.tenantId, actor: { type: 'SYSTEM', id: 'test' }, roles: [] }, async (ctx) => work(await ctx.db()));
    await expect(asTenant((db) => db.query("UPDATE tenant_billing SET stripe_customer_id = 'cus_Other'"))).resolves.toEqual([[], 0]);
    await expect(asTenant((db) => db.query("INSERT INTO tenant_billing (tenant_id, stripe_customer_id) VALUES ($1, 'cus_Other') ON CONFLICT DO NOTHING", [a.tenantId]))).rejects.toThrow(/row-level security/);
    // It reads its own row only.
    expect(await asTenant((db) => db.query('SELECT stripe_customer_id FROM tenant_billing'))).toEqual([{ stripe_customer_id: 'cus_TenantA001' }]);
    const [row] = await app.ownerQuery('SELECT stripe_customer_id FROM tenant_billing WHERE tenant_id = $1', [a.tenantId]);
    expect(row.stripe_customer_id).toBe('cus_TenantA001');
  });

  it('sends each tenant’s closed month to Stripe as meter events, once', async () => {
    const res = await app.gql(RUN, { p: period }, operator);
    expect(res.errors).toBeUndefined();
    const bySlug = Object.fromEntries(res.data!.runUsageBilling.map((r: Record<string, unknown>) => [r.slug, r]));
    expect(bySlug[a.slug]).toMatchObject({ status: 'SENT', sent: 2, activeLoans: 3, disbursedVolume: expect.any(String), currency: 'KES' });
    expect(bySlug[b.slug]).toMatchObject({ status: 'SENT', sent: 2, activeLoans: 1 });
    expect(bySlug[c.slug]).toMatchObject({ status: 'NO_CUSTOMER', sent: 0, activeLoans: 1 });

    const events = meterEvents();
    expect(events.every((e) => e.apiKey === 'sk_test_platform_operator')).toBe(true);
    const minor = (amount: string) => String(Math.round(Number(amount) * 100));
    expect(events.map((e) => e.body).filter((e) => e.payload.stripe_customer_id === 'cus_TenantA001')).toEqual([
      { event_name: 'microlend_active_loans', payload: { stripe_customer_id: 'cus_TenantA001', value: '3' }, identifier: `usage:${a.tenantId}:${period}:active_loans`, timestamp: String(endOfPeriod) },
      { event_name: 'microlend_disbursed_volume', payload: { stripe_customer_id: 'cus_TenantA001', value: minor(a.loans[0].principal) }, identifier: `usage:${a.tenantId}:${period}:disbursed_volume`, timestamp: String(endOfPeriod) },
    ]);
    expect(events.filter((e) => e.body.payload.stripe_customer_id === 'cus_TenantB001').map((e) => [e.body.event_name, e.body.payload.value, e.body.identifier])).toEqual([
      ['microlend_active_loans', '1', `usage:${b.tenantId}:${period}:active_loans`],
      ['microlend_disbursed_volume', minor(b.loans[0].principal), `usage:${b.tenantId}:${period}:disbursed_volume`],
    ]);
    expect(events).toHaveLength(4);

    // Again through the mutation, the job and the CLI: nothing new goes to Stripe.
    const again = await app.gql(RUN, { p: period }, operator);
    expect(again.data!.runUsageBilling.map((r: Record<string, unknown>) => [r.slug, r.status, r.sent])).toEqual(
      expect.arrayContaining([[a.slug, 'ALREADY_SENT', 0], [b.slug, 'ALREADY_SENT', 0], [c.slug, 'NO_CUSTOMER', 0]]));
    const job = await runInContext(app.runtime.dataSource, { tenantId: a.tenantId, actor: { type: 'SYSTEM', id: 'test' }, roles: [] },
      (ctx) => usageReportJob(app.runtime.services.usage).run(ctx, { tenantId: a.tenantId, period }, async () => undefined));
    expect(job).toEqual([{ period, status: 'ALREADY_SENT', sent: 0 }]);
    const viaCli = await cli(app.config, 'billing', 'usage', '--period', period, '--tenant', a.slug);
    expect(viaCli.code).toBe(0);
    expect(viaCli.out).toMatch(new RegExp(`${a.slug}\\s+${period}\\s+ALREADY_SENT\\s+3\\s+`));
    expect(viaCli.err).toMatch(/usage \[.*\] 100% \| 1\/1/);
    expect(meterEvents()).toHaveLength(4);
  });

  it('a month kept for want of a customer goes out once the operator names one', async () => {
    await app.gql(SET_CUSTOMER, { slug: c.slug, c: 'cus_TenantC001' }, operator);
    const job = await runInContext(app.runtime.dataSource, { tenantId: c.tenantId, actor: { type: 'SYSTEM', id: 'test' }, roles: [] },
      (ctx) => usageReportJob(app.runtime.services.usage).run(ctx, { tenantId: c.tenantId, period }, async () => undefined));
    expect(job).toEqual([{ period, status: 'SENT', sent: 2 }]);
    expect(meterEvents().slice(4).map((e) => [e.body.payload.stripe_customer_id, e.body.event_name, e.body.payload.value])).toEqual([
      ['cus_TenantC001', 'microlend_active_loans', '1'], ['cus_TenantC001', 'microlend_disbursed_volume', String(Math.round(Number(c.loans[0].principal) * 100))],
    ]);
  });

  it('the scheduler queues every tenant’s last closed month, once a day', async () => {
    await runInContext(app.runtime.dataSource, { tenantId: null, platform: true, actor: { type: 'SYSTEM', id: 'test' }, roles: [] },
      (ctx) => usageScheduleJob(() => app.runtime.queue, app.runtime.services.usage, app.runtime.services.directory).run(ctx, { tenantId: null }, async () => undefined));
    for (const t of [a, b, c]) {
      const job = await app.runtime.queue.queue().getJob(`usage-${t.tenantId}-${period}-${today}`);
      expect(job?.name).toBe('usage.report');
      expect(job?.data).toEqual({ tenantId: t.tenantId, period });
    }
  });

  it('a tenant sees its own usage: recorded months and the current one live', async () => {
    const analyst = await app.apiKey(a.slug, 'ANALYST');
    const recorded = (await app.gql(USAGE, { p: period }, analyst)).data!.usage;
    expect(recorded).toMatchObject({ period, activeLoans: 3, loansDisbursed: 1, currency: 'KES', status: 'SENT', otherCurrencies: {} });
    expect(recorded.sentAt).toEqual(expect.any(String));
    const current = (await app.gql(USAGE, {}, a.admin)).data!.usage;
    expect(current).toMatchObject({ period: today.slice(0, 7), status: 'OPEN', sentAt: null });
    expect((await app.gql(RECORDS, {}, a.admin)).data!.usageRecords.nodes).toEqual([{ period, activeLoans: 3, disbursedVolume: recorded.disbursedVolume, status: 'SENT' }]);
    const servicer = await app.apiKey(a.slug, 'SERVICER');
    expect((await app.gql(USAGE, { p: period }, servicer)).errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await app.gql(USAGE, { p: '2026-13' }, a.admin)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period' });
  });

  it('refuses a month that has not ended and a malformed one', async () => {
    const open = await app.gql(RUN, { p: today.slice(0, 7), slug: a.slug }, operator);
    expect(open.data!.runUsageBilling).toEqual([expect.objectContaining({ status: 'OPEN', sent: 0 })]);
    expect((await app.gql(RUN, { p: 'May' }, operator)).errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(meterEvents()).toHaveLength(6);
  });

  it('a failed send is recorded and retried: only what did not go out is sent again, under the same identifiers', async () => {
    const d = await lenderWithBook([{ start: first }]);
    await app.gql(SET_CUSTOMER, { slug: d.slug, c: 'cus_TenantD001' }, operator);
    const sent: UsageMeterEvent[] = [];
    let down = true;
    const flaky: UsageMeter = {
      async send(e) {
        if (e.eventName === 'microlend_disbursed_volume' && down) throw new Error('Stripe is unavailable');
        sent.push(e);
        return { identifier: e.identifier };
      },
    };
    const s = app.runtime.services;
    const service = new UsageBillingService({ units: s.units, tenants: s.directory, audit: s.audit, meter: flaky, limits: app.config.graphql });
    const run = () => runInContext(app.runtime.dataSource, { tenantId: d.tenantId, actor: { type: 'SYSTEM', id: 'test' }, roles: [] }, (ctx) => service.report(ctx, period));
    const failed = await run();
    expect([failed.status, failed.sent, failed.message]).toEqual(['FAILED', 1, 'microlend_disbursed_volume: Stripe is unavailable']);
    const [row] = await app.ownerQuery('SELECT attempts, last_error, active_loans_sent_at IS NOT NULL AS a, disbursed_volume_sent_at IS NOT NULL AS v, sent_at FROM usage_records WHERE tenant_id = $1', [d.tenantId]);
    expect(row).toEqual({ attempts: 2, last_error: 'microlend_disbursed_volume: Stripe is unavailable', a: true, v: false, sent_at: null });
    expect((await app.gql(USAGE, { p: period }, d.admin)).data!.usage.status).toBe('FAILED');
    down = false;
    const retried = await run();
    expect([retried.status, retried.sent]).toEqual(['SENT', 1]);
    expect(sent.map((e) => [e.eventName, e.identifier])).toEqual([
      ['microlend_active_loans', `usage:${d.tenantId}:${period}:active_loans`],
      ['microlend_disbursed_volume', `usage:${d.tenantId}:${period}:disbursed_volume`],
    ]);
    expect((await run()).status).toBe('ALREADY_SENT');
    expect(sent).toHaveLength(2);
  });
});
