import { SUBMIT, borrowerInput, lenderWithProduct, setTieredApprovals } from '../support/origination';
import { type GqlResult, type TestApp, startTestApp } from '../support/test-app';

/**
 * Field privacy: what a borrower token, an agent key and an app key may read of an application
 * and a loan, field by field, against a staff key that reads everything. Hidden fields answer
 * FORBIDDEN at their own path, and nothing of them appears anywhere in the response.
 */
describe('field privacy of applications and loans', () => {
  let app: TestApp;
  let lender: Awaited<ReturnType<typeof lenderWithProduct>>;
  let appKey: string;
  let agentKey: string;
  let underwriterKey: string;
  let borrower: { token: string; borrowerId: string };
  let declinedBorrower: { token: string; borrowerId: string };
  /** The borrower's own application: committee-voted, accepted, signed and disbursed. */
  let ownAppId: string;
  let ownLoanId: string;
  /** The agent's referral: committee-voted, accepted, signed and disbursed by staff. */
  let referralId: string;
  let declinedId: string;
  const secrets = { comment1: 'cash flow looks thin but stable', comment2: 'collateral adequate per site visit' };
  const seniors: { id: string; token: string; email: string }[] = [];

  const COMMITTEE_AMOUNT = '150000.00';

  beforeAll(async () => {
    app = await startTestApp();
    lender = await lenderWithProduct(app);
    await setTieredApprovals(app, lender.admin);
    appKey = await app.apiKey(lender.slug, 'APP');
    agentKey = await app.apiKey(lender.slug, 'AGENT');
    underwriterKey = await app.apiKey(lender.slug, 'UNDERWRITER');
    for (const email of ['privacy-senior1@lender.test', 'privacy-senior2@lender.test']) {
      const user = (await app.gql(`mutation { createStaffUser(input: { email: "${email}", fullName: "${email}", roles: [UNDERWRITER], password: "a long enough password" }) { id } }`, {}, lender.admin)).data!.createStaffUser;
      await app.gql('mutation($id: ID!, $l: Decimal, $g: [String!]!) { setStaffApprovalAuthority(id: $id, approvalLimit: $l, groups: $g) { id } }', { id: user.id, l: '1000000', g: ['credit-committee'] }, lender.admin);
      const token = (await app.gql(`mutation { login(input: { tenantSlug: "${lender.slug}", email: "${email}", password: "a long enough password" }) { token } }`)).data!.login.token;
      seniors.push({ id: user.id, token, email });
    }

    const mint = async (ref: string, person: Record<string, unknown>) => {
      const b = (await app.gql(`mutation { mintBorrowerToken(input: { externalRef: "${ref}" }) { token borrowerId } }`, {}, appKey)).data!.mintBorrowerToken;
      expect((await app.gql('mutation($id: ID!, $i: BorrowerInput!) { updateBorrower(id: $id, input: $i) { id } }', { id: b.borrowerId, i: person }, lender.admin)).errors).toBeUndefined();
      await app.gql(`mutation { recordConsent(borrowerId: "${b.borrowerId}", kind: BUREAU_PULL, granted: true, textVersion: "web-2026-01") { kind } }`, {}, b.token);
      return b as { token: string; borrowerId: string };
    };
    borrower = await mint('privacy-borrower', borrowerInput({ monthlyIncome: '400000.00' }));
    declinedBorrower = await mint('privacy-declined', borrowerInput({ nationalId: 'KE00119999' }));

    const submit = async (input: Record<string, unknown>, token: string) => {
      const res = await app.gql('mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { id status } }', { input: { productId: lender.productId, termCount: 24, frequency: 'MONTHLY', ...input } }, token);
      expect(res.errors).toBeUndefined();
      return res.data!.submitApplication as { id: string; status: string };
    };
    const throughCommittee = async (id: string, signer: string) => {
      for (const [i, s] of seniors.entries()) {
        const v = await app.gql('mutation($id: ID!, $c: String!) { voteOnApplication(id: $id, vote: APPROVE, comment: $c) { status } }', { id, c: i === 0 ? secrets.comment1 : secrets.comment2 }, s.token);
        expect(v.errors).toBeUndefined();
      }
      const accepted = await app.gql('mutation($id: ID!) { acceptOffer(applicationId: $id) { contract { sha256 } } }', { id }, signer);
      expect(accepted.errors).toBeUndefined();
      const signed = await app.gql('mutation($id: ID!, $h: String!) { signContract(applicationId: $id, signerName: "Amina", documentHash: $h) { status } }', { id, h: accepted.data!.acceptOffer.contract.sha256 }, signer);
      expect(signed.errors).toBeUndefined();
      const disbursed = await app.gql('mutation($id: ID!, $k: String!) { disburseLoan(applicationId: $id, idempotencyKey: $k) { id } }', { id, k: `disburse-${id}` }, lender.admin);
      expect(disbursed.errors).toBeUndefined();
      return disbursed.data!.disburseLoan.id as string;
    };

    const own = await submit({ amount: COMMITTEE_AMOUNT }, borrower.token);
    expect(own.status).toBe('REFERRED');
    ownAppId = own.id;
    ownLoanId = await throughCommittee(ownAppId, borrower.token);

    const referral = await submit({ amount: COMMITTEE_AMOUNT, borrower: borrowerInput({ monthlyIncome: '400000.00' }), agentRef: 'shop-17' }, agentKey);
    expect(referral.status).toBe('REFERRED');
    referralId = referral.id;
    await throughCommittee(referralId, lender.admin);

    const declined = await submit({ amount: '10000.00', termCount: 12 }, declinedBorrower.token);
    expect(declined.status).toBe('DECLINED');
    declinedId = declined.id;
  });
  afterAll(() => app.close());

  const readApplication = (id: string, selection: string, token: string) => app.gql(`query($id: ID!) { application(id: $id) { ${selection} } }`, { id }, token);
  const readLoan = (id: string, selection: string, token: string) => app.gql(`query($id: ID!) { loan(id: $id) { ${selection} } }`, { id }, token);

  /** Refused at `path`, and neither the committee's words nor any staff identity leaks into the answer. */
  function expectRefused(res: GqlResult, path: string[]) {
    expect(res.errors).toBeDefined();
    expect(res.errors!.map((e) => ({ code: e.extensions.code, path: e.path?.filter((p) => typeof p === 'string') }))).toContainEqual({ code: 'FORBIDDEN', path });
    const body = JSON.stringify(res.data);
    for (const s of [secrets.comment1, secrets.comment2, ...seniors.flatMap((x) => [x.id, x.email])]) expect(body).not.toContain(s);
  }

  // Each hidden field is asked for alone, next to `id`, so a refusal is the field's own.
  const DECISION_INTERNALS = [
    'riskGrade', 'score',
    'decision { outcome }', 'decision { reasons { code source description } }', 'decision { checks { kind summary detail } }', 'decision { facts }', 'decision { score }',
    'decision { rules }', 'decision { appetite }', 'decision { price }', 'decision { tier }', 'decision { configVersions }',
    'votes { comment }', 'votes { voterName }', 'votes { voterId }', 'votes { vote at }',
    'events { actorId }', 'events { note }',
  ];
  const field = (selection: string) => selection.split(/[\s{]/)[0];
  /** Where the refusal lands: on the field itself, or on the inner field where the rule sits inside a type readers share. */
  const pathOf = (root: string, selection: string, shared: string[]) => {
    const [outer, inner] = selection.match(/\w+/g)!;
    return shared.includes(outer) ? [root, outer, inner] : [root, outer];
  };

  describe('a borrower token, on its own application', () => {
    it.each([...DECISION_INTERNALS, 'offer { grade }', 'signature { signerId }'])('is refused %s', async (selection) => {
      const res = await readApplication(ownAppId, `id ${selection}`, borrower.token);
      expectRefused(res, pathOf('application', selection, ['events', 'offer', 'signature']));
    });

    it('reads its status, stage dates, offer (the disclosure), contract and signature', async () => {
      const res = await readApplication(ownAppId, `id status statusEnteredAt requestedAmount productId loanId createdAt adverseActionReasons { code }
        events { seq fromStatus toStatus at actorType }
        offer { amount currency termCount frequency annualRate apr aprConvention totalInterest totalCost totalPayable netDisbursement validUntil fees { name kind amount } schedule { number total } upfrontFees { deducted } }
        contract { sha256 templateVersion text } signature { signerName signedAt documentHash }`, borrower.token);
      expect(res.errors).toBeUndefined();
      const a = res.data!.application;
      expect(a).toMatchObject({ id: ownAppId, status: 'DISBURSED', requestedAmount: '150000', loanId: ownLoanId, adverseActionReasons: [] });
      expect(a.events.map((e: any) => e.toStatus)).toEqual(['DRAFT', 'SUBMITTED', 'CHECKING', 'REFERRED', 'APPROVED', 'OFFERED', 'ACCEPTED', 'CONTRACT_SIGNED', 'DISBURSED']);
      expect(a.events.every((e: any) => e.at && e.actorType)).toBe(true);
      expect(a.offer.amount).toBe(COMMITTEE_AMOUNT);
      expect(Number(a.offer.apr)).toBeGreaterThan(Number(a.offer.annualRate));
      expect(a.offer.schedule).toHaveLength(24);
      expect(Number(a.offer.totalPayable)).toBeGreaterThan(Number(COMMITTEE_AMOUNT));
      expect(a.contract.sha256).toBe(a.signature.documentHash);
      const whole = JSON.stringify(res.data);
      for (const s of [secrets.comment1, ...seniors.map((x) => x.id)]) expect(whole).not.toContain(s);
    });

    it('reads the adverse-action reasons of its declined application, in plain words without thresholds or points', async () => {
      const res = await readApplication(declinedId, 'id status offer { amount } adverseActionReasons { code description }', declinedBorrower.token);
      expect(res.errors).toBeUndefined();
      const a = res.data!.application;
      expect(a.status).toBe('DECLINED');
      expect(a.offer).toBeNull();
      expect(a.adverseActionReasons[0]).toEqual({ code: 'SERIOUS_DELINQUENCY', description: 'A seriously late payment in your credit history' });
      expect(a.adverseActionReasons.map((r: any) => r.code)).toContain('DELINQUENCY_HISTORY');
      for (const r of a.adverseActionReasons) expect(r.description).not.toMatch(/\d|points|score/i);
      expectRefused(await readApplication(declinedId, 'id decision { reasons { code } }', declinedBorrower.token), ['application', 'decision']);
    });

    it.each(['journal { nodes { id } }', 'events { id data }', 'agentId', 'balances { ledger }', 'balances { receivable { total } }'])('is refused its loan’s %s', async (selection) => {
      const res = await readLoan(ownLoanId, `id ${selection}`, borrower.token);
      expectRefused(res, pathOf('loan', selection, ['balances']));
    });

    it('reads its loan’s terms, schedule, balances and payments', async () => {
      const res = await readLoan(ownLoanId, 'id principal apr annualRate status disbursedAt nextDueDate schedule { number dueDate } balances { outstanding { total } overdue { total } credit } transactions { nodes { kind amount } }', borrower.token);
      expect(res.errors).toBeUndefined();
      expect(res.data!.loan).toMatchObject({ id: ownLoanId, principal: COMMITTEE_AMOUNT, status: 'ACTIVE' });
      expect(res.data!.loan.schedule).toHaveLength(24);
    });
  });

  describe('a mutation whose answer names hidden fields', () => {
    it('refuses those fields and keeps the write: the borrower’s submission stands', async () => {
      const res = await app.gql(SUBMIT, { input: { productId: lender.productId, amount: '12000.00', termCount: 12, frequency: 'MONTHLY' } }, borrower.token);
      const refused = res.errors!.map((e) => `${e.extensions.code} ${e.path!.join('.')}`);
      expect(refused).toEqual(expect.arrayContaining(['FORBIDDEN submitApplication.riskGrade', 'FORBIDDEN submitApplication.score', 'FORBIDDEN submitApplication.decision']));
      const submitted = res.data!.submitApplication;
      expect(submitted).toMatchObject({ riskGrade: null, score: null, decision: null, borrowerId: borrower.borrowerId });
      expect(Number(submitted.offer.apr)).toBeGreaterThan(0);
      const mine = (await app.gql('{ applications(first: 100) { nodes { id } } }', {}, borrower.token)).data!.applications.nodes.map((a: any) => a.id);
      expect(mine).toContain(submitted.id);
    });
  });

  describe('an agent key, on its referral', () => {
    it.each([...DECISION_INTERNALS, 'adverseActionReasons { code }', 'contract { sha256 }', 'contract { text }', 'signature { signerName }',
      'offer { grade }', 'offer { annualRate }', 'offer { apr }', 'offer { totalPayable }', 'offer { totalCost }', 'offer { netDisbursement }', 'offer { fees { name } }', 'offer { schedule { number } }'])('is refused %s', async (selection) => {
      const res = await readApplication(referralId, `id ${selection}`, agentKey);
      expectRefused(res, pathOf('application', selection, ['events', 'offer']));
    });

    it('reads status, amount, product, dates and the offer’s amount and dates (its commission’s basis)', async () => {
      const res = await readApplication(referralId, `id status statusEnteredAt requestedAmount productId productVersion termCount frequency source agentId agentRef borrowerId loanId createdAt updatedAt
        events { seq toStatus at actorType } offer { amount currency termCount frequency disbursementDate validUntil productVersion }`, agentKey);
      expect(res.errors).toBeUndefined();
      const a = res.data!.application;
      expect(a).toMatchObject({ id: referralId, status: 'DISBURSED', requestedAmount: '150000', productId: lender.productId, source: 'AGENT', agentRef: 'shop-17', termCount: 24 });
      expect(a.loanId).toEqual(expect.any(String));
      expect(a.offer).toMatchObject({ amount: COMMITTEE_AMOUNT, termCount: 24, frequency: 'MONTHLY' });
      expect(a.events.at(-1).toStatus).toBe('DISBURSED');
    });

    it('reads the loan its referral became (status, DPD, bucket), and no other loan', async () => {
      const loanId = (await readApplication(referralId, 'loanId', agentKey)).data!.application.loanId;
      const res = await readLoan(loanId, 'id status dpd bucket principal disbursedAt', agentKey);
      expect(res.errors).toBeUndefined();
      expect(res.data!.loan).toMatchObject({ id: loanId, status: 'ACTIVE', dpd: 0, principal: COMMITTEE_AMOUNT });
      expect((await app.gql('{ loans(first: 100) { nodes { id } } }', {}, agentKey)).data!.loans.nodes).toEqual([{ id: loanId }]);
      expect((await readLoan(ownLoanId, 'id', agentKey)).errors![0].extensions.code).toBe('NOT_FOUND');
    });

    it.each(['journal { nodes { id } }', 'events { id data }', 'agentId', 'balances { ledger }', 'balances { receivable { total } }'])('is refused its referred loan’s %s', async (selection) => {
      const loanId = (await readApplication(referralId, 'loanId', agentKey)).data!.application.loanId;
      expectRefused(await readLoan(loanId, `id ${selection}`, agentKey), pathOf('loan', selection, ['balances']));
    });
  });

  describe('an app key', () => {
    it.each([
      ['application', () => readApplication(referralId, 'id status', appKey)],
      ['applications', () => app.gql('{ applications { nodes { id } } }', {}, appKey)],
      ['loan', () => readLoan(ownLoanId, 'id', appKey)],
      ['loans', () => app.gql('{ loans { nodes { id } } }', {}, appKey)],
    ])('is refused %s', async (root, run) => {
      expectRefused(await run(), [root]);
    });
  });

  describe('a staff key (the control)', () => {
    it.each([...DECISION_INTERNALS, 'offer { grade }', 'signature { signerId }', 'adverseActionReasons { code }', 'contract { sha256 }'])('reads %s', async (selection) => {
      const res = await readApplication(ownAppId, `id ${selection}`, underwriterKey);
      expect(res.errors).toBeUndefined();
      expect(res.data!.application[field(selection)]).not.toBeUndefined();
    });

    it('reads the committee’s votes and who moved each stage', async () => {
      const res = await readApplication(ownAppId, 'riskGrade score decision { outcome rules tier } votes { voterId voterName comment } events { actorId }', underwriterKey);
      expect(res.errors).toBeUndefined();
      const a = res.data!.application;
      expect(a.votes.map((v: any) => v.comment)).toEqual([secrets.comment1, secrets.comment2]);
      expect(a.votes.map((v: any) => v.voterId)).toEqual(seniors.map((s) => s.id));
      expect(a.decision.tier).toMatchObject({ id: 'committee' });
      // The second vote moved it to OFFERED.
      expect(a.events.map((e: any) => e.actorId)).toContain(seniors[1].id);
    });

    it.each(['journal { nodes { id } }', 'events { id }', 'agentId', 'balances { ledger }', 'balances { receivable { total } }'])('reads the loan’s %s', async (selection) => {
      const res = await readLoan(ownLoanId, `id ${selection}`, underwriterKey);
      expect(res.errors).toBeUndefined();
    });
  });
});
