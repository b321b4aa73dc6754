import { allow } from 'graphql-shield';
import { hasRole } from '../../platform/graphql/shield-rules';

export const agentsPermissions = {
  Query: {
    agents: hasRole('LENDER_ADMIN', 'ANALYST', 'UNDERWRITER', 'SERVICER', 'AGENT'),
    agentAgreement: hasRole('LENDER_ADMIN', 'AGENT'),
    agentPerformance: hasRole('LENDER_ADMIN', 'ANALYST', 'AGENT'),
    agent: hasRole('LENDER_ADMIN', 'ANALYST', 'UNDERWRITER', 'SERVICER', 'COLLECTOR', 'AGENT'),
  },
  Mutation: {
    createAgent: hasRole('LENDER_ADMIN'),
    updateAgent: hasRole('LENDER_ADMIN'),
    setAgentStatus: hasRole('LENDER_ADMIN'),
    verifyAgentIdentity: hasRole('LENDER_ADMIN'),
    signAgentAgreement: hasRole('AGENT'),
  },
  Agent: { '*': allow, riskSignals: hasRole('LENDER_ADMIN', 'ANALYST', 'UNDERWRITER') },
  AgentRiskSignal: allow,
  AgentAgreement: allow,
  AgentContact: allow,
  AgentPerformance: allow,
  AgentPerformanceRow: allow,
};
