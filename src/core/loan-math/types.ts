import type { Dec, DecimalInput } from '../money/decimal';
import type { RoundingMode } from '../money/rounding';

export type { RoundingMode };

/** How often instalments fall due. */
export type Frequency = 'DAILY' | 'WEEKLY' | 'BIWEEKLY' | 'SEMI_MONTHLY' | 'MONTHLY' | 'QUARTERLY';
export const FREQUENCIES: readonly Frequency[] = ['DAILY', 'WEEKLY', 'BIWEEKLY', 'SEMI_MONTHLY', 'MONTHLY', 'QUARTERLY'];

/**
 * How principal and interest are spread over the instalments.
 * - EQUAL_INSTALLMENT: annuity; a constant principal + interest amount.
 * - EQUAL_PRINCIPAL: constant principal, interest on the declining balance.
 * - INTEREST_ONLY: interest each period, all principal with the last instalment (balloon).
 * - FLAT: interest on the original principal for the whole term, spread equally.
 * - BULLET: principal and all interest with the last instalment.
 */
export type Amortization = 'EQUAL_INSTALLMENT' | 'EQUAL_PRINCIPAL' | 'INTEREST_ONLY' | 'FLAT' | 'BULLET';
export const AMORTIZATIONS: readonly Amortization[] = ['EQUAL_INSTALLMENT', 'EQUAL_PRINCIPAL', 'INTEREST_ONLY', 'FLAT', 'BULLET'];

/** Day-count convention for interest: 30/360 (US), Actual/365 Fixed, Actual/360, Actual/Actual (ISDA). */
export type DayCount = 'THIRTY_360' | 'ACTUAL_365' | 'ACTUAL_360' | 'ACTUAL_ACTUAL';
export const DAY_COUNTS: readonly DayCount[] = ['THIRTY_360', 'ACTUAL_365', 'ACTUAL_360', 'ACTUAL_ACTUAL'];

/** Where and how amounts are rounded. */
export interface RoundingSpec {
  /** Decimals kept on every money amount; at most the currency's minor units. */
  decimals: number;
  mode: RoundingMode;
  /** Quote the regular instalment in multiples of this (e.g. "1", "0.05", "10"); rounded up. */
  installmentMultipleOf?: DecimalInput;
}

/** A fee amount: a flat sum, or a fraction ("0.02" = 2%) of the fee's base. */
export type FeeCharge = { type: 'FLAT'; amount: DecimalInput } | { type: 'PERCENT'; rate: DecimalInput };

/** How an upfront fee is collected. */
export type UpfrontFeeTreatment = 'DEDUCTED' | 'FINANCED' | 'PAID_UPFRONT';
export const UPFRONT_FEE_TREATMENTS: readonly UpfrontFeeTreatment[] = ['DEDUCTED', 'FINANCED', 'PAID_UPFRONT'];

/**
 * A fee of a loan product.
 * - UPFRONT: flat or percent of principal; DEDUCTED from the disbursement, FINANCED into the
 *   principal (and so earns interest), or PAID_UPFRONT by the borrower at disbursement.
 * - PER_INSTALLMENT: a flat amount added to every instalment.
 * - LATE / PREPAYMENT: charged by servicing on events, never part of the schedule; carried here
 *   so a product's whole fee set has one type. PERCENT applies to the overdue / prepaid amount.
 */
export type FeeSpec =
  | { kind: 'UPFRONT'; name?: string; charge: FeeCharge; treatment: UpfrontFeeTreatment }
  | { kind: 'PER_INSTALLMENT'; name?: string; amount: DecimalInput }
  | { kind: 'LATE'; name?: string; charge: FeeCharge; graceDays?: number }
  | { kind: 'PREPAYMENT'; name?: string; charge: FeeCharge };
export const FEE_KINDS: readonly FeeSpec['kind'][] = ['UPFRONT', 'PER_INSTALLMENT', 'LATE', 'PREPAYMENT'];

/** The terms a schedule is built from. Money and rates are decimal strings or Decimals. */
export interface ScheduleInput {
  principal: DecimalInput;
  termCount: number;
  frequency: Frequency;
  /** Nominal annual rate as a fraction: "0.12" is 12%. */
  annualInterestRate: DecimalInput;
  amortization: Amortization;
  dayCount: DayCount;
  /** 'YYYY-MM-DD' */
  disbursementDate: string;
  /** 'YYYY-MM-DD'; defaults to one period after disbursement. Anchors the due-date sequence. */
  firstDueDate?: string;
  rounding: RoundingSpec;
  /** First N instalments pay no principal. */
  graceOnPrincipalPeriods?: number;
  /** First N instalments pay no interest; it is deferred, not waived (see README). */
  graceOnInterestPeriods?: number;
  fees?: FeeSpec[];
}

/** One row of a schedule. Money values are Decimals of the shared clone. */
export interface Installment {
  /** 1-based. */
  number: number;
  /** 'YYYY-MM-DD' */
  dueDate: string;
  principal: Dec;
  interest: Dec;
  fees: Dec;
  /** principal + interest + fees */
  total: Dec;
  /** Principal outstanding after this instalment. */
  balance: Dec;
}

/** Upfront fees by treatment. */
export interface UpfrontFees {
  deducted: Dec;
  financed: Dec;
  paidUpfront: Dec;
}

/** A repayment schedule and its totals. */
export interface Schedule {
  readonly installments: readonly Installment[];
  /** Sum of instalment principal: the principal plus financed fees. */
  readonly totalPrincipal: Dec;
  readonly totalInterest: Dec;
  /** Sum of instalment fees (upfront fees are in {@link upfrontFees}). */
  readonly totalFees: Dec;
  /** totalPrincipal + totalInterest + totalFees: everything the instalments collect. */
  readonly totalPayable: Dec;
  /** What the borrower receives: principal less DEDUCTED fees. */
  readonly netDisbursement: Dec;
  readonly upfrontFees: UpfrontFees;
  /** APR (fraction), US Reg Z actuarial with the schedule frequency as unit period; see README. */
  readonly apr: Dec;
}

/** APR conventions; see README for each one's time measure. */
export type AprConvention = 'US_REG_Z_ACTUARIAL' | 'NOMINAL_IRR' | 'EFFECTIVE_ANNUAL';
export const APR_CONVENTIONS: readonly AprConvention[] = ['US_REG_Z_ACTUARIAL', 'NOMINAL_IRR', 'EFFECTIVE_ANNUAL'];

/** The unit period of an APR computation. */
export type UnitPeriod = Frequency | 'YEARLY';
export const UNIT_PERIODS: readonly UnitPeriod[] = [...FREQUENCIES, 'YEARLY'];

/** A dated amount (positive). */
export interface CashFlow {
  /** 'YYYY-MM-DD' */
  date: string;
  amount: DecimalInput;
}

/** Input of {@link annualPercentageRate}. */
export interface AprInput {
  /** Money to the borrower (net of fees deducted or paid at signing). */
  advances: CashFlow[];
  /** Money from the borrower, fees included. */
  payments: CashFlow[];
  /** Defaults to US_REG_Z_ACTUARIAL. */
  convention?: AprConvention;
  /** Defaults to MONTHLY; ignored by EFFECTIVE_ANNUAL, which always annualises. */
  unitPeriod?: UnitPeriod;
}
