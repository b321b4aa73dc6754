import { createHash } from 'node:crypto';
import { SUBMIT, borrowerInput, lenderWithProduct, setTieredApprovals } from '../support/origination';
import { type TestApp, startTestApp } from '../support/test-app';

describe('origination', () => {
  let app: TestApp;
  let lender: Awaited<ReturnType<typeof lenderWithProduct>>;

  beforeAll(async () => {
    app = await startTestApp();
    lender = await lenderWithProduct(app);
    await setTieredApprovals(app, lender.admin);
  });
  afterAll(() => app.close());

  const submit = (input: Record<string, unknown>, token = lender.admin) => app.gql(SUBMIT, { input: { productId: lender.productId, termCount: 12, frequency: 'MONTHLY', ...input } }, token);

  it('takes a small loan from submission to disbursement, automatically approved, paid once whatever the retries', async () => {
    const res = await submit({ amount: '20000.00', borrower: borrowerInput(), deviceId: 'device-auto-1' });
    expect(res.errors).toBeUndefined();
    const appl = res.data!.submitApplication;
    expect(appl.status).toBe('OFFERED');
    expect(appl.decision.outcome).toBe('APPROVED');
    expect(appl.decision.checks.map((c: any) => c.kind)).toEqual(['KYC', 'SANCTIONS', 'FRAUD', 'BUREAU']);
    expect(appl.decision.tier.id).toBe('small-auto');
    expect(['A', 'B', 'C']).toContain(appl.riskGrade);
    // The offer discloses the schedule, fees, APR and total cost.
    expect(appl.offer.schedule).toHaveLength(12);
    expect(appl.offer.upfrontFees.deducted).toBe('200.00');
    expect(appl.offer.netDisbursement).toBe('19800.00');
    expect(Number(appl.offer.apr)).toBeGreaterThan(Number(appl.offer.annualRate));

    const accepted = (await app.gql(`mutation { acceptOffer(applicationId: "${appl.id}") { status contract { sha256 text templateVersion } } }`, {}, lender.admin)).data!.acceptOffer;
    expect(accepted.status).toBe('ACCEPTED');
    expect(accepted.contract.sha256).toBe(createHash('sha256').update(accepted.contract.text).digest('hex'));
    expect(accepted.contract.text).toContain('Net disbursement: 19800.00');
    const wrongDoc = await app.gql(`mutation { signContract(applicationId: "${appl.id}", signerName: "Amina", documentHash: "${'0'.repeat(64)}") { status } }`, {}, lender.admin);
    expect(wrongDoc.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.documentHash' });
    const signed = await app.gql(`mutation { signContract(applicationId: "${appl.id}", signerName: "Amina Wanjiku", documentHash: "${accepted.contract.sha256}") { status signature { signerName documentHash signedAt } } }`, {}, lender.admin);
    expect(signed.data!.signContract).toMatchObject({ status: 'CONTRACT_SIGNED', signature: { signerName: 'Amina Wanjiku', documentHash: accepted.contract.sha256 } });

    const disburse = `mutation { disburseLoan(applicationId: "${appl.id}", idempotencyKey: "disb-${appl.id}") { id principal netDisbursed currency disbursementRef schedule { number } } }`;
    const [first, second] = await Promise.all([app.gql(disburse, {}, lender.admin), app.gql(disburse, {}, lender.admin)]);
    expect(first.errors).toBeUndefined();
    expect(second.errors).toBeUndefined();
    expect(second.data!.disburseLoan.id).toBe(first.data!.disburseLoan.id);
    expect(first.data!.disburseLoan).toMatchObject({ principal: '20000.00', netDisbursed: '19800.00' });
    const again = await app.gql(`mutation { disburseLoan(applicationId: "${appl.id}", idempotencyKey: "another-key-1") { id } }`, {}, lender.admin);
    expect(again.errors![0].extensions.code).toBe('CONFLICT');

    const loans = await app.ownerQuery('SELECT count(*)::int AS n FROM loans WHERE application_id = $1', [appl.id]);
    expect(loans).toEqual([{ n: 1 }]);
    const ledger = await app.ownerQuery(
      `SELECT l.account_code, sum(l.debit)::text AS debit, sum(l.credit)::text AS credit FROM journal_lines l JOIN journal_entries e ON e.tenant_id = l.tenant_id AND e.id = l.entry_id
       WHERE e.loan_id = $1 GROUP BY 1 ORDER BY 1`, [first.data!.disburseLoan.id]);
    // The net amount is owed to the borrower until the payout job has paid it (then it moves to cash).
    expect(ledger).toEqual([
      { account_code: 'DISBURSEMENT_PAYABLE', debit: '0.0000', credit: '19800.0000' },
      { account_code: 'FEE_INCOME', debit: '0.0000', credit: '200.0000' },
      { account_code: 'LOAN_PRINCIPAL', debit: '20000.0000', credit: '0.0000' },
    ]);
    const events = (await app.gql(`{ application(id: "${appl.id}") { status events { toStatus at } } }`, {}, lender.admin)).data!.application;
    expect(events.status).toBe('DISBURSED');
    expect(events.events.map((e: any) => e.toStatus)).toEqual(['DRAFT', 'SUBMITTED', 'CHECKING', 'APPROVED', 'OFFERED', 'ACCEPTED', 'CONTRACT_SIGNED', 'DISBURSED']);
  });

  it('declines with adverse-action reasons a borrower 120 days late at the bureau', async () => {
    const res = await submit({ amount: '10000.00', borrower: borrowerInput({ nationalId: 'KE00119999' }) });
    const appl = res.data!.submitApplication;
    expect(appl.status).toBe('DECLINED');
    expect(appl.offer).toBeNull();
    const codes = appl.decision.reasons.map((r: any) => r.code);
    expect(codes[0]).toBe('SERIOUS_DELINQUENCY');
    expect(codes).toContain('DELINQUENCY_HISTORY');
    const fired = appl.decision.rules.results.find((r: any) => r.ruleId === 'serious-delinquency');
    expect(fired).toMatchObject({ fired: true, inputs: { worstDelinquencyDays: 120 } });
  });

  it('sends a large loan to a committee of 2: the submitter cannot approve, an approver over their limit cannot, two others can', async () => {
    const staff = async (email: string, limit: string | null, groups: string[]) => {
      const user = (await app.gql(`mutation { createStaffUser(input: { email: "${email}", fullName: "${email}", roles: [UNDERWRITER], password: "a long enough password" }) { id } }`, {}, lender.admin)).data!.createStaffUser;
      await app.gql('mutation($id: ID!, $l: Decimal, $g: [String!]!) { setStaffApprovalAuthority(id: $id, approvalLimit: $l, groups: $g) { id } }', { id: user.id, l: limit, g: groups }, lender.admin);
      const token = (await app.gql(`mutation { login(input: { tenantSlug: "${lender.slug}", email: "${email}", password: "a long enough password" }) { token } }`)).data!.login.token;
      return { id: user.id, token };
    };
    const maker = await staff('maker@lender.test', '1000000', ['credit-committee']);
    const junior = await staff('junior@lender.test', '50000', ['credit-committee']);
    const senior1 = await staff('senior1@lender.test', '1000000', ['credit-committee']);
    const senior2 = await staff('senior2@lender.test', '1000000', ['credit-committee']);
    const outsider = await staff('outsider@lender.test', '1000000', []);

    const res = await submit({ amount: '150000.00', termCount: 24, borrower: borrowerInput({ monthlyIncome: '400000.00' }) }, maker.token);
    const appl = res.data!.submitApplication;
    expect(appl.status).toBe('REFERRED');
    expect(appl.decision.tier).toMatchObject({ id: 'committee', mode: 'COMMITTEE', quorum: 2 });
    const vote = (token: string, v: string, comment = 'looked at the cash flows') =>
      app.gql(`mutation($c: String!) { voteOnApplication(id: "${appl.id}", vote: ${v}, comment: $c) { status votes { voterName vote comment } } }`, { c: comment }, token);

    expect((await vote(maker.token, 'APPROVE')).errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'MAKER_CHECKER' });
    expect((await vote(junior.token, 'APPROVE')).errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OVER_AUTHORITY' });
    expect((await vote(outsider.token, 'APPROVE')).errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_IN_GROUP' });
    expect((await vote(lender.admin, 'APPROVE')).errors![0].extensions.code).toBe('FORBIDDEN');
    const first = await vote(senior1.token, 'APPROVE', 'strong repayment capacity');
    expect(first.data!.voteOnApplication.status).toBe('REFERRED');
    expect((await vote(senior1.token, 'APPROVE')).errors![0].extensions).toMatchObject({ reason: 'ALREADY_VOTED' });
    const second = await vote(senior2.token, 'APPROVE', 'agree, collateral adequate');
    expect(second.data!.voteOnApplication.status).toBe('OFFERED');
    expect(second.data!.voteOnApplication.votes.map((v: any) => v.comment)).toEqual(['strong repayment capacity', 'agree, collateral adequate']);
    const audited = await app.ownerQuery("SELECT after->>'comment' AS comment FROM audit_entries WHERE action = 'application.voted' AND entity_id = $1 ORDER BY seq", [appl.id]);
    expect(audited.map((a) => a.comment)).toEqual(['strong repayment capacity', 'agree, collateral adequate']);
  });

  it('declines an application that would breach a risk-appetite limit, naming the limit', async () => {
    await app.gql('mutation { setRiskAppetiteLimits(limits: [{ id: "retail-cap", dimension: INDUSTRY, key: "hospitality", maxAmount: "30000", action: DECLINE }]) { id } }', {}, lender.admin);
    const ok = await submit({ amount: '25000.00', borrower: borrowerInput({ industry: 'hospitality' }) });
    expect(ok.data!.submitApplication.decision.appetite.outcome).toBe('PASS');
    const res = await submit({ amount: '35000.00', borrower: borrowerInput({ industry: 'hospitality' }) });
    const appl = res.data!.submitApplication;
    expect(appl.status).toBe('DECLINED');
    expect(appl.decision.reasons[0]).toMatchObject({ code: 'APPETITE_INDUSTRY', source: 'limit:retail-cap' });
    await app.gql('mutation { setRiskAppetiteLimits(limits: []) { id } }', {}, lender.admin);
  });

  it('declines a blacklisted bank account and device, whoever applies with them', async () => {
    const borrower = borrowerInput();
    for (const [kind, value] of [['BANK_ACCOUNT', borrower.bankAccount], ['DEVICE', 'stolen-device-13']]) {
      const added = await app.gql(`mutation { addBlacklistEntry(kind: ${kind}, reason: "fraud ring", value: "${value}") }`, {}, lender.admin);
      expect(added.errors).toBeUndefined();
    }
    const res = await submit({ amount: '10000.00', borrower, deviceId: 'stolen-device-13' });
    const appl = res.data!.submitApplication;
    const fraud = appl.decision.checks.find((c: any) => c.kind === 'FRAUD');
    expect(fraud.summary).toContain('BLACKLIST_BANK_ACCOUNT');
    expect(fraud.summary).toContain('BLACKLIST_DEVICE');
    expect(appl.status).toBe('DECLINED');
  });

  it('flags a duplicate identity: the same phone and device behind another borrower', async () => {
    const first = borrowerInput();
    await submit({ amount: '10000.00', borrower: first, deviceId: 'shared-device-77' });
    const res = await submit({ amount: '10000.00', borrower: borrowerInput({ phone: first.phone }), deviceId: 'shared-device-77' });
    const appl = res.data!.submitApplication;
    const fraud = appl.decision.checks.find((c: any) => c.kind === 'FRAUD');
    expect(fraud.summary).toContain('DUPLICATE_PHONE');
    expect(fraud.summary).toContain('DUPLICATE_DEVICE');
    expect(['REFERRED', 'DECLINED']).toContain(appl.status);
    expect(appl.decision.reasons.map((r: any) => r.code)).toEqual(expect.arrayContaining([expect.stringMatching(/^FRAUD_/)]));
  });

  it('counts a borrower\'s applications within the lender\'s own velocity window, from its fraud policy', async () => {
    const setPolicy = (window: number) => app.gql(`mutation { setFraudPolicy(policy: { velocityLimit: 1, velocityWindowDays: ${window}, sanctionsThreshold: "0.88" }) }`, {}, lender.admin);
    const fraudOf = (res: Awaited<ReturnType<typeof submit>>) => res.data!.submitApplication.decision.checks.find((c: any) => c.kind === 'FRAUD').summary as string;
    const first = (await submit({ amount: '10000.00', borrower: borrowerInput() })).data!.submitApplication;
    await submit({ amount: '10000.00', borrowerId: first.borrowerId });
    // Setup only: the borrower's two applications were made ten days ago.
    await app.ownerQuery("UPDATE applications SET created_at = now() - interval '10 days' WHERE borrower_id = $1", [first.borrowerId]);
    try {
      expect((await setPolicy(5)).errors).toBeUndefined();
      // Five days back: only this application, within the limit of one.
      expect(fraudOf(await submit({ amount: '10000.00', borrowerId: first.borrowerId }))).not.toContain('VELOCITY');
      expect((await setPolicy(30)).errors).toBeUndefined();
      // Thirty days back: all four, over the limit.
      const over = fraudOf(await submit({ amount: '10000.00', borrowerId: first.borrowerId }));
      expect(over).toContain('VELOCITY');
    } finally {
      await app.gql('mutation { setFraudPolicy(policy: { velocityLimit: 3, velocityWindowDays: 30, sanctionsThreshold: "0.88" }) }', {}, lender.admin);
    }
  });

  it('gives a borrower token its own applications only, and lets it accept its own offer', async () => {
    const appKey = await app.apiKey(lender.slug, 'APP');
    const mint = async (ref: string) => (await app.gql(`mutation { mintBorrowerToken(input: { externalRef: "${ref}" }) { token borrowerId } }`, {}, appKey)).data!.mintBorrowerToken;
    const me = await mint('web-user-1');
    const other = await mint('web-user-2');
    for (const b of [me, other]) {
      await app.gql('mutation($id: ID!, $i: BorrowerInput!) { updateBorrower(id: $id, input: $i) { id } }', { id: b.borrowerId, i: borrowerInput() }, lender.admin);
      await app.gql(`mutation { recordConsent(borrowerId: "${b.borrowerId}", kind: BUREAU_PULL, granted: true, textVersion: "web-2026-01") { kind } }`, {}, b.token);
    }
    const mine = (await submit({ amount: '15000.00' }, me.token)).data!.submitApplication;
    const theirs = (await submit({ amount: '15000.00' }, other.token)).data!.submitApplication;
    expect(mine.borrowerId).toBe(me.borrowerId);
    const list = await app.gql('{ applications { nodes { id borrowerId } } }', {}, me.token);
    expect(list.data!.applications.nodes.map((a: any) => a.id)).toEqual([mine.id]);
    expect((await app.gql(`{ application(id: "${theirs.id}") { id } }`, {}, me.token)).errors![0].extensions.code).toBe('NOT_FOUND');
    expect((await app.gql(`mutation { acceptOffer(applicationId: "${theirs.id}") { status } }`, {}, me.token)).errors![0].extensions.code).toBe('NOT_FOUND');
    expect((await app.gql(`mutation { acceptOffer(applicationId: "${mine.id}") { status } }`, {}, me.token)).data!.acceptOffer.status).toBe('ACCEPTED');
    const submitForOther = await submit({ amount: '15000.00', borrowerId: other.borrowerId }, me.token);
    expect(submitForOther.errors![0].extensions.code).toBe('FORBIDDEN');
  });

  it('credits a referral to the submitting agent, keeps its own reference apart, and shows an agent only its referrals', async () => {
    const [agent, rival] = [await app.apiKey(lender.slug, 'AGENT'), await app.apiKey(lender.slug, 'AGENT')];
    const agentId = (await app.gql('{ viewer { agentId } }', {}, agent)).data!.viewer.agentId;
    // The reference names another agent: it is stored as the agent's reference, not as who gets the credit.
    const rivalId = (await app.gql('{ viewer { agentId } }', {}, rival)).data!.viewer.agentId;
    const person = borrowerInput();
    // An agent reads no decision internals (see field-privacy.e2e-spec.ts): it asks for what it may see.
    const res = await app.gql('mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { id status borrowerId } }', { input: { productId: lender.productId, termCount: 12, frequency: 'MONTHLY', amount: '12000.00', borrower: person, agentRef: rivalId } }, agent);
    expect(res.errors).toBeUndefined();
    const referred = res.data!.submitApplication;
    const read = `query($id: ID!) { application(id: $id) { id source agentId agentRef } }`;
    expect((await app.gql(read, { id: referred.id }, agent)).data!.application).toEqual({ id: referred.id, source: 'AGENT', agentId, agentRef: rivalId });
    expect((await app.gql(read, { id: referred.id }, rival)).errors![0].extensions.code).toBe('NOT_FOUND');
    expect((await app.gql('{ applications { nodes { id } } }', {}, rival)).data!.applications.nodes).toEqual([]);
    expect((await app.gql('{ applications { nodes { id } } }', {}, agent)).data!.applications.nodes.map((a: any) => a.id)).toEqual([referred.id]);
    expect((await app.gql(read, { id: referred.id }, lender.admin)).data!.application.agentId).toBe(agentId);

    // Its borrower likewise: the referring agent reads it, another agent neither reads, finds nor learns its id.
    const readBorrower = `query($id: ID!) { borrower(id: $id) { id } }`;
    expect((await app.gql(readBorrower, { id: referred.borrowerId }, agent)).data!.borrower.id).toBe(referred.borrowerId);
    expect((await app.gql(readBorrower, { id: referred.borrowerId }, rival)).errors![0].extensions.code).toBe('NOT_FOUND');
    expect((await app.gql('{ borrowers(first: 100) { nodes { id } } }', {}, agent)).data!.borrowers.nodes.map((b: any) => b.id)).toEqual([referred.borrowerId]);
    const own = (await app.gql('mutation($i: BorrowerInput!) { createBorrower(input: $i) { id } }', { i: borrowerInput() }, rival)).data!.createBorrower;
    expect((await app.gql('{ borrowers(first: 100) { nodes { id } } }', {}, rival)).data!.borrowers.nodes.map((b: any) => b.id)).toEqual([own.id]);
    const again = 'mutation($i: BorrowerInput!) { createBorrower(input: $i) { id } }';
    const agentClash = (await app.gql(again, { i: borrowerInput({ nationalId: person.nationalId }) }, rival)).errors![0].extensions;
    expect(agentClash).toMatchObject({ code: 'CONFLICT', field: 'input.nationalId' });
    expect(agentClash.borrowerId).toBeUndefined();
    expect((await app.gql(again, { i: borrowerInput({ nationalId: person.nationalId }) }, lender.admin)).errors![0].extensions.borrowerId).toBe(referred.borrowerId);
  });

  it('refuses a submission without bureau consent, and illegal transitions with a coded error', async () => {
    const b = (await app.gql('mutation($i: BorrowerInput!) { createBorrower(input: $i) { id } }', { i: borrowerInput() }, lender.admin)).data!.createBorrower;
    const noConsent = await submit({ amount: '10000.00', borrowerId: b.id });
    expect(noConsent.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'CONSENT_REQUIRED' });
    const declined = (await submit({ amount: '10000.00', borrower: borrowerInput({ nationalId: 'KE00559999' }) })).data!.submitApplication;
    const illegal = await app.gql(`mutation { acceptOffer(applicationId: "${declined.id}") { status } }`, {}, lender.admin);
    expect(illegal.errors![0].extensions.code).toBe('CONFLICT');
    const withdraw = await app.gql(`mutation { withdrawApplication(id: "${declined.id}") { status } }`, {}, lender.admin);
    expect(withdraw.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ILLEGAL_TRANSITION', from: 'DECLINED', to: 'WITHDRAWN' });
  });

  it('applies only to an active product of the lender\'s own: another tenant\'s product is not found, an archived one refused, and neither writes anything', async () => {
    const other = await lenderWithProduct(app);
    const count = () => app.ownerQuery('SELECT (SELECT count(*) FROM applications)::int AS a, (SELECT count(*) FROM borrowers)::int AS b');
    const before = await count();
    const foreign = await submit({ amount: '10000.00', borrower: borrowerInput(), productId: other.productId });
    expect(foreign.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect((await app.gql(`mutation { archiveLoanProduct(id: "${other.productId}") { status } }`, {}, other.admin)).data!.archiveLoanProduct.status).toBe('ARCHIVED');
    const archived = await submit({ amount: '10000.00', borrower: borrowerInput(), productId: other.productId }, other.admin);
    expect(archived.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.productId' });
    expect(archived.errors![0].message).toContain('CONSUMER-1 is archived');
    expect(await count()).toEqual(before);
  });

  it('refuses bad input naming the field and writes nothing', async () => {
    const before = await app.ownerQuery('SELECT (SELECT count(*) FROM applications)::int AS a, (SELECT count(*) FROM borrowers)::int AS b');
    for (const [input, field] of [
      [{ amount: '0', borrower: borrowerInput() }, 'input.amount'],
      [{ amount: '999999999.00', borrower: borrowerInput() }, 'input.amount'],
      [{ amount: '10000.00', termCount: 99, borrower: borrowerInput() }, 'input.termCount'],
      [{ amount: '10000.00', frequency: 'WEEKLY', borrower: borrowerInput() }, 'input.frequency'],
      [{ amount: '10000.00', borrower: borrowerInput({ dateOfBirth: '1990-02-30' }) }, undefined],
      [{ amount: '10000.00', borrower: borrowerInput(), collateral: [{ kind: 'VEHICLE', description: 'a car', valuation: '5000' }] }, 'input.collateral.0.kind'],
    ] as const) {
      const res = await submit(input as Record<string, unknown>);
      expect(res.errors![0].extensions.code).toBe('BAD_USER_INPUT');
      if (field) expect(res.errors![0].extensions.field).toBe(field);
    }
    expect(await app.ownerQuery('SELECT (SELECT count(*) FROM applications)::int AS a, (SELECT count(*) FROM borrowers)::int AS b')).toEqual(before);
  });
});
