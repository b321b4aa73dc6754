import { allow } from 'graphql-shield';
import { hasRole } from '../../platform/graphql/shield-rules';

export const tenantPermissions = {
  Query: {
    tenants: hasRole('PLATFORM_ADMIN'),
    tenant: hasRole('PLATFORM_ADMIN'),
  },
  Mutation: {
    createTenant: hasRole('PLATFORM_ADMIN'),
    updateTenant: hasRole('PLATFORM_ADMIN'),
    setTenantStatus: hasRole('PLATFORM_ADMIN'),
    updateTenantSettings: hasRole('LENDER_ADMIN'),
  },
  Tenant: allow,
  RoundingPolicy: allow,
  TenantSettings: allow,
};
