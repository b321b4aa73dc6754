/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type AccountMappingInput = {
  /** The account of the tenant’s chart, e.g. LOAN_PRINCIPAL_AGRI. */
  account: string;
  /** A default account role, e.g. LOAN_PRINCIPAL. */
  role: string;
};

export type ActorType =
  | 'ANONYMOUS'
  | 'API_KEY'
  | 'BORROWER'
  | 'PLATFORM_KEY'
  | 'STAFF_USER'
  | 'SYSTEM';

/** A NETWORK holds BRANCHes, INDIVIDUAL agents and PARTNER_PLATFORMs; a BRANCH holds agents; a COLLECTION_AGENCY works placed collection cases. */
export type AgentKind =
  | 'BRANCH'
  | 'COLLECTION_AGENCY'
  | 'INDIVIDUAL'
  | 'NETWORK'
  | 'PARTNER_PLATFORM';

/** A SUSPENDED or TERMINATED agent’s keys stop at once; TERMINATED is final. */
export type AgentStatus =
  | 'ACTIVE'
  | 'SUSPENDED'
  | 'TERMINATED';

export type AllocationBucket =
  | 'FEES'
  | 'INTEREST'
  | 'PENALTY'
  | 'PRINCIPAL';

/** EQUAL_INSTALLMENT (annuity), EQUAL_PRINCIPAL, INTEREST_ONLY (balloon at the end), FLAT, BULLET. */
export type Amortization =
  | 'BULLET'
  | 'EQUAL_INSTALLMENT'
  | 'EQUAL_PRINCIPAL'
  | 'FLAT'
  | 'INTEREST_ONLY';

export type AppetiteDimension =
  | 'BORROWER'
  | 'INDUSTRY'
  | 'PRODUCT'
  | 'REGION';

export type ApplicationSource =
  | 'AGENT'
  | 'BORROWER'
  | 'STAFF';

export type ApplicationStatus =
  | 'ACCEPTED'
  | 'APPROVED'
  | 'CHECKING'
  | 'CONTRACT_SIGNED'
  | 'DECLINED'
  | 'DISBURSED'
  | 'DRAFT'
  | 'EXPIRED'
  | 'OFFERED'
  | 'REFERRED'
  | 'SUBMITTED'
  | 'WITHDRAWN';

export type ApprovalMode =
  | 'AUTO'
  | 'COMMITTEE'
  | 'SINGLE';

/** A mutation a tenant can put under four-eyes (setApprovalPolicy). */
export type ApprovalOperation =
  | 'activateDecisionConfig'
  | 'disburseLoan'
  | 'offerSettlement'
  | 'refundCredit'
  | 'restructureLoan'
  | 'reverseTransaction'
  | 'reviseLoanProduct'
  | 'setRiskAppetiteLimits'
  | 'waive'
  | 'writeOffLoan';

/** POLICY: above the operation’s threshold; WAIVER_LIMIT: above the maker’s own waiver limit; AUTHORITY: beyond the authority the operation itself sets (a settlement discount above its collection stage’s maxDiscount). */
export type ApprovalReason =
  | 'AUTHORITY'
  | 'POLICY'
  | 'WAIVER_LIMIT';

export type ApprovalStatus =
  | 'APPROVED'
  | 'EXPIRED'
  | 'FAILED'
  | 'PENDING'
  | 'REJECTED';

export type ApprovalTierInput = {
  deadlineHours?: number | null | undefined;
  grades?: Array<string> | null | undefined;
  /** The approval group (committee) approvers are drawn from. */
  group?: string | null | undefined;
  id: string;
  maxAmount?: string | null | undefined;
  minAmount?: string | null | undefined;
  mode: ApprovalMode;
  name: string;
  /** Lower numbers are tried first. */
  priority: number;
  productCodes?: Array<string> | null | undefined;
  /** COMMITTEE: distinct approvals needed. */
  quorum?: number | null | undefined;
};

export type AuditVerificationState =
  | 'COMPLETED'
  | 'FAILED'
  | 'QUEUED'
  | 'RUNNING';

/** How to read a statement whose header or dates are not the usual ones. */
export type BankStatementFormatInput = {
  amountColumn?: string | null | undefined;
  currencyColumn?: string | null | undefined;
  /** Header of the date column (default: date, value date, transaction date, …). */
  dateColumn?: string | null | undefined;
  dateFormat?: StatementDateFormat | null | undefined;
  /** One character; default a comma. */
  delimiter?: string | null | undefined;
  descriptionColumn?: string | null | undefined;
  payerColumn?: string | null | undefined;
  referenceColumn?: string | null | undefined;
};

export type BankStatementImportOutcome =
  | 'ALREADY_IMPORTED'
  | 'FAILED'
  | 'POSTED'
  | 'SKIPPED';

/** MATCHED rows are posted; UNMATCHED (no loan, several, or one not active), INVALID, DUPLICATE (the same payment earlier in the file) and ALREADY_IMPORTED rows are not. */
export type BankStatementRowStatus =
  | 'ALREADY_IMPORTED'
  | 'DUPLICATE'
  | 'INVALID'
  | 'MATCHED'
  | 'UNMATCHED';

/** A cut of the book: product, the product’s segment, the borrower’s region, the referring agent, the decision’s grade, the delinquency bucket, the borrower’s industry. */
export type BreakdownDimension =
  | 'AGENT'
  | 'BUCKET'
  | 'GRADE'
  | 'INDUSTRY'
  | 'PRODUCT'
  | 'REGION'
  | 'SEGMENT';

export type ChargeType =
  | 'FLAT'
  | 'PERCENT';

export type ChartArgs = {
  asOf?: string | null | undefined;
  cohort?: VintageCohort | null | undefined;
  concentration?: ConcentrationDimension | null | undefined;
  dimension?: BreakdownDimension | null | undefined;
  filter?: PortfolioFilter | null | undefined;
  from?: string | null | undefined;
  interval?: TrendInterval | null | undefined;
  maxMonthsOnBook?: number | null | undefined;
  metrics?: Array<PortfolioMetric> | null | undefined;
  to?: string | null | undefined;
  vintageMetric?: VintageMetric | null | undefined;
};

/** PORTFOLIO_TREND: lines of portfolioTrend’s metrics; PORTFOLIO_BREAKDOWN: bars of the gross portfolio by a dimension; CONCENTRATION: bars of each exposure’s share with its limit (args.concentration); VINTAGES: a curve per cohort (args.cohort, vintageMetric, maxMonthsOnBook); ROLL_RATES: a heat map of the balance rolled from bucket to bucket (args.from, to). */
export type ChartKind =
  | 'CONCENTRATION'
  | 'PORTFOLIO_BREAKDOWN'
  | 'PORTFOLIO_TREND'
  | 'ROLL_RATES'
  | 'VINTAGES';

export type CollateralKind =
  | 'GUARANTOR'
  | 'INVENTORY_PLEDGE'
  | 'NONE'
  | 'REAL_ESTATE'
  | 'RECEIVABLES_PLEDGE'
  | 'VEHICLE';

export type CollateralRuleInput = {
  kind: CollateralKind;
  /** Loan-to-value cap, a fraction of the valuation. */
  maxLtv?: string | null | undefined;
};

export type CollectionCaseStatus =
  | 'CLOSED'
  | 'OPEN';

/** SMS, EMAIL, PUSH and LETTER are messages; CALL and FIELD_VISIT tasks for people; AGENCY_PLACEMENT hands the case to an agency. */
export type CollectionChannel =
  | 'AGENCY_PLACEMENT'
  | 'CALL'
  | 'EMAIL'
  | 'FIELD_VISIT'
  | 'LETTER'
  | 'PUSH'
  | 'SMS';

export type CollectionContactInput = {
  caseId: string | number;
  channel: CollectionChannel;
  contactedParty?: ContactParty | null | undefined;
  direction: ContactDirection;
  /** The message tells the party about the debt (refused unless the party is the borrower). */
  disclosesDebt?: boolean | null | undefined;
  /** What was said or sent to the party: checked against the forbidden words. */
  message?: string | null | undefined;
  /** The collector’s own note (not shown to the borrower). */
  note?: string | null | undefined;
  outcome?: ContactOutcome | null | undefined;
  /** A reference or guarantor consented to be contacted. */
  partyConsented?: boolean | null | undefined;
};

/** EARNED by the agent; OVERRIDE: its parent’s share; CLAWBACK: one reversed; RELEASE: a held share made payable; ADJUSTMENT: a whole-tier true-up when the month closes. */
export type CommissionKind =
  | 'ADJUSTMENT'
  | 'CLAWBACK'
  | 'EARNED'
  | 'OVERRIDE'
  | 'RELEASE';

/** What earns a commission: the loan disbursed, its first repayment, each repayment, the loan closed. */
export type CommissionTrigger =
  | 'DISBURSED'
  | 'EACH_REPAYMENT'
  | 'FIRST_REPAYMENT'
  | 'LOAN_CLOSED';

/** What exposure is measured over, as the risk appetite’s limits name it. */
export type ConcentrationDimension =
  | 'BORROWER'
  | 'INDUSTRY'
  | 'PRODUCT'
  | 'REGION';

export type ContactDirection =
  | 'INBOUND'
  | 'OUTBOUND';

/** SENT: a message the platform sent. */
export type ContactOutcome =
  | 'DISPUTE'
  | 'HARDSHIP'
  | 'NO_ANSWER'
  | 'PAID'
  | 'PROMISE'
  | 'REFUSED'
  | 'SENT'
  | 'WRONG_NUMBER';

/** Who was contacted: only the borrower, a guarantor or a consenting reference may be, and the debt disclosed to no one but the borrower. */
export type ContactParty =
  | 'BORROWER'
  | 'GUARANTOR'
  | 'OTHER'
  | 'REFERENCE';

export type CreateApiKeyInput = {
  /** Required for an AGENT key: the (active) agent it belongs to. */
  agentId?: string | number | null | undefined;
  expiresAt?: string | null | undefined;
  name: string;
  role: Role;
};

export type CreateStaffUserInput = {
  email: string;
  fullName: string;
  /** At least 12 characters. */
  password: string;
  roles: Array<Role>;
};

export type CreditLineTermsInput = {
  limitMax: string;
  limitMin: string;
  validityMonths: number;
};

/** 30/360, Actual/365 Fixed, Actual/360, Actual/Actual (ISDA). */
export type DayCount =
  | 'ACTUAL_360'
  | 'ACTUAL_365'
  | 'ACTUAL_ACTUAL'
  | 'THIRTY_360';

export type DecisionConfigKind =
  | 'RULES'
  | 'SCORECARD';

export type DelinquencyBucketInput = {
  /** Null: open-ended (the last bucket). */
  maxDpd?: number | null | undefined;
  minDpd: number;
  name: string;
};

/** UPFRONT and PER_INSTALLMENT shape the schedule; LATE and PREPAYMENT are charged by servicing. */
export type FeeKind =
  | 'LATE'
  | 'PER_INSTALLMENT'
  | 'PREPAYMENT'
  | 'UPFRONT';

export type Frequency =
  | 'BIWEEKLY'
  | 'DAILY'
  | 'MONTHLY'
  | 'QUARTERLY'
  | 'SEMI_MONTHLY'
  | 'WEEKLY';

export type ImportBankStatementInput = {
  /** The statement as CSV text: a header row, then one payment per row. */
  csv: string;
  format?: BankStatementFormatInput | null | undefined;
  /** The same key and file give the first answer again; rows are also keyed by their own fingerprint. */
  idempotencyKey: string;
};

export type LimitAction =
  | 'DECLINE'
  | 'REFER';

/** ARCHIVED products take no new applications. */
export type LoanProductStatus =
  | 'ACTIVE'
  | 'ARCHIVED';

export type LoanProductTermsInput = {
  accountMapping?: Array<AccountMappingInput> | null | undefined;
  /** Order a repayment pays in; default PENALTY, FEES, INTEREST, PRINCIPAL. */
  allocationOrder?: Array<AllocationBucket> | null | undefined;
  amortization: Amortization;
  amountMax: string;
  amountMin: string;
  /** Accepted collateral; default NONE. */
  collateral?: Array<CollateralRuleInput> | null | undefined;
  creditLine?: CreditLineTermsInput | null | undefined;
  currency: string;
  dayCount: DayCount;
  /** Days-past-due buckets of its loans, contiguous from 0, the last open-ended; null: CURRENT, 1-30, 31-60, 61-90, 90+. */
  delinquencyBuckets?: Array<DelinquencyBucketInput> | null | undefined;
  description?: string | null | undefined;
  fees?: Array<ProductFeeInput> | null | undefined;
  frequencies: Array<Frequency>;
  graceOnInterestPeriods?: number | null | undefined;
  graceOnPrincipalPeriods?: number | null | undefined;
  name: string;
  /** Money beyond what is due: REDUCE_TERM (default), REDUCE_INSTALLMENT, or held as CREDIT. */
  overpaymentPolicy?: OverpaymentPolicy | null | undefined;
  /** Annual rate on overdue principal. */
  penaltyAnnualRate?: string | null | undefined;
  rateBands: Array<RateBandInput>;
  rounding: ProductRoundingInput;
  segment: Segment;
  segmentOverrides?: Array<SegmentOverrideInput> | null | undefined;
  /** Most instalments. */
  termMax: number;
  /** Fewest instalments. */
  termMin: number;
};

export type LoanStatus =
  | 'ACTIVE'
  | 'CLOSED'
  | 'RESTRUCTURED'
  | 'WRITTEN_OFF';

export type LoanTransactionKind =
  | 'CREDIT_REFUND'
  | 'FEE_CHARGE'
  | 'FEE_WAIVER'
  | 'INTEREST_WAIVER'
  | 'PENALTY_WAIVER'
  | 'RECOVERY'
  | 'REPAYMENT'
  | 'SETTLEMENT'
  | 'SETTLEMENT_DISCOUNT';

export type LoginInput = {
  email: string;
  password: string;
  tenantSlug: string;
};

export type OfferSettlementInput = {
  /** What the borrower pays to settle: less than the loan owes today (its payoff without a prepayment fee). */
  amount: string;
  caseId: string | number;
  /** How many payments the amount is spread over (1 to 12), the last on payBy. */
  instalments?: number;
  /** The last day money counts towards it (today or later, within a year). */
  payBy: string;
};

export type OverpaymentPolicy =
  | 'CREDIT'
  | 'REDUCE_INSTALLMENT'
  | 'REDUCE_TERM';

export type PaymentMethod =
  | 'BANK_TRANSFER'
  | 'CARD'
  | 'CASH'
  | 'DIRECT_DEBIT'
  | 'MOBILE_MONEY'
  | 'OTHER'
  | 'STRIPE';

export type PortfolioFilter = {
  /** The referring agent (an agent’s key: always its own book). */
  agentId?: string | number | null | undefined;
  /** ISO 4217; the lender’s base currency when not given (amounts are never summed across currencies). */
  currency?: string | null | undefined;
  productId?: string | number | null | undefined;
  /** The borrower’s region. */
  region?: string | null | undefined;
  /** The product’s segment. */
  segment?: string | null | undefined;
};

/** A figure of portfolioSummary, by its field (PAR30: par30Ratio; see docs/analytics.md). */
export type PortfolioMetric =
  | 'ACTIVE_BORROWERS'
  | 'ACTIVE_LOANS'
  | 'AVERAGE_LOAN_SIZE'
  | 'DISBURSED_AMOUNT'
  | 'DISBURSED_COUNT'
  | 'GROSS_PORTFOLIO'
  | 'NPL_RATIO'
  | 'OPERATING_INCOME'
  | 'OPERATIONAL_SELF_SUFFICIENCY'
  | 'PAR1'
  | 'PAR30'
  | 'PAR90'
  | 'PORTFOLIO_YIELD'
  | 'RECOVERIES'
  | 'REPEAT_BORROWER_SHARE'
  | 'WRITE_OFF_RATIO'
  | 'WRITTEN_OFF';

export type ProductFeeInput = {
  /** FLAT fees: the amount. */
  amount?: string | null | undefined;
  chargeType: ChargeType;
  /** LATE fees: days after the due date before the fee is charged. */
  graceDays?: number | null | undefined;
  kind: FeeKind;
  name: string;
  /** PERCENT fees: a fraction of the base (principal, or the overdue / prepaid amount). */
  rate?: string | null | undefined;
  treatment?: UpfrontFeeTreatment | null | undefined;
};

export type ProductRoundingInput = {
  decimals: number;
  /** Regular instalments are rounded up to a multiple of this, e.g. "1" or "0.05". */
  installmentMultipleOf?: string | null | undefined;
  mode: RoundingMode;
};

export type PromiseStatus =
  | 'BROKEN'
  | 'KEPT'
  | 'OPEN';

export type PromiseToPayInput = {
  amount: string;
  caseId: string | number;
  dueDate: string;
};

export type RateBandInput = {
  /** Nominal annual rate, a fraction. */
  annualRate: string;
  /** Discount on fees, a fraction ("0.25" = 25% off). */
  feeDiscount?: string | null | undefined;
  /** A risk grade, e.g. A..E. */
  grade: string;
};

export type RecordRepaymentInput = {
  amount: string;
  /** The same key twice records one repayment and gives the same answer. */
  idempotencyKey: string;
  loanId: string | number;
  method: PaymentMethod;
  /** When the money was paid; may be in the past (the loan is replayed from there). */
  paidAt: string;
  /** The payment’s own reference (bank, mobile money). */
  reference?: string | null | undefined;
};

export type RestructureLoanInput = {
  /** New nominal annual rate; default the loan’s. */
  annualInterestRate?: string | null | undefined;
  /** true: arrears join the principal (and earn interest); false: collected with the first new instalment. */
  capitaliseArrears: boolean;
  idempotencyKey: string;
  loanId: string | number;
  reason: string;
  /** Instalments of the new schedule, from today. */
  termCount: number;
};

export type RiskAppetiteLimitInput = {
  action: LimitAction;
  dimension: AppetiteDimension;
  id: string;
  /** The industry, region or product code; null: each borrower (or value). */
  key?: string | null | undefined;
  maxAmount?: string | null | undefined;
  /** Share of the portfolio, a fraction. */
  maxShare?: string | null | undefined;
};

export type Role =
  | 'AGENT'
  | 'ANALYST'
  | 'APP'
  | 'BORROWER'
  | 'COLLECTOR'
  | 'LENDER_ADMIN'
  | 'PLATFORM_ADMIN'
  | 'SERVICER'
  | 'UNDERWRITER';

/** DOWN rounds toward zero, UP away from zero. */
export type RoundingMode =
  | 'DOWN'
  | 'HALF_EVEN'
  | 'HALF_UP'
  | 'UP';

/** Either a product (productId + riskGrade, terms from the product) or explicit terms (annualInterestRate, amortization, dayCount, frequency, …). */
export type SchedulePreviewInput = {
  amortization?: Amortization | null | undefined;
  /** Nominal annual rate as a fraction: "0.12" is 12%. */
  annualInterestRate?: string | null | undefined;
  /** Explicit terms: ISO 4217; defaults to the tenant’s base currency. */
  currency?: string | null | undefined;
  dayCount?: DayCount | null | undefined;
  disbursementDate: string;
  fees?: Array<ProductFeeInput> | null | undefined;
  /** Defaults to one period after disbursement; anchors the due dates. */
  firstDueDate?: string | null | undefined;
  frequency?: Frequency | null | undefined;
  graceOnInterestPeriods?: number | null | undefined;
  graceOnPrincipalPeriods?: number | null | undefined;
  principal: string;
  productId?: string | number | null | undefined;
  /** With productId: the grade whose rate band prices the loan. */
  riskGrade?: string | null | undefined;
  /** Defaults to the tenant’s rounding. */
  rounding?: ProductRoundingInput | null | undefined;
  /** With productId: the borrower’s segment, for segment overrides. */
  segment?: Segment | null | undefined;
  termCount: number;
};

export type Segment =
  | 'AGRICULTURE'
  | 'CONSUMER'
  | 'SMALL_BUSINESS'
  | 'SOLE_PROPRIETOR';

export type SegmentOverrideInput = {
  annualRate?: string | null | undefined;
  feeDiscount?: string | null | undefined;
  /** Null: every grade. */
  grade?: string | null | undefined;
  segment: Segment;
};

/** Pays the loan off at its payoff quote. */
export type SettleLoanInput = {
  /** Exactly payoffQuote(loanId, asOf: paidAt).total; anything else is refused with CONFLICT and the current quote. */
  amount: string;
  /** The same key twice settles once and gives the same answer. */
  idempotencyKey: string;
  loanId: string | number;
  method: PaymentMethod;
  /** When the money was paid; the quote is computed as of this date. */
  paidAt: string;
  /** The payment’s own reference (bank, mobile money). */
  reference?: string | null | undefined;
};

/** OPEN: waiting for the money; PAID: met, the loan closed with the rest forgiven; BROKEN: its last day passed unmet; WITHDRAWN: taken back. */
export type SettlementStatus =
  | 'BROKEN'
  | 'OPEN'
  | 'PAID'
  | 'WITHDRAWN';

export type StaffUserStatus =
  | 'ACTIVE'
  | 'DISABLED';

/** ISO is YYYY-MM-DD; the others as named (DD/MM/YYYY, MM/DD/YYYY, DD.MM.YYYY). */
export type StatementDateFormat =
  | 'DAY_MONTH_YEAR'
  | 'DAY_MONTH_YEAR_DOTS'
  | 'ISO'
  | 'MONTH_DAY_YEAR';

/** Days, ISO weeks (Monday to Sunday) or calendar months, clipped to the range. */
export type TrendInterval =
  | 'DAY'
  | 'MONTH'
  | 'WEEK';

/** DEDUCTED from the disbursement, FINANCED into principal, or PAID_UPFRONT. */
export type UpfrontFeeTreatment =
  | 'DEDUCTED'
  | 'FINANCED'
  | 'PAID_UPFRONT';

/** Loans grouped by the month or quarter of disbursement. */
export type VintageCohort =
  | 'MONTH'
  | 'QUARTER';

/** What counts as bad: ever 30 or 90 days past due, or written off. */
export type VintageMetric =
  | 'DPD30_EVER'
  | 'DPD90_EVER'
  | 'WRITTEN_OFF';

export type Vote =
  | 'APPROVE'
  | 'DECLINE';

export type WaiverKind =
  | 'FEE'
  | 'INTEREST'
  | 'PENALTY';

/** FAILED: attempts exhausted (replayable). */
export type WebhookDeliveryStatus =
  | 'DELIVERED'
  | 'FAILED'
  | 'PENDING';

export type WebhookEndpointInput = {
  description?: string | null | undefined;
  /** Types or patterns (loan.*, application.approved); all when empty. */
  eventTypes?: Array<string> | null | undefined;
  /** Where to POST (https in production). */
  url: string;
};

export type WebhookEndpointStatus =
  | 'ACTIVE'
  | 'DISABLED';

export type ConsoleCommissionStatementsQueryVariables = Exact<{
  period: string;
}>;


export type ConsoleCommissionStatementsQuery = { commissionStatements: Array<{ agentId: string, period: string, currency: string, opening: string, earned: string, clawedBack: string, heldBack: string, released: string, paid: string, closing: string, closed: boolean }>, agents: { nodes: Array<{ id: string, name: string }> } };

export type ConsoleCommissionsQueryVariables = Exact<{
  period: string;
}>;


export type ConsoleCommissionsQuery = { commissions: { nodes: Array<{ id: string, agentId: string, loanId: string, kind: CommissionKind, trigger: CommissionTrigger, amount: string, held: string, currency: string, businessDate: string, planCode: string, planVersion: number }> } };

export type ConsoleAgentsQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleAgentsQuery = { agents: { nodes: Array<{ id: string, parentId: string | null, name: string, code: string | null, kind: AgentKind, region: string | null, status: AgentStatus, kycStatus: string | null, agreementSignedAt: string | null, referralCode: string }> } };

export type ConsoleAgentPerformanceQueryVariables = Exact<{
  from: string;
  to: string;
}>;


export type ConsoleAgentPerformanceQuery = { agentPerformance: { rows: Array<{ key: string, name: string, leads: number, applications: number, approvalRate: string | null, disbursedCount: number, disbursedAmount: string, outstanding: string, par30: string | null, firstPaymentDefaultRate: string | null, commissionCost: string, commissionCostPerUnit: string | null, medianHoursToDisburse: string | null }>, tenant: { key: string, name: string, leads: number, applications: number, approvalRate: string | null, disbursedCount: number, disbursedAmount: string, outstanding: string, par30: string | null, firstPaymentDefaultRate: string | null, commissionCost: string, commissionCostPerUnit: string | null, medianHoursToDisburse: string | null } } };

export type ConsoleAcceptOfferMutationVariables = Exact<{
  id: string | number;
}>;


export type ConsoleAcceptOfferMutation = { acceptOffer: { id: string, status: ApplicationStatus } };

export type ConsoleSignContractMutationVariables = Exact<{
  id: string | number;
  name: string;
  hash: string;
}>;


export type ConsoleSignContractMutation = { signContract: { id: string, status: ApplicationStatus } };

export type ConsoleDisburseMutationVariables = Exact<{
  id: string | number;
  key: string;
}>;


export type ConsoleDisburseMutation = { disburseLoan: { id: string } };

export type ConsoleApplicationQueryVariables = Exact<{
  id: string | number;
}>;


export type ConsoleApplicationQuery = { application: { id: string, status: ApplicationStatus, requestedAmount: string, termCount: number, frequency: Frequency, purpose: string | null, riskGrade: string | null, score: number | null, createdAt: string, statusEnteredAt: string, loanId: string | null, borrowerId: string, agentId: string | null, source: ApplicationSource, decision: { outcome: string, decidedAt: string, score: unknown, rules: unknown, appetite: unknown, price: unknown, tier: unknown, reasons: Array<{ code: string, source: string, description: string }>, checks: Array<{ kind: string, provider: string, outcome: string, summary: string }> } | null, votes: Array<{ id: string, voterName: string, vote: Vote, comment: string, at: string }>, offer: { amount: string, currency: string, annualRate: string, apr: string, totalInterest: string, totalCost: string, totalPayable: string, netDisbursement: string, validUntil: string, grade: string, schedule: Array<{ number: number, dueDate: string, principal: string, interest: string, fees: string, total: string }> } | null, contract: { sha256: string, templateVersion: string, text: string } | null, signature: { signerName: string, signedAt: string } | null, events: Array<{ seq: number, at: string, fromStatus: ApplicationStatus | null, toStatus: ApplicationStatus, actorType: string, note: string | null }> } };

export type ConsoleApplicationsQueryVariables = Exact<{
  status?: ApplicationStatus | null | undefined;
  slaBreached?: boolean | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleApplicationsQuery = { applications: { nodes: Array<{ id: string, status: ApplicationStatus, requestedAmount: string, termCount: number, frequency: Frequency, riskGrade: string | null, score: number | null, createdAt: string, statusEnteredAt: string, offer: { currency: string } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ConsoleVoteMutationVariables = Exact<{
  id: string | number;
  vote: Vote;
  comment: string;
}>;


export type ConsoleVoteMutation = { voteOnApplication: { id: string, status: ApplicationStatus, votes: Array<{ id: string }> } };

export type ConsolePendingApprovalsQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsolePendingApprovalsQuery = { pendingApprovals: { nodes: Array<{ id: string, operation: ApprovalOperation, reason: ApprovalReason, subject: string, amount: string | null, currency: string | null, makerType: ActorType, makerId: string | null, approverRoles: Array<Role>, createdAt: string, expiresAt: string, arguments: unknown }> } };

export type ConsoleApproveRequestMutationVariables = Exact<{
  id: string | number;
  note?: string | null | undefined;
}>;


export type ConsoleApproveRequestMutation = { approveRequest: { id: string, status: ApprovalStatus, error: unknown } };

export type ConsoleRejectRequestMutationVariables = Exact<{
  id: string | number;
  reason: string;
}>;


export type ConsoleRejectRequestMutation = { rejectRequest: { id: string, status: ApprovalStatus } };

export type ConsoleCaseQueryVariables = Exact<{
  id: string | number;
}>;


export type ConsoleCaseQuery = { collectionCase: { id: string, status: CollectionCaseStatus, stageName: string, dpd: number, amountOverdue: string, openedOn: string, stageEnteredOn: string, brokenPromises: number, pausedUntil: string | null, assigneeId: string | null, policyCode: string, policyVersion: number, loanId: string, borrower: { fullName: string | null, phone: string | null, locale: string | null }, borrowerClock: { localTime: string, timeZone: string }, loan: { currency: string, product: { code: string }, balances: { outstanding: { total: string } } }, contacts: Array<{ id: string, at: string, channel: CollectionChannel, direction: ContactDirection, contactedParty: ContactParty, outcome: ContactOutcome | null, note: string | null, message: string | null, automatic: boolean }>, promises: Array<{ id: string, promisedOn: string, dueDate: string, amount: string, paid: string | null, status: PromiseStatus }>, settlement: { amount: string, payBy: string, status: SettlementStatus, paid: string, remaining: string } | null } };

export type ConsoleMyQueueQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleMyQueueQuery = { myCollectionQueue: Array<{ id: string, stageName: string, dpd: number, amountOverdue: string, priority: string, brokenPromises: number, openedOn: string, loan: { currency: string, product: { code: string } }, borrower: { fullName: string | null }, borrowerClock: { localTime: string, timeZone: string } }> };

export type ConsoleOpenCasesQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleOpenCasesQuery = { collectionCases: { nodes: Array<{ id: string, stageName: string, dpd: number, amountOverdue: string, priority: string, brokenPromises: number, openedOn: string, loan: { currency: string, product: { code: string } }, borrower: { fullName: string | null }, borrowerClock: { localTime: string, timeZone: string } }> } };

export type ConsoleLogContactMutationVariables = Exact<{
  input: CollectionContactInput;
}>;


export type ConsoleLogContactMutation = { logCollectionContact: { id: string } };

export type ConsolePromiseMutationVariables = Exact<{
  input: PromiseToPayInput;
}>;


export type ConsolePromiseMutation = { recordPromiseToPay: { id: string, status: PromiseStatus } };

export type ConsoleOfferSettlementMutationVariables = Exact<{
  input: OfferSettlementInput;
}>;


export type ConsoleOfferSettlementMutation = { offerSettlement: { id: string, amount: string, payBy: string, status: SettlementStatus, discount: string } };

export type ConsoleDecisionConfigsQueryVariables = Exact<{
  kind?: DecisionConfigKind | null | undefined;
}>;


export type ConsoleDecisionConfigsQuery = { decisionConfigs: Array<{ id: string, kind: DecisionConfigKind, name: string, version: number, status: string, createdAt: string, activatedAt: string | null, definition: unknown }> };

export type ConsoleSaveScorecardMutationVariables = Exact<{
  name: string;
  definition: unknown;
}>;


export type ConsoleSaveScorecardMutation = { saveScorecard: { id: string, version: number } };

export type ConsoleSaveRuleSetMutationVariables = Exact<{
  name: string;
  definition: unknown;
}>;


export type ConsoleSaveRuleSetMutation = { saveRuleSet: { id: string, version: number } };

export type ConsoleActivateDecisionConfigMutationVariables = Exact<{
  id: string | number;
}>;


export type ConsoleActivateDecisionConfigMutation = { activateDecisionConfig: { id: string, status: string } };

export type ConsoleSimulateDecisionQueryVariables = Exact<{
  scorecardId?: string | number | null | undefined;
  ruleSetId?: string | number | null | undefined;
}>;


export type ConsoleSimulateDecisionQuery = { simulateDecision: { applications: number, current: unknown, draft: unknown, changed: unknown } };

export type ConsoleOriginationPoliciesQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleOriginationPoliciesQuery = { originationPolicies: { riskAppetite: Array<{ id: string, dimension: AppetiteDimension, key: string | null, maxAmount: string | null, maxShare: string | null, action: LimitAction }>, approvalTiers: Array<{ id: string, name: string, priority: number, mode: ApprovalMode, minAmount: string | null, maxAmount: string | null, grades: Array<string> | null, productCodes: Array<string> | null, group: string | null, quorum: number | null, deadlineHours: number | null }> } };

export type ConsoleSetLimitsMutationVariables = Exact<{
  limits: Array<RiskAppetiteLimitInput> | RiskAppetiteLimitInput;
}>;


export type ConsoleSetLimitsMutation = { setRiskAppetiteLimits: Array<{ id: string }> };

export type ConsoleSetTiersMutationVariables = Exact<{
  tiers: Array<ApprovalTierInput> | ApprovalTierInput;
}>;


export type ConsoleSetTiersMutation = { setApprovalTiers: Array<{ id: string }> };

export type ConsoleWaiveMutationVariables = Exact<{
  loanId: string | number;
  kind: WaiverKind;
  amount: string;
  reason: string;
}>;


export type ConsoleWaiveMutation = { waive: { id: string } };

export type ConsoleWriteOffMutationVariables = Exact<{
  loanId: string | number;
  reason: string;
}>;


export type ConsoleWriteOffMutation = { writeOffLoan: { id: string, status: LoanStatus } };

export type ConsoleLoanQueryVariables = Exact<{
  id: string | number;
}>;


export type ConsoleLoanQuery = { loan: { id: string, status: LoanStatus, currency: string, principal: string, netDisbursed: string, annualRate: string, apr: string, dpd: number, bucket: string, nextDueDate: string | null, disbursedAt: string, borrowerId: string, applicationId: string, restructuredFrom: string | null, restructuredInto: string | null, product: { code: string, name: string, version: number }, balances: { credit: string, outstanding: { principal: string, interest: string, fees: string, penalties: string, total: string }, overdue: { total: string } }, schedule: Array<{ number: number, dueDate: string, status: string, principalDue: string, principalPaid: string, interestDue: string, interestPaid: string, feesDue: string, feesPaid: string, penaltyDue: string, penaltyPaid: string, unpaid: string, paidOn: string | null }>, transactions: { nodes: Array<{ id: string, seq: number, kind: LoanTransactionKind, effectiveDate: string, amount: string, method: string | null, reference: string | null, status: string, reversalReason: string | null, createdAt: string }> } } };

export type ConsoleLoanJournalQueryVariables = Exact<{
  id: string | number;
}>;


export type ConsoleLoanJournalQuery = { loan: { id: string, journal: { nodes: Array<{ id: string, businessDate: string, kind: string, reference: string | null, lines: unknown }> } } };

export type ConsoleLoansQueryVariables = Exact<{
  status?: LoanStatus | null | undefined;
  dpdMin?: number | null | undefined;
  borrowerId?: string | number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleLoansQuery = { loans: { nodes: Array<{ id: string, currency: string, principal: string, disbursedAt: string, dpd: number, bucket: string, status: LoanStatus, nextDueDate: string | null, product: { code: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ConsoleLoanStatementQueryVariables = Exact<{
  id: string | number;
  from: string;
  to: string;
}>;


export type ConsoleLoanStatementQuery = { loanStatement: { from: string, to: string, creditAtOpen: string, creditAtClose: string, opening: { principal: string, interest: string, fees: string, penalties: string, total: string }, closing: { principal: string, interest: string, fees: string, penalties: string, total: string }, lines: Array<{ date: string, kind: string, status: string, amount: string, change: { principal: string, interest: string, fees: string, penalties: string, total: string } }> } };

export type ConsoleReverseMutationVariables = Exact<{
  id: string | number;
  reason: string;
}>;


export type ConsoleReverseMutation = { reverseTransaction: { id: string, status: string } };

export type ConsolePayoffQuoteQueryVariables = Exact<{
  id: string | number;
  asOf?: string | null | undefined;
}>;


export type ConsolePayoffQuoteQuery = { payoffQuote: { asOf: string, principal: string, interest: string, accruedInterest: string, fees: string, penalties: string, prepaymentFee: string, credit: string, total: string } };

export type ConsoleSettleLoanMutationVariables = Exact<{
  input: SettleLoanInput;
}>;


export type ConsoleSettleLoanMutation = { settleLoan: { transactionId: string } };

export type ConsoleRecordRepaymentMutationVariables = Exact<{
  input: RecordRepaymentInput;
}>;


export type ConsoleRecordRepaymentMutation = { recordRepayment: { transactionId: string, allocation: { principal: string, interest: string, fees: string, penalties: string, toCredit: string } | null } };

export type ConsoleRestructureMutationVariables = Exact<{
  input: RestructureLoanInput;
}>;


export type ConsoleRestructureMutation = { restructureLoan: { id: string, status: LoanStatus, restructuredInto: string | null } };

export type ConsoleStatementPreviewQueryVariables = Exact<{
  csv: string;
}>;


export type ConsoleStatementPreviewQuery = { previewBankStatement: { sha256: string, totals: { rows: number, matched: number, matchedAmount: string, unmatched: number, duplicate: number, invalid: number, alreadyImported: number }, rows: Array<{ line: number, date: string | null, amount: string | null, reference: string, payer: string | null, status: BankStatementRowStatus, reason: string, message: string, loanId: string | null }> } };

export type ConsoleStatementImportMutationVariables = Exact<{
  input: ImportBankStatementInput;
}>;


export type ConsoleStatementImportMutation = { importBankStatement: { posted: number, postedAmount: string, skipped: number, failed: number, alreadyImported: number, rows: Array<{ line: number, outcome: BankStatementImportOutcome, message: string, transactionId: string | null }> } };

export type ConsoleLoginMutationVariables = Exact<{
  input: LoginInput;
}>;


export type ConsoleLoginMutation = { login: { token: string, expiresAt: string } };

export type ConsolePortfolioSummaryQueryVariables = Exact<{
  from?: string | null | undefined;
  asOf?: string | null | undefined;
}>;


export type ConsolePortfolioSummaryQuery = { portfolioSummary: { currency: string, snapshotDate: string | null, grossPortfolio: string, activeLoans: number, activeBorrowers: number, par1Ratio: string | null, par30Ratio: string | null, par90Ratio: string | null, nplRatio: string | null, writeOffRatio: string | null, portfolioYield: string | null, operationalSelfSufficiency: string | null, disbursedAmount: string, disbursedCount: number, averageLoanSize: string | null, repeatBorrowerShare: string | null, recoveries: string } };

export type ConsoleChartQueryVariables = Exact<{
  kind: ChartKind;
  args?: ChartArgs | null | undefined;
}>;


export type ConsoleChartQuery = { chart: { kind: ChartKind, title: string, svg: string } };

export type ConsoleCreateProductMutationVariables = Exact<{
  code: string;
  input: LoanProductTermsInput;
}>;


export type ConsoleCreateProductMutation = { createLoanProduct: { id: string, code: string, currentVersion: number } };

export type ConsoleProductsQueryVariables = Exact<{
  search?: string | null | undefined;
}>;


export type ConsoleProductsQuery = { loanProducts: { nodes: Array<{ id: string, code: string, name: string, segment: Segment, currency: string, status: LoanProductStatus, currentVersion: number }> } };

export type ConsoleProductTermsQueryVariables = Exact<{
  id: string | number;
}>;


export type ConsoleProductTermsQuery = { loanProduct: { id: string, code: string, currentVersion: number, terms: { name: string, description: string | null, segment: Segment, currency: string, amountMin: string, amountMax: string, termMin: number, termMax: number, frequencies: Array<Frequency>, amortization: Amortization, dayCount: DayCount, penaltyAnnualRate: string | null, overpaymentPolicy: OverpaymentPolicy | null, graceOnInterestPeriods: number | null, graceOnPrincipalPeriods: number | null, allocationOrder: Array<AllocationBucket> | null, rounding: { decimals: number, mode: RoundingMode, installmentMultipleOf: string | null }, rateBands: Array<{ grade: string, annualRate: string, feeDiscount: string | null }>, segmentOverrides: Array<{ segment: Segment, grade: string | null, annualRate: string | null, feeDiscount: string | null }> | null, fees: Array<{ kind: FeeKind, name: string, chargeType: ChargeType, amount: string | null, rate: string | null, treatment: UpfrontFeeTreatment | null, graceDays: number | null }> | null, delinquencyBuckets: Array<{ name: string, minDpd: number, maxDpd: number | null }> | null, collateral: Array<{ kind: CollateralKind, maxLtv: string | null }> | null, creditLine: { limitMin: string, limitMax: string, validityMonths: number } | null, accountMapping: Array<{ role: string, account: string }> | null } } };

export type ConsoleReviseProductMutationVariables = Exact<{
  id: string | number;
  input: LoanProductTermsInput;
}>;


export type ConsoleReviseProductMutation = { reviseLoanProduct: { id: string, currentVersion: number } };

export type ConsoleProductVersionsQueryVariables = Exact<{
  id: string | number;
}>;


export type ConsoleProductVersionsQuery = { loanProduct: { id: string, code: string, name: string, currency: string, versions: Array<{ version: number, createdAt: string, maxApr: string | null, terms: { amountMin: string, amountMax: string, termMin: number, termMax: number, frequencies: Array<Frequency>, amortization: Amortization, dayCount: DayCount, rateBands: Array<{ grade: string, annualRate: string }> } }> } };

export type ConsoleSchedulePreviewQueryVariables = Exact<{
  input: SchedulePreviewInput;
}>;


export type ConsoleSchedulePreviewQuery = { previewSchedule: { currency: string, apr: string, totalInterest: string, totalFees: string, totalPayable: string, netDisbursement: string, capCheck: { apr: string, cap: string, withinCap: boolean, description: string } | null, installments: Array<{ number: number, dueDate: string, principal: string, interest: string, fees: string, total: string, balance: string }> } };

export type ConsoleApiKeysQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleApiKeysQuery = { apiKeys: { nodes: Array<{ id: string, name: string, prefix: string, role: Role, active: boolean, createdAt: string, lastUsedAt: string | null, expiresAt: string | null, revokedAt: string | null }> } };

export type ConsoleCreateApiKeyMutationVariables = Exact<{
  input: CreateApiKeyInput;
}>;


export type ConsoleCreateApiKeyMutation = { createApiKey: { secret: string, apiKey: { id: string } } };

export type ConsoleRevokeApiKeyMutationVariables = Exact<{
  id: string | number;
}>;


export type ConsoleRevokeApiKeyMutation = { revokeApiKey: { id: string, active: boolean } };

export type ConsoleAuditLogQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleAuditLogQuery = { auditLog: { nodes: Array<{ id: string, seq: number, occurredAt: string, action: string, entityType: string, entityId: string, actorType: string, actorUser: { fullName: string } | null }> } };

export type ConsoleVerifyAuditMutationVariables = Exact<{ [key: string]: never; }>;


export type ConsoleVerifyAuditMutation = { verifyAuditLog: { id: string, state: AuditVerificationState } };

export type ConsoleAuditVerificationQueryVariables = Exact<{
  id: string | number;
}>;


export type ConsoleAuditVerificationQuery = { auditVerification: { id: string, state: AuditVerificationState, ok: boolean | null, checked: number | null, breaks: Array<{ lane: number, seq: number, reason: string, detail: string }> } };

export type ConsoleCobRunsQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleCobRunsQuery = { cobRuns: unknown };

export type ConsoleRunCobMutationVariables = Exact<{
  date: string;
}>;


export type ConsoleRunCobMutation = { runCloseOfBusiness: string };

export type ConsoleStaffQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleStaffQuery = { staffUsers: { nodes: Array<{ id: string, email: string, fullName: string, roles: Array<Role>, status: StaffUserStatus, lastLoginAt: string | null }> } };

export type ConsoleCreateStaffMutationVariables = Exact<{
  input: CreateStaffUserInput;
}>;


export type ConsoleCreateStaffMutation = { createStaffUser: { id: string } };

export type ConsoleSetStaffRolesMutationVariables = Exact<{
  id: string | number;
  roles: Array<Role> | Role;
}>;


export type ConsoleSetStaffRolesMutation = { setStaffUserRoles: { id: string, roles: Array<Role> } };

export type ConsoleSetStaffStatusMutationVariables = Exact<{
  id: string | number;
  status: StaffUserStatus;
}>;


export type ConsoleSetStaffStatusMutation = { setStaffUserStatus: { id: string, status: StaffUserStatus } };

export type ConsoleWebhooksQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleWebhooksQuery = { webhookEndpoints: Array<{ id: string, url: string, description: string | null, eventTypes: Array<string>, status: WebhookEndpointStatus, consecutiveFailures: number, disabledReason: string | null }> };

export type ConsoleWebhookDeliveriesQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleWebhookDeliveriesQuery = { webhookDeliveries: { nodes: Array<{ id: string, eventType: string, status: WebhookDeliveryStatus, attempts: number, lastStatusCode: number | null, lastError: string | null, createdAt: string, deliveredAt: string | null, nextAttemptAt: string | null }> } };

export type ConsoleCreateWebhookMutationVariables = Exact<{
  input: WebhookEndpointInput;
}>;


export type ConsoleCreateWebhookMutation = { createWebhookEndpoint: { signingSecret: string, endpoint: { id: string } } };

export type ConsoleReplayDeliveryMutationVariables = Exact<{
  id: string | number;
}>;


export type ConsoleReplayDeliveryMutation = { replayWebhookDelivery: { id: string, status: WebhookDeliveryStatus } };

export type ConsoleViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleViewerQuery = { viewer: { roles: Array<Role>, tenant: { name: string, slug: string, locale: string, baseCurrency: string, timezone: string } | null } };


export const ConsoleCommissionStatementsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleCommissionStatements"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"commissionStatements"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agentId"}},{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"opening"}},{"kind":"Field","name":{"kind":"Name","value":"earned"}},{"kind":"Field","name":{"kind":"Name","value":"clawedBack"}},{"kind":"Field","name":{"kind":"Name","value":"heldBack"}},{"kind":"Field","name":{"kind":"Name","value":"released"}},{"kind":"Field","name":{"kind":"Name","value":"paid"}},{"kind":"Field","name":{"kind":"Name","value":"closing"}},{"kind":"Field","name":{"kind":"Name","value":"closed"}}]}},{"kind":"Field","name":{"kind":"Name","value":"agents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleCommissionStatementsQuery, ConsoleCommissionStatementsQueryVariables>;
export const ConsoleCommissionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleCommissions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"commissions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"agentId"}},{"kind":"Field","name":{"kind":"Name","value":"loanId"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"held"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"businessDate"}},{"kind":"Field","name":{"kind":"Name","value":"planCode"}},{"kind":"Field","name":{"kind":"Name","value":"planVersion"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleCommissionsQuery, ConsoleCommissionsQueryVariables>;
export const ConsoleAgentsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleAgents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"parentId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"kycStatus"}},{"kind":"Field","name":{"kind":"Name","value":"agreementSignedAt"}},{"kind":"Field","name":{"kind":"Name","value":"referralCode"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleAgentsQuery, ConsoleAgentsQueryVariables>;
export const ConsoleAgentPerformanceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleAgentPerformance"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agentPerformance"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}},{"kind":"Argument","name":{"kind":"Name","value":"groupBy"},"value":{"kind":"EnumValue","value":"AGENT"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rows"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"leads"}},{"kind":"Field","name":{"kind":"Name","value":"applications"}},{"kind":"Field","name":{"kind":"Name","value":"approvalRate"}},{"kind":"Field","name":{"kind":"Name","value":"disbursedCount"}},{"kind":"Field","name":{"kind":"Name","value":"disbursedAmount"}},{"kind":"Field","name":{"kind":"Name","value":"outstanding"}},{"kind":"Field","name":{"kind":"Name","value":"par30"}},{"kind":"Field","name":{"kind":"Name","value":"firstPaymentDefaultRate"}},{"kind":"Field","name":{"kind":"Name","value":"commissionCost"}},{"kind":"Field","name":{"kind":"Name","value":"commissionCostPerUnit"}},{"kind":"Field","name":{"kind":"Name","value":"medianHoursToDisburse"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tenant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"leads"}},{"kind":"Field","name":{"kind":"Name","value":"applications"}},{"kind":"Field","name":{"kind":"Name","value":"approvalRate"}},{"kind":"Field","name":{"kind":"Name","value":"disbursedCount"}},{"kind":"Field","name":{"kind":"Name","value":"disbursedAmount"}},{"kind":"Field","name":{"kind":"Name","value":"outstanding"}},{"kind":"Field","name":{"kind":"Name","value":"par30"}},{"kind":"Field","name":{"kind":"Name","value":"firstPaymentDefaultRate"}},{"kind":"Field","name":{"kind":"Name","value":"commissionCost"}},{"kind":"Field","name":{"kind":"Name","value":"commissionCostPerUnit"}},{"kind":"Field","name":{"kind":"Name","value":"medianHoursToDisburse"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleAgentPerformanceQuery, ConsoleAgentPerformanceQueryVariables>;
export const ConsoleAcceptOfferDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleAcceptOffer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"acceptOffer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"applicationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<ConsoleAcceptOfferMutation, ConsoleAcceptOfferMutationVariables>;
export const ConsoleSignContractDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleSignContract"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"hash"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signContract"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"applicationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"signerName"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}},{"kind":"Argument","name":{"kind":"Name","value":"documentHash"},"value":{"kind":"Variable","name":{"kind":"Name","value":"hash"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<ConsoleSignContractMutation, ConsoleSignContractMutationVariables>;
export const ConsoleDisburseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleDisburse"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"key"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"disburseLoan"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"applicationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"idempotencyKey"},"value":{"kind":"Variable","name":{"kind":"Name","value":"key"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<ConsoleDisburseMutation, ConsoleDisburseMutationVariables>;
export const ConsoleApplicationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleApplication"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"application"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAmount"}},{"kind":"Field","name":{"kind":"Name","value":"termCount"}},{"kind":"Field","name":{"kind":"Name","value":"frequency"}},{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"riskGrade"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"statusEnteredAt"}},{"kind":"Field","name":{"kind":"Name","value":"loanId"}},{"kind":"Field","name":{"kind":"Name","value":"borrowerId"}},{"kind":"Field","name":{"kind":"Name","value":"agentId"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"decision"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"decidedAt"}},{"kind":"Field","name":{"kind":"Name","value":"reasons"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}},{"kind":"Field","name":{"kind":"Name","value":"checks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"rules"}},{"kind":"Field","name":{"kind":"Name","value":"appetite"}},{"kind":"Field","name":{"kind":"Name","value":"price"}},{"kind":"Field","name":{"kind":"Name","value":"tier"}}]}},{"kind":"Field","name":{"kind":"Name","value":"votes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"voterName"}},{"kind":"Field","name":{"kind":"Name","value":"vote"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}},{"kind":"Field","name":{"kind":"Name","value":"offer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"annualRate"}},{"kind":"Field","name":{"kind":"Name","value":"apr"}},{"kind":"Field","name":{"kind":"Name","value":"totalInterest"}},{"kind":"Field","name":{"kind":"Name","value":"totalCost"}},{"kind":"Field","name":{"kind":"Name","value":"totalPayable"}},{"kind":"Field","name":{"kind":"Name","value":"netDisbursement"}},{"kind":"Field","name":{"kind":"Name","value":"validUntil"}},{"kind":"Field","name":{"kind":"Name","value":"grade"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"principal"}},{"kind":"Field","name":{"kind":"Name","value":"interest"}},{"kind":"Field","name":{"kind":"Name","value":"fees"}},{"kind":"Field","name":{"kind":"Name","value":"total"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"contract"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sha256"}},{"kind":"Field","name":{"kind":"Name","value":"templateVersion"}},{"kind":"Field","name":{"kind":"Name","value":"text"}}]}},{"kind":"Field","name":{"kind":"Name","value":"signature"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signerName"}},{"kind":"Field","name":{"kind":"Name","value":"signedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"events"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seq"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"fromStatus"}},{"kind":"Field","name":{"kind":"Name","value":"toStatus"}},{"kind":"Field","name":{"kind":"Name","value":"actorType"}},{"kind":"Field","name":{"kind":"Name","value":"note"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleApplicationQuery, ConsoleApplicationQueryVariables>;
export const ConsoleApplicationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleApplications"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ApplicationStatus"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"slaBreached"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"applications"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}},{"kind":"Argument","name":{"kind":"Name","value":"slaBreached"},"value":{"kind":"Variable","name":{"kind":"Name","value":"slaBreached"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAmount"}},{"kind":"Field","name":{"kind":"Name","value":"termCount"}},{"kind":"Field","name":{"kind":"Name","value":"frequency"}},{"kind":"Field","name":{"kind":"Name","value":"riskGrade"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"statusEnteredAt"}},{"kind":"Field","name":{"kind":"Name","value":"offer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleApplicationsQuery, ConsoleApplicationsQueryVariables>;
export const ConsoleVoteDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleVote"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"vote"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Vote"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"comment"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"voteOnApplication"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"vote"},"value":{"kind":"Variable","name":{"kind":"Name","value":"vote"}}},{"kind":"Argument","name":{"kind":"Name","value":"comment"},"value":{"kind":"Variable","name":{"kind":"Name","value":"comment"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"votes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleVoteMutation, ConsoleVoteMutationVariables>;
export const ConsolePendingApprovalsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsolePendingApprovals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pendingApprovals"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"operation"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"makerType"}},{"kind":"Field","name":{"kind":"Name","value":"makerId"}},{"kind":"Field","name":{"kind":"Name","value":"approverRoles"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"arguments"}}]}}]}}]}}]} as unknown as DocumentNode<ConsolePendingApprovalsQuery, ConsolePendingApprovalsQueryVariables>;
export const ConsoleApproveRequestDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleApproveRequest"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"note"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"approveRequest"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"note"},"value":{"kind":"Variable","name":{"kind":"Name","value":"note"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"error"}}]}}]}}]} as unknown as DocumentNode<ConsoleApproveRequestMutation, ConsoleApproveRequestMutationVariables>;
export const ConsoleRejectRequestDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleRejectRequest"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rejectRequest"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<ConsoleRejectRequestMutation, ConsoleRejectRequestMutationVariables>;
export const ConsoleCaseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleCase"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"collectionCase"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"stageName"}},{"kind":"Field","name":{"kind":"Name","value":"dpd"}},{"kind":"Field","name":{"kind":"Name","value":"amountOverdue"}},{"kind":"Field","name":{"kind":"Name","value":"openedOn"}},{"kind":"Field","name":{"kind":"Name","value":"stageEnteredOn"}},{"kind":"Field","name":{"kind":"Name","value":"brokenPromises"}},{"kind":"Field","name":{"kind":"Name","value":"pausedUntil"}},{"kind":"Field","name":{"kind":"Name","value":"assigneeId"}},{"kind":"Field","name":{"kind":"Name","value":"policyCode"}},{"kind":"Field","name":{"kind":"Name","value":"policyVersion"}},{"kind":"Field","name":{"kind":"Name","value":"loanId"}},{"kind":"Field","name":{"kind":"Name","value":"borrower"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fullName"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"locale"}}]}},{"kind":"Field","name":{"kind":"Name","value":"borrowerClock"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"localTime"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}}]}},{"kind":"Field","name":{"kind":"Name","value":"loan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"balances"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"outstanding"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"total"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"contacts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"contactedParty"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"automatic"}}]}},{"kind":"Field","name":{"kind":"Name","value":"promises"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"promisedOn"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"paid"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"settlement"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"payBy"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"paid"}},{"kind":"Field","name":{"kind":"Name","value":"remaining"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleCaseQuery, ConsoleCaseQueryVariables>;
export const ConsoleMyQueueDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleMyQueue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"myCollectionQueue"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"stageName"}},{"kind":"Field","name":{"kind":"Name","value":"dpd"}},{"kind":"Field","name":{"kind":"Name","value":"amountOverdue"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}},{"kind":"Field","name":{"kind":"Name","value":"brokenPromises"}},{"kind":"Field","name":{"kind":"Name","value":"openedOn"}},{"kind":"Field","name":{"kind":"Name","value":"loan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"borrower"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fullName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"borrowerClock"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"localTime"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleMyQueueQuery, ConsoleMyQueueQueryVariables>;
export const ConsoleOpenCasesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleOpenCases"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"collectionCases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"EnumValue","value":"OPEN"}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"stageName"}},{"kind":"Field","name":{"kind":"Name","value":"dpd"}},{"kind":"Field","name":{"kind":"Name","value":"amountOverdue"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}},{"kind":"Field","name":{"kind":"Name","value":"brokenPromises"}},{"kind":"Field","name":{"kind":"Name","value":"openedOn"}},{"kind":"Field","name":{"kind":"Name","value":"loan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"borrower"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fullName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"borrowerClock"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"localTime"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleOpenCasesQuery, ConsoleOpenCasesQueryVariables>;
export const ConsoleLogContactDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleLogContact"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CollectionContactInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"logCollectionContact"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<ConsoleLogContactMutation, ConsoleLogContactMutationVariables>;
export const ConsolePromiseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsolePromise"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PromiseToPayInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordPromiseToPay"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<ConsolePromiseMutation, ConsolePromiseMutationVariables>;
export const ConsoleOfferSettlementDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleOfferSettlement"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"OfferSettlementInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"offerSettlement"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"payBy"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"discount"}}]}}]}}]} as unknown as DocumentNode<ConsoleOfferSettlementMutation, ConsoleOfferSettlementMutationVariables>;
export const ConsoleDecisionConfigsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleDecisionConfigs"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kind"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DecisionConfigKind"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"decisionConfigs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kind"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"activatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"definition"}}]}}]}}]} as unknown as DocumentNode<ConsoleDecisionConfigsQuery, ConsoleDecisionConfigsQueryVariables>;
export const ConsoleSaveScorecardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleSaveScorecard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"definition"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"JSON"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"saveScorecard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}},{"kind":"Argument","name":{"kind":"Name","value":"definition"},"value":{"kind":"Variable","name":{"kind":"Name","value":"definition"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<ConsoleSaveScorecardMutation, ConsoleSaveScorecardMutationVariables>;
export const ConsoleSaveRuleSetDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleSaveRuleSet"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"definition"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"JSON"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"saveRuleSet"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}},{"kind":"Argument","name":{"kind":"Name","value":"definition"},"value":{"kind":"Variable","name":{"kind":"Name","value":"definition"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<ConsoleSaveRuleSetMutation, ConsoleSaveRuleSetMutationVariables>;
export const ConsoleActivateDecisionConfigDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleActivateDecisionConfig"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"activateDecisionConfig"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<ConsoleActivateDecisionConfigMutation, ConsoleActivateDecisionConfigMutationVariables>;
export const ConsoleSimulateDecisionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleSimulateDecision"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"scorecardId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ruleSetId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"simulateDecision"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"scorecardId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"scorecardId"}}},{"kind":"Argument","name":{"kind":"Name","value":"ruleSetId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ruleSetId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"applications"}},{"kind":"Field","name":{"kind":"Name","value":"current"}},{"kind":"Field","name":{"kind":"Name","value":"draft"}},{"kind":"Field","name":{"kind":"Name","value":"changed"}}]}}]}}]} as unknown as DocumentNode<ConsoleSimulateDecisionQuery, ConsoleSimulateDecisionQueryVariables>;
export const ConsoleOriginationPoliciesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleOriginationPolicies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"originationPolicies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"riskAppetite"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"dimension"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"maxAmount"}},{"kind":"Field","name":{"kind":"Name","value":"maxShare"}},{"kind":"Field","name":{"kind":"Name","value":"action"}}]}},{"kind":"Field","name":{"kind":"Name","value":"approvalTiers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"minAmount"}},{"kind":"Field","name":{"kind":"Name","value":"maxAmount"}},{"kind":"Field","name":{"kind":"Name","value":"grades"}},{"kind":"Field","name":{"kind":"Name","value":"productCodes"}},{"kind":"Field","name":{"kind":"Name","value":"group"}},{"kind":"Field","name":{"kind":"Name","value":"quorum"}},{"kind":"Field","name":{"kind":"Name","value":"deadlineHours"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleOriginationPoliciesQuery, ConsoleOriginationPoliciesQueryVariables>;
export const ConsoleSetLimitsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleSetLimits"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"limits"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RiskAppetiteLimitInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setRiskAppetiteLimits"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"limits"},"value":{"kind":"Variable","name":{"kind":"Name","value":"limits"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<ConsoleSetLimitsMutation, ConsoleSetLimitsMutationVariables>;
export const ConsoleSetTiersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleSetTiers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tiers"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ApprovalTierInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setApprovalTiers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"tiers"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tiers"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<ConsoleSetTiersMutation, ConsoleSetTiersMutationVariables>;
export const ConsoleWaiveDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleWaive"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"loanId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kind"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"WaiverKind"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"amount"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Decimal"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"waive"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"loanId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"loanId"}}},{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kind"}}},{"kind":"Argument","name":{"kind":"Name","value":"amount"},"value":{"kind":"Variable","name":{"kind":"Name","value":"amount"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<ConsoleWaiveMutation, ConsoleWaiveMutationVariables>;
export const ConsoleWriteOffDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleWriteOff"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"loanId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"writeOffLoan"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"loanId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"loanId"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<ConsoleWriteOffMutation, ConsoleWriteOffMutationVariables>;
export const ConsoleLoanDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleLoan"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"loan"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"principal"}},{"kind":"Field","name":{"kind":"Name","value":"netDisbursed"}},{"kind":"Field","name":{"kind":"Name","value":"annualRate"}},{"kind":"Field","name":{"kind":"Name","value":"apr"}},{"kind":"Field","name":{"kind":"Name","value":"dpd"}},{"kind":"Field","name":{"kind":"Name","value":"bucket"}},{"kind":"Field","name":{"kind":"Name","value":"nextDueDate"}},{"kind":"Field","name":{"kind":"Name","value":"disbursedAt"}},{"kind":"Field","name":{"kind":"Name","value":"borrowerId"}},{"kind":"Field","name":{"kind":"Name","value":"applicationId"}},{"kind":"Field","name":{"kind":"Name","value":"restructuredFrom"}},{"kind":"Field","name":{"kind":"Name","value":"restructuredInto"}},{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"Field","name":{"kind":"Name","value":"balances"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"credit"}},{"kind":"Field","name":{"kind":"Name","value":"outstanding"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"principal"}},{"kind":"Field","name":{"kind":"Name","value":"interest"}},{"kind":"Field","name":{"kind":"Name","value":"fees"}},{"kind":"Field","name":{"kind":"Name","value":"penalties"}},{"kind":"Field","name":{"kind":"Name","value":"total"}}]}},{"kind":"Field","name":{"kind":"Name","value":"overdue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"total"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"schedule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"principalDue"}},{"kind":"Field","name":{"kind":"Name","value":"principalPaid"}},{"kind":"Field","name":{"kind":"Name","value":"interestDue"}},{"kind":"Field","name":{"kind":"Name","value":"interestPaid"}},{"kind":"Field","name":{"kind":"Name","value":"feesDue"}},{"kind":"Field","name":{"kind":"Name","value":"feesPaid"}},{"kind":"Field","name":{"kind":"Name","value":"penaltyDue"}},{"kind":"Field","name":{"kind":"Name","value":"penaltyPaid"}},{"kind":"Field","name":{"kind":"Name","value":"unpaid"}},{"kind":"Field","name":{"kind":"Name","value":"paidOn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"transactions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"seq"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"effectiveDate"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"reference"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reversalReason"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleLoanQuery, ConsoleLoanQueryVariables>;
export const ConsoleLoanJournalDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleLoanJournal"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"loan"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"journal"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"businessDate"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"reference"}},{"kind":"Field","name":{"kind":"Name","value":"lines"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleLoanJournalQuery, ConsoleLoanJournalQueryVariables>;
export const ConsoleLoansDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleLoans"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"LoanStatus"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"dpdMin"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"borrowerId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"loans"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}},{"kind":"Argument","name":{"kind":"Name","value":"dpdMin"},"value":{"kind":"Variable","name":{"kind":"Name","value":"dpdMin"}}},{"kind":"Argument","name":{"kind":"Name","value":"borrowerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"borrowerId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"principal"}},{"kind":"Field","name":{"kind":"Name","value":"disbursedAt"}},{"kind":"Field","name":{"kind":"Name","value":"dpd"}},{"kind":"Field","name":{"kind":"Name","value":"bucket"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"nextDueDate"}},{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleLoansQuery, ConsoleLoansQueryVariables>;
export const ConsoleLoanStatementDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleLoanStatement"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"loanStatement"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"loanId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"creditAtOpen"}},{"kind":"Field","name":{"kind":"Name","value":"creditAtClose"}},{"kind":"Field","name":{"kind":"Name","value":"opening"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"principal"}},{"kind":"Field","name":{"kind":"Name","value":"interest"}},{"kind":"Field","name":{"kind":"Name","value":"fees"}},{"kind":"Field","name":{"kind":"Name","value":"penalties"}},{"kind":"Field","name":{"kind":"Name","value":"total"}}]}},{"kind":"Field","name":{"kind":"Name","value":"closing"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"principal"}},{"kind":"Field","name":{"kind":"Name","value":"interest"}},{"kind":"Field","name":{"kind":"Name","value":"fees"}},{"kind":"Field","name":{"kind":"Name","value":"penalties"}},{"kind":"Field","name":{"kind":"Name","value":"total"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"change"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"principal"}},{"kind":"Field","name":{"kind":"Name","value":"interest"}},{"kind":"Field","name":{"kind":"Name","value":"fees"}},{"kind":"Field","name":{"kind":"Name","value":"penalties"}},{"kind":"Field","name":{"kind":"Name","value":"total"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleLoanStatementQuery, ConsoleLoanStatementQueryVariables>;
export const ConsoleReverseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleReverse"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reverseTransaction"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<ConsoleReverseMutation, ConsoleReverseMutationVariables>;
export const ConsolePayoffQuoteDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsolePayoffQuote"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"asOf"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"payoffQuote"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"loanId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"asOf"},"value":{"kind":"Variable","name":{"kind":"Name","value":"asOf"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"asOf"}},{"kind":"Field","name":{"kind":"Name","value":"principal"}},{"kind":"Field","name":{"kind":"Name","value":"interest"}},{"kind":"Field","name":{"kind":"Name","value":"accruedInterest"}},{"kind":"Field","name":{"kind":"Name","value":"fees"}},{"kind":"Field","name":{"kind":"Name","value":"penalties"}},{"kind":"Field","name":{"kind":"Name","value":"prepaymentFee"}},{"kind":"Field","name":{"kind":"Name","value":"credit"}},{"kind":"Field","name":{"kind":"Name","value":"total"}}]}}]}}]} as unknown as DocumentNode<ConsolePayoffQuoteQuery, ConsolePayoffQuoteQueryVariables>;
export const ConsoleSettleLoanDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleSettleLoan"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SettleLoanInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"settleLoan"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"transactionId"}}]}}]}}]} as unknown as DocumentNode<ConsoleSettleLoanMutation, ConsoleSettleLoanMutationVariables>;
export const ConsoleRecordRepaymentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleRecordRepayment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RecordRepaymentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordRepayment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"transactionId"}},{"kind":"Field","name":{"kind":"Name","value":"allocation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"principal"}},{"kind":"Field","name":{"kind":"Name","value":"interest"}},{"kind":"Field","name":{"kind":"Name","value":"fees"}},{"kind":"Field","name":{"kind":"Name","value":"penalties"}},{"kind":"Field","name":{"kind":"Name","value":"toCredit"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleRecordRepaymentMutation, ConsoleRecordRepaymentMutationVariables>;
export const ConsoleRestructureDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleRestructure"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RestructureLoanInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"restructureLoan"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"restructuredInto"}}]}}]}}]} as unknown as DocumentNode<ConsoleRestructureMutation, ConsoleRestructureMutationVariables>;
export const ConsoleStatementPreviewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleStatementPreview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"csv"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"previewBankStatement"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"csv"},"value":{"kind":"Variable","name":{"kind":"Name","value":"csv"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sha256"}},{"kind":"Field","name":{"kind":"Name","value":"totals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rows"}},{"kind":"Field","name":{"kind":"Name","value":"matched"}},{"kind":"Field","name":{"kind":"Name","value":"matchedAmount"}},{"kind":"Field","name":{"kind":"Name","value":"unmatched"}},{"kind":"Field","name":{"kind":"Name","value":"duplicate"}},{"kind":"Field","name":{"kind":"Name","value":"invalid"}},{"kind":"Field","name":{"kind":"Name","value":"alreadyImported"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rows"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"line"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"reference"}},{"kind":"Field","name":{"kind":"Name","value":"payer"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"loanId"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleStatementPreviewQuery, ConsoleStatementPreviewQueryVariables>;
export const ConsoleStatementImportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleStatementImport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ImportBankStatementInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"importBankStatement"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"posted"}},{"kind":"Field","name":{"kind":"Name","value":"postedAmount"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"alreadyImported"}},{"kind":"Field","name":{"kind":"Name","value":"rows"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"line"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"transactionId"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleStatementImportMutation, ConsoleStatementImportMutationVariables>;
export const ConsoleLoginDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleLogin"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LoginInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}}]} as unknown as DocumentNode<ConsoleLoginMutation, ConsoleLoginMutationVariables>;
export const ConsolePortfolioSummaryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsolePortfolioSummary"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"asOf"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"portfolioSummary"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"asOf"},"value":{"kind":"Variable","name":{"kind":"Name","value":"asOf"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"snapshotDate"}},{"kind":"Field","name":{"kind":"Name","value":"grossPortfolio"}},{"kind":"Field","name":{"kind":"Name","value":"activeLoans"}},{"kind":"Field","name":{"kind":"Name","value":"activeBorrowers"}},{"kind":"Field","name":{"kind":"Name","value":"par1Ratio"}},{"kind":"Field","name":{"kind":"Name","value":"par30Ratio"}},{"kind":"Field","name":{"kind":"Name","value":"par90Ratio"}},{"kind":"Field","name":{"kind":"Name","value":"nplRatio"}},{"kind":"Field","name":{"kind":"Name","value":"writeOffRatio"}},{"kind":"Field","name":{"kind":"Name","value":"portfolioYield"}},{"kind":"Field","name":{"kind":"Name","value":"operationalSelfSufficiency"}},{"kind":"Field","name":{"kind":"Name","value":"disbursedAmount"}},{"kind":"Field","name":{"kind":"Name","value":"disbursedCount"}},{"kind":"Field","name":{"kind":"Name","value":"averageLoanSize"}},{"kind":"Field","name":{"kind":"Name","value":"repeatBorrowerShare"}},{"kind":"Field","name":{"kind":"Name","value":"recoveries"}}]}}]}}]} as unknown as DocumentNode<ConsolePortfolioSummaryQuery, ConsolePortfolioSummaryQueryVariables>;
export const ConsoleChartDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleChart"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kind"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ChartKind"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"args"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ChartArgs"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"chart"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kind"}}},{"kind":"Argument","name":{"kind":"Name","value":"args"},"value":{"kind":"Variable","name":{"kind":"Name","value":"args"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"svg"}}]}}]}}]} as unknown as DocumentNode<ConsoleChartQuery, ConsoleChartQueryVariables>;
export const ConsoleCreateProductDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleCreateProduct"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LoanProductTermsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createLoanProduct"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"code"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"currentVersion"}}]}}]}}]} as unknown as DocumentNode<ConsoleCreateProductMutation, ConsoleCreateProductMutationVariables>;
export const ConsoleProductsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleProducts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"loanProducts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"segment"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"currentVersion"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleProductsQuery, ConsoleProductsQueryVariables>;
export const ConsoleProductTermsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleProductTerms"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"loanProduct"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"currentVersion"}},{"kind":"Field","name":{"kind":"Name","value":"terms"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"segment"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"amountMin"}},{"kind":"Field","name":{"kind":"Name","value":"amountMax"}},{"kind":"Field","name":{"kind":"Name","value":"termMin"}},{"kind":"Field","name":{"kind":"Name","value":"termMax"}},{"kind":"Field","name":{"kind":"Name","value":"frequencies"}},{"kind":"Field","name":{"kind":"Name","value":"amortization"}},{"kind":"Field","name":{"kind":"Name","value":"dayCount"}},{"kind":"Field","name":{"kind":"Name","value":"penaltyAnnualRate"}},{"kind":"Field","name":{"kind":"Name","value":"overpaymentPolicy"}},{"kind":"Field","name":{"kind":"Name","value":"graceOnInterestPeriods"}},{"kind":"Field","name":{"kind":"Name","value":"graceOnPrincipalPeriods"}},{"kind":"Field","name":{"kind":"Name","value":"allocationOrder"}},{"kind":"Field","name":{"kind":"Name","value":"rounding"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"decimals"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"installmentMultipleOf"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rateBands"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"grade"}},{"kind":"Field","name":{"kind":"Name","value":"annualRate"}},{"kind":"Field","name":{"kind":"Name","value":"feeDiscount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"segmentOverrides"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"segment"}},{"kind":"Field","name":{"kind":"Name","value":"grade"}},{"kind":"Field","name":{"kind":"Name","value":"annualRate"}},{"kind":"Field","name":{"kind":"Name","value":"feeDiscount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fees"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"chargeType"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"rate"}},{"kind":"Field","name":{"kind":"Name","value":"treatment"}},{"kind":"Field","name":{"kind":"Name","value":"graceDays"}}]}},{"kind":"Field","name":{"kind":"Name","value":"delinquencyBuckets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"minDpd"}},{"kind":"Field","name":{"kind":"Name","value":"maxDpd"}}]}},{"kind":"Field","name":{"kind":"Name","value":"collateral"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"maxLtv"}}]}},{"kind":"Field","name":{"kind":"Name","value":"creditLine"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"limitMin"}},{"kind":"Field","name":{"kind":"Name","value":"limitMax"}},{"kind":"Field","name":{"kind":"Name","value":"validityMonths"}}]}},{"kind":"Field","name":{"kind":"Name","value":"accountMapping"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"account"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleProductTermsQuery, ConsoleProductTermsQueryVariables>;
export const ConsoleReviseProductDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleReviseProduct"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LoanProductTermsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reviseLoanProduct"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"currentVersion"}}]}}]}}]} as unknown as DocumentNode<ConsoleReviseProductMutation, ConsoleReviseProductMutationVariables>;
export const ConsoleProductVersionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleProductVersions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"loanProduct"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"versions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"maxApr"}},{"kind":"Field","name":{"kind":"Name","value":"terms"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amountMin"}},{"kind":"Field","name":{"kind":"Name","value":"amountMax"}},{"kind":"Field","name":{"kind":"Name","value":"termMin"}},{"kind":"Field","name":{"kind":"Name","value":"termMax"}},{"kind":"Field","name":{"kind":"Name","value":"frequencies"}},{"kind":"Field","name":{"kind":"Name","value":"amortization"}},{"kind":"Field","name":{"kind":"Name","value":"dayCount"}},{"kind":"Field","name":{"kind":"Name","value":"rateBands"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"grade"}},{"kind":"Field","name":{"kind":"Name","value":"annualRate"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleProductVersionsQuery, ConsoleProductVersionsQueryVariables>;
export const ConsoleSchedulePreviewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleSchedulePreview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SchedulePreviewInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"previewSchedule"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"apr"}},{"kind":"Field","name":{"kind":"Name","value":"totalInterest"}},{"kind":"Field","name":{"kind":"Name","value":"totalFees"}},{"kind":"Field","name":{"kind":"Name","value":"totalPayable"}},{"kind":"Field","name":{"kind":"Name","value":"netDisbursement"}},{"kind":"Field","name":{"kind":"Name","value":"capCheck"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apr"}},{"kind":"Field","name":{"kind":"Name","value":"cap"}},{"kind":"Field","name":{"kind":"Name","value":"withinCap"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}},{"kind":"Field","name":{"kind":"Name","value":"installments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"principal"}},{"kind":"Field","name":{"kind":"Name","value":"interest"}},{"kind":"Field","name":{"kind":"Name","value":"fees"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"balance"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleSchedulePreviewQuery, ConsoleSchedulePreviewQueryVariables>;
export const ConsoleApiKeysDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleApiKeys"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiKeys"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}},{"kind":"Argument","name":{"kind":"Name","value":"includeRevoked"},"value":{"kind":"BooleanValue","value":true}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"prefix"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleApiKeysQuery, ConsoleApiKeysQueryVariables>;
export const ConsoleCreateApiKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleCreateApiKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateApiKeyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createApiKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"secret"}},{"kind":"Field","name":{"kind":"Name","value":"apiKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleCreateApiKeyMutation, ConsoleCreateApiKeyMutationVariables>;
export const ConsoleRevokeApiKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleRevokeApiKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeApiKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"active"}}]}}]}}]} as unknown as DocumentNode<ConsoleRevokeApiKeyMutation, ConsoleRevokeApiKeyMutationVariables>;
export const ConsoleAuditLogDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleAuditLog"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"auditLog"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"seq"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"entityType"}},{"kind":"Field","name":{"kind":"Name","value":"entityId"}},{"kind":"Field","name":{"kind":"Name","value":"actorType"}},{"kind":"Field","name":{"kind":"Name","value":"actorUser"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fullName"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleAuditLogQuery, ConsoleAuditLogQueryVariables>;
export const ConsoleVerifyAuditDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleVerifyAudit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"verifyAuditLog"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}}]} as unknown as DocumentNode<ConsoleVerifyAuditMutation, ConsoleVerifyAuditMutationVariables>;
export const ConsoleAuditVerificationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleAuditVerification"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"auditVerification"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"checked"}},{"kind":"Field","name":{"kind":"Name","value":"breaks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"lane"}},{"kind":"Field","name":{"kind":"Name","value":"seq"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleAuditVerificationQuery, ConsoleAuditVerificationQueryVariables>;
export const ConsoleCobRunsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleCobRuns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cobRuns"}}]}}]} as unknown as DocumentNode<ConsoleCobRunsQuery, ConsoleCobRunsQueryVariables>;
export const ConsoleRunCobDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleRunCob"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"date"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runCloseOfBusiness"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"date"},"value":{"kind":"Variable","name":{"kind":"Name","value":"date"}}}]}]}}]} as unknown as DocumentNode<ConsoleRunCobMutation, ConsoleRunCobMutationVariables>;
export const ConsoleStaffDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleStaff"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"staffUsers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"lastLoginAt"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleStaffQuery, ConsoleStaffQueryVariables>;
export const ConsoleCreateStaffDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleCreateStaff"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateStaffUserInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createStaffUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<ConsoleCreateStaffMutation, ConsoleCreateStaffMutationVariables>;
export const ConsoleSetStaffRolesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleSetStaffRoles"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"roles"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Role"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setStaffUserRoles"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"roles"},"value":{"kind":"Variable","name":{"kind":"Name","value":"roles"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}}]}}]}}]} as unknown as DocumentNode<ConsoleSetStaffRolesMutation, ConsoleSetStaffRolesMutationVariables>;
export const ConsoleSetStaffStatusDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleSetStaffStatus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"StaffUserStatus"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setStaffUserStatus"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<ConsoleSetStaffStatusMutation, ConsoleSetStaffStatusMutationVariables>;
export const ConsoleWebhooksDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleWebhooks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"webhookEndpoints"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"eventTypes"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"consecutiveFailures"}},{"kind":"Field","name":{"kind":"Name","value":"disabledReason"}}]}}]}}]} as unknown as DocumentNode<ConsoleWebhooksQuery, ConsoleWebhooksQueryVariables>;
export const ConsoleWebhookDeliveriesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleWebhookDeliveries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"webhookDeliveries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"eventType"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"lastStatusCode"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"deliveredAt"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleWebhookDeliveriesQuery, ConsoleWebhookDeliveriesQueryVariables>;
export const ConsoleCreateWebhookDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleCreateWebhook"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"WebhookEndpointInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createWebhookEndpoint"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signingSecret"}},{"kind":"Field","name":{"kind":"Name","value":"endpoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleCreateWebhookMutation, ConsoleCreateWebhookMutationVariables>;
export const ConsoleReplayDeliveryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleReplayDelivery"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replayWebhookDelivery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<ConsoleReplayDeliveryMutation, ConsoleReplayDeliveryMutationVariables>;
export const ConsoleViewerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleViewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"roles"}},{"kind":"Field","name":{"kind":"Name","value":"tenant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"locale"}},{"kind":"Field","name":{"kind":"Name","value":"baseCurrency"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleViewerQuery, ConsoleViewerQueryVariables>;