import { Dec } from '../money';
import type { RoundingMode } from '../money';
import { daysBetweenIso } from '../loan-math/calendar';
import { earnedInPeriod } from './accrue-interest';
import type { NightlyLoanState, PenaltyAccrualRow } from './types';

/** The replayed instalment fields the hand-off reads (a subset of servicing's InstallmentState). */
export interface ReplayedInstallment {
  dueDate: string;
  principalDue: string;
  principalPaid: string;
  interestDue: string;
  interestPaid: string;
  interestWaived: string;
  feesDue: string;
  feesPaid: string;
  feesWaived: string;
  penaltyDue: string;
  penaltyNumerator?: string;
}

/** What the nightly run's own bookkeeping says about the loan (the hand-off leaves these alone). */
export type RunPosition = Pick<NightlyLoanState, 'accrualIndex' | 'nonAccrual' | 'periodStart' | 'periodEnd'>;

/** The nightly fields a replay sets; `interest` is null for a loan not accruing (left as the run has it). */
export interface HandOff {
  overduePrincipal: string;
  nextUnpaidPrincipal: string;
  nextUnpaidTotal: string;
  oldestUnpaidDueDate: string | null;
  penaltyRows: PenaltyAccrualRow[];
  penaltyFrom: string | null;
  penaltyTotal: string;
  interest: Pick<NightlyLoanState, 'interestSchedule' | 'periodInterest' | 'accruedInPeriod'> | null;
}

/**
 * What a replay through `today` hands the nightly run, so that the next nights continue exactly where
 * the replay left the loan: the overdue principal and the accruing instalment's unpaid amounts (the
 * run's period stays where the run put it), the oldest instalment past due and unpaid, each
 * instalment's penalty state (the replay owns penalty through today), and, for a loan still accruing,
 * each instalment's interest as replayed and the period's interest earned through `through` (the
 * run's last date). The loans module writes these fields after every replay ({@link afterHandOff}).
 */
export function handOff(
  run: RunPosition, installments: readonly ReplayedInstallment[], oldestUnpaidDueDate: string | null, today: string, through: string,
  money: { decimals: number; roundingMode: RoundingMode },
): HandOff {
  const k = run.accrualIndex;
  const principal = (i: ReplayedInstallment) => new Dec(i.principalDue).minus(i.principalPaid);
  const total = (i: ReplayedInstallment) =>
    principal(i).plus(i.interestDue).minus(i.interestPaid).minus(i.interestWaived).plus(i.feesDue).minus(i.feesPaid).minus(i.feesWaived);
  const pastDue = installments.slice(0, k);
  // The oldest instalment past due and unpaid (never a future date, which would make DPD negative).
  const replayOldest = oldestUnpaidDueDate && oldestUnpaidDueDate < today ? oldestUnpaidDueDate : null;
  const current = installments[k];
  const penalty = penaltyAccrualState(installments);
  const accruing = !run.nonAccrual && current && run.periodStart && run.periodEnd;
  return {
    overduePrincipal: pastDue.reduce((acc, i) => acc.plus(principal(i)), new Dec(0)).toFixed(),
    nextUnpaidPrincipal: current ? principal(current).toFixed() : '0',
    nextUnpaidTotal: current ? total(current).toFixed() : '0',
    oldestUnpaidDueDate: pastDue.find((i) => total(i).gt(0))?.dueDate ?? replayOldest,
    penaltyRows: penalty.rows,
    penaltyFrom: penalty.from,
    penaltyTotal: penalty.total,
    interest: accruing
      ? {
          interestSchedule: installments.map((i) => i.interestDue),
          periodInterest: current.interestDue,
          accruedInPeriod: earnedInPeriod(current.interestDue, daysBetweenIso(run.periodStart!, through), daysBetweenIso(run.periodStart!, run.periodEnd!), money.decimals, money.roundingMode).toFixed(),
        }
      : null,
  };
}

/** The loan's nightly state once a replay through `today` handed over (penalty is accrued through today). */
export function afterHandOff(state: NightlyLoanState, h: HandOff, today: string): NightlyLoanState {
  const { interest, ...rest } = h;
  return { ...state, ...rest, ...(interest ?? {}), penaltyThrough: state.penaltyThrough !== null && state.penaltyThrough > today ? state.penaltyThrough : today };
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
 * numerator, so that accruing day D adds p x rate x weight to `a` of each row due before D, and the
 * loan's penalty is the sum of round(a / basis) per row (the accrue-penalty step), which is exactly
 * what a replay through D computes.
 */
export function penaltyAccrualState(installments: readonly ReplayedInstallment[]): PenaltyAccrualState {
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
