import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Config } from '../config/config';
import { type Services, createServices, entities, jobDefinitions, jobSchedules } from './composition';
import { createAppDataSource } from '../platform/db/data-source';
import { type DatabaseEndpoints, ensureAppRole, resolveDatabase } from '../platform/db/database';
import type { KeepAliveEvent } from '../platform/db/embedded-postgres';
import { runMigrations } from './migrate';
import { createLogger } from '../platform/observability/logger';
import { type Metrics, createMetrics } from '../platform/observability/metrics';
import { QueueRuntime } from '../platform/queue/queue-runtime';
import { startDispatchTrigger } from '../modules/events/dispatch-trigger';
import { setNetworkGuard } from '../platform/tenancy/transaction-scope';
import type { Providers } from '../platform/providers/providers';

/** Everything a process (API, worker, CLI) runs on, built once and closed once. */
export interface Runtime {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  db: DatabaseEndpoints;
  dataSource: DataSource;
  queue: QueueRuntime;
  services: Services;
  /** Closes what boot opened, in order; `onStep` hears each step as it starts. */
  close(onStep?: (step: string) => void): Promise<void>;
}

export interface BootOptions {
  /** Run pending migrations (and make sure the app role exists) before anything else. */
  migrate: boolean;
  /** Start a job worker in this process. */
  worker: boolean;
  /** Start the embedded PostgreSQL again if it dies while this process runs (the API; a CLI command is too short-lived to bother). */
  keepDatabaseAlive?: boolean;
  logger?: Logger;
  /** The vendors' adapters (identity, bureau, payments); the built-in sandboxes when not given. */
  providers?: Providers;
}

/**
 * Boots the shared parts in order: database (embedded when no DATABASE_URL), migrations as owner,
 * the app-role pool, the queues (Redis when REDIS_URL, else BullMQ's Postgres backend), services.
 */
export async function bootRuntime(config: Config, opts: BootOptions): Promise<Runtime> {
  const logger = opts.logger ?? createLogger(config.logLevel);
  // No outbound call inside an open transaction: refused outright in development and tests.
  setNetworkGuard(config.env !== 'production');
  const metrics = createMetrics();
  const keepAlive = opts.keepDatabaseAlive
    ? {
        notify: (e: KeepAliveEvent) => {
          if (e.event === 'restarted') logger.info(e, 'embedded postgres restarted');
          else logger.warn(e, e.event === 'restart-failed' ? 'embedded postgres did not restart yet; retrying' : 'embedded postgres is down; restarting it');
        },
      }
    : undefined;
  const db = await resolveDatabase(config, (line) => logger.debug({ postgres: line.trim() }, 'embedded postgres'), keepAlive);
  try {
    if (opts.migrate) {
      if (!config.appDatabaseUrl) await ensureAppRole(db.ownerUrl, config.appDbPassword);
      const ran = await runMigrations(db.ownerUrl, { citusDistribute: config.citus.distribute });
      if (ran.length) logger.info({ migrations: ran }, 'migrations applied');
    }
    const dataSource = await createAppDataSource(db.appUrl, entities, { statementTimeoutMs: config.statementTimeoutMs });
    const queue = new QueueRuntime(config.redisUrl ? { kind: 'redis', url: config.redisUrl } : { kind: 'postgres', url: db.ownerUrl });
    const services = createServices(config, () => dataSource, () => queue, opts.providers);
    let stopDispatchTrigger: () => void = () => undefined;
    if (opts.worker) {
      queue.startWorker({ dataSource, metrics, logger }, jobDefinitions(services), config.workerConcurrency);
      stopDispatchTrigger = await startDispatchTrigger({
        notifications: services.eventNotifications(), deliveries: services.webhookDeliveries, queue, logger, sweepMs: config.webhooks.sweepMs,
      });
      // The clocks of the periodic jobs (each tick is a no-op when there is nothing to do).
      for (const schedule of jobSchedules) {
        await queue
          .queue()
          .upsertJobScheduler(schedule.id, { every: schedule.everyMs }, { name: schedule.job, data: { tenantId: null } })
          .catch((err: Error) => logger.warn({ err: err.message, schedule: schedule.id }, 'job scheduler not installed'));
      }
    }
    return {
      config, logger, metrics, db, dataSource, queue, services,
      async close(onStep: (step: string) => void = () => undefined) {
        stopDispatchTrigger();
        onStep('closing the LISTEN connection');
        await services.closeNotifications();
        onStep('closing the queue and its workers');
        await queue.close(config.shutdownGraceMs / 2, (n) => logger.warn({ workers: n }, 'a worker did not close in time; its jobs run again'));
        onStep('closing the database pool');
        await dataSource.destroy();
        onStep('stopping the embedded PostgreSQL');
        await db.stop();
      },
    };
  } catch (err) {
    await db.stop().catch(() => undefined);
    throw err;
  }
}
