import { Client } from 'pg';
import { getIntrospectionQuery } from 'graphql';
import { withCredentials } from '../../src/platform/db/database';
import { TEST_APP_PASSWORD } from '../support/global-setup';
import { CREATE_PRODUCT, productTerms } from '../support/products';
import { SUBMIT, borrowerInput } from '../support/origination';
import { type TestApp, startTestApp } from '../support/test-app';
import { lastClosedPeriod } from '../../src/core/billing/usage';
import { runInContext } from '../../src/platform/tenancy/run-in-context';
import { tenantToday } from '../support/dates';

/**
 * Tenant B must neither read nor change anything of tenant A, through any query or mutation. The
 * list of operations below is checked against the schema, so a new operation fails this spec until
 * its isolation case is written.
 */
describe('tenant isolation', () => {
  let app: TestApp;
  let a: { id: string; slug: string };
  let b: { id: string; slug: string };
  let adminA: string;
  let adminB: string;
  let keyIdA: string;
  let userIdA: string;
  let verificationIdA: string;
  let productIdA: string;
  let campaignIdA: string;
  let borrowerIdA: string;
  let applicationIdA: string;
  let configIdA: string;
  let nationalIdA: string;
  let loanIdA: string;
  let payoutIdA: string;
  let repaymentIdA: string;
  let paymentIdA: string;
  let endpointIdA: string;
  let statementOfA: string;
  let usagePeriod: string;
  let approvalRequestIdA: string;
  let caseIdA: string;
  let complaintIdA: string;
  let agentIdA: string;

  beforeAll(async () => {
    app = await startTestApp();
    a = await app.createTenant();
    b = await app.createTenant();
    adminA = await app.apiKey(a.slug, 'LENDER_ADMIN');
    adminB = await app.apiKey(b.slug, 'LENDER_ADMIN');
    const created = await app.gql('mutation { createApiKey(input: { name: "A servicer", role: SERVICER }) { apiKey { id } } }', {}, adminA);
    keyIdA = created.data!.createApiKey.apiKey.id;
    const user = await app.gql(
      'mutation { createStaffUser(input: { email: "a@lender-a.test", fullName: "A User", roles: [ANALYST], password: "a long password" }) { id } }', {}, adminA);
    userIdA = user.data!.createStaffUser.id;
    const appKeyA = await app.apiKey(a.slug, 'APP');
    await app.gql('mutation { mintBorrowerToken(input: { externalRef: "borrower-of-a" }) { borrowerId } }', {}, appKeyA);
    verificationIdA = (await app.gql('mutation { verifyAuditLog { id } }', {}, adminA)).data!.verifyAuditLog.id;
    productIdA = (await app.gql(CREATE_PRODUCT, { code: 'A-ONLY', input: productTerms({ name: 'secret product of A' }) }, adminA)).data!.createLoanProduct.id;
    await app.gql('mutation { setRateCapRule(input: { jurisdiction: "KE", effectiveFrom: "2024-01-01", kind: FIXED, rate: "0.5" }) { id } }', {}, adminA);
    await app.gql('mutation { setApprovalTiers(tiers: [{ id: "auto", name: "Auto", priority: 1, mode: AUTO }]) { id } }', {}, adminA);
    const borrowerA = borrowerInput();
    nationalIdA = borrowerA.nationalId;
    const forLoan = await app.gql(SUBMIT, { input: { productId: productIdA, amount: '15000.00', termCount: 6, frequency: 'MONTHLY', borrower: borrowerInput() } }, adminA);
    const loanAppId = forLoan.data!.submitApplication.id;
    const hash = (await app.gql(`mutation { acceptOffer(applicationId: "${loanAppId}") { contract { sha256 } } }`, {}, adminA)).data!.acceptOffer.contract.sha256;
    await app.gql(`mutation { signContract(applicationId: "${loanAppId}", signerName: "A", documentHash: "${hash}") { status } }`, {}, adminA);
    loanIdA = (await app.gql(`mutation { disburseLoan(applicationId: "${loanAppId}", idempotencyKey: "disburse-a-1") { id } }`, {}, adminA)).data!.disburseLoan.id;
    // A's disbursement payout, made FAILED so that only the tenant check stands between B and a retry.
    [{ id: payoutIdA }] = await app.ownerQuery("UPDATE payments SET status = 'FAILED', next_attempt_at = NULL WHERE loan_id = $1 AND kind = 'DISBURSEMENT' RETURNING id", [loanIdA]);
    repaymentIdA = (await app.gql(`mutation { recordRepayment(input: { loanId: "${loanIdA}", amount: "100.00", paidAt: "${tenantToday()}", method: CASH, idempotencyKey: "repay-a-1" }) { transactionId } }`, {}, adminA)).data?.recordRepayment.transactionId;
    // Payments of A: Stripe settings, an auto-debit mandate, an agent payout account and a payment row (set up without calling Stripe).
    await app.gql('mutation { setStripeCredentials(input: { secretKey: "sk_test_SecretOfTenantA0001", webhookSigningSecret: "whsec_SecretOfTenantA0001" }) { provider } }', {}, adminA);
    await app.gql(`mutation { setAutoDebit(input: { loanId: "${loanIdA}", customerId: "cus_OfTenantA", paymentMethodId: "pm_OfTenantA" }) { status } }`, {}, adminA);
    agentIdA = (await app.gql('mutation { createAgent(input: { kind: NETWORK, name: "Network of A", region: "Nairobi", payoutAccount: "acct_OfTenantA" }) { id } }', {}, adminA)).data!.createAgent.id;
    expect((await app.gql('mutation { setCommissionPlan(input: { code: "A-PLAN", name: "Plan of A", rules: [{ trigger: DISBURSED, basis: PRINCIPAL, rate: "0.01" }] }) { id } }', {}, adminA)).errors).toBeUndefined();
    const agentKeyA = await app.apiKey(a.slug, 'AGENT');
    expect((await app.gql(`mutation { submitReferral(input: { borrower: { fullName: "Lead of A", nationalId: "${nationalIdA}9" }, consent: true }) { id } }`, {}, agentKeyA)).errors).toBeUndefined();
    await app.gql('mutation { setAttributionRules(input: { model: FIRST_TOUCH, windowDays: 45, returningCustomer: NO_CREDIT }) { model } }', {}, adminA);
    await app.ownerQuery(`INSERT INTO agent_risk_signals (tenant_id, id, agent_id, kind, key, detail, raised_on) VALUES ($1, gen_random_uuid(), $2, 'SHARED_DEVICE', 'SHARED_DEVICE:x', 'secret signal of A', current_date)`, [a.id, agentIdA]);
    const agencyA = (await app.gql('mutation { createAgent(input: { code: "AGENCY-A", kind: COLLECTION_AGENCY, name: "Agency of A" }) { id } }', {}, adminA)).data!.createAgent.id;
    [{ id: paymentIdA }] = await app.ownerQuery(
      `INSERT INTO payments (tenant_id, id, kind, provider, loan_id, amount, currency, provider_ref, status, idempotency_key, created_by_type)
       VALUES ($1, gen_random_uuid(), 'COLLECTION', 'STRIPE', $2, 100, 'KES', 'pi_OfTenantA', 'SUCCEEDED', 'intent:of-tenant-a', 'SYSTEM') RETURNING id`, [a.id, loanIdA]);
    const submitted = await app.gql(SUBMIT, { input: { productId: productIdA, amount: '20000.00', termCount: 12, frequency: 'MONTHLY', borrower: borrowerA, deviceId: 'device-of-a' } }, adminA);
    applicationIdA = submitted.data!.submitApplication.id;
    borrowerIdA = submitted.data!.submitApplication.borrowerId;
    await app.gql('mutation { setApprovalTiers(tiers: [{ id: "all", name: "All", priority: 1, mode: SINGLE }]) { id } }', {}, adminA);
    await app.gql('mutation { setWatchlist(listName: "un", names: ["Secret Name Of A"]) }', {}, adminA);
    await app.gql('mutation { setLedgerAccount(code: "A_SECRET_ACCOUNT", name: "a", type: ASSET) { code } }', {}, adminA);
    await app.gql(`mutation { addBlacklistEntry(kind: PHONE, value: "${borrowerA.phone}", reason: "a's") }`, {}, adminA);
    endpointIdA = (await app.gql('mutation { createWebhookEndpoint(input: { url: "http://127.0.0.1:9/a-hook", eventTypes: ["loan.*"] }) { endpoint { id } } }', {}, adminA)).data!.createWebhookEndpoint.endpoint.id;
    await app.inTenant(a.slug, (ctx) => app.runtime.services.webhookDeliveries.dispatch(ctx));
    // A bank statement A imported (paying its loan), A's Stripe billing customer and a recorded month of usage (marked 777 active loans).
    const todayA = tenantToday();
    statementOfA = `date,amount,reference\\n${todayA},50.00,${loanIdA}\\n`;
    await app.gql(`mutation { importBankStatement(input: { csv: "${statementOfA}", idempotencyKey: "statement-a-1" }) { posted } }`, {}, adminA);
    await app.gql(`mutation { setTenantBillingCustomer(slug: "${a.slug}", customerId: "cus_OfTenantA") { slug } }`, {}, await app.platformKey());
    usagePeriod = lastClosedPeriod(todayA);
    await runInContext(app.runtime.dataSource, { tenantId: a.id, actor: { type: 'SYSTEM', id: 'test' }, roles: [] }, (ctx) => app.runtime.services.usage.report(ctx, usagePeriod));
    // A's book in its daily snapshot, and A's financial assumptions: figures B must not read.
    await app.gql('mutation { setFinancialAssumptions(period: "2026-01", costOfFundsRate: "0.1", operatingCostPerLoan: "100") { period } }', {}, adminA);
    // A's cross-sell rule (over A's borrowers); B has one of its own on its own product, so B's candidates can be asked for.
    await app.gql('mutation { setCrossSellRule(input: { kind: RENEWAL, productCode: "A-ONLY", when: { fact: "loansRepaid", op: "gte", value: 0 } }) { id } }', {}, adminA);
    await app.gql(CREATE_PRODUCT, { code: 'B-CROSS', input: productTerms() }, adminB);
    await app.gql('mutation { setCrossSellRule(input: { kind: RENEWAL, productCode: "B-CROSS", when: { fact: "loansRepaid", op: "gte", value: 0 } }) { id } }', {}, adminB);
    campaignIdA = (await app.gql(`mutation { createCampaign(input: { name: "A's campaign", kind: RENEWAL, channel: SMS, templates: [{ locale: "en", text: "{{amount}} for you" }],
      startsAt: "${new Date().toISOString()}", endsAt: "${new Date(Date.now() + 86_400_000).toISOString()}", idempotencyKey: "campaign-a" }) { id } }`, {}, adminA)).data!.createCampaign.id;
    await app.inTenant(a.slug, (ctx) => app.runtime.services.cob.run(ctx, tenantToday()));
    await app.ownerQuery('UPDATE usage_records SET active_loans = 777 WHERE tenant_id = $1', [a.id]);
    configIdA = (await app.gql('mutation($d: JSON!) { saveRuleSet(name: "a rules", definition: $d) { id } }', { d: { rules: [{ id: 'r1', description: 'x', when: { fact: 'age', op: 'lt', value: 18 }, outcome: 'DECLINE', reasonCode: 'MINOR' }] } }, adminA)).data!.saveRuleSet.id;
    // A puts write-offs under four-eyes and has one pending (the loan stays ACTIVE).
    await app.gql('mutation { setApprovalPolicy(operation: writeOffLoan, thresholdAmount: "0", approverRoles: [LENDER_ADMIN]) { operation } }', {}, adminA);
    approvalRequestIdA = (await app.gql(`mutation { writeOffLoan(loanId: "${loanIdA}", reason: "a's") { id } }`, {}, adminA)).errors![0].extensions.approvalRequestId as string;
    // A's collections: a policy, conduct rules, a case on its loan (as close of business would open it) with a contact and a promise, a complaint.
    const policyA = await app.gql(`mutation { setCollectionPolicy(input: { code: "A-POLICY", name: "secret policy of A", stages: [{ name: "A-STAGE", minDpd: 1, maxDiscount: "1", actions: [{ channel: CALL, everyDays: 1 }] }] }) { id } }`, {}, adminA);
    await app.gql('mutation { setCollectionConduct(input: { forbiddenWords: ["secret-word-of-a"] }) { coolingOffDays } }', {}, adminA);
    [{ id: caseIdA }] = await app.ownerQuery(
      `INSERT INTO collection_cases (tenant_id, id, loan_id, borrower_id, policy_id, stage_index, stage_name, team, status, dpd, amount_overdue, opened_on, stage_entered_on)
       SELECT tenant_id, gen_random_uuid(), id, borrower_id, $2, 0, 'A-STAGE', 'COLLECTOR', 'OPEN', 3, 100, current_date, current_date FROM loans WHERE id = $1 RETURNING id`, [loanIdA, policyA.data!.setCollectionPolicy.id]);
    await app.ownerQuery(`INSERT INTO collection_actions (tenant_id, id, case_id, stage_index, action_index, channel, business_date, due_at, status) VALUES ($1, gen_random_uuid(), $2, 0, 0, 'CALL', current_date, now(), 'PENDING')`, [a.id, caseIdA]);
    // A's case placed with A's agency (as a stage's AGENCY_PLACEMENT does).
    await app.ownerQuery(`INSERT INTO collection_placements (tenant_id, id, case_id, loan_id, agency_id, stage_name, placed_on, ends_on, commission_rate, status)
      VALUES ($1, gen_random_uuid(), $2, $3, $4, 'A-STAGE', current_date, current_date + 30, 0.1, 'PLACED')`, [a.id, caseIdA, loanIdA, agencyA]);
    await app.ownerQuery('UPDATE collection_cases SET placed_with = $2 WHERE id = $1', [caseIdA, agencyA]);
    // A commission of A's agent on A's loan (as close of business earns it).
    await app.ownerQuery(`INSERT INTO commissions (tenant_id, id, agent_id, loan_id, plan_id, rule_index, kind, trigger, source_ref, business_date, period, base, rate, amount, currency)
      SELECT $1, gen_random_uuid(), $2, $3::uuid, p.id, 0, 'EARNED', 'DISBURSED', $3::text, current_date, to_char(current_date, 'YYYY-MM'), 15000, 0.01, 150, 'KES'
      FROM commission_plans p WHERE p.tenant_id = $1 AND p.code = 'A-PLAN'`, [a.id, agentIdA, loanIdA]);
    await app.gql(`mutation { logCollectionContact(input: { caseId: "${caseIdA}", channel: CALL, direction: INBOUND, outcome: PROMISE }) { id } }`, {}, adminA);
    await app.gql(`mutation { recordPromiseToPay(input: { caseId: "${caseIdA}", amount: "50.00", dueDate: "${tenantToday()}" }) { id } }`, {}, adminA);
    const settled = await app.gql(`mutation { offerSettlement(input: { caseId: "${caseIdA}", amount: "10.00", payBy: "${tenantToday()}" }) { id } }`, {}, adminA);
    expect(settled.errors).toBeUndefined();
    const loanBorrowerA = (await app.ownerQuery('SELECT borrower_id FROM loans WHERE id = $1', [loanIdA]))[0].borrower_id;
    complaintIdA = (await app.gql(`mutation { fileComplaint(input: { borrowerId: "${loanBorrowerA}", channel: "PHONE", category: "COLLECTIONS", text: "secret complaint of A" }) { id } }`, {}, adminA)).data!.fileComplaint.id;
  });
  afterAll(() => app.close());

  const readsOfB: Record<string, (ids: () => { keyIdA: string; userIdA: string; slugA: string }) => { query: string; check(data: any): void }> = {
    events: () => ({ query: '{ events(first: 100) { nodes { id type subjectId data } } }', check: (d) => expect(JSON.stringify(d.events.nodes)).not.toMatch(new RegExp(`${loanIdA}|${applicationIdA}`)) }),
    webhookEndpoints: () => ({ query: '{ webhookEndpoints { id url } }', check: (d) => expect(d.webhookEndpoints).toEqual([]) }),
    webhookEndpoint: () => ({ query: `{ webhookEndpoint(id: "${endpointIdA}") { id url } }`, check: () => { throw new Error('read another tenant’s endpoint'); } }),
    webhookDeliveries: () => ({ query: '{ webhookDeliveries(first: 100) { nodes { id endpointId eventId } } }', check: (d) => expect(d.webhookDeliveries.nodes).toEqual([]) }),
    viewer: () => ({ query: '{ viewer { tenant { id slug } } }', check: (d) => expect(d.viewer.tenant.slug).toBe(b.slug) }),
    apiKeys: (ids) => ({ query: '{ apiKeys(first: 100, includeRevoked: true) { nodes { id name } } }', check: (d) => expect(d.apiKeys.nodes.map((n: any) => n.id)).not.toContain(ids().keyIdA) }),
    staffUsers: (ids) => ({ query: '{ staffUsers(first: 100) { nodes { id email } } }', check: (d) => expect(d.staffUsers.nodes.map((n: any) => n.id)).not.toContain(ids().userIdA) }),
    auditLog: () => ({ query: '{ auditLog(first: 100) { nodes { entityId action after } } }', check: (d) => expect(JSON.stringify(d.auditLog.nodes)).not.toMatch(new RegExp(`${a.id}|${keyIdA}|${userIdA}|borrower-of-a`)) }),
    tenants: () => ({ query: '{ tenants { nodes { slug } } }', check: () => undefined }),
    tenant: (ids) => ({ query: `{ tenant(slug: "${ids().slugA}") { slug } }`, check: () => undefined }),
    referenceRates: () => ({ query: '{ referenceRates { name } }', check: (d) => expect(d.referenceRates.length).toBeGreaterThan(0) }),
    rateCapRules: () => ({ query: '{ rateCapRules { id rate } }', check: (d) => expect(d.rateCapRules).toEqual([]) }),
    rateCap: () => ({ query: '{ rateCap { cap } }', check: (d) => expect(d.rateCap).toBeNull() }),
    // B's own product (of its cross-sell rule) only.
    loanProducts: () => ({ query: '{ loanProducts(first: 100) { nodes { id code } } }', check: (d) => expect(d.loanProducts.nodes.map((n: { code: string }) => n.code)).toEqual(['B-CROSS']) }),
    loanProduct: () => ({ query: `{ loanProduct(id: "${productIdA}") { id } }`, check: () => { throw new Error('read another tenant’s product'); } }),
    previewSchedule: () => ({
      query: `{ previewSchedule(input: { productId: "${productIdA}", riskGrade: "A", principal: "5000.00", termCount: 6, frequency: MONTHLY, disbursementDate: "2026-01-10" }) { apr } }`,
      check: () => { throw new Error('priced on another tenant’s product'); },
    }),
    annualPercentageRate: () => ({
      query: '{ annualPercentageRate(input: { advances: [{ date: "2026-01-01", amount: "100.00" }], payments: [{ date: "2027-01-01", amount: "110.00" }], unitPeriod: YEARLY }) { apr } }',
      check: (d) => expect(d.annualPercentageRate.apr).toBe('0.1000000000'),
    }),
    borrower: () => ({ query: `{ borrower(id: "${borrowerIdA}") { id } }`, check: () => { throw new Error('read another tenant’s borrower'); } }),
    borrowers: () => ({ query: `{ borrowers(nationalId: "${nationalIdA}") { nodes { id } } }`, check: (d) => expect(d.borrowers.nodes).toEqual([]) }),
    application: () => ({ query: `{ application(id: "${applicationIdA}") { id } }`, check: () => { throw new Error('read another tenant’s application'); } }),
    applications: () => ({ query: '{ applications(first: 100) { nodes { id } } }', check: (d) => expect(d.applications.nodes.map((n: any) => n.id)).not.toContain(applicationIdA) }),
    applicationSlaBreaches: () => ({ query: '{ applicationSlaBreaches { application { id } } }', check: (d) => expect(JSON.stringify(d)).not.toContain(applicationIdA) }),
    simulateDecision: () => ({ query: `{ simulateDecision { applications changed } }`, check: (d) => expect(JSON.stringify(d)).not.toContain(applicationIdA) }),
    decisionConfigs: () => ({ query: '{ decisionConfigs { id } }', check: (d) => expect(d.decisionConfigs.map((c: any) => c.id)).not.toContain(configIdA) }),
    originationPolicies: () => ({ query: '{ originationPolicies { approvalTiers { id } } }', check: (d) => expect(d.originationPolicies.approvalTiers).toEqual([]) }),
    loan: () => ({ query: `{ loan(id: "${loanIdA}") { id } }`, check: () => { throw new Error('read another tenant’s loan'); } }),
    loans: () => ({ query: '{ loans(first: 100) { nodes { id } } }', check: (d) => expect(d.loans.nodes.map((n: any) => n.id)).not.toContain(loanIdA) }),
    loanStatement: () => ({ query: `{ loanStatement(loanId: "${loanIdA}", from: "2020-01-01", to: "2030-01-01") { loanId } }`, check: () => { throw new Error('read another tenant’s statement'); } }),
    payoffQuote: () => ({ query: `{ payoffQuote(loanId: "${loanIdA}") { total } }`, check: () => { throw new Error('quoted another tenant’s loan'); } }),
    trialBalance: () => ({ query: '{ trialBalance { lines { account balance } } }', check: (d) => expect(d.trialBalance.lines.every((l: any) => l.balance === '0.0000')).toBe(true) }),
    creditLine: () => ({ query: '{ creditLine(id: "00000000-0000-7000-8000-000000000001") { id } }', check: () => { throw new Error('unexpected line'); } }),
    creditLines: () => ({ query: '{ creditLines { id borrowerId } }', check: (d) => expect(d.creditLines).toEqual([]) }),
    ledgerAccounts: () => ({ query: '{ ledgerAccounts { code } }', check: (d) => expect(d.ledgerAccounts.map((a: any) => a.code)).not.toContain('A_SECRET_ACCOUNT') }),
    cobRuns: () => ({ query: '{ cobRuns }', check: (d) => expect(d.cobRuns).toEqual([]) }),
    auditVerification: () => ({ query: `{ auditVerification(id: "${verificationIdA}") { id checked } }`, check: () => { throw new Error('read another tenant’s verification'); } }),
    previewBankStatement: () => ({
      query: `{ previewBankStatement(csv: "${statementOfA}") { rows { status reason loanId } } }`,
      check: (d) => expect(d.previewBankStatement.rows).toEqual([{ status: 'UNMATCHED', reason: 'UNKNOWN_LOAN_ID', loanId: null }]),
    }),
    usage: () => ({ query: `{ usage(period: "${usagePeriod}") { activeLoans } }`, check: (d) => expect(d.usage.activeLoans).not.toBe(777) }),
    usageRecords: () => ({ query: '{ usageRecords { nodes { period activeLoans } } }', check: (d) => expect(d.usageRecords.nodes).toEqual([]) }),
    paymentSettings: () => ({ query: '{ paymentSettings { provider stripeSecretKeyLast4 } }', check: (d) => expect(d.paymentSettings).toEqual({ provider: 'MANUAL', stripeSecretKeyLast4: null }) }),
    approvalPolicies: () => ({ query: '{ approvalPolicies { operation } }', check: (d) => expect(d.approvalPolicies).toEqual([]) }),
    pendingApprovals: () => ({ query: '{ pendingApprovals(first: 100) { nodes { id subject } } }', check: (d) => expect(d.pendingApprovals.nodes).toEqual([]) }),
    collectionPolicies: () => ({ query: '{ collectionPolicies { id code name } }', check: (d) => expect(d.collectionPolicies).toEqual([]) }),
    collectionConduct: () => ({ query: '{ collectionConduct { forbiddenWords } }', check: (d) => expect(d.collectionConduct.forbiddenWords).not.toContain('secret-word-of-a') }),
    collectionCases: () => ({ query: '{ collectionCases(first: 100) { nodes { id loanId } } }', check: (d) => expect(d.collectionCases.nodes).toEqual([]) }),
    collectionCase: () => ({ query: `{ collectionCase(id: "${caseIdA}") { id } }`, check: () => { throw new Error('read another tenant’s collection case'); } }),
    myCollectionQueue: () => ({ query: '{ myCollectionQueue { id } }', check: (d) => expect(d.myCollectionQueue).toEqual([]) }),
    collectionMessages: () => ({ query: `{ collectionMessages(caseId: "${caseIdA}") { id } }`, check: () => { throw new Error('read another tenant’s messages'); } }),
    collectionKpis: () => ({ query: `{ collectionKpis(from: "2020-01-01", to: "${tenantToday()}") { promisesMade outboundContacts stages { stage } } }`, check: (d) => expect(d.collectionKpis).toMatchObject({ promisesMade: 0, outboundContacts: 0, stages: [] }) }),
    complaints: () => ({ query: '{ complaints(first: 100) { nodes { id text } } }', check: (d) => expect(d.complaints.nodes).toEqual([]) }),
    complaintSlaBreaches: () => ({ query: '{ complaintSlaBreaches(first: 100) { nodes { id } } }', check: (d) => expect(d.complaintSlaBreaches.nodes).toEqual([]) }),
    approvalRequest: () => ({ query: `{ approvalRequest(id: "${approvalRequestIdA}") { id } }`, check: () => { throw new Error('read another tenant’s approval request'); } }),
    agentAgreement: () => ({ query: `{ agentAgreement(agentId: "${agentIdA}") { text } }`, check: () => { throw new Error('read another tenant’s agent agreement'); } }),
    agentPerformance: () => ({ query: `{ agentPerformance(from: "2020-01-01", to: "${tenantToday()}") { rows { key name } tenant { applications } } }`, check: (d) => expect(JSON.stringify(d.agentPerformance.rows)).not.toMatch(new RegExp(`${agentIdA}|Network of A`)) }),
    referrals: () => ({ query: '{ referrals(first: 100) { nodes { id fullName } } }', check: (d) => expect(d.referrals.nodes).toEqual([]) }),
    attributionRules: () => ({ query: '{ attributionRules { model windowDays } }', check: (d) => expect(d.attributionRules).toEqual({ model: 'FIRST_TOUCH', windowDays: 90 }) }),
    commissionPlans: () => ({ query: '{ commissionPlans { code } }', check: (d) => expect(d.commissionPlans).toEqual([]) }),
    commissions: () => ({ query: '{ commissions(first: 100) { nodes { id agentId } } }', check: (d) => expect(d.commissions.nodes).toEqual([]) }),
    portfolioSummary: () => ({ query: `{ portfolioSummary(asOf: "${tenantToday()}") { activeLoans grossPortfolio snapshotDate } }`, check: (d) => expect(d.portfolioSummary).toEqual({ activeLoans: 0, grossPortfolio: '0.00', snapshotDate: null }) }),
    portfolioTrend: () => ({ query: `{ portfolioTrend(from: "${tenantToday()}", to: "${tenantToday()}", interval: DAY, metrics: [GROSS_PORTFOLIO]) { points { snapshotDate values { value } } } }`, check: (d) => expect(d.portfolioTrend.points).toEqual([{ snapshotDate: null, values: [{ value: '0.00' }] }]) }),
    portfolioBreakdown: () => ({ query: '{ portfolioBreakdown(dimension: PRODUCT) { rows { key } } }', check: (d) => expect(d.portfolioBreakdown.rows).toEqual([]) }),
    chart: () => ({ query: '{ chart(kind: PORTFOLIO_BREAKDOWN, args: { dimension: PRODUCT }) { vegaLiteSpec } }', check: (d) => expect(d.chart.vegaLiteSpec.data.values).toEqual([]) }),
    vintages: () => ({ query: '{ vintages(cohort: MONTH, metric: DPD30_EVER, maxMonthsOnBook: 12) { cohort } }', check: (d) => expect(d.vintages).toEqual([]) }),
    profitability: () => ({ query: `{ profitability(from: "2020-01-01", to: "${tenantToday()}", groupBy: GRADE) { rows { key } } }`, check: (d) => expect(d.profitability.rows).toEqual([]) }),
    originationFunnel: () => ({ query: `{ originationFunnel(from: "2020-01-01", to: "${tenantToday()}", groupBy: AGENT) { total { stages { count } } rows { key } } }`, check: (d) => expect(d.originationFunnel).toEqual({ total: { stages: Array(8).fill({ count: 0 }) }, rows: [] }) }),
    rollRates: () => ({ query: `{ rollRates(from: "2020-01-31", to: "${tenantToday()}") { fromSnapshot cells { count } } }`, check: (d) => expect(d.rollRates).toEqual({ fromSnapshot: null, cells: [] }) }),
    concentration: () => ({ query: '{ concentration(dimension: BORROWER) { portfolio rows { key } } }', check: (d) => expect(d.concentration).toEqual({ portfolio: '0.00', rows: [] }) }),
    financialAssumptions: () => ({ query: '{ financialAssumptions { period } }', check: (d) => expect(d.financialAssumptions).toEqual([]) }),
    crossSellRules: () => ({ query: '{ crossSellRules { productCode } }', check: (d) => expect(d.crossSellRules).toEqual([{ productCode: 'B-CROSS' }]) }),
    crossSellCandidates: () => ({ query: '{ crossSellCandidates(kind: RENEWAL, first: 100) { edges { node { borrowerId } } } }', check: (d) => expect(d.crossSellCandidates.edges).toEqual([]) }),
    propensityModels: () => ({ query: '{ propensityModels { kind } }', check: (d) => expect(d.propensityModels).toEqual([]) }),
    campaigns: () => ({ query: '{ campaigns { id } }', check: (d) => expect(d.campaigns).toEqual([]) }),
    campaignResults: () => ({ query: `{ campaignResults(id: "${campaignIdA}") { uplift } }`, check: () => { throw new Error('read another tenant’s campaign'); } }),
    commissionStatements: () => ({ query: `{ commissionStatements(period: "${tenantToday().slice(0, 7)}") { agentId } }`, check: (d) => expect(d.commissionStatements).toEqual([]) }),
    collectionPlacements: () => ({ query: '{ collectionPlacements { id caseId } }', check: (d) => expect(d.collectionPlacements).toEqual([]) }),
    agents: () => ({ query: '{ agents(first: 100) { nodes { id name } } }', check: (d) => expect(JSON.stringify(d.agents.nodes)).not.toMatch(new RegExp(`${agentIdA}|Network of A`)) }),
    agent: () => ({ query: `{ agent(id: "${agentIdA}") { id } }`, check: () => { throw new Error('read another tenant’s agent'); } }),
    payments: () => ({ query: '{ payments(first: 100) { nodes { id providerRef } } }', check: (d) => expect(JSON.stringify(d.payments.nodes)).not.toMatch(new RegExp(`${paymentIdA}|pi_OfTenantA`)) }),
  };

  const writesOfB: Record<string, (ids: { keyIdA: string; userIdA: string; slugA: string }) => string> = {
    createWebhookEndpoint: () => 'mutation { createWebhookEndpoint(input: { url: "http://127.0.0.1:9/b-hook" }) { endpoint { id } } }',
    updateWebhookEndpoint: () => `mutation { updateWebhookEndpoint(id: "${endpointIdA}", input: { url: "http://127.0.0.1:9/stolen" }) { id } }`,
    rotateWebhookSecret: () => `mutation { rotateWebhookSecret(id: "${endpointIdA}") { signingSecret } }`,
    enableWebhookEndpoint: () => `mutation { enableWebhookEndpoint(id: "${endpointIdA}") { id } }`,
    disableWebhookEndpoint: () => `mutation { disableWebhookEndpoint(id: "${endpointIdA}") { id } }`,
    deleteWebhookEndpoint: () => `mutation { deleteWebhookEndpoint(id: "${endpointIdA}") }`,
    replayWebhookDelivery: () => 'mutation { replayWebhookDelivery(id: "00000000-0000-7000-8000-000000000001") { id } }',
    replayWebhookEvents: () => `mutation { replayWebhookEvents(endpointId: "${endpointIdA}", from: "2020-01-01T00:00:00Z") }`,
    revokeApiKey: (ids) => `mutation { revokeApiKey(id: "${ids.keyIdA}") { id } }`,
    setStaffUserRoles: (ids) => `mutation { setStaffUserRoles(id: "${ids.userIdA}", roles: [LENDER_ADMIN]) { id } }`,
    setStaffUserStatus: (ids) => `mutation { setStaffUserStatus(id: "${ids.userIdA}", status: DISABLED) { id } }`,
    setTenantStatus: (ids) => `mutation { setTenantStatus(slug: "${ids.slugA}", status: SUSPENDED) { status } }`,
    updateTenant: (ids) => `mutation { updateTenant(slug: "${ids.slugA}", input: { name: "x", legalName: "x", country: "KE", jurisdiction: "KE", baseCurrency: "KES", timezone: "UTC", locale: "en", rounding: { decimals: 2, mode: UP } }) { id } }`,
    createTenant: () => 'mutation { createTenant(input: { slug: "sneaky", name: "x", legalName: "x", country: "KE", jurisdiction: "KE", baseCurrency: "KES", timezone: "UTC", locale: "en", rounding: { decimals: 2, mode: UP } }) { id } }',
    // These act only on the caller's own tenant by construction (no id argument); B using them must leave A untouched.
    updateTenantSettings: () => 'mutation { updateTenantSettings(input: { supportEmail: "b@b.test" }) { slug } }',
    createApiKey: () => 'mutation { createApiKey(input: { name: "b", role: ANALYST }) { apiKey { id } } }',
    createStaffUser: () => 'mutation { createStaffUser(input: { email: "b@b.test", fullName: "B", roles: [ANALYST], password: "another long password" }) { id } }',
    mintBorrowerToken: () => 'mutation { mintBorrowerToken(input: { externalRef: "borrower-of-a" }) { borrowerId } }',
    verifyAuditLog: () => 'mutation { verifyAuditLog { id } }',
    setReferenceRate: () => 'mutation { setReferenceRate(name: "CN_LPR_1Y", effectiveFrom: "2031-01-01", rate: "0.5") { rate } }',
    setRateCapRule: () => 'mutation { setRateCapRule(input: { jurisdiction: "KE", effectiveFrom: "2024-01-01", kind: FIXED, rate: "0.9" }) { id } }',
    createLoanProduct: () => 'mutation { createLoanProduct(code: "A-ONLY", input: { name: "B", segment: CONSUMER, currency: "KES", amountMin: "1", amountMax: "2", termMin: 1, termMax: 2, frequencies: [MONTHLY], amortization: FLAT, dayCount: THIRTY_360, rounding: { decimals: 2, mode: UP }, rateBands: [{ grade: "A", annualRate: "0.01" }] }) { id } }',
    reviseLoanProduct: () => `mutation { reviseLoanProduct(id: "${productIdA}", input: { name: "B", segment: CONSUMER, currency: "KES", amountMin: "1", amountMax: "2", termMin: 1, termMax: 2, frequencies: [MONTHLY], amortization: FLAT, dayCount: THIRTY_360, rounding: { decimals: 2, mode: UP }, rateBands: [{ grade: "A", annualRate: "0.1" }] }) { id } }`,
    archiveLoanProduct: () => `mutation { archiveLoanProduct(id: "${productIdA}") { id } }`,
    createBorrower: () => `mutation { createBorrower(input: { segment: CONSUMER, fullName: "Copy", nationalId: "${nationalIdA}" }) { id } }`,
    updateBorrower: () => `mutation { updateBorrower(id: "${borrowerIdA}", input: { segment: CONSUMER, fullName: "Hijack", nationalId: "X1234567" }) { id } }`,
    recordConsent: () => `mutation { recordConsent(borrowerId: "${borrowerIdA}", kind: MARKETING, granted: true, textVersion: "x") { kind } }`,
    exportBorrower: () => `mutation { exportBorrower(id: "${borrowerIdA}") { data } }`,
    eraseBorrower: () => `mutation { eraseBorrower(id: "${borrowerIdA}") { id } }`,
    submitApplication: () => `mutation { submitApplication(input: { borrowerId: "${borrowerIdA}", productId: "${productIdA}", amount: "20000.00", termCount: 12, frequency: MONTHLY }) { id } }`,
    voteOnApplication: () => `mutation { voteOnApplication(id: "${applicationIdA}", vote: APPROVE, comment: "x") { id } }`,
    acceptOffer: () => `mutation { acceptOffer(applicationId: "${applicationIdA}") { id } }`,
    signContract: () => `mutation { signContract(applicationId: "${applicationIdA}", signerName: "x", documentHash: "${'0'.repeat(64)}") { id } }`,
    disburseLoan: () => `mutation { disburseLoan(applicationId: "${applicationIdA}", idempotencyKey: "steal-12345") { id } }`,
    withdrawApplication: () => `mutation { withdrawApplication(id: "${applicationIdA}") { id } }`,
    saveScorecard: () => 'mutation { saveScorecard(name: "b", definition: { basePoints: 1, baseScore: 600, baseOdds: 50, pdo: 20, attributes: [{ fact: "age", reasonCode: "AGE", missingPoints: 0, bins: [{ label: "all", points: 1 }] }], grades: [{ grade: "A", minScore: 0 }] }) { id } }',
    saveRuleSet: () => 'mutation { saveRuleSet(name: "b", definition: { rules: [] }) { id } }',
    activateDecisionConfig: () => `mutation { activateDecisionConfig(id: "${configIdA}") { id } }`,
    setApprovalTiers: () => 'mutation { setApprovalTiers(tiers: [{ id: "bb", name: "B", priority: 1, mode: AUTO }]) { id } }',
    setRiskAppetiteLimits: () => 'mutation { setRiskAppetiteLimits(limits: [{ id: "bb", dimension: REGION, key: "x", maxAmount: "1", action: DECLINE }]) { id } }',
    setStageTimeLimits: () => 'mutation { setStageTimeLimits(limits: [{ status: REFERRED, hours: 1 }]) }',
    setFraudPolicy: () => 'mutation { setFraudPolicy(policy: { velocityLimit: 1, velocityWindowDays: 1, sanctionsThreshold: "0.5" }) }',
    setOfferPolicy: () => 'mutation { setOfferPolicy(policy: { validityDays: 1, lossGivenDefault: "0.5" }) }',
    setContractTemplate: () => 'mutation { setContractTemplate(version: "b", body: "B template {{application.id}} with enough length") }',
    setWatchlist: () => 'mutation { setWatchlist(listName: "un", names: ["Other"]) }',
    addBlacklistEntry: () => `mutation { addBlacklistEntry(kind: NATIONAL_ID, value: "${nationalIdA}", reason: "b") }`,
    recordRepayment: () => `mutation { recordRepayment(input: { loanId: "${loanIdA}", amount: "100.00", paidAt: "${tenantToday()}", method: CASH, idempotencyKey: "steal-repay-1" }) { transactionId } }`,
    settleLoan: () => `mutation { settleLoan(input: { loanId: "${loanIdA}", amount: "100.00", paidAt: "${tenantToday()}", method: CASH, idempotencyKey: "steal-settle-1" }) { transactionId } }`,
    reverseTransaction: () => `mutation { reverseTransaction(id: "${repaymentIdA}", reason: "x") { id } }`,
    chargeFee: () => `mutation { chargeFee(loanId: "${loanIdA}", amount: "10.00", name: "x") { id } }`,
    waive: () => `mutation { waive(loanId: "${loanIdA}", kind: FEE, amount: "10.00", reason: "x") { id } }`,
    drawOnCreditLine: () => 'mutation { drawOnCreditLine(creditLineId: "00000000-0000-7000-8000-000000000001", amount: "1.00", idempotencyKey: "steal-draw-1") { id } }',
    setCreditLineLimit: () => 'mutation { setCreditLineLimit(id: "00000000-0000-7000-8000-000000000001", limit: "1.00") { id } }',
    freezeCreditLine: () => 'mutation { freezeCreditLine(id: "00000000-0000-7000-8000-000000000001", frozen: true) { id } }',
    refundCredit: () => `mutation { refundCredit(loanId: "${loanIdA}", amount: "1.00", method: CASH, idempotencyKey: "steal-refund-1") { id } }`,
    restructureLoan: () => `mutation { restructureLoan(input: { loanId: "${loanIdA}", termCount: 6, capitaliseArrears: true, reason: "x", idempotencyKey: "steal-restructure" }) { id } }`,
    refreshBureauReport: () => `mutation { refreshBureauReport(borrowerId: "${borrowerIdA}") { signals } }`,
    setLedgerAccount: () => 'mutation { setLedgerAccount(code: "B_ACCOUNT", name: "b", type: ASSET) { code } }',
    writeOffLoan: () => `mutation { writeOffLoan(loanId: "${loanIdA}", reason: "x") { id } }`,
    recordRecovery: () => `mutation { recordRecovery(input: { loanId: "${loanIdA}", amount: "1.00", paidAt: "${tenantToday()}", method: CASH, idempotencyKey: "steal-recovery" }) { transactionId } }`,
    runCloseOfBusiness: () => `mutation { runCloseOfBusiness(date: "${tenantToday()}") }`,
    setStaffApprovalAuthority: () => `mutation { setStaffApprovalAuthority(id: "${userIdA}", approvalLimit: "1", groups: []) { id } }`,
    login: () => `mutation { login(input: { tenantSlug: "${b.slug}", email: "a@lender-a.test", password: "a long password" }) { token } }`,
    // B importing A's statement (even under A's key) matches none of A's loans; billing is the operator's.
    importBankStatement: () => `mutation { importBankStatement(input: { csv: "${statementOfA}", idempotencyKey: "statement-a-1" }) { posted } }`,
    runUsageBilling: () => `mutation { runUsageBilling(period: "${usagePeriod}") { slug } }`,
    setTenantBillingCustomer: (ids) => `mutation { setTenantBillingCustomer(slug: "${ids.slugA}", customerId: "cus_Thief") { slug } }`,
    // B using these on A's ids finds nothing; with no id (settings, payout accounts, runs) it acts only on B.
    setStripeCredentials: () => 'mutation { setStripeCredentials(input: { secretKey: "sk_test_SecretOfTenantB0001", webhookSigningSecret: "whsec_SecretOfTenantB0001" }) { provider } }',
    createRepaymentIntent: () => `mutation { createRepaymentIntent(input: { loanId: "${loanIdA}", amount: "100.00", idempotencyKey: "steal-intent-1" }) { paymentId } }`,
    refundOverpayment: () => `mutation { refundOverpayment(input: { loanId: "${loanIdA}", amount: "1.00", idempotencyKey: "steal-stripe-refund" }) { id } }`,
    setAutoDebit: () => `mutation { setAutoDebit(input: { loanId: "${loanIdA}", customerId: "cus_Thief", paymentMethodId: "pm_Thief" }) { status } }`,
    cancelAutoDebit: () => `mutation { cancelAutoDebit(loanId: "${loanIdA}") { status } }`,
    runAutoDebit: () => 'mutation { runAutoDebit { attempted } }',
    setAgentPayoutAccount: () => `mutation { setAgentPayoutAccount(agentId: "${agentIdA}", stripeAccountId: "acct_OfTenantB") { stripeAccountId } }`,
    setBorrowerPayoutAccount: () => `mutation { setBorrowerPayoutAccount(borrowerId: "${borrowerIdA}", stripeAccountId: "acct_Thief") { stripeAccountId } }`,
    payAgentCommission: () => `mutation { payAgentCommission(input: { agentId: "${agentIdA}", period: "${tenantToday().slice(0, 7)}", idempotencyKey: "steal-commission" }) { id } }`,
    submitReferral: () => `mutation { submitReferral(input: { borrower: { fullName: "B", nationalId: "${nationalIdA}" }, consent: true }) { id status } }`,
    setAttributionRules: () => 'mutation { setAttributionRules(input: { model: LAST_TOUCH, windowDays: 7, returningCustomer: CREDIT }) { model } }',
    setCommissionPlan: () => 'mutation { setCommissionPlan(input: { code: "A-PLAN", name: "B overwrites", rules: [{ trigger: DISBURSED, basis: FLAT, amount: "999" }] }) { id version } }',
    setFinancialAssumptions: () => 'mutation { setFinancialAssumptions(period: "2026-01", costOfFundsRate: "0.5", operatingCostPerLoan: "1") { period } }',
    createCampaign: () => `mutation { createCampaign(input: { name: "B", kind: RENEWAL, channel: SMS, templates: [{ locale: "en", text: "hi" }], startsAt: "${new Date().toISOString()}",
      endsAt: "${new Date(Date.now() + 86_400_000).toISOString()}", idempotencyKey: "campaign-a" }) { id } }`,
    recordCampaignOpened: () => `mutation { recordCampaignOpened(campaignId: "${campaignIdA}", borrowerId: "${borrowerIdA}") { openedAt } }`,
    setCrossSellRule: () => 'mutation { setCrossSellRule(input: { kind: RENEWAL, productCode: "A-ONLY", when: { fact: "loansRepaid", op: "gte", value: 99 } }) { id } }',
    closeCommissionPeriod: () => `mutation { closeCommissionPeriod(period: "${tenantToday().slice(0, 7)}") { period } }`,
    createAgent: () => `mutation { createAgent(input: { kind: BRANCH, name: "B's branch", parentId: "${agentIdA}" }) { id } }`,
    updateAgent: () => `mutation { updateAgent(input: { id: "${agentIdA}", name: "Stolen" }) { id } }`,
    verifyAgentIdentity: () => `mutation { verifyAgentIdentity(agentId: "${agentIdA}", input: { fullName: "B", nationalId: "12345678" }) { id } }`,
    signAgentAgreement: () => `mutation { signAgentAgreement(agentId: "${agentIdA}", signerName: "B", documentHash: "${'0'.repeat(64)}") { signed } }`,
    setAgentStatus: () => `mutation { setAgentStatus(id: "${agentIdA}", status: SUSPENDED, reason: "b") { id } }`,
    retryPayout: () => `mutation { retryPayout(paymentId: "${payoutIdA}", idempotencyKey: "steal-retry-1") { id } }`,
    // Policies act only on the caller's own tenant; A's requests and staff are not found.
    setApprovalPolicy: () => 'mutation { setApprovalPolicy(operation: writeOffLoan, thresholdAmount: "999", approverRoles: [SERVICER]) { operation } }',
    removeApprovalPolicy: () => 'mutation { removeApprovalPolicy(operation: writeOffLoan) }',
    setCollectionPolicy: () => 'mutation { setCollectionPolicy(input: { code: "A-POLICY", name: "B overwrites", stages: [{ name: "B", minDpd: 1 }] }) { id version } }',
    setCollectionConduct: () => 'mutation { setCollectionConduct(input: { forbiddenWords: [] }) { coolingOffDays } }',
    assignCollectionCases: (ids) => `mutation { assignCollectionCases(ids: ["${caseIdA}"], assignee: "${ids.keyIdA}") { id } }`,
    logCollectionContact: () => `mutation { logCollectionContact(input: { caseId: "${caseIdA}", channel: CALL, direction: OUTBOUND }) { id } }`,
    recordPromiseToPay: () => `mutation { recordPromiseToPay(input: { caseId: "${caseIdA}", amount: "1.00", dueDate: "${tenantToday()}" }) { id } }`,
    runCollectionActions: () => 'mutation { runCollectionActions }',
    setCollectionTeam: (ids) => `mutation { setCollectionTeam(input: { team: "COLLECTOR", members: ["${ids.keyIdA}"], capacity: 9 }) { team } }`,
    requestHardship: () => `mutation { requestHardship(caseId: "${caseIdA}", reason: "b") { id } }`,
    offerSettlement: () => `mutation { offerSettlement(input: { caseId: "${caseIdA}", amount: "1.00", payBy: "${tenantToday()}" }) { id } }`,
    fileComplaint: () => `mutation { fileComplaint(input: { borrowerId: "${borrowerIdA}", channel: "PHONE", category: "OTHER", text: "b" }) { id } }`,
    respondToComplaint: () => `mutation { respondToComplaint(id: "${complaintIdA}", response: "b answers") { id } }`,
    approveRequest: () => `mutation { approveRequest(id: "${approvalRequestIdA}") { id status } }`,
    rejectRequest: () => `mutation { rejectRequest(id: "${approvalRequestIdA}", reason: "b") { id status } }`,
    setWaiverLimit: (ids) => `mutation { setWaiverLimit(userId: "${ids.userIdA}", limit: "1") { id } }`,
  };

  it('covers every query and mutation of the schema', async () => {
    const res = await app.gql(getIntrospectionQuery());
    const types = (res.data as any).__schema.types;
    const fields = (name: string) => types.find((t: any) => t.name === name).fields.map((f: any) => f.name).sort();
    expect(fields('Query')).toEqual(Object.keys(readsOfB).sort());
    expect(fields('Mutation')).toEqual(Object.keys(writesOfB).sort());
  });

  it.each(Object.keys(readsOfB))('query %s of tenant B shows nothing of tenant A', async (name) => {
    const { query, check } = readsOfB[name](() => ({ keyIdA, userIdA, slugA: a.slug }));
    const res = await app.gql(query, {}, adminB);
    if (res.errors) expect(['FORBIDDEN', 'NOT_FOUND']).toContain(res.errors[0].extensions.code);
    else check(res.data);
  });

  it.each(Object.keys(writesOfB))('mutation %s of tenant B changes nothing of tenant A', async (name) => {
    const before = await snapshotOfA();
    const res = await app.gql(writesOfB[name]({ keyIdA, userIdA, slugA: a.slug }), {}, adminB);
    const appKeyB = await app.apiKey(b.slug, 'APP');
    if (name === 'mintBorrowerToken') {
      const minted = await app.gql(writesOfB[name]({ keyIdA, userIdA, slugA: a.slug }), {}, appKeyB);
      const borrowersOfA = await app.ownerQuery('SELECT id FROM borrowers WHERE tenant_id = $1', [a.id]);
      expect(borrowersOfA.map((r) => r.id)).not.toContain(minted.data!.mintBorrowerToken.borrowerId);
    }
    // An agent named by reference is BAD_USER_INPUT "no agent …", as an id that exists nowhere is.
    const refused = res.errors && res.errors[0].extensions.code === 'BAD_USER_INPUT' && /^no agent /.test(res.errors[0].message) ? 'NOT_FOUND' : res.errors?.[0].extensions.code;
    if (res.errors) expect([name, refused, res.errors[0].message]).toEqual([name, expect.stringMatching(/^(FORBIDDEN|NOT_FOUND|UNAUTHENTICATED)$/), res.errors[0].message]);
    expect(await snapshotOfA()).toEqual(before);
  });

  async function snapshotOfA() {
    const rows = await Promise.all(
      ['tenants WHERE id = $1', 'borrowers WHERE tenant_id = $1', 'borrower_consents WHERE tenant_id = $1', 'applications WHERE tenant_id = $1', 'application_events WHERE tenant_id = $1', 'application_stages WHERE tenant_id = $1',
       'application_checks WHERE tenant_id = $1', 'application_votes WHERE tenant_id = $1', 'application_collateral WHERE tenant_id = $1', 'decision_configs WHERE tenant_id = $1',
       'tenant_policies WHERE tenant_id = $1', 'watchlist_entries WHERE tenant_id = $1', 'blacklist_entries WHERE tenant_id = $1', 'loans WHERE tenant_id = $1',
       'journal_entries WHERE tenant_id = $1', 'journal_lines WHERE tenant_id = $1', 'ledger_accounts WHERE tenant_id = $1', 'idempotency_keys WHERE tenant_id = $1',
       'tenant_keys WHERE tenant_id = $1', 'rate_cap_rules WHERE tenant_id = $1', 'loan_transactions WHERE tenant_id = $1', 'loan_postings WHERE tenant_id = $1', 'loan_events WHERE tenant_id = $1', 'loan_accruals WHERE tenant_id = $1', 'cob_runs WHERE tenant_id = $1', 'cob_partitions WHERE tenant_id = $1', 'credit_lines WHERE tenant_id = $1', 'loan_products WHERE tenant_id = $1', 'loan_product_versions WHERE tenant_id = $1', 'api_keys WHERE tenant_id = $1', 'staff_users WHERE tenant_id = $1', 'borrowers WHERE tenant_id = $1', 'audit_entries WHERE tenant_id = $1', 'audit_heads WHERE tenant_id = $1',
       'outbox_events WHERE tenant_id = $1', 'webhook_endpoints WHERE tenant_id = $1', 'webhook_deliveries WHERE tenant_id = $1',
       'usage_records WHERE tenant_id = $1', 'tenant_billing WHERE tenant_id = $1',
       'payment_settings WHERE tenant_id = $1', 'payments WHERE tenant_id = $1', 'stripe_events WHERE tenant_id = $1', 'auto_debits WHERE tenant_id = $1', 'payout_accounts WHERE tenant_id = $1',
       'approval_policies WHERE tenant_id = $1', 'approval_requests WHERE tenant_id = $1',
       'collection_policies WHERE tenant_id = $1', 'collection_conduct WHERE tenant_id = $1', 'collection_cases WHERE tenant_id = $1', 'collection_actions WHERE tenant_id = $1',
       'collection_contacts WHERE tenant_id = $1', 'collection_promises WHERE tenant_id = $1', 'collection_refusals WHERE tenant_id = $1', 'complaints WHERE tenant_id = $1', 'collection_teams WHERE tenant_id = $1',
       'loan_settlements WHERE tenant_id = $1', 'agents WHERE tenant_id = $1', 'collection_placements WHERE tenant_id = $1',
       'commission_plans WHERE tenant_id = $1', 'commissions WHERE tenant_id = $1', 'commission_cursors WHERE tenant_id = $1', 'commission_periods WHERE tenant_id = $1', 'commission_holds WHERE tenant_id = $1',
       'referrals WHERE tenant_id = $1', 'attribution_rules WHERE tenant_id = $1', 'agent_risk_signals WHERE tenant_id = $1',
       'portfolio_snapshots WHERE tenant_id = $1', 'portfolio_top_borrowers WHERE tenant_id = $1', 'loan_milestones WHERE tenant_id = $1', 'vintage_cells WHERE tenant_id = $1', 'loan_month_ends WHERE tenant_id = $1', 'roll_rate_matrices WHERE tenant_id = $1', 'financial_assumptions WHERE tenant_id = $1',
       'cross_sell_rules WHERE tenant_id = $1', 'propensity_models WHERE tenant_id = $1', 'campaigns WHERE tenant_id = $1', 'campaign_members WHERE tenant_id = $1']
        .map((from) => app.ownerQuery(`SELECT * FROM ${from} ORDER BY 1, 2`, [a.id])),
    );
    return JSON.stringify(rows);
  }

  describe('row-level security, the second wall', () => {
    let appRole: Client;
    beforeAll(async () => {
      appRole = new Client({ connectionString: withCredentials(app.ownerUrl, 'microlend_app', TEST_APP_PASSWORD) });
      await appRole.connect();
    });
    afterAll(() => appRole.end());

    const scoped = async (tenantId: string | null, sql: string, params: unknown[] = []) => {
      await appRole.query('BEGIN');
      try {
        await appRole.query("SELECT set_config('app.tenant_id', $1, true)", [tenantId ?? '']);
        return (await appRole.query(sql, params)).rows;
      } finally {
        await appRole.query('ROLLBACK');
      }
    };

    it('returns no row of another tenant to a deliberately unscoped query', async () => {
      await app.gql(CREATE_PRODUCT, { code: 'B-OWN', input: productTerms() }, adminB);
      await app.gql('mutation { setRateCapRule(input: { jurisdiction: "KE", effectiveFrom: "2025-01-01", kind: FIXED, rate: "0.6" }) { id } }', {}, adminB);
      const submittedB = await app.gql(SUBMIT, { input: { productId: (await app.gql('{ loanProducts(search: "B-OWN") { nodes { id } } }', {}, adminB)).data!.loanProducts.nodes[0].id, amount: '20000.00', termCount: 12, frequency: 'MONTHLY', borrower: borrowerInput(), deviceId: 'device-of-b' } }, adminB);
      expect(submittedB.errors).toBeUndefined();
      for (const table of ['api_keys', 'staff_users', 'borrowers', 'audit_entries', 'audit_heads', 'rate_cap_rules', 'loan_products', 'loan_product_versions',
        'applications', 'application_events', 'application_stages', 'application_checks', 'borrower_consents', 'tenant_keys', 'tenant_policies', 'decision_configs', 'outbox_events']) {
        const rows = await scoped(b.id, `SELECT tenant_id FROM ${table}`);
        expect(rows.length).toBeGreaterThan(0);
        expect(rows.every((r) => r.tenant_id === b.id)).toBe(true);
        expect(await scoped(null, `SELECT tenant_id FROM ${table}`)).toEqual([]);
      }
      expect((await scoped(b.id, 'SELECT id FROM tenants')).map((r) => r.id)).toEqual([b.id]);
    });

    it('refuses to write a row for another tenant, or to move a row to another tenant', async () => {
      await expect(scoped(b.id, "INSERT INTO borrowers (tenant_id, id, external_ref) VALUES ($1, gen_random_uuid(), 'x')", [a.id])).rejects.toThrow(/row-level security/);
      expect(await scoped(b.id, 'UPDATE staff_users SET full_name = $1 WHERE tenant_id = $2 RETURNING id', ['owned', a.id])).toEqual([]);
      await expect(scoped(b.id, 'UPDATE staff_users SET tenant_id = $1 RETURNING id', [a.id])).rejects.toThrow(/row-level security/);
    });

    it('runs as a role that cannot bypass RLS and cannot rewrite the audit log', async () => {
      const [role] = (await appRole.query("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user")).rows;
      expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
      await expect(scoped(b.id, 'DELETE FROM audit_entries')).rejects.toThrow(/permission denied/);
      await expect(scoped(b.id, "UPDATE audit_entries SET action = 'x'")).rejects.toThrow(/permission denied/);
    });

    it('has tenant_id leading the keys and an RLS policy on every tenant-owned table', async () => {
      const tables = await app.ownerQuery(`
        SELECT c.relname, c.relrowsecurity,
               (SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid)::int AS policies
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r'
          AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id')`);
      expect(tables.length).toBeGreaterThanOrEqual(5);
      for (const t of tables) expect({ table: t.relname, rls: t.relrowsecurity, policies: t.policies > 0 }).toEqual({ table: t.relname, rls: true, policies: true });
      const keys = await app.ownerQuery(`
        SELECT c.conrelid::regclass::text AS tbl, c.conname, c.contype, a.attname AS first_col
        FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        WHERE c.contype IN ('p', 'u', 'f') AND c.connamespace = 'public'::regnamespace
          AND EXISTS (SELECT 1 FROM pg_attribute t WHERE t.attrelid = c.conrelid AND t.attname = 'tenant_id')`);
      for (const k of keys) expect({ constraint: k.conname, first: k.first_col }).toEqual({ constraint: k.conname, first: 'tenant_id' });
    });
  });
});
