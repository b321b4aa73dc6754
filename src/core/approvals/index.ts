import { Dec } from '../money';

/**
 * Four-eyes control of money-moving operations: which calls a tenant routes to a second person, and
 * who may decide a pending request. Pure: the approvals module loads the policy, the maker and the
 * request, asks here, and acts on the answer.
 */

/** The operations a tenant can put under approval: exactly the GraphQL mutations they guard. */
export const APPROVAL_OPERATIONS = [
  'writeOffLoan', 'waive', 'reverseTransaction', 'restructureLoan', 'refundCredit', 'disburseLoan',
  'reviseLoanProduct', 'activateDecisionConfig', 'setRiskAppetiteLimits', 'offerSettlement',
] as const;
export type ApprovalOperation = (typeof APPROVAL_OPERATIONS)[number];

/** Operations measured by no amount: with a policy, every call needs approval. */
export const AMOUNTLESS_OPERATIONS: readonly ApprovalOperation[] = ['reviseLoanProduct', 'activateDecisionConfig', 'setRiskAppetiteLimits'];

/** Roles a policy may name as approvers (people who decide; analysts and agents do not). */
export const APPROVER_ROLES = ['LENDER_ADMIN', 'UNDERWRITER', 'SERVICER'] as const;
export type ApproverRole = (typeof APPROVER_ROLES)[number];

export const APPROVAL_STATUSES = ['PENDING', 'APPROVED', 'REJECTED', 'EXPIRED', 'FAILED'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

/**
 * Why a call became a request: the tenant's policy for the operation, the maker's own waiver limit,
 * or an authority the operation itself sets (a settlement's discount above its stage's maximum).
 */
export type ApprovalReason = 'POLICY' | 'WAIVER_LIMIT' | 'AUTHORITY';

/** Who decides a request beyond an operation's own authority when the tenant set no policy for it. */
export const AUTHORITY_DEFAULTS = { approverRoles: ['LENDER_ADMIN'] as ApproverRole[], expiresInHours: 72 };

export interface ApprovalPolicy {
  operation: ApprovalOperation;
  /** Calls whose amount is above it need approval; null: every call does. */
  thresholdAmount: string | null;
  approverRoles: ApproverRole[];
  expiresInHours: number;
}

export interface Maker {
  type: string;
  id: string | null;
  /** The staff user's own waiver limit (null: none set). */
  waiverLimit: string | null;
}

export type GuardDecision =
  | { kind: 'RUN' }
  | { kind: 'PENDING'; reason: ApprovalReason; approverRoles: ApproverRole[]; expiresInHours: number }
  | { kind: 'REFUSED'; waiverLimit: string };

/**
 * What becomes of a call: it runs, it waits for a second person, or (a waiver above the maker's own
 * limit with no waive policy to route it to an approver) it is refused.
 *
 * - A call beyond the authority the operation itself sets (`beyondAuthority`) always waits, for the
 *   policy's approvers or, without a policy, a lender admin.
 * - With a policy, a call needs approval when the operation has no amount, the threshold is null, or
 *   the amount is above the threshold (equal to it runs).
 * - A staff user's waiver limit applies to their waivers whatever the policy's threshold: above it,
 *   the waiver goes to the waive policy's approvers, or is refused when there is no waive policy.
 */
export function decideGuard(operation: ApprovalOperation, amount: string | null, policy: ApprovalPolicy | null, maker: Maker, beyondAuthority = false): GuardDecision {
  if (beyondAuthority) {
    return { kind: 'PENDING', reason: 'AUTHORITY', approverRoles: policy?.approverRoles ?? AUTHORITY_DEFAULTS.approverRoles, expiresInHours: policy?.expiresInHours ?? AUTHORITY_DEFAULTS.expiresInHours };
  }
  if (policy) {
    const above = amount === null || policy.thresholdAmount === null || new Dec(amount).gt(policy.thresholdAmount);
    if (above) return { kind: 'PENDING', reason: 'POLICY', approverRoles: policy.approverRoles, expiresInHours: policy.expiresInHours };
  }
  if (operation === 'waive' && maker.waiverLimit !== null && amount !== null && new Dec(amount).gt(maker.waiverLimit)) {
    if (!policy) return { kind: 'REFUSED', waiverLimit: maker.waiverLimit };
    return { kind: 'PENDING', reason: 'WAIVER_LIMIT', approverRoles: policy.approverRoles, expiresInHours: policy.expiresInHours };
  }
  return { kind: 'RUN' };
}

export interface PendingRequest {
  operation: ApprovalOperation;
  status: ApprovalStatus;
  amount: string | null;
  makerType: string;
  makerId: string | null;
  approverRoles: string[];
  expiresAt: Date;
}

export interface Checker {
  type: string;
  id: string | null;
  roles: readonly string[];
  waiverLimit: string | null;
}

export type DecisionCheck =
  | { ok: true }
  | { ok: false; code: 'CONFLICT' | 'FORBIDDEN'; reason: 'NOT_PENDING' | 'EXPIRED' | 'NOT_A_PERSON' | 'MAKER' | 'ROLE' | 'WAIVER_LIMIT'; message: string };

/** A request past its expiry that nobody decided shows (and is stored, when next touched) as EXPIRED. */
export function effectiveStatus(status: ApprovalStatus, expiresAt: Date, now: Date): ApprovalStatus {
  return status === 'PENDING' && expiresAt.getTime() <= now.getTime() ? 'EXPIRED' : status;
}

/**
 * Whether `checker` may approve (or reject) the request now: it must still be pending and unexpired;
 * the checker must be a named staff user (a key is not a second person), not the maker, and hold one
 * of the approver roles; a checker with a waiver limit cannot approve a waiver above it.
 */
export function checkDecision(request: PendingRequest, checker: Checker, now: Date, action: 'APPROVE' | 'REJECT'): DecisionCheck {
  const status = effectiveStatus(request.status, request.expiresAt, now);
  if (status === 'EXPIRED') return { ok: false, code: 'CONFLICT', reason: 'EXPIRED', message: `The request expired at ${request.expiresAt.toISOString()}` };
  if (status !== 'PENDING') return { ok: false, code: 'CONFLICT', reason: 'NOT_PENDING', message: `The request is already ${status}` };
  if (checker.type !== 'STAFF_USER' || !checker.id) {
    return { ok: false, code: 'FORBIDDEN', reason: 'NOT_A_PERSON', message: 'Requests are decided by a signed-in staff user, not by a key' };
  }
  if (checker.type === request.makerType && checker.id === request.makerId) {
    return { ok: false, code: 'FORBIDDEN', reason: 'MAKER', message: 'The maker of a request cannot decide it' };
  }
  if (!request.approverRoles.some((r) => checker.roles.includes(r))) {
    return { ok: false, code: 'FORBIDDEN', reason: 'ROLE', message: `Only ${request.approverRoles.join(' or ')} may decide this request` };
  }
  if (action === 'APPROVE' && request.operation === 'waive' && checker.waiverLimit !== null && request.amount !== null && new Dec(request.amount).gt(checker.waiverLimit)) {
    return { ok: false, code: 'FORBIDDEN', reason: 'WAIVER_LIMIT', message: `The waiver exceeds your own waiver limit of ${checker.waiverLimit}` };
  }
  return { ok: true };
}
