import { allow } from 'graphql-shield';
import { hasRole } from '../../platform/graphql/shield-rules';

const ADMIN = hasRole('LENDER_ADMIN');

export const decisionConfigPermissions = {
  Query: {
    decisionConfigs: hasRole('LENDER_ADMIN', 'ANALYST', 'UNDERWRITER'),
    originationPolicies: hasRole('LENDER_ADMIN', 'ANALYST', 'UNDERWRITER'),
  },
  Mutation: {
    saveScorecard: ADMIN,
    saveRuleSet: ADMIN,
    activateDecisionConfig: ADMIN,
    setApprovalTiers: ADMIN,
    setRiskAppetiteLimits: ADMIN,
    setStageTimeLimits: ADMIN,
    setFraudPolicy: ADMIN,
    setOfferPolicy: ADMIN,
    setContractTemplate: ADMIN,
    setWatchlist: hasRole('LENDER_ADMIN', 'UNDERWRITER'),
    addBlacklistEntry: hasRole('LENDER_ADMIN', 'UNDERWRITER'),
    setStaffApprovalAuthority: ADMIN,
  },
  DecisionConfig: allow,
  ApprovalTier: allow,
  RiskAppetiteLimit: allow,
  OriginationPolicies: allow,
};
