import { hasRole } from '../../platform/graphql/shield-rules';

export const cobPermissions = {
  Query: { cobRuns: hasRole('LENDER_ADMIN', 'SERVICER', 'ANALYST') },
  Mutation: { runCloseOfBusiness: hasRole('LENDER_ADMIN') },
};
