import type { DelinquencyBucket } from '../cob/types';
import type { DayCount } from '../loan-math/types';
/*
 * Public types of the loan-servicing replay engine. The shapes are a contract with the
 * persistence / GraphQL side: fields may be added (optional), never renamed or retyped.
 * Money is always a plain decimal string; dates are 'YYYY-MM-DD' calendar dates.
 */

/** A bucket of an instalment that a repayment can pay. */
export type AllocationBucket = 'PENALTY' | 'FEES' | 'INTEREST' | 'PRINCIPAL';

/** The four buckets, in the conventional (Fineract "penalties, fees, interest, principal") order. */
export const ALLOCATION_BUCKETS: readonly AllocationBucket[] = ['PENALTY', 'FEES', 'INTEREST', 'PRINCIPAL'];

/** What happens to money paid beyond everything due on the payment date. */
export type OverpaymentPolicy = 'REDUCE_TERM' | 'REDUCE_INSTALLMENT' | 'CREDIT';

/** The overpayment policies. */
export const OVERPAYMENT_POLICIES: readonly OverpaymentPolicy[] = ['REDUCE_TERM', 'REDUCE_INSTALLMENT', 'CREDIT'];

/** Servicing terms of one loan (copied from its product at disbursement). Rates are fractions: "0.24" is 24 %. */
export interface ServicingTerms {
  /** Currency minor units used for the loan; every amount in and out has at most this many decimals. */
  decimals: number;
  /** Rounding of every computed amount (penalty interest, percentage fees, pro-rata interest). */
  roundingMode: 'HALF_EVEN' | 'HALF_UP' | 'DOWN' | 'UP';
  /** A permutation of the four buckets: the order one instalment's buckets are paid in. */
  allocationOrder: AllocationBucket[];
  /**
   * Penalty interest on overdue principal: simple, daily, from the day after the due date, over the year
   * of `dayCount` (see src/core/cob/accrue-penalty.ts).
   */
  penaltyAnnualRate: string;
  /** The product's day-count convention; absent (loans booked before terms carried it): ACTUAL_365. */
  dayCount?: DayCount | null;
  /** The product's delinquency buckets; absent: DEFAULT_BUCKETS. */
  delinquencyBuckets?: DelinquencyBucket[] | null;
  /**
   * Charged once per instalment still owing principal or interest `graceDays` days after its due date
   * (charged ON dueDate + graceDays + 1). PERCENT is a fraction of the instalment's unpaid principal + interest.
   */
  lateFee: { chargeType: 'FLAT' | 'PERCENT'; amount?: string | null; rate?: string | null; graceDays: number } | null;
  /** What money paid in advance does. */
  overpaymentPolicy: OverpaymentPolicy;
  /**
   * Fee on principal paid before it falls due (a REDUCE_* prepayment or a SETTLEMENT); PERCENT is a
   * fraction of that principal. Absent or null: no fee.
   */
  prepaymentFee?: { chargeType: 'FLAT' | 'PERCENT'; amount?: string | null; rate?: string | null } | null;
  /**
   * Start of the first period ('YYYY-MM-DD'): interest of the first instalment is earned from this day.
   * Without it, the first period is assumed as long as the second (or 30 days for a single instalment).
   */
  disbursementDate?: string | null;
}

/** One row of the contractual schedule (as built by loan-math at disbursement). */
export interface ScheduledInstallment {
  number: number;
  dueDate: string;
  principal: string;
  interest: string;
  fees: string;
}

/**
 * Kinds of loan transactions the engine replays. A SETTLEMENT is money paid to close the loan: it is
 * allocated as the payoff quote of its date computes it (see README.md). A SETTLEMENT_DISCOUNT is
 * what a settlement agreement forgives once the agreed amount is paid: the rest of the payoff
 * (without a prepayment fee), closing the loan; it is no money received.
 */
export type LoanTransactionKind = 'REPAYMENT' | 'FEE_CHARGE' | 'FEE_WAIVER' | 'PENALTY_WAIVER' | 'INTEREST_WAIVER' | 'CREDIT_REFUND' | 'SETTLEMENT' | 'SETTLEMENT_DISCOUNT';

/** The transaction kinds. */
export const LOAN_TRANSACTION_KINDS: readonly LoanTransactionKind[] = ['REPAYMENT', 'FEE_CHARGE', 'FEE_WAIVER', 'PENALTY_WAIVER', 'INTEREST_WAIVER', 'CREDIT_REFUND', 'SETTLEMENT', 'SETTLEMENT_DISCOUNT'];

/** A posted loan transaction. The engine orders them by (effectiveDate, seq, id), never by array position. */
export interface LoanTransaction {
  id: string;
  kind: LoanTransactionKind;
  effectiveDate: string;
  /** Positive decimal string with at most `terms.decimals` significant decimals. */
  amount: string;
  /** arrival order, tie-break within a date */
  seq: number;
  note?: string | null;
}

/** One instalment as of `asOf`, after replaying every transaction. */
export interface InstallmentState {
  number: number;
  dueDate: string;
  principalDue: string;
  principalPaid: string;
  interestDue: string;
  interestPaid: string;
  interestWaived: string;
  feesDue: string;
  feesPaid: string;
  feesWaived: string;
  /** Penalty interest accrued on this instalment through asOf (the exact accrual, rounded once). */
  penaltyDue: string;
  /**
   * The exact penalty accrual behind penaltyDue: the sum over accrued days of the unpaid principal x the
   * annual penalty rate (x the day's weight), unrounded, so penaltyDue = round(penaltyNumerator / basis),
   * basis the year of the terms' day count (365 unless it says otherwise). Lets a nightly run
   * continue the accrual exactly where the replay left it. Always present in engine output.
   */
  penaltyNumerator?: string;
  penaltyPaid: string;
  penaltyWaived: string;
  /**
   * As of asOf: PAID nothing left (waived counts as settled); OVERDUE due before asOf and not settled;
   * PARTIALLY_PAID due on/after asOf, something paid, not settled; DUE due on asOf, nothing paid;
   * FUTURE due after asOf, nothing paid.
   */
  status: 'PAID' | 'PARTIALLY_PAID' | 'DUE' | 'OVERDUE' | 'FUTURE';
  /** Date the instalment became fully settled (null while anything is owed). */
  paidOn: string | null;
  /**
   * True when an advance payment cleared this (then future) instalment's principal and everything after
   * it (REDUCE_TERM), or all remaining principal (REDUCE_INSTALLMENT): its interest and scheduled fees
   * were dropped because the instalment no longer exists. Always present in engine output.
   */
  dropped?: boolean;
}

/**
 * Where one repayment, waiver or automatic credit application went. Amounts are decimal strings.
 * For a repayment: principal + interest + fees + penalties + toCredit = amount. For a credit
 * application: principal + interest + fees + penalties = fromCredit. For a waiver the parts are the
 * amounts waived (principal is always 0).
 */
export interface Allocation {
  transactionId: string;
  /** 'TRANSACTION' (a REPAYMENT or waiver) or 'CREDIT' (held credit applied automatically). Always present in engine output. */
  source?: 'TRANSACTION' | 'CREDIT';
  effectiveDate: string;
  principal: string;
  interest: string;
  fees: string;
  penalties: string;
  /** Part of a repayment that could not be placed and was added to the loan's credit. */
  toCredit: string;
  /** Part of the loan's held credit this allocation used (non-zero for source 'CREDIT', and for a SETTLEMENT that used held credit). */
  fromCredit: string;
  /**
   * Part of `fees` that is a prepayment fee this allocation charged and paid at once (a REDUCE_*
   * prepayment or a SETTLEMENT); present only when not zero.
   */
  prepaymentFee?: string;
  byInstallment: { number: number; principal: string; interest: string; fees: string; penalties: string }[];
}

/** A total split by bucket. */
export interface BucketTotals {
  principal: string;
  interest: string;
  fees: string;
  penalties: string;
  total: string;
}

/** The loan as of `asOf`. */
export interface LoanState {
  asOf: string;
  /** After any re-amortisation (REDUCE_INSTALLMENT / REDUCE_TERM change the future rows). */
  installments: InstallmentState[];
  /** Everything unpaid, due now or later (interest: scheduled interest of unsettled instalments). */
  outstanding: BucketTotals;
  /** Unpaid amounts of instalments due on or before asOf. */
  overdue: BucketTotals;
  /** Overpayment held (CREDIT policy, or beyond the last instalment for any policy). */
  credit: string;
  /** Days past due of the oldest instalment owing principal, interest or fees (0 if none is past due). */
  dpd: number;
  /** Due date of the oldest instalment owing principal, interest or fees (due or not yet due); null if none. */
  oldestUnpaidDueDate: string | null;
  /**
   * In replay order: one per REPAYMENT / waiver with effectiveDate <= asOf, plus one per automatic
   * application of held credit (source 'CREDIT', transactionId `credit:<date>` on a due date or
   * `credit:<fee charge id>` after a fee charge lands on an instalment already due).
   */
  allocations: Allocation[];
  lateFeesCharged: { number: number; date: string; amount: string }[];
  /** Everything paid or waived (credit may remain). */
  closed: boolean;
}

export type { DelinquencyBucket } from '../cob/types';

/** Optional inputs of a payoff quote. */
export interface PayoffOptions {
  /** Start of the first period; required when asOf falls before the first due date. */
  disbursementDate: string;
  /** Fee on the principal paid before it falls due; PERCENT is a fraction of that principal. */
  prepaymentFee?: { chargeType: 'FLAT' | 'PERCENT'; amount?: string | null; rate?: string | null } | null;
}

/** What it costs to close the loan on asOf. total = principal + interest + fees + penalties + prepaymentFee - credit (never below 0). */
export interface PayoffQuote {
  principal: string;
  interest: string;
  fees: string;
  penalties: string;
  prepaymentFee: string;
  credit: string;
  total: string;
  /** The current period's pro-rata interest (already included in `interest`). Always present in engine output. */
  accruedInterest?: string;
}
