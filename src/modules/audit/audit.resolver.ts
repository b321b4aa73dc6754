import { Args, ArgsType, Ctx, Field, Query, Resolver } from 'type-graphql';
import { PageArgs } from '../../platform/graphql/connection';
import type { GraphQLContext } from '../../platform/graphql/context';
import type { AuditService } from './audit.service';
import { AuditEntryConnection } from './dto/audit-entry.type';

@ArgsType()
class AuditLogArgs extends PageArgs {
  @Field(() => String, { nullable: true }) entityType?: string;
  @Field(() => String, { nullable: true }) entityId?: string;
}

@Resolver()
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @Query(() => AuditEntryConnection, { description: 'The tenant’s audit log, newest first.' })
  auditLog(@Ctx() { ctx }: GraphQLContext, @Args(() => AuditLogArgs) args: AuditLogArgs) {
    return this.audit.list(ctx, args);
  }
}
