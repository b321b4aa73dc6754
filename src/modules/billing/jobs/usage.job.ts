import type { JobData, JobDefinition } from '../../../platform/queue/job';
import type { QueueRuntime } from '../../../platform/queue/queue-runtime';
import { todayIn } from '../../../platform/tenancy/business-date';
import type { TenantDirectory } from '../../../platform/tenancy/tenant-directory';
import { UsageBillingService } from '../usage.service';

/**
 * Records and sends one tenant's usage for a closed month, in the tenant's context, then retries
 * any earlier month of the tenant that is still unsent (no customer then, Stripe down).
 */
export function usageReportJob(usage: UsageBillingService): JobDefinition<JobData & { period: string }> {
  return {
    name: 'usage.report',
    async run(ctx, data) {
      const runs = [await usage.report(ctx, data.period)];
      for (const period of await usage.unsentPeriods(ctx, data.period)) runs.push(await usage.report(ctx, period));
      return runs.map((r) => ({ period: r.period, status: r.status, sent: r.sent }));
    },
  };
}

/**
 * The billing clock (platform-wide): for every tenant, the month before today in its own time zone
 * is closed; one job per tenant, month and day. It ticks daily rather than once a month so that a
 * month that could not be sent on the 1st (Stripe down, no customer set yet) goes out on a later
 * day; a month already sent is a no-op, so ticking often is safe.
 */
export function usageScheduleJob(queue: () => QueueRuntime, usage: UsageBillingService, directory: TenantDirectory): JobDefinition {
  return {
    name: 'usage.schedule',
    platform: true,
    async run(ctx) {
      const tenants = await directory.list(ctx);
      for (const t of tenants) {
        const period = UsageBillingService.dueFor(t.timezone);
        await queue().enqueue(usageReportJob(usage), { tenantId: t.id, period }, { jobId: `usage-${t.id}-${period}-${todayIn(t.timezone)}` });
      }
      return { tenants: tenants.length };
    },
  };
}
