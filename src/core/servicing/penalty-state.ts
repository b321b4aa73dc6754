import { Dec } from '../money';
import type { InstallmentState } from './types';

/** One instalment's penalty accrual as the nightly run continues it. */
export interface PenaltyAccrualRow {
  /** Due date: the instalment accrues on every later day. */
  d: string;
  /** Unpaid principal the penalty accrues on. */
  p: string;
  /** Exact numerator so far (see InstallmentState.penaltyNumerator): the penalty is round(a / 365). */
  a: string;
}

/** The penalty accrual state a replay leaves, for the nightly run to carry on from. */
export interface PenaltyAccrualState {
  rows: PenaltyAccrualRow[];
  /** Earliest due date of an instalment still owing principal (none: nothing can accrue). */
  from: string | null;
  /** Penalty charged so far: the sum of the instalments' rounded penalties. */
  total: string;
}

/**
 * The replayed instalments' penalty state: per instalment its due date, unpaid principal and exact
 * numerator, so that accruing day D adds p x rate to `a` of each row due before D, and the loan's
 * penalty is the sum of round(a / 365) per row, which is exactly what a replay through D computes.
 */
export function penaltyAccrualState(installments: InstallmentState[]): PenaltyAccrualState {
  let total = new Dec(0);
  let from: string | null = null;
  const rows: PenaltyAccrualRow[] = [];
  for (const i of installments) {
    const p = new Dec(i.principalDue).minus(i.principalPaid);
    const a = i.penaltyNumerator ?? '0';
    total = total.plus(i.penaltyDue);
    if (p.gt(0) && from === null) from = i.dueDate;
    if (p.gt(0) || !new Dec(a).isZero()) rows.push({ d: i.dueDate, p: p.toFixed(), a });
  }
  return { rows, from, total: total.toFixed() };
}
