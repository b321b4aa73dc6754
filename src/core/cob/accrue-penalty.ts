import { parseIsoDate } from '../loan-math/calendar';
import { yearFractionNumerator } from '../loan-math/day-count';
import type { DayCount } from '../loan-math/types';
import { Dec, divRoundNonNegBig } from '../money';
import type { RoundingMode } from '../money';
import type { CobStep, Night, NightlyLoanState, PenaltyAccrualRow } from './types';

/*
 * Penalty interest: simple, daily, on each instalment's unpaid principal, for every calendar day after
 * its due date (a payment k days late pays k days). The year the annual rate is divided by is the
 * product's day-count convention: 365 days (ACTUAL_365, and loans booked before terms carried it),
 * 360 (ACTUAL_360, THIRTY_360: a penalty day is a calendar day, over a 360-day year), or the day's own
 * year (ACTUAL_ACTUAL: 1/365 or 1/366, kept exact over 365 x 366 as loan-math's year fractions are).
 * The accrual is kept exact as a numerator and rounded once per instalment when read.
 */

/** The denominator of a penalty numerator under `dayCount`: penalty = round(numerator / basis). */
export function penaltyYearBasis(dayCount: DayCount | null | undefined): number {
  switch (dayCount ?? 'ACTUAL_365') {
    case 'ACTUAL_360':
    case 'THIRTY_360':
      return 360;
    case 'ACTUAL_ACTUAL':
      return 365 * 366;
    default:
      return 365;
  }
}

/**
 * The weight of the penalty days (fromDay, toDay] (day numbers) over {@link penaltyYearBasis}: the
 * number of days, except under ACTUAL_ACTUAL where a day of a leap year weighs 365 and any other 366.
 */
export function penaltyDayWeight(dayCount: DayCount | null | undefined, fromDay: number, toDay: number): bigint {
  if (toDay <= fromDay) return 0n;
  if (dayCount === 'ACTUAL_ACTUAL') return BigInt(yearFractionNumerator(fromDay + 1, toDay + 1, 'ACTUAL_ACTUAL'));
  return BigInt(toDay - fromDay);
}

/** Penalty in minor units from an exact numerator in minor units x rate denominator (see the replay's ledger). */
export function penaltyUnits(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  return numerator === 0n ? 0n : divRoundNonNegBig(numerator, denominator, mode);
}

/** round(a / basis) at `decimals`, exactly, for a decimal numerator `a` (what `round_ratio` does in SQL). */
export function roundRatio(a: Dec | string, basis: number, decimals: number, mode: RoundingMode): Dec {
  const n = new Dec(a);
  const scale = Math.max(n.decimalPlaces(), 0);
  const num = BigInt(n.mul(new Dec(10).pow(scale + decimals)).toFixed(0));
  const den = BigInt(basis) * 10n ** BigInt(scale);
  const neg = num < 0n;
  const q = penaltyUnits(neg ? -num : num, den, mode);
  return new Dec((neg ? -q : q).toString()).div(new Dec(10).pow(decimals));
}

/**
 * Where a loan's penalty starts from: the start a replay handed over, or for a loan never replayed its
 * first due date, kept on the loan by its first night (`penaltyFrom`) so that later nights need not
 * read the schedule for it (a never-replayed loan's start is always that date: only a replay sets
 * another).
 */
export function penaltyStart(s: Pick<NightlyLoanState, 'penaltyRows' | 'penaltyFrom' | 'schedule'>): string | null {
  return s.penaltyRows !== null ? s.penaltyFrom : (s.penaltyFrom ?? s.schedule[0]?.dueDate ?? null);
}

/**
 * Accrue penalty: unless a replay already accrued today (`penaltyThrough`) or no principal is overdue,
 * every instalment due before today adds its unpaid principal x the annual rate x today's weight to
 * its numerator; the loan's penalty is the sum of the instalments' round(numerator / basis), and the
 * day charges the change of that rounded total (minor units; the remainder stays in the numerators).
 * A loan never replayed starts from its schedule (each instalment's principal, nothing accrued).
 */
export function accruePenalty(night: Night): Night {
  const s = night.state;
  const { date, terms } = night;
  const from = penaltyStart(s);
  const accrues = (s.penaltyThrough === null || s.penaltyThrough < date) && from !== null && from < date;
  const through = s.penaltyThrough === null || s.penaltyThrough < date ? date : s.penaltyThrough;
  if (!accrues) return { ...night, penalty: '0', state: { ...s, penaltyFrom: from, penaltyThrough: through } };
  const day = parseIsoDate(date, 'date');
  const weight = new Dec(penaltyDayWeight(terms.dayCount, day - 1, day).toString());
  const rate = new Dec(terms.penaltyAnnualRate);
  const basis = penaltyYearBasis(terms.dayCount);
  const start: PenaltyAccrualRow[] = s.penaltyRows ?? s.schedule.map((i) => ({ d: i.dueDate, p: new Dec(i.principal).toFixed(), a: '0' }));
  let total = new Dec(0);
  let pfrom: string | null = null;
  const rows = start.map((r) => {
    const a = r.d < date ? new Dec(r.a).plus(new Dec(r.p).mul(rate).mul(weight)) : new Dec(r.a);
    total = total.plus(roundRatio(a, basis, terms.decimals, terms.roundingMode));
    if (new Dec(r.p).gt(0) && (pfrom === null || r.d < pfrom)) pfrom = r.d;
    return { d: r.d, p: r.p, a: a.toFixed() };
  });
  return {
    ...night,
    penalty: total.minus(s.penaltyTotal).toFixed(),
    // No instalment left owing principal: the last start is kept (nothing accrues from it any more).
    state: { ...s, penaltyRows: rows, penaltyFrom: pfrom ?? from, penaltyTotal: total.toFixed(), penaltyThrough: through },
  };
}

/**
 * Today's weight and the loan's basis in SQL, from the loan's day count `dc` (NULL: ACTUAL_365) and the
 * date $2 (a leap year's day weighs 365 of 365 x 366, any other 366).
 */
export const PENALTY_WEIGHT_SQL = `CASE WHEN p.dc = 'ACTUAL_ACTUAL' THEN CASE WHEN extract(doy FROM date_trunc('year', $2::date) + interval '1 year - 1 day') = 366 THEN 365 ELSE 366 END ELSE 1 END`;
export const PENALTY_BASIS_SQL = `CASE p.dc WHEN 'ACTUAL_360' THEN 360 WHEN 'THIRTY_360' THEN 360 WHEN 'ACTUAL_ACTUAL' THEN ${365 * 366} ELSE 365 END`;

/** The same over rows of `prev` (schedule, prows, pfrom, pthrough, ptotal, penalty_rate, dc, dp, rm; $2 the date). */
export function accruePenaltySql(prev: string): string {
  return `SELECT p.*, coalesce(s.rows, p.prows) AS prows2, coalesce(s.pfrom, p.pfrom) AS pfrom2,
         coalesce(s.total, p.ptotal) AS ptotal2, coalesce(s.total - p.ptotal, 0) AS penalty_today, GREATEST(p.pthrough, $2::date) AS pthrough2
  FROM (SELECT q.*, (q.pthrough IS NULL OR q.pthrough < $2::date) AND q.pfrom IS NOT NULL AND q.pfrom < $2::date AS pen_accrues FROM ${prev} q) p
  LEFT JOIN LATERAL (
    SELECT jsonb_agg(jsonb_build_object('d', e.d, 'p', e.p, 'a', e.a) ORDER BY e.ord) AS rows, sum(round_ratio(e.a, ${PENALTY_BASIS_SQL}, p.dp, p.rm)) AS total,
           min(e.d::date) FILTER (WHERE e.p > 0) AS pfrom
    FROM (SELECT x.ord, x.r ->> 'd' AS d, (x.r ->> 'p')::numeric AS p,
                 (x.r ->> 'a')::numeric + CASE WHEN (x.r ->> 'd')::date < $2::date THEN (x.r ->> 'p')::numeric * p.penalty_rate * (${PENALTY_WEIGHT_SQL}) ELSE 0 END AS a
          -- Only a loan that accrues today is unpacked (a join condition would not spare the others the work).
          FROM jsonb_array_elements(CASE WHEN p.pen_accrues THEN coalesce(p.prows,
                 (SELECT jsonb_agg(jsonb_build_object('d', r ->> 'dueDate', 'p', (r ->> 'principal')::numeric, 'a', 0)) FROM jsonb_array_elements(p.schedule) r))
               ELSE '[]'::jsonb END)
               WITH ORDINALITY AS x(r, ord)
          -- A subquery of its own (OFFSET 0), so e.a reaches round_ratio as a column and the function inlines.
          OFFSET 0) e
  ) s ON true`;
}

export const accruePenaltyStep: CobStep = { name: 'accrue-penalty', apply: accruePenalty, sql: accruePenaltySql };

