import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../../platform/graphql/connection';

@ObjectType('AuditEntry', { description: 'One entry of the tenant’s append-only, hash-chained audit log.' })
export class AuditEntryType {
  @Field(() => ID) id!: string;
  @Field({ description: 'Position in the tenant’s chain, from 1.' }) seq!: number;
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

export const AuditEntryConnection = ConnectionType(AuditEntryType);
