import { allow } from 'graphql-shield';
import { hasRole } from '../../platform/graphql/shield-rules';

export const agentsPermissions = {
  Query: {
    agents: hasRole('LENDER_ADMIN', 'ANALYST', 'UNDERWRITER', 'SERVICER', 'AGENT'),
    agentPerformance: hasRole('LENDER_ADMIN', 'ANALYST', 'AGENT'),
    agent: hasRole('LENDER_ADMIN', 'ANALYST', 'UNDERWRITER', 'SERVICER', 'COLLECTOR', 'AGENT'),
  },
  Mutation: {
    createAgent: hasRole('LENDER_ADMIN'),
    updateAgent: hasRole('LENDER_ADMIN'),
    setAgentStatus: hasRole('LENDER_ADMIN'),
  },
  Agent: { '*': allow, riskSignals: hasRole('LENDER_ADMIN', 'ANALYST', 'UNDERWRITER') },
  AgentRiskSignal: allow,
  AgentContact: allow,
  AgentPerformance: allow,
  AgentPerformanceRow: allow,
};
