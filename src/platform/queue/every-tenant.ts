import type { TenantDirectory } from '../tenancy/tenant-directory';
import type { JobDefinition } from './job';
import type { QueueRuntime } from './queue-runtime';

/**
 * A clock's job, platform-wide: one run of `job` per active tenant, each a single attempt (the next
 * tick is the retry).
 */
export function everyTenantJob(name: string, queue: () => QueueRuntime, directory: TenantDirectory, job: JobDefinition): JobDefinition {
  return {
    name,
    platform: true,
    async run(ctx) {
      const tenants = await directory.list(ctx, 'ACTIVE');
      for (const t of tenants) await queue().enqueue(job, { tenantId: t.id }, { attempts: 1 });
      return { tenants: tenants.length };
    },
  };
}
