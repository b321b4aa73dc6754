import { Dec } from '../money/decimal';
import { civilFromDays, daysFromCivil, isLeapYear, parseIsoDate } from './calendar';
import { LoanMathInputError } from './errors';
import { DAY_COUNTS, DayCount } from './types';

/**
 * Denominator of every year fraction of a convention, so that fractions are integer
 * numerators over one fixed basis. ACTUAL_ACTUAL (ISDA) mixes /365 and /366 days, hence 365 x 366.
 */
export function dayCountBasis(dayCount: DayCount): number {
  switch (dayCount) {
    case 'THIRTY_360':
    case 'ACTUAL_360':
      return 360;
    case 'ACTUAL_365':
      return 365;
    case 'ACTUAL_ACTUAL':
      return 365 * 366;
  }
}

/**
 * Days between two dates under 30/360 US (bond basis, ISDA 2006 4.16(f)): a start on the 31st
 * counts as the 30th, and an end on the 31st counts as the 30th when the start is the 30th or 31st.
 */
export function days360(startDay: number, endDay: number): number {
  const s = civilFromDays(startDay);
  const e = civilFromDays(endDay);
  const d1 = s.day === 31 ? 30 : s.day;
  const d2 = e.day === 31 && d1 >= 30 ? 30 : e.day;
  return 360 * (e.year - s.year) + 30 * (e.month - s.month) + (d2 - d1);
}

/**
 * Numerator of the year fraction from `startDay` to `endDay` over {@link dayCountBasis}.
 * ACTUAL_ACTUAL splits the period at each 1 January: days in a leap year weigh 1/366, others 1/365.
 */
export function yearFractionNumerator(startDay: number, endDay: number, dayCount: DayCount): number {
  switch (dayCount) {
    case 'THIRTY_360':
      return days360(startDay, endDay);
    case 'ACTUAL_365':
    case 'ACTUAL_360':
      return endDay - startDay;
    case 'ACTUAL_ACTUAL': {
      let num = 0;
      let from = startDay;
      let year = civilFromDays(startDay).year;
      while (from < endDay) {
        const nextYear = daysFromCivil(year + 1, 1, 1);
        const to = nextYear < endDay ? nextYear : endDay;
        num += (to - from) * (isLeapYear(year) ? 365 : 366);
        from = to;
        year += 1;
      }
      return num;
    }
  }
}

/**
 * The year fraction between two 'YYYY-MM-DD' dates under `dayCount`, exactly (a Decimal at the
 * shared precision). THIRTY_360 is 30/360 US; ACTUAL_365 is Actual/365 Fixed; ACTUAL_ACTUAL is ISDA.
 */
export function dayCountFraction(start: string, end: string, dayCount: DayCount): Dec {
  if (!DAY_COUNTS.includes(dayCount)) throw new LoanMathInputError('dayCount', `unknown day count ${String(dayCount)}`);
  const s = parseIsoDate(start, 'start');
  const e = parseIsoDate(end, 'end');
  if (e < s) throw new LoanMathInputError('end', 'must not be before start');
  return new Dec(yearFractionNumerator(s, e, dayCount)).div(dayCountBasis(dayCount));
}
