import { allow } from 'graphql-shield';
import { hasRole } from '../../platform/graphql/shield-rules';

const WORKS_BORROWERS = hasRole('LENDER_ADMIN', 'UNDERWRITER', 'SERVICER', 'COLLECTOR', 'AGENT', 'ANALYST');

export const borrowerPermissions = {
  Query: {
    // A borrower token reads itself through `borrower(id)`; the service refuses other ids.
    borrower: hasRole('LENDER_ADMIN', 'UNDERWRITER', 'SERVICER', 'COLLECTOR', 'AGENT', 'ANALYST', 'BORROWER'),
    borrowers: WORKS_BORROWERS,
  },
  Mutation: {
    createBorrower: hasRole('LENDER_ADMIN', 'UNDERWRITER', 'AGENT', 'APP'),
    updateBorrower: hasRole('LENDER_ADMIN', 'UNDERWRITER'),
    recordConsent: hasRole('LENDER_ADMIN', 'UNDERWRITER', 'AGENT', 'APP', 'BORROWER'),
    exportBorrower: hasRole('LENDER_ADMIN'),
    eraseBorrower: hasRole('LENDER_ADMIN'),
  },
  Borrower: allow,
  Address: allow,
  BusinessProfile: allow,
  Consent: allow,
  BorrowerExport: allow,
};
