import { effectiveStatus } from '../../core/approvals';
import { Dec } from '../../core/money';
import type { ActorTypeEnum, RoleEnum } from '../identity';
import type { ApprovalPolicyRow, ApprovalRequestRow } from './approval.service';
import type { ApprovalOperationEnum, ApprovalPolicyType, ApprovalReasonEnum, ApprovalRequestType, ApprovalStatusEnum } from './dto/approval.type';

const amount = (v: string | null) => (v === null ? null : new Dec(v).toFixed());

export function toApprovalPolicyType(p: ApprovalPolicyRow): ApprovalPolicyType {
  return {
    operation: p.operation as ApprovalOperationEnum, thresholdAmount: amount(p.thresholdAmount), approverRoles: p.approverRoles as RoleEnum[],
    expiresInHours: p.expiresInHours, updatedAt: p.updatedAt,
  };
}

export function toApprovalRequestType(r: ApprovalRequestRow, now = new Date()): ApprovalRequestType {
  return {
    id: r.id, operation: r.operation as ApprovalOperationEnum, status: effectiveStatus(r.status, r.expiresAt, now) as ApprovalStatusEnum, reason: r.reason as ApprovalReasonEnum,
    subject: r.subject, amount: amount(r.amount), currency: r.currency, arguments: r.arguments, approverRoles: r.approverRoles as RoleEnum[],
    makerType: r.makerType as ActorTypeEnum, makerId: r.makerId, createdAt: r.createdAt, expiresAt: r.expiresAt, checkerType: r.checkerType as ActorTypeEnum | null,
    checkerId: r.checkerId, decidedAt: r.decidedAt, decisionNote: r.decisionNote, result: r.result, error: r.error,
  };
}
