import { daysBetweenIso } from '../loan-math/calendar';
import type { CobStep, DelinquencyBucket, Night } from './types';

/** CURRENT (0), 1-30, 31-60, 61-90, 90+ (91 and more) days past due: a product's buckets unless it names its own. */
export const DEFAULT_BUCKETS: DelinquencyBucket[] = [
  { name: 'CURRENT', minDpd: 0, maxDpd: 0 },
  { name: '1-30', minDpd: 1, maxDpd: 30 },
  { name: '31-60', minDpd: 31, maxDpd: 60 },
  { name: '61-90', minDpd: 61, maxDpd: 90 },
  { name: '90+', minDpd: 91, maxDpd: null },
];

/** Index of the first bucket (in array order) with minDpd <= dpd <= maxDpd (maxDpd null: open-ended), or -1. */
export function bucketIndex(dpd: number, buckets: readonly DelinquencyBucket[]): number {
  return buckets.findIndex((b) => dpd >= b.minDpd && (b.maxDpd === null || b.maxDpd === undefined || dpd <= b.maxDpd));
}

/**
 * Delinquency: DPD at today from the oldest instalment left unpaid, its bucket (the product's
 * buckets; the last one when none covers it, as the SQL's ELSE), and the non-accrual flag once DPD
 * passes the threshold (interest is recognised through the day it became non-accrual).
 */
export function delinquency(night: Night): Night {
  const s = night.state;
  const dpd = s.oldestUnpaidDueDate === null ? 0 : daysBetweenIso(s.oldestUnpaidDueDate, night.date);
  const buckets = night.terms.buckets;
  const i = bucketIndex(dpd, buckets);
  const stops = !night.before.nonAccrual && dpd > night.terms.nonAccrualAfterDays;
  return {
    ...night,
    state: {
      ...s,
      dpd,
      bucket: buckets[i < 0 ? buckets.length - 1 : i].name,
      nonAccrual: night.before.nonAccrual || dpd > night.terms.nonAccrualAfterDays,
      nonAccrualSince: stops ? night.date : s.nonAccrualSince,
    },
  };
}

/** SQL CASE for the bucket of the expression `dpd` from `buckets` (the first that covers it, else the last). */
export function bucketCaseSql(buckets: readonly DelinquencyBucket[], dpd = 'dpd'): string {
  const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
  const arms = buckets.map((b) => `WHEN ${dpd} >= ${Math.trunc(b.minDpd)}${b.maxDpd === null || b.maxDpd === undefined ? '' : ` AND ${dpd} <= ${Math.trunc(b.maxDpd)}`} THEN ${quote(b.name)}`);
  return `CASE ${arms.join(' ')} ELSE ${quote(buckets[buckets.length - 1].name)} END`;
}

/**
 * The bucket of the SQL expression `dpd` for a loan whose product's buckets are the jsonb `buckets`:
 * the first that covers it in array order, else the last; a loan without buckets of its own (SQL
 * NULL, or a JSON null frozen into its terms) by `defaults`, inlined as a CASE.
 */
export function bucketOfSql(buckets: string, dpd: string, defaults: readonly DelinquencyBucket[]): string {
  return `CASE WHEN ${buckets} IS NULL OR jsonb_typeof(${buckets}) <> 'array' THEN ${bucketCaseSql(defaults, dpd)}
         ELSE coalesce((SELECT b.v ->> 'name' FROM jsonb_array_elements(${buckets}) WITH ORDINALITY AS b(v, n)
                        WHERE ${dpd} >= (b.v ->> 'minDpd')::int AND (b.v ->> 'maxDpd' IS NULL OR ${dpd} <= (b.v ->> 'maxDpd')::int) ORDER BY b.n LIMIT 1),
                       ${buckets} -> -1 ->> 'name') END`;
}

/**
 * The same over rows of `prev` (oldest2 after advance-period, non_accrual, non_accrual_since; $2 the
 * date, $5 the non-accrual threshold): a loan whose product names buckets (`buckets`, jsonb) is
 * bucketed by them, any other by `defaults` (inlined as a CASE).
 */
export function delinquencySql(defaults: readonly DelinquencyBucket[]): (prev: string) => string {
  return (prev) => `SELECT d.*,
    ${bucketOfSql('d.buckets', 'd.dpd2', defaults)} AS bucket2,
    d.non_accrual OR d.dpd2 > $5 AS non_accrual2,
    -- Interest is recognised through the day the loan stops accruing (that day's accrual is the last).
    CASE WHEN NOT d.non_accrual AND d.dpd2 > $5 THEN $2::date ELSE d.non_accrual_since END AS non_accrual_since2
  FROM (SELECT p.*, CASE WHEN p.oldest2 IS NULL THEN 0 ELSE $2::date - p.oldest2 END AS dpd2 FROM ${prev} p) d`;
}

/** The delinquency step, bucketing loans without buckets of their own by `defaults`. */
export function delinquencyStep(defaults: readonly DelinquencyBucket[] = DEFAULT_BUCKETS): CobStep {
  return { name: 'delinquency', apply: delinquency, sql: delinquencySql(defaults) };
}
