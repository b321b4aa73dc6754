import { CoreInputError } from '../input-error';
import { Dec } from '../money';

/** The meters the platform reports to Stripe Billing, by their event names. */
export const USAGE_METERS = ['microlend_active_loans', 'microlend_disbursed_volume'] as const;
export type UsageMeterName = (typeof USAGE_METERS)[number];

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A billing period is a calendar month, `YYYY-MM`. */
export function isPeriod(value: string): boolean {
  return PERIOD.test(value);
}

/** Throws a CoreInputError naming `field` unless `value` is a period. */
export function assertPeriod(value: string, field = 'period'): string {
  if (!isPeriod(value)) throw new CoreInputError(field, 'a month YYYY-MM', 'BAD_PERIOD');
  return value;
}

/** The period's first and last day and the first day after it (all YYYY-MM-DD). */
export function periodBounds(period: string): { first: string; last: string; next: string } {
  const [, y, m] = assertPeriod(period).match(PERIOD)!;
  const year = Number(y);
  const month = Number(m);
  const next = month === 12 ? `${year + 1}-01-01` : `${y}-${String(month + 1).padStart(2, '0')}-01`;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { first: `${period}-01`, last: `${period}-${String(lastDay).padStart(2, '0')}`, next };
}

/** The month a business date falls in. */
export function periodOf(date: string): string {
  return date.slice(0, 7);
}

/** The month before the one `today` is in: the latest month that has closed. */
export function lastClosedPeriod(today: string): string {
  const [y, m] = today.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** A month is closed (its usage final) once the tenant's business date is past its last day. */
export function isClosed(period: string, today: string): boolean {
  return today >= periodBounds(period).next;
}

/**
 * The meter event's identifier: the same tenant, month and meter always give the same one, so a
 * resend after a crash between Stripe's answer and our commit is dropped by Stripe as a duplicate.
 */
export function meterEventIdentifier(tenantId: string, period: string, meter: UsageMeterName): string {
  return `usage:${tenantId}:${period}:${meter.replace(/^microlend_/, '')}`;
}

/**
 * A money amount as whole minor units (`1234.5` KES, 2 decimals -> `123450`): Stripe meters add up
 * integers, and minor units keep the volume exact. Refuses an amount finer than the currency.
 */
export function toMinorUnits(amount: string, decimals: number): string {
  const units = new Dec(amount).times(new Dec(10).pow(decimals));
  if (!units.isInteger()) throw new CoreInputError('amount', `${amount} has more than ${decimals} decimals`, 'BAD_AMOUNT');
  return units.toFixed(0);
}

/** Stripe takes meter events up to 35 days old; a day of margin for the request in flight. */
const OLDEST_ACCEPTED_SECONDS = 34 * 86_400;

/**
 * The meter event's time (seconds): the last second of the month, so Stripe bills the usage in the
 * period it belongs to; never in the future (Stripe refuses more than 5 minutes ahead). A month sent
 * so late that Stripe would refuse its own time (older than 35 days) is stamped now: billed in the
 * customer's current period rather than never.
 */
export function meterEventTimestamp(periodEndEpochSeconds: number, nowEpochSeconds: number): number {
  const last = periodEndEpochSeconds - 1;
  if (nowEpochSeconds - last > OLDEST_ACCEPTED_SECONDS) return nowEpochSeconds;
  return Math.min(last, nowEpochSeconds);
}
