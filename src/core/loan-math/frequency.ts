import type { Frequency, UnitPeriod } from './types';

/*
 * The shape of each period: month-based periods step in calendar months (with month-end
 * clamping), day-based ones in a fixed number of days.
 */

/** Calendar months per period for month-based frequencies, 0 otherwise. SEMI_MONTHLY is handled apart. */
export const MONTHS_PER_PERIOD: Record<UnitPeriod, number> = {
  DAILY: 0,
  WEEKLY: 0,
  BIWEEKLY: 0,
  SEMI_MONTHLY: 0,
  MONTHLY: 1,
  QUARTERLY: 3,
  YEARLY: 12,
};

/** Days per period for day-based frequencies, 0 otherwise. */
export const DAYS_PER_PERIOD: Record<UnitPeriod, number> = {
  DAILY: 1,
  WEEKLY: 7,
  BIWEEKLY: 14,
  SEMI_MONTHLY: 0,
  MONTHLY: 0,
  QUARTERLY: 0,
  YEARLY: 0,
};

/** Unit periods in a year, as Reg Z counts them (a week is 1/52 of a year, a day 1/365). */
export const PERIODS_PER_YEAR: Record<UnitPeriod, number> = {
  DAILY: 365,
  WEEKLY: 52,
  BIWEEKLY: 26,
  SEMI_MONTHLY: 24,
  MONTHLY: 12,
  QUARTERLY: 4,
  YEARLY: 1,
};

/** Length of a regular period in 30/360 days: a month is 30 days, a week 7. */
export const THIRTY_360_DAYS: Record<Frequency, number> = {
  DAILY: 1,
  WEEKLY: 7,
  BIWEEKLY: 14,
  SEMI_MONTHLY: 15,
  MONTHLY: 30,
  QUARTERLY: 90,
};
