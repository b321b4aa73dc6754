import { addDaysIso } from '../loan-math/calendar';
/** One failed auto-debit attempt for an instalment: its number and the business date it failed on. */
export interface FailedAttempt {
  attempt: number;
  failedOn: string;
}

export type AutoDebitDecision =
  | { action: 'CHARGE'; attempt: number }
  | { action: 'WAIT'; attempt: number; on: string }
  | { action: 'GIVE_UP' };

/** `date` (YYYY-MM-DD) plus `days`, in calendar days. */
export const addDays = addDaysIso;

/**
 * What to do today about a due instalment whose attempts so far all failed. The first attempt is
 * made on (or after) the due date; after the n-th failure, attempt n+1 waits `delaysDays[n-1]` days
 * from that failure; once every delay is used up, the tenant's policy gives up (collections take
 * over). A pending or succeeded attempt is the caller's business: it never asks.
 */
export function nextAutoDebitAttempt(failures: readonly FailedAttempt[], delaysDays: readonly number[], today: string): AutoDebitDecision {
  if (failures.length === 0) return { action: 'CHARGE', attempt: 1 };
  const last = failures.reduce((a, b) => (b.attempt > a.attempt ? b : a));
  if (last.attempt > delaysDays.length) return { action: 'GIVE_UP' };
  const on = addDays(last.failedOn, delaysDays[last.attempt - 1]);
  return today >= on ? { action: 'CHARGE', attempt: last.attempt + 1 } : { action: 'WAIT', attempt: last.attempt + 1, on };
}

/** A retry policy as the tenant may set it: 0-10 delays, each 1-60 days. Returns the problem or null. */
export function retryPolicyProblem(delaysDays: readonly number[]): string | null {
  if (delaysDays.length > 10) return 'at most 10 retries';
  if (delaysDays.some((d) => !Number.isInteger(d) || d < 1 || d > 60)) return 'each delay is a whole number of days from 1 to 60';
  return null;
}
