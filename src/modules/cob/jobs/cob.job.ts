import { hostname } from 'node:os';
import type { JobData, JobDefinition } from '../../../platform/queue/job';
import type { QueueRuntime } from '../../../platform/queue/queue-runtime';
import { todayIn } from '../../../platform/tenancy/business-date';
import type { TenantDirectory } from '../../../platform/tenancy/tenant-directory';
import { addDays, type CobService } from '../cob.service';

type RunData = JobData & { date: string };
type PartitionData = JobData & { date: string; partition: number; upTo: string };

/** Who processed a partition (kept on the partition row). */
const WORKER_ID = `${hostname()}:${process.pid}`;

/**
 * Runs (or catches up) a tenant's close of business up to a date across the workers: plans the
 * earliest date still open and queues one `cob.partition` job per pending partition. The partition
 * that completes a date queues this job again for the next one, so missed dates run in order.
 */
export function cobRunJob(cob: CobService, queue: () => QueueRuntime): JobDefinition<RunData> {
  const partitionJob = cobPartitionJob(cob, queue);
  const self: JobDefinition<RunData> = {
    name: 'cob.run',
    async run(ctx, data) {
      const started = await cob.start(ctx, data.date);
      if (!started) {
        // Every date is closed: catch up the loans still behind (seeded older, disbursed with a past date).
        const caughtUp = await cob.catchUp(ctx, data.date);
        return { upTo: data.date, done: true, caughtUp: caughtUp.loans };
      }
      const tenantId = ctx.tenant;
      if (started.pending.length === 0) {
        // Every partition is done but the date was not completed (a crash in between): complete it and go on.
        if ((await cob.finishIfDone(ctx, started.businessDate)) && started.businessDate < data.date) ctx.onAfterCommit(() => enqueue(queue, self, { tenantId, date: data.date }));
        return { businessDate: started.businessDate, partitions: 0 };
      }
      ctx.onAfterCommit(async () => {
        for (const partition of started.pending) await enqueue(queue, partitionJob, { tenantId, date: started.businessDate, partition, upTo: data.date });
      });
      return { businessDate: started.businessDate, partitions: started.pending.length };
    },
  };
  return self;
}

/** One partition of a date, exactly once whichever worker gets it; the last one completes the date. */
export function cobPartitionJob(cob: CobService, queue: () => QueueRuntime): JobDefinition<PartitionData> {
  return {
    name: 'cob.partition',
    async run(ctx, data) {
      const result = await cob.runPartition(ctx, data.date, data.partition, WORKER_ID);
      const complete = await cob.finishIfDone(ctx, data.date);
      const tenantId = ctx.tenant;
      if (complete && data.date < data.upTo) ctx.onAfterCommit(() => enqueue(queue, cobRunJob(cob, queue), { tenantId, date: data.upTo }));
      return { date: data.date, partition: data.partition, worker: WORKER_ID, ran: result !== null, ...result, dateComplete: complete };
    },
  };
}

async function enqueue<T extends JobData>(queue: () => QueueRuntime, def: JobDefinition<T>, data: T): Promise<void> {
  await queue().enqueue(def, data, { attempts: 5 });
}

/**
 * The scheduler's tick: for every active tenant, yesterday in its own time zone is a closed business
 * date. One job per tenant and date (the job id de-duplicates ticks); a run that has nothing to do
 * is a no-op, so ticking often is safe.
 */
export function cobScheduleJob(queue: () => QueueRuntime, cob: CobService, directory: TenantDirectory): JobDefinition {
  return {
    name: 'cob.schedule',
    platform: true,
    async run(ctx) {
      const tenants = await directory.list(ctx, 'ACTIVE');
      for (const t of tenants) {
        const date = addDays(todayIn(t.timezone), -1);
        await queue().enqueue(cobRunJob(cob, queue), { tenantId: t.id, date }, { jobId: `cob-${t.id}-${date}` });
      }
      return { tenants: tenants.length };
    },
  };
}
