/**
 * Loan servicing: a pure, deterministic replay of a loan's transactions over its schedule (allocation
 * waterfall, overpayment policies, penalty interest, late fees, credit), payoff quotes and delinquency
 * buckets. Money in and out is decimal strings; semantics are documented in README.md.
 */
export { replayLoan, replayLoanAfter, replayLoanFrom, resumesAfter } from './replay';
export type { ReplayOptions, ResumedReplay } from './replay';
export { REPLAY_ENGINE_VERSION } from './snapshot';
export type { ReplayPoint, ReplaySnapshot } from './snapshot';
export { payoffQuote, payoffQuoteAfter } from './payoff';
export { settlementPlan } from './settlement-plan';
export type { SettlementInstalment } from './settlement-plan';
export { bucketFor, DEFAULT_BUCKETS, delinquencyDate, dpdAt } from './delinquency';
export { penaltyAccrualState } from './penalty-state';
export { loanStatement } from './statement';
export { interestEarnedInPeriod, interestSettled, recognisedInterest } from './interest-recognition';
export type { BalanceChange, Statement, StatementLine, StatementTransaction } from './statement';
export type { PenaltyAccrualRow, PenaltyAccrualState } from './penalty-state';
export { ServicingInputError } from './errors';
export { ALLOCATION_BUCKETS, LOAN_TRANSACTION_KINDS, OVERPAYMENT_POLICIES } from './types';
export type {
  Allocation,
  AllocationBucket,
  BucketTotals,
  DelinquencyBucket,
  InstallmentState,
  LoanState,
  LoanTransaction,
  LoanTransactionKind,
  OverpaymentPolicy,
  PayoffOptions,
  PayoffQuote,
  ScheduledInstallment,
  ServicingTerms,
} from './types';
