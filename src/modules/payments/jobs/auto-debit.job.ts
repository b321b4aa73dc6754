import type { JobData, JobDefinition } from '../../../platform/queue/job';
import type { QueueRuntime } from '../../../platform/queue/queue-runtime';
import { todayIn } from '../../../platform/tenancy/business-date';
import type { TenantDirectory } from '../../../platform/tenancy/tenant-directory';
import type { AutoDebitService } from '../auto-debit.service';

/** One tenant's auto-debit run, in its context (a tenant not on Stripe returns at once). */
export function autoDebitRunJob(autoDebit: AutoDebitService): JobDefinition<JobData & { date: string }> {
  return { name: 'payments.auto_debit', run: (ctx) => autoDebit.run(ctx) };
}

/**
 * The scheduler's tick: one run per active tenant and business date in its own time zone (the job
 * id de-duplicates ticks). A run is idempotent by construction (attempt keys), so a repeated one is harmless.
 */
export function autoDebitScheduleJob(queue: () => QueueRuntime, autoDebit: AutoDebitService, directory: TenantDirectory): JobDefinition {
  return {
    name: 'payments.auto_debit.schedule',
    platform: true,
    async run(ctx) {
      const tenants = await directory.list(ctx, 'ACTIVE');
      for (const t of tenants) {
        const date = todayIn(t.timezone);
        await queue().enqueue(autoDebitRunJob(autoDebit), { tenantId: t.id, date }, { jobId: `autodebit-${t.id}-${date}`, attempts: 3 });
      }
      return { tenants: tenants.length };
    },
  };
}
