import { retryPolicyProblem } from '../../core/payments/retry-schedule';
import { badInput } from '../../core/domain-error';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { AuditService } from '../../platform/audit/audit.service';
import type { TenantCipherService } from '../../platform/crypto/tenant-cipher.service';

export type PaymentProviderName = 'MANUAL' | 'STRIPE';

/** What the API shows of a tenant's payment settings: never a secret, only whether it is set and its last four. */
export interface PaymentSettings {
  provider: PaymentProviderName;
  stripeSecretKeyConfigured: boolean;
  stripeSecretKeyLast4: string | null;
  stripeWebhookSecretConfigured: boolean;
  stripePublishableKey: string | null;
  paymentMethodTypes: string[];
  retryDelaysDays: number[];
}

export interface StripeCredentialsInput {
  secretKey: string;
  webhookSigningSecret: string;
  publishableKey?: string | null;
  paymentMethodTypes?: string[] | null;
  retryPolicy?: { delaysDays: number[] } | null;
}

const DEFAULTS: PaymentSettings = {
  provider: 'MANUAL', stripeSecretKeyConfigured: false, stripeSecretKeyLast4: null, stripeWebhookSecretConfigured: false,
  stripePublishableKey: null, paymentMethodTypes: ['card'], retryDelaysDays: [1, 3, 7],
};

/**
 * Each tenant's payment provider settings. The Stripe secret key and webhook signing secret are
 * sealed with the tenant's data key (AES-256-GCM, tenant and field bound) and leave this service
 * only through `stripeSecrets`, which no resolver calls.
 */
export class PaymentSettingsService {
  constructor(private readonly deps: { ciphers: TenantCipherService; audit: AuditService }) {}

  async get(ctx: RequestContext): Promise<PaymentSettings> {
    const [row] = await (await ctx.db()).query(
      `SELECT provider, stripe_secret_key_enc IS NOT NULL AS "keySet", stripe_secret_key_last4 AS last4, stripe_webhook_secret_enc IS NOT NULL AS "hookSet",
              stripe_publishable_key AS publishable, payment_method_types AS types, retry_delays_days AS delays
       FROM payment_settings`);
    if (!row) return DEFAULTS;
    return {
      provider: row.provider, stripeSecretKeyConfigured: row.keySet, stripeSecretKeyLast4: row.last4, stripeWebhookSecretConfigured: row.hookSet,
      stripePublishableKey: row.publishable, paymentMethodTypes: row.types, retryDelaysDays: row.delays,
    };
  }

  async setStripeCredentials(ctx: RequestContext, input: StripeCredentialsInput): Promise<PaymentSettings> {
    if (!/^(sk|rk)_(test|live)_[A-Za-z0-9]{8,}$/.test(input.secretKey)) throw badInput('input.secretKey', 'a Stripe secret or restricted key (sk_… or rk_…)');
    if (!/^whsec_[A-Za-z0-9+/=]{8,}$/.test(input.webhookSigningSecret)) throw badInput('input.webhookSigningSecret', 'the endpoint’s signing secret (whsec_…)');
    if (input.publishableKey && !/^pk_(test|live)_[A-Za-z0-9]{8,}$/.test(input.publishableKey)) throw badInput('input.publishableKey', 'a Stripe publishable key (pk_…)');
    if (input.publishableKey && input.publishableKey.split('_')[1] !== input.secretKey.split('_')[1]) throw badInput('input.publishableKey', 'test and live keys cannot be mixed');
    const types = input.paymentMethodTypes ?? ['card'];
    if (types.length === 0 || types.length > 10 || types.some((t) => !/^[a-z][a-z_]{1,39}$/.test(t))) throw badInput('input.paymentMethodTypes', '1-10 Stripe payment method types such as card, sepa_debit, us_bank_account');
    const delays = input.retryPolicy?.delaysDays ?? [1, 3, 7];
    const problem = retryPolicyProblem(delays);
    if (problem) throw badInput('input.retryPolicy.delaysDays', problem);
    const cipher = await this.deps.ciphers.cipher(ctx);
    await (await ctx.db()).query(
      `INSERT INTO payment_settings (tenant_id, provider, stripe_secret_key_enc, stripe_secret_key_last4, stripe_webhook_secret_enc, stripe_publishable_key, payment_method_types, retry_delays_days)
       VALUES ($1, 'STRIPE', $2, $3, $4, $5, $6, $7)
       ON CONFLICT (tenant_id) DO UPDATE SET provider = 'STRIPE', stripe_secret_key_enc = $2, stripe_secret_key_last4 = $3, stripe_webhook_secret_enc = $4,
         stripe_publishable_key = $5, payment_method_types = $6, retry_delays_days = $7, updated_at = now()`,
      [ctx.tenant, cipher.encrypt('stripeSecretKey', input.secretKey), input.secretKey.slice(-4), cipher.encrypt('stripeWebhookSecret', input.webhookSigningSecret),
        input.publishableKey ?? null, types, delays],
    );
    const settings = await this.get(ctx);
    await this.deps.audit.record(ctx, { action: 'payments.stripeCredentialsSet', entityType: 'PaymentSettings', entityId: ctx.tenant, after: settings });
    return settings;
  }

  /** The decrypted Stripe secrets, for the client factory and the webhook endpoint only. */
  async stripeSecrets(ctx: RequestContext): Promise<{ secretKey: string; webhookSecret: string } | null> {
    const [row] = await (await ctx.db()).query("SELECT stripe_secret_key_enc AS key, stripe_webhook_secret_enc AS hook FROM payment_settings WHERE provider = 'STRIPE'");
    if (!row?.key || !row?.hook) return null;
    const cipher = await this.deps.ciphers.cipher(ctx);
    return { secretKey: cipher.decrypt('stripeSecretKey', row.key), webhookSecret: cipher.decrypt('stripeWebhookSecret', row.hook) };
  }
}
