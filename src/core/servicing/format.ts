const ZEROS: string[] = [];

/** Formats minor units as a decimal string with exactly `decimals` places ("-" never occurs in output). */
export function formatUnits(units: bigint, decimals: number): string {
  if (units === 0n) return ZEROS[decimals] ?? (ZEROS[decimals] = decimals > 0 ? `0.${'0'.repeat(decimals)}` : '0');
  const negative = units < 0n;
  let s = (negative ? -units : units).toString();
  if (decimals > 0) {
    if (s.length <= decimals) s = '0'.repeat(decimals - s.length + 1) + s;
    s = `${s.slice(0, s.length - decimals)}.${s.slice(s.length - decimals)}`;
  }
  return negative ? `-${s}` : s;
}
