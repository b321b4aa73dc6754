import { lenderWithProduct, borrowerInput } from '../support/origination';
import { type TestApp, startTestApp } from '../support/test-app';

const AGENT_SUBMIT = 'mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { id status } }';

/** Fraud signals on agents: borrowers sharing a device, applications clustered just under an approval threshold. */
describe('agent risk signals', () => {
  let app: TestApp;
  let lender: Awaited<ReturnType<typeof lenderWithProduct>>;
  const ids = {} as { shady: string; clean: string };
  const keys = {} as { shady: string; clean: string };
  const gql = async (query: string, key = lender.admin, variables: Record<string, unknown> = {}) => {
    const res = await app.gql(query, variables, key);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  };
  const submit = (key: string, amount: string, deviceId?: string) =>
    gql(AGENT_SUBMIT, key, { input: { productId: lender.productId, amount, termCount: 6, frequency: 'MONTHLY', borrower: borrowerInput(), deviceId } });

  beforeAll(async () => {
    app = await startTestApp();
    lender = await lenderWithProduct(app);
    await app.ownerQuery("UPDATE tenants SET timezone = 'UTC' WHERE slug = $1", [lender.slug]);
    await gql('mutation { setApprovalTiers(tiers: [{ id: "auto", name: "Small", priority: 1, maxAmount: "50000", mode: AUTO }, { id: "officer", name: "Officer", priority: 2, mode: SINGLE }]) { id } }');
    for (const k of ['shady', 'clean'] as const) {
      ids[k] = (await gql(`mutation { createAgent(input: { kind: INDIVIDUAL, name: "${k}" }) { id } }`)).createAgent.id;
      keys[k] = await app.apiKey(lender.slug, 'AGENT', { agentId: ids[k] });
    }
  });
  afterAll(() => app.close());

  it('raises each signal once, with an event, and shows it to the lender only', async () => {
    for (const [amount, device] of [['49000.00', 'device-77'], ['48000.00', 'device-77'], ['49999.00', 'device-77'], ['49500.00', undefined], ['20000.00', undefined]] as const) await submit(keys.shady, amount, device);
    await submit(keys.clean, '30000.00', 'device-12');
    const today = new Date().toISOString().slice(0, 10);
    await app.inTenant(lender.slug, (ctx) => app.runtime.services.cob.run(ctx, today));

    const shady = (await gql(`{ agent(id: "${ids.shady}") { riskSignals { kind detail raisedOn } } }`)).agent.riskSignals;
    expect(shady).toEqual([
      { kind: 'SHARED_DEVICE', detail: '3 referred borrowers share one device', raisedOn: today },
      { kind: 'THRESHOLD_CLUSTER', detail: '4 of 5 applications ask for just under an approval threshold', raisedOn: today },
    ]);
    expect((await gql(`{ agent(id: "${ids.clean}") { riskSignals { kind } } }`)).agent.riskSignals).toEqual([]);
    const events = (await gql('{ events(first: 20, filter: { types: ["agent.risk_signal"] }) { nodes { subjectId data } } }')).events.nodes;
    expect(events.map((e: any) => [e.subjectId, e.data.kind]).sort()).toEqual([[ids.shady, 'SHARED_DEVICE'], [ids.shady, 'THRESHOLD_CLUSTER']]);
    // Once: another look raises nothing new.
    expect(await app.inTenant(lender.slug, (ctx) => app.runtime.services.agentRisk.raise(ctx, today))).toBe(0);
    // The agent does not read what the lender suspects of it.
    expect((await app.gql(`{ agent(id: "${ids.shady}") { riskSignals { kind } } }`, {}, keys.shady)).errors![0].extensions.code).toBe('FORBIDDEN');
  });
});
