import { periodBounds, lastClosedPeriod } from '../../src/core/billing/usage';
import { Dec } from '../../src/core/money';
import { jobSchedules } from '../../src/app/composition';
import { cli } from '../support/cli';
import { eventually } from '../support/eventually';
import { type FakeStripe, startFakeStripe } from '../support/fake-stripe';
import { LOAN, REPAY, ageLoan, autoLender, disbursedLoan } from '../support/loans';
import { tenantToday } from '../support/dates';
import { SUBMIT, borrowerInput } from '../support/origination';
import { CREATE_PRODUCT, productTerms } from '../support/products';
import { type TestApp, startTestApp } from '../support/test-app';
import { startReceiver } from '../support/webhook-receiver';

/**
 * Every query field of the schema, run once over real data through GraphQL with the credential a
 * caller would use. The first test compares the cases with the served schema's Query type, so a
 * query added without a case here fails this spec; each case checks a figure the fixture implies,
 * so a resolver that fails (or answers nonsense) cannot hide.
 */
describe('every query of the schema answers over real data', () => {
  let app: TestApp;
  let fake: FakeStripe;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const today = new Date().toISOString().slice(0, 10);
  const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  const yesterday = addDays(today, -1);

  /** What beforeAll made; every case reads it. */
  const fx = {} as {
    approvalRequestId: string;
    slug: string; tenantId: string; admin: string; operator: string; borrowerToken: string; analystKey: string;
    productId: string; productCode: string; lineProductId: string;
    borrowerId: string; borrower: ReturnType<typeof borrowerInput>; applicationId: string; loanId: string; loanStart: string; dueDates: string[];
    repayment: { transactionId: string; amount: string; paidAt: string };
    lineApplicationId: string; lineBorrowerId: string; lineId: string; lineLoanId: string;
    staleApplicationId: string; freshApplicationId: string;
    servicerKeyId: string; staffUserId: string; staffEmail: string;
    ruleSetId: string; rateCapRuleId: string; endpointId: string; endpointUrl: string;
    paymentId: string; paymentAmount: string; usagePeriod: string; usageRun: { activeLoans: number; status: string };
    verificationId: string; auditEntriesBefore: number; submitted: number;
    networkId: string; branchId: string; agentKey: string;
    lateLoanId: string; lateBorrowerId: string; caseId: string; complaintId: string; collectionsAdmin: string; collectionsAnalyst: string; collectionsSlug: string; collectionsProductCode: string;
  };

  /** Sends a query and fails on any error; returns data. */
  async function q(query: string, token: string, variables: Record<string, unknown> = {}) {
    const res = await app.gql(query, variables, token);
    if (res.errors) throw new Error(`${query.slice(0, 80)}: ${JSON.stringify(res.errors)}`);
    return res.data!;
  }

  beforeAll(async () => {
    fake = await startFakeStripe();
    receiver = await startReceiver();
    app = await startTestApp({ worker: true, env: { ...fake.env, WEBHOOK_BACKOFF_BASE_MS: '50', WEBHOOK_MAX_BACKOFF_MS: '200', WEBHOOK_SWEEP_MS: '500' } });
    // The worker's periodic jobs tick once at start-up (then hourly): let those ticks pass before the
    // lender exists, so the close of business and the usage below are this spec's own runs.
    await eventually(async () => {
      const done = (await app.runtime.queue.queue().getJobs(['completed'])).map((j) => j.name);
      expect(done).toEqual(expect.arrayContaining(jobSchedules.map((s) => s.job)));
    });
    // A lender in UTC (business dates agree with this spec's), auto-approving, with a consumer product.
    const tenant = await app.createTenant({ timezone: 'UTC' });
    fx.slug = tenant.slug;
    fx.tenantId = tenant.id;
    fx.admin = await app.apiKey(fx.slug, 'LENDER_ADMIN');
    fx.analystKey = await app.apiKey(fx.slug, 'ANALYST');
    fx.operator = await app.platformKey();
    fx.productCode = 'COVERAGE-1';
    fx.productId = (await q(CREATE_PRODUCT, fx.admin, {
      code: fx.productCode,
      input: productTerms({ name: 'Coverage consumer loan', amountMax: '500000.00', rateBands: ['A', 'B', 'C', 'D', 'E'].map((grade, i) => ({ grade, annualRate: `0.${14 + i * 2}`, feeDiscount: '0' })), segmentOverrides: [] }),
    })).createLoanProduct.id;
    await q('mutation { setApprovalTiers(tiers: [{ id: "auto", name: "Auto", priority: 1, mode: AUTO }]) { id } }', fx.admin);

    // A webhook endpoint (to a receiver that accepts everything) before anything happens, so it gets the loan's events.
    fx.endpointUrl = receiver.url;
    fx.endpointId = (await q('mutation($i: WebhookEndpointInput!) { createWebhookEndpoint(input: $i) { endpoint { id } } }', fx.admin, { i: { url: fx.endpointUrl, eventTypes: ['loan.*'] } })).createWebhookEndpoint.endpoint.id;

    // A borrower's loan: submitted, accepted, signed, disbursed, aged 40 days, its first instalment paid on its due date.
    fx.borrower = borrowerInput({ fullName: 'Zawadi Coverage Otieno', externalRef: 'coverage-borrower' });
    const disburse = async (productId: string, amount: string, termCount: number, borrower: Record<string, unknown>) => {
      const appl = (await q(SUBMIT, fx.admin, { input: { productId, amount, termCount, frequency: 'MONTHLY', borrower } })).submitApplication;
      if (appl.status !== 'OFFERED') throw new Error(`not offered: ${JSON.stringify(appl.decision?.reasons)}`);
      const hash = (await q(`mutation { acceptOffer(applicationId: "${appl.id}") { contract { sha256 } } }`, fx.admin)).acceptOffer.contract.sha256;
      await q(`mutation { signContract(applicationId: "${appl.id}", signerName: "Borrower", documentHash: "${hash}") { status } }`, fx.admin);
      const loanId = (await q(`mutation { disburseLoan(applicationId: "${appl.id}", idempotencyKey: "d-${appl.id}") { id } }`, fx.admin)).disburseLoan.id as string;
      return { applicationId: appl.id as string, borrowerId: appl.borrowerId as string, loanId };
    };
    ({ applicationId: fx.applicationId, borrowerId: fx.borrowerId, loanId: fx.loanId } = await disburse(fx.productId, '12000.00', 6, fx.borrower));
    ({ start: fx.loanStart, dueDates: fx.dueDates } = await ageLoan(app, fx.loanId, 40));
    const first = (await q(LOAN(fx.loanId), fx.admin)).loan.schedule[0];
    const amount = new Dec(first.principalDue).plus(first.interestDue).toFixed(2);
    const paid = await q(REPAY, fx.admin, { i: { loanId: fx.loanId, amount, paidAt: fx.dueDates[0], method: 'MOBILE_MONEY', reference: 'cov-1', idempotencyKey: `cov-repay-${fx.loanId}` } });
    fx.repayment = { transactionId: paid.recordRepayment.transactionId, amount, paidAt: fx.dueDates[0] };

    // A revolving credit line of another borrower, opened by its first draw today.
    fx.lineProductId = (await q(CREATE_PRODUCT, fx.admin, {
      code: 'COVERAGE-LINE',
      input: productTerms({
        name: 'Coverage working capital line', segment: 'SOLE_PROPRIETOR', amortization: 'INTEREST_ONLY', dayCount: 'ACTUAL_360', frequencies: ['MONTHLY'], termMin: 1, termMax: 6,
        fees: [], rateBands: ['A', 'B', 'C', 'D', 'E'].map((grade) => ({ grade, annualRate: '0.12' })), segmentOverrides: [],
        creditLine: { limitMin: '10000.00', limitMax: '100000.00', validityMonths: 12 },
      }),
    })).createLoanProduct.id;
    ({ applicationId: fx.lineApplicationId, borrowerId: fx.lineBorrowerId, loanId: fx.lineLoanId } = await disburse(fx.lineProductId, '30000.00', 1, borrowerInput({ externalRef: 'coverage-line-owner' })));
    fx.lineId = (await q(`{ creditLines(borrowerId: "${fx.lineBorrowerId}") { id } }`, fx.admin)).creditLines[0].id;

    // Two applications left at OFFERED under a one-hour stage limit: one entered it three hours ago.
    await q('mutation { setStageTimeLimits(limits: [{ status: OFFERED, hours: 1 }, { status: REFERRED, hours: 24 }]) }', fx.admin);
    fx.staleApplicationId = (await q(SUBMIT, fx.admin, { input: { productId: fx.productId, amount: '13000.00', termCount: 6, frequency: 'MONTHLY', borrower: borrowerInput() } })).submitApplication.id;
    fx.freshApplicationId = (await q(SUBMIT, fx.admin, { input: { productId: fx.productId, amount: '14000.00', termCount: 6, frequency: 'MONTHLY', borrower: borrowerInput() } })).submitApplication.id;
    await app.ownerQuery("UPDATE applications SET status_entered_at = now() - interval '3 hours' WHERE id = $1", [fx.staleApplicationId]);
    fx.submitted = 4;

    // A draft rule set referring anything above 25,000 (only the credit line's 30,000 application).
    fx.ruleSetId = (await q('mutation($d: JSON!) { saveRuleSet(name: "refer large", definition: $d) { id } }', fx.admin, {
      d: { rules: [{ id: 'max-amount', description: 'No loan above 25,000 without review', when: { fact: 'amount', op: 'gt', value: '25000' }, outcome: 'REFER', reasonCode: 'LARGE_AMOUNT' }] },
    })).saveRuleSet.id;

    // The lender's people and keys, its own ledger account and rate cap.
    fx.servicerKeyId = (await q('mutation { createApiKey(input: { name: "coverage servicer", role: SERVICER }) { apiKey { id } } }', fx.admin)).createApiKey.apiKey.id;
    fx.staffEmail = 'analyst@coverage.test';
    fx.staffUserId = (await q(`mutation { createStaffUser(input: { email: "${fx.staffEmail}", fullName: "Coverage Analyst", roles: [ANALYST], password: "a long password 123" }) { id } }`, fx.admin)).createStaffUser.id;
    await q('mutation { setLedgerAccount(code: "COVERAGE_SUSPENSE", name: "Coverage suspense", type: LIABILITY) { code } }', fx.admin);
    fx.rateCapRuleId = (await q('mutation { setRateCapRule(input: { jurisdiction: "KE", effectiveFrom: "2024-01-01", kind: FIXED, rate: "0.9" }) { id } }', fx.admin)).setRateCapRule.id;

    // Four eyes: write-offs above 1,000 wait for a second LENDER_ADMIN; one is waiting (on the credit line's loan).
    await q('mutation { setApprovalPolicy(operation: writeOffLoan, thresholdAmount: "1000", approverRoles: [LENDER_ADMIN]) { operation } }', fx.admin);
    const pending = await app.gql(`mutation { writeOffLoan(loanId: "${fx.lineLoanId}", reason: "coverage") { id } }`, {}, fx.admin);
    expect(pending.errors?.[0].extensions.code).toBe('APPROVAL_REQUIRED');
    fx.approvalRequestId = pending.errors![0].extensions.approvalRequestId as string;

    // The borrower signs in through the lender's app.
    const appKey = await app.apiKey(fx.slug, 'APP');
    fx.borrowerToken = (await q('mutation { mintBorrowerToken(input: { externalRef: "coverage-borrower" }) { token } }', appKey)).mintBorrowerToken.token;

    // Stripe: the lender's credentials, and a repayment intent on the loan (a PENDING collection).
    await q('mutation { setStripeCredentials(input: { secretKey: "sk_test_CoverageSecretKey0001", webhookSigningSecret: "whsec_CoverageSigning0001" }) { provider } }', fx.admin);
    fx.paymentAmount = '500.00';
    fx.paymentId = (await q(`mutation { createRepaymentIntent(input: { loanId: "${fx.loanId}", amount: "${fx.paymentAmount}", idempotencyKey: "cov-intent-1" }) { paymentId } }`, fx.admin)).createRepaymentIntent.paymentId;

    // The operator records last month's usage (no platform Stripe key: recorded, kept to send).
    fx.usagePeriod = lastClosedPeriod(today);
    const runs = (await q(`mutation { runUsageBilling(period: "${fx.usagePeriod}", slug: "${fx.slug}") { slug status activeLoans } }`, fx.operator)).runUsageBilling;
    fx.usageRun = runs.find((r: any) => r.slug === fx.slug);

    // The close of business up to yesterday, through the queue (the worker runs it), to completion.
    await q(`mutation { runCloseOfBusiness(date: "${yesterday}") }`, fx.admin);
    await eventually(async () => {
      const [run] = await app.ownerQuery("SELECT status FROM cob_runs WHERE tenant_id = $1 AND business_date = $2", [fx.tenantId, yesterday]);
      expect(run?.status).toBe('COMPLETED');
    }, 120_000);

    // Collections, at a lender of their own (so the book above stays as it is): a policy, a loan whose
    // first instalment went unpaid, its case opened by close of business, the stage's SMS sent; a complaint.
    const collector = await autoLender(app);
    fx.collectionsAdmin = collector.admin;
    fx.collectionsAnalyst = await app.apiKey(collector.slug, 'ANALYST');
    fx.collectionsSlug = collector.slug;
    fx.collectionsProductCode = (await q(`{ loanProduct(id: "${collector.productId}") { code } }`, fx.collectionsAdmin)).loanProduct.code;
    await q(`mutation($i: CollectionPolicyInput!) { setCollectionPolicy(input: $i) { id } }`, fx.collectionsAdmin, { i: {
      code: 'COVERAGE', name: 'Coverage collections',
      stages: [
        { name: 'EARLY', minDpd: 1, maxDpd: 30, actions: [{ channel: 'SMS', everyDays: 0, templates: [{ locale: 'en', text: '{{amountOverdue}} {{currency}} overdue on {{loanId}}' }] }] },
        { name: 'LATE', minDpd: 31, actions: [{ channel: 'CALL', everyDays: 7 }] },
      ],
    } });
    await q('mutation { setCollectionConduct(input: { quietHours: null, coolingOffDays: 3, forbiddenWords: ["prison"] }) { coolingOffDays } }', fx.collectionsAdmin);
    ({ borrowerId: fx.lateBorrowerId, loanId: fx.lateLoanId } = await disbursedLoan(app, collector, { amount: '8000.00', termCount: 6, borrower: borrowerInput({ timeZone: 'Asia/Shanghai' }) }));
    await ageLoan(app, fx.lateLoanId, 40);
    await app.inTenant(collector.slug, (ctx) => app.runtime.services.cob.run(ctx, tenantToday()));
    fx.caseId = (await q('{ collectionCases(first: 10) { nodes { id loanId } } }', fx.collectionsAdmin)).collectionCases.nodes.find((c: { loanId: string }) => c.loanId === fx.lateLoanId).id;
    await q('mutation { runCollectionActions }', fx.collectionsAdmin);
    fx.networkId = (await q('mutation { createAgent(input: { kind: NETWORK, name: "Coast Network", region: "Mombasa" }) { id } }', fx.admin)).createAgent.id;
    fx.branchId = (await q(`mutation { createAgent(input: { kind: BRANCH, name: "Coast Branch", parentId: "${fx.networkId}", region: "Mombasa" }) { id } }`, fx.admin)).createAgent.id;
    fx.agentKey = await app.apiKey(fx.slug, 'AGENT', { agentId: fx.branchId });
    await q('mutation { submitReferral(input: { borrower: { fullName: "Wanjiru Lead", nationalId: "99007788" }, consent: true }) { id } }', fx.agentKey);
    await q('mutation { setCommissionPlan(input: { code: "COVERAGE", name: "Coverage plan", rules: [{ trigger: DISBURSED, basis: PRINCIPAL, rate: "0.01" }] }) { id } }', fx.admin);
    fx.complaintId = (await q(`mutation { fileComplaint(input: { borrowerId: "${fx.lateBorrowerId}", channel: "PHONE", category: "BILLING", text: "Charged twice" }) { id } }`, fx.collectionsAdmin)).fileComplaint.id;

    // An audit verification of everything so far, run by the worker.
    fx.auditEntriesBefore = (await app.ownerQuery('SELECT count(*)::int AS n FROM audit_entries WHERE tenant_id = $1', [fx.tenantId]))[0].n;
    fx.verificationId = (await q('mutation { verifyAuditLog { id } }', fx.admin)).verifyAuditLog.id;
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await receiver?.close();
    await fake?.close();
  });

  const cases: Record<string, () => Promise<void>> = {
    approvalPolicies: async () => {
      const d = await q('{ approvalPolicies { operation thresholdAmount approverRoles } }', fx.admin);
      expect(d.approvalPolicies).toEqual([{ operation: 'writeOffLoan', thresholdAmount: '1000', approverRoles: ['LENDER_ADMIN'] }]);
    },
    approvalRequest: async () => {
      const d = await q(`{ approvalRequest(id: "${fx.approvalRequestId}") { id operation status subject currency } }`, fx.admin);
      expect(d.approvalRequest).toMatchObject({ id: fx.approvalRequestId, operation: 'writeOffLoan', status: 'PENDING', subject: `Loan ${fx.lineLoanId}` });
    },
    pendingApprovals: async () => {
      const d = await q('{ pendingApprovals(first: 10) { nodes { id operation status } } }', fx.admin);
      expect(d.pendingApprovals.nodes).toEqual([{ id: fx.approvalRequestId, operation: 'writeOffLoan', status: 'PENDING' }]);
    },
    annualPercentageRate: async () => {
      const d = await q('{ annualPercentageRate(input: { advances: [{ date: "2026-01-01", amount: "100.00" }], payments: [{ date: "2027-01-01", amount: "110.00" }], unitPeriod: YEARLY }) { apr unitPeriod } }', fx.borrowerToken);
      expect(d.annualPercentageRate).toEqual({ apr: '0.1000000000', unitPeriod: 'YEARLY' });
    },
    apiKeys: async () => {
      const d = await q('{ apiKeys(first: 100) { nodes { id name role active prefix } } }', fx.admin);
      expect(d.apiKeys.nodes).toContainEqual(expect.objectContaining({ id: fx.servicerKeyId, name: 'coverage servicer', role: 'SERVICER', active: true }));
      expect(d.apiKeys.nodes.map((k: any) => k.role)).toEqual(expect.arrayContaining(['LENDER_ADMIN', 'ANALYST', 'APP', 'SERVICER']));
    },
    application: async () => {
      const d = await q(`{ application(id: "${fx.applicationId}") { id status loanId borrowerId productId requestedAmount termCount events { toStatus } } }`, fx.admin);
      expect(d.application).toMatchObject({ id: fx.applicationId, status: 'DISBURSED', loanId: fx.loanId, borrowerId: fx.borrowerId, productId: fx.productId, termCount: 6 });
      expect(new Dec(d.application.requestedAmount).eq('12000')).toBe(true);
      expect(d.application.events.map((e: any) => e.toStatus)).toEqual(['DRAFT', 'SUBMITTED', 'CHECKING', 'APPROVED', 'OFFERED', 'ACCEPTED', 'CONTRACT_SIGNED', 'DISBURSED']);
    },
    applicationSlaBreaches: async () => {
      const d = await q('{ applicationSlaBreaches { application { id } stage limitHours overdueMinutes } }', fx.admin);
      expect(d.applicationSlaBreaches.map((b: any) => b.application.id)).toEqual([fx.staleApplicationId]);
      expect(d.applicationSlaBreaches[0]).toMatchObject({ stage: 'OFFERED', limitHours: 1 });
      expect(d.applicationSlaBreaches[0].overdueMinutes).toBeGreaterThanOrEqual(119);
    },
    applications: async () => {
      const all = await q('{ applications(first: 100) { nodes { id status } } }', fx.admin);
      expect(all.applications.nodes.map((a: any) => a.id).sort()).toEqual([fx.applicationId, fx.lineApplicationId, fx.staleApplicationId, fx.freshApplicationId].sort());
      // The borrower's token sees its own application only.
      const own = await q('{ applications(first: 100) { nodes { id status } } }', fx.borrowerToken);
      expect(own.applications.nodes).toEqual([{ id: fx.applicationId, status: 'DISBURSED' }]);
    },
    auditLog: async () => {
      const d = await q(`{ auditLog(first: 100, entityType: "Loan", entityId: "${fx.loanId}") { nodes { action entityType entityId after hash prevHash } } }`, fx.admin);
      const actions = d.auditLog.nodes.map((n: any) => n.action);
      expect(actions).toEqual(expect.arrayContaining(['loan.disbursed', 'loan.repayment']));
      expect(d.auditLog.nodes.every((n: any) => n.entityId === fx.loanId && n.hash.length > 0)).toBe(true);
      expect(d.auditLog.nodes.find((n: any) => n.action === 'loan.repayment').after).toMatchObject({ transactionId: fx.repayment.transactionId, amount: fx.repayment.amount });
    },
    auditVerification: async () => {
      const result = await eventually(async () => {
        const d = await q(`{ auditVerification(id: "${fx.verificationId}") { id state ok checked breaks { seq reason } } }`, fx.admin);
        expect(d.auditVerification.state).toBe('COMPLETED');
        return d.auditVerification;
      }, 60_000);
      expect(result).toMatchObject({ id: fx.verificationId, ok: true, breaks: [] });
      expect(result.checked).toBeGreaterThanOrEqual(fx.auditEntriesBefore);
    },
    borrower: async () => {
      const d = await q(`{ borrower(id: "${fx.borrowerId}") { id fullName nationalId phone externalRef pseudonymised } }`, fx.admin);
      expect(d.borrower).toEqual({ id: fx.borrowerId, fullName: fx.borrower.fullName, nationalId: fx.borrower.nationalId, phone: fx.borrower.phone, externalRef: 'coverage-borrower', pseudonymised: false });
      // The borrower reads itself.
      expect((await q(`{ borrower(id: "${fx.borrowerId}") { id fullName } }`, fx.borrowerToken)).borrower).toEqual({ id: fx.borrowerId, fullName: fx.borrower.fullName });
    },
    borrowers: async () => {
      const byId = await q(`{ borrowers(nationalId: "${fx.borrower.nationalId}") { nodes { id fullName } } }`, fx.admin);
      expect(byId.borrowers.nodes).toEqual([{ id: fx.borrowerId, fullName: fx.borrower.fullName }]);
      const byName = await q('{ borrowers(name: "Coverage Otieno") { nodes { id } } }', fx.admin);
      expect(byName.borrowers.nodes).toEqual([{ id: fx.borrowerId }]);
    },
    collectionPolicies: async () => {
      const d = await q('{ collectionPolicies { code version isCurrent stages { name minDpd maxDpd actions { channel everyDays templates { locale text } } } } }', fx.collectionsAnalyst);
      expect(d.collectionPolicies).toEqual([{ code: 'COVERAGE', version: 1, isCurrent: true, stages: [
        { name: 'EARLY', minDpd: 1, maxDpd: 30, actions: [{ channel: 'SMS', everyDays: 0, templates: [{ locale: 'en', text: '{{amountOverdue}} {{currency}} overdue on {{loanId}}' }] }] },
        { name: 'LATE', minDpd: 31, maxDpd: null, actions: [{ channel: 'CALL', everyDays: 7, templates: [] }] },
      ] }]);
    },
    collectionConduct: async () => {
      const d = await q('{ collectionConduct { quietHours { start end } maxContactsPerDay maxContactsPerWeek perChannel { channel } allowedChannelsByStage { stage } coolingOffDays forbiddenWords messageProvider complaintDeadlines { category } } }', fx.collectionsAnalyst);
      expect(d.collectionConduct).toEqual({ quietHours: { start: '00:00', end: '00:00' }, maxContactsPerDay: 3, maxContactsPerWeek: 10, perChannel: [], allowedChannelsByStage: [], coolingOffDays: 3, forbiddenWords: ['prison'], messageProvider: 'SANDBOX', complaintDeadlines: [] });
    },
    collectionCases: async () => {
      const d = await q('{ collectionCases(first: 10, status: OPEN) { nodes { id loanId stageName dpd status amountOverdue priority } pageInfo { hasNextPage } } }', fx.collectionsAnalyst);
      expect(d.collectionCases.nodes).toEqual([expect.objectContaining({ id: fx.caseId, loanId: fx.lateLoanId, stageName: 'EARLY', status: 'OPEN' })]);
      expect(d.collectionCases.nodes[0].dpd).toBeGreaterThan(0);
      expect(Number(d.collectionCases.nodes[0].priority)).toBeCloseTo(Number(d.collectionCases.nodes[0].amountOverdue), 2);
    },
    collectionCase: async () => {
      const d = await q(`{ collectionCase(id: "${fx.caseId}") { id loan { id } borrower { id timeZone } stage { name } actions { channel status } contacts { channel automatic } promises { id } borrowerClock { timeZone } settlement { id } } }`, fx.collectionsAdmin);
      // A case's settlement over real data: collection-settlements.e2e-spec.ts.
      expect(d.collectionCase).toEqual({ settlement: null,  id: fx.caseId, loan: { id: fx.lateLoanId }, borrower: { id: fx.lateBorrowerId, timeZone: 'Asia/Shanghai' }, stage: { name: 'EARLY' },
        actions: [{ channel: 'SMS', status: 'DONE' }], contacts: [{ channel: 'SMS', automatic: true }], promises: [], borrowerClock: { timeZone: 'Asia/Shanghai' } });
    },
    collectionPlacements: async () => {
      // This lender outsources nothing; placements over real data: collection-agencies.e2e-spec.ts.
      const d = await q(`{ collectionPlacements(caseId: "${fx.caseId}") { id } }`, fx.collectionsAnalyst);
      expect(d.collectionPlacements).toEqual([]);
    },
    portfolioSummary: async () => {
      // The collections lender: one loan of 8,000, 40 days old, its first instalment unpaid (about 10 days past due).
      const d = await q(`{ portfolioSummary(asOf: "${tenantToday()}") { snapshotDate activeLoans grossPortfolio par1Ratio par30Ratio currency } }`, fx.collectionsAnalyst);
      expect(d.portfolioSummary).toEqual({ snapshotDate: tenantToday(), activeLoans: 1, grossPortfolio: '8000.00', par1Ratio: '1.000000', par30Ratio: '0.000000', currency: 'KES' });
    },
    portfolioTrend: async () => {
      const d = await q(`{ portfolioTrend(from: "${addDays(tenantToday(), -6)}", to: "${tenantToday()}", interval: WEEK, metrics: [ACTIVE_LOANS, PAR1]) { points { end snapshotDate values { metric value } } } }`, fx.collectionsAnalyst);
      expect(d.portfolioTrend.points.at(-1)).toEqual({ end: tenantToday(), snapshotDate: tenantToday(), values: [{ metric: 'ACTIVE_LOANS', value: '1' }, { metric: 'PAR1', value: '1.000000' }] });
    },
    portfolioBreakdown: async () => {
      const d = await q('{ portfolioBreakdown(dimension: PRODUCT) { rows { label loans gross share } } }', fx.collectionsAnalyst);
      expect(d.portfolioBreakdown.rows).toEqual([{ label: expect.any(String), loans: 1, gross: '8000.00', share: '1.000000' }]);
    },
    vintages: async () => {
      // The collections lender's one loan, 40 days old: its cohort, never 30 days late yet.
      const d = await q('{ vintages(cohort: MONTH, metric: DPD30_EVER, maxMonthsOnBook: 3) { cohort loans principal points { monthsOnBook rate } } }', fx.collectionsAnalyst);
      expect(d.vintages).toEqual([{ cohort: addDays(tenantToday(), -40).slice(0, 7), loans: 1, principal: '8000.00', points: expect.arrayContaining([{ monthsOnBook: 0, rate: '0.000000' }]) }]);
    },
    profitability: async () => {
      const d = await q(`{ profitability(from: "${tenantToday()}", to: "${tenantToday()}", groupBy: PRODUCT) { rows { averageGross costOfFunds actualLoss income } } }`, fx.collectionsAnalyst);
      // The assumptions of the financialAssumptions case (from 2026-01) price the day: 8,000 x 12% / 365.
      expect(d.profitability.rows).toEqual([{ averageGross: '8000.00', costOfFunds: new Dec(8000).times('0.12').div(365).toFixed(2), actualLoss: '0.00', income: expect.any(String) }]);
    },
    originationFunnel: async () => {
      const d = await q(`{ originationFunnel(from: "${addDays(tenantToday(), -1)}", to: "${addDays(tenantToday(), 1)}", groupBy: PRODUCT) { total { stages { stage count } } rows { label } } }`, fx.collectionsAnalyst);
      expect(d.originationFunnel.total.stages.find((s: { stage: string }) => s.stage === 'DISBURSED')).toEqual({ stage: 'DISBURSED', count: 1 });
      expect(d.originationFunnel.rows).toHaveLength(1);
    },
    rollRates: async () => {
      // One month-end has passed since the collections lender's loan was lent: both dates come back to it, so no roll yet
      // (test/e2e/portfolio-analytics rolls a book over two).
      const lastMonthEnd = new Date(Date.UTC(Number(tenantToday().slice(0, 4)), Number(tenantToday().slice(5, 7)) - 1, 0)).toISOString().slice(0, 10);
      const d = await q(`{ rollRates(from: "${lastMonthEnd}", to: "${tenantToday()}") { fromSnapshot toSnapshot buckets cells { count } } }`, fx.collectionsAnalyst);
      expect(d.rollRates).toMatchObject({ fromSnapshot: lastMonthEnd, toSnapshot: lastMonthEnd, cells: [] });
      expect(d.rollRates.buckets).toContain('WRITTEN_OFF');
    },
    concentration: async () => {
      const d = await q('{ concentration(dimension: PRODUCT) { portfolio rows { exposure share status } } }', fx.collectionsAnalyst);
      expect(d.concentration).toEqual({ portfolio: '8000.00', rows: [{ exposure: '8000.00', share: '1.000000', status: 'OK' }] });
    },
    chart: async () => {
      const d = await q('{ chart(kind: PORTFOLIO_BREAKDOWN, args: { dimension: BUCKET }) { kind title svg vegaLiteSpec } }', fx.collectionsAnalyst);
      expect(d.chart.svg).toContain('aria-roledescription="bar"');
      expect(d.chart.vegaLiteSpec.data.values).toEqual([{ label: expect.any(String), value: 8000 }]);
    },
    financialAssumptions: async () => {
      await q('mutation { setFinancialAssumptions(period: "2026-01", costOfFundsRate: "0.12", operatingCostPerLoan: "250") { period } }', fx.collectionsAdmin);
      const d = await q('{ financialAssumptions { period costOfFundsRate operatingCostPerLoan } }', fx.collectionsAnalyst);
      expect(d.financialAssumptions).toEqual([{ period: '2026-01', costOfFundsRate: '0.12', operatingCostPerLoan: '250.0000' }]);
    },
    crossSellRules: async () => {
      await q('mutation { setCrossSellRule(input: { kind: TOP_UP, productCode: "' + fx.collectionsProductCode + '", amountMultiple: "2", when: { fact: "productsHeld", op: "gte", value: 1 } }) { id } }', fx.collectionsAdmin);
      const d = await q('{ crossSellRules { kind version isCurrent productCode amountMultiple validDays when } }', fx.collectionsAnalyst);
      expect(d.crossSellRules).toEqual([{ kind: 'TOP_UP', version: 1, isCurrent: true, productCode: fx.collectionsProductCode, amountMultiple: '2', validDays: 30, when: { fact: 'productsHeld', op: 'gte', value: 1 } }]);
    },
    crossSellCandidates: async () => {
      await q('mutation { setCrossSellRule(input: { kind: TOP_UP, productCode: "' + fx.collectionsProductCode + '", amountMultiple: "2", when: { fact: "productsHeld", op: "gte", value: 1 } }) { id } }', fx.collectionsAdmin);
      const d = await q('{ crossSellCandidates(kind: TOP_UP, first: 10) { nodes { borrowerId score facts { name value } offer { amount currency } } } }', fx.collectionsAnalyst);
      expect(d.crossSellCandidates.nodes.length).toBeGreaterThan(0);
      for (const n of d.crossSellCandidates.nodes) {
        const fact = (name: string) => n.facts.find((f: { name: string }) => f.name === name).value;
        // Twice the last loan less what is still owed on it, in the currency's minor unit.
        expect(n.offer.amount).toBe(new Dec(fact('lastPrincipal')).times(2).minus(fact('outstandingPrincipal')).toDecimalPlaces(2, Dec.ROUND_DOWN).toFixed(2));
        expect(n.score).toBeNull();
      }
    },
    campaigns: async () => {
      await q('mutation { setCrossSellRule(input: { kind: TOP_UP, productCode: "' + fx.collectionsProductCode + '", amountMultiple: "2", when: { fact: "productsHeld", op: "gte", value: 1 } }) { id } }', fx.collectionsAdmin);
      const input = { name: 'Coverage', kind: 'TOP_UP', channel: 'SMS', templates: [{ locale: 'en', text: '{{amount}} more for you' }], startsAt: new Date().toISOString(), endsAt: new Date(Date.now() + 86_400_000).toISOString(), idempotencyKey: 'coverage-campaign' };
      const id = (await q('mutation($i: CampaignInput!) { createCampaign(input: $i) { id } }', fx.collectionsAdmin, { i: input })).createCampaign.id;
      const d = await q('{ campaigns { id name kind channel status treatment control } }', fx.collectionsAnalyst);
      // Nobody in this book agreed to marketing: a campaign with no one to reach.
      expect(d.campaigns).toEqual([{ id, name: 'Coverage', kind: 'TOP_UP', channel: 'SMS', status: 'RUNNING', treatment: 0, control: 0 }]);
    },
    campaignResults: async () => {
      await q('mutation { setCrossSellRule(input: { kind: TOP_UP, productCode: "' + fx.collectionsProductCode + '", amountMultiple: "2", when: { fact: "productsHeld", op: "gte", value: 1 } }) { id } }', fx.collectionsAdmin);
      const input = { name: 'Coverage', kind: 'TOP_UP', channel: 'SMS', templates: [{ locale: 'en', text: '{{amount}} more for you' }], startsAt: new Date().toISOString(), endsAt: new Date(Date.now() + 86_400_000).toISOString(), idempotencyKey: 'coverage-campaign' };
      const id = (await q('mutation($i: CampaignInput!) { createCampaign(input: $i) { id } }', fx.collectionsAdmin, { i: input })).createCampaign.id;
      const d = await q(`{ campaignResults(id: "${id}") { uplift treatment { size reached conversion } control { size } } }`, fx.collectionsAnalyst);
      expect(d.campaignResults).toEqual({ uplift: '0.0000', treatment: { size: 0, reached: 0, conversion: '0.0000' }, control: { size: 0 } });
    },
    propensityModels: async () => {
      // Fitted on a history with no loan closed yet: nothing to learn from, so no model (the cross-sell spec fits one on a designed history).
      const run = await cli(app.config, 'analytics', 'fit-propensity', '--tenant', fx.collectionsSlug);
      expect(run.out).toContain('RENEWAL: not fitted: 0 observations');
      expect((await q('{ propensityModels { kind } }', fx.collectionsAnalyst)).propensityModels).toEqual([]);
    },
    collectionKpis: async () => {
      const d = await q(`{ collectionKpis(from: "${addDays(today, -60)}", to: "${today}") { stages { stage entered } promisesMade outboundContacts recovered refusals { rule } } }`, fx.collectionsAnalyst);
      expect(d.collectionKpis).toMatchObject({ stages: [{ stage: 'EARLY', entered: 1 }], promisesMade: 0, outboundContacts: 1, recovered: expect.any(String), refusals: [] });
    },
    collectionMessages: async () => {
      const d = await q(`{ collectionMessages(caseId: "${fx.caseId}") { channel message } }`, fx.collectionsAnalyst);
      expect(d.collectionMessages).toEqual([{ channel: 'SMS', message: expect.stringMatching(new RegExp(`^\\d+\\.\\d{2} KES overdue on ${fx.lateLoanId}$`)) }]);
    },
    myCollectionQueue: async () => {
      const d = await q('{ myCollectionQueue { id } }', fx.collectionsAdmin);
      expect(d.myCollectionQueue).toEqual([]);
    },
    complaints: async () => {
      const d = await q('{ complaints(first: 10) { nodes { id category status breached } } }', fx.collectionsAdmin);
      expect(d.complaints.nodes).toEqual([{ id: fx.complaintId, category: 'BILLING', status: 'OPEN', breached: false }]);
    },
    agentAgreement: async () => {
      const d = await q(`{ agentAgreement(agentId: "${fx.branchId}") { text sha256 signed } }`, fx.agentKey);
      expect(d.agentAgreement).toMatchObject({ signed: false, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(d.agentAgreement.text).toContain('Coast Branch');
    },
    // Figures over a referred book with loans and commissions: commissions.e2e-spec.ts.
    agentPerformance: async () => {
      const d = await q(`{ agentPerformance(from: "${addDays(today, -30)}", to: "${today}", groupBy: NETWORK) { rows { key name leads applications disbursedCount } tenant { applications disbursedCount } } }`, fx.admin);
      expect(d.agentPerformance.rows).toEqual(expect.arrayContaining([{ key: fx.networkId, name: 'Coast Network', leads: 1, applications: 0, disbursedCount: 0 }]));
      expect(d.agentPerformance.tenant.applications).toBeGreaterThan(0);
    },
    referrals: async () => {
      const d = await q('{ referrals(first: 10) { nodes { agentId status fullName nationalIdLast4 productCode expiresAt } } }', fx.agentKey);
      expect(d.referrals.nodes).toEqual([{ agentId: fx.branchId, status: 'OPEN', fullName: 'Wanjiru Lead', nationalIdLast4: '7788', productCode: null, expiresAt: expect.any(String) }]);
    },
    attributionRules: async () => {
      const d = await q('{ attributionRules { model windowDays returningCustomer } }', fx.admin);
      expect(d.attributionRules).toEqual({ model: 'FIRST_TOUCH', windowDays: 90, returningCustomer: 'NO_CREDIT' });
    },
    commissionPlans: async () => {
      const d = await q('{ commissionPlans(currentOnly: true) { code version rules { trigger basis rate } } }', fx.admin);
      expect(d.commissionPlans).toEqual([{ code: 'COVERAGE', version: 1, rules: [{ trigger: 'DISBURSED', basis: 'PRINCIPAL', rate: '0.01' }] }]);
    },
    // Commissions earned over real loans, their statements and payouts: commissions.e2e-spec.ts.
    commissions: async () => {
      const d = await q(`{ commissions(agentId: "${fx.branchId}") { nodes { id } } }`, fx.admin);
      expect(d.commissions.nodes).toEqual([]);
    },
    commissionStatements: async () => {
      const d = await q(`{ commissionStatements(agentId: "${fx.branchId}", period: "${today.slice(0, 7)}") { agentId earned closing closed } }`, fx.agentKey);
      expect(d.commissionStatements).toEqual([{ agentId: fx.branchId, earned: '0.00', closing: '0.00', closed: false }]);
    },
    agents: async () => {
      const d = await q(`{ agents(kind: BRANCH, parentId: "${fx.networkId}") { nodes { id name kind region status referralCode parentId } } }`, fx.admin);
      expect(d.agents.nodes).toEqual([{ id: fx.branchId, name: 'Coast Branch', kind: 'BRANCH', region: 'Mombasa', status: 'ACTIVE', referralCode: expect.stringMatching(/^[A-Z2-9]{8}$/), parentId: fx.networkId }]);
      // The branch's own key sees the branch and nothing above it.
      expect((await q('{ agents { nodes { id } } }', fx.agentKey)).agents.nodes).toEqual([{ id: fx.branchId }]);
    },
    agent: async () => {
      const d = await q(`{ agent(id: "${fx.networkId}") { name kind children { id name } } }`, fx.admin);
      expect(d.agent).toEqual({ name: 'Coast Network', kind: 'NETWORK', children: [{ id: fx.branchId, name: 'Coast Branch' }] });
    },
    complaintSlaBreaches: async () => {
      const d = await q('{ complaintSlaBreaches(first: 10) { nodes { id } } }', fx.collectionsAdmin);
      expect(d.complaintSlaBreaches.nodes).toEqual([]);
    },
    cobRuns: async () => {
      const d = await q('{ cobRuns }', fx.analystKey);
      const runs = d.cobRuns as { businessDate: string; status: string; loansProcessed: number }[];
      // Every date from the day after the aged loan's start to yesterday, newest first, each completed.
      const expected: string[] = [];
      for (let day = yesterday; day > fx.loanStart; day = addDays(day, -1)) expected.push(day);
      expect(runs.map((r) => r.businessDate)).toEqual(expected);
      expect(runs.every((r) => r.status === 'COMPLETED')).toBe(true);
      // Yesterday: the aged loan only (the line's draw started today).
      expect(runs[0].loansProcessed).toBe(1);
    },
    creditLine: async () => {
      const d = await q(`{ creditLine(id: "${fx.lineId}") { id borrowerId applicationId limit drawn available status drawIds currency } }`, fx.admin);
      expect(d.creditLine).toEqual({ id: fx.lineId, borrowerId: fx.lineBorrowerId, applicationId: fx.lineApplicationId, limit: '30000.00', drawn: '30000.00', available: '0.00', status: 'ACTIVE', drawIds: [fx.lineLoanId], currency: 'KES' });
    },
    creditLines: async () => {
      expect((await q('{ creditLines { id borrowerId } }', fx.admin)).creditLines).toEqual([{ id: fx.lineId, borrowerId: fx.lineBorrowerId }]);
      // The first borrower has none.
      expect((await q('{ creditLines { id } }', fx.borrowerToken)).creditLines).toEqual([]);
    },
    decisionConfigs: async () => {
      const d = await q('{ decisionConfigs(kind: RULES) { id kind name status version definition } }', fx.admin);
      expect(d.decisionConfigs).toContainEqual(expect.objectContaining({ id: fx.ruleSetId, kind: 'RULES', name: 'refer large', status: 'DRAFT', version: 1 }));
      expect(d.decisionConfigs.find((c: any) => c.id === fx.ruleSetId).definition.rules[0].reasonCode).toBe('LARGE_AMOUNT');
    },
    events: async () => {
      const d = await q('query($s: String) { events(first: 100, filter: { subjectId: $s }) { nodes { type subjectType subjectId data } } }', fx.admin, { s: fx.loanId });
      // The payout job's report (payout.succeeded) lands beside the loan's own changes, whenever it runs.
      const nodes = d.events.nodes.filter((e: any) => !e.type.startsWith('payout.'));
      expect(nodes.slice(0, 2).map((e: any) => e.type)).toEqual(['loan.disbursed', 'loan.repayment_posted']);
      expect(nodes.every((e: any) => e.subjectId === fx.loanId)).toBe(true);
      expect(nodes[1].data).toMatchObject({ loanId: fx.loanId, amount: fx.repayment.amount, transactionId: fx.repayment.transactionId });
      // The close of business announced each date it finished.
      const cob = await q('{ events(first: 100, filter: { types: ["cob.finished"] }) { nodes { type } } }', fx.admin);
      expect(cob.events.nodes.length).toBeGreaterThan(0);
    },
    ledgerAccounts: async () => {
      const d = await q('{ ledgerAccounts { code name type } }', fx.admin);
      expect(d.ledgerAccounts).toEqual(expect.arrayContaining([
        { code: 'COVERAGE_SUSPENSE', name: 'Coverage suspense', type: 'LIABILITY' },
        expect.objectContaining({ code: 'LOAN_PRINCIPAL', type: 'ASSET' }),
        expect.objectContaining({ code: 'CASH_CLEARING' }),
      ]));
    },
    loan: async () => {
      const d = await q(`{ loan(id: "${fx.loanId}") { id status borrowerId principal product { id code version } schedule { number status paidOn } transactions { nodes { id amount } } journal { nodes { kind } } } }`, fx.admin);
      expect(d.loan).toMatchObject({ id: fx.loanId, status: 'ACTIVE', borrowerId: fx.borrowerId, principal: '12000.00', product: { id: fx.productId, code: fx.productCode, version: 1 } });
      expect(d.loan.schedule[0]).toEqual({ number: 1, status: 'PAID', paidOn: fx.repayment.paidAt });
      expect(d.loan.transactions.nodes).toEqual([{ id: fx.repayment.transactionId, amount: fx.repayment.amount }]);
      expect(d.loan.journal.nodes.map((e: any) => e.kind)).toEqual(expect.arrayContaining(['DISBURSEMENT', 'REPAYMENT']));
    },
    loanProduct: async () => {
      const d = await q(`{ loanProduct(id: "${fx.productId}") { id code name status currentVersion revolving terms { amountMax rateBands { grade annualRate } } } }`, fx.borrowerToken);
      expect(d.loanProduct).toMatchObject({ id: fx.productId, code: fx.productCode, name: 'Coverage consumer loan', status: 'ACTIVE', currentVersion: 1, revolving: false });
      expect(d.loanProduct.terms.rateBands.map((b: any) => b.grade)).toEqual(['A', 'B', 'C', 'D', 'E']);
    },
    loanProducts: async () => {
      const d = await q('{ loanProducts(first: 100) { nodes { id code revolving } } }', fx.admin);
      expect(d.loanProducts.nodes.map((p: any) => [p.code, p.revolving]).sort()).toEqual([['COVERAGE-1', false], ['COVERAGE-LINE', true]]);
      const found = await q('{ loanProducts(search: "working capital") { nodes { id } } }', fx.admin);
      expect(found.loanProducts.nodes).toEqual([{ id: fx.lineProductId }]);
    },
    loanStatement: async () => {
      const d = await q(`{ loanStatement(loanId: "${fx.loanId}", from: "${addDays(fx.loanStart, 1)}", to: "${today}") {
        loanId opening { principal } closing { principal } lines { date kind amount allocation { principal interest } } due { number } } }`, fx.borrowerToken);
      const st = d.loanStatement;
      expect(st.loanId).toBe(fx.loanId);
      expect(st.opening.principal).toBe('12000.00');
      expect(st.lines).toEqual([expect.objectContaining({ date: fx.repayment.paidAt, kind: 'REPAYMENT', amount: fx.repayment.amount })]);
      expect(new Dec(st.lines[0].allocation.principal).plus(st.lines[0].allocation.interest).toFixed(2)).toBe(fx.repayment.amount);
      expect(st.closing.principal).toBe(new Dec('12000.00').minus(st.lines[0].allocation.principal).toFixed(2));
      expect(st.due.map((i: any) => i.number)).toEqual(fx.dueDates.filter((dd) => dd <= today).map((_, i) => i + 1));
    },
    loans: async () => {
      const all = await q('{ loans(first: 100) { nodes { id status } } }', fx.admin);
      expect(all.loans.nodes.map((l: any) => l.id).sort()).toEqual([fx.loanId, fx.lineLoanId].sort());
      expect((await q('{ loans { nodes { id borrowerId } } }', fx.borrowerToken)).loans.nodes).toEqual([{ id: fx.loanId, borrowerId: fx.borrowerId }]);
      expect((await q(`{ loans(productId: "${fx.lineProductId}") { nodes { id } } }`, fx.admin)).loans.nodes).toEqual([{ id: fx.lineLoanId }]);
    },
    originationPolicies: async () => {
      const d = await q('{ originationPolicies { approvalTiers { id name mode priority } stageTimeLimits riskAppetite { id } } }', fx.admin);
      expect(d.originationPolicies.approvalTiers).toEqual([{ id: 'auto', name: 'Auto', mode: 'AUTO', priority: 1 }]);
      expect(d.originationPolicies.stageTimeLimits).toMatchObject({ OFFERED: 1, REFERRED: 24 });
    },
    paymentSettings: async () => {
      const d = await q('{ paymentSettings { provider stripeSecretKeyConfigured stripeSecretKeyLast4 stripeWebhookSecretConfigured webhookPath } }', fx.admin);
      expect(d.paymentSettings).toEqual({ provider: 'STRIPE', stripeSecretKeyConfigured: true, stripeSecretKeyLast4: '0001', stripeWebhookSecretConfigured: true, webhookPath: `/webhooks/stripe/${fx.slug}` });
    },
    payments: async () => {
      const d = await q(`{ payments(first: 100, loanId: "${fx.loanId}") { nodes { id kind provider status amount currency loanId providerRef } } }`, fx.admin);
      // The disbursement's payout (paid by the payout job) and the repayment intent.
      expect(d.payments.nodes).toEqual(expect.arrayContaining([
        { id: fx.paymentId, kind: 'COLLECTION', provider: 'STRIPE', status: 'PENDING', amount: fx.paymentAmount, currency: 'KES', loanId: fx.loanId, providerRef: expect.stringMatching(/^pi_/) },
        expect.objectContaining({ kind: 'DISBURSEMENT', loanId: fx.loanId, currency: 'KES' }),
      ]));
      expect(d.payments.nodes).toHaveLength(2);
    },
    payoffQuote: async () => {
      const d = await q(`{ payoffQuote(loanId: "${fx.loanId}") { asOf principal interest fees penalties prepaymentFee credit total } }`, fx.borrowerToken);
      const quote = d.payoffQuote;
      const { balances } = (await q(`{ loan(id: "${fx.loanId}") { balances { outstanding { principal } } } }`, fx.admin)).loan;
      expect(quote.asOf).toBe(today);
      expect(quote.principal).toBe(balances.outstanding.principal);
      expect(new Dec(quote.principal).plus(quote.interest).plus(quote.fees).plus(quote.penalties).plus(quote.prepaymentFee).minus(quote.credit).toFixed(2)).toBe(quote.total);
      expect(new Dec(quote.interest).gt(0)).toBe(true);
    },
    previewBankStatement: async () => {
      const csv = `date,amount,reference\n${today},250.00,${fx.loanId}\n${today},10.00,nobody-we-know\n`;
      const d = await q('query($csv: String!) { previewBankStatement(csv: $csv) { rows { line status reason loanId amount } totals { rows matched unmatched matchedAmount } } }', fx.admin, { csv });
      expect(d.previewBankStatement.rows).toEqual([
        { line: 2, status: 'MATCHED', reason: 'MATCHED_LOAN_ID', loanId: fx.loanId, amount: '250' },
        expect.objectContaining({ line: 3, status: 'UNMATCHED', loanId: null }),
      ]);
      expect(d.previewBankStatement.totals).toMatchObject({ rows: 2, matched: 1, unmatched: 1 });
      expect(new Dec(d.previewBankStatement.totals.matchedAmount).toFixed(2)).toBe('250.00');
    },
    previewSchedule: async () => {
      const d = await q(`{ previewSchedule(input: { productId: "${fx.productId}", riskGrade: "A", principal: "5000.00", termCount: 6, frequency: MONTHLY, disbursementDate: "${today}" }) {
        installments { number principal } totalPrincipal annualInterestRate currency capCheck { withinCap cap } } }`, fx.borrowerToken);
      const p = d.previewSchedule;
      expect(p.installments.map((i: any) => i.number)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(p.installments.reduce((a: Dec, i: any) => a.plus(i.principal), new Dec(0)).toFixed(2)).toBe('5000.00');
      expect(new Dec(p.totalPrincipal).toFixed(2)).toBe('5000.00');
      expect(new Dec(p.annualInterestRate).eq('0.14')).toBe(true);
      expect(p.currency).toBe('KES');
      expect(p.capCheck).toMatchObject({ withinCap: true });
      expect(new Dec(p.capCheck.cap).eq('0.9')).toBe(true);
    },
    rateCap: async () => {
      const d = await q(`{ rateCap(date: "${today}") { cap jurisdiction description } }`, fx.borrowerToken);
      expect(d.rateCap).toMatchObject({ jurisdiction: 'KE' });
      expect(new Dec(d.rateCap.cap).eq('0.9')).toBe(true);
      expect((await q('{ rateCap(date: "2023-12-31") { cap } }', fx.admin)).rateCap).toBeNull();
    },
    rateCapRules: async () => {
      const d = await q('{ rateCapRules { id jurisdiction kind rate effectiveFrom } }', fx.admin);
      expect(d.rateCapRules).toHaveLength(1);
      expect(d.rateCapRules[0]).toMatchObject({ id: fx.rateCapRuleId, jurisdiction: 'KE', kind: 'FIXED', effectiveFrom: '2024-01-01' });
      expect(new Dec(d.rateCapRules[0].rate).eq('0.9')).toBe(true);
    },
    referenceRates: async () => {
      const d = await q('{ referenceRates(name: "CN_LPR_1Y") { name effectiveFrom rate } }', fx.admin);
      const rates = d.referenceRates as { name: string; effectiveFrom: string; rate: string }[];
      expect(rates.every((r) => r.name === 'CN_LPR_1Y')).toBe(true);
      expect(rates.map((r) => r.effectiveFrom)).toEqual([...rates.map((r) => r.effectiveFrom)].sort().reverse());
      expect(rates).toContainEqual({ name: 'CN_LPR_1Y', effectiveFrom: '2019-08-20', rate: '0.0425' });
    },
    simulateDecision: async () => {
      const d = await q(`{ simulateDecision(ruleSetId: "${fx.ruleSetId}") { applications current draft changed } }`, fx.analystKey);
      const sim = d.simulateDecision;
      expect(sim.applications).toBe(fx.submitted);
      expect(sim.current.approved).toBe(fx.submitted);
      expect(sim.draft).toMatchObject({ approved: fx.submitted - 1, referred: 1 });
      expect(sim.changed.map((c: any) => c.id)).toEqual([fx.lineApplicationId]);
    },
    staffUsers: async () => {
      const d = await q('{ staffUsers(first: 100) { nodes { id email fullName roles status } } }', fx.admin);
      expect(d.staffUsers.nodes).toEqual([{ id: fx.staffUserId, email: fx.staffEmail, fullName: 'Coverage Analyst', roles: ['ANALYST'], status: 'ACTIVE' }]);
    },
    tenant: async () => {
      const d = await q(`{ tenant(slug: "${fx.slug}") { id slug timezone baseCurrency status } }`, fx.operator);
      expect(d.tenant).toEqual({ id: fx.tenantId, slug: fx.slug, timezone: 'UTC', baseCurrency: 'KES', status: 'ACTIVE' });
    },
    tenants: async () => {
      const d = await q('{ tenants(first: 100) { nodes { id slug } } }', fx.operator);
      expect(d.tenants.nodes).toContainEqual({ id: fx.tenantId, slug: fx.slug });
      // A lender's key is no operator.
      const denied = await app.gql('{ tenants { nodes { id } } }', {}, fx.admin);
      expect(denied.errors?.[0].extensions.code).toBe('FORBIDDEN');
    },
    trialBalance: async () => {
      const d = await q('{ trialBalance { asOf balanced totalDebit totalCredit lines { account debit credit balance } } }', fx.analystKey);
      const tb = d.trialBalance;
      expect(tb).toMatchObject({ asOf: today, balanced: true });
      expect(tb.totalDebit).toBe(tb.totalCredit);
      // The principal account holds what the two loans still owe in principal, as their replays say.
      const owed = await Promise.all([fx.loanId, fx.lineLoanId].map(async (id) => (await q(`{ loan(id: "${id}") { balances { outstanding { principal } } } }`, fx.admin)).loan.balances.outstanding.principal));
      const principal = tb.lines.find((l: any) => l.account === 'LOAN_PRINCIPAL');
      expect(new Dec(principal.balance).toFixed(2)).toBe(owed.reduce((a, x) => a.plus(x), new Dec(0)).toFixed(2));
    },
    usage: async () => {
      const period = today.slice(0, 7);
      const d = await q('{ usage { period activeLoans loansDisbursed disbursedVolume currency status } }', fx.analystKey);
      const disbursedThisMonth = [fx.loanStart, today].filter((s) => s.startsWith(period));
      const volume = [fx.loanStart.startsWith(period) ? '12000.00' : '0', '30000.00'].reduce((a, x) => a.plus(x), new Dec(0));
      expect(d.usage).toMatchObject({ period, activeLoans: 2, loansDisbursed: disbursedThisMonth.length, currency: 'KES', status: 'OPEN' });
      expect(new Dec(d.usage.disbursedVolume).toFixed(2)).toBe(volume.toFixed(2));
    },
    usageRecords: async () => {
      const d = await q('{ usageRecords(first: 10) { nodes { period activeLoans loansDisbursed status } } }', fx.admin);
      const { first, last } = periodBounds(fx.usagePeriod);
      // Last month only the aged loan was active; disbursed in it when its start fell in it.
      expect(d.usageRecords.nodes).toEqual([{ period: fx.usagePeriod, activeLoans: 1, loansDisbursed: fx.loanStart >= first && fx.loanStart <= last ? 1 : 0, status: 'PENDING' }]);
      expect(fx.usageRun.activeLoans).toBe(1);
    },
    viewer: async () => {
      expect((await q('{ viewer { tenant { id slug } roles borrowerId actor { type } } }', fx.admin)).viewer).toEqual({ tenant: { id: fx.tenantId, slug: fx.slug }, roles: ['LENDER_ADMIN'], borrowerId: null, actor: { type: 'API_KEY' } });
      const borrower = (await q('{ viewer { tenant { slug } roles borrowerId } }', fx.borrowerToken)).viewer;
      expect(borrower).toEqual({ tenant: { slug: fx.slug }, roles: ['BORROWER'], borrowerId: fx.borrowerId });
    },
    webhookDeliveries: async () => {
      const deliveries = await eventually(async () => {
        const d = await q(`{ webhookDeliveries(first: 100, filter: { endpointId: "${fx.endpointId}", status: DELIVERED }) { nodes { eventId eventType subjectId status attempts lastStatusCode } } }`, fx.admin);
        const ofLoan = d.webhookDeliveries.nodes.filter((n: any) => n.subjectId === fx.loanId).map((n: any) => n.eventType);
        expect(ofLoan).toEqual(expect.arrayContaining(['loan.disbursed', 'loan.repayment_posted']));
        return d.webhookDeliveries.nodes;
      }, 60_000);
      expect(deliveries.every((n: any) => n.status === 'DELIVERED' && n.lastStatusCode === 200 && n.attempts >= 1)).toBe(true);
      // What the lender's list says was delivered is what the receiver accepted.
      expect(deliveries.map((n: any) => n.eventId).every((id: string) => receiver.accepted.some((a) => a.id === id))).toBe(true);
    },
    webhookEndpoint: async () => {
      const d = await q(`{ webhookEndpoint(id: "${fx.endpointId}") { id url eventTypes status consecutiveFailures } }`, fx.admin);
      expect(d.webhookEndpoint).toEqual({ id: fx.endpointId, url: fx.endpointUrl, eventTypes: ['loan.*'], status: 'ACTIVE', consecutiveFailures: 0 });
    },
    webhookEndpoints: async () => {
      expect((await q('{ webhookEndpoints { id url status } }', fx.admin)).webhookEndpoints).toEqual([{ id: fx.endpointId, url: fx.endpointUrl, status: 'ACTIVE' }]);
    },
  };

  it('has one case per query field of the served schema, no more and no fewer', () => {
    const fields = Object.keys(app.http.schema.getQueryType()!.getFields()).sort();
    expect(Object.keys(cases).sort()).toEqual(fields);
  });

  it.each(Object.keys(cases).sort())('query %s answers with what the data implies', async (name) => {
    await cases[name]();
  }, 90_000);
});
