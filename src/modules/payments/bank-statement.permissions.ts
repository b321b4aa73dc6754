import { allow } from 'graphql-shield';
import { hasRole } from '../../platform/graphql/shield-rules';

export const bankStatementPermissions = {
  Query: { previewBankStatement: hasRole('LENDER_ADMIN', 'SERVICER') },
  Mutation: { importBankStatement: hasRole('LENDER_ADMIN', 'SERVICER') },
  BankStatementPreview: allow,
  BankStatementRow: allow,
  BankStatementTotals: allow,
  BankStatementImport: allow,
  BankStatementImportRow: allow,
};
