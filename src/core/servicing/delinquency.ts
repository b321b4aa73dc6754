import { addDaysIso, daysBetweenIso } from '../loan-math/calendar';
import { ServicingInputError } from './errors';
import { bucketIndex, DEFAULT_BUCKETS } from '../cob/delinquency';
import { DelinquencyBucket } from './types';

export { DEFAULT_BUCKETS };

/**
 * Name of the first bucket (in array order) with minDpd <= dpd <= maxDpd (maxDpd null = open-ended).
 *
 * @throws ServicingInputError when dpd is not a non-negative integer or no bucket covers it.
 */
export function bucketFor(dpd: number, buckets: readonly DelinquencyBucket[]): string {
  if (!Number.isInteger(dpd) || dpd < 0) throw new ServicingInputError('dpd', `must be a non-negative integer, got ${dpd}`);
  const i = bucketIndex(dpd, buckets);
  if (i >= 0) return buckets[i].name;
  throw new ServicingInputError('buckets', `no bucket covers ${dpd} days past due`);
}

/**
 * The date DPD is measured at: the tenant's last closed business date (the last date whose close of
 * business completed), or the day before `today` before any has; a loan the nightly run already took
 * past that date (a run in progress) is measured at its own date. So a loan reads the same DPD whether
 * the nightly run or a payment last touched it.
 */
export function delinquencyDate(today: string, lastClosed: string | null, loanLastRun: string | null): string {
  let at = lastClosed ?? addDaysIso(today, -1);
  if (loanLastRun !== null && loanLastRun > at && loanLastRun <= today) at = loanLastRun;
  return at;
}

/**
 * Days past due at `at` of the oldest instalment still owing principal, interest or fees after every
 * payment recorded so far (0 when none is, or it was not yet past due at `at`).
 */
export function dpdAt(oldestUnpaidDueDate: string | null, at: string): number {
  if (oldestUnpaidDueDate === null || oldestUnpaidDueDate >= at) return 0;
  return daysBetweenIso(oldestUnpaidDueDate, at);
}
