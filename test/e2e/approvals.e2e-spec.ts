import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SUBMIT, borrowerInput } from '../support/origination';
import { autoLender, disbursedLoan, REPAY } from '../support/loans';
import { cli } from '../support/cli';
import { type TestApp, startTestApp } from '../support/test-app';
import { tenantToday } from '../support/dates';

/**
 * Four-eyes on money-moving operations, through GraphQL: a guarded call above its policy's threshold
 * becomes a pending request (APPROVAL_REQUIRED, nothing done), a second person approves it and the
 * call runs exactly once; the maker cannot decide it, a rejected or expired request does nothing.
 */
describe('approvals (four-eyes)', () => {
  let app: TestApp;
  let lender: Awaited<ReturnType<typeof autoLender>>;
  let maker: Person;
  let checker: Person;
  let servicer: Person;
  const today = tenantToday();

  interface Person { id: string; token: string }
  let people = 0;
  async function person(slug: string, admin: string, roles: string[]): Promise<Person> {
    const email = `person${++people}@approvals.test`;
    const created = await app.gql(`mutation { createStaffUser(input: { email: "${email}", fullName: "Person ${people}", roles: [${roles.join(', ')}], password: "a long enough password" }) { id } }`, {}, admin);
    const token = (await app.gql(`mutation { login(input: { tenantSlug: "${slug}", email: "${email}", password: "a long enough password" }) { token } }`)).data!.login.token;
    return { id: created.data!.createStaffUser.id, token };
  }

  const SET_POLICY = `mutation($op: ApprovalOperation!, $t: Decimal, $roles: [Role!]!, $h: Int) {
    setApprovalPolicy(operation: $op, thresholdAmount: $t, approverRoles: $roles, expiresInHours: $h) { operation thresholdAmount approverRoles expiresInHours } }`;
  const REQUEST = `id operation status reason subject amount currency arguments approverRoles makerType makerId checkerType checkerId decidedAt decisionNote result error expiresAt`;
  const approve = (id: string, token: string) => app.gql(`mutation { approveRequest(id: "${id}", note: "checked") { ${REQUEST} } }`, {}, token);
  const request = async (id: string) => (await app.gql(`{ approvalRequest(id: "${id}") { ${REQUEST} } }`, {}, lender.admin)).data!.approvalRequest;
  const loanStatus = async (id: string) => (await app.gql(`{ loan(id: "${id}") { status } }`, {}, lender.admin)).data!.loan.status;
  const setPolicy = async (op: string, threshold: string | null, roles = ['LENDER_ADMIN'], hours?: number) => {
    const res = await app.gql(SET_POLICY, { op, t: threshold, roles, h: hours }, lender.admin);
    expect(res.errors).toBeUndefined();
    return res.data!.setApprovalPolicy;
  };
  /** The request a guarded call became: APPROVAL_REQUIRED with its id, and no data. */
  function pendingFrom(res: { data: any; errors?: { extensions: Record<string, any> }[] }): string {
    expect(res.errors?.[0].extensions.code).toBe('APPROVAL_REQUIRED');
    expect(res.data).toBeNull();
    return res.errors![0].extensions.approvalRequestId as string;
  }

  beforeAll(async () => {
    app = await startTestApp();
    lender = await autoLender(app);
    maker = await person(lender.slug, lender.admin, ['LENDER_ADMIN']);
    checker = await person(lender.slug, lender.admin, ['LENDER_ADMIN']);
    servicer = await person(lender.slug, lender.admin, ['SERVICER']);
  });
  afterAll(() => app?.close());

  it('sets policies through GraphQL, validated, and lists them', async () => {
    expect(await setPolicy('writeOffLoan', '1000.00')).toEqual({ operation: 'writeOffLoan', thresholdAmount: '1000', approverRoles: ['LENDER_ADMIN'], expiresInHours: 72 });
    const amountless = await app.gql(SET_POLICY, { op: 'reviseLoanProduct', t: '5', roles: ['LENDER_ADMIN'] }, lender.admin);
    expect(amountless.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'thresholdAmount' });
    const agent = await app.gql(SET_POLICY, { op: 'waive', t: '5', roles: ['AGENT'] }, lender.admin);
    expect(agent.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'approverRoles.0' });
    const bySerivcer = await app.gql(SET_POLICY, { op: 'waive', t: '5', roles: ['LENDER_ADMIN'] }, servicer.token);
    expect(bySerivcer.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const listed = await app.gql('{ approvalPolicies { operation thresholdAmount approverRoles } }', {}, lender.admin);
    expect(listed.data!.approvalPolicies).toEqual([{ operation: 'writeOffLoan', thresholdAmount: '1000', approverRoles: ['LENDER_ADMIN'] }]);
  });

  it('turns a write-off above the threshold into a request that a second person approves, once', async () => {
    const { loanId } = await disbursedLoan(app, lender);
    const res = await app.gql(`mutation { writeOffLoan(loanId: "${loanId}", reason: "absconded") { id status } }`, {}, maker.token);
    const id = pendingFrom(res);
    expect(res.errors![0].extensions).toMatchObject({ operation: 'writeOffLoan', reason: 'POLICY', approverRoles: ['LENDER_ADMIN'] });
    expect(await loanStatus(loanId)).toBe('ACTIVE');
    // The same call again while it is pending finds the same request.
    expect(pendingFrom(await app.gql(`mutation { writeOffLoan(loanId: "${loanId}", reason: "absconded") { id } }`, {}, maker.token))).toBe(id);

    const pending = await app.gql(`{ pendingApprovals(first: 10) { nodes { id status amount currency subject makerType makerId arguments } pageInfo { hasNextPage } } }`, {}, checker.token);
    const node = pending.data!.pendingApprovals.nodes.find((n: any) => n.id === id);
    expect(node).toMatchObject({ status: 'PENDING', currency: 'KES', subject: `Loan ${loanId}`, makerType: 'STAFF_USER', makerId: maker.id, arguments: { loanId, reason: 'absconded' } });
    expect(Number(node.amount)).toBeGreaterThan(1000);

    // Not the maker, not a key: a second, named person.
    expect((await approve(id, maker.token)).errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'MAKER' });
    expect((await app.gql(`mutation { rejectRequest(id: "${id}", reason: "mine") { id } }`, {}, maker.token)).errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'MAKER' });
    expect((await approve(id, lender.admin)).errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_A_PERSON' });
    expect((await approve(id, servicer.token)).errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect(await loanStatus(loanId)).toBe('ACTIVE');

    // Two approvals at once: one runs the write-off, the other finds it decided.
    const both = await Promise.all([approve(id, checker.token), approve(id, checker.token)]);
    const ok = both.filter((r) => !r.errors);
    expect(ok).toHaveLength(1);
    expect(both.find((r) => r.errors)!.errors![0].extensions.code).toBe('CONFLICT');
    expect(ok[0].data!.approveRequest).toMatchObject({ status: 'APPROVED', checkerType: 'STAFF_USER', checkerId: checker.id, decisionNote: 'checked', result: { id: loanId, status: 'WRITTEN_OFF' } });
    expect(await loanStatus(loanId)).toBe('WRITTEN_OFF');
    const writeOffs = await app.ownerQuery("SELECT count(*)::int AS n FROM journal_entries WHERE loan_id = $1 AND kind = 'WRITE_OFF'", [loanId]);
    expect(writeOffs[0].n).toBe(1);
    expect((await approve(id, checker.token)).errors?.[0].extensions.code).toBe('CONFLICT');

    const audit = await app.ownerQuery("SELECT action, actor_id FROM audit_entries WHERE tenant_id = $1 AND entity_id = $2 ORDER BY occurred_at, seq", [lender.tenantId, id]);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['approval.requested', 'approval.refused', 'approval.approved']));
    expect(audit.find((a) => a.action === 'approval.approved').actor_id).toBe(checker.id);
  });

  it('runs a call at or below the threshold at once', async () => {
    await setPolicy('writeOffLoan', '100000000');
    const { loanId } = await disbursedLoan(app, lender);
    const res = await app.gql(`mutation { writeOffLoan(loanId: "${loanId}", reason: "small") { status } }`, {}, maker.token);
    expect(res.errors).toBeUndefined();
    expect(res.data!.writeOffLoan.status).toBe('WRITTEN_OFF');
    await setPolicy('writeOffLoan', '1000');
  });

  it('leaves the loan untouched when the request is rejected', async () => {
    const { loanId } = await disbursedLoan(app, lender);
    const id = pendingFrom(await app.gql(`mutation { writeOffLoan(loanId: "${loanId}", reason: "x") { id } }`, {}, maker.token));
    const rejected = await app.gql(`mutation { rejectRequest(id: "${id}", reason: "the borrower is paying") { ${REQUEST} } }`, {}, checker.token);
    expect(rejected.data!.rejectRequest).toMatchObject({ status: 'REJECTED', checkerId: checker.id, decisionNote: 'the borrower is paying', result: null });
    expect((await approve(id, checker.token)).errors?.[0].extensions.code).toBe('CONFLICT');
    expect(await loanStatus(loanId)).toBe('ACTIVE');
  });

  it('lets a request expire: it shows EXPIRED and cannot be approved', async () => {
    const { loanId } = await disbursedLoan(app, lender);
    const id = pendingFrom(await app.gql(`mutation { writeOffLoan(loanId: "${loanId}", reason: "late") { id } }`, {}, maker.token));
    await app.ownerQuery("UPDATE approval_requests SET expires_at = now() - interval '1 minute' WHERE id = $1", [id]);
    expect((await request(id)).status).toBe('EXPIRED');
    const expired = await app.gql('{ pendingApprovals(status: EXPIRED) { nodes { id } } }', {}, lender.admin);
    expect(expired.data!.pendingApprovals.nodes.map((n: any) => n.id)).toContain(id);
    const pending = await app.gql('{ pendingApprovals { nodes { id } } }', {}, lender.admin);
    expect(pending.data!.pendingApprovals.nodes.map((n: any) => n.id)).not.toContain(id);
    expect((await approve(id, checker.token)).errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'EXPIRED' });
    expect((await app.ownerQuery('SELECT status FROM approval_requests WHERE id = $1', [id]))[0].status).toBe('EXPIRED');
    expect(await loanStatus(loanId)).toBe('ACTIVE');
    // The maker may ask again: a new request.
    expect(pendingFrom(await app.gql(`mutation { writeOffLoan(loanId: "${loanId}", reason: "late") { id } }`, {}, maker.token))).not.toBe(id);
  });

  it('holds a servicer to their own waiver limit: refused without a waive policy, routed to approval with one', async () => {
    // One waiver per loan: each loan here takes a single waiver.
    const [a, b, c] = [await disbursedLoan(app, lender), await disbursedLoan(app, lender), await disbursedLoan(app, lender)];
    const limit = await app.gql(`mutation { setWaiverLimit(userId: "${servicer.id}", limit: "10.00") { id waiverLimit } }`, {}, lender.admin);
    expect(limit.data!.setWaiverLimit).toEqual({ id: servicer.id, waiverLimit: '10' });
    const waive = (loanId: string, amount: string, token: string) =>
      app.gql(`mutation { waive(loanId: "${loanId}", kind: INTEREST, amount: "${amount}", reason: "goodwill") { id kind amount } }`, {}, token);
    expect((await waive(a.loanId, '5.00', servicer.token)).data!.waive.amount).toBe('5.00');
    const refused = await waive(b.loanId, '50.00', servicer.token);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'WAIVER_LIMIT', waiverLimit: '10', amount: '50' });

    await setPolicy('waive', '1000', ['LENDER_ADMIN']);
    const routed = await waive(b.loanId, '50.00', servicer.token);
    const id = pendingFrom(routed);
    expect(routed.errors![0].extensions.reason).toBe('WAIVER_LIMIT');
    // Below the tenant's threshold and without a personal limit, an admin's waiver runs.
    expect((await waive(c.loanId, '50.00', maker.token)).errors).toBeUndefined();
    const approved = await approve(id, checker.token);
    expect(approved.data!.approveRequest).toMatchObject({ status: 'APPROVED', result: { kind: 'INTEREST_WAIVER', amount: '50.00' } });
    const waivers = await app.ownerQuery("SELECT loan_id, amount::text FROM loan_transactions WHERE loan_id = ANY($1) AND kind = 'INTEREST_WAIVER' ORDER BY created_at", [[a.loanId, b.loanId, c.loanId]]);
    expect(waivers.map((w) => [w.loan_id, Number(w.amount)])).toEqual([[a.loanId, 5], [c.loanId, 50], [b.loanId, 50]]);
    await app.gql('mutation { removeApprovalPolicy(operation: waive) }', {}, lender.admin);
  });

  it('records a failed approval as FAILED with the operation’s error, and does nothing', async () => {
    await setPolicy('refundCredit', '0');
    const { loanId } = await disbursedLoan(app, lender);
    const id = pendingFrom(await app.gql(`mutation { refundCredit(loanId: "${loanId}", amount: "25.00", method: CASH, idempotencyKey: "refund-${loanId}") { id } }`, {}, maker.token));
    const res = await approve(id, checker.token);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', approvalRequestId: id, approvalStatus: 'FAILED' });
    expect(await request(id)).toMatchObject({ status: 'FAILED', checkerId: checker.id, error: { code: 'BAD_USER_INPUT' } });
    const refunds = await app.ownerQuery("SELECT count(*)::int AS n FROM loan_transactions WHERE loan_id = $1 AND kind = 'CREDIT_REFUND'", [loanId]);
    expect(refunds[0].n).toBe(0);
  });

  it('guards each of the nine operations', async () => {
    // Fixtures first: a loan with a repayment, a signed contract, a draft rule set.
    const { loanId } = await disbursedLoan(app, lender);
    const repaid = await app.gql(REPAY, { i: { loanId, amount: '500.00', paidAt: today, method: 'CASH', idempotencyKey: `repay-${loanId}` } }, lender.admin);
    const txId = repaid.data!.recordRepayment.transactionId;
    const submitted = (await app.gql(SUBMIT, { input: { productId: lender.productId, amount: '10000.00', termCount: 6, frequency: 'MONTHLY', borrower: borrowerInput() } }, lender.admin)).data!.submitApplication;
    const hash = (await app.gql(`mutation { acceptOffer(applicationId: "${submitted.id}") { contract { sha256 } } }`, {}, lender.admin)).data!.acceptOffer.contract.sha256;
    await app.gql(`mutation { signContract(applicationId: "${submitted.id}", signerName: "B", documentHash: "${hash}") { status } }`, {}, lender.admin);
    const configId = (await app.gql('mutation($d: JSON!) { saveRuleSet(name: "stricter", definition: $d) { id } }', { d: { rules: [] } }, lender.admin)).data!.saveRuleSet.id;
    const productBefore = (await app.gql(`{ loanProduct(id: "${lender.productId}") { currentVersion terms { name } } }`, {}, lender.admin)).data!.loanProduct;

    for (const op of ['waive', 'reverseTransaction', 'restructureLoan', 'refundCredit', 'disburseLoan']) await setPolicy(op, '0');
    for (const op of ['reviseLoanProduct', 'activateDecisionConfig', 'setRiskAppetiteLimits']) await setPolicy(op, null);
    const policies = (await app.gql('{ approvalPolicies { operation } }', {}, lender.admin)).data!.approvalPolicies.map((p: any) => p.operation);
    expect(policies.sort()).toEqual(['activateDecisionConfig', 'disburseLoan', 'refundCredit', 'restructureLoan', 'reverseTransaction', 'reviseLoanProduct', 'setRiskAppetiteLimits', 'waive', 'writeOffLoan']);

    const calls: Record<string, string> = {
      writeOffLoan: `mutation { writeOffLoan(loanId: "${loanId}", reason: "x") { id } }`,
      waive: `mutation { waive(loanId: "${loanId}", kind: INTEREST, amount: "1.00", reason: "x") { id } }`,
      reverseTransaction: `mutation { reverseTransaction(id: "${txId}", reason: "bounced") { id status } }`,
      restructureLoan: `mutation { restructureLoan(input: { loanId: "${loanId}", termCount: 12, capitaliseArrears: true, reason: "hardship", idempotencyKey: "restructure-${loanId}" }) { id } }`,
      refundCredit: `mutation { refundCredit(loanId: "${loanId}", amount: "1.00", method: CASH, idempotencyKey: "refund-nine-${loanId}") { id } }`,
      disburseLoan: `mutation { disburseLoan(applicationId: "${submitted.id}", idempotencyKey: "disburse-${submitted.id}") { id } }`,
      reviseLoanProduct: `mutation($i: LoanProductTermsInput!) { reviseLoanProduct(id: "${lender.productId}", input: $i) { id } }`,
      activateDecisionConfig: `mutation { activateDecisionConfig(id: "${configId}") { id status } }`,
      setRiskAppetiteLimits: 'mutation { setRiskAppetiteLimits(limits: [{ id: "one", dimension: REGION, key: "Nairobi", maxAmount: "1", action: DECLINE }]) { id } }',
    };
    const { productTerms } = await import('../support/products');
    const ids: Record<string, string> = {};
    for (const [op, mutation] of Object.entries(calls)) {
      const res = await app.gql(mutation, op === 'reviseLoanProduct' ? { i: productTerms({ name: 'Renamed by the maker', amountMax: '500000.00' }) } : {}, maker.token);
      ids[op] = pendingFrom(res);
      expect((await request(ids[op])).operation).toBe(op);
    }
    // Nothing happened.
    expect(await loanStatus(loanId)).toBe('ACTIVE');
    expect((await app.ownerQuery('SELECT status FROM loan_transactions WHERE id = $1', [txId]))[0].status).toBe('POSTED');
    expect((await app.gql(`{ application(id: "${submitted.id}") { status } }`, {}, lender.admin)).data!.application.status).toBe('CONTRACT_SIGNED');
    expect((await app.gql(`{ loanProduct(id: "${lender.productId}") { currentVersion terms { name } } }`, {}, lender.admin)).data!.loanProduct).toEqual(productBefore);
    expect((await app.gql('{ decisionConfigs(kind: RULES) { id status } }', {}, lender.admin)).data!.decisionConfigs.find((c: any) => c.id === configId).status).toBe('DRAFT');
    expect((await app.gql('{ originationPolicies { riskAppetite { id } } }', {}, lender.admin)).data!.originationPolicies.riskAppetite).toEqual([]);
    const listed = await app.gql('{ pendingApprovals(first: 100) { nodes { id operation } } }', {}, checker.token);
    expect(listed.data!.pendingApprovals.nodes.map((n: any) => n.id)).toEqual(expect.arrayContaining(Object.values(ids)));

    // Approved, each runs as the call would have: the reversal, the disbursement (with the maker's idempotency key), the activation.
    expect((await approve(ids.reverseTransaction, checker.token)).data!.approveRequest.status).toBe('APPROVED');
    expect((await app.ownerQuery('SELECT status FROM loan_transactions WHERE id = $1', [txId]))[0].status).toBe('REVERSED');
    const disbursed = (await approve(ids.disburseLoan, checker.token)).data!.approveRequest;
    expect(disbursed.status).toBe('APPROVED');
    expect((await app.gql(`{ application(id: "${submitted.id}") { status } }`, {}, lender.admin)).data!.application.status).toBe('DISBURSED');
    const keys = await app.ownerQuery('SELECT result FROM idempotency_keys WHERE tenant_id = $1 AND operation = $2 AND key = $3', [lender.tenantId, 'disburseLoan', `disburse-${submitted.id}`]);
    expect(keys).toEqual([{ result: { loanId: disbursed.result.loanId } }]);
    expect((await approve(ids.activateDecisionConfig, checker.token)).data!.approveRequest.result).toMatchObject({ id: configId, status: 'ACTIVE' });
    expect((await approve(ids.restructureLoan, checker.token)).data!.approveRequest.status).toBe('APPROVED');
    expect(await loanStatus(loanId)).toBe('RESTRUCTURED');
  });

  it('applies approvalPolicies from tenants/<slug>.yaml, validated, exactly as listed', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'approvals-yaml-'));
    const slug = `yaml-approvals-${process.pid}`;
    const head = `apiVersion: microlend/v1
tenant: { slug: ${slug}, name: Yaml Lender, legalName: Yaml Lender Ltd, country: KE, jurisdiction: KE, baseCurrency: KES, timezone: Africa/Nairobi, locale: en-KE, rounding: { decimals: 2, mode: HALF_UP } }
`;
    const file = path.join(dir, `${slug}.yaml`);
    writeFileSync(file, `${head}approvalPolicies:
  - { operation: writeOffLoan, thresholdAmount: "50000", approverRoles: [LENDER_ADMIN] }
  - { operation: setRiskAppetiteLimits, approverRoles: [LENDER_ADMIN, UNDERWRITER], expiresInHours: 24 }
`);
    const applied = await cli(app.config, 'tenants', 'apply', dir);
    expect(applied.code).toBe(0);
    const admin = await app.apiKey(slug, 'LENDER_ADMIN');
    const list = async () => (await app.gql('{ approvalPolicies { operation thresholdAmount approverRoles expiresInHours } }', {}, admin)).data!.approvalPolicies;
    expect(await list()).toEqual([
      { operation: 'setRiskAppetiteLimits', thresholdAmount: null, approverRoles: ['LENDER_ADMIN', 'UNDERWRITER'], expiresInHours: 24 },
      { operation: 'writeOffLoan', thresholdAmount: '50000', approverRoles: ['LENDER_ADMIN'], expiresInHours: 72 },
    ]);
    const again = await cli(app.config, 'tenants', 'apply', dir);
    expect(again.out).toMatch(new RegExp(`unchanged\\s+${slug}`));

    writeFileSync(file, `${head}approvalPolicies:\n  - { operation: writeOffLoan, thresholdAmount: "50000", approverRoles: [LENDER_ADMIN] }\n`);
    expect((await cli(app.config, 'tenants', 'apply', dir)).code).toBe(0);
    expect((await list()).map((p: any) => p.operation)).toEqual(['writeOffLoan']);

    writeFileSync(file, `${head}approvalPolicies:\n  - { operation: deleteEverything, approverRoles: [LENDER_ADMIN] }\n  - { operation: waive, thresholdAmount: 5, approverRoles: [] }\n`);
    const bad = await cli(app.config, 'tenants', 'apply', dir);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/approvalPolicies\.0\.operation/);
    expect(bad.err).toMatch(/approvalPolicies\.1\.thresholdAmount/);
    expect(bad.err).toMatch(/approvalPolicies\.1\.approverRoles/);
  });
});
