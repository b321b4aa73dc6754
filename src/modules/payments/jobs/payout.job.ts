import type { JobData, JobDefinition } from '../../../platform/queue/job';
import type { QueueRuntime } from '../../../platform/queue/queue-runtime';
import type { TenantDirectory } from '../../../platform/tenancy/tenant-directory';
import { PAYOUT_JOB, PAYOUT_SWEEP_JOB, PAYOUT_TENANT_SWEEP_JOB, type PayoutService } from '../payouts.service';

/** One try of one payout: claim, provider call outside any transaction, record (PayoutService.process). */
export function payoutJob(payouts: PayoutService): JobDefinition<JobData & { paymentId: string }> {
  return { name: PAYOUT_JOB, run: (ctx, data) => payouts.process(ctx, data.paymentId) };
}

/** A tenant's due payouts (never sent, retry come, lease run out), one job each. */
export function payoutTenantSweepJob(payouts: PayoutService): JobDefinition {
  return { name: PAYOUT_TENANT_SWEEP_JOB, run: async (ctx) => ({ queued: await payouts.sweep(ctx) }) };
}

/**
 * The safety net, platform-wide and every minute: a sweep per active tenant, so a payout whose job
 * was lost (queued after commit into a queue that then lost it, a worker killed mid-call) is sent.
 */
export function payoutSweepJob(queue: () => QueueRuntime, payouts: PayoutService, directory: TenantDirectory): JobDefinition {
  return {
    name: PAYOUT_SWEEP_JOB,
    platform: true,
    async run(ctx) {
      const tenants = await directory.list(ctx, 'ACTIVE');
      for (const t of tenants) await queue().enqueue(payoutTenantSweepJob(payouts), { tenantId: t.id }, { attempts: 1 });
      return { tenants: tenants.length };
    },
  };
}
