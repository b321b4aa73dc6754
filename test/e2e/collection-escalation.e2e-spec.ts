import { collectionsLender } from '../support/collections';
import { type autoLender, ageLoan, disbursedLoan } from '../support/loans';
import { type TestApp, startTestApp } from '../support/test-app';

const SET_POLICY = `mutation($i: CollectionPolicyInput!) { setCollectionPolicy(input: $i) { id stages { name team escalateTo } } }`;
const CASE = (id: string) => `{ collectionCase(id: "${id}") { team assigneeId escalatedAt firstContactDueAt } }`;
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const todayUtc = () => new Date().toISOString().slice(0, 10);

/** Early cases are to be called at once; nobody calling sends them to the supervisors. */
const POLICY = {
  code: 'ESCALATE', name: 'Escalation',
  stages: [
    { name: 'EARLY', minDpd: 1, maxDpd: 60, team: 'COLLECTOR', firstContactHours: 0, escalateTo: 'SUPERVISORS', actions: [{ channel: 'CALL', everyDays: 0 }] },
    { name: 'LATE', minDpd: 61, team: 'LEGAL', actions: [] },
  ],
};

describe('collections: escalation when the first-contact target passes with no contact', () => {
  let app: TestApp;
  let lender: Awaited<ReturnType<typeof autoLender>>;
  let collector: string;
  let collectorId: string;
  const today = todayUtc();

  beforeAll(async () => {
    app = await startTestApp();
    ({ lender, collector, collectorId } = await collectionsLender(app));
    await app.gql('mutation { setCollectionConduct(input: { quietHours: null, maxContactsPerDay: 20 }) { coolingOffDays } }', {}, lender.admin);
  });
  afterAll(() => app.close());

  it('refuses an escalation to the stage’s own team, naming the field', async () => {
    const res = await app.gql(SET_POLICY, { i: { ...POLICY, stages: [{ ...POLICY.stages[0], escalateTo: 'COLLECTOR' }, POLICY.stages[1]] } }, lender.admin);
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.stages.0.escalateTo' });
  });

  it('an uncontacted case goes to the escalation team (its collector released) once, with an event; a contacted one stays', async () => {
    const set = await app.gql(SET_POLICY, { i: POLICY }, lender.admin);
    expect(set.data!.setCollectionPolicy.stages).toEqual([{ name: 'EARLY', team: 'COLLECTOR', escalateTo: 'SUPERVISORS' }, { name: 'LATE', team: 'LEGAL', escalateTo: null }]);
    const quiet = await disbursedLoan(app, lender, { amount: '3000.00', termCount: 3 });
    const called = await disbursedLoan(app, lender, { amount: '3000.00', termCount: 3 });
    await ageLoan(app, quiet.loanId, 40);
    await ageLoan(app, called.loanId, 40);
    await app.inTenant(lender.slug, (ctx) => app.runtime.services.cob.run(ctx, addDays(today, -1)));
    const nodes = (await app.gql('{ collectionCases(first: 10, status: OPEN) { nodes { id loanId } } }', {}, lender.admin)).data!.collectionCases.nodes as { id: string; loanId: string }[];
    const quietCase = nodes.find((n) => n.loanId === quiet.loanId)!.id;
    const calledCase = nodes.find((n) => n.loanId === called.loanId)!.id;
    expect((await app.gql(`mutation { assignCollectionCases(ids: ["${quietCase}", "${calledCase}"], assignee: "${collectorId}") { id } }`, {}, lender.admin)).errors).toBeUndefined();
    const call = await app.gql(`mutation { logCollectionContact(input: { caseId: "${calledCase}", channel: CALL, direction: OUTBOUND, outcome: NO_ANSWER }) { id } }`, {}, collector);
    expect(call.errors).toBeUndefined();

    expect((await app.gql('mutation { runCollectionActions }', {}, lender.admin)).errors).toBeUndefined();
    const escalated = (await app.gql(CASE(quietCase), {}, lender.admin)).data!.collectionCase;
    expect(escalated).toMatchObject({ team: 'SUPERVISORS', assigneeId: null, escalatedAt: expect.any(String) });
    expect((await app.gql(CASE(calledCase), {}, lender.admin)).data!.collectionCase).toMatchObject({ team: 'COLLECTOR', assigneeId: collectorId, escalatedAt: null });
    // The collector's queue no longer holds it.
    expect((await app.gql('{ myCollectionQueue { id } }', {}, collector)).data!.myCollectionQueue.map((c: { id: string }) => c.id)).toEqual([calledCase]);

    // Once per stage: running again changes nothing.
    await app.gql('mutation { runCollectionActions }', {}, lender.admin);
    expect((await app.gql(CASE(quietCase), {}, lender.admin)).data!.collectionCase.escalatedAt).toBe(escalated.escalatedAt);
    const events = await app.gql('{ events(first: 10, filter: { types: ["collection.case_escalated"] }) { nodes { subjectId data } } }', {}, lender.admin);
    expect(events.data!.events.nodes).toEqual([{ subjectId: quietCase, data: expect.objectContaining({ stage: 'EARLY', from: 'COLLECTOR', to: 'SUPERVISORS' }) }]);
  });
});
