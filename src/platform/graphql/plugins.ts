import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from 'pino';
import type { Metrics } from '../observability/metrics';
import type { GraphQLContext } from './context';

/**
 * Closes each request's tenant transaction before the answer leaves: committed when the operation
 * had no error, rolled back otherwise, so nothing half-written survives a failure.
 */
export function transactionPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response, logger }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          try {
            await contextValue.transaction.finish(!errors?.length);
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

/** One structured log line and metric sample per operation, with request id, tenant and operation. */
export function observabilityPlugin(logger: Logger, metrics: Metrics): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      let operation = 'unknown';
      return {
        async didResolveOperation({ operationName, operation: op }) {
          operation = operationName ?? op?.selectionSet.selections.map((s) => ('name' in s && s.name ? s.name.value : '?')).join(',') ?? 'anonymous';
        },
        async willSendResponse({ response, errors }) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const codes = (response.body.kind === 'single' ? response.body.singleResult.errors : undefined)?.map((e) => String(e.extensions?.code ?? 'INTERNAL')) ?? [];
          const outcome = codes.length ? 'error' : 'ok';
          metrics.graphqlRequests.inc({ operation, outcome });
          metrics.graphqlDuration.observe({ operation }, seconds);
          const { ctx } = contextValue;
          const line = { requestId: ctx.requestId, tenantId: ctx.tenantId, actor: ctx.actor.type, operation, durationMs: Math.round(seconds * 1000), errors: codes };
          if (codes.includes('INTERNAL')) logger.error({ ...line, err: errors?.[0] }, 'graphql request failed');
          else logger.info(line, 'graphql request');
        },
      };
    },
  };
}
