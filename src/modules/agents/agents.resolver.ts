import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { AgentStatus } from '../../core/agents';
import { PageArgs } from '../../platform/graphql/connection';
import type { GraphQLContext } from '../../platform/graphql/context';
import type { AgentRow, AgentService } from './agent.service';
import { AgentAgreementType, AgentConnection, AgentIdentityInput, AgentKindEnum, AgentPerformanceType, AgentRiskSignalType, AgentStatusEnum, AgentType, CreateAgentInput, PerformanceGroupEnum, UpdateAgentInput } from './dto/agents.type';
import type { AgentPerformanceService, PerformanceGroup } from './agent-performance';
import type { AgentRiskService } from './agent-risk';
import type { AgentOnboardingService } from './agent-onboarding';
import { DateScalar } from '../../platform/graphql/scalars';

@ArgsType()
class AgentsArgs extends PageArgs {
  @Field(() => AgentKindEnum, { nullable: true }) kind?: string;
  @Field(() => AgentStatusEnum, { nullable: true }) status?: string;
  @Field(() => ID, { nullable: true, description: 'The agents directly under this network or branch.' }) parentId?: string;
  @Field({ nullable: true }) region?: string;
}

@Resolver(() => AgentType)
export class AgentsResolver {
  constructor(
    private readonly service: AgentService, private readonly performanceService: AgentPerformanceService, private readonly risk: AgentRiskService,
    private readonly onboarding: AgentOnboardingService,
  ) {}

  @Mutation(() => AgentType, { description: 'Checks the identity of the agent (or the person behind it) with the lender’s KYC provider: kycStatus VERIFIED or FAILED.' })
  verifyAgentIdentity(@Ctx() { ctx }: GraphQLContext, @Arg('agentId', () => ID) agentId: string, @Arg('input', () => AgentIdentityInput) input: AgentIdentityInput) {
    return this.onboarding.verifyIdentity(ctx, agentId, input);
  }

  @Query(() => AgentAgreementType, { description: 'The agent agreement for an agent to read (its text and hash) and whether it signed this text.' })
  agentAgreement(@Ctx() { ctx }: GraphQLContext, @Arg('agentId', () => ID) agentId: string) {
    return this.onboarding.agreement(ctx, agentId);
  }

  @Mutation(() => AgentAgreementType, { description: 'The agent signs its agreement with its own key, naming the hash of the text it read (CONFLICT AGREEMENT_CHANGED when the text changed since).' })
  signAgentAgreement(@Ctx() { ctx }: GraphQLContext, @Arg('agentId', () => ID) agentId: string, @Arg('signerName') signerName: string, @Arg('documentHash') documentHash: string) {
    return this.onboarding.sign(ctx, agentId, signerName, documentHash);
  }

  @FieldResolver(() => [AgentRiskSignalType], { description: 'Fraud signals raised on the agent, newest first (the lender’s staff only).' })
  riskSignals(@Ctx() { ctx }: GraphQLContext, @Root() agent: AgentRow) {
    return this.risk.signals(ctx, agent.id);
  }

  @Query(() => AgentPerformanceType, { description: 'Agents’ business in a period: leads, applications, approval rate, disbursed, time to disburse, PAR30 and first-payment defaults of the referred book, commission cost per unit; by agent, network or region, beside the tenant’s whole book. An agent’s key: its own and its sub-agents’.' })
  agentPerformance(@Ctx() { ctx }: GraphQLContext, @Arg('from', () => DateScalar) from: string, @Arg('to', () => DateScalar) to: string,
    @Arg('groupBy', () => PerformanceGroupEnum, { defaultValue: 'AGENT' }) groupBy: PerformanceGroup) {
    return this.performanceService.performance(ctx, from, to, groupBy);
  }

  @Mutation(() => AgentType, { description: 'Adds an agent (under a network or branch when parentId is given); it gets a referral code. Its keys come from createApiKey(role: AGENT, agentId).' })
  createAgent(@Ctx() { ctx }: GraphQLContext, @Arg('input', () => CreateAgentInput) input: CreateAgentInput) {
    return this.service.create(ctx, input);
  }

  @Mutation(() => AgentType, { description: 'Changes an agent’s name, place in the hierarchy, region, contact or payout account (unset fields stay).' })
  updateAgent(@Ctx() { ctx }: GraphQLContext, @Arg('input', () => UpdateAgentInput) input: UpdateAgentInput) {
    return this.service.update(ctx, input);
  }

  @Mutation(() => AgentType, { description: 'Suspends, reinstates or terminates an agent (a reason is required unless ACTIVE). Its API keys stop at once; TERMINATED is final.' })
  setAgentStatus(@Ctx() { ctx }: GraphQLContext, @Arg('id', () => ID) id: string, @Arg('status', () => AgentStatusEnum) status: AgentStatus, @Arg('reason', () => String, { nullable: true }) reason?: string | null) {
    return this.service.setStatus(ctx, id, status, reason ?? null);
  }

  @Query(() => AgentConnection, { description: 'The lender’s agents (an agent’s own key: itself and those under it).' })
  agents(@Ctx() { ctx }: GraphQLContext, @Args(() => AgentsArgs) args: AgentsArgs) {
    return this.service.list(ctx, args);
  }

  @Query(() => AgentType, { description: 'One agent.' })
  agent(@Ctx() { ctx }: GraphQLContext, @Arg('id', () => ID) id: string) {
    return this.service.byIdOrThrow(ctx, id);
  }

  @FieldResolver(() => [AgentType], { description: 'The agents directly under it.' })
  children(@Ctx() { ctx }: GraphQLContext, @Root() agent: AgentRow) {
    return this.service.children(ctx, agent.id);
  }
}
