import { Dec } from '../../src/core/money';
import { collectionsLender } from '../support/collections';
import { type autoLender, ageLoan, disbursedLoan } from '../support/loans';
import { type TestApp, startTestApp } from '../support/test-app';

const SET_POLICY = `mutation($i: CollectionPolicyInput!) { setCollectionPolicy(input: $i) { id stages { name actions { channel agencyCode placementDays commissionRate } } } }`;
const PLACEMENTS = `{ collectionPlacements { id caseId agencyCode agencyName stageName placedOn endsOn commissionRate status endReason endedOn recovered commission journalEntryId currency } }`;
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const todayUtc = () => new Date().toISOString().slice(0, 10);

/** Early cases are called by the lender's collectors; from 31 days past due an agency works them for 30 days at 15%. */
const policy = (agencyCode: string) => ({
  code: 'OUTSOURCE', name: 'Outsourced late collections',
  stages: [
    { name: 'EARLY', minDpd: 1, maxDpd: 30, team: 'COLLECTOR', actions: [{ channel: 'CALL', everyDays: 0 }] },
    { name: 'AGENCY', minDpd: 31, team: 'RECOVERY', actions: [{ channel: 'AGENCY_PLACEMENT', everyDays: 0, agencyCode, placementDays: 30, commissionRate: '0.15' }] },
  ],
});

describe('collections: cases placed with an outsourced agency', () => {
  let app: TestApp;
  let lender: Awaited<ReturnType<typeof autoLender>>;
  let agencyId: string;
  let agencyKey: string;
  let rivalKey: string;
  let referrerKey: string;
  const today = todayUtc();
  const loans = {} as Record<'expiring' | 'closing' | 'early', { loanId: string; caseId: string; borrowerId: string }>;
  const gql = async (query: string, key = lender.admin, variables: Record<string, unknown> = {}) => {
    const res = await app.gql(query, variables, key);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  };

  beforeAll(async () => {
    app = await startTestApp();
    ({ lender } = await collectionsLender(app));
    await app.gql('mutation { setCollectionConduct(input: { quietHours: null, maxContactsPerDay: 20 }) { coolingOffDays } }', {}, lender.admin);
    agencyId = (await gql('mutation { createAgent(input: { code: "HAKI", kind: COLLECTION_AGENCY, name: "Haki Recoveries", region: "Nairobi" }) { id } }')).createAgent.id;
    const rivalId = (await gql('mutation { createAgent(input: { code: "RIVAL", kind: COLLECTION_AGENCY, name: "Rival Recoveries" }) { id } }')).createAgent.id;
    await gql('mutation { createAgent(input: { code: "SHOP-17", kind: INDIVIDUAL, name: "Shop 17" }) { id } }');
    agencyKey = await app.apiKey(lender.slug, 'AGENT', { agentId: agencyId });
    rivalKey = await app.apiKey(lender.slug, 'AGENT', { agentId: rivalId });
    referrerKey = await app.apiKey(lender.slug, 'AGENT');
  });
  afterAll(() => app.close());

  it.each([
    ['NOBODY', 'no agent with code NOBODY'],
    ['SHOP-17', 'agent SHOP-17 is a INDIVIDUAL, not a COLLECTION_AGENCY'],
  ])('refuses a placement with %s, naming the field, and stores no policy', async (code, message) => {
    const res = await app.gql(SET_POLICY, { i: policy(code) }, lender.admin);
    expect(res.errors![0]).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT', field: 'input.stages.1.actions.0.agencyCode' } });
    expect((await gql('{ collectionPolicies { code } }')).collectionPolicies).toEqual([]);
  });

  it('places a case reaching the agency stage with the agency, out of the lender’s queues, once', async () => {
    const set = await gql(SET_POLICY, lender.admin, { i: policy('HAKI') });
    expect(set.setCollectionPolicy.stages[1].actions).toEqual([{ channel: 'AGENCY_PLACEMENT', agencyCode: 'HAKI', placementDays: 30, commissionRate: '0.15' }]);
    for (const [name, days] of [['expiring', 65], ['closing', 65], ['early', 40]] as const) {
      const loan = await disbursedLoan(app, lender, { amount: '3000.00', termCount: 3 });
      await ageLoan(app, loan.loanId, days);
      loans[name] = { ...loan, caseId: '' };
    }
    await app.inTenant(lender.slug, (ctx) => app.runtime.services.cob.run(ctx, addDays(today, -1)));
    const cases = (await gql('{ collectionCases(first: 10) { nodes { id loanId stageName placedWith } } }')).collectionCases.nodes as { id: string; loanId: string; stageName: string }[];
    for (const l of Object.values(loans)) l.caseId = cases.find((c) => c.loanId === l.loanId)!.id;
    expect(cases.map((c) => c.stageName).sort()).toEqual(['AGENCY', 'AGENCY', 'EARLY']);

    expect((await app.gql('mutation { runCollectionActions }', {}, lender.admin)).errors).toBeUndefined();
    const placements = (await gql(PLACEMENTS)).collectionPlacements;
    expect(placements).toHaveLength(2);
    expect(placements.find((p: any) => p.caseId === loans.expiring.caseId)).toEqual({
      id: expect.any(String), caseId: loans.expiring.caseId, agencyCode: 'HAKI', agencyName: 'Haki Recoveries', stageName: 'AGENCY', placedOn: today, endsOn: addDays(today, 30),
      commissionRate: '0.15', status: 'PLACED', endReason: null, endedOn: null, recovered: '0.00', commission: null, journalEntryId: null, currency: 'KES',
    });
    const placedCase = await gql(`{ collectionCase(id: "${loans.expiring.caseId}") { placedWith assigneeId actions { channel status } placements { agencyCode status } } }`);
    expect(placedCase.collectionCase).toEqual({ placedWith: agencyId, assigneeId: null, actions: expect.arrayContaining([{ channel: 'AGENCY_PLACEMENT', status: 'DONE' }, { channel: 'CALL', status: 'CANCELLED' }]), placements: [{ agencyCode: 'HAKI', status: 'PLACED' }] });
    // Running again places nothing twice.
    await gql('mutation { runCollectionActions }');
    expect((await gql(PLACEMENTS)).collectionPlacements).toHaveLength(2);
    const events = (await gql('{ events(first: 10, filter: { types: ["collection.case_placed"] }) { nodes { subjectId data } } }')).events.nodes;
    expect(events.map((e: any) => e.subjectId).sort()).toEqual([loans.expiring.caseId, loans.closing.caseId].sort());
    expect(events[0].data).toMatchObject({ agencyId, stage: 'AGENCY', commissionRate: '0.15' });
  });

  it('lets the agency’s key see and work only the cases placed with it', async () => {
    const seen = (await gql('{ collectionCases(first: 10) { nodes { id } } }', agencyKey)).collectionCases.nodes.map((n: any) => n.id).sort();
    expect(seen).toEqual([loans.expiring.caseId, loans.closing.caseId].sort());
    expect((await gql('{ myCollectionQueue { id } }', agencyKey)).myCollectionQueue.map((n: any) => n.id).sort()).toEqual(seen);
    const page = await gql(`{ collectionCase(id: "${loans.expiring.caseId}") { dpd amountOverdue borrower { id fullName } loan { status balances { outstanding { principal } } } } }`, agencyKey);
    expect(page.collectionCase).toMatchObject({ dpd: expect.any(Number), borrower: { id: loans.expiring.borrowerId, fullName: expect.any(String) }, loan: { status: 'ACTIVE' } });
    // The lender's books stay the lender's.
    expect((await app.gql(`{ collectionCase(id: "${loans.expiring.caseId}") { loan { journal { nodes { id } } } } }`, {}, agencyKey)).errors![0].extensions.code).toBe('FORBIDDEN');
    const contact = await app.gql(`mutation { logCollectionContact(input: { caseId: "${loans.expiring.caseId}", channel: CALL, direction: OUTBOUND, outcome: PROMISE }) { id actorId } }`, {}, agencyKey);
    expect(contact.errors).toBeUndefined();
    const promise = await app.gql(`mutation { recordPromiseToPay(input: { caseId: "${loans.expiring.caseId}", amount: "500.00", dueDate: "${addDays(today, 5)}" }) { id status } }`, {}, agencyKey);
    expect(promise.data!.recordPromiseToPay.status).toBe('OPEN');

    // Not a case that is not placed with it, nor another agency's or a referring agent's view of any.
    for (const key of [agencyKey, rivalKey, referrerKey]) {
      expect((await app.gql(`{ collectionCase(id: "${loans.early.caseId}") { id } }`, {}, key)).errors![0].extensions.code).toBe('NOT_FOUND');
      expect((await app.gql(`mutation { logCollectionContact(input: { caseId: "${loans.early.caseId}", channel: CALL, direction: OUTBOUND }) { id } }`, {}, key)).errors![0].extensions.code).toBe('NOT_FOUND');
    }
    for (const key of [rivalKey, referrerKey]) {
      expect((await gql('{ collectionCases(first: 10) { nodes { id } } }', key)).collectionCases.nodes).toEqual([]);
      expect((await gql(PLACEMENTS, key)).collectionPlacements).toEqual([]);
      expect((await app.gql(`{ borrower(id: "${loans.expiring.borrowerId}") { id } }`, {}, key)).errors![0].extensions.code).toBe('NOT_FOUND');
    }
    expect((await app.gql('mutation { offerSettlement(input: { caseId: "x", amount: "1.00", payBy: "2030-01-01" }) { id } }', {}, agencyKey)).errors![0].extensions.code).toBe('FORBIDDEN');
  });

  it('recalls a case when its days are over, paying the agency its share of what was recovered meanwhile, in a balanced entry', async () => {
    // The placement began 30 days ago; a repayment came in yesterday, within it.
    await app.ownerQuery('UPDATE collection_placements SET placed_on = $2, ends_on = $3 WHERE case_id = $1', [loans.expiring.caseId, addDays(today, -30), addDays(today, -1)]);
    const paid = await app.gql(`mutation { recordRepayment(input: { loanId: "${loans.expiring.loanId}", amount: "333.33", paidAt: "${addDays(today, -1)}", method: CASH, idempotencyKey: "agency-repay-1" }) { transactionId } }`, {}, lender.admin);
    expect(paid.errors).toBeUndefined();
    expect((await gql(PLACEMENTS, agencyKey)).collectionPlacements.find((p: any) => p.caseId === loans.expiring.caseId).recovered).toBe('333.33');
    const before = await trialBalance();

    await gql('mutation { runCollectionActions }');
    const recalled = (await gql(PLACEMENTS)).collectionPlacements.find((p: any) => p.caseId === loans.expiring.caseId);
    // 15% of 333.33 is 49.9995: 50.00 in the lender's rounding (half-even at two places).
    expect(recalled).toMatchObject({ status: 'RECALLED', endReason: 'EXPIRED', endedOn: addDays(today, -1), recovered: '333.33', commission: '50.00', journalEntryId: expect.any(String) });
    const after = await trialBalance();
    expect(after.balanced).toBe(true);
    expect(new Dec(after.lines.COMMISSION_PAYABLE ?? '0').minus(before.lines.COMMISSION_PAYABLE ?? '0').toFixed(2)).toBe('-50.00');
    expect(new Dec(after.lines.COMMISSION_EXPENSE ?? '0').minus(before.lines.COMMISSION_EXPENSE ?? '0').toFixed(2)).toBe('50.00');
    expect((await gql(`{ collectionCase(id: "${loans.expiring.caseId}") { placedWith status } }`)).collectionCase).toEqual({ placedWith: null, status: 'OPEN' });
    // Back with the lender: the agency no longer sees it.
    expect((await app.gql(`{ collectionCase(id: "${loans.expiring.caseId}") { id } }`, {}, agencyKey)).errors![0].extensions.code).toBe('NOT_FOUND');
    const event = (await gql('{ events(first: 10, filter: { types: ["collection.case_recalled"] }) { nodes { subjectId data } } }')).events.nodes;
    expect(event).toEqual([{ subjectId: loans.expiring.caseId, data: expect.objectContaining({ reason: 'EXPIRED', recovered: '333.33', commission: '50.00', currency: 'KES', agencyId }) }]);
  });

  it('ends a placement whose case closes (the loan settled) with the commission on the settlement, and counts the agency in the figures', async () => {
    const quote = (await gql(`{ payoffQuote(loanId: "${loans.closing.loanId}") { total } }`)).payoffQuote.total;
    await gql(`mutation($i: SettleLoanInput!) { settleLoan(input: $i) { transactionId } }`, lender.admin,
      { i: { loanId: loans.closing.loanId, amount: quote, paidAt: today, method: 'BANK_TRANSFER', idempotencyKey: 'agency-settle-1' } });
    await app.inTenant(lender.slug, (ctx) => app.runtime.services.cob.run(ctx, today));
    expect((await gql(`{ collectionCase(id: "${loans.closing.caseId}") { status closeReason } }`)).collectionCase.status).toBe('CLOSED');
    await gql('mutation { runCollectionActions }');
    const ended = (await gql(PLACEMENTS)).collectionPlacements.find((p: any) => p.caseId === loans.closing.caseId);
    const commission = new Dec(quote).times('0.15').toDecimalPlaces(2, Dec.ROUND_HALF_EVEN).toFixed(2);
    expect(ended).toMatchObject({ status: 'ENDED', endReason: 'CASE_CLOSED', endedOn: today, recovered: new Dec(quote).toFixed(2), commission });

    const kpis = (await gql(`{ collectionKpis(from: "${addDays(today, -40)}", to: "${today}") { agencies { agencyId agencyCode agencyName placed ended recovered commission } } }`)).collectionKpis;
    expect(kpis.agencies).toEqual([{
      agencyId, agencyCode: 'HAKI', agencyName: 'Haki Recoveries', placed: 2, ended: 2,
      recovered: new Dec(quote).plus('333.33').toFixed(2), commission: new Dec(commission).plus('50.00').toFixed(2),
    }]);
  });

  async function trialBalance(): Promise<{ balanced: boolean; lines: Record<string, string> }> {
    const tb = (await gql('{ trialBalance { balanced lines { account balance } } }')).trialBalance;
    return { balanced: tb.balanced, lines: Object.fromEntries(tb.lines.map((l: any) => [l.account, l.balance])) };
  }
});
