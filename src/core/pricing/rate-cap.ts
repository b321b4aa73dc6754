import { Dec } from '../money';
import type { AprConvention } from '../loan-math';

/** A tenant's cap rule for a jurisdiction, in force from a date until the next rule. */
export interface CapRule {
  jurisdiction: string;
  effectiveFrom: string;
  kind: 'FIXED' | 'MULTIPLE_OF_REFERENCE';
  rate?: string | null;
  referenceName?: string | null;
  multiple?: string | null;
  /** How the all-in APR is measured against the cap (China's "annualised rate" is an IRR). */
  aprConvention: AprConvention;
}

/** One published value of a reference rate (e.g. CN_LPR_1Y), in force from a date. */
export interface ReferenceRatePoint {
  name: string;
  effectiveFrom: string;
  rate: string;
}

/** The cap in force on a date, and how it was derived (for the error message and the disclosure). */
export interface ResolvedCap {
  cap: string;
  rule: CapRule;
  reference: ReferenceRatePoint | null;
  description: string;
}

export class CapUnresolvedError extends Error {}

/** The latest point with effectiveFrom <= date (ISO dates compare as strings). */
export function inForce<T extends { effectiveFrom: string }>(points: T[], date: string): T | undefined {
  let best: T | undefined;
  for (const p of points) if (p.effectiveFrom <= date && (!best || p.effectiveFrom > best.effectiveFrom)) best = p;
  return best;
}

/**
 * Resolves the cap for `jurisdiction` on `date`: the rule in force, and for MULTIPLE_OF_REFERENCE the
 * reference rate in force on that same date times the multiple. No rule means no cap (null).
 */
export function resolveCap(rules: CapRule[], rates: ReferenceRatePoint[], jurisdiction: string, date: string): ResolvedCap | null {
  const rule = inForce(rules.filter((r) => r.jurisdiction === jurisdiction), date);
  if (!rule) return null;
  if (rule.kind === 'FIXED') {
    return { cap: new Dec(rule.rate!).toFixed(), rule, reference: null, description: `fixed cap ${pct(rule.rate!)}` };
  }
  const reference = inForce(rates.filter((r) => r.name === rule.referenceName), date);
  if (!reference) throw new CapUnresolvedError(`no ${rule.referenceName} rate is in force on ${date}`);
  const cap = new Dec(reference.rate).times(rule.multiple!).toFixed();
  return { cap, rule, reference, description: `${rule.multiple} x ${rule.referenceName} (${pct(reference.rate)} from ${reference.effectiveFrom}) = ${pct(cap)}` };
}

/** True when the APR is within the cap (a cap is inclusive). */
export function withinCap(apr: string, cap: ResolvedCap | null): boolean {
  return !cap || new Dec(apr).lte(cap.cap);
}

/** "12.0000%": four decimals of a percent, enough to show why 11.99995% breaches 11.9999%. */
export function pct(fraction: string): string {
  return `${new Dec(fraction).times(100).toFixed(4)}%`;
}
