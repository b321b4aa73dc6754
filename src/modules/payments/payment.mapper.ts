import type { PaymentSettings } from './payment-settings.service';
import { type PaymentRow, amountOf } from './payment-records';
import type { PaymentSettingsType, PaymentType } from './dto/payments.type';

/** A payment as the API shows it: the amount in its currency's decimals (rows may come back from JSON, so dates are rebuilt). */
export function toPaymentType(row: PaymentRow): PaymentType {
  return {
    id: row.id, kind: row.kind, provider: row.provider, loanId: row.loanId, agentId: row.agentId,
    amount: amountOf(row), currency: row.currency, providerRef: row.providerRef, status: row.status,
    attempt: row.attempt, dueDate: row.dueDate, parentPaymentId: row.parentPaymentId, loanTransactionId: row.loanTransactionId, journalEntryId: row.journalEntryId,
    succeededOn: row.succeededOn, failedOn: row.failedOn, failureCode: row.failureCode, failureMessage: row.failureMessage,
    attempts: row.tries, round: row.round, nextAttemptAt: row.nextAttemptAt ? new Date(row.nextAttemptAt) : null, createdAt: new Date(row.createdAt),
  };
}

export function toPaymentSettingsType(s: PaymentSettings, tenantSlug: string): PaymentSettingsType {
  return {
    provider: s.provider, stripeSecretKeyConfigured: s.stripeSecretKeyConfigured, stripeSecretKeyLast4: s.stripeSecretKeyLast4,
    stripeWebhookSecretConfigured: s.stripeWebhookSecretConfigured, stripePublishableKey: s.stripePublishableKey, paymentMethodTypes: s.paymentMethodTypes,
    retryPolicy: { delaysDays: s.retryDelaysDays }, webhookPath: `/webhooks/stripe/${tenantSlug}`,
  };
}
