import { Dec } from '../money';
import type { CobStep, Night } from './types';

/**
 * Advance period: once the accruing instalment's due date has passed (today is after it), the accrual
 * moves to the next instalment. Its unpaid principal joins the overdue principal (what penalty accrues
 * on), the next period starts at its due date with the interest as last replayed (else the contract's),
 * nothing accrued in it yet, and an instalment left unpaid becomes the oldest unpaid one (DPD's clock).
 */
export function advancePeriod(night: Night): Night {
  const s = night.state;
  const crossed = s.periodEnd !== null && night.date > s.periodEnd;
  if (!crossed) return { ...night, crossed: false };
  const k = s.accrualIndex + 1;
  const next = s.schedule[k];
  return {
    ...night,
    crossed: true,
    state: {
      ...s,
      accrualIndex: k,
      periodStart: s.periodEnd,
      periodEnd: next ? next.dueDate : null,
      periodInterest: new Dec(s.interestSchedule?.[k] ?? next?.interest ?? '0').toFixed(),
      accruedInPeriod: '0',
      overduePrincipal: new Dec(s.overduePrincipal).plus(s.nextUnpaidPrincipal).toFixed(),
      nextUnpaidPrincipal: new Dec(next?.principal ?? '0').toFixed(),
      nextUnpaidTotal: new Dec(next?.total ?? '0').toFixed(),
      oldestUnpaidDueDate: new Dec(s.nextUnpaidTotal).gt(0) ? (s.oldestUnpaidDueDate ?? s.periodEnd) : s.oldestUnpaidDueDate,
    },
  };
}

/** The same over rows of `prev` (columns k, ps, pe, pi, acc, op, nup, nut, oldest, schedule, isched; $2 the date). */
export function advancePeriodSql(prev: string): string {
  return `SELECT n.*,
    CASE WHEN crossed THEN k + 1 ELSE k END AS k2,
    CASE WHEN crossed THEN pe ELSE ps END AS ps2,
    CASE WHEN crossed THEN (schedule -> (k + 1) ->> 'dueDate')::date ELSE pe END AS pe2,
    -- The period's interest as last replayed (an advance payment may have changed it), else the contract's.
    CASE WHEN crossed THEN coalesce((isched ->> (k + 1))::numeric, (schedule -> (k + 1) ->> 'interest')::numeric, 0) ELSE pi END AS pi2,
    CASE WHEN crossed THEN 0 ELSE acc END AS acc2,
    CASE WHEN crossed THEN op + nup ELSE op END AS op2,
    CASE WHEN crossed THEN coalesce((schedule -> (k + 1) ->> 'principal')::numeric, 0) ELSE nup END AS nup2,
    CASE WHEN crossed THEN coalesce((schedule -> (k + 1) ->> 'total')::numeric, 0) ELSE nut END AS nut2,
    CASE WHEN crossed AND nut > 0 THEN coalesce(oldest, pe) ELSE oldest END AS oldest2
  FROM (SELECT p.*, (p.pe IS NOT NULL AND $2::date > p.pe) AS crossed FROM ${prev} p) n`;
}

export const advancePeriodStep: CobStep = { name: 'advance-period', apply: advancePeriod, sql: advancePeriodSql };
