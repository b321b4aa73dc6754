import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType, PageArgs } from '../../../platform/graphql/connection';
import { DateScalar, DateTimeScalar, DecimalScalar } from '../../../platform/graphql/scalars';

export enum PaymentProviderEnum { MANUAL = 'MANUAL', STRIPE = 'STRIPE' }
registerEnumType(PaymentProviderEnum, { name: 'PaymentProvider' });
export enum PaymentKindEnum { COLLECTION = 'COLLECTION', AUTO_DEBIT = 'AUTO_DEBIT', REFUND = 'REFUND', DISBURSEMENT = 'DISBURSEMENT', COMMISSION_PAYOUT = 'COMMISSION_PAYOUT' }
registerEnumType(PaymentKindEnum, { name: 'PaymentKind' });
export enum PaymentStatusEnum { PENDING = 'PENDING', SUCCEEDED = 'SUCCEEDED', FAILED = 'FAILED', REVERSED = 'REVERSED' }
registerEnumType(PaymentStatusEnum, { name: 'PaymentStatus', description: 'REVERSED: it succeeded, then the money went back (refund or dispute outside microlend).' });

@InputType('RetryPolicyInput')
export class RetryPolicyInput {
  @Field(() => [Int], { description: 'Days to wait after each failed auto-debit attempt before the next (e.g. [1, 3, 7]: four attempts in all).' }) delaysDays!: number[];
}

@InputType('SetStripeCredentialsInput')
export class SetStripeCredentialsInput {
  @Field({ description: 'The lender’s own secret (sk_…) or restricted (rk_…) key; stored encrypted, never returned.' }) secretKey!: string;
  @Field({ description: 'The signing secret (whsec_…) of the webhook endpoint configured in Stripe; stored encrypted, never returned.' }) webhookSigningSecret!: string;
  @Field(() => String, { nullable: true }) publishableKey?: string;
  @Field(() => [String], { nullable: true, description: 'Stripe payment method types offered for repayments, e.g. ["card", "sepa_debit"]; default ["card"].' }) paymentMethodTypes?: string[];
  @Field(() => RetryPolicyInput, { nullable: true, description: 'Auto-debit retries; default [1, 3, 7] days.' }) retryPolicy?: RetryPolicyInput;
}

@ObjectType('RetryPolicy')
export class RetryPolicyType {
  @Field(() => [Int]) delaysDays!: number[];
}

@ObjectType('PaymentSettings', { description: 'The lender’s payment provider. Secrets are never shown: only whether they are set and the key’s last four characters.' })
export class PaymentSettingsType {
  @Field(() => PaymentProviderEnum) provider!: string;
  @Field() stripeSecretKeyConfigured!: boolean;
  @Field(() => String, { nullable: true }) stripeSecretKeyLast4!: string | null;
  @Field() stripeWebhookSecretConfigured!: boolean;
  @Field(() => String, { nullable: true }) stripePublishableKey!: string | null;
  @Field(() => [String]) paymentMethodTypes!: string[];
  @Field(() => RetryPolicyType) retryPolicy!: RetryPolicyType;
  @Field({ description: 'The path Stripe must deliver this lender’s events to (POST, on this server).' }) webhookPath!: string;
}

@ObjectType('Payment', { description: 'Money moved through a provider: a collection, an auto-debit attempt, a refund, a disbursement or a commission payout.' })
export class PaymentType {
  @Field(() => ID) id!: string;
  @Field(() => PaymentKindEnum) kind!: string;
  @Field(() => PaymentProviderEnum) provider!: string;
  @Field(() => ID, { nullable: true }) loanId!: string | null;
  @Field(() => String, { nullable: true }) agentId!: string | null;
  @Field(() => DecimalScalar) amount!: string;
  @Field() currency!: string;
  @Field(() => String, { nullable: true, description: 'The provider’s id: pi_… (collection), re_… (refund), tr_… (transfer).' }) providerRef!: string | null;
  @Field(() => PaymentStatusEnum) status!: string;
  @Field(() => Int, { description: 'Auto-debit attempt number for its due date (1 for anything else).' }) attempt!: number;
  @Field(() => DateScalar, { nullable: true }) dueDate!: string | null;
  @Field(() => ID, { nullable: true, description: 'A refund’s original collection.' }) parentPaymentId!: string | null;
  @Field(() => ID, { nullable: true, description: 'The loan transaction it posted (a repayment or a credit refund).' }) loanTransactionId!: string | null;
  @Field(() => ID, { nullable: true }) journalEntryId!: string | null;
  @Field(() => DateScalar, { nullable: true }) succeededOn!: string | null;
  @Field(() => DateScalar, { nullable: true }) failedOn!: string | null;
  @Field(() => String, { nullable: true, description: 'e.g. insufficient_funds, card_declined, disputed.' }) failureCode!: string | null;
  @Field(() => String, { nullable: true }) failureMessage!: string | null;
  @Field(() => Int, { description: 'A payout’s provider calls in its current round (the job sends disbursements, commissions and refunds after commit).' }) attempts!: number;
  @Field(() => Int, { description: 'A payout’s round: 1, then one more for each retryPayout after a FAILED round.' }) round!: number;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When a PENDING payout’s next provider call is due; null once it is settled or failed.' }) nextAttemptAt!: Date | null;
  @Field(() => DateTimeScalar) createdAt!: Date;
}
export const PaymentConnection = ConnectionType(PaymentType, 'Payment');

@ArgsType()
export class PaymentsArgs extends PageArgs {
  @Field(() => ID, { nullable: true }) loanId?: string;
  @Field(() => String, { nullable: true }) agentId?: string;
  @Field(() => PaymentKindEnum, { nullable: true }) kind?: PaymentKindEnum;
  @Field(() => PaymentStatusEnum, { nullable: true }) status?: PaymentStatusEnum;
}

@InputType('CreateRepaymentIntentInput')
export class CreateRepaymentIntentInput {
  @Field(() => ID) loanId!: string;
  @Field(() => DecimalScalar) amount!: string;
  @Field({ description: 'The same key returns the same PaymentIntent.' }) idempotencyKey!: string;
}

@ObjectType('RepaymentIntent', { description: 'A Stripe PaymentIntent for a repayment: confirm it client-side with the client secret; it is posted when Stripe reports success.' })
export class RepaymentIntentType {
  @Field(() => ID) paymentId!: string;
  @Field(() => String, { nullable: true }) clientSecret!: string | null;
  @Field(() => PaymentStatusEnum) status!: string;
  @Field() providerRef!: string;
}

@InputType('SetAutoDebitInput')
export class SetAutoDebitInput {
  @Field(() => ID) loanId!: string;
  @Field({ description: 'The Stripe customer (cus_…) holding the saved method.' }) customerId!: string;
  @Field({ description: 'A payment method saved for off-session use (pm_…).' }) paymentMethodId!: string;
}

@ObjectType('AutoDebit')
export class AutoDebitType {
  @Field(() => ID) loanId!: string;
  @Field() customerId!: string;
  @Field() paymentMethodId!: string;
  @Field() status!: string;
}

@ObjectType('AutoDebitRun', { description: 'What one auto-debit run did: instalments charged, and those waiting for a retry date or given up.' })
export class AutoDebitRunType {
  @Field(() => Int, { description: 'Charges this run sent (one a run beside it claimed first is that run’s).' }) attempted!: number;
  @Field(() => Int) succeeded!: number;
  @Field(() => Int) failed!: number;
  @Field(() => Int) pending!: number;
  @Field(() => Int) waiting!: number;
  @Field(() => Int) gaveUp!: number;
}

@InputType('RefundOverpaymentInput')
export class RefundOverpaymentInput {
  @Field(() => ID) loanId!: string;
  @Field(() => DecimalScalar) amount!: string;
  @Field() idempotencyKey!: string;
}

@InputType('PayAgentCommissionInput')
export class PayAgentCommissionInput {
  @Field({ description: 'The agent whose statement is paid.' }) agentId!: string;
  @Field({ description: 'The closed month (YYYY-MM) whose statement’s closing balance is paid.' }) period!: string;
  @Field() idempotencyKey!: string;
}

@ObjectType('PayoutAccount')
export class PayoutAccountType {
  @Field() ownerType!: string;
  @Field() ownerId!: string;
  @Field() stripeAccountId!: string;
}
