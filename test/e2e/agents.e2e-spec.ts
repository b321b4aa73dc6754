import { type TestApp, startTestApp } from '../support/test-app';

const CREATE = `mutation($i: CreateAgentInput!) { createAgent(input: $i) { id code kind name parentId region status referralCode contact { phone email person } } }`;
const KEY = `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret apiKey { id role agentId } } }`;

/** Agents as parties: a network with its branch and agents, their keys, and a suspension that stops them. */
describe('agents and their keys', () => {
  let app: TestApp;
  let admin: string;
  let analyst: string;
  const ids = {} as { network: string; branch: string; agent: string; other: string; agency: string };

  beforeAll(async () => {
    app = await startTestApp();
    const { slug } = await app.createTenant();
    admin = await app.apiKey(slug, 'LENDER_ADMIN');
    analyst = await app.apiKey(slug, 'ANALYST');
  });
  afterAll(() => app.close());

  const create = async (i: Record<string, unknown>, key = admin) => app.gql(CREATE, { i }, key);

  it('builds a network, its branch and an agent under it, each with its own referral code', async () => {
    const network = await create({ code: 'RIFT', kind: 'NETWORK', name: '  Rift Valley Network ', region: 'Nakuru', contact: { phone: '+254 700 000 001', email: 'ops@rift.example', person: 'Wanjiru' } });
    expect(network.errors).toBeUndefined();
    expect((await create({ code: 'RIFT', kind: 'NETWORK', name: 'Twin' })).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.code' });
    expect(network.data!.createAgent).toMatchObject({ code: 'RIFT', kind: 'NETWORK', name: 'Rift Valley Network', parentId: null, region: 'Nakuru', status: 'ACTIVE', contact: { phone: '+254 700 000 001', email: 'ops@rift.example', person: 'Wanjiru' } });
    ids.network = network.data!.createAgent.id;
    ids.branch = (await create({ kind: 'BRANCH', name: 'Nakuru Town', parentId: ids.network })).data!.createAgent.id;
    ids.agent = (await create({ kind: 'INDIVIDUAL', name: 'Kiprop', parentId: ids.branch })).data!.createAgent.id;
    ids.other = (await create({ kind: 'INDIVIDUAL', name: 'Otieno' })).data!.createAgent.id;
    ids.agency = (await create({ kind: 'COLLECTION_AGENCY', name: 'Haki Recoveries' })).data!.createAgent.id;
    const codes = (await app.gql('{ agents(first: 10) { nodes { referralCode } } }', {}, analyst)).data!.agents.nodes.map((n: any) => n.referralCode);
    expect(new Set(codes).size).toBe(5);
    const tree = await app.gql(`{ agent(id: "${ids.network}") { children { name children { name } } } }`, {}, analyst);
    expect(tree.data!.agent.children).toEqual([{ name: 'Nakuru Town', children: [{ name: 'Kiprop' }] }]);
  });

  it.each([
    [{ kind: 'BRANCH', name: 'Orphan', parentId: 'AGENT' }, 'input.parentId', /sits under a NETWORK, not a INDIVIDUAL/],
    [{ kind: 'COLLECTION_AGENCY', name: 'Sub-agency', parentId: 'NETWORK' }, 'input.parentId', /has no parent/],
    [{ kind: 'INDIVIDUAL', name: ' ' }, 'input.name', /1-200/],
    [{ kind: 'INDIVIDUAL', name: 'Bad mail', contact: { email: 'not-an-address' } }, 'input.contact.email', /e-mail/],
    [{ kind: 'INDIVIDUAL', name: 'Nobody’s', parentId: '00000000-0000-7000-8000-000000000000' }, 'input.parentId', /no agent/],
    [{ kind: 'INDIVIDUAL', name: 'Bad payout', payoutAccount: 'bank-123' }, 'input.payoutAccount', /acct_/],
    [{ kind: 'COLLECTION_AGENCY', name: 'Lowercase', code: 'haki' }, 'input.code', /capital letters/],
  ] as [Record<string, unknown>, string, RegExp][])('refuses a bad agent (%j) naming %s, and writes nothing', async (input, field, message) => {
    const before = (await app.gql('{ agents(first: 100) { nodes { id } } }', {}, admin)).data!.agents.nodes.length;
    const parentId = input.parentId === 'AGENT' ? ids.agent : input.parentId === 'NETWORK' ? ids.network : input.parentId;
    const res = await create({ ...input, ...(parentId ? { parentId } : {}) });
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(res.errors![0].message).toMatch(message);
    expect((await app.gql('{ agents(first: 100) { nodes { id } } }', {}, admin)).data!.agents.nodes.length).toBe(before);
  });

  it('refuses to put a network under its own branch', async () => {
    const res = await app.gql(`mutation { updateAgent(input: { id: "${ids.network}", parentId: "${ids.branch}" }) { id } }`, {}, admin);
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.parentId' });
    const moved = await app.gql(`mutation { updateAgent(input: { id: "${ids.other}", parentId: "${ids.branch}", region: "Nakuru" }) { parentId region name } }`, {}, admin);
    expect(moved.data!.updateAgent).toEqual({ parentId: ids.branch, region: 'Nakuru', name: 'Otieno' });
  });

  it('gives an AGENT key only to an active agent, and no other key an agent', async () => {
    expect((await app.gql(KEY, { i: { name: 'no agent', role: 'AGENT' } }, admin)).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.agentId' });
    expect((await app.gql(KEY, { i: { name: 'servicer', role: 'SERVICER', agentId: ids.agent } }, admin)).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.agentId' });
    const made = (await app.gql(KEY, { i: { name: 'Kiprop phone', role: 'AGENT', agentId: ids.agent } }, admin)).data!.createApiKey;
    expect(made.apiKey).toMatchObject({ role: 'AGENT', agentId: ids.agent });
    expect((await app.gql('{ viewer { agentId roles } }', {}, made.secret)).data!.viewer).toEqual({ agentId: ids.agent, roles: ['AGENT'] });
  });

  it('shows a network head its branch and agents, and an agent only itself', async () => {
    const head = await app.apiKey((await app.gql('{ viewer { tenant { slug } } }', {}, admin)).data!.viewer.tenant.slug, 'AGENT', { agentId: ids.network });
    const seen = (await app.gql('{ agents(first: 50) { nodes { name } } }', {}, head)).data!.agents.nodes.map((n: any) => n.name).sort();
    expect(seen).toEqual(['Kiprop', 'Nakuru Town', 'Otieno', 'Rift Valley Network']);
    const agentKey = (await app.gql(KEY, { i: { name: 'Kiprop tablet', role: 'AGENT', agentId: ids.agent } }, admin)).data!.createApiKey.secret;
    expect((await app.gql('{ agents { nodes { name } } }', {}, agentKey)).data!.agents.nodes).toEqual([{ name: 'Kiprop' }]);
    expect((await app.gql(`{ agent(id: "${ids.network}") { name } }`, {}, agentKey)).errors![0].extensions.code).toBe('NOT_FOUND');
    expect((await app.gql('mutation { createAgent(input: { kind: INDIVIDUAL, name: "Self-made" }) { id } }', {}, agentKey)).errors![0].extensions.code).toBe('FORBIDDEN');
  });

  it('stops a suspended agent’s keys at once, starts them again when reinstated, and keeps a terminated agent terminated', async () => {
    const key = (await app.gql(KEY, { i: { name: 'Otieno phone', role: 'AGENT', agentId: ids.other } }, admin)).data!.createApiKey.secret;
    expect((await app.gql('{ viewer { agentId } }', {}, key)).data!.viewer.agentId).toBe(ids.other);
    expect((await app.gql(`mutation { setAgentStatus(id: "${ids.other}", status: SUSPENDED) { status } }`, {}, admin)).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const suspended = await app.gql(`mutation { setAgentStatus(id: "${ids.other}", status: SUSPENDED, reason: "borrowers complain of upfront fees") { status statusReason } }`, {}, admin);
    expect(suspended.data!.setAgentStatus).toEqual({ status: 'SUSPENDED', statusReason: 'borrowers complain of upfront fees' });
    const refused = await app.gql('{ viewer { agentId } }', {}, key);
    expect(refused.errors![0]).toMatchObject({ message: 'Agent is suspended', extensions: { code: 'UNAUTHENTICATED' } });
    expect((await app.gql(KEY, { i: { name: 'another', role: 'AGENT', agentId: ids.other } }, admin)).errors![0].message).toMatch(/SUSPENDED/);
    await app.gql(`mutation { setAgentStatus(id: "${ids.other}", status: ACTIVE) { status } }`, {}, admin);
    expect((await app.gql('{ viewer { agentId } }', {}, key)).data!.viewer.agentId).toBe(ids.other);
    await app.gql(`mutation { setAgentStatus(id: "${ids.other}", status: TERMINATED, reason: "contract ended") { status } }`, {}, admin);
    expect((await app.gql(`mutation { setAgentStatus(id: "${ids.other}", status: ACTIVE) { status } }`, {}, admin)).errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'AGENT_TERMINATED' });
    expect((await app.gql('{ viewer { agentId } }', {}, key)).errors![0].message).toBe('Agent is terminated');
    const events = await app.gql('{ events(first: 50, filter: { types: ["agent.*"] }) { nodes { type data } } }', {}, admin);
    expect(events.data!.events.nodes.filter((e: any) => e.type === 'agent.status_changed').map((e: any) => e.data.to)).toEqual(expect.arrayContaining(['SUSPENDED', 'ACTIVE', 'TERMINATED']));
  });

  it('refuses agent administration to anyone but a lender admin', async () => {
    for (const q of [`mutation { createAgent(input: { kind: INDIVIDUAL, name: "x" }) { id } }`, `mutation { setAgentStatus(id: "${ids.agent}", status: ACTIVE) { id } }`, `mutation { updateAgent(input: { id: "${ids.agent}", name: "y" }) { id } }`]) {
      expect((await app.gql(q, {}, analyst)).errors![0].extensions.code).toBe('FORBIDDEN');
    }
  });

  it('checks an agent’s identity with the KYC provider and has it sign its agreement with its own key', async () => {
    const VERIFY = (id: string, nationalId: string) => `mutation { verifyAgentIdentity(agentId: "${id}", input: { fullName: "Kiprop Cheruiyot", nationalId: "${nationalId}" }) { kycStatus kycCheckedAt } }`;
    expect((await app.gql(VERIFY(ids.agent, '29384756'), {}, admin)).data!.verifyAgentIdentity).toEqual({ kycStatus: 'VERIFIED', kycCheckedAt: expect.any(String) });
    // The sandbox fails a document whose number ends in 1111.
    expect((await app.gql(VERIFY(ids.agency, '55551111'), {}, admin)).data!.verifyAgentIdentity.kycStatus).toBe('FAILED');
    const key = (await app.gql(KEY, { i: { name: 'Kiprop signing', role: 'AGENT', agentId: ids.agent } }, admin)).data!.createApiKey.secret;
    const read = async () => (await app.gql(`{ agentAgreement(agentId: "${ids.agent}") { text sha256 signed signerName signedAt } }`, {}, key)).data!.agentAgreement;
    const agreement = await read();
    expect(agreement).toMatchObject({ signed: false, signerName: null, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(agreement.text).toContain('and Kiprop');
    const SIGN = (hash: string) => `mutation { signAgentAgreement(agentId: "${ids.agent}", signerName: "Kiprop Cheruiyot", documentHash: "${hash}") { signed signerName signedAt } }`;
    expect((await app.gql(SIGN('0'.repeat(64)), {}, key)).errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'AGREEMENT_CHANGED', sha256: agreement.sha256 });
    expect((await app.gql(SIGN(agreement.sha256), {}, admin)).errors![0].extensions.code).toBe('FORBIDDEN');
    expect((await app.gql(SIGN(agreement.sha256), {}, key)).data!.signAgentAgreement).toEqual({ signed: true, signerName: 'Kiprop Cheruiyot', signedAt: expect.any(String) });
    expect((await app.gql(`{ agent(id: "${ids.agent}") { agreementSignedAt } }`, {}, admin)).data!.agent.agreementSignedAt).toEqual(expect.any(String));
    // Renamed, the agent has a new text to sign.
    await app.gql(`mutation { updateAgent(input: { id: "${ids.agent}", name: "Kiprop C." }) { id } }`, {}, admin);
    expect((await read()).signed).toBe(false);
  });
});
