import type { Amortization, DayCount, Frequency, RoundingMode, UpfrontFeeTreatment } from '../loan-math';

export type Segment = 'CONSUMER' | 'SOLE_PROPRIETOR' | 'SMALL_BUSINESS' | 'AGRICULTURE';
export const SEGMENTS: readonly Segment[] = ['CONSUMER', 'SOLE_PROPRIETOR', 'SMALL_BUSINESS', 'AGRICULTURE'];

export type CollateralKind = 'NONE' | 'GUARANTOR' | 'INVENTORY_PLEDGE' | 'RECEIVABLES_PLEDGE' | 'VEHICLE' | 'REAL_ESTATE';
export const COLLATERAL_KINDS: readonly CollateralKind[] = ['NONE', 'GUARANTOR', 'INVENTORY_PLEDGE', 'RECEIVABLES_PLEDGE', 'VEHICLE', 'REAL_ESTATE'];

/** What a repayment pays first; servicing allocates in this order. */
export type AllocationBucket = 'PENALTY' | 'FEES' | 'INTEREST' | 'PRINCIPAL';
export const ALLOCATION_BUCKETS: readonly AllocationBucket[] = ['PENALTY', 'FEES', 'INTEREST', 'PRINCIPAL'];

export type FeeKind = 'UPFRONT' | 'PER_INSTALLMENT' | 'LATE' | 'PREPAYMENT';
export type ChargeType = 'FLAT' | 'PERCENT';

/** A fee as a lender configures it (decimal strings; a PERCENT rate is a fraction: "0.02" is 2%). */
export interface ProductFee {
  kind: FeeKind;
  name: string;
  chargeType: ChargeType;
  amount?: string | null;
  rate?: string | null;
  /** UPFRONT only. */
  treatment?: UpfrontFeeTreatment | null;
  /** LATE only: days after the due date before the fee is charged. */
  graceDays?: number | null;
}

/** The price for a risk grade: the annual rate and a discount on fees (a fraction). */
export interface RateBand {
  grade: string;
  annualRate: string;
  feeDiscount: string;
}

/** A borrower segment priced differently; `grade` null applies to every grade. */
export interface SegmentOverride {
  segment: Segment;
  grade?: string | null;
  annualRate?: string | null;
  feeDiscount?: string | null;
}

export interface CollateralRule {
  kind: CollateralKind;
  /** Loan-to-value cap as a fraction of the collateral's valuation; null for none or guarantors. */
  maxLtv?: string | null;
}

/** Revolving mode: a limit drawn any time; each draw follows the product's schedule terms. */
export interface CreditLineTerms {
  limitMin: string;
  limitMax: string;
  /** How long the line stays open for draws. */
  validityMonths: number;
}

/** Everything a version of a loan product fixes. Versions are immutable once saved. */
export interface ProductTerms {
  name: string;
  description?: string | null;
  segment: Segment;
  currency: string;
  amountMin: string;
  amountMax: string;
  termMin: number;
  termMax: number;
  frequencies: Frequency[];
  amortization: Amortization;
  dayCount: DayCount;
  graceOnPrincipalPeriods: number;
  graceOnInterestPeriods: number;
  rounding: { decimals: number; mode: RoundingMode; installmentMultipleOf?: string | null };
  fees: ProductFee[];
  /** Annual rate charged on overdue principal. */
  penaltyAnnualRate: string;
  allocationOrder: AllocationBucket[];
  /** What a payment beyond what is due does: shortens the term, lowers the instalments, or waits as credit. */
  overpaymentPolicy?: 'REDUCE_TERM' | 'REDUCE_INSTALLMENT' | 'CREDIT';
  collateral: CollateralRule[];
  creditLine?: CreditLineTerms | null;
  /**
   * Days-past-due buckets of this product's loans (frozen into each loan at disbursement), contiguous
   * from 0, the last open-ended; absent: the default buckets (CURRENT, 1-30, 31-60, 61-90, 90+).
   */
  delinquencyBuckets?: { name: string; minDpd: number; maxDpd: number | null }[] | null;
  /** Accounts this product posts to instead of the default roles (accounts of the tenant's chart). */
  accountMapping?: { role: string; account: string }[];
  rateBands: RateBand[];
  segmentOverrides: SegmentOverride[];
}
