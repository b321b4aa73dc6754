import { allow } from 'graphql-shield';
import { hasRole, isAuthenticated } from '../../platform/graphql/shield-rules';
import { TENANT_ANY, TENANT_STAFF } from '../../platform/graphql/role-groups';

export const pricingPermissions = {
  Query: {
    referenceRates: isAuthenticated,
    rateCapRules: hasRole(...TENANT_STAFF),
    rateCap: hasRole(...TENANT_ANY),
  },
  Mutation: {
    setReferenceRate: hasRole('PLATFORM_ADMIN'),
    setRateCapRule: hasRole('LENDER_ADMIN'),
  },
  ReferenceRate: allow,
  RateCapRule: allow,
  RateCap: allow,
};
