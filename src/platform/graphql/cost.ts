import type { ComplexityEstimatorArgs } from 'graphql-query-complexity';

/**
 * The query-cost model, in points. A point is about the server time of resolving one field of an
 * object already loaded; a page of a connection costs its children once per requested row (see
 * limits.ts). Fields whose work grows with an argument declare it beside their resolver, with
 * type-graphql's `complexity` option and the helpers below, so the price of a field is read where its
 * work is written. Weights are measured, not guessed: `BENCH_ONLY=query-cost npm run bench` prints
 * the time of the most expensive query these weights admit, next to cheap reads under its load.
 */
export type CostFunction = (args: ComplexityEstimatorArgs) => number;

/**
 * A field whose work is `units(args)` repetitions of something costing `perUnit` points, plus `base`
 * and what the caller selects under it (`childComplexity`). Units the arguments do not give (a
 * variable not yet coerced, an argument left out) count as `fallbackUnits`.
 */
export function costPer(base: number, perUnit: number, units: (args: Record<string, any>) => number | undefined, fallbackUnits = 1): CostFunction {
  return ({ args, childComplexity }) => {
    const n = units(args);
    const count = typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : fallbackUnits;
    return Math.ceil(base + childComplexity + perUnit * count);
  };
}

/** A field of fixed work beyond what the caller selects under it (a ledger scan, a loan's replay). */
export function costOf(points: number): CostFunction {
  return ({ childComplexity }) => points + childComplexity;
}
