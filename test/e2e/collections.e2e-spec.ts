import { borrowerInput } from '../support/origination';
import { REPAY, ageLoan, autoLender, disbursedLoan } from '../support/loans';
import { collectionsLender } from '../support/collections';
import { type TestApp, startTestApp } from '../support/test-app';

const SET_POLICY = `mutation($i: CollectionPolicyInput!) { setCollectionPolicy(input: $i) { id code version isCurrent stages { name minDpd maxDpd actions { channel everyDays templates { locale text } } } } }`;
const SET_CONDUCT = `mutation($i: CollectionConductInput!) { setCollectionConduct(input: $i) { quietHours { start end } maxContactsPerDay coolingOffDays forbiddenWords } }`;
const CASE = (id: string) => `{ collectionCase(id: "${id}") {
  id stageName status closeReason dpd amountOverdue brokenPromises priority policyVersion
  loan { id status } borrower { id timeZone }
  actions { channel status businessDate refusedRule } contacts { channel direction outcome automatic message } promises { amount dueDate status paid }
  borrowerClock { timeZone localTime }
} }`;
const CONTACT = `mutation($i: CollectionContactInput!) { logCollectionContact(input: $i) { id channel direction contactedParty } }`;

const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const todayUtc = () => new Date().toISOString().slice(0, 10);

/** The stages of the spec's policy: a soft reminder, early, mid, late, then legal review. */
const POLICY = {
  code: 'STANDARD', name: 'Standard consumer collections',
  stages: [
    { name: 'SOFT', minDpd: 1, maxDpd: 7, weight: '1', actions: [{ channel: 'SMS', everyDays: 3, templates: [{ locale: 'en', text: 'Loan {{loanId}}: {{amountOverdue}} {{currency}} is {{dpd}} days overdue. {{lender}}' }, { locale: 'zh-CN', text: '贷款逾期 {{dpd}} 天' }] }] },
    { name: 'EARLY', minDpd: 8, maxDpd: 30, weight: '2', actions: [{ channel: 'SMS', everyDays: 7, templates: [{ locale: 'en', text: 'Please pay {{amountOverdue}} {{currency}}' }] }, { channel: 'CALL', everyDays: 0 }] },
    { name: 'MID', minDpd: 31, maxDpd: 60, weight: '3', actions: [{ channel: 'CALL', everyDays: 7 }] },
    { name: 'LATE', minDpd: 61, maxDpd: 90, weight: '4', maxDiscount: '0.2', actions: [{ channel: 'FIELD_VISIT', everyDays: 14 }, { channel: 'LETTER', everyDays: 0, templates: [{ locale: 'en', text: 'Final notice for loan {{loanId}}' }] }] },
    { name: 'LEGAL', minDpd: 91, weight: '5', team: 'LEGAL', actions: [{ channel: 'LETTER', everyDays: 0, templates: [{ locale: 'en', text: 'Your loan {{loanId}} is referred for legal review' }] }] },
  ],
};

describe('collections: policies by stage, cases through close of business, conduct rules, promises, complaints', () => {
  let app: TestApp;
  let lender: Awaited<ReturnType<typeof autoLender>>;
  let collector: string;
  let collectorKeyId: string;
  let loanId: string;
  let caseId: string;
  let firstDue: string;
  const runCob = (date: string) => app.inTenant(lender.slug, (ctx) => app.runtime.services.cob.run(ctx, date));
  const openCase = async (loan: string) => {
    const res = await app.gql('{ collectionCases(first: 100, status: OPEN) { nodes { id loanId stageName dpd } } }', {}, lender.admin);
    expect(res.errors).toBeUndefined();
    return res.data!.collectionCases.nodes.find((n: { loanId: string }) => n.loanId === loan);
  };

  beforeAll(async () => {
    app = await startTestApp();
    // The lender keeps UTC; its borrowers live elsewhere.
    ({ lender, collector, collectorId: collectorKeyId } = await collectionsLender(app));
    ({ loanId } = await disbursedLoan(app, lender, { amount: '12000.00', termCount: 6, borrower: borrowerInput({ timeZone: 'Asia/Shanghai', locale: 'en' }) }));
    ({ dueDates: [firstDue] } = await ageLoan(app, loanId, 130));
    // Messages and calls at any hour while the stages are walked; quiet hours get their own test.
    expect((await app.gql(SET_CONDUCT, { i: { quietHours: null, maxContactsPerDay: 20, maxContactsPerWeek: 50 } }, lender.admin)).errors).toBeUndefined();
  });
  afterAll(() => app.close());

  it('refuses a policy with overlapping stages or an unknown template variable, naming the field, and writes nothing', async () => {
    const overlapping = { ...POLICY, stages: [POLICY.stages[0], { ...POLICY.stages[1], minDpd: 5 }] };
    const res = await app.gql(SET_POLICY, { i: overlapping }, lender.admin);
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.stages.1.minDpd' });
    const badVar = { ...POLICY, stages: [{ ...POLICY.stages[0], actions: [{ channel: 'SMS', everyDays: 1, templates: [{ locale: 'en', text: 'Pay {{balance}}' }] }] }, ...POLICY.stages.slice(1)] };
    expect((await app.gql(SET_POLICY, { i: badVar }, lender.admin)).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.stages.0.actions.0.templates.en' });
    const listed = await app.gql('{ collectionPolicies { code } }', {}, lender.admin);
    expect(listed.data!.collectionPolicies).toEqual([]);
  });

  it('sets a policy, versioned: the same definition again is the same version, a change is the next', async () => {
    const first = await app.gql(SET_POLICY, { i: POLICY }, lender.admin);
    expect(first.errors).toBeUndefined();
    expect(first.data!.setCollectionPolicy).toMatchObject({ code: 'STANDARD', version: 1, isCurrent: true });
    expect((await app.gql(SET_POLICY, { i: POLICY }, lender.admin)).data!.setCollectionPolicy.version).toBe(1);
    // A collector may read policies but not set them.
    expect((await app.gql(SET_POLICY, { i: POLICY }, collector)).errors![0].extensions.code).toBe('FORBIDDEN');
  });

  it('close of business opens a case at 1 DPD, schedules the stage’s SMS, and the message goes out in the borrower’s language', async () => {
    await runCob(addDays(firstDue, 1));
    const c = await openCase(loanId);
    expect(c).toMatchObject({ stageName: 'SOFT', dpd: 1 });
    caseId = c.id;
    const read = (await app.gql(CASE(caseId), {}, lender.admin)).data!.collectionCase;
    expect(read).toMatchObject({ status: 'OPEN', policyVersion: 1, loan: { id: loanId, status: 'ACTIVE' }, borrower: { timeZone: 'Asia/Shanghai' } });
    expect(read.actions).toEqual([{ channel: 'SMS', status: 'PENDING', businessDate: addDays(firstDue, 1), refusedRule: null }]);
    expect(Number(read.amountOverdue)).toBeGreaterThan(0);
    const sent = await app.gql('mutation { runCollectionActions }', {}, lender.admin);
    expect(sent.data!.runCollectionActions).toBe(1);
    const messages = (await app.gql(`{ collectionMessages(caseId: "${caseId}") { channel message automatic } }`, {}, lender.admin)).data!.collectionMessages;
    expect(messages).toHaveLength(1);
    expect(messages[0].message).toMatch(new RegExp(`^Loan ${loanId}: \\d+\\.\\d{2} KES is 1 days overdue\\. `));
    const events = await app.gql('{ events(first: 100, filter: { types: ["collection.*"] }) { nodes { type subjectId data } } }', {}, lender.admin);
    expect(events.data!.events.nodes.filter((e: { type: string }) => e.type.startsWith('collection.')).map((e: { type: string }) => e.type)).toEqual(['collection.case_opened']);
  });

  it('moves the case through every stage as DPD grows, with each stage’s actions, up to legal review at 95 DPD', async () => {
    const seen: Record<number, string> = {};
    for (const dpd of [4, 8, 31, 61, 95]) {
      await runCob(addDays(firstDue, dpd));
      const c = await openCase(loanId);
      expect(c.id).toBe(caseId);
      expect(c.dpd).toBe(dpd);
      seen[dpd] = c.stageName;
    }
    expect(seen).toEqual({ 4: 'SOFT', 8: 'EARLY', 31: 'MID', 61: 'LATE', 95: 'LEGAL' });
    const read = (await app.gql(CASE(caseId), {}, lender.admin)).data!.collectionCase;
    const scheduled = read.actions.map((a: { channel: string; businessDate: string }) => `${a.businessDate}:${a.channel}`);
    // SOFT's SMS on days 1 and 4 (every 3 days), EARLY's SMS and call on entering, MID's call, LATE's visit and letter, LEGAL's letter on entering at 91.
    for (const [dpd, channel] of [[1, 'SMS'], [4, 'SMS'], [8, 'SMS'], [8, 'CALL'], [31, 'CALL'], [61, 'FIELD_VISIT'], [61, 'LETTER'], [91, 'LETTER']] as const) {
      expect(scheduled).toContain(`${addDays(firstDue, dpd)}:${channel}`);
    }
    const events = await app.gql('{ events(first: 100, filter: { types: ["collection.*"] }) { nodes { type data } } }', {}, lender.admin);
    const changes = events.data!.events.nodes.filter((e: { type: string }) => e.type === 'collection.stage_changed').map((e: { data: { from: string; to: string } }) => `${e.data.from}>${e.data.to}`);
    expect(changes).toEqual(['SOFT>EARLY', 'EARLY>MID', 'MID>LATE', 'LATE>LEGAL']);
  });

  it('gives cases to a collector, whose queue lists them by priority; a call completes the stage’s call task', async () => {
    const refused = await app.gql(`mutation { assignCollectionCases(ids: ["${caseId}"], assignee: "${lender.tenantId}") { id } }`, {}, lender.admin);
    expect(refused.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'assignee' });
    const assigned = await app.gql(`mutation { assignCollectionCases(ids: ["${caseId}"], assignee: "${collectorKeyId}") { id assigneeId } }`, {}, lender.admin);
    expect(assigned.data!.assignCollectionCases).toEqual([{ id: caseId, assigneeId: collectorKeyId }]);
    const queue = await app.gql('{ myCollectionQueue { id stageName priority } }', {}, collector);
    expect(queue.errors).toBeUndefined();
    expect(queue.data!.myCollectionQueue.map((c: { id: string }) => c.id)).toEqual([caseId]);
    expect((await app.gql('{ myCollectionQueue { id } }', {}, lender.admin)).data!.myCollectionQueue).toEqual([]);
    const call = await app.gql(CONTACT, { i: { caseId, channel: 'LETTER', direction: 'OUTBOUND', outcome: 'NO_ANSWER' } }, collector);
    expect(call.errors).toBeUndefined();
  });

  describe('conduct rules, each refused with its code', () => {
    const refusal = async (input: Record<string, unknown>, token = collector) => {
      const res = await app.gql(CONTACT, { i: { caseId, direction: 'OUTBOUND', ...input } }, token);
      expect(res.data).toBeNull();
      return res.errors![0].extensions;
    };

    it('QUIET_HOURS on the borrower’s clock (Shanghai), not the lender’s (UTC), with when it ends', async () => {
      const shanghaiHour = (new Date().getUTCHours() + 8) % 24;
      const hh = (h: number) => `${String(h % 24).padStart(2, '0')}:00`;
      // Quiet now in Shanghai for two hours; the same hours in UTC are eight hours away.
      await app.gql(SET_CONDUCT, { i: { quietHours: { start: hh(shanghaiHour), end: hh(shanghaiHour + 2) }, maxContactsPerDay: 20, maxContactsPerWeek: 50 } }, lender.admin);
      const ext = await refusal({ channel: 'LETTER' });
      expect(ext).toMatchObject({ code: 'CONDUCT_RULE_VIOLATION', rule: 'QUIET_HOURS' });
      const allowedAt = new Date(ext.allowedAt as string);
      const expected = new Date();
      expected.setUTCHours((shanghaiHour + 2 - 8 + 24) % 24, 0, 0, 0);
      if (expected <= new Date()) expected.setUTCDate(expected.getUTCDate() + 1);
      expect(allowedAt.toISOString()).toBe(expected.toISOString());
      // Inbound contact (the borrower calls in) is never refused.
      expect((await app.gql(CONTACT, { i: { caseId, channel: 'CALL', direction: 'INBOUND', outcome: 'PROMISE' } }, collector)).errors).toBeUndefined();
      await app.gql(SET_CONDUCT, { i: { quietHours: null, maxContactsPerDay: 20, maxContactsPerWeek: 50, forbiddenWords: ['jail'] } }, lender.admin);
    });

    it('THIRD_PARTY, CHANNEL_NOT_ALLOWED and CONTENT, never allowed as asked', async () => {
      expect(await refusal({ channel: 'LETTER', contactedParty: 'OTHER' })).toMatchObject({ rule: 'THIRD_PARTY', field: 'input.contactedParty', allowedAt: null });
      expect(await refusal({ channel: 'LETTER', contactedParty: 'GUARANTOR', disclosesDebt: true })).toMatchObject({ rule: 'THIRD_PARTY' });
      expect(await refusal({ channel: 'SMS' })).toMatchObject({ rule: 'CHANNEL_NOT_ALLOWED', field: 'input.channel' });
      expect(await refusal({ channel: 'LETTER', message: 'Pay or go to JAIL' })).toMatchObject({ rule: 'CONTENT', field: 'input.message' });
    });

    it('CONTACT_CAP per borrower and day, free at the borrower’s midnight', async () => {
      await app.gql(SET_CONDUCT, { i: { quietHours: null, maxContactsPerDay: 1, maxContactsPerWeek: 50 } }, lender.admin);
      const ext = await refusal({ channel: 'LETTER' });
      expect(ext).toMatchObject({ code: 'CONDUCT_RULE_VIOLATION', rule: 'CONTACT_CAP' });
      // Midnight in Shanghai is 16:00 UTC.
      expect((ext.allowedAt as string).slice(11)).toBe('16:00:00.000Z');
    });

    it('COOLING_OFF after a complaint about collections, whose deadline follows its category', async () => {
      await app.gql(SET_CONDUCT, { i: { quietHours: null, maxContactsPerDay: 20, maxContactsPerWeek: 50, coolingOffDays: 7, complaintDeadlines: [{ category: 'COLLECTIONS', hours: 24 }] } }, lender.admin);
      const borrowerId = (await app.gql(CASE(caseId), {}, lender.admin)).data!.collectionCase.borrower.id;
      const filed = await app.gql(`mutation { fileComplaint(input: { borrowerId: "${borrowerId}", loanId: "${loanId}", channel: "PHONE", category: "COLLECTIONS", text: "Called too often" }) { id status dueAt createdAt breached } }`, {}, lender.admin);
      expect(filed.errors).toBeUndefined();
      const c = filed.data!.fileComplaint;
      expect(Date.parse(c.dueAt) - Date.parse(c.createdAt)).toBe(24 * 3_600_000);
      const ext = await refusal({ channel: 'LETTER' });
      expect(ext).toMatchObject({ rule: 'COOLING_OFF' });
      expect(Date.parse(ext.allowedAt as string) - Date.parse(c.createdAt)).toBe(7 * 86_400_000);
      const answered = await app.gql(`mutation { respondToComplaint(id: "${c.id}", response: "We have paused calls") { status breached } }`, {}, lender.admin);
      expect(answered.data!.respondToComplaint).toEqual({ status: 'RESPONDED', breached: false });
      expect((await app.gql(CONTACT, { i: { caseId, channel: 'LETTER', direction: 'OUTBOUND' } }, collector)).errors).toBeUndefined();
      expect((await app.gql('{ complaints(first: 10) { nodes { id category status } } }', {}, lender.admin)).data!.complaints.nodes).toEqual([{ id: c.id, category: 'COLLECTIONS', status: 'RESPONDED' }]);
      expect((await app.gql('{ complaintSlaBreaches(first: 10) { nodes { id } } }', {}, lender.admin)).data!.complaintSlaBreaches.nodes).toEqual([]);
    });
  });

  it('closes a case CURED at the first close of business after its loan is brought current', async () => {
    const today = todayUtc();
    const cured = await disbursedLoan(app, lender, { amount: '12000.00', termCount: 12 });
    await ageLoan(app, cured.loanId, 100);
    await runCob(addDays(today, -3));
    const c = await openCase(cured.loanId);
    expect(c).toBeTruthy();
    const overdue = (await app.gql(`{ loan(id: "${cured.loanId}") { balances { overdue { total } } } }`, {}, lender.admin)).data!.loan.balances.overdue.total;
    const paid = await app.gql(REPAY, { i: { loanId: cured.loanId, amount: overdue, paidAt: addDays(today, -3), method: 'MOBILE_MONEY', idempotencyKey: `cure-${cured.loanId}` } }, lender.admin);
    expect(paid.errors).toBeUndefined();
    await runCob(addDays(today, -2));
    const read = (await app.gql(CASE(c.id), {}, lender.admin)).data!.collectionCase;
    expect(read).toMatchObject({ status: 'CLOSED', closeReason: 'CURED', dpd: 0 });
    const events = await app.gql('{ events(first: 100, filter: { types: ["collection.case_closed"] }) { nodes { subjectId data } } }', {}, lender.admin);
    expect(events.data!.events.nodes).toEqual([{ subjectId: c.id, data: expect.objectContaining({ reason: 'CURED' }) }]);
  });

  it('a promise to pay is kept when repayments cover it by its date, broken (with an event) when its day passes unpaid', async () => {
    const today = todayUtc();
    const other = await disbursedLoan(app, lender, { amount: '3000.00', termCount: 3 });
    await ageLoan(app, other.loanId, 100);
    await runCob(addDays(today, -1));
    const otherCase = await openCase(other.loanId);
    expect(otherCase).toBeTruthy();
    const past = await app.gql(`mutation { recordPromiseToPay(input: { caseId: "${caseId}", amount: "100.00", dueDate: "${addDays(today, -1)}" }) { id } }`, {}, collector);
    expect(past.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.dueDate' });
    const kept = await app.gql(`mutation { recordPromiseToPay(input: { caseId: "${caseId}", amount: "100.00", dueDate: "${today}" }) { id status } }`, {}, collector);
    expect(kept.data!.recordPromiseToPay.status).toBe('OPEN');
    const tooFine = await app.gql(`mutation { recordPromiseToPay(input: { caseId: "${caseId}", amount: "10.005", dueDate: "${today}" }) { id } }`, {}, collector);
    expect(tooFine.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.amount' });
    const twice = await app.gql(`mutation { recordPromiseToPay(input: { caseId: "${caseId}", amount: "50.00", dueDate: "${today}" }) { id } }`, {}, collector);
    expect(twice.errors![0].extensions.code).toBe('CONFLICT');
    const paid = await app.gql(REPAY, { i: { loanId, amount: '100.00', paidAt: today, method: 'MOBILE_MONEY', idempotencyKey: `promise-kept-${loanId}` } }, lender.admin);
    expect(paid.errors).toBeUndefined();
    // The other borrower promised yesterday to pay yesterday (the spec moves the promise back a day) and did not.
    const broken = await app.gql(`mutation { recordPromiseToPay(input: { caseId: "${otherCase.id}", amount: "250.00", dueDate: "${today}" }) { id } }`, {}, lender.admin);
    await app.ownerQuery('UPDATE collection_promises SET promised_on = $2::date, due_date = $2::date WHERE id = $1', [broken.data!.recordPromiseToPay.id, addDays(today, -1)]);
    await runCob(today);
    const mine = (await app.gql(CASE(caseId), {}, lender.admin)).data!.collectionCase;
    expect(mine.promises).toEqual([{ amount: '100.00', dueDate: today, status: 'KEPT', paid: '100.00' }]);
    expect(mine.brokenPromises).toBe(0);
    const theirs = (await app.gql(CASE(otherCase.id), {}, lender.admin)).data!.collectionCase;
    expect(theirs.promises).toEqual([{ amount: '250.00', dueDate: addDays(today, -1), status: 'BROKEN', paid: '0.00' }]);
    expect(theirs.brokenPromises).toBe(1);
    const events = await app.gql('{ events(first: 100, filter: { types: ["collection.*"] }) { nodes { type subjectId } } }', {}, lender.admin);
    expect(events.data!.events.nodes.filter((e: { type: string }) => e.type === 'collection.promise_broken').map((e: { subjectId: string }) => e.subjectId)).toEqual([otherCase.id]);
  });

  it('a hardship request pauses the case (its pending actions cancelled) and cools contact off for the policy’s days', async () => {
    const before = Date.now();
    const res = await app.gql(`mutation { requestHardship(caseId: "${caseId}", reason: "Lost her job at the market") { id pausedUntil } }`, {}, collector);
    expect(res.errors).toBeUndefined();
    const paused = Date.parse(res.data!.requestHardship.pausedUntil);
    expect(paused - before).toBeGreaterThanOrEqual(30 * 86_400_000 - 60_000);
    expect(paused - before).toBeLessThanOrEqual(30 * 86_400_000 + 60_000);
    const read = (await app.gql(CASE(caseId), {}, lender.admin)).data!.collectionCase;
    expect(read.actions.filter((a: { status: string }) => a.status === 'PENDING')).toEqual([]);
    expect(read.contacts.at(-1)).toMatchObject({ outcome: 'HARDSHIP', direction: 'INBOUND' });
    const refused = await app.gql(CONTACT, { i: { caseId, channel: 'LETTER', direction: 'OUTBOUND' } }, collector);
    expect(refused.errors![0].extensions).toMatchObject({ code: 'CONDUCT_RULE_VIOLATION', rule: 'COOLING_OFF', allowedAt: new Date(paused).toISOString() });
    const events = await app.gql('{ events(first: 100, filter: { types: ["collection.hardship_requested"] }) { nodes { subjectId } } }', {}, lender.admin);
    expect(events.data!.events.nodes).toEqual([{ subjectId: caseId }]);
  });

  it('sums the period up: entries and cures by stage, roll rates, promises, recoveries, contacts, refusals by rule', async () => {
    const res = await app.gql(`{ collectionKpis(from: "${firstDue}", to: "${todayUtc()}") {
      stages { stage entered cured cureRate recovered } rollRates { from to loans } promisesMade promisesKept promisesBroken promiseKeptRate
      recovered outboundContacts contactsPerThousandRecovered refusals { rule automatic count } } }`, {}, lender.admin);
    expect(res.errors).toBeUndefined();
    const k = res.data!.collectionKpis;
    const stage = (name: string) => k.stages.find((s: { stage: string }) => s.stage === name);
    for (const name of ['SOFT', 'EARLY', 'MID', 'LATE', 'LEGAL']) expect(stage(name).entered).toBeGreaterThanOrEqual(1);
    expect(k.stages.reduce((n: number, s: { cured: number }) => n + s.cured, 0)).toBe(1);
    expect([k.promisesMade, k.promisesKept, k.promisesBroken, Number(k.promiseKeptRate)]).toEqual([2, 1, 1, 0.5]);
    // The 100.00 paid on the walked loan while its case was open, and what cured the other, are recoveries.
    expect(Number(k.recovered)).toBeGreaterThan(100);
    expect(k.outboundContacts).toBeGreaterThan(0);
    expect(Number(k.contactsPerThousandRecovered)).toBeGreaterThan(0);
    const refused = Object.fromEntries(k.refusals.filter((r: { automatic: boolean }) => !r.automatic).map((r: { rule: string; count: number }) => [r.rule, r.count]));
    expect(refused).toEqual({ QUIET_HOURS: 1, THIRD_PARTY: 2, CHANNEL_NOT_ALLOWED: 1, CONTENT: 1, CONTACT_CAP: 1, COOLING_OFF: 2 });
    expect(k.rollRates.length).toBeGreaterThan(0);
    const bad = await app.gql('{ collectionKpis(from: "2026-02-01", to: "2026-01-01") { recovered } }', {}, lender.admin);
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
  });

  it('shares a team’s unassigned cases among its members by load, within their capacity', async () => {
    const unassigned = async () => (await app.gql('{ collectionCases(first: 100, status: OPEN) { nodes { id assigneeId team } } }', {}, lender.admin)).data!.collectionCases.nodes
      .filter((c: { assigneeId: string | null }) => c.assigneeId === null);
    const waiting = await unassigned();
    expect(waiting.length).toBeGreaterThan(0);
    const bad = await app.gql(`mutation { setCollectionTeam(input: { team: "COLLECTOR", members: ["${lender.tenantId}"], capacity: 5 }) { team } }`, {}, lender.admin);
    expect(bad.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', id: lender.tenantId });
    // The collector already holds one case: with a capacity of one there is no room.
    for (const team of ['COLLECTOR', 'LEGAL']) {
      expect((await app.gql(`mutation { setCollectionTeam(input: { team: "${team}", members: ["${collectorKeyId}"], capacity: 1 }) { team members capacity } }`, {}, lender.admin)).data!.setCollectionTeam)
        .toEqual({ team, members: [collectorKeyId], capacity: 1 });
    }
    await app.gql('mutation { runCollectionActions }', {}, lender.admin);
    expect(await unassigned()).toHaveLength(waiting.length);
    for (const team of ['COLLECTOR', 'LEGAL']) await app.gql(`mutation { setCollectionTeam(input: { team: "${team}", members: ["${collectorKeyId}"], capacity: 10 }) { team } }`, {}, lender.admin);
    await app.gql('mutation { runCollectionActions }', {}, lender.admin);
    expect(await unassigned()).toEqual([]);
    const queue = (await app.gql('{ myCollectionQueue { id } }', {}, collector)).data!.myCollectionQueue.map((c: { id: string }) => c.id);
    for (const c of waiting) expect(queue).toContain(c.id);
  });
});
