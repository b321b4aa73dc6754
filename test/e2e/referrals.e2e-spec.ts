import { collectionsLender } from '../support/collections';
import { type autoLender, disbursedLoan } from '../support/loans';
import { borrowerInput } from '../support/origination';
import { type TestApp, startTestApp } from '../support/test-app';

const REFER = `mutation($i: SubmitReferralInput!) { submitReferral(input: $i) { id agentId status fullName nationalIdLast4 productCode amount applicationId expiresAt } }`;
const APPLY = `mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { id agentId referralId referrerBorrowerId borrowerId } }`;

/** Referrals before applications: leads, duplicates by the blind index, attribution, referral codes and friends’ codes. */
describe('referrals and attribution', () => {
  let app: TestApp;
  let lender: Awaited<ReturnType<typeof autoLender>>;
  const ids = {} as { a: string; b: string; codeA: string };
  const keys = {} as { a: string; b: string };
  const gql = async (query: string, key = lender.admin, variables: Record<string, unknown> = {}) => {
    const res = await app.gql(query, variables, key);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  };
  const refer = (key: string, person: { fullName: string; nationalId: string; phone?: string }, extra: Record<string, unknown> = {}) =>
    gql(REFER, key, { i: { borrower: { fullName: person.fullName, nationalId: person.nationalId, phone: person.phone }, productCode: 'CONSUMER-1', amount: '20000', consent: true, ...extra } }).then((d) => d.submitReferral);
  const apply = (borrower: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    gql(APPLY, lender.admin, { input: { productId: lender.productId, amount: '20000.00', termCount: 6, frequency: 'MONTHLY', borrower, ...extra } }).then((d) => d.submitApplication);

  beforeAll(async () => {
    app = await startTestApp();
    ({ lender } = await collectionsLender(app));
    for (const k of ['a', 'b'] as const) {
      const agent = (await gql(`mutation { createAgent(input: { kind: INDIVIDUAL, name: "Agent ${k}" }) { id referralCode } }`)).createAgent;
      ids[k] = agent.id;
      if (k === 'a') ids.codeA = agent.referralCode;
      keys[k] = await app.apiKey(lender.slug, 'AGENT', { agentId: agent.id });
    }
  });
  afterAll(() => app.close());

  it('refuses a referral without the person’s consent, or from anyone but an agent', async () => {
    const person = borrowerInput();
    const res = await app.gql(REFER, { i: { borrower: { fullName: person.fullName, nationalId: person.nationalId }, consent: false } }, keys.a);
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.consent' });
    expect((await app.gql(REFER, { i: { borrower: { fullName: 'X', nationalId: '12345678' }, consent: true } }, lender.admin)).errors![0].extensions.code).toBe('FORBIDDEN');
    expect((await app.gql(REFER, { i: { borrower: { fullName: 'X', nationalId: '12345678' }, productCode: 'NOPE', consent: true } }, keys.a)).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.productCode' });
  });

  it('keeps a person with the first agent (first touch), and credits the application made for them to it', async () => {
    const person = borrowerInput();
    const lead = await refer(keys.a, person);
    expect(lead).toMatchObject({ agentId: ids.a, status: 'OPEN', fullName: person.fullName, nationalIdLast4: person.nationalId.slice(-4), amount: '20000', applicationId: null });
    // The same person, as another agent writes the number.
    const dup = await refer(keys.b, { ...person, nationalId: `${person.nationalId.slice(0, 4)} ${person.nationalId.slice(4)}` });
    expect(dup).toMatchObject({ agentId: ids.b, status: 'REJECTED_DUPLICATE' });
    const application = await apply(person);
    expect(application).toMatchObject({ agentId: ids.a, referralId: lead.id, referrerBorrowerId: null });
    expect((await gql('{ referrals(first: 10) { nodes { id status applicationId } } }', keys.a)).referrals.nodes).toEqual([{ id: lead.id, status: 'CONVERTED', applicationId: application.id }]);
    expect((await gql('{ applications(first: 10) { nodes { id } } }', keys.a)).applications.nodes.map((n: any) => n.id)).toEqual([application.id]);
    expect((await gql('{ applications(first: 10) { nodes { id } } }', keys.b)).applications.nodes).toEqual([]);
    expect((await gql('{ referrals(first: 10) { nodes { status } } }', keys.b)).referrals.nodes).toEqual([{ status: 'REJECTED_DUPLICATE' }]);
  });

  it('hands the person to the later agent under last touch', async () => {
    const set = await gql('mutation { setAttributionRules(input: { model: LAST_TOUCH, windowDays: 30, returningCustomer: NO_CREDIT }) { model windowDays returningCustomer } }');
    expect(set.setAttributionRules).toEqual({ model: 'LAST_TOUCH', windowDays: 30, returningCustomer: 'NO_CREDIT' });
    expect((await app.gql('mutation { setAttributionRules(input: { model: LAST_TOUCH, windowDays: 0, returningCustomer: CREDIT }) { model } }', {}, lender.admin)).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.windowDays' });
    const person = borrowerInput();
    const first = await refer(keys.a, person);
    const second = await refer(keys.b, person);
    expect(second.status).toBe('OPEN');
    expect((await gql('{ referrals(first: 50, status: SUPERSEDED) { nodes { id } } }')).referrals.nodes).toEqual([{ id: first.id }]);
    expect((await apply(person)).agentId).toBe(ids.b);
  });

  it('credits nobody for a returning customer under NO_CREDIT', async () => {
    const person = borrowerInput();
    await disbursedLoan(app, lender, { amount: '20000.00', borrower: person });
    expect((await refer(keys.a, person)).status).toBe('REJECTED_RETURNING');
  });

  it('credits the owner of a referral code quoted on the application: an agent, or a borrower (a friend’s code)', async () => {
    const newcomer = await apply(borrowerInput(), { referralCode: ids.codeA.toLowerCase() });
    expect(newcomer).toMatchObject({ agentId: ids.a, referralId: null });
    const friendCode = (await gql(`{ borrower(id: "${newcomer.borrowerId}") { referralCode } }`)).borrower.referralCode;
    expect(friendCode).toMatch(/^[A-Z2-9]{10}$/);
    const friend = await apply(borrowerInput(), { referralCode: friendCode });
    expect(friend).toMatchObject({ agentId: null, referrerBorrowerId: newcomer.borrowerId });
    const bad = await app.gql(APPLY, { input: { productId: lender.productId, amount: '20000.00', termCount: 6, frequency: 'MONTHLY', borrower: borrowerInput(), referralCode: 'NOSUCHCODE' } }, lender.admin);
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.referralCode' });
  });
});
