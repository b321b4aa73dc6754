import { accrueInterestStep } from './accrue-interest';
import { accruePenaltyStep } from './accrue-penalty';
import { advancePeriodStep } from './advance-period';
import { DEFAULT_BUCKETS, delinquencyStep } from './delinquency';
import type { CobStep, DelinquencyBucket, Night, NightlyLoanState, NightlyTerms } from './types';

/**
 * The nightly run's slots, in the order a business date runs them for each loan. The first four are
 * the loan's own clock; the rest are where later modules register their steps (collections reacting
 * to the day's DPD, agent commissions on what was collected, a snapshot of the night's state).
 */
export const COB_SLOTS = ['advance-period', 'accrue-interest', 'accrue-penalty', 'delinquency', 'collections', 'commissions', 'snapshot'] as const;
export type CobSlot = (typeof COB_SLOTS)[number];

/** Steps other modules bring, by slot (a slot may take several, run in the order given). */
export type RegisteredSteps = Partial<Record<Exclude<CobSlot, 'advance-period' | 'accrue-interest' | 'accrue-penalty' | 'delinquency'>, readonly CobStep[]>>;

/**
 * The ordered steps of one business date: the loan's clock, then whatever is registered into the
 * later slots. `defaultBuckets` buckets loans whose product names none.
 */
export function nightlySteps(registered: RegisteredSteps = {}, defaultBuckets: readonly DelinquencyBucket[] = DEFAULT_BUCKETS): CobStep[] {
  const own: Record<CobSlot, readonly CobStep[]> = {
    'advance-period': [advancePeriodStep],
    'accrue-interest': [accrueInterestStep],
    'accrue-penalty': [accruePenaltyStep],
    delinquency: [delinquencyStep(defaultBuckets)],
    collections: registered.collections ?? [],
    commissions: registered.commissions ?? [],
    snapshot: registered.snapshot ?? [],
  };
  return COB_SLOTS.flatMap((slot) => own[slot]);
}

/** One business date of one loan through the steps: the loan after it and what the day recognised. */
export function runNight(state: NightlyLoanState, date: string, terms: NightlyTerms, steps: readonly CobStep[] = nightlySteps()): Night {
  let night: Night = { date, terms, before: state, state, interest: '0', penalty: '0', crossed: false };
  for (const step of steps) night = step.apply(night);
  return night;
}

/**
 * The steps as one chain of CTEs over `source` (a CTE name holding the loans' nightly columns): each
 * step's CTE reads the one before it; the last is named `night`. The caller writes `night` back.
 */
export function nightlyStepsSql(steps: readonly CobStep[], source: string): string {
  let prev = source;
  return steps
    .map((step, i) => {
      const name = i === steps.length - 1 ? 'night' : `step_${i}_${step.name.replace(/[^a-z0-9]+/gi, '_')}`;
      const cte = `${name} AS (\n${step.sql(prev)}\n)`;
      prev = name;
      return cte;
    })
    .join(',\n');
}
