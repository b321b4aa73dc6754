import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Config } from '../config/config';
import { type Services, createServices, entities, jobDefinitions } from '../modules';
import { createAppDataSource } from './db/data-source';
import { type DatabaseEndpoints, ensureAppRole, resolveDatabase } from './db/database';
import { runMigrations } from './db/migrate';
import { createLogger } from './observability/logger';
import { type Metrics, createMetrics } from './observability/metrics';
import { QueueRuntime } from './queue/queue-runtime';
import IORedis from 'ioredis';
import { PostgresRateLimitStore, RateLimiter, RedisRateLimitStore } from './http/rate-limit';
import { startDispatchTrigger } from '../modules/events/dispatch-trigger';

/** Everything a process (API, worker, CLI) runs on, built once and closed once. */
export interface Runtime {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  db: DatabaseEndpoints;
  dataSource: DataSource;
  queue: QueueRuntime;
  services: Services;
  /** Requests per caller and minute, counted in Redis (or PostgreSQL) across every replica. */
  rateLimiter: RateLimiter;
  close(): Promise<void>;
}

export interface BootOptions {
  /** Run pending migrations (and make sure the app role exists) before anything else. */
  migrate: boolean;
  /** Start a job worker in this process. */
  worker: boolean;
  logger?: Logger;
}

/**
 * Boots the shared parts in order: database (embedded when no DATABASE_URL), migrations as owner,
 * the app-role pool, the queues (Redis when REDIS_URL, else BullMQ's Postgres backend), services.
 */
export async function bootRuntime(config: Config, opts: BootOptions): Promise<Runtime> {
  const logger = opts.logger ?? createLogger(config.logLevel);
  const metrics = createMetrics();
  const db = await resolveDatabase(config, (line) => logger.debug({ postgres: line.trim() }, 'embedded postgres'));
  try {
    if (opts.migrate) {
      if (!config.appDatabaseUrl) await ensureAppRole(db.ownerUrl, config.appDbPassword);
      const ran = await runMigrations(db.ownerUrl, { citusDistribute: config.citus.distribute });
      if (ran.length) logger.info({ migrations: ran }, 'migrations applied');
    }
    const dataSource = await createAppDataSource(db.appUrl, entities);
    const queue = new QueueRuntime(config.redisUrl ? { kind: 'redis', url: config.redisUrl } : { kind: 'postgres', url: db.ownerUrl });
    const services = createServices(config, () => dataSource, () => queue);
    // A connection of its own that fails fast: when Redis is down the limiter lets requests through.
    const limiterRedis = config.redisUrl ? new IORedis(config.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false }) : null;
    limiterRedis?.on('error', () => undefined);
    const rateLimiter = new RateLimiter(limiterRedis ? new RedisRateLimitStore(limiterRedis) : new PostgresRateLimitStore(() => dataSource), config.rateLimits,
      undefined, (err) => logger.warn({ err: err.message }, 'rate limiter unavailable; request let through'));
    let stopDispatchTrigger = () => undefined as void;
    if (opts.worker) {
      queue.startWorker({ dataSource, metrics, logger }, jobDefinitions(services), config.workerConcurrency);
      stopDispatchTrigger = await startDispatchTrigger({
        notifications: services.eventNotifications(), deliveries: services.webhookDeliveries, queue, logger, sweepMs: config.webhooks.sweepMs,
      });
      // The nightly run's clock: every hour each tenant's closed business days are queued (no-ops when done).
      await queue
        .queue()
        .upsertJobScheduler('cob-schedule', { every: 3_600_000 }, { name: 'cob.schedule', data: { tenantId: null } })
        .catch((err: Error) => logger.warn({ err: err.message }, 'close-of-business scheduler not installed'));
      // Auto-debit: each tenant's run once per business date in its own time zone (ticks de-duplicate).
      await queue
        .queue()
        .upsertJobScheduler('payments-auto-debit', { every: 3_600_000 }, { name: 'payments.auto_debit.schedule', data: { tenantId: null } })
        .catch((err: Error) => logger.warn({ err: err.message }, 'auto-debit scheduler not installed'));
      // Usage billing: a closed month per tenant goes to Stripe once; the tick repeats during the day
      // (one report per tenant, month and day) so a month that failed is retried without waiting a month.
      await queue
        .queue()
        .upsertJobScheduler('usage-schedule', { every: 6 * 3_600_000 }, { name: 'usage.schedule', data: { tenantId: null } })
        .catch((err: Error) => logger.warn({ err: err.message }, 'usage billing scheduler not installed'));
    }
    return {
      config, logger, metrics, db, dataSource, queue, services, rateLimiter,
      async close() {
        limiterRedis?.disconnect();
        stopDispatchTrigger();
        await services.closeNotifications();
        await queue.close();
        await dataSource.destroy();
        await db.stop();
      },
    };
  } catch (err) {
    await db.stop().catch(() => undefined);
    throw err;
  }
}
