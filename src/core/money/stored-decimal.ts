import { Dec } from './decimal';

/** A plain decimal as PostgreSQL prints a NUMERIC: optional sign, digits, optional fraction. */
const PLAIN = /^-?\d+(\.\d+)?$/;

/**
 * A stored NUMERIC shown with `decimals` places, as `new Dec(value).toFixed(decimals)` would show
 * it. When the digits beyond `decimals` are zeros (money stored at 4 places in a 2-place currency),
 * the text is cut or padded without building a Decimal; otherwise Dec rounds it.
 */
export function storedFixed(value: string, decimals: number): string {
  if (!PLAIN.test(value)) return new Dec(value).toFixed(decimals);
  const point = value.indexOf('.');
  const whole = point < 0 ? value : value.slice(0, point);
  const fraction = point < 0 ? '' : value.slice(point + 1);
  for (let i = decimals; i < fraction.length; i++) if (fraction[i] !== '0') return new Dec(value).toFixed(decimals);
  if (/^-0*$/.test(whole) && !/[1-9]/.test(fraction)) return new Dec(value).toFixed(decimals);
  const kept = fraction.slice(0, decimals).padEnd(decimals, '0');
  return decimals > 0 ? `${whole}.${kept}` : whole;
}

/** A stored NUMERIC without trailing zeros (0.1200 → 0.12, 5.0000 → 5), as `new Dec(value).toFixed()` shows it. */
export function storedPlain(value: string): string {
  if (!PLAIN.test(value) || value.startsWith('-') || /^0+\d/.test(value)) return new Dec(value).toFixed();
  const point = value.indexOf('.');
  if (point < 0) return value;
  let end = value.length;
  while (value[end - 1] === '0') end--;
  if (end === point + 1) end = point;
  return value.slice(0, end);
}
