import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../platform/graphql/context';
import { DateScalar, DecimalScalar } from '../../platform/graphql/scalars';
import { todayIn } from '../../platform/tenancy/business-date';
import type { TenantDirectory } from '../../platform/tenancy/tenant-directory';
import { RateCapRuleInput, RateCapRuleType, RateCapType, ReferenceRateType } from './dto/pricing.type';
import { toRateCapRuleType, toRateCapType, toReferenceRateType } from './pricing.mapper';
import type { PricingService } from './pricing.service';

@Resolver()
export class PricingResolver {
  constructor(
    private readonly pricing: PricingService,
    private readonly tenantService: TenantDirectory,
  ) {}

  @Query(() => [ReferenceRateType], { description: 'Published reference rates, newest first per name.' })
  async referenceRates(@Ctx() { ctx }: GraphQLContext, @Arg('name', () => String, { nullable: true }) name?: string) {
    return (await this.pricing.referenceRates(ctx, name)).map(toReferenceRateType);
  }

  @Mutation(() => ReferenceRateType, { description: 'Publishes a reference rate value from a date (operator only).' })
  async setReferenceRate(
    @Ctx() { ctx }: GraphQLContext,
    @Arg('name') name: string,
    @Arg('effectiveFrom', () => DateScalar) effectiveFrom: string,
    @Arg('rate', () => DecimalScalar) rate: string,
  ) {
    return toReferenceRateType(await this.pricing.setReferenceRate(ctx, { name, effectiveFrom, rate }));
  }

  @Query(() => [RateCapRuleType], { description: 'The tenant’s rate-cap rules.' })
  async rateCapRules(@Ctx() { ctx }: GraphQLContext) {
    return (await this.pricing.capRules(ctx)).map(toRateCapRuleType);
  }

  @Query(() => RateCapType, { nullable: true, description: 'The cap in force on a date (default: today in the tenant’s time zone); null when none applies.' })
  async rateCap(@Ctx() { ctx }: GraphQLContext, @Arg('date', () => DateScalar, { nullable: true }) date?: string) {
    const on = date ?? todayIn((await this.tenantService.current(ctx)).timezone);
    const cap = await this.pricing.capFor(ctx, on);
    return cap ? toRateCapType(cap) : null;
  }

  @Mutation(() => RateCapRuleType, { description: 'Adds a cap rule (or corrects the one of the same jurisdiction and date).' })
  async setRateCapRule(@Ctx() { ctx }: GraphQLContext, @Arg('input', () => RateCapRuleInput) input: RateCapRuleInput) {
    return toRateCapRuleType((await this.pricing.setCapRule(ctx, input)).rule);
  }
}
