import Decimal from 'decimal.js';

/**
 * The one Decimal constructor every money and rate computation uses.
 *
 * A dedicated clone so no other library (or test) can change our precision or rounding by
 * calling `Decimal.set` on the global constructor. 40 significant digits leaves ample headroom
 * over any amount we store (NUMERIC(20, 6) at most) and keeps annuity factors exact enough that
 * rounding to the minor unit is decided by the value, not by the arithmetic.
 */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -30, toExpPos: 40 });

/** An instance of the shared clone. */
export type Dec = Decimal;

/** Values accepted at API boundaries: decimal strings or Decimal instances, never JS numbers for money. */
export type DecimalInput = string | Decimal;

/**
 * Converts a boundary value into a shared-clone Decimal. Instances of other decimal.js
 * constructors pass `instanceof` (clones share a prototype) but compute with their own
 * precision, so only our clone's own instances are passed through.
 */
export function toDec(value: DecimalInput): Dec {
  return value instanceof Dec && value.constructor === Dec ? value : new Dec(value);
}
