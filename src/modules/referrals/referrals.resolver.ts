import { Arg, Args, ArgsType, Ctx, Field, ID, Mutation, Query, Resolver } from 'type-graphql';
import { PageArgs } from '../../platform/graphql/connection';
import type { GraphQLContext } from '../../platform/graphql/context';
import { AttributionRulesType, ReferralConnection, ReferralStatusEnum, ReferralType, SubmitReferralInput } from './dto/referrals.type';
import type { ReferralService } from './referral.service';

@ArgsType()
class ReferralsArgs extends PageArgs {
  @Field(() => ID, { nullable: true }) agentId?: string;
  @Field(() => ReferralStatusEnum, { nullable: true }) status?: string;
}

@Resolver()
export class ReferralsResolver {
  constructor(private readonly service: ReferralService) {}

  @Mutation(() => ReferralType, { description: 'An agent refers a person who agreed to be contacted. Checked against the referrals of the same person (by national ID): a duplicate or a returning customer is stored with that status, not refused.' })
  submitReferral(@Ctx() { ctx }: GraphQLContext, @Arg('input', () => SubmitReferralInput) input: SubmitReferralInput) {
    return this.service.submit(ctx, input);
  }

  @Query(() => ReferralConnection, { description: 'Referrals, newest first (an agent’s key: its own and its sub-agents’).' })
  referrals(@Ctx() { ctx }: GraphQLContext, @Args(() => ReferralsArgs) args: ReferralsArgs) {
    return this.service.list(ctx, args);
  }

  @Query(() => AttributionRulesType, { description: 'How referrals are credited (the platform’s defaults until the lender sets its own: first touch, 90 days, no credit for returning customers).' })
  attributionRules(@Ctx() { ctx }: GraphQLContext) {
    return this.service.rules(ctx);
  }

  @Mutation(() => AttributionRulesType, { description: 'Sets how referrals are credited: first or last touch, the window in days, and returning customers.' })
  async setAttributionRules(@Ctx() { ctx }: GraphQLContext, @Arg('input', () => AttributionRulesType) input: AttributionRulesType) {
    return (await this.service.setRules(ctx, input)).rules;
  }
}
