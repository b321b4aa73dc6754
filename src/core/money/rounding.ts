import Decimal from 'decimal.js';
import { Dec, DecimalInput, toDec } from './decimal';

/**
 * How a value is brought to a number of decimals.
 * - HALF_EVEN: banker's rounding (ties to the even neighbour), the default for interest.
 * - HALF_UP: ties away from zero (what most people learnt at school).
 * - DOWN: toward zero (truncation).
 * - UP: away from zero.
 */
export type RoundingMode = 'HALF_EVEN' | 'HALF_UP' | 'DOWN' | 'UP';

export const ROUNDING_MODES: readonly RoundingMode[] = ['HALF_EVEN', 'HALF_UP', 'DOWN', 'UP'];

const DECIMAL_JS_MODE: Record<RoundingMode, Decimal.Rounding> = {
  HALF_EVEN: Decimal.ROUND_HALF_EVEN,
  HALF_UP: Decimal.ROUND_HALF_UP,
  DOWN: Decimal.ROUND_DOWN,
  UP: Decimal.ROUND_UP,
};

/** The decimal.js rounding constant for a mode. */
export function decimalJsRounding(mode: RoundingMode): Decimal.Rounding {
  return DECIMAL_JS_MODE[mode];
}

/** Rounds `value` to `decimals` places with `mode` (decimals may be 0). */
export function roundMoney(value: DecimalInput, decimals: number, mode: RoundingMode): Dec {
  return toDec(value).toDecimalPlaces(decimals, DECIMAL_JS_MODE[mode]);
}

/**
 * Rounds `value` to a multiple of `multiple` (e.g. "0.05", "1", "10") with `mode`.
 * Used for instalments quoted in round amounts; the rounding is of the quotient
 * value / multiple, so ties and directions mean the same as in {@link roundMoney}.
 */
export function roundToMultiple(value: DecimalInput, multiple: DecimalInput, mode: RoundingMode): Dec {
  const m = toDec(multiple);
  if (!m.isPositive() || m.isZero()) throw new RangeError('multiple must be positive');
  return toDec(value).div(m).toDecimalPlaces(0, DECIMAL_JS_MODE[mode]).mul(m);
}
