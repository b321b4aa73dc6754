import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../../platform/graphql/connection';
import type { GraphQLContext } from '../../platform/graphql/context';
import type { AuditService } from '../../platform/audit/audit.service';
import type { AuditVerificationService } from './audit-verification.service';
import { StaffUserType } from '../identity';
import { toStaffUserType } from '../identity';
import { AuditEntryConnection, AuditEntryType, AuditVerificationType } from './dto/audit-entry.type';
import { STAFF_USERS } from '../identity';

@ArgsType()
class AuditLogArgs extends PageArgs {
  @Field(() => String, { nullable: true }) entityType?: string;
  @Field(() => String, { nullable: true }) entityId?: string;
}

@Resolver(() => AuditEntryType)
export class AuditResolver {
  constructor(
    private readonly audit: AuditService,
    private readonly verifications: AuditVerificationService,
  ) {}

  @Query(() => AuditEntryConnection, { description: 'The tenant’s audit log, newest first.' })
  auditLog(@Ctx() { ctx }: GraphQLContext, @Args(() => AuditLogArgs) args: AuditLogArgs) {
    return this.audit.list(ctx, args);
  }

  @Mutation(() => AuditVerificationType, { description: 'Queues a re-computation of every hash of the tenant’s audit chain.' })
  verifyAuditLog(@Ctx() { ctx }: GraphQLContext) {
    return this.verifications.request(ctx);
  }

  @Query(() => AuditVerificationType, { description: 'The state and result of a requested audit verification.' })
  auditVerification(@Ctx() { ctx }: GraphQLContext, @Arg('id', () => ID) id: string) {
    return this.verifications.byId(ctx, id);
  }

  @FieldResolver(() => StaffUserType, { nullable: true, description: 'The staff user who acted, when a staff user did (batched per request).' })
  async actorUser(@Root() entry: AuditEntryType, @Ctx() { loaders }: GraphQLContext) {
    if (entry.actorType !== 'STAFF_USER' || !entry.actorId) return null;
    const user = await loaders.load(STAFF_USERS, entry.actorId);
    return user ? toStaffUserType(user) : null;
  }
}
