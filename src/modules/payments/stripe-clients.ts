import Stripe from 'stripe';
import type { Config } from '../../config/config';
import { conflict } from '../../core/domain-error';
import { guardedStripeHttpClient } from '../../platform/tenancy/guarded-stripe-http';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { PaymentSettingsService } from './payment-settings.service';

/**
 * Stripe SDK clients on each tenant's own key, pointed at `config.stripe.api` when set (a local
 * server speaking Stripe's wire format in tests). Every call we make passes its own idempotency key,
 * so the SDK's network retries are safe.
 */
export class StripeClients {
  constructor(
    private readonly api: Config['stripe']['api'],
    private readonly settings: PaymentSettingsService,
  ) {}

  client(secretKey: string): Stripe {
    // The guard refuses a call made inside an open transaction (in development and tests).
    return new Stripe(secretKey, { ...(this.api ?? {}), maxNetworkRetries: 2, timeout: 20_000, appInfo: { name: 'microlend' }, httpClient: guardedStripeHttpClient() });
  }

  /** The tenant's client; CONFLICT when the tenant has not configured Stripe. */
  async forTenant(ctx: RequestContext): Promise<Stripe> {
    const secrets = await this.settings.stripeSecrets(ctx);
    if (!secrets) throw conflict('Stripe is not configured for this lender: setStripeCredentials first', { reason: 'STRIPE_NOT_CONFIGURED' });
    return this.client(secrets.secretKey);
  }
}
