import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType } from '../../../platform/graphql/connection';

@ObjectType('AuditEntry', { description: 'One entry of the tenant’s append-only, hash-chained audit log.' })
export class AuditEntryType {
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: 'The tenant’s chain (lane) the entry is in: 0 unless writers committed at the same moment.' }) lane!: number;
  @Field({ description: 'Position in its lane’s chain, from 1.' }) seq!: number;
  @Field() occurredAt!: Date;
  @Field() actorType!: string;
  @Field(() => String, { nullable: true }) actorId!: string | null;
  @Field() action!: string;
  @Field() entityType!: string;
  @Field() entityId!: string;
  @Field(() => GraphQLJSON, { nullable: true }) before!: unknown;
  @Field(() => GraphQLJSON, { nullable: true }) after!: unknown;
  @Field(() => String, { nullable: true }) requestId!: string | null;
  @Field({ description: 'SHA-256 of the previous entry’s hash and this entry’s canonical JSON.' }) hash!: string;
  @Field() prevHash!: string;
}

export const AuditEntryConnection = ConnectionType(AuditEntryType, 'AuditEntry');

export enum AuditVerificationStateEnum {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
}
registerEnumType(AuditVerificationStateEnum, { name: 'AuditVerificationState' });

@ObjectType('AuditChainBreak')
export class AuditChainBreakType {
  @Field(() => Int) lane!: number;
  @Field(() => Int) seq!: number;
  @Field({ description: 'EDITED, MISSING, RELINKED or TRUNCATED.' }) reason!: string;
  @Field() detail!: string;
}

@ObjectType('AuditVerification', { description: 'A background re-verification of the tenant’s audit chain.' })
export class AuditVerificationType {
  @Field(() => ID) id!: string;
  @Field(() => AuditVerificationStateEnum) state!: AuditVerificationStateEnum;
  @Field(() => Boolean, { nullable: true, description: 'Null until the job has finished.' }) ok!: boolean | null;
  @Field(() => Int, { nullable: true }) checked!: number | null;
  @Field(() => [AuditChainBreakType]) breaks!: AuditChainBreakType[];
  @Field() requestedAt!: Date;
}
