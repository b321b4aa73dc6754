import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType } from '../../../platform/graphql/connection';

export enum TenantStatusEnum {
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
}
registerEnumType(TenantStatusEnum, { name: 'TenantStatus', description: 'A suspended tenant’s credentials stop working.' });

export enum RoundingModeEnum {
  HALF_EVEN = 'HALF_EVEN',
  HALF_UP = 'HALF_UP',
  DOWN = 'DOWN',
  UP = 'UP',
}
registerEnumType(RoundingModeEnum, { name: 'RoundingMode', description: 'DOWN rounds toward zero, UP away from zero.' });

@ObjectType('RoundingPolicy')
export class RoundingPolicyType {
  @Field(() => Int) decimals!: number;
  @Field(() => RoundingModeEnum) mode!: RoundingModeEnum;
}

@ObjectType('TenantSettings')
export class TenantSettingsType {
  @Field(() => String, { nullable: true }) supportEmail?: string;
  @Field(() => String, { nullable: true }) supportPhone?: string;
  @Field(() => String, { nullable: true }) website?: string;
  @Field(() => Int, { nullable: true, description: 'Longest lifetime a new API key may have.' }) apiKeyMaxTtlDays?: number;
  @Field(() => Int, { nullable: true }) auditRetentionYears?: number;
}

@ObjectType('Tenant', { description: 'A lender on the platform.' })
export class TenantType {
  @Field(() => ID) id!: string;
  @Field() slug!: string;
  @Field() name!: string;
  @Field() legalName!: string;
  @Field({ description: 'ISO 3166-1 alpha-2.' }) country!: string;
  @Field({ description: 'Where rules such as rate caps come from, e.g. CN or US-CA.' }) jurisdiction!: string;
  @Field({ description: 'ISO 4217.' }) baseCurrency!: string;
  @Field({ description: 'IANA time zone; business dates are taken in it.' }) timezone!: string;
  @Field() locale!: string;
  @Field(() => TenantStatusEnum) status!: TenantStatusEnum;
  @Field(() => RoundingPolicyType, { description: 'Default rounding of money amounts.' }) rounding!: RoundingPolicyType;
  @Field(() => TenantSettingsType) settings!: TenantSettingsType;
  @Field(() => Int, { description: 'Bumped on every change.' }) version!: number;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
}

export const TenantConnection = ConnectionType(TenantType, 'Tenant');

@InputType('RoundingPolicyInput')
export class RoundingPolicyInput {
  @Field(() => Int) decimals!: number;
  @Field(() => RoundingModeEnum) mode!: RoundingModeEnum;
}

@InputType('TenantSettingsInput')
export class TenantSettingsInput {
  @Field(() => String, { nullable: true }) supportEmail?: string;
  @Field(() => String, { nullable: true }) supportPhone?: string;
  @Field(() => String, { nullable: true }) website?: string;
  @Field(() => Int, { nullable: true }) apiKeyMaxTtlDays?: number;
  @Field(() => Int, { nullable: true }) auditRetentionYears?: number;
}

@InputType('TenantInput')
export class TenantInput {
  @Field() slug!: string;
  @Field() name!: string;
  @Field() legalName!: string;
  @Field() country!: string;
  @Field() jurisdiction!: string;
  @Field() baseCurrency!: string;
  @Field() timezone!: string;
  @Field() locale!: string;
  @Field(() => TenantStatusEnum, { nullable: true }) status?: TenantStatusEnum;
  @Field(() => RoundingPolicyInput) rounding!: RoundingPolicyInput;
  @Field(() => TenantSettingsInput, { nullable: true }) settings?: TenantSettingsInput;
}

@InputType('TenantUpdateInput')
export class TenantUpdateInput {
  @Field() name!: string;
  @Field() legalName!: string;
  @Field() country!: string;
  @Field() jurisdiction!: string;
  @Field() baseCurrency!: string;
  @Field() timezone!: string;
  @Field() locale!: string;
  @Field(() => RoundingPolicyInput) rounding!: RoundingPolicyInput;
  @Field(() => TenantSettingsInput, { nullable: true }) settings?: TenantSettingsInput;
}
