import Decimal from 'decimal.js';

/**
 * An exact decimal as a safe integer and a scale: value = units / 10^scale. The scale carries no
 * trailing zeros, so equal values have equal representations.
 */
export interface ScaledInteger {
  units: number;
  scale: number;
}

/** Most significant digits a ScaledInteger holds exactly (2^53 > 9 x 10^15). */
export const MAX_SAFE_DIGITS = 15;

/**
 * Parses a plain decimal ("-12.50", "0.065", a Decimal instance) exactly, without going through
 * binary floating point. Returns undefined for anything that is not a finite plain decimal or
 * that needs more than {@link MAX_SAFE_DIGITS} significant digits. Hand-rolled because it sits on
 * the schedule and APR input paths, where decimal.js construction would cost more than the maths.
 */
export function parseScaledInteger(value: unknown): ScaledInteger | undefined {
  let s: string;
  if (typeof value === 'string') s = value;
  else if (value instanceof Decimal) {
    if (!value.isFinite()) return undefined;
    s = value.toFixed();
  } else return undefined;
  const len = s.length;
  let i = 0;
  let negative = false;
  if (len > 0 && (s.charCodeAt(0) === 45 || s.charCodeAt(0) === 43)) {
    negative = s.charCodeAt(0) === 45;
    i = 1;
  }
  let units = 0;
  let scale = 0;
  let digits = 0;
  let sawDigit = false;
  let sawPoint = false;
  for (; i < len; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (sawPoint) return undefined;
      sawPoint = true;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9) return undefined;
    sawDigit = true;
    if (units !== 0 || d !== 0) digits++;
    if (digits > MAX_SAFE_DIGITS) {
      // Trailing zeros after the point do not count against precision.
      if (sawPoint && d === 0 && onlyZerosFrom(s, i)) break;
      return undefined;
    }
    units = units * 10 + d;
    if (sawPoint) scale++;
  }
  if (!sawDigit) return undefined;
  while (scale > 0 && units % 10 === 0) {
    units /= 10;
    scale--;
  }
  return { units: negative && units !== 0 ? -units : units, scale };
}

function onlyZerosFrom(s: string, from: number): boolean {
  for (let i = from; i < s.length; i++) if (s.charCodeAt(i) !== 48) return false;
  return true;
}

/** Powers of ten that are exact doubles (10^0..10^22). */
export const POW10: readonly number[] = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** '00'..'99': the two decimals of an amount in cents, without formatting them. */
const CENTS: readonly string[] = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : String(i)));
/** '0.'..'9999.': the whole part of an amount below 10,000 with its point. */
const WHOLE_POINT: readonly string[] = Array.from({ length: 10_000 }, (_, i) => `${i}.`);
/** '0000.'..'9999.': the last four digits of a larger whole part with its point. */
const FOUR_POINT: readonly string[] = Array.from({ length: 10_000 }, (_, i) => `${String(i).padStart(4, '0')}.`);

/** `units / 10^scale` as a plain decimal string, exactly. */
export function formatScaled(units: number, scale: number): string {
  // The common case (two decimals, a non-negative amount below 10^14 minor units) first, kept small
  // enough to be inlined where amounts are written by the thousand (a schedule's rows).
  return scale === 2 && units >= 0 && units < 1e14 ? formatCents(units) : formatAnyScale(units, scale);
}

/**
 * An amount of 0 to 10^14 - 1 cents as text. The whole part is exact in a double division (its error
 * is far below the 0.01 that separates it from the next integer), and the text is joined from tables:
 * converting numbers to text would cost more than a schedule's arithmetic.
 */
function formatCents(units: number): string {
  const whole = Math.floor(units / 100);
  const cents = CENTS[units - whole * 100];
  if (whole < 10_000) return WHOLE_POINT[whole] + cents;
  const high = Math.floor(whole / 10_000);
  return high + FOUR_POINT[whole - high * 10_000] + cents;
}

function formatAnyScale(units: number, scale: number): string {
  const negative = units < 0;
  let s = String(negative ? -units : units);
  if (scale > 0) {
    if (s.length <= scale) s = '0'.repeat(scale - s.length + 1) + s;
    s = `${s.slice(0, s.length - scale)}.${s.slice(s.length - scale)}`;
  }
  return negative ? `-${s}` : s;
}
