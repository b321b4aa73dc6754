import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType } from '../../../platform/graphql/connection';
import { DecimalScalar } from '../../../platform/graphql/scalars';
import { TenantType } from '../../tenancy';

export enum RoleEnum {
  PLATFORM_ADMIN = 'PLATFORM_ADMIN',
  LENDER_ADMIN = 'LENDER_ADMIN',
  UNDERWRITER = 'UNDERWRITER',
  SERVICER = 'SERVICER',
  COLLECTOR = 'COLLECTOR',
  ANALYST = 'ANALYST',
  AGENT = 'AGENT',
  APP = 'APP',
  BORROWER = 'BORROWER',
}
registerEnumType(RoleEnum, { name: 'Role' });

export enum ActorTypeEnum {
  ANONYMOUS = 'ANONYMOUS',
  API_KEY = 'API_KEY',
  PLATFORM_KEY = 'PLATFORM_KEY',
  STAFF_USER = 'STAFF_USER',
  BORROWER = 'BORROWER',
  SYSTEM = 'SYSTEM',
}
registerEnumType(ActorTypeEnum, { name: 'ActorType' });

export enum StaffUserStatusEnum {
  ACTIVE = 'ACTIVE',
  DISABLED = 'DISABLED',
}
registerEnumType(StaffUserStatusEnum, { name: 'StaffUserStatus' });

@ObjectType('Actor')
export class ActorType {
  @Field(() => ActorTypeEnum) type!: ActorTypeEnum;
  @Field(() => ID, { nullable: true }) id!: string | null;
}

@ObjectType('Viewer', { description: 'The caller, as resolved from its credential.' })
export class ViewerType {
  @Field(() => TenantType, { nullable: true, description: 'Null for the platform operator.' }) tenant!: TenantType | null;
  @Field(() => [RoleEnum]) roles!: RoleEnum[];
  @Field(() => ActorType) actor!: ActorType;
  @Field(() => ID, { nullable: true, description: 'Set for borrower tokens.' }) borrowerId!: string | null;
  @Field(() => ID, { nullable: true, description: 'Set for an agent’s key: the agent it acts for.' }) agentId!: string | null;
}

@ObjectType('ApiKey', { description: 'An API key of the tenant. The secret is shown only once, when created.' })
export class ApiKeyType {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field({ description: 'The visible start of the key, e.g. ml_acme_1a2b3c4d.' }) prefix!: string;
  @Field(() => RoleEnum) role!: RoleEnum;
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true }) expiresAt!: Date | null;
  @Field(() => Date, { nullable: true }) revokedAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'Updated at most once a minute.' }) lastUsedAt!: Date | null;
  @Field() active!: boolean;
  @Field(() => ID, { nullable: true, description: 'The agent an AGENT key belongs to.' }) agentId!: string | null;
}
export const ApiKeyConnection = ConnectionType(ApiKeyType, 'ApiKey');

@ObjectType('CreatedApiKey')
export class CreatedApiKeyType {
  @Field(() => ApiKeyType) apiKey!: ApiKeyType;
  @Field({ description: 'The whole key. Store it now: it is never shown again.' }) secret!: string;
}

@InputType('CreateApiKeyInput')
export class CreateApiKeyInput {
  @Field() name!: string;
  @Field(() => RoleEnum) role!: RoleEnum;
  @Field(() => Date, { nullable: true }) expiresAt?: Date;
  @Field(() => ID, { nullable: true, description: 'Required for an AGENT key: the (active) agent it belongs to.' }) agentId?: string;
}

@ObjectType('StaffUser')
export class StaffUserType {
  @Field(() => ID) id!: string;
  @Field() email!: string;
  @Field() fullName!: string;
  @Field(() => [RoleEnum]) roles!: RoleEnum[];
  @Field(() => StaffUserStatusEnum) status!: StaffUserStatusEnum;
  @Field(() => Date, { nullable: true }) lastLoginAt!: Date | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'The most this user may waive without a second person (setWaiverLimit); null: no personal limit.' })
  waiverLimit!: string | null;
  @Field() createdAt!: Date;
}
export const StaffUserConnection = ConnectionType(StaffUserType, 'StaffUser');

@InputType('CreateStaffUserInput')
export class CreateStaffUserInput {
  @Field() email!: string;
  @Field() fullName!: string;
  @Field(() => [RoleEnum]) roles!: RoleEnum[];
  @Field({ description: 'At least 12 characters.' }) password!: string;
}

@InputType('LoginInput')
export class LoginInput {
  @Field() tenantSlug!: string;
  @Field() email!: string;
  @Field() password!: string;
}

@ObjectType('AuthToken')
export class AuthTokenType {
  @Field({ description: 'Send as Authorization: Bearer <token>.' }) token!: string;
  @Field() expiresAt!: Date;
}

@InputType('MintBorrowerTokenInput')
export class MintBorrowerTokenInput {
  @Field({ description: 'The front-end’s own id for its signed-in user.' }) externalRef!: string;
  @Field(() => String, { nullable: true }) displayName?: string;
}

@ObjectType('BorrowerToken')
export class BorrowerTokenType extends AuthTokenType {
  @Field(() => ID) borrowerId!: string;
}
