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

export type ChargeType =
  | 'FLAT'
  | 'PERCENT';

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

export type LoginInput = {
  email: string;
  password: string;
  tenantSlug: string;
};

export type OverpaymentPolicy =
  | 'CREDIT'
  | 'REDUCE_INSTALLMENT'
  | 'REDUCE_TERM';

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

export type RateBandInput = {
  /** Nominal annual rate, a fraction. */
  annualRate: string;
  /** Discount on fees, a fraction ("0.25" = 25% off). */
  feeDiscount?: string | null | undefined;
  /** A risk grade, e.g. A..E. */
  grade: string;
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

/** DEDUCTED from the disbursement, FINANCED into principal, or PAID_UPFRONT. */
export type UpfrontFeeTreatment =
  | 'DEDUCTED'
  | 'FINANCED'
  | 'PAID_UPFRONT';

export type ConsoleLoginMutationVariables = Exact<{
  input: LoginInput;
}>;


export type ConsoleLoginMutation = { login: { token: string, expiresAt: string } };

export type ConsoleCreateProductMutationVariables = Exact<{
  code: string;
  input: LoanProductTermsInput;
}>;


export type ConsoleCreateProductMutation = { createLoanProduct: { id: string, code: string, currentVersion: number } };

export type ConsoleProductsQueryVariables = Exact<{
  search?: string | null | undefined;
}>;


export type ConsoleProductsQuery = { loanProducts: { nodes: Array<{ id: string, code: string, name: string, segment: Segment, currency: string, status: LoanProductStatus, currentVersion: number }> } };

export type ConsoleProductVersionsQueryVariables = Exact<{
  id: string | number;
}>;


export type ConsoleProductVersionsQuery = { loanProduct: { id: string, code: string, name: string, currency: string, versions: Array<{ version: number, createdAt: string, maxApr: string | null, terms: { amountMin: string, amountMax: string, termMin: number, termMax: number, frequencies: Array<Frequency>, amortization: Amortization, dayCount: DayCount, rateBands: Array<{ grade: string, annualRate: string }> } }> } };

export type ConsoleSchedulePreviewQueryVariables = Exact<{
  input: SchedulePreviewInput;
}>;


export type ConsoleSchedulePreviewQuery = { previewSchedule: { currency: string, apr: string, totalInterest: string, totalFees: string, totalPayable: string, netDisbursement: string, capCheck: { apr: string, cap: string, withinCap: boolean, description: string } | null, installments: Array<{ number: number, dueDate: string, principal: string, interest: string, fees: string, total: string, balance: string }> } };

export type ConsoleViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleViewerQuery = { viewer: { roles: Array<Role>, tenant: { name: string, slug: string, locale: string, baseCurrency: string, timezone: string } | null } };


export const ConsoleLoginDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleLogin"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LoginInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}}]} as unknown as DocumentNode<ConsoleLoginMutation, ConsoleLoginMutationVariables>;
export const ConsoleCreateProductDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleCreateProduct"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LoanProductTermsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createLoanProduct"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"code"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"currentVersion"}}]}}]}}]} as unknown as DocumentNode<ConsoleCreateProductMutation, ConsoleCreateProductMutationVariables>;
export const ConsoleProductsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleProducts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"loanProducts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"segment"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"currentVersion"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleProductsQuery, ConsoleProductsQueryVariables>;
export const ConsoleProductVersionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleProductVersions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"loanProduct"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"versions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"maxApr"}},{"kind":"Field","name":{"kind":"Name","value":"terms"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amountMin"}},{"kind":"Field","name":{"kind":"Name","value":"amountMax"}},{"kind":"Field","name":{"kind":"Name","value":"termMin"}},{"kind":"Field","name":{"kind":"Name","value":"termMax"}},{"kind":"Field","name":{"kind":"Name","value":"frequencies"}},{"kind":"Field","name":{"kind":"Name","value":"amortization"}},{"kind":"Field","name":{"kind":"Name","value":"dayCount"}},{"kind":"Field","name":{"kind":"Name","value":"rateBands"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"grade"}},{"kind":"Field","name":{"kind":"Name","value":"annualRate"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleProductVersionsQuery, ConsoleProductVersionsQueryVariables>;
export const ConsoleSchedulePreviewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleSchedulePreview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SchedulePreviewInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"previewSchedule"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"apr"}},{"kind":"Field","name":{"kind":"Name","value":"totalInterest"}},{"kind":"Field","name":{"kind":"Name","value":"totalFees"}},{"kind":"Field","name":{"kind":"Name","value":"totalPayable"}},{"kind":"Field","name":{"kind":"Name","value":"netDisbursement"}},{"kind":"Field","name":{"kind":"Name","value":"capCheck"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apr"}},{"kind":"Field","name":{"kind":"Name","value":"cap"}},{"kind":"Field","name":{"kind":"Name","value":"withinCap"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}},{"kind":"Field","name":{"kind":"Name","value":"installments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"principal"}},{"kind":"Field","name":{"kind":"Name","value":"interest"}},{"kind":"Field","name":{"kind":"Name","value":"fees"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"balance"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleSchedulePreviewQuery, ConsoleSchedulePreviewQueryVariables>;
export const ConsoleViewerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleViewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"roles"}},{"kind":"Field","name":{"kind":"Name","value":"tenant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"locale"}},{"kind":"Field","name":{"kind":"Name","value":"baseCurrency"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleViewerQuery, ConsoleViewerQueryVariables>;