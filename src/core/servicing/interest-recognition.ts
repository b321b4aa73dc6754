import { Dec, roundMoney } from '../money';
import type { RoundingMode } from '../money';
import type { InstallmentState } from './types';

const DAY = 86_400_000;
const days = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);

/**
 * Interest recognised as income through the end of `through`: every instalment due on or before it
 * in full, and the running period pro rata by days elapsed, round(interest x elapsed / period) with
 * the loan's rounding, the period starting at the previous due date (the disbursement date for the
 * first). This is the nightly run's accrual by cumulative rounding, so a loan the run accrued
 * day by day and a loan a replay trued up read the same figure. Instalments an advance payment
 * dropped carry only the interest already paid or waived on them.
 */
export function recognisedInterest(installments: InstallmentState[], disbursementDate: string, through: string, decimals: number, mode: RoundingMode): string {
  let total = new Dec(0);
  let start = disbursementDate;
  for (const i of installments) {
    if (i.dueDate <= through) {
      total = total.plus(i.interestDue);
    } else {
      const period = days(start, i.dueDate);
      const elapsed = Math.max(0, Math.min(days(start, through), period));
      if (period > 0 && elapsed > 0) total = total.plus(roundMoney(new Dec(i.interestDue).mul(elapsed).div(period), decimals, mode));
      break;
    }
    start = i.dueDate;
  }
  return total.toFixed(decimals);
}

/** Interest paid or waived on the instalments: what has left the receivable. */
export function interestSettled(installments: InstallmentState[]): Dec {
  return installments.reduce((acc, i) => acc.plus(i.interestPaid).plus(i.interestWaived), new Dec(0));
}
