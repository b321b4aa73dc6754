import { Dec } from '../money';

/** What an applicant's decision is computed from: bureau data, declared data, derived ratios. */
export type Facts = Record<string, string | number | boolean | null | undefined>;

/** A fact as recorded in a decision's audit trail (undefined is stored as null). */
export type FactValue = string | number | boolean | null;

// Plain decimal notation only: decimal.js would also accept '0x1A', 'Infinity' and 'NaN', none of
// which a tenant means when they write a bureau score or an income.
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Missing means "no usable value": null, undefined, a blank string or a non-finite number. Blank
 * strings count because forms and CSV imports send '' for "not answered".
 */
export function isMissing(value: Facts[string]): value is null | undefined {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (typeof value === 'number') return !Number.isFinite(value);
  return false;
}

/** A fact read for the audit trail: undefined and other missing values become null. */
export function readFact(facts: Facts, name: string): FactValue {
  const value = Object.prototype.hasOwnProperty.call(facts, name) ? facts[name] : undefined;
  return isMissing(value) ? null : (value as string | number | boolean);
}

/** The fact as a Decimal when it is a finite number or a decimal string, otherwise null. */
export function toDecimalOrNull(value: unknown): Dec | null {
  if (typeof value === 'number') return Number.isFinite(value) ? new Dec(value) : null;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return DECIMAL.test(trimmed) ? new Dec(trimmed) : null;
  }
  return null;
}

/** The fact as the string categorical bins and equality rules compare against ('true'/'false' for booleans). */
export function factToString(value: string | number | boolean): string {
  return typeof value === 'string' ? value : String(value);
}
