import { GraphQLJSON } from 'graphql-scalars';
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { uuidv7 } from '../../platform/db/ids';
import type { GraphQLContext } from '../../platform/graphql/context';
import { badInput } from '../../core/domain-error';
import { DecimalScalar } from '../../platform/graphql/scalars';
import type { TenantCipherService } from '../../platform/crypto/tenant-cipher.service';
import { StaffUserType } from '../identity';
import { toStaffUserType } from '../identity';
import type { StaffUserService } from '../identity';
import type { AuditService } from '../../platform/audit/audit.service';
import type { DecisionConfigService } from './decision-config.service';
import type { ApprovalService } from '../approvals';
import {
  ApprovalTierType, BlacklistKindEnum, DecisionConfigKindEnum, DecisionConfigType, OriginationPoliciesType, RiskAppetiteLimitType, StageTimeLimitInput,
} from './dto/decision-config.type';
import type { DecisionConfigGuardedOperations } from './guarded-operations';

@Resolver()
export class DecisionConfigResolver {
  constructor(
    private readonly configs: DecisionConfigService,
    private readonly ciphers: TenantCipherService,
    private readonly audit: AuditService,
    private readonly approvals: ApprovalService,
    private readonly staff: StaffUserService,
    /** This module's operations under four-eyes, run through `approvals.guard`. */
    private readonly guarded: DecisionConfigGuardedOperations,
  ) {}

  @Query(() => [DecisionConfigType])
  decisionConfigs(@Ctx() { ctx }: GraphQLContext, @Arg('kind', () => DecisionConfigKindEnum, { nullable: true }) kind?: DecisionConfigKindEnum) {
    return this.configs.list(ctx, kind);
  }

  @Mutation(() => DecisionConfigType, { description: 'Saves a scorecard version (points per attribute bin, base points, PDO scaling, grades); a draft unless activate.' })
  saveScorecard(@Ctx() { ctx }: GraphQLContext, @Arg('name') name: string, @Arg('definition', () => GraphQLJSON) definition: unknown, @Arg('activate', { defaultValue: false }) activate: boolean) {
    return this.configs.save(ctx, 'SCORECARD', name, definition, activate, 'definition');
  }

  @Mutation(() => DecisionConfigType, { description: 'Saves a rule-set version (declarative JSON: knock-outs and referrals); a draft unless activate.' })
  saveRuleSet(@Ctx() { ctx }: GraphQLContext, @Arg('name') name: string, @Arg('definition', () => GraphQLJSON) definition: unknown, @Arg('activate', { defaultValue: false }) activate: boolean) {
    return this.configs.save(ctx, 'RULES', name, definition, activate, 'definition');
  }

  @Mutation(() => DecisionConfigType, { description: 'Makes a version the active one of its kind (the previous one is retired).' })
  activateDecisionConfig(@Ctx() { ctx }: GraphQLContext, @Arg('id', () => ID) id: string) {
    return this.approvals.guard(ctx, this.guarded.activateDecisionConfig, { id });
  }

  @Query(() => OriginationPoliciesType)
  async originationPolicies(@Ctx() { ctx }: GraphQLContext) {
    const c = this.configs;
    return {
      approvalTiers: await c.policy(ctx, 'APPROVAL_TIERS'), riskAppetite: await c.policy(ctx, 'RISK_APPETITE'), stageTimeLimits: await c.policy(ctx, 'STAGE_TIME_LIMITS'),
      fraud: await c.policy(ctx, 'FRAUD'), offers: await c.policy(ctx, 'OFFERS'), contractTemplate: await c.policy(ctx, 'CONTRACT_TEMPLATE'),
    };
  }

  @Mutation(() => [ApprovalTierType], { description: 'Replaces the approval tiers: by amount, grade and product, AUTO, a single approver, or a committee.' })
  async setApprovalTiers(@Ctx() { ctx }: GraphQLContext, @Arg('tiers', () => [ApprovalTierType]) tiers: ApprovalTierType[]) {
    return (await this.configs.setPolicy(ctx, 'APPROVAL_TIERS', tiers, 'tiers')).definition;
  }

  @Mutation(() => [RiskAppetiteLimitType], { description: 'Replaces the risk-appetite limits per borrower, industry, region and product.' })
  async setRiskAppetiteLimits(@Ctx() { ctx }: GraphQLContext, @Arg('limits', () => [RiskAppetiteLimitType]) limits: RiskAppetiteLimitType[]) {
    return (await this.approvals.guard(ctx, this.guarded.setRiskAppetiteLimits, { limits })).definition;
  }

  @Mutation(() => GraphQLJSON, { description: 'Replaces the time limit (hours) per application stage.' })
  async setStageTimeLimits(@Ctx() { ctx }: GraphQLContext, @Arg('limits', () => [StageTimeLimitInput]) limits: StageTimeLimitInput[]) {
    return (await this.configs.setPolicy(ctx, 'STAGE_TIME_LIMITS', Object.fromEntries(limits.map((l) => [l.status, l.hours])), 'limits')).definition;
  }

  @Mutation(() => GraphQLJSON, { description: 'Fraud policy: velocityLimit, velocityWindowDays, sanctionsThreshold (name-match similarity).' })
  async setFraudPolicy(@Ctx() { ctx }: GraphQLContext, @Arg('policy', () => GraphQLJSON) policy: unknown) {
    return (await this.configs.setPolicy(ctx, 'FRAUD', policy, 'policy')).definition;
  }

  @Mutation(() => GraphQLJSON, { description: 'Offer policy: validityDays, lossGivenDefault (for expected-loss simulation).' })
  async setOfferPolicy(@Ctx() { ctx }: GraphQLContext, @Arg('policy', () => GraphQLJSON) policy: unknown) {
    return (await this.configs.setPolicy(ctx, 'OFFERS', policy, 'policy')).definition;
  }

  @Mutation(() => GraphQLJSON, { description: 'The contract template; {{placeholders}} come from the offer and the parties only.' })
  async setContractTemplate(@Ctx() { ctx }: GraphQLContext, @Arg('version') version: string, @Arg('body') body: string) {
    return (await this.configs.setPolicy(ctx, 'CONTRACT_TEMPLATE', { version, body }, 'template')).definition;
  }

  @Mutation(() => Int, { description: 'Replaces a named watch list (e.g. a sanctions list) used for fuzzy name screening.' })
  setWatchlist(@Ctx() { ctx }: GraphQLContext, @Arg('listName') listName: string, @Arg('names', () => [String]) names: string[]) {
    return this.configs.addWatchlistNames(ctx, listName, names);
  }

  @Mutation(() => Boolean, { description: 'Blacklists a national ID, phone, device or bank account (stored as a blind index only).' })
  async addBlacklistEntry(@Ctx() { ctx }: GraphQLContext, @Arg('kind', () => BlacklistKindEnum) kind: BlacklistKindEnum, @Arg('value') value: string, @Arg('reason') reason: string) {
    if (!value.trim()) throw badInput('value', 'value is required');
    const field = { NATIONAL_ID: 'nationalId', PHONE: 'phone', DEVICE: 'device', BANK_ACCOUNT: 'bankAccount' }[kind];
    const bidx = (await this.ciphers.cipher(ctx)).blindIndex(field, value);
    await (await ctx.db()).query(
      'INSERT INTO blacklist_entries (tenant_id, id, kind, value_bidx, reason) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tenant_id, kind, value_bidx) DO UPDATE SET reason = EXCLUDED.reason',
      [ctx.tenant, uuidv7(), kind, bidx, reason],
    );
    await this.audit.record(ctx, { action: 'blacklist.added', entityType: 'Blacklist', entityId: kind, after: { reason } });
    return true;
  }

  @Mutation(() => StaffUserType, { description: 'An approver’s authority: the largest amount they may approve, and the approval groups they sit on.' })
  async setStaffApprovalAuthority(
    @Ctx() { ctx }: GraphQLContext,
    @Arg('id', () => ID) id: string,
    @Arg('approvalLimit', () => DecimalScalar, { nullable: true }) approvalLimit: string | null,
    @Arg('groups', () => [String]) groups: string[],
  ) {
    return toStaffUserType(await this.staff.setApprovalAuthority(ctx, id, approvalLimit ?? null, groups));
  }
}
