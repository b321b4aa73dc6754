/**
 * Loan maths: schedules, day counts, due dates and APR. Pure functions; money and rates are
 * Decimals of the shared clone (`src/core/money`). Conventions are documented in README.md.
 */
export { buildSchedule, buildScheduleMinor, MinorUnitSchedule } from './schedule';
export type { BuildScheduleOptions, InstallmentStrings } from './schedule';
export { annualPercentageRate, APR_TOLERANCE } from './apr/apr';
export { scheduleApr } from './schedule-apr';
export { dayCountFraction } from './day-count';
export { generateDueDates } from './due-dates';
export { LoanMathInputError } from './errors';
export { MAX_OFFERED_TERM_COUNT, MAX_TERM_COUNT } from './terms';
export { AMORTIZATIONS, APR_CONVENTIONS, DAY_COUNTS, FEE_KINDS, FREQUENCIES, UNIT_PERIODS, UPFRONT_FEE_TREATMENTS } from './types';
export type {
  Amortization,
  AprConvention,
  AprInput,
  CashFlow,
  DayCount,
  FeeCharge,
  FeeSpec,
  Frequency,
  Installment,
  RoundingMode,
  RoundingSpec,
  Schedule,
  ScheduleInput,
  UnitPeriod,
  UpfrontFeeTreatment,
  UpfrontFees,
} from './types';
