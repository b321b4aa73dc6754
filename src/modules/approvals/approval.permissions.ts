import { allow } from 'graphql-shield';
import { hasRole } from '../../platform/graphql/shield-rules';

// Who may decide a request is narrowed further by the request's approver roles (and never its maker).
const DECIDERS = hasRole('LENDER_ADMIN', 'UNDERWRITER', 'SERVICER');

export const approvalPermissions = {
  Query: {
    approvalPolicies: hasRole('LENDER_ADMIN', 'ANALYST'),
    pendingApprovals: hasRole('LENDER_ADMIN', 'UNDERWRITER', 'SERVICER', 'ANALYST'),
    approvalRequest: hasRole('LENDER_ADMIN', 'UNDERWRITER', 'SERVICER', 'ANALYST'),
  },
  Mutation: {
    setApprovalPolicy: hasRole('LENDER_ADMIN'),
    removeApprovalPolicy: hasRole('LENDER_ADMIN'),
    setWaiverLimit: hasRole('LENDER_ADMIN'),
    approveRequest: DECIDERS,
    rejectRequest: DECIDERS,
  },
  ApprovalPolicy: allow,
  ApprovalRequest: allow,
};
