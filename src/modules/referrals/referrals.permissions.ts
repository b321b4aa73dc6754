import { allow } from 'graphql-shield';
import { hasRole } from '../../platform/graphql/shield-rules';

export const referralsPermissions = {
  Query: {
    referrals: hasRole('LENDER_ADMIN', 'UNDERWRITER', 'ANALYST', 'AGENT'),
    attributionRules: hasRole('LENDER_ADMIN', 'ANALYST', 'AGENT'),
  },
  Mutation: {
    submitReferral: hasRole('AGENT'),
    setAttributionRules: hasRole('LENDER_ADMIN'),
  },
  Referral: allow,
  AttributionRules: allow,
};
