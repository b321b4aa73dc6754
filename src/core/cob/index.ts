/**
 * Close of business as steps: what one business date does to one loan (advance the accrual period,
 * accrue interest, accrue penalty, delinquency, and slots for the steps later modules register), each
 * step a pure rule and the same rule as a set-based SQL fragment. The nightly run composes the
 * fragments; the replay and the specs use the pure rules; a property test holds them equal.
 */
export { accrueInterest, accrueInterestSql, accrueInterestStep, earnedInPeriod, earnedInPeriodUnits } from './accrue-interest';
export { accruePenalty, accruePenaltySql, accruePenaltyStep, penaltyDayWeight, penaltyStart, penaltyUnits, penaltyYearBasis, roundRatio } from './accrue-penalty';
export { advancePeriod, advancePeriodSql, advancePeriodStep } from './advance-period';
export { bucketCaseSql, bucketIndex, bucketOfSql, DEFAULT_BUCKETS, delinquency, delinquencySql, delinquencyStep } from './delinquency';
export { COB_SLOTS, nightlySteps, nightlyStepsSql, runNight } from './steps';
export type { CobSlot, RegisteredSteps } from './steps';
export type { CobStep, CobWriter, DelinquencyBucket, Night, NightlyInstallment, NightlyLoanState, NightlyTerms, PenaltyAccrualRow } from './types';
export { afterHandOff, handOff, penaltyAccrualState } from './hand-off';
export type { HandOff, PenaltyAccrualState, ReplayedInstallment, RunPosition } from './hand-off';
