import type { JobData, JobDefinition } from '../../../platform/queue/job';
import type { TenantDirectory } from '../../../platform/tenancy/tenant-directory';
import { WEBHOOK_DELIVER_JOB, WEBHOOK_DISPATCH_JOB, type WebhookDeliveryService } from '../webhook-delivery.service';

/** New outbox events of the job's tenant become deliveries; due lanes are queued. */
export function webhookDispatchJob(deliveries: WebhookDeliveryService): JobDefinition {
  return { name: WEBHOOK_DISPATCH_JOB, run: (ctx) => deliveries.dispatch(ctx) };
}

interface LaneData extends JobData {
  endpointId: string;
  orderingKey: string;
}

/** One attempt at the oldest pending delivery of a lane (endpoint + subject). */
export function webhookDeliverJob(deliveries: WebhookDeliveryService): JobDefinition<LaneData> {
  return { name: WEBHOOK_DELIVER_JOB, run: (ctx, data) => deliveries.deliverNext(ctx, { endpointId: data.endpointId, orderingKey: data.orderingKey }) };
}

export const WEBHOOK_SWEEP_JOB = 'webhooks.sweep';

/** Safety net, platform-wide: a dispatch for every active tenant (picks up anything a lost queue dropped). */
export function webhookSweepJob(deliveries: WebhookDeliveryService, directory: TenantDirectory): JobDefinition {
  return {
    name: WEBHOOK_SWEEP_JOB,
    platform: true,
    async run(ctx) {
      const tenants = await directory.list(ctx, 'ACTIVE');
      for (const t of tenants) await deliveries.enqueueDispatch(t.id);
      return { tenants: tenants.length };
    },
  };
}
