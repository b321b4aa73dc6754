import { Arg, Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { PageArgs } from '../../platform/graphql/connection';
import type { GraphQLContext } from '../../platform/graphql/context';
import { TenantBillingCustomerType, UsageBillingRunType, UsageRecordConnection, UsageRecordType } from './dto/usage.type';
import type { UsageBillingService, UsageRun } from './usage.service';

@Resolver()
export class UsageResolver {
  constructor(private readonly billing: UsageBillingService) {}

  @Query(() => UsageRecordType, { description: 'The caller’s own usage in a month (default: the current one, computed live until it is recorded).' })
  usage(@Ctx() { ctx }: GraphQLContext, @Arg('period', () => String, { nullable: true, description: 'YYYY-MM' }) period?: string | null) {
    return this.billing.usage(ctx, period);
  }

  @Query(() => UsageRecordConnection, { description: 'The caller’s recorded months, newest first.' })
  usageRecords(@Ctx() { ctx }: GraphQLContext, @Args(() => PageArgs) args: PageArgs) {
    return this.billing.records(ctx, args);
  }

  @Mutation(() => [UsageBillingRunType], { description: 'Records and sends a closed month’s usage to Stripe Billing for every tenant (or one); months already sent send nothing (operator only).' })
  async runUsageBilling(@Ctx() { ctx }: GraphQLContext, @Arg('period', { description: 'YYYY-MM' }) period: string, @Arg('slug', () => String, { nullable: true }) slug?: string | null) {
    return (await this.billing.runForPeriod(ctx, period, { slug: slug ?? undefined })).map(toRun);
  }

  @Mutation(() => TenantBillingCustomerType, { description: 'Names the Stripe customer a tenant’s usage is billed to (operator only).' })
  setTenantBillingCustomer(@Ctx() { ctx }: GraphQLContext, @Arg('slug') slug: string, @Arg('customerId') customerId: string) {
    return this.billing.setBillingCustomer(ctx, slug, customerId);
  }
}

export function toRun(r: UsageRun) {
  return {
    tenantId: r.tenantId, slug: r.slug, period: r.period, status: r.status, sent: r.sent, message: r.message,
    activeLoans: r.record?.activeLoans ?? null, disbursedVolume: r.record?.disbursedVolume ?? null, currency: r.record?.currency ?? null,
  };
}
