import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { MaxTokensParserWLexer } from '@escape.tech/graphql-armor-max-tokens';
import {
  type DocumentNode, type FragmentDefinitionNode, type GraphQLError, type GraphQLSchema, Kind, type OperationDefinitionNode, type SelectionSetNode,
  TypeInfo, type ValidationContext, type ValidationRule, type ValueNode, visit, visitWithTypeInfo,
} from 'graphql';
import { type ComplexityEstimator, fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import type { CostBudget, ThrottleStatus } from '../http/rate-limit';
import type { GraphQLContext } from './context';
import { CONNECTION_ROW_POINTS, type CostContext, connectionRows, readsArguments } from './cost';
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

export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
  defaultPageSize: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
}

/** The figure armor's message names ("… found 31."), when it names one. */
const found = (err: GraphQLError): number | undefined => {
  const m = /found (\d+)/.exec(err.message);
  return m ? Number(m[1]) : undefined;
};

/**
 * Validation rules (graphql-armor) that refuse a document with more aliases or directives than the
 * limits, counted through fragments, as QUERY_TOO_COMPLEX (HTTP 400) naming the limit. They run once
 * per query text: Apollo keeps validated documents.
 */
export function documentLimitRules(limits: Pick<QueryLimits, 'maxAliases' | 'maxDirectives'>): ValidationRule[] {
  const refuse = (what: 'aliases' | 'directives', limit: number) => (ctx: ValidationContext | null, err: GraphQLError) => {
    const n = found(err);
    const key = what === 'aliases' ? 'maxAliases' : 'maxDirectives';
    ctx?.reportError(new AppError('QUERY_TOO_COMPLEX', `Query has ${n ?? 'too many'} ${what}; at most ${limit} are allowed`, { [what]: n, [key]: limit, http: { status: 400 } }));
  };
  return [
    // No allow-list: 10,000 aliases of __typename are as much work to answer as any.
    maxAliasesRule({ n: limits.maxAliases, allowList: [], propagateOnRejection: false, onReject: [refuse('aliases', limits.maxAliases)] }),
    maxDirectivesRule({ n: limits.maxDirectives, propagateOnRejection: false, onReject: [refuse('directives', limits.maxDirectives)] }),
  ];
}

/**
 * Refuses a document of more than `maxTokens` tokens while reading it (graphql-armor's counting
 * parser), before Apollo parses it, so a huge document costs at most that many tokens of work:
 * QUERY_TOO_COMPLEX, HTTP 400. Express middleware in front of Apollo (whose plugin hooks cannot refuse
 * a request before parsing); query texts already accepted are remembered, so a client's usual
 * documents are read once.
 */
export function tokenLimit(maxTokens: number): RequestHandler {
  const accepted = new Set<string>();
  const tooMany = (source: string): boolean => {
    if (accepted.has(source)) return false;
    let refused = false;
    try {
      new MaxTokensParserWLexer(source, { n: maxTokens, propagateOnRejection: true, onReject: [() => (refused = true)] }).parseDocument();
    } catch {
      // A syntax error other than the limit: Apollo's own parse reports it (GRAPHQL_PARSE_FAILED).
      return refused;
    }
    if (source.length <= 20_000) {
      if (accepted.size >= 1000) accepted.clear();
      accepted.add(source);
    }
    return false;
  };
  return (req, res, next) => {
    const body: unknown = req.body;
    const sources = [...(Array.isArray(body) ? body : [body]).map((b) => (b as { query?: unknown } | undefined)?.query), req.query?.query];
    if (sources.some((q) => typeof q === 'string' && tooMany(q))) {
      res.status(400).json({ errors: [{ message: `Query has more than ${maxTokens} tokens`, extensions: { code: 'QUERY_TOO_COMPLEX', maxTokens } }] });
      return;
    }
    next();
  };
}

interface Measured {
  depth: number;
  /** Whether the cost depends on the request's variables (then it is measured on every request). */
  variableCost: boolean;
  cost?: number;
}

const measurements = new WeakMap<DocumentNode, Map<string, Measured>>();

/**
 * Whether the cost depends on the request's variables: a variable given to a field whose price reads
 * its arguments (a page size, a termCount, a list of cash flows; see `readsArguments`), or an
 * @include / @skip that keeps or drops fields. A mutation's input, however large, does not change
 * its price when the field's price does not read it: its cost is then measured once per document.
 */
function costDependsOnVariables(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): boolean {
  const hasVariables = !!operation.variableDefinitions?.length;
  let found = false;
  const typeInfo = new TypeInfo(schema);
  visit(document, visitWithTypeInfo(typeInfo, {
    Directive(node) {
      if (node.name.value === 'include' || node.name.value === 'skip') found = true;
    },
    Field(node) {
      if (found || !hasVariables || !node.arguments?.length) return;
      const field = typeInfo.getFieldDef();
      const priced = !field || field.args.some((a) => a.name === 'first') || readsArguments(field.extensions?.complexity);
      if (priced && node.arguments.some((a) => usesVariable(a.value))) found = true;
    },
  }));
  return found;
}

function usesVariable(value: ValueNode): boolean {
  switch (value.kind) {
    case Kind.VARIABLE: return true;
    case Kind.LIST: return value.values.some(usesVariable);
    case Kind.OBJECT: return value.fields.some((f) => usesVariable(f.value));
    default: return false;
  }
}

/** The document's fragments, for cost functions that price what their field selects (see cost.ts). */
function costContext(document: DocumentNode): CostContext {
  const fragments: CostContext['fragments'] = {};
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
  return { fragments };
}

/** A list field with `first` costs its children, and the row itself, once per requested row. */
const connectionEstimator = (defaultPageSize: number): ComplexityEstimator => ({ args, childComplexity, field }) => {
  if (!field.args.some((a) => a.name === 'first')) return undefined;
  return 1 + connectionRows(args.first, defaultPageSize) * (childComplexity + CONNECTION_ROW_POINTS);
};

/** The response's `extensions.cost`, as Shopify's Admin API reports it. */
export interface QueryCostReport {
  requestedQueryCost: number;
  throttleStatus?: ThrottleStatus;
}

/**
 * Requests at or above this cost (about a millisecond of CPU) are costly: a replica runs at most
 * {@link COSTLY_AT_ONCE} of them at a time, the others waiting their turn (holding no transaction)
 * before they start. Node runs one piece of work at a time: four costly requests interleaved answer
 * no sooner than four in turn, but every cheap request would wait behind a piece of each of them.
 */
export const COSTLY_QUERY_POINTS = 1000;
export const COSTLY_AT_ONCE = 2;

/** A counting semaphore, first come first served. */
class Turns {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  /** Resolves when the caller may run, with the function that ends its turn (call it once). */
  async take(): Promise<() => void> {
    if (this.running < this.size) this.running++;
    else await new Promise<void>((ok) => this.waiting.push(ok));
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    };
  }
}

/**
 * Limits every operation before it runs (after tokenLimit and documentLimitRules have refused too
 * many tokens, aliases and directives): depth and cost (QUERY_TOO_COMPLEX, HTTP 400, with the measured figure),
 * then the caller's cost budget (RATE_LIMITED, HTTP 429, when the bucket lacks the points). Every
 * answer that got as far as a cost reports it in `extensions.cost`. A request refused before it
 * has a cost (a syntax or validation error) takes one point, so invalid documents are not free.
 */
export function queryLimitsPlugin(schema: () => GraphQLSchema, limits: QueryLimits, budget: CostBudget | null = null): ApolloServerPlugin<GraphQLContext> {
  const estimators = [fieldExtensionsEstimator(), connectionEstimator(limits.defaultPageSize), simpleEstimator({ defaultComplexity: 1 })];
  const costly = new Turns(COSTLY_AT_ONCE);
  return {
    async requestDidStart({ contextValue }) {
      let report: QueryCostReport | undefined;
      let charged = false;
      let endTurn: (() => void) | undefined;
      const spender = () => ({ tenantId: contextValue.ctx.tenantId, actor: contextValue.ctx.actor, ip: contextValue.ctx.client.ip });
      return {
        async didResolveOperation({ document, operation, request }) {
          if (!operation) return;
          // Depth is the document's; the cost too, unless variables feed it. Apollo keeps one parsed
          // document per query text, so a fixed text is measured once.
          const measured = measurements.get(document) ?? new Map<string, Measured>();
          measurements.set(document, measured);
          const key = request.operationName ?? '';
          let m = measured.get(key);
          if (!m) measured.set(key, (m = { depth: operationDepth(document, operation), variableCost: costDependsOnVariables(schema(), document, operation) }));
          const depth = m.depth;
          if (depth > limits.maxDepth) {
            throw new AppError('QUERY_TOO_COMPLEX', `Query depth ${depth} exceeds the limit of ${limits.maxDepth}`, { depth, maxDepth: limits.maxDepth });
          }
          let cost = m.cost;
          try {
            cost ??= getComplexity({ schema: schema(), query: document, operationName: request.operationName ?? undefined, variables: request.variables ?? {}, estimators, context: costContext(document) });
          } catch (err) {
            if (/maximum allowed number of nodes/.test((err as Error).message)) {
              throw new AppError('QUERY_TOO_COMPLEX', 'Query has too many fields to run', { maxCost: limits.maxCost });
            }
            // Variables it cannot coerce: execution refuses them (BAD_USER_INPUT, naming the variable) before any resolver runs.
            return;
          }
          if (!m.variableCost) m.cost = cost;
          report = { requestedQueryCost: cost };
          if (cost > limits.maxCost) {
            throw new AppError('QUERY_TOO_COMPLEX', `Query cost ${cost} exceeds the limit of ${limits.maxCost}`, { cost, maxCost: limits.maxCost });
          }
          if (budget) {
            charged = true;
            try {
              const status = await budget.charge(spender(), cost);
              if (status) report.throttleStatus = status;
            } catch (err) {
              const status = (err as AppError).extensions?.throttleStatus as ThrottleStatus | undefined;
              if (status) report.throttleStatus = status;
              throw err;
            }
          }
          // Last, so nothing after it can fail before willSendResponse ends the turn.
          if (cost >= COSTLY_QUERY_POINTS && operation.operation === 'query') endTurn = await costly.take();
        },
        async willSendResponse({ response }) {
          endTurn?.();
          if (budget && !charged) {
            charged = true;
            await budget.charge(spender(), 1).catch(() => undefined);
          }
          if (report && response.body.kind === 'single') {
            const result = response.body.singleResult;
            result.extensions = { ...result.extensions, cost: report };
          }
        },
      };
    },
  };
}
