/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query ConsoleCommissionStatements($period: String!) {\n    commissionStatements(period: $period) { agentId period currency opening earned clawedBack heldBack released paid closing closed }\n    agents(first: 100) { nodes { id name } }\n  }\n": typeof types.ConsoleCommissionStatementsDocument,
    "\n  query ConsoleCommissions($period: String!) {\n    commissions(period: $period, first: 100) { nodes { id agentId loanId kind trigger amount held currency businessDate planCode planVersion } }\n  }\n": typeof types.ConsoleCommissionsDocument,
    "\n  query ConsoleAgents {\n    agents(first: 100) { nodes { id parentId name code kind region status kycStatus agreementSignedAt referralCode } }\n  }\n": typeof types.ConsoleAgentsDocument,
    "\n  query ConsoleAgentPerformance($from: Date!, $to: Date!) {\n    agentPerformance(from: $from, to: $to, groupBy: AGENT) {\n      rows { key name leads applications approvalRate disbursedCount disbursedAmount outstanding par30 firstPaymentDefaultRate commissionCost commissionCostPerUnit medianHoursToDisburse }\n      tenant { key name leads applications approvalRate disbursedCount disbursedAmount outstanding par30 firstPaymentDefaultRate commissionCost commissionCostPerUnit medianHoursToDisburse }\n    }\n  }\n": typeof types.ConsoleAgentPerformanceDocument,
    "mutation ConsoleAcceptOffer($id: ID!) { acceptOffer(applicationId: $id) { id status } }": typeof types.ConsoleAcceptOfferDocument,
    "mutation ConsoleSignContract($id: ID!, $name: String!, $hash: String!) { signContract(applicationId: $id, signerName: $name, documentHash: $hash) { id status } }": typeof types.ConsoleSignContractDocument,
    "mutation ConsoleDisburse($id: ID!, $key: String!) { disburseLoan(applicationId: $id, idempotencyKey: $key) { id } }": typeof types.ConsoleDisburseDocument,
    "\n  query ConsoleApplication($id: ID!) {\n    application(id: $id) {\n      id status requestedAmount termCount frequency purpose riskGrade score createdAt statusEnteredAt loanId borrowerId agentId source\n      decision { outcome decidedAt reasons { code source description } checks { kind provider outcome summary } score rules appetite price tier }\n      votes { id voterName vote comment at }\n      offer { amount currency annualRate apr totalInterest totalCost totalPayable netDisbursement validUntil grade\n        schedule { number dueDate principal interest fees total } }\n      contract { sha256 templateVersion text }\n      signature { signerName signedAt }\n      events { seq at fromStatus toStatus actorType note }\n    }\n  }\n": typeof types.ConsoleApplicationDocument,
    "\n  query ConsoleApplications($status: ApplicationStatus, $slaBreached: Boolean, $after: String) {\n    applications(status: $status, slaBreached: $slaBreached, first: 50, after: $after) {\n      nodes { id status requestedAmount termCount frequency riskGrade score createdAt statusEnteredAt offer { currency } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.ConsoleApplicationsDocument,
    "\n  mutation ConsoleVote($id: ID!, $vote: Vote!, $comment: String!) {\n    voteOnApplication(id: $id, vote: $vote, comment: $comment) { id status votes { id } }\n  }\n": typeof types.ConsoleVoteDocument,
    "\n  query ConsolePendingApprovals {\n    pendingApprovals(first: 100) { nodes { id operation reason subject amount currency makerType makerId approverRoles createdAt expiresAt arguments } }\n  }\n": typeof types.ConsolePendingApprovalsDocument,
    "mutation ConsoleApproveRequest($id: ID!, $note: String) { approveRequest(id: $id, note: $note) { id status error } }": typeof types.ConsoleApproveRequestDocument,
    "mutation ConsoleRejectRequest($id: ID!, $reason: String!) { rejectRequest(id: $id, reason: $reason) { id status } }": typeof types.ConsoleRejectRequestDocument,
    "\n  query ConsoleCase($id: ID!) {\n    collectionCase(id: $id) {\n      id status stageName dpd amountOverdue openedOn stageEnteredOn brokenPromises pausedUntil assigneeId policyCode policyVersion loanId\n      borrower { fullName phone locale }\n      borrowerClock { localTime timeZone }\n      loan { currency product { code } balances { outstanding { total } } }\n      contacts { id at channel direction contactedParty outcome note message automatic }\n      promises { id promisedOn dueDate amount paid status }\n      settlement { amount payBy status paid remaining }\n    }\n  }\n": typeof types.ConsoleCaseDocument,
    "\n  query ConsoleMyQueue {\n    myCollectionQueue(first: 100) { id stageName dpd amountOverdue priority brokenPromises openedOn loan { currency product { code } } borrower { fullName } borrowerClock { localTime timeZone } }\n  }\n": typeof types.ConsoleMyQueueDocument,
    "\n  query ConsoleOpenCases {\n    collectionCases(status: OPEN, first: 100) { nodes { id stageName dpd amountOverdue priority brokenPromises openedOn loan { currency product { code } } borrower { fullName } borrowerClock { localTime timeZone } } }\n  }\n": typeof types.ConsoleOpenCasesDocument,
    "\n  mutation ConsoleLogContact($input: CollectionContactInput!) { logCollectionContact(input: $input) { id } }\n": typeof types.ConsoleLogContactDocument,
    "\n  mutation ConsolePromise($input: PromiseToPayInput!) { recordPromiseToPay(input: $input) { id status } }\n": typeof types.ConsolePromiseDocument,
    "\n  mutation ConsoleOfferSettlement($input: OfferSettlementInput!) { offerSettlement(input: $input) { id amount payBy status discount } }\n": typeof types.ConsoleOfferSettlementDocument,
    "query ConsoleDecisionConfigs($kind: DecisionConfigKind) { decisionConfigs(kind: $kind) { id kind name version status createdAt activatedAt definition } }": typeof types.ConsoleDecisionConfigsDocument,
    "mutation ConsoleSaveScorecard($name: String!, $definition: JSON!) { saveScorecard(name: $name, definition: $definition) { id version } }": typeof types.ConsoleSaveScorecardDocument,
    "mutation ConsoleSaveRuleSet($name: String!, $definition: JSON!) { saveRuleSet(name: $name, definition: $definition) { id version } }": typeof types.ConsoleSaveRuleSetDocument,
    "mutation ConsoleActivateDecisionConfig($id: ID!) { activateDecisionConfig(id: $id) { id status } }": typeof types.ConsoleActivateDecisionConfigDocument,
    "\n  query ConsoleSimulateDecision($scorecardId: ID, $ruleSetId: ID) {\n    simulateDecision(scorecardId: $scorecardId, ruleSetId: $ruleSetId) { applications current draft changed }\n  }\n": typeof types.ConsoleSimulateDecisionDocument,
    "\n  query ConsoleOriginationPolicies {\n    originationPolicies {\n      riskAppetite { id dimension key maxAmount maxShare action }\n      approvalTiers { id name priority mode minAmount maxAmount grades productCodes group quorum deadlineHours }\n    }\n  }\n": typeof types.ConsoleOriginationPoliciesDocument,
    "mutation ConsoleSetLimits($limits: [RiskAppetiteLimitInput!]!) { setRiskAppetiteLimits(limits: $limits) { id } }": typeof types.ConsoleSetLimitsDocument,
    "mutation ConsoleSetTiers($tiers: [ApprovalTierInput!]!) { setApprovalTiers(tiers: $tiers) { id } }": typeof types.ConsoleSetTiersDocument,
    "mutation ConsoleWaive($loanId: ID!, $kind: WaiverKind!, $amount: Decimal!, $reason: String!) { waive(loanId: $loanId, kind: $kind, amount: $amount, reason: $reason) { id } }": typeof types.ConsoleWaiveDocument,
    "mutation ConsoleWriteOff($loanId: ID!, $reason: String!) { writeOffLoan(loanId: $loanId, reason: $reason) { id status } }": typeof types.ConsoleWriteOffDocument,
    "\n  query ConsoleLoan($id: ID!) {\n    loan(id: $id) {\n      id status currency principal netDisbursed annualRate apr dpd bucket nextDueDate disbursedAt borrowerId applicationId restructuredFrom restructuredInto\n      product { code name version }\n      balances { credit outstanding { principal interest fees penalties total } overdue { total } }\n      schedule { number dueDate status principalDue principalPaid interestDue interestPaid feesDue feesPaid penaltyDue penaltyPaid unpaid paidOn }\n      transactions(first: 100) { nodes { id seq kind effectiveDate amount method reference status reversalReason createdAt } }\n    }\n  }\n": typeof types.ConsoleLoanDocument,
    "\n  query ConsoleLoanJournal($id: ID!) {\n    loan(id: $id) { id journal(first: 100) { nodes { id businessDate kind reference lines } } }\n  }\n": typeof types.ConsoleLoanJournalDocument,
    "\n  query ConsoleLoans($status: LoanStatus, $dpdMin: Int, $borrowerId: ID, $after: String) {\n    loans(status: $status, dpdMin: $dpdMin, borrowerId: $borrowerId, first: 50, after: $after) {\n      nodes { id currency principal disbursedAt dpd bucket status nextDueDate product { code } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.ConsoleLoansDocument,
    "\n  query ConsoleLoanStatement($id: ID!, $from: Date!, $to: Date!) {\n    loanStatement(loanId: $id, from: $from, to: $to) {\n      from to creditAtOpen creditAtClose\n      opening { principal interest fees penalties total }\n      closing { principal interest fees penalties total }\n      lines { date kind status amount change { principal interest fees penalties total } }\n    }\n  }\n": typeof types.ConsoleLoanStatementDocument,
    "mutation ConsoleReverse($id: ID!, $reason: String!) { reverseTransaction(id: $id, reason: $reason) { id status } }": typeof types.ConsoleReverseDocument,
    "\n  query ConsolePayoffQuote($id: ID!, $asOf: Date) {\n    payoffQuote(loanId: $id, asOf: $asOf) { asOf principal interest accruedInterest fees penalties prepaymentFee credit total }\n  }\n": typeof types.ConsolePayoffQuoteDocument,
    "\n  mutation ConsoleSettleLoan($input: SettleLoanInput!) { settleLoan(input: $input) { transactionId } }\n": typeof types.ConsoleSettleLoanDocument,
    "\n  mutation ConsoleRecordRepayment($input: RecordRepaymentInput!) {\n    recordRepayment(input: $input) { transactionId allocation { principal interest fees penalties toCredit } }\n  }\n": typeof types.ConsoleRecordRepaymentDocument,
    "\n  mutation ConsoleRestructure($input: RestructureLoanInput!) { restructureLoan(input: $input) { id status restructuredInto } }\n": typeof types.ConsoleRestructureDocument,
    "\n  query ConsoleStatementPreview($csv: String!) {\n    previewBankStatement(csv: $csv) {\n      sha256\n      totals { rows matched matchedAmount unmatched duplicate invalid alreadyImported }\n      rows { line date amount reference payer status reason message loanId }\n    }\n  }\n": typeof types.ConsoleStatementPreviewDocument,
    "\n  mutation ConsoleStatementImport($input: ImportBankStatementInput!) {\n    importBankStatement(input: $input) { posted postedAmount skipped failed alreadyImported rows { line outcome message transactionId } }\n  }\n": typeof types.ConsoleStatementImportDocument,
    "\n  mutation ConsoleLogin($input: LoginInput!) {\n    login(input: $input) { token expiresAt }\n  }\n": typeof types.ConsoleLoginDocument,
    "\n  query ConsolePortfolioSummary($from: Date, $asOf: Date) {\n    portfolioSummary(from: $from, asOf: $asOf) {\n      currency snapshotDate grossPortfolio activeLoans activeBorrowers par1Ratio par30Ratio par90Ratio nplRatio writeOffRatio\n      portfolioYield operationalSelfSufficiency disbursedAmount disbursedCount averageLoanSize repeatBorrowerShare recoveries\n    }\n  }\n": typeof types.ConsolePortfolioSummaryDocument,
    "\n  query ConsoleChart($kind: ChartKind!, $args: ChartArgs) { chart(kind: $kind, args: $args) { kind title svg } }\n": typeof types.ConsoleChartDocument,
    "\n  mutation ConsoleCreateProduct($code: String!, $input: LoanProductTermsInput!) {\n    createLoanProduct(code: $code, input: $input) { id code currentVersion }\n  }\n": typeof types.ConsoleCreateProductDocument,
    "\n  query ConsoleProducts($search: String) {\n    loanProducts(search: $search, first: 100) { nodes { id code name segment currency status currentVersion } }\n  }\n": typeof types.ConsoleProductsDocument,
    "\n  query ConsoleProductTerms($id: ID!) {\n    loanProduct(id: $id) {\n      id code currentVersion\n      terms {\n        name description segment currency amountMin amountMax termMin termMax frequencies amortization dayCount penaltyAnnualRate overpaymentPolicy\n        graceOnInterestPeriods graceOnPrincipalPeriods allocationOrder\n        rounding { decimals mode installmentMultipleOf }\n        rateBands { grade annualRate feeDiscount }\n        segmentOverrides { segment grade annualRate feeDiscount }\n        fees { kind name chargeType amount rate treatment graceDays }\n        delinquencyBuckets { name minDpd maxDpd }\n        collateral { kind maxLtv }\n        creditLine { limitMin limitMax validityMonths }\n        accountMapping { role account }\n      }\n    }\n  }\n": typeof types.ConsoleProductTermsDocument,
    "\n  mutation ConsoleReviseProduct($id: ID!, $input: LoanProductTermsInput!) { reviseLoanProduct(id: $id, input: $input) { id currentVersion } }\n": typeof types.ConsoleReviseProductDocument,
    "\n  query ConsoleProductVersions($id: ID!) {\n    loanProduct(id: $id) {\n      id code name currency\n      versions { version createdAt maxApr terms { amountMin amountMax termMin termMax frequencies amortization dayCount rateBands { grade annualRate } } }\n    }\n  }\n": typeof types.ConsoleProductVersionsDocument,
    "\n  query ConsoleSchedulePreview($input: SchedulePreviewInput!) {\n    previewSchedule(input: $input) {\n      currency apr totalInterest totalFees totalPayable netDisbursement\n      capCheck { apr cap withinCap description }\n      installments { number dueDate principal interest fees total balance }\n    }\n  }\n": typeof types.ConsoleSchedulePreviewDocument,
    "query ConsoleApiKeys { apiKeys(first: 100, includeRevoked: true) { nodes { id name prefix role active createdAt lastUsedAt expiresAt revokedAt } } }": typeof types.ConsoleApiKeysDocument,
    "mutation ConsoleCreateApiKey($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id } } }": typeof types.ConsoleCreateApiKeyDocument,
    "mutation ConsoleRevokeApiKey($id: ID!) { revokeApiKey(id: $id) { id active } }": typeof types.ConsoleRevokeApiKeyDocument,
    "query ConsoleAuditLog { auditLog(first: 100) { nodes { id seq occurredAt action entityType entityId actorType actorUser { fullName } } } }": typeof types.ConsoleAuditLogDocument,
    "mutation ConsoleVerifyAudit { verifyAuditLog { id state } }": typeof types.ConsoleVerifyAuditDocument,
    "query ConsoleAuditVerification($id: ID!) { auditVerification(id: $id) { id state ok checked breaks { lane seq reason detail } } }": typeof types.ConsoleAuditVerificationDocument,
    "query ConsoleCobRuns { cobRuns }": typeof types.ConsoleCobRunsDocument,
    "mutation ConsoleRunCob($date: Date!) { runCloseOfBusiness(date: $date) }": typeof types.ConsoleRunCobDocument,
    "query ConsoleStaff { staffUsers(first: 100) { nodes { id email fullName roles status lastLoginAt } } }": typeof types.ConsoleStaffDocument,
    "mutation ConsoleCreateStaff($input: CreateStaffUserInput!) { createStaffUser(input: $input) { id } }": typeof types.ConsoleCreateStaffDocument,
    "mutation ConsoleSetStaffRoles($id: ID!, $roles: [Role!]!) { setStaffUserRoles(id: $id, roles: $roles) { id roles } }": typeof types.ConsoleSetStaffRolesDocument,
    "mutation ConsoleSetStaffStatus($id: ID!, $status: StaffUserStatus!) { setStaffUserStatus(id: $id, status: $status) { id status } }": typeof types.ConsoleSetStaffStatusDocument,
    "query ConsoleWebhooks { webhookEndpoints { id url description eventTypes status consecutiveFailures disabledReason } }": typeof types.ConsoleWebhooksDocument,
    "query ConsoleWebhookDeliveries { webhookDeliveries(first: 50) { nodes { id eventType status attempts lastStatusCode lastError createdAt deliveredAt nextAttemptAt } } }": typeof types.ConsoleWebhookDeliveriesDocument,
    "mutation ConsoleCreateWebhook($input: WebhookEndpointInput!) { createWebhookEndpoint(input: $input) { signingSecret endpoint { id } } }": typeof types.ConsoleCreateWebhookDocument,
    "mutation ConsoleReplayDelivery($id: ID!) { replayWebhookDelivery(id: $id) { id status } }": typeof types.ConsoleReplayDeliveryDocument,
    "\n  query ConsoleViewer {\n    viewer { roles tenant { name slug locale baseCurrency timezone } }\n  }\n": typeof types.ConsoleViewerDocument,
};
const documents: Documents = {
    "\n  query ConsoleCommissionStatements($period: String!) {\n    commissionStatements(period: $period) { agentId period currency opening earned clawedBack heldBack released paid closing closed }\n    agents(first: 100) { nodes { id name } }\n  }\n": types.ConsoleCommissionStatementsDocument,
    "\n  query ConsoleCommissions($period: String!) {\n    commissions(period: $period, first: 100) { nodes { id agentId loanId kind trigger amount held currency businessDate planCode planVersion } }\n  }\n": types.ConsoleCommissionsDocument,
    "\n  query ConsoleAgents {\n    agents(first: 100) { nodes { id parentId name code kind region status kycStatus agreementSignedAt referralCode } }\n  }\n": types.ConsoleAgentsDocument,
    "\n  query ConsoleAgentPerformance($from: Date!, $to: Date!) {\n    agentPerformance(from: $from, to: $to, groupBy: AGENT) {\n      rows { key name leads applications approvalRate disbursedCount disbursedAmount outstanding par30 firstPaymentDefaultRate commissionCost commissionCostPerUnit medianHoursToDisburse }\n      tenant { key name leads applications approvalRate disbursedCount disbursedAmount outstanding par30 firstPaymentDefaultRate commissionCost commissionCostPerUnit medianHoursToDisburse }\n    }\n  }\n": types.ConsoleAgentPerformanceDocument,
    "mutation ConsoleAcceptOffer($id: ID!) { acceptOffer(applicationId: $id) { id status } }": types.ConsoleAcceptOfferDocument,
    "mutation ConsoleSignContract($id: ID!, $name: String!, $hash: String!) { signContract(applicationId: $id, signerName: $name, documentHash: $hash) { id status } }": types.ConsoleSignContractDocument,
    "mutation ConsoleDisburse($id: ID!, $key: String!) { disburseLoan(applicationId: $id, idempotencyKey: $key) { id } }": types.ConsoleDisburseDocument,
    "\n  query ConsoleApplication($id: ID!) {\n    application(id: $id) {\n      id status requestedAmount termCount frequency purpose riskGrade score createdAt statusEnteredAt loanId borrowerId agentId source\n      decision { outcome decidedAt reasons { code source description } checks { kind provider outcome summary } score rules appetite price tier }\n      votes { id voterName vote comment at }\n      offer { amount currency annualRate apr totalInterest totalCost totalPayable netDisbursement validUntil grade\n        schedule { number dueDate principal interest fees total } }\n      contract { sha256 templateVersion text }\n      signature { signerName signedAt }\n      events { seq at fromStatus toStatus actorType note }\n    }\n  }\n": types.ConsoleApplicationDocument,
    "\n  query ConsoleApplications($status: ApplicationStatus, $slaBreached: Boolean, $after: String) {\n    applications(status: $status, slaBreached: $slaBreached, first: 50, after: $after) {\n      nodes { id status requestedAmount termCount frequency riskGrade score createdAt statusEnteredAt offer { currency } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.ConsoleApplicationsDocument,
    "\n  mutation ConsoleVote($id: ID!, $vote: Vote!, $comment: String!) {\n    voteOnApplication(id: $id, vote: $vote, comment: $comment) { id status votes { id } }\n  }\n": types.ConsoleVoteDocument,
    "\n  query ConsolePendingApprovals {\n    pendingApprovals(first: 100) { nodes { id operation reason subject amount currency makerType makerId approverRoles createdAt expiresAt arguments } }\n  }\n": types.ConsolePendingApprovalsDocument,
    "mutation ConsoleApproveRequest($id: ID!, $note: String) { approveRequest(id: $id, note: $note) { id status error } }": types.ConsoleApproveRequestDocument,
    "mutation ConsoleRejectRequest($id: ID!, $reason: String!) { rejectRequest(id: $id, reason: $reason) { id status } }": types.ConsoleRejectRequestDocument,
    "\n  query ConsoleCase($id: ID!) {\n    collectionCase(id: $id) {\n      id status stageName dpd amountOverdue openedOn stageEnteredOn brokenPromises pausedUntil assigneeId policyCode policyVersion loanId\n      borrower { fullName phone locale }\n      borrowerClock { localTime timeZone }\n      loan { currency product { code } balances { outstanding { total } } }\n      contacts { id at channel direction contactedParty outcome note message automatic }\n      promises { id promisedOn dueDate amount paid status }\n      settlement { amount payBy status paid remaining }\n    }\n  }\n": types.ConsoleCaseDocument,
    "\n  query ConsoleMyQueue {\n    myCollectionQueue(first: 100) { id stageName dpd amountOverdue priority brokenPromises openedOn loan { currency product { code } } borrower { fullName } borrowerClock { localTime timeZone } }\n  }\n": types.ConsoleMyQueueDocument,
    "\n  query ConsoleOpenCases {\n    collectionCases(status: OPEN, first: 100) { nodes { id stageName dpd amountOverdue priority brokenPromises openedOn loan { currency product { code } } borrower { fullName } borrowerClock { localTime timeZone } } }\n  }\n": types.ConsoleOpenCasesDocument,
    "\n  mutation ConsoleLogContact($input: CollectionContactInput!) { logCollectionContact(input: $input) { id } }\n": types.ConsoleLogContactDocument,
    "\n  mutation ConsolePromise($input: PromiseToPayInput!) { recordPromiseToPay(input: $input) { id status } }\n": types.ConsolePromiseDocument,
    "\n  mutation ConsoleOfferSettlement($input: OfferSettlementInput!) { offerSettlement(input: $input) { id amount payBy status discount } }\n": types.ConsoleOfferSettlementDocument,
    "query ConsoleDecisionConfigs($kind: DecisionConfigKind) { decisionConfigs(kind: $kind) { id kind name version status createdAt activatedAt definition } }": types.ConsoleDecisionConfigsDocument,
    "mutation ConsoleSaveScorecard($name: String!, $definition: JSON!) { saveScorecard(name: $name, definition: $definition) { id version } }": types.ConsoleSaveScorecardDocument,
    "mutation ConsoleSaveRuleSet($name: String!, $definition: JSON!) { saveRuleSet(name: $name, definition: $definition) { id version } }": types.ConsoleSaveRuleSetDocument,
    "mutation ConsoleActivateDecisionConfig($id: ID!) { activateDecisionConfig(id: $id) { id status } }": types.ConsoleActivateDecisionConfigDocument,
    "\n  query ConsoleSimulateDecision($scorecardId: ID, $ruleSetId: ID) {\n    simulateDecision(scorecardId: $scorecardId, ruleSetId: $ruleSetId) { applications current draft changed }\n  }\n": types.ConsoleSimulateDecisionDocument,
    "\n  query ConsoleOriginationPolicies {\n    originationPolicies {\n      riskAppetite { id dimension key maxAmount maxShare action }\n      approvalTiers { id name priority mode minAmount maxAmount grades productCodes group quorum deadlineHours }\n    }\n  }\n": types.ConsoleOriginationPoliciesDocument,
    "mutation ConsoleSetLimits($limits: [RiskAppetiteLimitInput!]!) { setRiskAppetiteLimits(limits: $limits) { id } }": types.ConsoleSetLimitsDocument,
    "mutation ConsoleSetTiers($tiers: [ApprovalTierInput!]!) { setApprovalTiers(tiers: $tiers) { id } }": types.ConsoleSetTiersDocument,
    "mutation ConsoleWaive($loanId: ID!, $kind: WaiverKind!, $amount: Decimal!, $reason: String!) { waive(loanId: $loanId, kind: $kind, amount: $amount, reason: $reason) { id } }": types.ConsoleWaiveDocument,
    "mutation ConsoleWriteOff($loanId: ID!, $reason: String!) { writeOffLoan(loanId: $loanId, reason: $reason) { id status } }": types.ConsoleWriteOffDocument,
    "\n  query ConsoleLoan($id: ID!) {\n    loan(id: $id) {\n      id status currency principal netDisbursed annualRate apr dpd bucket nextDueDate disbursedAt borrowerId applicationId restructuredFrom restructuredInto\n      product { code name version }\n      balances { credit outstanding { principal interest fees penalties total } overdue { total } }\n      schedule { number dueDate status principalDue principalPaid interestDue interestPaid feesDue feesPaid penaltyDue penaltyPaid unpaid paidOn }\n      transactions(first: 100) { nodes { id seq kind effectiveDate amount method reference status reversalReason createdAt } }\n    }\n  }\n": types.ConsoleLoanDocument,
    "\n  query ConsoleLoanJournal($id: ID!) {\n    loan(id: $id) { id journal(first: 100) { nodes { id businessDate kind reference lines } } }\n  }\n": types.ConsoleLoanJournalDocument,
    "\n  query ConsoleLoans($status: LoanStatus, $dpdMin: Int, $borrowerId: ID, $after: String) {\n    loans(status: $status, dpdMin: $dpdMin, borrowerId: $borrowerId, first: 50, after: $after) {\n      nodes { id currency principal disbursedAt dpd bucket status nextDueDate product { code } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.ConsoleLoansDocument,
    "\n  query ConsoleLoanStatement($id: ID!, $from: Date!, $to: Date!) {\n    loanStatement(loanId: $id, from: $from, to: $to) {\n      from to creditAtOpen creditAtClose\n      opening { principal interest fees penalties total }\n      closing { principal interest fees penalties total }\n      lines { date kind status amount change { principal interest fees penalties total } }\n    }\n  }\n": types.ConsoleLoanStatementDocument,
    "mutation ConsoleReverse($id: ID!, $reason: String!) { reverseTransaction(id: $id, reason: $reason) { id status } }": types.ConsoleReverseDocument,
    "\n  query ConsolePayoffQuote($id: ID!, $asOf: Date) {\n    payoffQuote(loanId: $id, asOf: $asOf) { asOf principal interest accruedInterest fees penalties prepaymentFee credit total }\n  }\n": types.ConsolePayoffQuoteDocument,
    "\n  mutation ConsoleSettleLoan($input: SettleLoanInput!) { settleLoan(input: $input) { transactionId } }\n": types.ConsoleSettleLoanDocument,
    "\n  mutation ConsoleRecordRepayment($input: RecordRepaymentInput!) {\n    recordRepayment(input: $input) { transactionId allocation { principal interest fees penalties toCredit } }\n  }\n": types.ConsoleRecordRepaymentDocument,
    "\n  mutation ConsoleRestructure($input: RestructureLoanInput!) { restructureLoan(input: $input) { id status restructuredInto } }\n": types.ConsoleRestructureDocument,
    "\n  query ConsoleStatementPreview($csv: String!) {\n    previewBankStatement(csv: $csv) {\n      sha256\n      totals { rows matched matchedAmount unmatched duplicate invalid alreadyImported }\n      rows { line date amount reference payer status reason message loanId }\n    }\n  }\n": types.ConsoleStatementPreviewDocument,
    "\n  mutation ConsoleStatementImport($input: ImportBankStatementInput!) {\n    importBankStatement(input: $input) { posted postedAmount skipped failed alreadyImported rows { line outcome message transactionId } }\n  }\n": types.ConsoleStatementImportDocument,
    "\n  mutation ConsoleLogin($input: LoginInput!) {\n    login(input: $input) { token expiresAt }\n  }\n": types.ConsoleLoginDocument,
    "\n  query ConsolePortfolioSummary($from: Date, $asOf: Date) {\n    portfolioSummary(from: $from, asOf: $asOf) {\n      currency snapshotDate grossPortfolio activeLoans activeBorrowers par1Ratio par30Ratio par90Ratio nplRatio writeOffRatio\n      portfolioYield operationalSelfSufficiency disbursedAmount disbursedCount averageLoanSize repeatBorrowerShare recoveries\n    }\n  }\n": types.ConsolePortfolioSummaryDocument,
    "\n  query ConsoleChart($kind: ChartKind!, $args: ChartArgs) { chart(kind: $kind, args: $args) { kind title svg } }\n": types.ConsoleChartDocument,
    "\n  mutation ConsoleCreateProduct($code: String!, $input: LoanProductTermsInput!) {\n    createLoanProduct(code: $code, input: $input) { id code currentVersion }\n  }\n": types.ConsoleCreateProductDocument,
    "\n  query ConsoleProducts($search: String) {\n    loanProducts(search: $search, first: 100) { nodes { id code name segment currency status currentVersion } }\n  }\n": types.ConsoleProductsDocument,
    "\n  query ConsoleProductTerms($id: ID!) {\n    loanProduct(id: $id) {\n      id code currentVersion\n      terms {\n        name description segment currency amountMin amountMax termMin termMax frequencies amortization dayCount penaltyAnnualRate overpaymentPolicy\n        graceOnInterestPeriods graceOnPrincipalPeriods allocationOrder\n        rounding { decimals mode installmentMultipleOf }\n        rateBands { grade annualRate feeDiscount }\n        segmentOverrides { segment grade annualRate feeDiscount }\n        fees { kind name chargeType amount rate treatment graceDays }\n        delinquencyBuckets { name minDpd maxDpd }\n        collateral { kind maxLtv }\n        creditLine { limitMin limitMax validityMonths }\n        accountMapping { role account }\n      }\n    }\n  }\n": types.ConsoleProductTermsDocument,
    "\n  mutation ConsoleReviseProduct($id: ID!, $input: LoanProductTermsInput!) { reviseLoanProduct(id: $id, input: $input) { id currentVersion } }\n": types.ConsoleReviseProductDocument,
    "\n  query ConsoleProductVersions($id: ID!) {\n    loanProduct(id: $id) {\n      id code name currency\n      versions { version createdAt maxApr terms { amountMin amountMax termMin termMax frequencies amortization dayCount rateBands { grade annualRate } } }\n    }\n  }\n": types.ConsoleProductVersionsDocument,
    "\n  query ConsoleSchedulePreview($input: SchedulePreviewInput!) {\n    previewSchedule(input: $input) {\n      currency apr totalInterest totalFees totalPayable netDisbursement\n      capCheck { apr cap withinCap description }\n      installments { number dueDate principal interest fees total balance }\n    }\n  }\n": types.ConsoleSchedulePreviewDocument,
    "query ConsoleApiKeys { apiKeys(first: 100, includeRevoked: true) { nodes { id name prefix role active createdAt lastUsedAt expiresAt revokedAt } } }": types.ConsoleApiKeysDocument,
    "mutation ConsoleCreateApiKey($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id } } }": types.ConsoleCreateApiKeyDocument,
    "mutation ConsoleRevokeApiKey($id: ID!) { revokeApiKey(id: $id) { id active } }": types.ConsoleRevokeApiKeyDocument,
    "query ConsoleAuditLog { auditLog(first: 100) { nodes { id seq occurredAt action entityType entityId actorType actorUser { fullName } } } }": types.ConsoleAuditLogDocument,
    "mutation ConsoleVerifyAudit { verifyAuditLog { id state } }": types.ConsoleVerifyAuditDocument,
    "query ConsoleAuditVerification($id: ID!) { auditVerification(id: $id) { id state ok checked breaks { lane seq reason detail } } }": types.ConsoleAuditVerificationDocument,
    "query ConsoleCobRuns { cobRuns }": types.ConsoleCobRunsDocument,
    "mutation ConsoleRunCob($date: Date!) { runCloseOfBusiness(date: $date) }": types.ConsoleRunCobDocument,
    "query ConsoleStaff { staffUsers(first: 100) { nodes { id email fullName roles status lastLoginAt } } }": types.ConsoleStaffDocument,
    "mutation ConsoleCreateStaff($input: CreateStaffUserInput!) { createStaffUser(input: $input) { id } }": types.ConsoleCreateStaffDocument,
    "mutation ConsoleSetStaffRoles($id: ID!, $roles: [Role!]!) { setStaffUserRoles(id: $id, roles: $roles) { id roles } }": types.ConsoleSetStaffRolesDocument,
    "mutation ConsoleSetStaffStatus($id: ID!, $status: StaffUserStatus!) { setStaffUserStatus(id: $id, status: $status) { id status } }": types.ConsoleSetStaffStatusDocument,
    "query ConsoleWebhooks { webhookEndpoints { id url description eventTypes status consecutiveFailures disabledReason } }": types.ConsoleWebhooksDocument,
    "query ConsoleWebhookDeliveries { webhookDeliveries(first: 50) { nodes { id eventType status attempts lastStatusCode lastError createdAt deliveredAt nextAttemptAt } } }": types.ConsoleWebhookDeliveriesDocument,
    "mutation ConsoleCreateWebhook($input: WebhookEndpointInput!) { createWebhookEndpoint(input: $input) { signingSecret endpoint { id } } }": types.ConsoleCreateWebhookDocument,
    "mutation ConsoleReplayDelivery($id: ID!) { replayWebhookDelivery(id: $id) { id status } }": types.ConsoleReplayDeliveryDocument,
    "\n  query ConsoleViewer {\n    viewer { roles tenant { name slug locale baseCurrency timezone } }\n  }\n": types.ConsoleViewerDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleCommissionStatements($period: String!) {\n    commissionStatements(period: $period) { agentId period currency opening earned clawedBack heldBack released paid closing closed }\n    agents(first: 100) { nodes { id name } }\n  }\n"): (typeof documents)["\n  query ConsoleCommissionStatements($period: String!) {\n    commissionStatements(period: $period) { agentId period currency opening earned clawedBack heldBack released paid closing closed }\n    agents(first: 100) { nodes { id name } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleCommissions($period: String!) {\n    commissions(period: $period, first: 100) { nodes { id agentId loanId kind trigger amount held currency businessDate planCode planVersion } }\n  }\n"): (typeof documents)["\n  query ConsoleCommissions($period: String!) {\n    commissions(period: $period, first: 100) { nodes { id agentId loanId kind trigger amount held currency businessDate planCode planVersion } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleAgents {\n    agents(first: 100) { nodes { id parentId name code kind region status kycStatus agreementSignedAt referralCode } }\n  }\n"): (typeof documents)["\n  query ConsoleAgents {\n    agents(first: 100) { nodes { id parentId name code kind region status kycStatus agreementSignedAt referralCode } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleAgentPerformance($from: Date!, $to: Date!) {\n    agentPerformance(from: $from, to: $to, groupBy: AGENT) {\n      rows { key name leads applications approvalRate disbursedCount disbursedAmount outstanding par30 firstPaymentDefaultRate commissionCost commissionCostPerUnit medianHoursToDisburse }\n      tenant { key name leads applications approvalRate disbursedCount disbursedAmount outstanding par30 firstPaymentDefaultRate commissionCost commissionCostPerUnit medianHoursToDisburse }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleAgentPerformance($from: Date!, $to: Date!) {\n    agentPerformance(from: $from, to: $to, groupBy: AGENT) {\n      rows { key name leads applications approvalRate disbursedCount disbursedAmount outstanding par30 firstPaymentDefaultRate commissionCost commissionCostPerUnit medianHoursToDisburse }\n      tenant { key name leads applications approvalRate disbursedCount disbursedAmount outstanding par30 firstPaymentDefaultRate commissionCost commissionCostPerUnit medianHoursToDisburse }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleAcceptOffer($id: ID!) { acceptOffer(applicationId: $id) { id status } }"): (typeof documents)["mutation ConsoleAcceptOffer($id: ID!) { acceptOffer(applicationId: $id) { id status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleSignContract($id: ID!, $name: String!, $hash: String!) { signContract(applicationId: $id, signerName: $name, documentHash: $hash) { id status } }"): (typeof documents)["mutation ConsoleSignContract($id: ID!, $name: String!, $hash: String!) { signContract(applicationId: $id, signerName: $name, documentHash: $hash) { id status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleDisburse($id: ID!, $key: String!) { disburseLoan(applicationId: $id, idempotencyKey: $key) { id } }"): (typeof documents)["mutation ConsoleDisburse($id: ID!, $key: String!) { disburseLoan(applicationId: $id, idempotencyKey: $key) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleApplication($id: ID!) {\n    application(id: $id) {\n      id status requestedAmount termCount frequency purpose riskGrade score createdAt statusEnteredAt loanId borrowerId agentId source\n      decision { outcome decidedAt reasons { code source description } checks { kind provider outcome summary } score rules appetite price tier }\n      votes { id voterName vote comment at }\n      offer { amount currency annualRate apr totalInterest totalCost totalPayable netDisbursement validUntil grade\n        schedule { number dueDate principal interest fees total } }\n      contract { sha256 templateVersion text }\n      signature { signerName signedAt }\n      events { seq at fromStatus toStatus actorType note }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleApplication($id: ID!) {\n    application(id: $id) {\n      id status requestedAmount termCount frequency purpose riskGrade score createdAt statusEnteredAt loanId borrowerId agentId source\n      decision { outcome decidedAt reasons { code source description } checks { kind provider outcome summary } score rules appetite price tier }\n      votes { id voterName vote comment at }\n      offer { amount currency annualRate apr totalInterest totalCost totalPayable netDisbursement validUntil grade\n        schedule { number dueDate principal interest fees total } }\n      contract { sha256 templateVersion text }\n      signature { signerName signedAt }\n      events { seq at fromStatus toStatus actorType note }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleApplications($status: ApplicationStatus, $slaBreached: Boolean, $after: String) {\n    applications(status: $status, slaBreached: $slaBreached, first: 50, after: $after) {\n      nodes { id status requestedAmount termCount frequency riskGrade score createdAt statusEnteredAt offer { currency } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleApplications($status: ApplicationStatus, $slaBreached: Boolean, $after: String) {\n    applications(status: $status, slaBreached: $slaBreached, first: 50, after: $after) {\n      nodes { id status requestedAmount termCount frequency riskGrade score createdAt statusEnteredAt offer { currency } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleVote($id: ID!, $vote: Vote!, $comment: String!) {\n    voteOnApplication(id: $id, vote: $vote, comment: $comment) { id status votes { id } }\n  }\n"): (typeof documents)["\n  mutation ConsoleVote($id: ID!, $vote: Vote!, $comment: String!) {\n    voteOnApplication(id: $id, vote: $vote, comment: $comment) { id status votes { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsolePendingApprovals {\n    pendingApprovals(first: 100) { nodes { id operation reason subject amount currency makerType makerId approverRoles createdAt expiresAt arguments } }\n  }\n"): (typeof documents)["\n  query ConsolePendingApprovals {\n    pendingApprovals(first: 100) { nodes { id operation reason subject amount currency makerType makerId approverRoles createdAt expiresAt arguments } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleApproveRequest($id: ID!, $note: String) { approveRequest(id: $id, note: $note) { id status error } }"): (typeof documents)["mutation ConsoleApproveRequest($id: ID!, $note: String) { approveRequest(id: $id, note: $note) { id status error } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleRejectRequest($id: ID!, $reason: String!) { rejectRequest(id: $id, reason: $reason) { id status } }"): (typeof documents)["mutation ConsoleRejectRequest($id: ID!, $reason: String!) { rejectRequest(id: $id, reason: $reason) { id status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleCase($id: ID!) {\n    collectionCase(id: $id) {\n      id status stageName dpd amountOverdue openedOn stageEnteredOn brokenPromises pausedUntil assigneeId policyCode policyVersion loanId\n      borrower { fullName phone locale }\n      borrowerClock { localTime timeZone }\n      loan { currency product { code } balances { outstanding { total } } }\n      contacts { id at channel direction contactedParty outcome note message automatic }\n      promises { id promisedOn dueDate amount paid status }\n      settlement { amount payBy status paid remaining }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleCase($id: ID!) {\n    collectionCase(id: $id) {\n      id status stageName dpd amountOverdue openedOn stageEnteredOn brokenPromises pausedUntil assigneeId policyCode policyVersion loanId\n      borrower { fullName phone locale }\n      borrowerClock { localTime timeZone }\n      loan { currency product { code } balances { outstanding { total } } }\n      contacts { id at channel direction contactedParty outcome note message automatic }\n      promises { id promisedOn dueDate amount paid status }\n      settlement { amount payBy status paid remaining }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleMyQueue {\n    myCollectionQueue(first: 100) { id stageName dpd amountOverdue priority brokenPromises openedOn loan { currency product { code } } borrower { fullName } borrowerClock { localTime timeZone } }\n  }\n"): (typeof documents)["\n  query ConsoleMyQueue {\n    myCollectionQueue(first: 100) { id stageName dpd amountOverdue priority brokenPromises openedOn loan { currency product { code } } borrower { fullName } borrowerClock { localTime timeZone } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleOpenCases {\n    collectionCases(status: OPEN, first: 100) { nodes { id stageName dpd amountOverdue priority brokenPromises openedOn loan { currency product { code } } borrower { fullName } borrowerClock { localTime timeZone } } }\n  }\n"): (typeof documents)["\n  query ConsoleOpenCases {\n    collectionCases(status: OPEN, first: 100) { nodes { id stageName dpd amountOverdue priority brokenPromises openedOn loan { currency product { code } } borrower { fullName } borrowerClock { localTime timeZone } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleLogContact($input: CollectionContactInput!) { logCollectionContact(input: $input) { id } }\n"): (typeof documents)["\n  mutation ConsoleLogContact($input: CollectionContactInput!) { logCollectionContact(input: $input) { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsolePromise($input: PromiseToPayInput!) { recordPromiseToPay(input: $input) { id status } }\n"): (typeof documents)["\n  mutation ConsolePromise($input: PromiseToPayInput!) { recordPromiseToPay(input: $input) { id status } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleOfferSettlement($input: OfferSettlementInput!) { offerSettlement(input: $input) { id amount payBy status discount } }\n"): (typeof documents)["\n  mutation ConsoleOfferSettlement($input: OfferSettlementInput!) { offerSettlement(input: $input) { id amount payBy status discount } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleDecisionConfigs($kind: DecisionConfigKind) { decisionConfigs(kind: $kind) { id kind name version status createdAt activatedAt definition } }"): (typeof documents)["query ConsoleDecisionConfigs($kind: DecisionConfigKind) { decisionConfigs(kind: $kind) { id kind name version status createdAt activatedAt definition } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleSaveScorecard($name: String!, $definition: JSON!) { saveScorecard(name: $name, definition: $definition) { id version } }"): (typeof documents)["mutation ConsoleSaveScorecard($name: String!, $definition: JSON!) { saveScorecard(name: $name, definition: $definition) { id version } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleSaveRuleSet($name: String!, $definition: JSON!) { saveRuleSet(name: $name, definition: $definition) { id version } }"): (typeof documents)["mutation ConsoleSaveRuleSet($name: String!, $definition: JSON!) { saveRuleSet(name: $name, definition: $definition) { id version } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleActivateDecisionConfig($id: ID!) { activateDecisionConfig(id: $id) { id status } }"): (typeof documents)["mutation ConsoleActivateDecisionConfig($id: ID!) { activateDecisionConfig(id: $id) { id status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleSimulateDecision($scorecardId: ID, $ruleSetId: ID) {\n    simulateDecision(scorecardId: $scorecardId, ruleSetId: $ruleSetId) { applications current draft changed }\n  }\n"): (typeof documents)["\n  query ConsoleSimulateDecision($scorecardId: ID, $ruleSetId: ID) {\n    simulateDecision(scorecardId: $scorecardId, ruleSetId: $ruleSetId) { applications current draft changed }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleOriginationPolicies {\n    originationPolicies {\n      riskAppetite { id dimension key maxAmount maxShare action }\n      approvalTiers { id name priority mode minAmount maxAmount grades productCodes group quorum deadlineHours }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleOriginationPolicies {\n    originationPolicies {\n      riskAppetite { id dimension key maxAmount maxShare action }\n      approvalTiers { id name priority mode minAmount maxAmount grades productCodes group quorum deadlineHours }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleSetLimits($limits: [RiskAppetiteLimitInput!]!) { setRiskAppetiteLimits(limits: $limits) { id } }"): (typeof documents)["mutation ConsoleSetLimits($limits: [RiskAppetiteLimitInput!]!) { setRiskAppetiteLimits(limits: $limits) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleSetTiers($tiers: [ApprovalTierInput!]!) { setApprovalTiers(tiers: $tiers) { id } }"): (typeof documents)["mutation ConsoleSetTiers($tiers: [ApprovalTierInput!]!) { setApprovalTiers(tiers: $tiers) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleWaive($loanId: ID!, $kind: WaiverKind!, $amount: Decimal!, $reason: String!) { waive(loanId: $loanId, kind: $kind, amount: $amount, reason: $reason) { id } }"): (typeof documents)["mutation ConsoleWaive($loanId: ID!, $kind: WaiverKind!, $amount: Decimal!, $reason: String!) { waive(loanId: $loanId, kind: $kind, amount: $amount, reason: $reason) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleWriteOff($loanId: ID!, $reason: String!) { writeOffLoan(loanId: $loanId, reason: $reason) { id status } }"): (typeof documents)["mutation ConsoleWriteOff($loanId: ID!, $reason: String!) { writeOffLoan(loanId: $loanId, reason: $reason) { id status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleLoan($id: ID!) {\n    loan(id: $id) {\n      id status currency principal netDisbursed annualRate apr dpd bucket nextDueDate disbursedAt borrowerId applicationId restructuredFrom restructuredInto\n      product { code name version }\n      balances { credit outstanding { principal interest fees penalties total } overdue { total } }\n      schedule { number dueDate status principalDue principalPaid interestDue interestPaid feesDue feesPaid penaltyDue penaltyPaid unpaid paidOn }\n      transactions(first: 100) { nodes { id seq kind effectiveDate amount method reference status reversalReason createdAt } }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleLoan($id: ID!) {\n    loan(id: $id) {\n      id status currency principal netDisbursed annualRate apr dpd bucket nextDueDate disbursedAt borrowerId applicationId restructuredFrom restructuredInto\n      product { code name version }\n      balances { credit outstanding { principal interest fees penalties total } overdue { total } }\n      schedule { number dueDate status principalDue principalPaid interestDue interestPaid feesDue feesPaid penaltyDue penaltyPaid unpaid paidOn }\n      transactions(first: 100) { nodes { id seq kind effectiveDate amount method reference status reversalReason createdAt } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleLoanJournal($id: ID!) {\n    loan(id: $id) { id journal(first: 100) { nodes { id businessDate kind reference lines } } }\n  }\n"): (typeof documents)["\n  query ConsoleLoanJournal($id: ID!) {\n    loan(id: $id) { id journal(first: 100) { nodes { id businessDate kind reference lines } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleLoans($status: LoanStatus, $dpdMin: Int, $borrowerId: ID, $after: String) {\n    loans(status: $status, dpdMin: $dpdMin, borrowerId: $borrowerId, first: 50, after: $after) {\n      nodes { id currency principal disbursedAt dpd bucket status nextDueDate product { code } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleLoans($status: LoanStatus, $dpdMin: Int, $borrowerId: ID, $after: String) {\n    loans(status: $status, dpdMin: $dpdMin, borrowerId: $borrowerId, first: 50, after: $after) {\n      nodes { id currency principal disbursedAt dpd bucket status nextDueDate product { code } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleLoanStatement($id: ID!, $from: Date!, $to: Date!) {\n    loanStatement(loanId: $id, from: $from, to: $to) {\n      from to creditAtOpen creditAtClose\n      opening { principal interest fees penalties total }\n      closing { principal interest fees penalties total }\n      lines { date kind status amount change { principal interest fees penalties total } }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleLoanStatement($id: ID!, $from: Date!, $to: Date!) {\n    loanStatement(loanId: $id, from: $from, to: $to) {\n      from to creditAtOpen creditAtClose\n      opening { principal interest fees penalties total }\n      closing { principal interest fees penalties total }\n      lines { date kind status amount change { principal interest fees penalties total } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleReverse($id: ID!, $reason: String!) { reverseTransaction(id: $id, reason: $reason) { id status } }"): (typeof documents)["mutation ConsoleReverse($id: ID!, $reason: String!) { reverseTransaction(id: $id, reason: $reason) { id status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsolePayoffQuote($id: ID!, $asOf: Date) {\n    payoffQuote(loanId: $id, asOf: $asOf) { asOf principal interest accruedInterest fees penalties prepaymentFee credit total }\n  }\n"): (typeof documents)["\n  query ConsolePayoffQuote($id: ID!, $asOf: Date) {\n    payoffQuote(loanId: $id, asOf: $asOf) { asOf principal interest accruedInterest fees penalties prepaymentFee credit total }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleSettleLoan($input: SettleLoanInput!) { settleLoan(input: $input) { transactionId } }\n"): (typeof documents)["\n  mutation ConsoleSettleLoan($input: SettleLoanInput!) { settleLoan(input: $input) { transactionId } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRecordRepayment($input: RecordRepaymentInput!) {\n    recordRepayment(input: $input) { transactionId allocation { principal interest fees penalties toCredit } }\n  }\n"): (typeof documents)["\n  mutation ConsoleRecordRepayment($input: RecordRepaymentInput!) {\n    recordRepayment(input: $input) { transactionId allocation { principal interest fees penalties toCredit } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRestructure($input: RestructureLoanInput!) { restructureLoan(input: $input) { id status restructuredInto } }\n"): (typeof documents)["\n  mutation ConsoleRestructure($input: RestructureLoanInput!) { restructureLoan(input: $input) { id status restructuredInto } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleStatementPreview($csv: String!) {\n    previewBankStatement(csv: $csv) {\n      sha256\n      totals { rows matched matchedAmount unmatched duplicate invalid alreadyImported }\n      rows { line date amount reference payer status reason message loanId }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleStatementPreview($csv: String!) {\n    previewBankStatement(csv: $csv) {\n      sha256\n      totals { rows matched matchedAmount unmatched duplicate invalid alreadyImported }\n      rows { line date amount reference payer status reason message loanId }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleStatementImport($input: ImportBankStatementInput!) {\n    importBankStatement(input: $input) { posted postedAmount skipped failed alreadyImported rows { line outcome message transactionId } }\n  }\n"): (typeof documents)["\n  mutation ConsoleStatementImport($input: ImportBankStatementInput!) {\n    importBankStatement(input: $input) { posted postedAmount skipped failed alreadyImported rows { line outcome message transactionId } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleLogin($input: LoginInput!) {\n    login(input: $input) { token expiresAt }\n  }\n"): (typeof documents)["\n  mutation ConsoleLogin($input: LoginInput!) {\n    login(input: $input) { token expiresAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsolePortfolioSummary($from: Date, $asOf: Date) {\n    portfolioSummary(from: $from, asOf: $asOf) {\n      currency snapshotDate grossPortfolio activeLoans activeBorrowers par1Ratio par30Ratio par90Ratio nplRatio writeOffRatio\n      portfolioYield operationalSelfSufficiency disbursedAmount disbursedCount averageLoanSize repeatBorrowerShare recoveries\n    }\n  }\n"): (typeof documents)["\n  query ConsolePortfolioSummary($from: Date, $asOf: Date) {\n    portfolioSummary(from: $from, asOf: $asOf) {\n      currency snapshotDate grossPortfolio activeLoans activeBorrowers par1Ratio par30Ratio par90Ratio nplRatio writeOffRatio\n      portfolioYield operationalSelfSufficiency disbursedAmount disbursedCount averageLoanSize repeatBorrowerShare recoveries\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleChart($kind: ChartKind!, $args: ChartArgs) { chart(kind: $kind, args: $args) { kind title svg } }\n"): (typeof documents)["\n  query ConsoleChart($kind: ChartKind!, $args: ChartArgs) { chart(kind: $kind, args: $args) { kind title svg } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCreateProduct($code: String!, $input: LoanProductTermsInput!) {\n    createLoanProduct(code: $code, input: $input) { id code currentVersion }\n  }\n"): (typeof documents)["\n  mutation ConsoleCreateProduct($code: String!, $input: LoanProductTermsInput!) {\n    createLoanProduct(code: $code, input: $input) { id code currentVersion }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleProducts($search: String) {\n    loanProducts(search: $search, first: 100) { nodes { id code name segment currency status currentVersion } }\n  }\n"): (typeof documents)["\n  query ConsoleProducts($search: String) {\n    loanProducts(search: $search, first: 100) { nodes { id code name segment currency status currentVersion } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleProductTerms($id: ID!) {\n    loanProduct(id: $id) {\n      id code currentVersion\n      terms {\n        name description segment currency amountMin amountMax termMin termMax frequencies amortization dayCount penaltyAnnualRate overpaymentPolicy\n        graceOnInterestPeriods graceOnPrincipalPeriods allocationOrder\n        rounding { decimals mode installmentMultipleOf }\n        rateBands { grade annualRate feeDiscount }\n        segmentOverrides { segment grade annualRate feeDiscount }\n        fees { kind name chargeType amount rate treatment graceDays }\n        delinquencyBuckets { name minDpd maxDpd }\n        collateral { kind maxLtv }\n        creditLine { limitMin limitMax validityMonths }\n        accountMapping { role account }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleProductTerms($id: ID!) {\n    loanProduct(id: $id) {\n      id code currentVersion\n      terms {\n        name description segment currency amountMin amountMax termMin termMax frequencies amortization dayCount penaltyAnnualRate overpaymentPolicy\n        graceOnInterestPeriods graceOnPrincipalPeriods allocationOrder\n        rounding { decimals mode installmentMultipleOf }\n        rateBands { grade annualRate feeDiscount }\n        segmentOverrides { segment grade annualRate feeDiscount }\n        fees { kind name chargeType amount rate treatment graceDays }\n        delinquencyBuckets { name minDpd maxDpd }\n        collateral { kind maxLtv }\n        creditLine { limitMin limitMax validityMonths }\n        accountMapping { role account }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleReviseProduct($id: ID!, $input: LoanProductTermsInput!) { reviseLoanProduct(id: $id, input: $input) { id currentVersion } }\n"): (typeof documents)["\n  mutation ConsoleReviseProduct($id: ID!, $input: LoanProductTermsInput!) { reviseLoanProduct(id: $id, input: $input) { id currentVersion } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleProductVersions($id: ID!) {\n    loanProduct(id: $id) {\n      id code name currency\n      versions { version createdAt maxApr terms { amountMin amountMax termMin termMax frequencies amortization dayCount rateBands { grade annualRate } } }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleProductVersions($id: ID!) {\n    loanProduct(id: $id) {\n      id code name currency\n      versions { version createdAt maxApr terms { amountMin amountMax termMin termMax frequencies amortization dayCount rateBands { grade annualRate } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleSchedulePreview($input: SchedulePreviewInput!) {\n    previewSchedule(input: $input) {\n      currency apr totalInterest totalFees totalPayable netDisbursement\n      capCheck { apr cap withinCap description }\n      installments { number dueDate principal interest fees total balance }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleSchedulePreview($input: SchedulePreviewInput!) {\n    previewSchedule(input: $input) {\n      currency apr totalInterest totalFees totalPayable netDisbursement\n      capCheck { apr cap withinCap description }\n      installments { number dueDate principal interest fees total balance }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleApiKeys { apiKeys(first: 100, includeRevoked: true) { nodes { id name prefix role active createdAt lastUsedAt expiresAt revokedAt } } }"): (typeof documents)["query ConsoleApiKeys { apiKeys(first: 100, includeRevoked: true) { nodes { id name prefix role active createdAt lastUsedAt expiresAt revokedAt } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleCreateApiKey($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id } } }"): (typeof documents)["mutation ConsoleCreateApiKey($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleRevokeApiKey($id: ID!) { revokeApiKey(id: $id) { id active } }"): (typeof documents)["mutation ConsoleRevokeApiKey($id: ID!) { revokeApiKey(id: $id) { id active } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleAuditLog { auditLog(first: 100) { nodes { id seq occurredAt action entityType entityId actorType actorUser { fullName } } } }"): (typeof documents)["query ConsoleAuditLog { auditLog(first: 100) { nodes { id seq occurredAt action entityType entityId actorType actorUser { fullName } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleVerifyAudit { verifyAuditLog { id state } }"): (typeof documents)["mutation ConsoleVerifyAudit { verifyAuditLog { id state } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleAuditVerification($id: ID!) { auditVerification(id: $id) { id state ok checked breaks { lane seq reason detail } } }"): (typeof documents)["query ConsoleAuditVerification($id: ID!) { auditVerification(id: $id) { id state ok checked breaks { lane seq reason detail } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleCobRuns { cobRuns }"): (typeof documents)["query ConsoleCobRuns { cobRuns }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleRunCob($date: Date!) { runCloseOfBusiness(date: $date) }"): (typeof documents)["mutation ConsoleRunCob($date: Date!) { runCloseOfBusiness(date: $date) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleStaff { staffUsers(first: 100) { nodes { id email fullName roles status lastLoginAt } } }"): (typeof documents)["query ConsoleStaff { staffUsers(first: 100) { nodes { id email fullName roles status lastLoginAt } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleCreateStaff($input: CreateStaffUserInput!) { createStaffUser(input: $input) { id } }"): (typeof documents)["mutation ConsoleCreateStaff($input: CreateStaffUserInput!) { createStaffUser(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleSetStaffRoles($id: ID!, $roles: [Role!]!) { setStaffUserRoles(id: $id, roles: $roles) { id roles } }"): (typeof documents)["mutation ConsoleSetStaffRoles($id: ID!, $roles: [Role!]!) { setStaffUserRoles(id: $id, roles: $roles) { id roles } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleSetStaffStatus($id: ID!, $status: StaffUserStatus!) { setStaffUserStatus(id: $id, status: $status) { id status } }"): (typeof documents)["mutation ConsoleSetStaffStatus($id: ID!, $status: StaffUserStatus!) { setStaffUserStatus(id: $id, status: $status) { id status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleWebhooks { webhookEndpoints { id url description eventTypes status consecutiveFailures disabledReason } }"): (typeof documents)["query ConsoleWebhooks { webhookEndpoints { id url description eventTypes status consecutiveFailures disabledReason } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleWebhookDeliveries { webhookDeliveries(first: 50) { nodes { id eventType status attempts lastStatusCode lastError createdAt deliveredAt nextAttemptAt } } }"): (typeof documents)["query ConsoleWebhookDeliveries { webhookDeliveries(first: 50) { nodes { id eventType status attempts lastStatusCode lastError createdAt deliveredAt nextAttemptAt } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleCreateWebhook($input: WebhookEndpointInput!) { createWebhookEndpoint(input: $input) { signingSecret endpoint { id } } }"): (typeof documents)["mutation ConsoleCreateWebhook($input: WebhookEndpointInput!) { createWebhookEndpoint(input: $input) { signingSecret endpoint { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsoleReplayDelivery($id: ID!) { replayWebhookDelivery(id: $id) { id status } }"): (typeof documents)["mutation ConsoleReplayDelivery($id: ID!) { replayWebhookDelivery(id: $id) { id status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleViewer {\n    viewer { roles tenant { name slug locale baseCurrency timezone } }\n  }\n"): (typeof documents)["\n  query ConsoleViewer {\n    viewer { roles tenant { name slug locale baseCurrency timezone } }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;