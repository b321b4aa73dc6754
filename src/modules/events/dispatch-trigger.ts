import type { Logger } from 'pino';
import type { Notifications } from '../../platform/db/notifications';
import type { QueueRuntime } from '../../platform/queue/queue-runtime';
import { WEBHOOK_SWEEP_JOB } from './jobs/webhooks.job';
import type { WebhookDeliveryService } from './webhook-delivery.service';

/**
 * What sets the webhook dispatcher going, in a worker process: a NOTIFY from a committing tenant
 * (coalesced per tenant for `coalesceMs`) queues a dispatch for it, and a timer queues the sweep.
 * The timer lives in each worker rather than in the queue, so a queue that comes back empty (Redis
 * restarted without persistence) still gets swept; extra sweeps are harmless.
 */
export async function startDispatchTrigger(deps: {
  notifications: Notifications;
  deliveries: WebhookDeliveryService;
  queue: QueueRuntime;
  logger: Logger;
  sweepMs: number;
  coalesceMs?: number;
}): Promise<() => void> {
  const pending = new Map<string, NodeJS.Timeout>();
  const coalesceMs = deps.coalesceMs ?? 50;
  const stopListening = await deps.notifications.listen((tenantId) => {
    if (!tenantId || pending.has(tenantId)) return;
    pending.set(tenantId, setTimeout(() => {
      pending.delete(tenantId);
      deps.deliveries.enqueueDispatch(tenantId).catch((err: Error) => deps.logger.warn({ err: err.message, tenantId }, 'webhook dispatch not queued; the sweep will'));
    }, coalesceMs));
  });
  const sweep = setInterval(() => {
    deps.queue.queue().add(WEBHOOK_SWEEP_JOB, { tenantId: null }, { removeOnComplete: true, removeOnFail: 100 })
      .catch((err: Error) => deps.logger.warn({ err: err.message }, 'webhook sweep not queued'));
  }, deps.sweepMs);
  sweep.unref();
  return () => {
    stopListening();
    clearInterval(sweep);
    for (const t of pending.values()) clearTimeout(t);
  };
}
