import { allow } from 'graphql-shield';
import { hasRole } from '../../platform/graphql/shield-rules';

export const ledgerPermissions = {
  Query: { ledgerAccounts: hasRole('LENDER_ADMIN', 'ANALYST', 'SERVICER') },
  Mutation: { setLedgerAccount: hasRole('LENDER_ADMIN') },
  LedgerAccount: allow,
};
