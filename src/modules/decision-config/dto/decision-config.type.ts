import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DecimalScalar } from '../../../platform/graphql/scalars';
import { ApplicationStatusEnum } from '../../../platform/graphql/core-enums';

export enum DecisionConfigKindEnum { SCORECARD = 'SCORECARD', RULES = 'RULES' }
registerEnumType(DecisionConfigKindEnum, { name: 'DecisionConfigKind' });
export enum ApprovalModeEnum { AUTO = 'AUTO', SINGLE = 'SINGLE', COMMITTEE = 'COMMITTEE' }
registerEnumType(ApprovalModeEnum, { name: 'ApprovalMode' });
export enum AppetiteDimensionEnum { BORROWER = 'BORROWER', INDUSTRY = 'INDUSTRY', REGION = 'REGION', PRODUCT = 'PRODUCT' }
registerEnumType(AppetiteDimensionEnum, { name: 'AppetiteDimension' });
export enum LimitActionEnum { DECLINE = 'DECLINE', REFER = 'REFER' }
registerEnumType(LimitActionEnum, { name: 'LimitAction' });
export enum BlacklistKindEnum { NATIONAL_ID = 'NATIONAL_ID', PHONE = 'PHONE', DEVICE = 'DEVICE', BANK_ACCOUNT = 'BANK_ACCOUNT' }
registerEnumType(BlacklistKindEnum, { name: 'BlacklistKind' });

@ObjectType('DecisionConfig', { description: 'A version of a scorecard or rule set: DRAFT, ACTIVE (one per kind) or RETIRED.' })
export class DecisionConfigType {
  @Field(() => ID) id!: string;
  @Field(() => DecisionConfigKindEnum) kind!: string;
  @Field() name!: string;
  @Field(() => Int) version!: number;
  @Field() status!: string;
  @Field(() => GraphQLJSON) definition!: unknown;
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true }) activatedAt!: Date | null;
}

@ObjectType('ApprovalTier')
@InputType('ApprovalTierInput')
export class ApprovalTierType {
  @Field() id!: string;
  @Field() name!: string;
  @Field(() => Int, { description: 'Lower numbers are tried first.' }) priority!: number;
  @Field(() => DecimalScalar, { nullable: true }) minAmount?: string | null;
  @Field(() => DecimalScalar, { nullable: true }) maxAmount?: string | null;
  @Field(() => [String], { nullable: true }) grades?: string[] | null;
  @Field(() => [String], { nullable: true }) productCodes?: string[] | null;
  @Field(() => ApprovalModeEnum) mode!: string;
  @Field(() => String, { nullable: true, description: 'The approval group (committee) approvers are drawn from.' }) group?: string | null;
  @Field(() => Int, { nullable: true, description: 'COMMITTEE: distinct approvals needed.' }) quorum?: number | null;
  @Field(() => Int, { nullable: true }) deadlineHours?: number | null;
}

@ObjectType('RiskAppetiteLimit')
@InputType('RiskAppetiteLimitInput')
export class RiskAppetiteLimitType {
  @Field() id!: string;
  @Field(() => AppetiteDimensionEnum) dimension!: string;
  @Field(() => String, { nullable: true, description: 'The industry, region or product code; null: each borrower (or value).' }) key?: string | null;
  @Field(() => DecimalScalar, { nullable: true }) maxAmount?: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Share of the portfolio, a fraction.' }) maxShare?: string | null;
  @Field(() => LimitActionEnum) action!: string;
}

@InputType('StageTimeLimitInput')
export class StageTimeLimitInput {
  @Field(() => ApplicationStatusEnum) status!: string;
  @Field({ description: 'Hours an application may stay in the stage.' }) hours!: number;
}

@ObjectType('OriginationPolicies')
export class OriginationPoliciesType {
  @Field(() => [ApprovalTierType]) approvalTiers!: unknown[];
  @Field(() => [RiskAppetiteLimitType]) riskAppetite!: unknown[];
  @Field(() => GraphQLJSON, { description: 'Hours per stage.' }) stageTimeLimits!: unknown;
  @Field(() => GraphQLJSON) fraud!: unknown;
  @Field(() => GraphQLJSON) offers!: unknown;
  @Field(() => GraphQLJSON) contractTemplate!: unknown;
}
