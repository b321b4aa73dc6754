/** The agents module's public face: what other modules may import from it (see .dependency-cruiser.cjs). */
export type { AgentRow, AgentService } from './agent.service';
export { AgentKindEnum, AgentType } from './dto/agents.type';
export { agentsSectionSchema, type AgentDefinition } from './agents-definition';
