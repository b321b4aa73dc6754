import { collectionsLender } from '../support/collections';
import { ageLoan } from '../support/loans';
import { borrowerInput } from '../support/origination';
import { type TestApp, startTestApp } from '../support/test-app';

const SET_PLAN = `mutation($i: CommissionPlanInput!) { setCommissionPlan(input: $i) { version rules { trigger tierBy tierMode tiers { above rate } } } }`;
const COMMISSIONS = (filter: string) => `{ commissions(first: 100${filter}) { nodes { id agentId loanId kind trigger sourceRef period amount held reversesId journalEntryId
  calculation { base rate tier amount } } } }`;
const STATEMENT = (agentId: string, period: string) => `{ commissionStatements(agentId: "${agentId}", period: "${period}") { earned heldBack clawedBack closing } }`;
const AGENT_SUBMIT = 'mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { id } }';
const todayUtc = () => new Date().toISOString().slice(0, 10);

/**
 * Whole-tier: 1.5% of principal, 2% for every loan of a month in which the agent passes 2 loans; at
 * most 380 a loan; 10% to the network; 20% held. A first repayment pays 50.
 */
const PLAN = {
  code: 'WHOLE', name: 'Whole-tier referrals',
  rules: [
    { trigger: 'DISBURSED', basis: 'PRINCIPAL', rate: '0.015', tierBy: 'COUNT', tierMode: 'WHOLE', tiers: [{ above: '2', rate: '0.02' }] },
    { trigger: 'FIRST_REPAYMENT', basis: 'FLAT', amount: '50' },
  ],
  capPerLoan: '380',
  holdback: { share: '0.2', releaseAfterDays: 30 },
  networkOverride: { share: '0.1' },
};

describe('commission tiers over the whole month (true-up at closing) and a reversed first repayment', () => {
  let app: TestApp;
  let lender: Awaited<ReturnType<typeof collectionsLender>>['lender'];
  const ids = {} as { network: string; agent: string };
  let agentKey: string;
  const loans: string[] = [];
  const period = todayUtc().slice(0, 7);
  const gql = async (query: string, variables: Record<string, unknown> = {}, key = lender.admin) => {
    const res = await app.gql(query, variables, key);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  };
  const cob = () => app.inTenant(lender.slug, (ctx) => app.runtime.services.cob.run(ctx, todayUtc()));
  const referred = async (amount: string) => {
    const { id } = (await gql(AGENT_SUBMIT, { input: { productId: lender.productId, amount, termCount: 3, frequency: 'MONTHLY', borrower: borrowerInput() } }, agentKey)).submitApplication;
    const hash = (await gql(`mutation { acceptOffer(applicationId: "${id}") { contract { sha256 } } }`)).acceptOffer.contract.sha256;
    await gql(`mutation { signContract(applicationId: "${id}", signerName: "B", documentHash: "${hash}") { status } }`);
    const loanId = (await gql(`mutation { disburseLoan(applicationId: "${id}", idempotencyKey: "d-${id}") { id } }`)).disburseLoan.id as string;
    await ageLoan(app, loanId, 1);
    return loanId;
  };
  const disbursedOf = async (agentId: string) =>
    (await gql(COMMISSIONS(`, agentId: "${agentId}"`))).commissions.nodes.filter((c: any) => c.trigger === 'DISBURSED')
      .map((c: any) => [loans.indexOf(c.loanId), c.kind, c.calculation.rate, c.calculation.tier, c.amount, c.held])
      .sort((x: any[], y: any[]) => x[0] - y[0] || x[1].localeCompare(y[1]));

  beforeAll(async () => {
    app = await startTestApp();
    ({ lender } = await collectionsLender(app));
    ids.network = (await gql('mutation { createAgent(input: { code: "NET", kind: NETWORK, name: "Lake Network" }) { id } }')).createAgent.id;
    ids.agent = (await gql(`mutation { createAgent(input: { kind: INDIVIDUAL, name: "Wanjiru", parentId: "${ids.network}" }) { id } }`)).createAgent.id;
    agentKey = await app.apiKey(lender.slug, 'AGENT', { agentId: ids.agent });
  });
  afterAll(() => app.close());

  it('takes a tier mode only with tiers, and shows MARGINAL where none is given', async () => {
    const bad = await app.gql(SET_PLAN, { i: { ...PLAN, rules: [{ trigger: 'DISBURSED', basis: 'PRINCIPAL', rate: '0.01', tierMode: 'WHOLE' }] } }, lender.admin);
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.rules.0.tierMode' });
    const plan = (await gql(SET_PLAN, { i: PLAN })).setCommissionPlan;
    expect(plan.rules.map((r: any) => [r.trigger, r.tierMode])).toEqual([['DISBURSED', 'WHOLE'], ['FIRST_REPAYMENT', 'MARGINAL']]);
  });

  it('earns at the month-to-date tier, then trues every loan of the month up to the tier the month reached when it closes', async () => {
    loans.push(await referred('10000.00'), await referred('20000.00'));
    await cob();
    expect(await disbursedOf(ids.agent)).toEqual([
      [0, 'EARNED', '0.015', 0, '150.00', '30.00'],
      [1, 'EARNED', '0.015', 0, '300.00', '60.00'],
    ]);
    // The third loan of the month: the whole month is above 2 loans now, so it earns 2% at once (600, cut to 380 a loan).
    loans.push(await referred('30000.00'));
    await cob();
    expect((await disbursedOf(ids.agent))[2]).toEqual([2, 'EARNED', '0.02', 1, '380.00', '76.00']);

    const closed = (await gql(`mutation { closeCommissionPeriod(period: "${period}") { period adjustments } }`)).closeCommissionPeriod;
    // Two true-ups for the agent (the first two loans), two override shares for the network.
    expect(closed).toEqual({ period, adjustments: 4 });
    const mine = await disbursedOf(ids.agent);
    expect(mine.filter((c: unknown[]) => c[1] === 'ADJUSTMENT')).toEqual([
      // 10,000 at 2% = 200, earned 150: 50 more (10 held).
      [0, 'ADJUSTMENT', '0.02', 1, '50.00', '10.00'],
      // 20,000 at 2% = 400, but at most 380 a loan: 80 more (16 held).
      [1, 'ADJUSTMENT', '0.02', 1, '80.00', '16.00'],
    ]);
    const adjustments = (await gql(COMMISSIONS(', kind: ADJUSTMENT'))).commissions.nodes;
    expect(adjustments.every((c: any) => c.period === period && c.journalEntryId && c.reversesId)).toBe(true);
    expect(adjustments.filter((c: any) => c.agentId === ids.network).map((c: any) => c.amount).sort()).toEqual(['5.00', '8.00']);
    // Earned 150 + 300 + 380 + 50 + 80; 20% of each held.
    expect((await gql(STATEMENT(ids.agent, period))).commissionStatements[0]).toMatchObject({ earned: '960.00', heldBack: '192.00', clawedBack: '0.00', closing: '768.00' });
    const events = (await gql('{ events(first: 50, filter: { types: ["commission.earned"] }) { nodes { data } } }')).events.nodes;
    expect(events.filter((e: any) => e.data.kind === 'ADJUSTMENT')).toHaveLength(4);
    expect((await gql('{ trialBalance { balanced } }')).trialBalance.balanced).toBe(true);
  });

  it('takes back a first repayment’s commission when that repayment is reversed, and pays it on the next real one', async () => {
    const repay = async (key: string) =>
      (await gql(`mutation { recordRepayment(input: { loanId: "${loans[0]}", amount: "100.00", paidAt: "${todayUtc()}", method: CASH, idempotencyKey: "${key}" }) { transactionId } }`)).recordRepayment.transactionId as string;
    const first = await repay('first-bounces');
    await cob();
    const firstOf = async () => (await gql(COMMISSIONS(`, loanId: "${loans[0]}", agentId: "${ids.agent}"`))).commissions.nodes
      .filter((c: any) => c.trigger === 'FIRST_REPAYMENT').map((c: any) => [c.kind, c.sourceRef, c.amount]);
    expect(await firstOf()).toEqual([['EARNED', first, '50.00']]);
    await gql(`mutation { reverseTransaction(id: "${first}", reason: "bounced") { status } }`);
    await cob();
    expect(await firstOf()).toEqual([['EARNED', first, '50.00'], ['CLAWBACK', `${first}:EARNED`, '-50.00']]);
    const second = await repay('first-real');
    await cob();
    await cob();
    expect(await firstOf()).toEqual([['EARNED', first, '50.00'], ['CLAWBACK', `${first}:EARNED`, '-50.00'], ['EARNED', second, '50.00']]);
    expect((await gql('{ trialBalance { balanced } }')).trialBalance.balanced).toBe(true);
  });
});
