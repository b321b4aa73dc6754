import { allow } from 'graphql-shield';
import { TENANT_ANY } from '../../platform/graphql/role-groups';
import { hasRole } from '../../platform/graphql/shield-rules';

export const loanProductPermissions = {
  Query: {
    // Front-ends and borrowers browse the catalogue too.
    loanProducts: hasRole(...TENANT_ANY),
    loanProduct: hasRole(...TENANT_ANY),
  },
  Mutation: {
    createLoanProduct: hasRole('LENDER_ADMIN'),
    reviseLoanProduct: hasRole('LENDER_ADMIN'),
    archiveLoanProduct: hasRole('LENDER_ADMIN'),
  },
  LoanProduct: allow,
  LoanProductVersion: allow,
  LoanProductTerms: allow,
  ProductRounding: allow,
  ProductFee: allow,
  RateBand: allow,
  SegmentOverride: allow,
  CollateralRule: allow,
  CreditLineTerms: allow,
  AccountMapping: allow,
  DelinquencyBucket: allow,
};
