import type { FragmentDefinitionNode } from 'graphql';
import type { ComplexityEstimatorArgs } from 'graphql-query-complexity';
import { renderedItems } from './selection';

/**
 * The query-cost model, in points. A point is about a microsecond of the API's CPU (a field of an
 * object already loaded is 1-2), so GRAPHQL_MAX_COST bounds how long one request holds the event
 * loop; a page of a connection costs its children, and the row itself, once per requested row (see
 * limits.ts). Fields whose work grows with an argument, or that do work of their own, declare it
 * beside their resolver, with type-graphql's `complexity` option and the helpers below, so the price
 * of a field is read where its work is written. Weights are measured, not guessed:
 * `BENCH_ONLY=query-cost npm run bench` prints the CPU time and microseconds a point of the most
 * expensive query of each shape the limits admit (docs/api-limits.md).
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
  const cost: CostFunction = ({ childComplexity }) => points + childComplexity;
  argumentFree.add(cost);
  return cost;
}

/** Cost functions known not to read the field's arguments (made by costOf). */
const argumentFree = new WeakSet<CostFunction>();

/**
 * Whether a field's `complexity` may read its arguments (then a variable given to it can change the
 * operation's cost): any cost function but costOf's.
 */
export function readsArguments(complexity: unknown): boolean {
  return typeof complexity === 'function' && !argumentFree.has(complexity as CostFunction);
}

/**
 * A connection's row beyond the fields selected in it: its SQL row read and decoded, its object and
 * edge. A page of 100 loans measured about 6 µs a row with one field and 37 µs with sixteen; priced
 * 12 and 27.
 */
export const CONNECTION_ROW_POINTS = 10;

/** The rows a page asks for: `first`, else the default page size. */
export function connectionRows(first: unknown, defaultPageSize = 20): number {
  return typeof first === 'number' && Number.isFinite(first) && first > 0 ? first : defaultPageSize;
}

/** What every cost function gets as `context`: the operation's fragments, to read its field's selection. */
export interface CostContext {
  fragments: Record<string, FragmentDefinitionNode>;
}

/**
 * What a list field under this one renders per item (see `renderedItems`): nothing when the list
 * is not selected. Fragments come from the `context` limits.ts passes (without it, nothing selected
 * through a spread is counted).
 */
export function listItems({ node, context }: Pick<ComplexityEstimatorArgs, 'node' | 'context'>, field: string): { lists: number; values: number } {
  return renderedItems({ fieldNodes: [node], fragments: (context as CostContext | undefined)?.fragments ?? {} }, field);
}
