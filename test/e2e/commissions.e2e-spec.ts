import { Dec } from '../../src/core/money';
import { collectionsLender } from '../support/collections';
import { type FakeStripe, startFakeStripe } from '../support/fake-stripe';
import { type autoLender, ageLoan } from '../support/loans';
import { borrowerInput } from '../support/origination';
import { drainPayouts } from '../support/payouts';
import { type TestApp, startTestApp } from '../support/test-app';

const SET_PLAN = `mutation($i: CommissionPlanInput!) { setCommissionPlan(input: $i) { id code version rules { trigger basis rate amount tierBy tiers { above rate } } } }`;
const COMMISSIONS = (filter: string) => `{ commissions(first: 100${filter}) { nodes { id agentId loanId planCode planVersion kind trigger sourceRef period amount held reversesId journalEntryId
  calculation { base rate tier amount } } } }`;
const STATEMENT = (agentId: string, period: string) => `{ commissionStatements(agentId: "${agentId}", period: "${period}") {
  agentId period opening earned clawedBack heldBack released heldCancelled paid closing closed currency payoutId } }`;
/** An agent reads no decision internals: it asks for what it may see. */
const AGENT_SUBMIT = 'mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { id status borrowerId } }';
const todayUtc = () => new Date().toISOString().slice(0, 10);
const nextMonth = (p: string) => new Date(Date.parse(`${p}-01T00:00:00Z`) + 32 * 86_400_000).toISOString().slice(0, 7);

/** 1.5% of principal on disbursement, 2% from the third loan of the agent's month; 50 on the first repayment; 20% held for 30 days; 10% to the network; a default within 60 days claws back. */
const PLAN = {
  code: 'AGENTS', name: 'Agent referrals',
  rules: [
    { trigger: 'DISBURSED', basis: 'PRINCIPAL', rate: '0.015', tierBy: 'COUNT', tiers: [{ above: '2', rate: '0.02' }] },
    { trigger: 'FIRST_REPAYMENT', basis: 'FLAT', amount: '50' },
  ],
  clawback: { dpd: 5, withinDays: 60 },
  holdback: { share: '0.2', releaseAfterDays: 30 },
  networkOverride: { share: '0.1' },
};

describe('agent commissions: plans, earning in close of business, clawbacks, statements, payouts', () => {
  let app: TestApp;
  let fake: FakeStripe;
  let lender: Awaited<ReturnType<typeof autoLender>>;
  const ids = {} as { network: string; agent: string; rival: string };
  const keys = {} as { network: string; agent: string; rival: string };
  const loans: string[] = [];
  const period = todayUtc().slice(0, 7);
  const gql = async (query: string, key = lender.admin, variables: Record<string, unknown> = {}) => {
    const res = await app.gql(query, variables, key);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  };
  const cob = () => app.inTenant(lender.slug, (ctx) => app.runtime.services.cob.run(ctx, todayUtc()));
  /** A loan the agent referred: it submits, the lender offers, the borrower signs, the lender disburses. */
  const referred = async (agentKey: string, amount: string) => {
    const submitted = (await gql(AGENT_SUBMIT, agentKey, { input: { productId: lender.productId, amount, termCount: 3, frequency: 'MONTHLY', borrower: borrowerInput() } })).submitApplication;
    const hash = (await gql(`mutation { acceptOffer(applicationId: "${submitted.id}") { contract { sha256 } } }`)).acceptOffer.contract.sha256;
    await gql(`mutation { signContract(applicationId: "${submitted.id}", signerName: "B", documentHash: "${hash}") { status } }`);
    return (await gql(`mutation { disburseLoan(applicationId: "${submitted.id}", idempotencyKey: "d-${submitted.id}") { id } }`)).disburseLoan.id as string;
  };

  beforeAll(async () => {
    fake = await startFakeStripe();
    app = await startTestApp({ env: fake.env });
    ({ lender } = await collectionsLender(app));
    await gql('mutation { setStripeCredentials(input: { secretKey: "sk_test_51TenantOwnKeyAbcdefghijklmnop", webhookSigningSecret: "whsec_tenantSigningSecret0123456789" }) { provider } }');
    ids.network = (await gql('mutation { createAgent(input: { code: "NET", kind: NETWORK, name: "Coast Network" }) { id } }')).createAgent.id;
    ids.agent = (await gql(`mutation { createAgent(input: { kind: INDIVIDUAL, name: "Amina", parentId: "${ids.network}", payoutAccount: "acct_1AminaConnected" }) { id } }`)).createAgent.id;
    ids.rival = (await gql(`mutation { createAgent(input: { kind: INDIVIDUAL, name: "Baraka", parentId: "${ids.network}" }) { id } }`)).createAgent.id;
    for (const k of ['network', 'agent', 'rival'] as const) keys[k] = await app.apiKey(lender.slug, 'AGENT', { agentId: ids[k] });
  });
  afterAll(async () => {
    await app.close();
    await fake.close();
  });

  it('refuses a plan with tiers out of order, naming the field, and keeps versions', async () => {
    const bad = await app.gql(SET_PLAN, { i: { ...PLAN, rules: [{ ...PLAN.rules[0], tiers: [{ above: '5', rate: '0.02' }, { above: '2', rate: '0.03' }] }] } }, lender.admin);
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.rules.0.tiers.1.above' });
    const noRate = await app.gql(SET_PLAN, { i: { ...PLAN, rules: [{ trigger: 'DISBURSED', basis: 'PRINCIPAL' }] } }, lender.admin);
    expect(noRate.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.rules.0.rate' });
    const v1 = (await gql(SET_PLAN, lender.admin, { i: PLAN })).setCommissionPlan;
    expect(v1).toMatchObject({ code: 'AGENTS', version: 1, rules: [{ trigger: 'DISBURSED', basis: 'PRINCIPAL', rate: '0.015', tierBy: 'COUNT', tiers: [{ above: '2', rate: '0.02' }] }, { trigger: 'FIRST_REPAYMENT', basis: 'FLAT', amount: '50' }] });
    expect((await gql(SET_PLAN, lender.admin, { i: PLAN })).setCommissionPlan.version).toBe(1);
    expect((await app.gql(SET_PLAN, { i: PLAN }, keys.agent)).errors![0].extensions.code).toBe('FORBIDDEN');
  });

  it('earns on disbursement at the tier the agent’s month reaches, with the network’s override and a holdback, once', async () => {
    for (const amount of ['10000.00', '20000.00', '30000.00']) loans.push(await referred(keys.agent, amount));
    loans.push(await referred(keys.rival, '5000.00'));
    // Close of business runs for the days after a loan's disbursement: these were disbursed yesterday.
    for (const id of loans) await ageLoan(app, id, 1);
    await cob();
    await cob();
    const mine = (await gql(COMMISSIONS(`, agentId: "${ids.agent}"`))).commissions.nodes;
    const byBase = [...mine].sort((x: any, y: any) => Number(x.calculation.base) - Number(y.calculation.base));
    expect(byBase.map((c: any) => [c.trigger, c.kind, c.calculation.base, c.calculation.rate, c.calculation.tier, c.amount, c.held])).toEqual([
      ['DISBURSED', 'EARNED', '10000.0000', '0.015', 0, '150.00', '30.00'],
      ['DISBURSED', 'EARNED', '20000.0000', '0.015', 0, '300.00', '60.00'],
      // The third loan of the month is above the tier's 2.
      ['DISBURSED', 'EARNED', '30000.0000', '0.02', 1, '600.00', '120.00'],
    ]);
    expect(mine.every((c: any) => c.planCode === 'AGENTS' && c.planVersion === 1 && c.period === period && c.journalEntryId)).toBe(true);
    const overrides = (await gql(COMMISSIONS(`, agentId: "${ids.network}"`))).commissions.nodes;
    expect(overrides.map((c: any) => [c.kind, c.amount]).sort()).toEqual([['OVERRIDE', '15.00'], ['OVERRIDE', '30.00'], ['OVERRIDE', '60.00'], ['OVERRIDE', '7.50']].sort());
    const events = (await gql('{ events(first: 50, filter: { types: ["commission.earned"] }) { nodes { data } } }')).events.nodes;
    expect(events).toHaveLength(8);
    expect((await gql('{ trialBalance { balanced lines { account balance } } }')).trialBalance.balanced).toBe(true);
  });

  it('pays the first repayment once, and claws back a loan that defaults within the window (held share cancelled)', async () => {
    const today = todayUtc();
    for (const key of ['repay-first', 'repay-second']) {
      await gql(`mutation { recordRepayment(input: { loanId: "${loans[0]}", amount: "100.00", paidAt: "${today}", method: CASH, idempotencyKey: "${key}" }) { transactionId } }`);
    }
    // The second loan's borrower never pays: 40 days on, it is 10 days past due, well within 60 days.
    await ageLoan(app, loans[1], 40);
    await cob();
    const first = (await gql(COMMISSIONS(`, agentId: "${ids.agent}", kind: EARNED`))).commissions.nodes.filter((c: any) => c.trigger === 'FIRST_REPAYMENT');
    expect(first.map((c: any) => [c.loanId, c.amount, c.calculation.rate])).toEqual([[loans[0], '50.00', null]]);
    const clawed = (await gql(COMMISSIONS(`, loanId: "${loans[1]}", kind: CLAWBACK`))).commissions.nodes;
    expect(clawed.map((c: any) => [c.agentId, c.amount, c.held]).sort()).toEqual([[ids.agent, '-300.00', '-60.00'], [ids.network, '-30.00', '0.00']].sort());
    const events = (await gql('{ events(first: 50, filter: { types: ["commission.clawed_back"] }) { nodes { data } } }')).events.nodes;
    expect(events.map((e: any) => e.data.amount).sort()).toEqual(['-30.0000', '-300.0000']);
  });

  it('gives a statement that reconciles, pays its closing balance once through Stripe, and carries it into the next month', async () => {
    const s = (await gql(STATEMENT(ids.agent, period))).commissionStatements[0];
    // Earned 150 + 300 + 600 + 50, 20% of each held (220); the defaulted loan's 300 clawed back and its 60 held cancelled.
    expect(s).toMatchObject({ opening: '0.00', earned: '1100.00', clawedBack: '300.00', heldBack: '220.00', released: '0.00', heldCancelled: '60.00', paid: '0.00', closed: false, currency: 'KES', payoutId: null });
    expect(new Dec(s.opening).plus(s.earned).minus(s.clawedBack).minus(s.heldBack).plus(s.released).plus(s.heldCancelled).minus(s.paid).toFixed(2)).toBe(s.closing);
    expect(s.closing).toBe('640.00');
    const PAY = `mutation($i: PayAgentCommissionInput!) { payAgentCommission(input: $i) { id kind status amount } }`;
    expect((await app.gql(PAY, { i: { agentId: ids.agent, period, idempotencyKey: 'pay-statement-early' } }, lender.admin)).errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'PERIOD_OPEN' });
    expect((await app.gql(`mutation { closeCommissionPeriod(period: "${nextMonth(period)}") { period } }`, {}, lender.admin)).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period' });
    expect((await gql(`mutation { closeCommissionPeriod(period: "${period}") { period } }`)).closeCommissionPeriod.period).toBe(period);
    expect((await gql(STATEMENT(ids.agent, period))).commissionStatements[0]).toMatchObject({ closed: true, closing: '640.00' });

    const queued = (await gql(PAY, lender.admin, { i: { agentId: ids.agent, period, idempotencyKey: 'pay-statement-1' } })).payAgentCommission;
    expect(queued).toMatchObject({ kind: 'COMMISSION_PAYOUT', status: 'PENDING', amount: '640.00' });
    expect((await gql(PAY, lender.admin, { i: { agentId: ids.agent, period, idempotencyKey: 'pay-statement-1' } })).payAgentCommission.id).toBe(queued.id);
    expect((await app.gql(PAY, { i: { agentId: ids.agent, period, idempotencyKey: 'pay-statement-2' } }, lender.admin)).errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'STATEMENT_PAID' });
    expect((await drainPayouts(app, lender.slug))[queued.id]).toBe('SUCCEEDED');
    const transfers = fake.requests.filter((r) => r.path === '/v1/transfers' && r.body.metadata?.agent_id === ids.agent);
    expect(transfers.map((t) => [t.body.amount, t.body.destination, t.idempotencyKey])).toEqual([['64000', 'acct_1AminaConnected', `payment:${queued.id}`]]);
    expect(await drainPayouts(app, lender.slug)).toEqual({});
    const paidEvents = (await gql('{ events(first: 10, filter: { types: ["commission.paid"] }) { nodes { data } } }')).events.nodes;
    expect(paidEvents.map((e: any) => e.data)).toEqual([expect.objectContaining({ paymentId: queued.id, agentId: ids.agent, amount: '640.00', transferId: expect.stringMatching(/^tr_/) })]);
    const [paid] = (await gql('{ payments(first: 10, kind: COMMISSION_PAYOUT) { nodes { id journalEntryId } } }')).payments.nodes;
    const lines = await app.ownerQuery('SELECT account_code, debit::numeric::text AS d, credit::numeric::text AS c FROM journal_lines WHERE entry_id = $1 ORDER BY line_no', [paid.journalEntryId]);
    expect(lines.map((l) => [l.account_code, new Dec(l.d).toFixed(2), new Dec(l.c).toFixed(2)])).toEqual([['COMMISSION_PAYABLE', '640.00', '0.00'], ['CASH_CLEARING', '0.00', '640.00']]);
    // The month stays as it was; the next one opens with it and shows it paid.
    expect((await gql(STATEMENT(ids.agent, period))).commissionStatements[0]).toMatchObject({ closing: '640.00', payoutId: queued.id });
    expect((await gql(STATEMENT(ids.agent, nextMonth(period)))).commissionStatements[0]).toMatchObject({ opening: '640.00', paid: '640.00', closing: '0.00' });
    expect((await gql('{ trialBalance { balanced } }')).trialBalance.balanced).toBe(true);
  });

  it('shows an agent only its own commissions and statements, and a network head its agents’', async () => {
    const own = (await gql(COMMISSIONS(''), keys.rival)).commissions.nodes;
    expect(new Set(own.map((c: any) => c.agentId))).toEqual(new Set([ids.rival]));
    expect((await app.gql(STATEMENT(ids.agent, period), {}, keys.rival)).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'agentId' });
    const head = (await gql(COMMISSIONS(''), keys.network)).commissions.nodes;
    expect(new Set(head.map((c: any) => c.agentId))).toEqual(new Set([ids.network, ids.agent, ids.rival]));
    const statements = (await gql(`{ commissionStatements(period: "${period}") { agentId closing } }`, keys.network)).commissionStatements;
    expect(statements.map((s: any) => s.agentId).sort()).toEqual([ids.network, ids.agent, ids.rival].sort());
  });

  it('pays a suspended agent nothing for what happens while it is suspended', async () => {
    await gql(`mutation { setAgentStatus(id: "${ids.rival}", status: SUSPENDED, reason: "under review") { status } }`);
    await gql(`mutation { recordRepayment(input: { loanId: "${loans[3]}", amount: "100.00", paidAt: "${todayUtc()}", method: CASH, idempotencyKey: "rival-repay-1" }) { transactionId } }`);
    await cob();
    const first = (await gql(COMMISSIONS(`, loanId: "${loans[3]}"`))).commissions.nodes.filter((c: any) => c.trigger === 'FIRST_REPAYMENT');
    expect(first).toEqual([]);
  });

  it('reports each agent’s business against the tenant’s book, by agent and by network', async () => {
    const PERF = (groupBy: string) => `{ agentPerformance(from: "${period}-01", to: "${todayUtc()}", groupBy: ${groupBy}) {
      rows { key name leads applications decided approved approvalRate disbursedCount disbursedAmount par30 firstPaymentDefaults commissionCost commissionCostPerUnit }
      tenant { applications disbursedCount disbursedAmount } } }`;
    const byAgent = (await gql(PERF('AGENT'))).agentPerformance;
    // Amina: three applications approved; the defaulted loan was disbursed 41 days ago (aged), so two in this month:
    // 10,000 and 30,000, earning 150 + 50 and 600 (the clawed-back 300 belongs to the other loan).
    expect(byAgent.rows.find((r: any) => r.key === ids.agent)).toEqual({
      key: ids.agent, name: 'Amina', leads: 0, applications: 3, decided: 3, approved: 3, approvalRate: '1.0000', disbursedCount: 2, disbursedAmount: '40000.00',
      par30: '0.0000', firstPaymentDefaults: 0, commissionCost: '800.00', commissionCostPerUnit: '0.020000',
    });
    expect(byAgent.tenant).toMatchObject({ applications: 4, disbursedCount: 3, disbursedAmount: '45000.00' });
    const byNetwork = (await gql(PERF('NETWORK'))).agentPerformance.rows;
    expect(byNetwork.map((r: any) => [r.key, r.name, r.applications, r.disbursedCount])).toEqual([[ids.network, 'Coast Network', 4, 3]]);
    // An agent's key: its own figures only.
    expect((await gql(PERF('AGENT'), keys.agent)).agentPerformance.rows.map((r: any) => r.key)).toEqual([ids.agent]);
  });

  it('takes back what a repayment earned when the repayment is reversed', async () => {
    const v2 = (await gql(SET_PLAN, lender.admin, { i: { ...PLAN, rules: [...PLAN.rules, { trigger: 'EACH_REPAYMENT', basis: 'FLAT', amount: '10' }] } })).setCommissionPlan;
    expect(v2.version).toBe(2);
    const tx = (await gql(`mutation { recordRepayment(input: { loanId: "${loans[2]}", amount: "200.00", paidAt: "${todayUtc()}", method: CASH, idempotencyKey: "repay-to-reverse" }) { transactionId } }`)).recordRepayment.transactionId;
    await cob();
    const earned = (await gql(COMMISSIONS(`, loanId: "${loans[2]}", agentId: "${ids.agent}"`))).commissions.nodes.filter((c: any) => c.trigger === 'EACH_REPAYMENT');
    expect(earned.map((c: any) => [c.kind, c.amount, c.planVersion, c.sourceRef])).toEqual([['EARNED', '10.00', 2, tx]]);
    await gql(`mutation { reverseTransaction(id: "${tx}", reason: "bounced") { status } }`);
    await cob();
    await cob();
    const back = (await gql(COMMISSIONS(`, loanId: "${loans[2]}", kind: CLAWBACK`))).commissions.nodes.filter((c: any) => c.trigger === 'EACH_REPAYMENT');
    expect(back.map((c: any) => [c.agentId, c.amount, c.reversesId]).sort()).toEqual([[ids.agent, '-10.00', earned[0].id], [ids.network, '-1.00', expect.any(String)]].sort());
  });
});
