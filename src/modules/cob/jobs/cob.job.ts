import type { JobData, JobDefinition } from '../../../platform/queue/job';
import type { QueueRuntime } from '../../../platform/queue/queue-runtime';
import { todayIn } from '../../../platform/tenancy/business-date';
import { TenantEntity } from '../../tenancy/tenant.entity';
import { addDays, type CobService } from '../cob.service';

/** Runs (or catches up) a tenant's close of business up to a date, in the tenant's context. */
export function cobRunJob(cob: CobService): JobDefinition<JobData & { date: string }> {
  return {
    name: 'cob.run',
    async run(ctx, data, progress) {
      return cob.run(ctx, data.date, (p) => void progress(Math.round((p.chunk / p.chunks) * 100)));
    },
  };
}

/**
 * The scheduler's tick: for every active tenant, yesterday in its own time zone is a closed business
 * date. One job per tenant and date (the job id de-duplicates ticks); a run that has nothing to do
 * is a no-op, so ticking often is safe.
 */
export function cobScheduleJob(queue: () => QueueRuntime, cob: CobService): JobDefinition {
  return {
    name: 'cob.schedule',
    platform: true,
    async run(ctx) {
      const tenants = await (await ctx.db()).getRepository(TenantEntity).findBy({ status: 'ACTIVE' });
      for (const t of tenants) {
        const date = addDays(todayIn(t.timezone), -1);
        await queue().enqueue(cobRunJob(cob), { tenantId: t.id, date }, { jobId: `cob-${t.id}-${date}` });
      }
      return { tenants: tenants.length };
    },
  };
}
