import { type BackendFactory, type Job, Queue, Worker, createPostgresBackend } from 'bullmq';
import IORedis from 'ioredis';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Metrics } from '../observability/metrics';
import { runInContext } from '../tenancy/run-in-context';
import type { JobData, JobDefinition } from './job';

/** The one queue of this release; job names tell the work apart. */
export const MAIN_QUEUE = 'microlend';

/** Where the queues live: Redis in production, or BullMQ's Postgres backend over our own database. */
export type QueueBackend = { kind: 'redis'; url: string } | { kind: 'postgres'; url: string };

/**
 * BullMQ queues and workers on either backend. Jobs carry `tenantId`; the worker opens a tenant
 * transaction for each and commits only when the job succeeds.
 */
export class QueueRuntime {
  private readonly queues = new Map<string, Queue>();
  private readonly workers: Worker[] = [];
  private readonly redisConnections: IORedis[] = [];

  constructor(readonly backend: QueueBackend) {}

  queue(name = MAIN_QUEUE): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = this.backend.kind === 'redis'
        ? new Queue(name, { connection: this.redis() })
        : (new Queue(name, { connection: this.postgresConnection() }, createPostgresBackend as unknown as BackendFactory<never, never>) as unknown as Queue);
      this.queues.set(name, queue);
    }
    return queue;
  }

  async enqueue<T extends JobData>(def: JobDefinition<T>, data: T, opts: { jobId?: string; delay?: number; attempts?: number } = {}): Promise<Job> {
    return this.queue().add(def.name, data, {
      jobId: opts.jobId,
      delay: opts.delay,
      attempts: opts.attempts ?? 5,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: { count: 1000 },
      removeOnFail: { count: 5000 },
    });
  }

  /** Starts a worker for `definitions` on the main queue. */
  startWorker(deps: { dataSource: DataSource; metrics: Metrics; logger: Logger }, definitions: JobDefinition[], concurrency = 4): Worker {
    const byName = new Map(definitions.map((d) => [d.name, d]));
    const processor = async (job: Job<JobData>) => {
      const def = byName.get(job.name);
      if (!def) throw new Error(`no handler for job ${job.name}`);
      const log = deps.logger.child({ jobId: job.id, job: job.name, tenantId: job.data.tenantId });
      try {
        const result = await runInContext(
          deps.dataSource,
          { tenantId: job.data.tenantId, actor: { type: 'SYSTEM', id: `job:${job.name}` }, roles: [], platform: def.platform, requestId: `job-${job.id}` },
          (ctx) => def.run(ctx, job.data, (p) => job.updateProgress(p)),
        );
        deps.metrics.jobs.inc({ queue: MAIN_QUEUE, job: job.name, outcome: 'completed' });
        log.info('job completed');
        return result;
      } catch (err) {
        deps.metrics.jobs.inc({ queue: MAIN_QUEUE, job: job.name, outcome: 'failed' });
        log.error({ err }, 'job failed');
        throw err;
      }
    };
    // A short long-poll keeps shutdown quick: closing waits for the current poll to return.
    const options = { concurrency, drainDelay: 1 };
    const worker = this.backend.kind === 'redis'
      ? new Worker(MAIN_QUEUE, processor, { connection: this.redis(), ...options })
      : (new Worker(MAIN_QUEUE, processor, { connection: this.postgresConnection(), ...options }, createPostgresBackend as unknown as BackendFactory<never, never>) as unknown as Worker);
    worker.on('error', (err) => deps.logger.error({ err }, 'worker error'));
    this.workers.push(worker);
    return worker;
  }

  /** Readiness: the backend answers. */
  async ping(): Promise<void> {
    await this.queue().getJobCounts('active');
  }

  /** Waits for running jobs to finish, then closes every connection. */
  /**
   * Closes the workers (each finishing its current job), the queues and their connections. A worker
   * that has not closed after `workerWaitMs` is left behind (after a database restart BullMQ's loop
   * can take longer than a shutdown may): its unfinished jobs count as stalled and run again.
   */
  async close(workerWaitMs = 5_000, onLate: (n: number) => void = () => undefined): Promise<void> {
    const late = await Promise.all(this.workers.map((w) => Promise.race([w.close().then(() => false), sleep(workerWaitMs).then(() => true)])));
    if (late.some(Boolean)) onLate(late.filter(Boolean).length);
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    await Promise.all(this.redisConnections.map((c) => c.quit().catch(() => c.disconnect())));
  }

  private redis(): IORedis {
    if (this.backend.kind !== 'redis') throw new Error('not a redis backend');
    // BullMQ needs blocking commands to wait forever rather than fail after N retries.
    const connection = new IORedis(this.backend.url, { maxRetriesPerRequest: null });
    this.redisConnections.push(connection);
    return connection;
  }

  private postgresConnection() {
    return { connectionString: this.backend.url, schema: 'bullmq', migrate: true, max: 5 } as never;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
