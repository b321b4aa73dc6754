import Stripe from 'stripe';
import type { Config } from '../../config/config';
import type { UsageMeterName } from '../../core/billing/usage';

export interface UsageMeterEvent {
  eventName: UsageMeterName;
  customerId: string;
  /** A whole number as a string (counts, minor units). */
  value: string;
  identifier: string;
  /** Seconds since the epoch. */
  timestamp: number;
}

/** Where usage goes to be billed: Stripe Billing meters in production, anything in tests. */
export interface UsageMeter {
  send(event: UsageMeterEvent): Promise<{ identifier: string }>;
}

/**
 * Stripe Billing meter events with the operator's own key, through the real SDK (pointed at
 * `config.stripe.api` when set, e.g. a local server in tests). Null when the operator has no key:
 * usage is then computed and kept, and sent once a key is configured.
 */
export function stripeUsageMeter(stripe: Config['stripe']): UsageMeter | null {
  if (!stripe.platformSecretKey) return null;
  const client = new Stripe(stripe.platformSecretKey, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    ...(stripe.api ? { host: stripe.api.host, port: stripe.api.port, protocol: stripe.api.protocol } : {}),
  });
  return {
    async send(e) {
      const created = await client.billing.meterEvents.create({
        event_name: e.eventName,
        payload: { stripe_customer_id: e.customerId, value: e.value },
        identifier: e.identifier,
        timestamp: e.timestamp,
      });
      return { identifier: created.identifier };
    },
  };
}
