import 'reflect-metadata';
import type { Server } from 'node:http';
import { loadConfig } from './config/config';
import { resetEmbeddedDatabase } from './platform/db/reset';
import { createHttpApp, serveMetrics } from './app/http/app';
import { bootRuntime } from './app/runtime';
import { applyTenantFiles } from './modules/tenant-config/apply-tenant-files';

/**
 * The API entry point. With no DATABASE_URL it runs on the embedded PostgreSQL, with no REDIS_URL
 * the queues run on BullMQ's Postgres backend, and the job worker runs in this process too.
 * `--fresh` wipes the embedded database first.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (process.argv.includes('--fresh')) await resetEmbeddedDatabase(config);
  const runtime = await bootRuntime(config, { migrate: config.migrateOnBoot, worker: config.inProcessWorker, keepDatabaseAlive: true });
  const { logger } = runtime;
  const report = await applyTenantFiles(runtime.services.units, runtime.services, config.tenantsDir);
  logger.info({ tenants: report.results.map((r) => `${r.slug}:${r.outcome}`) }, 'tenants applied');
  const http = await createHttpApp(runtime);
  const server: Server = await new Promise((resolve) => {
    const s = http.app.listen(config.port, () => resolve(s));
  });
  http.attachSubscriptions(server);
  // Metrics on a port of their own, which only the cluster's scraper reaches.
  const metricsServer = config.metricsPort ? await serveMetrics(runtime, config.metricsPort) : null;
  const url = `http://localhost:${config.port}/graphql`;
  const slugs = report.results.map((r) => r.slug);
  process.stderr.write(
    [
      '',
      `  microlend is up: GraphQL at ${url} (subscriptions: ws://localhost:${config.port}/graphql, graphql-ws)`,
      `  database: ${runtime.db.embedded ? `embedded PostgreSQL, data in ${config.embedded.dataDir}` : 'DATABASE_URL'}; queues: ${config.redisUrl ? 'Redis' : 'PostgreSQL (BullMQ Postgres backend)'}`,
      `  console: http://localhost:${config.port}/console/ (staff sign in: npx microlend user create --tenant ${slugs[0] ?? '<slug>'} --email E --name N --role LENDER_ADMIN --password P)`,
      `  tenants: ${slugs.join(', ') || '(none)'}`,
      `  metrics: ${config.metricsPort ? `http://localhost:${config.metricsPort}/metrics` : 'off (set METRICS_PORT)'}`,
      `  get a key:  npx microlend apikey create --tenant ${slugs[0] ?? '<slug>'} --role LENDER_ADMIN`,
      `  then:       curl -s ${url} -H "Authorization: Bearer <key>" -H 'content-type: application/json' -d '{"query":"{ viewer { tenant { slug } roles } }"}'`,
      '',
    ].join('\n') + '\n',
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests and jobs');
    // The step under way, so an exceeded grace period says what it waited for.
    let step = 'closing the HTTP server';
    const timer = setTimeout(() => {
      logger.error({ step }, 'shutdown grace period exceeded');
      process.exit(1);
    }, config.shutdownGraceMs).unref();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    step = 'stopping GraphQL and subscriptions';
    await http.stop();
    step = 'closing the metrics server';
    await new Promise((resolve) => (metricsServer ? metricsServer.close(resolve) : resolve(undefined)));
    await runtime.close((s) => (step = s));
    logger.info('runtime closed');
    clearTimeout(timer);
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  process.stderr.write(`microlend failed to start: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
