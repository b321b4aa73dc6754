import { mountConsole } from './console';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import IORedis from 'ioredis';
import { CostBudget, PostgresBucketStore, RedisBucketStore } from '../../platform/http/rate-limit';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault, ApolloServerPluginLandingPageProductionDefault } from '@apollo/server/plugin/landingPage/default';
import express, { type Express } from 'express';
import type { GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { createResolvers, permissionMaps } from '../composition';
import { ANONYMOUS, authenticate } from '../../platform/auth/authenticate';
import { CredentialCache, listenForCredentialChanges } from '../../platform/auth/credential-cache';
import type { GraphQLContext } from '../../platform/graphql/context';
import { formatError, toAppError } from '../../platform/graphql/errors';
import { inputGuardPlugin } from '../../platform/graphql/input-guard';
import { documentLimitRules, queryLimitsPlugin, tokenLimit } from '../../platform/graphql/limits';
import { mergeRuleMaps, shieldMiddleware } from '../../platform/graphql/permissions';
import { observabilityPlugin, transactionPlugin } from '../../platform/graphql/plugins';
import { buildGraphQLSchema } from '../../platform/graphql/schema';
import { yieldBeforeCostlyFields } from '../../platform/graphql/slices';
import { flushAfterMutations } from '../../platform/graphql/unit-of-work';
import type { Runtime } from '../runtime';
import { RequestContext } from '../../platform/tenancy/request-context';
import { TenantTransaction } from '../../platform/tenancy/tenant-transaction';
import { bindTransaction, withTransactionScope } from '../../platform/tenancy/transaction-scope';
import { graphqlShapedErrors } from '../../platform/http/http-errors';
import { attachSubscriptions } from './subscriptions';
import { RequestLoaders } from '../../platform/graphql/loaders';

export interface HttpApp {
  app: Express;
  apollo: ApolloServer<GraphQLContext>;
  schema: GraphQLSchema;
  /** Stops accepting GraphQL work (in-flight operations finish first) and closes subscriptions. */
  stop(): Promise<void>;
  /** Credentials verified a moment ago (see CredentialCache). */
  credentials: CredentialCache;
  /** Serves GraphQL subscriptions (graphql-ws) on the listening server's /graphql. */
  attachSubscriptions(server: Server): void;
}

/** The schema as served: code-first types with the shield around every field whose rule is not `allow`. */
export async function buildServedSchema(runtime: Pick<Runtime, 'services'>): Promise<GraphQLSchema> {
  const schema = await buildGraphQLSchema(createResolvers(runtime.services));
  return flushAfterMutations(yieldBeforeCostlyFields(applyMiddleware(schema, shieldMiddleware(schema, mergeRuleMaps(schema, permissionMaps)))));
}

/** /healthz (the process is up) and /readyz (database and queue answer), for the API and the worker alike. */
export function mountHealth(app: Express, runtime: Pick<Runtime, 'dataSource' | 'queue'>): void {
  const { dataSource } = runtime;
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const checks: Record<string, string> = {};
    await dataSource.query('SELECT 1').then(() => (checks.database = 'ok'), (e: Error) => (checks.database = e.message));
    await runtime.queue.ping().then(() => (checks.queue = 'ok'), (e: Error) => (checks.queue = e.message));
    const ready = Object.values(checks).every((v) => v === 'ok');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks });
  });
}

/** Prometheus /metrics: never on the API's public port, only on a port of its own (METRICS_PORT) or the worker's. */
export function mountMetrics(app: Express, runtime: Pick<Runtime, 'metrics'>): void {
  app.get('/metrics', async (_req, res) => {
    res.type(runtime.metrics.registry.contentType).send(await runtime.metrics.registry.metrics());
  });
}

/** Serves /metrics alone on `port` (the API's METRICS_PORT), for the scraper inside the cluster. */
export async function serveMetrics(runtime: Pick<Runtime, 'metrics'>, port: number): Promise<Server> {
  const app = express();
  app.disable('x-powered-by');
  mountMetrics(app, runtime);
  return new Promise((resolve, reject) => {
    const server = app.listen(port, () => resolve(server));
    server.once('error', reject);
  });
}

/** The API: GraphQL at /graphql, plus /healthz and /readyz (metrics: see serveMetrics). */
export async function createHttpApp(runtime: Runtime): Promise<HttpApp> {
  const { config, dataSource, metrics, logger } = runtime;
  const development = config.env === 'development';
  const schema = await buildServedSchema(runtime);
  // Only a process that serves requests spends budgets; with Redis, on a connection of its own that
  // fails fast, so a Redis outage lets requests through rather than holding them.
  const limiterRedis = config.rateLimits.enabled && config.redisUrl ? new IORedis(config.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false }) : null;
  limiterRedis?.on('error', () => undefined);
  const budget = config.rateLimits.enabled
    ? new CostBudget(limiterRedis ? new RedisBucketStore(limiterRedis) : new PostgresBucketStore(() => dataSource), config.rateLimits,
      async (tenantId) => ((await dataSource.query('SELECT api_plan_of($1) AS plan', [tenantId])) as { plan: string | null }[])[0]?.plan ?? null,
      undefined, (err) => logger.warn({ err: err.message }, 'cost budget unavailable; request let through'))
    : null;
  // A credential verified a moment ago is not looked up again while this process hears every change
  // to credentials (and plans) on the LISTEN connection.
  const credentials = new CredentialCache(config.credentialCacheMs);
  const stopListening = listenForCredentialChanges(runtime.services.eventNotifications(), dataSource, {
    changed(change) {
      credentials.changed(change);
      if (!change || change.kind === 'tenant_plan') budget?.forgetPlans(change?.id);
    },
    listening: (up) => credentials.listening(up),
  }, (err) => logger.warn({ err: err.message }, 'not listening for credential changes; every request looks its credential up'));

  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    introspection: true,
    // The entry points own the signals and stop Apollo as one step of a graceful shutdown.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: development,
    formatError: (formatted, error) => formatError(formatted, error, development),
    validationRules: documentLimitRules(config.graphql),
    plugins: [
      development ? ApolloServerPluginLandingPageLocalDefault({ embed: true }) : ApolloServerPluginLandingPageProductionDefault({ footer: false }),
      // No field carries a cache hint, and the cache-control plugin's per-field hook is a third of
      // the time of a list of scalar rows (every field resolver wrapped): off.
      ApolloServerPluginCacheControlDisabled(),
      inputGuardPlugin(),
      queryLimitsPlugin(() => schema, config.graphql, budget),
      transactionPlugin(),
      observabilityPlugin(logger, metrics),
    ],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  // GraphQL answers POSTs, which no cache revalidates: hashing every body for an ETag buys nothing.
  app.set('etag', false);
  mountHealth(app, runtime);
  mountConsole(app, config.consoleDir);
  // Stripe signs the exact bytes it sent: the body stays raw until the signature is checked.
  app.post('/webhooks/stripe/:tenantSlug', express.raw({ type: 'application/json', limit: '1mb' }), async (req, res) => {
    try {
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const answer = await runtime.services.stripeWebhooks.handle(String(req.params.tenantSlug), body, req.header('stripe-signature'));
      if (answer.status >= 400) logger.warn({ tenantSlug: req.params.tenantSlug, status: answer.status, reason: answer.body.error }, 'stripe webhook refused');
      res.status(answer.status).json(answer.body);
    } catch (err) {
      logger.error({ err }, 'stripe webhook failed');
      res.status(500).json({ error: 'internal error' });
    }
  });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    tokenLimit(config.graphql.maxTokens),
    // The request's transaction is its async context's (bound below), so an outbound call made while it is open is refused.
    (_req, _res, next) => withTransactionScope(undefined, () => next()),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const requestId = (req.headers['x-request-id'] as string | undefined)?.slice(0, 100) || randomUUID();
        // A database that is down answers 503 SERVICE_UNAVAILABLE here too, not "context creation failed".
        const header = req.headers.authorization;
        const { principal, check } = !header ? { principal: ANONYMOUS, check: undefined }
          : await credentials.principalOf(header, dataSource, (db) => authenticate(db, config.jwt, header)).catch((err: unknown) => {
            throw toAppError(err) ?? err;
          });
        // A kept verdict is confirmed by the transaction's first statement (see CredentialCache).
        const transaction = new TenantTransaction(dataSource, { tenantId: principal.tenantId, platform: principal.platform }, check);
        bindTransaction(transaction);
        const client = { ip: req.ip ?? null, userAgent: req.headers['user-agent']?.slice(0, 300) ?? null };
        const ctx = new RequestContext(requestId, principal.tenantId, principal.actor, new Set(principal.roles), transaction, principal.borrowerId, principal.platform, client);
        return { ctx, transaction, loaders: new RequestLoaders(ctx) };
      },
    }),
  );
  app.use(graphqlShapedErrors(logger));
  const subscriptions: { close(): Promise<void> }[] = [];
  return {
    app, apollo, schema, credentials,
    attachSubscriptions: (server) => void subscriptions.push(attachSubscriptions(server, runtime, schema)),
    async stop() {
      await Promise.all(subscriptions.map((s) => s.close()));
      await apollo.stop();
      stopListening();
      limiterRedis?.disconnect();
    },
  };
}
