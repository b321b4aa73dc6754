import { civilFromDays, clampedDay, daysFromCivil, daysInMonth, formatIsoDate, parseIsoDate } from './calendar';
import { LoanMathInputError } from './errors';
import { DAYS_PER_PERIOD, MONTHS_PER_PERIOD } from './frequency';
import { FREQUENCIES, Frequency } from './types';

const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Due dates as day numbers.
 *
 * Every date is computed from the anchor (the first due date if given, else the disbursement
 * date), never from the previous, clamped date: a 31 Jan anchor gives 29 Feb then 31 Mar, not
 * 29 Mar. SEMI_MONTHLY pairs the anchor day d with d + 15 (or d - 15 when d > 15), clamped.
 * Writes into `out` when given (the schedule passes a plain array; see terms.ts).
 */
export function dueDayNumbers(
  disbursementDay: number,
  firstDueDay: number | undefined,
  frequency: Frequency,
  count: number,
  out: { [k: number]: number; length: number } = new Int32Array(count),
): ArrayLike<number> {
  const anchor = firstDueDay ?? disbursementDay;
  // With a first due date the anchor is itself due #1; otherwise #1 is one period after it.
  const start = firstDueDay === undefined ? 1 : 0;
  const step = DAYS_PER_PERIOD[frequency];
  if (step > 0) {
    for (let k = 0; k < count; k++) out[k] = anchor + (start + k) * step;
    return out;
  }
  const { year, month, day } = civilFromDays(anchor);
  if (frequency === 'SEMI_MONTHLY') {
    const base = day <= 15 ? day : day - 15;
    const half0 = day <= 15 ? 0 : 1;
    for (let k = 0; k < count; k++) {
      const h = half0 + start + k;
      const monthOffset = Math.floor(h / 2);
      out[k] = clampedDay(year, month, monthOffset, h % 2 === 0 ? base : base + 15);
    }
    return out;
  }
  // Walk month by month keeping the first-of-month day number, so each date costs an addition
  // rather than a civil-date conversion (schedules of 360+ rows are built in bulk).
  const months = MONTHS_PER_PERIOD[frequency];
  let y = year;
  let m = month;
  let firstOfMonth = daysFromCivil(y, m, 1);
  let dim = daysInMonth(y, m);
  let offset = 0;
  for (let k = 0; k < count; k++) {
    const target = (start + k) * months;
    while (offset < target) {
      firstOfMonth += dim;
      if (m === 12) {
        m = 1;
        y++;
      } else m++;
      dim = m === 2 ? daysInMonth(y, 2) : MONTH_LENGTHS[m - 1];
      offset++;
    }
    out[k] = firstOfMonth + (day < dim ? day : dim) - 1;
  }
  return out;
}

/** The first due date the schedule would have without an explicit first due date. */
export function regularFirstDueDay(disbursementDay: number, frequency: Frequency): number {
  return dueDayNumbers(disbursementDay, undefined, frequency, 1)[0];
}

/**
 * `count` due dates ('YYYY-MM-DD') for a loan disbursed on `disbursementDate`; see
 * {@link dueDayNumbers} for the anchoring and month-end rules.
 */
export function generateDueDates(input: {
  disbursementDate: string;
  firstDueDate?: string;
  frequency: Frequency;
  count: number;
}): string[] {
  const disb = parseIsoDate(input.disbursementDate, 'disbursementDate');
  const first = input.firstDueDate === undefined ? undefined : parseIsoDate(input.firstDueDate, 'firstDueDate');
  if (first !== undefined && first <= disb) throw new LoanMathInputError('firstDueDate', 'must be after the disbursement date');
  if (!FREQUENCIES.includes(input.frequency)) throw new LoanMathInputError('frequency', `unknown frequency ${String(input.frequency)}`);
  if (!Number.isInteger(input.count) || input.count < 0) throw new LoanMathInputError('count', 'must be a non-negative integer');
  return Array.from(dueDayNumbers(disb, first, input.frequency, input.count), formatIsoDate);
}
