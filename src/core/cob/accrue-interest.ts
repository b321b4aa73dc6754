import { daysBetweenIso } from '../loan-math/calendar';
import { Dec, divRoundNonNegBig, roundMoney } from '../money';
import type { RoundingMode } from '../money';
import type { CobStep, Night } from './types';

/**
 * A period's interest earned after `elapsed` of its `period` days: round(interest x elapsed / period)
 * with the loan's rounding, elapsed clamped to [0, period]. Accruing day by day to this figure
 * (cumulative rounding) makes a period's accruals add up to its interest exactly. The one rule for
 * interest earned pro rata: the nightly run, recognised interest and the payoff quote all use it.
 */
export function earnedInPeriod(interest: Dec | string, elapsed: number, period: number, decimals: number, mode: RoundingMode): Dec {
  const days = Math.max(0, Math.min(elapsed, period));
  return period > 0 && days > 0 ? roundMoney(new Dec(interest).mul(days).div(period), decimals, mode) : new Dec(0);
}

/** {@link earnedInPeriod} in minor units (bigint), exactly. */
export function earnedInPeriodUnits(interest: bigint, elapsed: number, period: number, mode: RoundingMode): bigint {
  const days = Math.max(0, Math.min(elapsed, period));
  return period > 0 && days > 0 ? divRoundNonNegBig(interest * BigInt(days), BigInt(period), mode) : 0n;
}

/**
 * Accrue interest: today's share of the accruing period's interest, the change of the period's
 * cumulative earned figure through today ({@link earnedInPeriod}). Nothing on a non-accrual loan (as
 * the night found it) or once the schedule has run out.
 */
export function accrueInterest(night: Night): Night {
  const s = night.state;
  if (night.before.nonAccrual || s.periodEnd === null || s.periodStart === null || s.periodEnd <= s.periodStart) return { ...night, interest: '0' };
  const earned = earnedInPeriod(s.periodInterest, daysBetweenIso(s.periodStart, night.date), daysBetweenIso(s.periodStart, s.periodEnd), night.terms.decimals, night.terms.roundingMode);
  const today = earned.minus(s.accruedInPeriod);
  return { ...night, interest: today.toFixed(), state: { ...s, accruedInPeriod: earned.toFixed() } };
}

/**
 * The same over rows of `prev` (ps2, pe2, pi2, acc2 after advance-period; non_accrual, dp, rm; $2 the
 * date). The unrounded figure is a column of its own (OFFSET 0 keeps it one): PostgreSQL inlines
 * `round_money` only over an argument that is cheap to repeat.
 */
export function accrueInterestSql(prev: string): string {
  return `SELECT p.*,
    CASE WHEN p.non_accrual OR p.pe2 IS NULL OR p.pe2 <= p.ps2 THEN 0::numeric ELSE round_money(x.earned, p.dp, p.rm) - p.acc2 END AS interest_today
  FROM ${prev} p
  CROSS JOIN LATERAL (SELECT CASE WHEN NOT (p.non_accrual OR p.pe2 IS NULL OR p.pe2 <= p.ps2)
                                  THEN p.pi2 * LEAST($2::date - p.ps2, p.pe2 - p.ps2) / (p.pe2 - p.ps2) END AS earned OFFSET 0) x`;
}

export const accrueInterestStep: CobStep = { name: 'accrue-interest', apply: accrueInterest, sql: accrueInterestSql };
