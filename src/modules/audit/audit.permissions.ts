import { allow } from 'graphql-shield';
import { hasRole } from '../../platform/graphql/shield-rules';

export const auditPermissions = {
  Query: { auditLog: hasRole('LENDER_ADMIN'), auditVerification: hasRole('LENDER_ADMIN') },
  Mutation: { verifyAuditLog: hasRole('LENDER_ADMIN') },
  AuditEntry: allow,
  AuditVerification: allow,
  AuditChainBreak: allow,
};
