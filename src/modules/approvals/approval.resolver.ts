import { Arg, Args, ArgsType, Ctx, Field, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { PageArgs } from '../../platform/graphql/connection';
import type { GraphQLContext } from '../../platform/graphql/context';
import { DecimalScalar } from '../../platform/graphql/scalars';
import { RoleEnum, StaffUserType } from '../identity';
import { toStaffUserType } from '../identity';
import { toApprovalPolicyType, toApprovalRequestType } from './approval.mapper';
import type { ApprovalService } from './approval.service';
import { ApprovalOperationEnum, ApprovalPolicyType, ApprovalRequestConnection, ApprovalRequestType, ApprovalStatusEnum } from './dto/approval.type';

@ArgsType()
class PendingApprovalsArgs extends PageArgs {
  @Field(() => ApprovalStatusEnum, { nullable: true, description: 'Default PENDING (undecided and unexpired).' }) status?: ApprovalStatusEnum;
  @Field(() => ApprovalOperationEnum, { nullable: true }) operation?: ApprovalOperationEnum;
}

@Resolver()
export class ApprovalResolver {
  constructor(private readonly approvals: ApprovalService) {}

  @Query(() => [ApprovalPolicyType], { description: 'The operations this tenant puts under four-eyes.' })
  async approvalPolicies(@Ctx() { ctx }: GraphQLContext) {
    return (await this.approvals.policies(ctx)).map(toApprovalPolicyType);
  }

  @Query(() => ApprovalRequestConnection, { description: 'Approval requests, newest first: by default those waiting for a decision.' })
  async pendingApprovals(@Ctx() { ctx }: GraphQLContext, @Args(() => PendingApprovalsArgs) args: PendingApprovalsArgs) {
    const page = await this.approvals.list(ctx, args);
    return { ...page, nodes: page.nodes.map((n) => toApprovalRequestType(n)), edges: page.edges.map((e) => ({ cursor: e.cursor, node: toApprovalRequestType(e.node) })) };
  }

  @Query(() => ApprovalRequestType)
  async approvalRequest(@Ctx() { ctx }: GraphQLContext, @Arg('id', () => ID) id: string) {
    return toApprovalRequestType(await this.approvals.byIdOrThrow(ctx, id));
  }

  @Mutation(() => ApprovalPolicyType, {
    description: 'Puts an operation under four-eyes: calls above thresholdAmount (null: every call; operations without an amount always) become requests that one of approverRoles, never the maker, approves within expiresInHours (default 72).',
  })
  async setApprovalPolicy(
    @Ctx() { ctx }: GraphQLContext,
    @Arg('operation', () => ApprovalOperationEnum) operation: ApprovalOperationEnum,
    @Arg('approverRoles', () => [RoleEnum]) approverRoles: RoleEnum[],
    @Arg('thresholdAmount', () => DecimalScalar, { nullable: true }) thresholdAmount?: string | null,
    @Arg('expiresInHours', () => Int, { nullable: true }) expiresInHours?: number | null,
  ) {
    return toApprovalPolicyType((await this.approvals.setPolicy(ctx, { operation, thresholdAmount, approverRoles, expiresInHours })).policy);
  }

  @Mutation(() => Boolean, { description: 'Takes an operation out of four-eyes; requests already made stay as they are.' })
  removeApprovalPolicy(@Ctx() { ctx }: GraphQLContext, @Arg('operation', () => ApprovalOperationEnum) operation: ApprovalOperationEnum) {
    return this.approvals.removePolicy(ctx, operation);
  }

  @Mutation(() => ApprovalRequestType, { description: 'Runs the request’s operation exactly as the maker’s call would have, once; by a staff user holding an approver role, never the maker.' })
  async approveRequest(@Ctx() { ctx }: GraphQLContext, @Arg('id', () => ID) id: string, @Arg('note', () => String, { nullable: true }) note?: string | null) {
    return toApprovalRequestType(await this.approvals.approve(ctx, id, note ?? null));
  }

  @Mutation(() => ApprovalRequestType, { description: 'Refuses the request: nothing is done.' })
  async rejectRequest(@Ctx() { ctx }: GraphQLContext, @Arg('id', () => ID) id: string, @Arg('reason') reason: string) {
    return toApprovalRequestType(await this.approvals.reject(ctx, id, reason));
  }

  @Mutation(() => StaffUserType, { description: 'The most a staff user may waive alone; above it a waiver needs approval (or is refused without a waive policy). null: no personal limit.' })
  async setWaiverLimit(@Ctx() { ctx }: GraphQLContext, @Arg('userId', () => ID) userId: string, @Arg('limit', () => DecimalScalar, { nullable: true }) limit?: string | null) {
    return toStaffUserType(await this.approvals.setWaiverLimit(ctx, userId, limit ?? null));
  }
}
