import type { DayCount } from '../loan-math/types';
import type { RoundingMode } from '../money';

/** A days-past-due bucket; maxDpd null means open-ended. */
export interface DelinquencyBucket {
  name: string;
  minDpd: number;
  maxDpd: number | null;
}

/** One instalment's penalty accrual as the nightly run continues it. */
export interface PenaltyAccrualRow {
  /** Due date: the instalment accrues on every later day. */
  d: string;
  /** Unpaid principal the penalty accrues on. */
  p: string;
  /**
   * Exact numerator so far: the sum over accrued days of the unpaid principal x the annual rate x the
   * day's weight (see penaltyDayWeight); the penalty is round(a / penaltyYearBasis(dayCount)).
   */
  a: string;
}

/** A contractual instalment as the nightly run reads it from the loan's schedule. */
export interface NightlyInstallment {
  dueDate: string;
  principal: string;
  interest: string;
  total: string;
}

/**
 * What the nightly run keeps on a loan row (the columns of `loans` it reads and writes), as decimal
 * strings and 'YYYY-MM-DD' dates. A replay writes it after every change; each nightly step moves it
 * one business date on.
 */
export interface NightlyLoanState {
  schedule: readonly NightlyInstallment[];
  /** Each instalment's interest as last replayed (an advance payment reprices it); null: the contract's. */
  interestSchedule: readonly string[] | null;
  /** The instalment whose period is accruing. */
  accrualIndex: number;
  periodStart: string | null;
  periodEnd: string | null;
  periodInterest: string;
  accruedInPeriod: string;
  overduePrincipal: string;
  nextUnpaidPrincipal: string;
  nextUnpaidTotal: string;
  oldestUnpaidDueDate: string | null;
  dpd: number;
  bucket: string;
  nonAccrual: boolean;
  nonAccrualSince: string | null;
  /** Per instalment, the penalty state a replay handed over; null: never replayed (start from the schedule). */
  penaltyRows: PenaltyAccrualRow[] | null;
  /** Where penalty starts from: set by a replay, or by the first night to the first due date (see `penaltyStart`). */
  penaltyFrom: string | null;
  /** The last day whose penalty is accrued (by a replay or a run): the run skips up to it. */
  penaltyThrough: string | null;
  penaltyTotal: string;
}

/** What a loan's product (frozen into the loan at disbursement) and the tenant say the night does. */
export interface NightlyTerms {
  decimals: number;
  roundingMode: RoundingMode;
  penaltyAnnualRate: string;
  /** The product's day-count convention: the year penalty interest is a fraction of. */
  dayCount: DayCount;
  buckets: readonly DelinquencyBucket[];
  /** More days past due than this and the loan stops accruing interest. */
  nonAccrualAfterDays: number;
}

/** One business date of one loan, as it passes through the steps. */
export interface Night {
  date: string;
  terms: NightlyTerms;
  /** The loan as the night found it. */
  before: NightlyLoanState;
  /** The loan as the steps so far left it. */
  state: NightlyLoanState;
  /** Interest recognised today (minor units, a decimal string). */
  interest: string;
  /** Penalty charged today. */
  penalty: string;
  /** An instalment fell due before today: the accrual moved to the next period. */
  crossed: boolean;
}

/**
 * A nightly step: what one business date does to one loan, twice over. `apply` is the pure rule
 * (used by the replay's hand-off, the specs and anyone reasoning about one loan); `sql` is the same
 * rule set-based, a CTE body over the rows of the CTE before it (`prev`), selecting `prev.*` and the
 * step's own columns. A property test holds the two equal to the minor unit.
 */
export interface CobStep {
  name: string;
  apply(night: Night): Night;
  sql(prev: string): string;
}

/**
 * What a module writes of the night into its own tables (collections opening and moving cases),
 * set-based in the partition's one statement: CTE definitions (`name AS (...)`, comma separated)
 * over `written`, the loans written back (tenant_id, id, dpd2, old_bucket, new_bucket,
 * overdue_principal, penalty_total), with the statement's parameters ($1 tenant, $2 business date,
 * $3/$4 the partition's loan id range). Data-modifying CTEs run whether or not anything reads them.
 */
export interface CobWriter {
  name: string;
  ctes(written: string): string;
  /**
   * An SQL condition on the loans row `loan`: the writer has something to do with this loan tonight
   * even when the loan's own clock has nothing but the day's interest (an open case to follow, an
   * agreement to watch). Such a loan goes through the full statement; the others may take the idle
   * path, which runs no writer (see cobIdleSql).
   */
  engages?(loan: string): string;
}
