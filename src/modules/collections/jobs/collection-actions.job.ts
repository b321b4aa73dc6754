import type { JobDefinition } from '../../../platform/queue/job';
import type { QueueRuntime } from '../../../platform/queue/queue-runtime';
import type { TenantDirectory } from '../../../platform/tenancy/tenant-directory';
import type { CollectionActionService } from '../collection-action.service';

export const COLLECTION_ACTIONS_JOB = 'collections.actions';

/** One tenant's due collection messages (rescheduled ones included), sent or moved by the conduct rules. */
export function collectionActionsJob(actions: CollectionActionService): JobDefinition {
  return { name: COLLECTION_ACTIONS_JOB, run: (ctx) => actions.runDue(ctx) };
}

/** The clock, platform-wide: a run per active tenant every few minutes. */
export function collectionActionsScheduleJob(queue: () => QueueRuntime, actions: CollectionActionService, directory: TenantDirectory): JobDefinition {
  return {
    name: 'collections.actions.schedule',
    platform: true,
    async run(ctx) {
      const tenants = await directory.list(ctx, 'ACTIVE');
      for (const t of tenants) await queue().enqueue(collectionActionsJob(actions), { tenantId: t.id }, { attempts: 1 });
      return { tenants: tenants.length };
    },
  };
}
