import { DomainError } from '../../core/domain-error';
import type { ApprovalOperation, ApprovalReason, ApproverRole } from '../../core/approvals';

/** What the maker is told of the request their call became. */
export interface PendingRequest {
  id: string;
  operation: ApprovalOperation;
  reason: ApprovalReason;
  approverRoles: ApproverRole[];
  expiresAt: Date;
}

/**
 * The answer to a guarded call that became a request: nothing was done, the request is committed and
 * waits for a second person. The mutation keeps its return type; the caller finds the request here.
 */
export function approvalRequired(request: PendingRequest): DomainError {
  return new DomainError('APPROVAL_REQUIRED', `${request.operation} needs a second person's approval: request ${request.id} is pending until ${request.expiresAt.toISOString()}`, {
    approvalRequestId: request.id,
    operation: request.operation,
    reason: request.reason,
    approverRoles: request.approverRoles,
    expiresAt: request.expiresAt.toISOString(),
  });
}

/** A waiver above the maker's own limit when no waive policy names who could approve it. */
export function waiverLimitExceeded(amount: string, waiverLimit: string): DomainError {
  return new DomainError('FORBIDDEN', `The waiver of ${amount} exceeds your waiver limit of ${waiverLimit}, and no approval policy for waive routes it to an approver`, {
    reason: 'WAIVER_LIMIT', amount, waiverLimit,
  });
}
