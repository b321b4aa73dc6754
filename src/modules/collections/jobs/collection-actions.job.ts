import { everyTenantJob } from '../../../platform/queue/every-tenant';
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
  return everyTenantJob('collections.actions.schedule', queue, directory, collectionActionsJob(actions));
}
