import { divRoundNonNeg, divRoundNonNegBig } from '../../money/integer-rounding';
import { RoundingMode } from '../../money/rounding';

/**
 * The annuity instalment in minor units, exactly rounded:
 *
 *   A = P * r / (1 - (1 + r)^-m),  r = rateNum / rateDen (safe integers),
 *
 * rounded to a minor unit with `mode`, or up to a multiple of `multipleUnits` when given.
 *
 * A double estimate (log1p/expm1 keep it accurate to ~1e-15 relative) decides the rounding
 * whenever it is clearly away from a rounding boundary; only when it lands within a generous
 * error margin of one does the exact rational form
 *
 *   A = P * p * (q + p)^m / (q * ((q + p)^m - q^m))
 *
 * get evaluated with BigInt. The result is therefore exact either way, and the common case
 * costs a few floating-point operations instead of a multi-thousand-bit power.
 */
export function annuityInstallmentUnits(
  principalUnits: number,
  rateNum: number,
  rateDen: number,
  periods: number,
  mode: RoundingMode,
  multipleUnits: number,
): number {
  if (rateNum === 0) {
    return multipleUnits > 0
      ? divRoundNonNeg(principalUnits, periods * multipleUnits, 'UP') * multipleUnits
      : divRoundNonNeg(principalUnits, periods, mode);
  }
  const r = rateNum / rateDen;
  const estimate = (principalUnits * r) / -Math.expm1(-periods * Math.log1p(r));
  // Relative error of the estimate is a few ulps; 1e-11 leaves four orders of margin.
  const margin = estimate * 1e-11 + 1e-9;
  if (Number.isFinite(estimate)) {
    if (multipleUnits > 0) {
      const x = estimate / multipleUnits;
      const fl = Math.floor(x);
      const slack = margin / multipleUnits;
      if (x - fl > slack && fl + 1 - x > slack) return (fl + 1) * multipleUnits;
    } else {
      const fl = Math.floor(estimate);
      const frac = estimate - fl;
      const boundary = mode === 'DOWN' || mode === 'UP' ? 0 : 0.5;
      const safe = boundary === 0 ? frac > margin && 1 - frac > margin : Math.abs(frac - 0.5) > margin;
      if (safe) {
        if (mode === 'DOWN') return fl;
        if (mode === 'UP') return fl + 1;
        return frac > 0.5 ? fl + 1 : fl;
      }
    }
  }
  return exactAnnuityUnits(principalUnits, BigInt(rateNum), BigInt(rateDen), periods, mode, multipleUnits);
}

/** The BigInt rational evaluation; exported so tests can check the fast path against it. */
export function exactAnnuityUnits(
  principalUnits: number,
  rateNum: bigint,
  rateDen: bigint,
  periods: number,
  mode: RoundingMode,
  multipleUnits: number,
): number {
  const m = BigInt(periods);
  const grown = (rateDen + rateNum) ** m;
  const num = BigInt(principalUnits) * rateNum * grown;
  const den = rateDen * (grown - rateDen ** m);
  if (multipleUnits > 0) {
    const mu = BigInt(multipleUnits);
    return Number(divRoundNonNegBig(num, den * mu, 'UP') * mu);
  }
  return Number(divRoundNonNegBig(num, den, mode));
}
