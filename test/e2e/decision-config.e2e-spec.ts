import { SUBMIT, borrowerInput, lenderWithProduct } from '../support/origination';
import { type TestApp, startTestApp } from '../support/test-app';
import { DEFAULT_SCORECARD } from '../../src/modules/decision-config/default-policies';

describe('decision configuration, SLA and simulation', () => {
  let app: TestApp;
  let lender: Awaited<ReturnType<typeof lenderWithProduct>>;

  beforeAll(async () => {
    app = await startTestApp();
    lender = await lenderWithProduct(app);
    await app.gql('mutation { setApprovalTiers(tiers: [{ id: "auto", name: "Auto", priority: 1, mode: AUTO }]) { id } }', {}, lender.admin);
  });
  afterAll(() => app.close());

  const submit = (amount: string, overrides: Record<string, unknown> = {}) =>
    app.gql(SUBMIT, { input: { productId: lender.productId, amount, termCount: 12, frequency: 'MONTHLY', borrower: borrowerInput(overrides) } }, lender.admin);

  it('refuses an invalid scorecard or rule set naming the path inside the definition', async () => {
    const badCard = await app.gql('mutation($d: JSON!) { saveScorecard(name: "x", definition: $d) { id } }', {
      d: { basePoints: 400, baseScore: 600, baseOdds: 50, pdo: -20, attributes: [{ fact: 'age', reasonCode: 'AGE', missingPoints: 0, bins: [{ label: 'young', max: '30', points: 5 }, { label: 'overlap', min: '25', points: 10 }] }], grades: [{ grade: 'A', minScore: 0 }] },
    }, lender.admin);
    expect(badCard.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(String(badCard.errors![0].extensions.field)).toMatch(/^definition/);
    const badRules = await app.gql('mutation($d: JSON!) { saveRuleSet(name: "x", definition: $d) { id } }', {
      d: { rules: [{ id: 'r', description: 'x', when: { fact: 'age', op: 'eval', value: 'process.exit()' }, outcome: 'DECLINE', reasonCode: 'X' }] },
    }, lender.admin);
    expect(badRules.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(String(badRules.errors![0].extensions.field)).toContain('definition.rules.0.when');
  });

  it('simulates a draft rule set over past applications before it is activated, then applies it once active', async () => {
    for (const amount of ['10000.00', '20000.00', '30000.00', '40000.00']) expect((await submit(amount)).data!.submitApplication.status).toBe('OFFERED');
    const draft = (await app.gql('mutation($d: JSON!) { saveRuleSet(name: "tighter", definition: $d) { id status version } }', {
      d: { rules: [{ id: 'max-amount', description: 'No loan above 25,000 without review', when: { fact: 'amount', op: 'gt', value: '25000' }, outcome: 'REFER', reasonCode: 'LARGE_AMOUNT' }] },
    }, lender.admin)).data!.saveRuleSet;
    expect(draft).toMatchObject({ status: 'DRAFT', version: 1 });
    const sim = (await app.gql(`{ simulateDecision(ruleSetId: "${draft.id}") { applications current draft changed } }`, {}, lender.admin)).data!.simulateDecision;
    expect(sim.applications).toBe(4);
    expect(sim.current.approved).toBe(4);
    expect(sim.draft.approved).toBe(2);
    expect(sim.draft.referred).toBe(2);
    expect(sim.changed).toHaveLength(2);
    // A draft changes nothing live.
    expect((await submit('35000.00')).data!.submitApplication.status).toBe('OFFERED');
    await app.gql(`mutation { activateDecisionConfig(id: "${draft.id}") { status } }`, {}, lender.admin);
    const after = (await submit('35000.00')).data!.submitApplication;
    expect(after.status).toBe('REFERRED');
    expect(after.decision.reasons[0].code).toBe('LARGE_AMOUNT');
  });

  it('keeps deciding with the active rules while the scorecard changes version after version (each version checked once, none lost)', async () => {
    // The rules activated above refer anything above 25,000; twelve scorecard versions in turn, each decided with at once.
    for (let i = 0; i < 12; i++) {
      const card = (await app.gql('mutation($d: JSON!) { saveScorecard(name: "turn", definition: $d, activate: true) { status version } }', {
        d: { ...DEFAULT_SCORECARD, basePoints: 420 + i },
      }, lender.admin)).data!.saveScorecard;
      expect(card.status).toBe('ACTIVE');
      const decided = (await submit('35000.00')).data!.submitApplication;
      expect(decided.status).toBe('REFERRED');
      expect(decided.decision.reasons[0].code).toBe('LARGE_AMOUNT');
    }
  });

  it('lists applications that outlived their stage time limit', async () => {
    await app.gql('mutation { setStageTimeLimits(limits: [{ status: OFFERED, hours: 1 }, { status: REFERRED, hours: 24 }]) }', {}, lender.admin);
    const fresh = (await submit('12000.00')).data!.submitApplication;
    const stale = (await submit('13000.00')).data!.submitApplication;
    await app.ownerQuery("UPDATE applications SET status_entered_at = now() - interval '3 hours' WHERE id = $1", [stale.id]);
    const breaches = (await app.gql('{ applicationSlaBreaches { application { id } stage limitHours overdueMinutes } }', {}, lender.admin)).data!.applicationSlaBreaches;
    const ids = breaches.map((b: any) => b.application.id);
    expect(ids).toContain(stale.id);
    expect(ids).not.toContain(fresh.id);
    expect(breaches.find((b: any) => b.application.id === stale.id)).toMatchObject({ stage: 'OFFERED', limitHours: 1 });
    expect(breaches.find((b: any) => b.application.id === stale.id).overdueMinutes).toBeGreaterThanOrEqual(119);
    const filtered = await app.gql('{ applications(slaBreached: true) { nodes { id } } }', {}, lender.admin);
    expect(filtered.data!.applications.nodes.map((n: any) => n.id)).toContain(stale.id);
    expect(filtered.data!.applications.nodes.map((n: any) => n.id)).not.toContain(fresh.id);
  });

  it('filters applications by stage time limit with the same rule as the breach list: fractional hours, never a closed stage', async () => {
    await app.gql('mutation { setStageTimeLimits(limits: [{ status: OFFERED, hours: 1.5 }, { status: WITHDRAWN, hours: 1 }]) }', {}, lender.admin);
    const [late, inTime, closed] = [(await submit('12100.00')).data!.submitApplication, (await submit('12200.00')).data!.submitApplication, (await submit('12300.00')).data!.submitApplication];
    expect((await app.gql(`mutation { withdrawApplication(id: "${closed.id}") { status } }`, {}, lender.admin)).data!.withdrawApplication.status).toBe('WITHDRAWN');
    for (const [id, minutes] of [[late.id, 105], [inTime.id, 80], [closed.id, 180]]) {
      await app.ownerQuery(`UPDATE applications SET status_entered_at = now() - make_interval(mins => $2) WHERE id = $1`, [id, minutes]);
    }
    const ours = (ids: string[]) => ids.filter((id) => [late.id, inTime.id, closed.id].includes(id)).sort();
    const listed = async (slaBreached: boolean) => ours((await app.gql(`{ applications(slaBreached: ${slaBreached}, first: 100) { nodes { id } } }`, {}, lender.admin)).data!.applications.nodes.map((n: any) => n.id));
    const breaches = ours((await app.gql('{ applicationSlaBreaches { application { id } } }', {}, lender.admin)).data!.applicationSlaBreaches.map((b: any) => b.application.id));
    expect(breaches).toEqual([late.id]);
    expect(await listed(true)).toEqual(breaches);
    expect(await listed(false)).toEqual([inTime.id, closed.id].sort());
  });

  it('screens names against the tenant’s watch list with a fuzzy match and refers a hit', async () => {
    await app.gql('mutation { setWatchlist(listName: "sanctions-2026", names: ["Ivan Petrovich Sidorov", "Wanjiru Kamau"]) }', {}, lender.admin);
    const hit = (await submit('10000.00', { fullName: 'Sidorov, Ivan Petrovich' })).data!.submitApplication;
    expect(hit.status).toBe('REFERRED');
    expect(hit.decision.checks.find((c: any) => c.kind === 'SANCTIONS')).toMatchObject({ outcome: 'REFER' });
  });
});
