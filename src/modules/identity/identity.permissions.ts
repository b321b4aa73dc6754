import { allow } from 'graphql-shield';
import { hasRole, isAuthenticated } from '../../platform/graphql/shield-rules';

export const identityPermissions = {
  Query: {
    viewer: isAuthenticated,
    apiKeys: hasRole('LENDER_ADMIN'),
    staffUsers: hasRole('LENDER_ADMIN'),
  },
  Mutation: {
    createApiKey: hasRole('LENDER_ADMIN'),
    revokeApiKey: hasRole('LENDER_ADMIN'),
    createStaffUser: hasRole('LENDER_ADMIN'),
    setStaffUserRoles: hasRole('LENDER_ADMIN'),
    setStaffUserStatus: hasRole('LENDER_ADMIN'),
    // Public by nature: a login is how a caller gets a credential.
    login: allow,
    mintBorrowerToken: hasRole('APP'),
  },
  Viewer: allow,
  Actor: allow,
  ApiKey: allow,
  CreatedApiKey: allow,
  StaffUser: allow,
  AuthToken: allow,
  BorrowerToken: allow,
};
