import { Arg, Args, ArgsType, Ctx, Field, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { CommissionPlanDefinition } from '../../core/agents';
import { PageArgs } from '../../platform/graphql/connection';
import type { GraphQLContext } from '../../platform/graphql/context';
import type { TenantDirectory } from '../../platform/tenancy/tenant-directory';
import type { CommissionLedger, CommissionRow } from './commission-ledger';
import type { CommissionPlanService, StoredPlan } from './commission-plan.service';
import {
  CommissionConnection, CommissionKindEnum, CommissionPeriodType, CommissionPlanInput, CommissionPlanType, CommissionStatementType, type CommissionType,
} from './dto/commissions.type';

@ArgsType()
class CommissionsArgs extends PageArgs {
  @Field(() => ID, { nullable: true }) agentId?: string;
  @Field(() => ID, { nullable: true }) loanId?: string;
  @Field({ nullable: true, description: 'A statement month, YYYY-MM.' }) period?: string;
  @Field(() => CommissionKindEnum, { nullable: true }) kind?: string;
}

export const toPlanType = (p: StoredPlan): CommissionPlanType => {
  const d: CommissionPlanDefinition = p.definition;
  return {
    id: p.id, code: p.code, version: p.version, isCurrent: p.isCurrent, createdAt: p.createdAt, name: d.name, productCodes: d.productCodes, agentKinds: d.agentKinds,
    rules: d.rules.map((r) => ({ trigger: r.trigger, basis: r.basis, amount: r.amount ?? null, rate: r.rate ?? null, tierBy: r.tierBy ?? null, tierMode: r.tierMode ?? 'MARGINAL', tiers: r.tiers ?? [] })),
    capPerLoan: d.capPerLoan ?? null, capPerMonth: d.capPerMonth ?? null,
    clawback: d.clawback ? { ...d.clawback, writeOffWithinDays: d.clawback.writeOffWithinDays ?? null } : null, holdback: d.holdback ?? null, networkOverride: d.networkOverride ?? null,
  };
};

const toCommissionType = (c: CommissionRow): CommissionType => ({ ...c, calculation: { base: c.base, rate: c.rate, tier: c.tier, amount: c.amount } });

@Resolver()
export class CommissionsResolver {
  constructor(private readonly plansService: CommissionPlanService, private readonly ledger: CommissionLedger, private readonly tenants: TenantDirectory) {}

  @Mutation(() => CommissionPlanType, { description: 'Creates a commission plan, or its next version when the definition changed (commissions keep the version they were computed under).' })
  async setCommissionPlan(@Ctx() { ctx }: GraphQLContext, @Arg('input', () => CommissionPlanInput) input: CommissionPlanInput) {
    return toPlanType((await this.plansService.setPlan(ctx, input)).plan);
  }

  @Query(() => [CommissionPlanType], { description: 'The lender’s commission plans: every version, current first (or only the current ones).' })
  async commissionPlans(@Ctx() { ctx }: GraphQLContext, @Arg('code', () => String, { nullable: true }) code?: string | null, @Arg('currentOnly', { defaultValue: false }) currentOnly?: boolean) {
    return (await this.plansService.plans(ctx, code ?? null, currentOnly ?? false)).map(toPlanType);
  }

  @Query(() => CommissionConnection, { description: 'Commissions with their calculation, oldest first (an agent’s key: its own and its sub-agents’).' })
  async commissions(@Ctx() { ctx }: GraphQLContext, @Args(() => CommissionsArgs) args: CommissionsArgs) {
    const page = await this.ledger.list(ctx, args);
    return { ...page, edges: page.edges.map((e) => ({ ...e, node: toCommissionType(e.node) })), nodes: page.nodes.map(toCommissionType) };
  }

  @Query(() => [CommissionStatementType], { description: 'Statements of a month (YYYY-MM; live until the month is closed): of one agent, or of every agent the caller sees that has commissions or payouts.' })
  async commissionStatements(@Ctx() { ctx }: GraphQLContext, @Arg('agentId', () => ID, { nullable: true }) agentId: string | null, @Arg('period') period: string) {
    return this.ledger.statements(ctx, period, agentId ?? null);
  }

  @Mutation(() => CommissionPeriodType, { description: 'Closes a month (this one at the earliest; months close in order): its statements are final and payable; commissions that would fall in it later count in the next open month.' })
  async closeCommissionPeriod(@Ctx() { ctx }: GraphQLContext, @Arg('period') period: string) {
    return this.ledger.closePeriod(ctx, period, await this.tenants.today(ctx));
  }
}
