import { earnedInPeriod } from '../cob/accrue-interest';
import { daysBetweenIso } from '../loan-math/calendar';
import { Dec } from '../money';
import type { RoundingMode } from '../money';
import type { InstallmentState, LoanState } from './types';

/**
 * A period's interest earned through the end of `through`, pro rata by days elapsed:
 * round(interest x elapsed / period) with the loan's rounding, elapsed clamped to the period. The
 * nightly run's accrual by cumulative rounding reaches exactly this figure on that day (it is the
 * accrue-interest step's rule, src/core/cob).
 */
export function interestEarnedInPeriod(interest: string, start: string, due: string, through: string, decimals: number, mode: RoundingMode): Dec {
  return earnedInPeriod(interest, daysBetweenIso(start, through), daysBetweenIso(start, due), decimals, mode);
}

/**
 * Interest recognised as income through the end of `through`: every instalment due on or before it
 * in full, and the running period pro rata ({@link interestEarnedInPeriod}, the period starting at the
 * previous due date, the disbursement date for the first); once the loan is settled, exactly what was
 * paid or waived. So a loan the nightly run accrued day by day and a loan a replay trued up read the
 * same figure. Instalments an advance payment dropped carry only the interest paid or waived on them.
 */
export function recognisedInterest(
  state: Pick<LoanState, 'installments' | 'closed'>, disbursementDate: string, through: string, decimals: number, mode: RoundingMode,
): Dec {
  if (state.closed) return interestSettled(state.installments);
  let total = new Dec(0);
  let start = disbursementDate;
  for (const i of state.installments) {
    if (i.dueDate > through) return total.plus(interestEarnedInPeriod(i.interestDue, start, i.dueDate, through, decimals, mode));
    total = total.plus(i.interestDue);
    start = i.dueDate;
  }
  return total;
}

/** Interest paid or waived on the instalments: what has left the receivable. */
export function interestSettled(installments: InstallmentState[]): Dec {
  return installments.reduce((acc, i) => acc.plus(i.interestPaid).plus(i.interestWaived), new Dec(0));
}
