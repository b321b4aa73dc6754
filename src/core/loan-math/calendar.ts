import { LoanMathInputError } from './errors';

/*
 * Pure calendar dates as integer day numbers (days since 1970-01-01, proleptic Gregorian).
 * No JS Date and no time zone: a due date is a date, and "Feb 29th in Nairobi" must not become
 * Feb 28th on a server in UTC-5. Algorithms after Howard Hinnant's civil-date paper.
 */

/** Whether `year` is a Gregorian leap year. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in `month` (1-12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1];
}

/** Day number of a civil date (month 1-12). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** A civil date; month 1-12. */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** Civil date of a day number. */
export function civilFromDays(dayNumber: number): CivilDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/**
 * Day number of (year, month + monthOffset, day) with the day clamped to the target month's
 * length. Month overflow in either direction rolls the year.
 */
export function clampedDay(year: number, month: number, monthOffset: number, day: number): number {
  const m0 = month - 1 + monthOffset;
  const y = year + Math.floor(m0 / 12);
  const m = m0 - Math.floor(m0 / 12) * 12 + 1;
  const dim = daysInMonth(y, m);
  return daysFromCivil(y, m, day < dim ? day : dim);
}

/** Adds (or, negative, subtracts) whole months, clamping at month end: 31 Jan + 1 month = 28/29 Feb. */
export function addMonths(dayNumber: number, months: number): number {
  const c = civilFromDays(dayNumber);
  return clampedDay(c.year, c.month, months, c.day);
}

/** Whether the day number is the last day of its month. */
export function isMonthEnd(dayNumber: number): boolean {
  const c = civilFromDays(dayNumber);
  return c.day === daysInMonth(c.year, c.month);
}

/**
 * Parses a strict 'YYYY-MM-DD' calendar date into a day number; anything else (including
 * 2023-02-29 or a timestamp) is refused with the field named.
 */
export function parseIsoDate(value: unknown, field: string): number {
  if (typeof value !== 'string' || value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) {
    throw new LoanMathInputError(field, `must be a date 'YYYY-MM-DD', got ${JSON.stringify(value)}`);
  }
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 7);
  const day = digits(value, 8, 10);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new LoanMathInputError(field, `is not a calendar date: ${value}`);
  }
  return daysFromCivil(year, month, day);
}

// Hand-rolled because parsing is on the APR path for every cash flow; -1 marks a non-digit.
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** Formats a day number as 'YYYY-MM-DD'. */
export function formatIsoDate(dayNumber: number): string {
  const kept = ISO_DATES.get(dayNumber);
  if (kept !== undefined) return kept;
  const { year, month, day } = civilFromDays(dayNumber);
  const text = `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
  if (ISO_DATES.size >= ISO_DATES_KEPT) ISO_DATES.clear();
  ISO_DATES.set(dayNumber, text);
  return text;
}

/** Dates already written (schedules write the same due dates over and over): a century of days at most. */
const ISO_DATES = new Map<number, string>();
const ISO_DATES_KEPT = 36_525;

/** 'YYYY-MM-DD' plus `days` calendar days. */
export function addDaysIso(date: string, days: number): string {
  return formatIsoDate(parseIsoDate(date, 'date') + days);
}

/** Calendar days from `from` to `to` ('YYYY-MM-DD'; negative when `to` is earlier). */
export function daysBetweenIso(from: string, to: string): number {
  return parseIsoDate(to, 'to') - parseIsoDate(from, 'from');
}
