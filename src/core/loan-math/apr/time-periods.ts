import { civilFromDays, clampedDay, daysInMonth } from '../calendar';
import { DAYS_PER_PERIOD, MONTHS_PER_PERIOD, PERIODS_PER_YEAR } from '../frequency';
import type { UnitPeriod } from '../types';

/**
 * Time from the start of the term to a cash flow: `t` whole unit periods plus the fraction
 * fNum / fDen of one. How the fraction discounts depends on the convention (simple interest
 * under Reg Z, compound otherwise).
 */
export interface FlowTime {
  t: number;
  fNum: number;
  fDen: number;
}

/**
 * The date `months` calendar months before `day`, Reg Z style (Appendix J (b)(3)(iv)): the same
 * day of the month, the last day when the month is shorter, and month end to month end when the
 * later date is itself a month end (a series due on the 31st is measured 30 Apr -> 31 Mar).
 */
export function monthsBefore(day: number, months: number): number {
  const c = civilFromDays(day);
  const eom = c.day === daysInMonth(c.year, c.month);
  return clampedDay(c.year, c.month, -months, eom ? 31 : c.day);
}

/** Whole months from `start` to `end`, counted back from `end`, and the days left over. */
export function monthsAndDays(start: number, end: number): { months: number; days: number; mid: number } {
  const s = civilFromDays(start);
  return monthsAndDaysFrom(start, s.year, s.month, end);
}

// The start's civil date is passed in because it is the same for every flow of a loan.
function monthsAndDaysFrom(start: number, sYear: number, sMonth: number, end: number): { months: number; days: number; mid: number } {
  const e = civilFromDays(end);
  const eom = e.day === daysInMonth(e.year, e.month);
  const day = eom ? 31 : e.day;
  let months = (e.year - sYear) * 12 + (e.month - sMonth);
  let mid = clampedDay(e.year, e.month, -months, day);
  while (months > 0 && mid < start) {
    months--;
    mid = clampedDay(e.year, e.month, -months, day);
  }
  if (months < 0) {
    months = 0;
    mid = end;
  }
  return { months, days: mid - start, mid };
}

/** A function giving each flow's time from a fixed term start; built once per APR solve. */
export type FlowTimer = (end: number) => FlowTime;

/** {@link regZTime} with the start's calendar date worked out once. */
export function regZTimer(start: number, unit: UnitPeriod): FlowTimer {
  const s = civilFromDays(start);
  const dayStep = DAYS_PER_PERIOD[unit];
  if (dayStep > 0) return (end) => regZTime(start, end, unit);
  return (end) => regZFromMonths(start, end, unit, monthsAndDaysFrom(start, s.year, s.month, end));
}

/**
 * US Regulation Z, Appendix J (b)(5): full unit periods counted back from the flow date, the
 * remainder a fraction: days / 30 for a month, days / 15 for a semimonth, (months + days / 30)
 * / months-per-unit for quarters, days / 365 for a year, days / unit length for day-based units.
 */
export function regZTime(start: number, end: number, unit: UnitPeriod): FlowTime {
  const dayStep = DAYS_PER_PERIOD[unit];
  const span = end - start;
  if (dayStep > 0) {
    const t = Math.floor(span / dayStep);
    return { t, fNum: span - t * dayStep, fDen: dayStep };
  }
  return regZFromMonths(start, end, unit, monthsAndDays(start, end));
}

function regZFromMonths(start: number, end: number, unit: UnitPeriod, md: { months: number; days: number }): FlowTime {
  const { months, days } = md;
  switch (unit) {
    case 'SEMI_MONTHLY':
      return days >= 15 ? { t: 2 * months + 1, fNum: days - 15, fDen: 15 } : { t: 2 * months, fNum: days, fDen: 15 };
    case 'MONTHLY':
      return { t: months, fNum: days, fDen: 30 };
    case 'YEARLY': {
      const years = Math.floor(months / 12);
      const mid = monthsBefore(end, years * 12);
      return { t: years, fNum: mid - start, fDen: 365 };
    }
    default: {
      const per = MONTHS_PER_PERIOD[unit];
      const t = Math.floor(months / per);
      return { t, fNum: (months - t * per) * 30 + days, fDen: per * 30 };
    }
  }
}

/**
 * NOMINAL_IRR time: exact days in unit periods of 365 / periods-per-year days
 * (a month is 365/12 days, a week 365/52).
 */
export function exactDayTime(start: number, end: number, unit: UnitPeriod): FlowTime {
  const scaled = (end - start) * PERIODS_PER_YEAR[unit];
  const t = Math.floor(scaled / 365);
  return { t, fNum: scaled - t * 365, fDen: 365 };
}

/**
 * EFFECTIVE_ANNUAL time in months (EU Consumer Credit Directive, Annex I): whole months
 * counted back to the drawdown, then the remaining days over the length (365 or 366) of the
 * year that ends on the date the months were counted back to, expressed in twelfths of a year.
 */
export function euMonthTime(start: number, end: number): FlowTime {
  const { months, days, mid } = monthsAndDays(start, end);
  if (days === 0) return { t: months, fNum: 0, fDen: 1 };
  const c = civilFromDays(mid);
  const yearBefore = clampedDay(c.year - 1, c.month, 0, c.day);
  const yearLength = mid - yearBefore;
  return { t: months, fNum: 12 * days, fDen: yearLength };
}
