import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../platform/graphql/context';
import type { TenantDirectory } from '../../platform/tenancy/tenant-directory';
import type { AutoDebitService } from './auto-debit.service';
import {
  AutoDebitRunType, AutoDebitType, CreateRepaymentIntentInput, PayAgentCommissionInput, PaymentConnection, PaymentSettingsType, PaymentType, PaymentsArgs,
  PayoutAccountType, RefundOverpaymentInput, RepaymentIntentType, SetAutoDebitInput, SetStripeCredentialsInput,
} from './dto/payments.type';
import { toPaymentSettingsType, toPaymentType } from './payment.mapper';
import type { PaymentSettingsService } from './payment-settings.service';
import type { PayoutService } from './payouts.service';
import type { StripePaymentsService } from './stripe-payments.service';

@Resolver()
export class PaymentsResolver {
  constructor(
    private readonly settings: PaymentSettingsService,
    private readonly stripePayments: StripePaymentsService,
    private readonly autoDebit: AutoDebitService,
    private readonly tenants: TenantDirectory,
    private readonly payouts: PayoutService,
  ) {}

  @Query(() => PaymentSettingsType, { description: 'The lender’s payment provider settings (never the secrets).' })
  async paymentSettings(@Ctx() { ctx }: GraphQLContext) {
    return toPaymentSettingsType(await this.settings.get(ctx), (await this.tenants.current(ctx)).slug);
  }

  @Mutation(() => PaymentSettingsType, { description: 'Connects the lender’s own Stripe account; the secret key and signing secret are stored encrypted and never returned.' })
  async setStripeCredentials(@Ctx() { ctx }: GraphQLContext, @Arg('input', () => SetStripeCredentialsInput) input: SetStripeCredentialsInput) {
    return toPaymentSettingsType(await this.settings.setStripeCredentials(ctx, input), (await this.tenants.current(ctx)).slug);
  }

  @Query(() => PaymentConnection, { description: 'Payments through the provider, newest first.' })
  async payments(@Ctx() { ctx }: GraphQLContext, @Args(() => PaymentsArgs) args: PaymentsArgs) {
    const page = await this.stripePayments.list(ctx, args);
    return { ...page, nodes: page.nodes.map(toPaymentType), edges: page.edges.map((e) => ({ cursor: e.cursor, node: toPaymentType(e.node) })) };
  }

  @Mutation(() => RepaymentIntentType, { description: 'A Stripe PaymentIntent for a repayment, confirmed client-side; the repayment is posted when Stripe reports success.' })
  createRepaymentIntent(@Ctx() { ctx }: GraphQLContext, @Arg('input', () => CreateRepaymentIntentInput) input: CreateRepaymentIntentInput) {
    return this.stripePayments.createRepaymentIntent(ctx, input);
  }

  @Mutation(() => PaymentType, { description: 'Refunds held overpayment: the credit refund is posted and a Stripe refund of the loan’s latest Stripe payment queued (PENDING), sent by a job; idempotent by key.' })
  async refundOverpayment(@Ctx() { ctx }: GraphQLContext, @Arg('input', () => RefundOverpaymentInput) input: RefundOverpaymentInput) {
    return toPaymentType(await this.stripePayments.refundOverpayment(ctx, input));
  }

  @Mutation(() => AutoDebitType, { description: 'Charges the loan’s due instalments off-session from a saved Stripe payment method.' })
  setAutoDebit(@Ctx() { ctx }: GraphQLContext, @Arg('input', () => SetAutoDebitInput) input: SetAutoDebitInput) {
    return this.autoDebit.set(ctx, input);
  }

  @Mutation(() => AutoDebitType)
  cancelAutoDebit(@Ctx() { ctx }: GraphQLContext, @Arg('loanId', () => ID) loanId: string) {
    return this.autoDebit.cancel(ctx, loanId);
  }

  @Mutation(() => AutoDebitRunType, { description: 'Runs the lender’s auto-debit now (the worker also runs it every hour): due instalments, retries on the lender’s policy.' })
  runAutoDebit(@Ctx() { ctx }: GraphQLContext) {
    return this.autoDebit.run(ctx);
  }

  @Mutation(() => PayoutAccountType, { description: 'The Stripe connected account an agent’s commissions are paid to.' })
  setAgentPayoutAccount(@Ctx() { ctx }: GraphQLContext, @Arg('agentId') agentId: string, @Arg('stripeAccountId') stripeAccountId: string) {
    return this.stripePayments.setPayoutAccount(ctx, 'AGENT', agentId, stripeAccountId);
  }

  @Mutation(() => PayoutAccountType, { description: 'The Stripe connected account a borrower’s loans are disbursed to (when the lender is on Stripe).' })
  setBorrowerPayoutAccount(@Ctx() { ctx }: GraphQLContext, @Arg('borrowerId', () => ID) borrowerId: string, @Arg('stripeAccountId') stripeAccountId: string) {
    return this.stripePayments.setPayoutAccount(ctx, 'BORROWER', borrowerId, stripeAccountId);
  }

  @Mutation(() => PaymentType, { description: 'A FAILED disbursement or commission payout sent again, in a new round with a new provider idempotency key; answers the payment, PENDING. Idempotent by key.' })
  async retryPayout(@Ctx() { ctx }: GraphQLContext, @Arg('paymentId', () => ID) paymentId: string, @Arg('idempotencyKey') idempotencyKey: string) {
    return toPaymentType(await this.payouts.retry(ctx, paymentId, idempotencyKey));
  }

  @Mutation(() => PaymentType, { description: 'Pays an agent’s statement of a closed month: its closing balance as a payout (PENDING); a job pays it by Connect transfer, then posts commissions payable against cash and emits commission.paid. Once per statement; idempotent by key.' })
  async payAgentCommission(@Ctx() { ctx }: GraphQLContext, @Arg('input', () => PayAgentCommissionInput) input: PayAgentCommissionInput) {
    return toPaymentType(await this.stripePayments.payAgentCommission(ctx, input));
  }
}
