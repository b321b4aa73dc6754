import { everyTenantJob } from '../../platform/queue/every-tenant';
import type { JobDefinition } from '../../platform/queue/job';
import type { QueueRuntime } from '../../platform/queue/queue-runtime';
import type { TenantDirectory } from '../../platform/tenancy/tenant-directory';
import type { CampaignService } from './campaigns';

export const CAMPAIGN_DELIVERY_JOB = 'campaigns.deliver';

/** One tenant's due campaign offers (those the conduct rules moved included), sent or moved again. */
export function campaignDeliveryJob(campaigns: CampaignService): JobDefinition {
  return { name: CAMPAIGN_DELIVERY_JOB, run: (ctx) => campaigns.deliverDue(ctx) };
}

/** The clock, platform-wide: a run per active tenant every few minutes. */
export function campaignDeliveryScheduleJob(queue: () => QueueRuntime, campaigns: CampaignService, directory: TenantDirectory): JobDefinition {
  return everyTenantJob('campaigns.deliver.schedule', queue, directory, campaignDeliveryJob(campaigns));
}
