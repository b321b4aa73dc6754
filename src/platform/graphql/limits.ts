import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema, Kind, type OperationDefinitionNode, type SelectionSetNode, visit } from 'graphql';
import { type ComplexityEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { AppError } from './errors';

/** Depth of the deepest field path of an operation, following fragments; introspection is not counted. */
export function operationDepth(document: DocumentNode, operation: OperationDefinitionNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const walk = (set: SelectionSetNode | undefined, depth: number, seen: Set<string>): number => {
    if (!set) return depth;
    let max = depth;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value.startsWith('__')) continue;
        max = Math.max(max, walk(sel.selectionSet, depth + 1, seen));
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        max = Math.max(max, walk(sel.selectionSet, depth, seen));
      } else {
        const name = sel.name.value;
        const fragment = fragments.get(name);
        if (fragment && !seen.has(name)) max = Math.max(max, walk(fragment.selectionSet, depth, new Set(seen).add(name)));
      }
    }
    return max;
  };
  return walk(operation.selectionSet, 0, new Set());
}

const measurements = new WeakMap<DocumentNode, Map<string, { depth: number; variableCost: boolean; cost?: number }>>();

/**
 * Whether the cost depends on the request's variables: a page size (`first`) given by a variable, or
 * a field kept or dropped by @include / @skip.
 */
function costDependsOnVariables(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Argument(node) {
      if (node.name.value === 'first' && node.value.kind !== Kind.INT) found = true;
    },
    Directive(node) {
      if (node.name.value === 'include' || node.name.value === 'skip') found = true;
    },
  });
  return found;
}

/** A list field with `first` costs its children once per requested row. */
const connectionEstimator = (defaultPageSize: number): ComplexityEstimator => ({ args, childComplexity, field }) => {
  if (!field.args.some((a) => a.name === 'first')) return undefined;
  const first = typeof args.first === 'number' ? args.first : defaultPageSize;
  return 1 + childComplexity * first;
};

/**
 * Rejects operations deeper than `maxDepth` or costlier than `maxCost` before they execute, with the
 * coded error QUERY_TOO_COMPLEX and the measured figure.
 */
export function queryLimitsPlugin(schema: () => GraphQLSchema, limits: { maxDepth: number; maxCost: number; defaultPageSize: number }): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request }) {
          if (!operation) return;
          // Depth is the document's; the cost too, unless a page size comes from a variable. Apollo
          // keeps one parsed document per query text, so both are measured once per text.
          const measured = measurements.get(document) ?? new Map<string, { depth: number; variableCost: boolean; cost?: number }>();
          measurements.set(document, measured);
          const key = request.operationName ?? '';
          let m = measured.get(key);
          if (!m) measured.set(key, (m = { depth: operationDepth(document, operation), variableCost: costDependsOnVariables(document) }));
          const depth = m.depth;
          if (depth > limits.maxDepth) {
            throw new AppError('QUERY_TOO_COMPLEX', `Query depth ${depth} exceeds the limit of ${limits.maxDepth}`, { depth, maxDepth: limits.maxDepth });
          }
          let cost = m.cost;
          try {
            cost ??= getComplexity({
              schema: schema(),
              query: document,
              operationName: request.operationName ?? undefined,
              variables: request.variables ?? {},
              estimators: [connectionEstimator(limits.defaultPageSize), simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch (err) {
            // The estimator gives up on a document with too many fields (e.g. 10,000 aliases) before it has a figure.
            if (/maximum allowed number of nodes/.test((err as Error).message)) {
              throw new AppError('QUERY_TOO_COMPLEX', 'Query has too many fields to run', { maxCost: limits.maxCost });
            }
            // Variables it cannot coerce: execution refuses them (BAD_USER_INPUT, naming the variable) before any resolver runs.
            return;
          }
          if (!m.variableCost) m.cost = cost;
          if (cost > limits.maxCost) {
            throw new AppError('QUERY_TOO_COMPLEX', `Query cost ${cost} exceeds the limit of ${limits.maxCost}`, { cost, maxCost: limits.maxCost });
          }
        },
      };
    },
  };
}
