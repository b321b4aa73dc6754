import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType } from '../../../platform/graphql/connection';
import { DecimalScalar } from '../../../platform/graphql/scalars';
import { ActorTypeEnum, RoleEnum } from '../../identity';

/** The guarded operations: exactly the names of the mutations they guard. */
export enum ApprovalOperationEnum {
  writeOffLoan = 'writeOffLoan',
  waive = 'waive',
  reverseTransaction = 'reverseTransaction',
  restructureLoan = 'restructureLoan',
  refundCredit = 'refundCredit',
  disburseLoan = 'disburseLoan',
  reviseLoanProduct = 'reviseLoanProduct',
  activateDecisionConfig = 'activateDecisionConfig',
  setRiskAppetiteLimits = 'setRiskAppetiteLimits',
  offerSettlement = 'offerSettlement',
}
registerEnumType(ApprovalOperationEnum, { name: 'ApprovalOperation', description: 'A mutation a tenant can put under four-eyes (setApprovalPolicy).' });

export enum ApprovalStatusEnum { PENDING = 'PENDING', APPROVED = 'APPROVED', REJECTED = 'REJECTED', EXPIRED = 'EXPIRED', FAILED = 'FAILED' }
registerEnumType(ApprovalStatusEnum, { name: 'ApprovalStatus' });

export enum ApprovalReasonEnum { POLICY = 'POLICY', WAIVER_LIMIT = 'WAIVER_LIMIT', AUTHORITY = 'AUTHORITY' }
registerEnumType(ApprovalReasonEnum, { name: 'ApprovalReason', description: 'POLICY: above the operation’s threshold; WAIVER_LIMIT: above the maker’s own waiver limit; AUTHORITY: beyond the authority the operation itself sets (a settlement discount above its collection stage’s maxDiscount).' });

@ObjectType('ApprovalPolicy')
export class ApprovalPolicyType {
  @Field(() => ApprovalOperationEnum) operation!: ApprovalOperationEnum;
  @Field(() => DecimalScalar, { nullable: true, description: 'Calls above it need approval; null: every call does.' }) thresholdAmount!: string | null;
  @Field(() => [RoleEnum], { description: 'Who may approve or reject (never the maker).' }) approverRoles!: RoleEnum[];
  @Field(() => Int, { description: 'A request not decided within this many hours expires.' }) expiresInHours!: number;
  @Field() updatedAt!: Date;
}

@ObjectType('ApprovalRequest', { description: 'A guarded call waiting for (or decided by) a second person.' })
export class ApprovalRequestType {
  @Field(() => ID) id!: string;
  @Field(() => ApprovalOperationEnum) operation!: ApprovalOperationEnum;
  @Field(() => ApprovalStatusEnum) status!: ApprovalStatusEnum;
  @Field(() => ApprovalReasonEnum) reason!: ApprovalReasonEnum;
  @Field({ description: 'What the call is about, e.g. the loan.' }) subject!: string;
  @Field(() => DecimalScalar, { nullable: true, description: 'What the threshold was compared with; null for operations without an amount.' }) amount!: string | null;
  @Field(() => String, { nullable: true }) currency!: string | null;
  @Field(() => GraphQLJSON, { description: 'The arguments of the call, run as they are on approval.' }) arguments!: unknown;
  @Field(() => [RoleEnum]) approverRoles!: RoleEnum[];
  @Field(() => ActorTypeEnum) makerType!: ActorTypeEnum;
  @Field(() => String, { nullable: true }) makerId!: string | null;
  @Field() createdAt!: Date;
  @Field() expiresAt!: Date;
  @Field(() => ActorTypeEnum, { nullable: true }) checkerType!: ActorTypeEnum | null;
  @Field(() => String, { nullable: true }) checkerId!: string | null;
  @Field(() => Date, { nullable: true }) decidedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'The approver’s note or the rejection’s reason.' }) decisionNote!: string | null;
  @Field(() => GraphQLJSON, { nullable: true, description: 'What the approved operation produced (ids and states).' }) result!: unknown;
  @Field(() => GraphQLJSON, { nullable: true, description: 'Why an approved operation failed (code, message).' }) error!: unknown;
}
export const ApprovalRequestConnection = ConnectionType(ApprovalRequestType, 'ApprovalRequest');
