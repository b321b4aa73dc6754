import { allow } from 'graphql-shield';
import { hasRole } from '../../platform/graphql/shield-rules';

export const commissionsPermissions = {
  Query: {
    commissionPlans: hasRole('LENDER_ADMIN', 'ANALYST', 'AGENT'),
    commissions: hasRole('LENDER_ADMIN', 'ANALYST', 'AGENT'),
    commissionStatements: hasRole('LENDER_ADMIN', 'ANALYST', 'AGENT'),
  },
  Mutation: {
    setCommissionPlan: hasRole('LENDER_ADMIN'),
    closeCommissionPeriod: hasRole('LENDER_ADMIN'),
  },
  CommissionPlan: allow,
  CommissionRule: allow,
  CommissionTier: allow,
  CommissionClawback: allow,
  CommissionHoldback: allow,
  CommissionOverride: allow,
  Commission: allow,
  CommissionCalculation: allow,
  CommissionStatement: allow,
  CommissionPeriod: allow,
};
