import { allow } from 'graphql-shield';
import { hasRole } from '../../platform/graphql/shield-rules';

export const usagePermissions = {
  Query: {
    usage: hasRole('LENDER_ADMIN', 'ANALYST'),
    usageRecords: hasRole('LENDER_ADMIN', 'ANALYST'),
  },
  Mutation: {
    runUsageBilling: hasRole('PLATFORM_ADMIN'),
    setTenantBillingCustomer: hasRole('PLATFORM_ADMIN'),
  },
  UsageRecord: allow,
  UsageBillingRun: allow,
  TenantBillingCustomer: allow,
};
