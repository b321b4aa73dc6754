import type { ApolloServerPlugin } from '@apollo/server';
import { type GraphQLSchema, Kind, type OperationDefinitionNode } from 'graphql';
import type { Logger } from 'pino';
import type { Metrics } from '../observability/metrics';
import type { GraphQLContext } from './context';

/**
 * Closes each request's tenant transaction before the answer leaves: committed when the operation
 * had no error, rolled back otherwise, so nothing half-written survives a failure. A field of the
 * answer the caller may not read (FORBIDDEN below a root field) is no failure of the write: a
 * borrower that asks submitApplication for the decision still has its application.
 */
export function transactionPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response, logger }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          try {
            const failed = errors?.some((e) => !(e.extensions?.code === 'FORBIDDEN' && (e.path?.length ?? 0) > 1)) ?? false;
            await contextValue.transaction.finish(!failed);
          } catch (err) {
            // The commit (or the work just before it) failed: nothing was written, so the answer must not say otherwise.
            logger.error(`commit failed for request ${contextValue.ctx.requestId}: ${(err as Error).message}`);
            if (response.body.kind === 'single') {
              response.body.singleResult = { data: null, errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL' } }] };
            }
          }
        },
      };
    },
  };
}

/** The metric label of every operation that is not a single known root field. */
export const OTHER_OPERATION = 'other';

/**
 * The `operation` label: the one root field the operation selects, when the schema has it, else
 * `other`. Never the client's operation name, which anyone can vary to mint new series without end:
 * the label's values are bounded by the schema.
 */
export function operationLabel(schema: GraphQLSchema, op: OperationDefinitionNode | undefined): string {
  const root = op ? schema.getRootType(op.operation) : undefined;
  if (!op || !root || op.selectionSet.selections.length !== 1) return OTHER_OPERATION;
  const [only] = op.selectionSet.selections;
  return only.kind === Kind.FIELD && Object.hasOwn(root.getFields(), only.name.value) ? only.name.value : OTHER_OPERATION;
}

/** One structured log line and metric sample per operation, with request id, tenant and operation. */
export function observabilityPlugin(logger: Logger, metrics: Metrics): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      let operation = OTHER_OPERATION;
      let operationName: string | null = null;
      return {
        async didResolveOperation({ schema, operationName: named, operation: op }) {
          operation = operationLabel(schema, op);
          operationName = named?.slice(0, 100) ?? null;
        },
        async willSendResponse({ response, errors }) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const codes = (response.body.kind === 'single' ? response.body.singleResult.errors : undefined)?.map((e) => String(e.extensions?.code ?? 'INTERNAL')) ?? [];
          const outcome = codes.length ? 'error' : 'ok';
          metrics.graphqlRequests.inc({ operation, outcome });
          metrics.graphqlDuration.observe({ operation }, seconds);
          const { ctx } = contextValue;
          const line = { requestId: ctx.requestId, tenantId: ctx.tenantId, actor: ctx.actor.type, operation, operationName, durationMs: Math.round(seconds * 1000), errors: codes };
          if (codes.includes('INTERNAL')) logger.error({ ...line, err: errors?.[0] }, 'graphql request failed');
          else logger.info(line, 'graphql request');
        },
      };
    },
  };
}
