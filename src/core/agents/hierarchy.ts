export const AGENT_KINDS = ['INDIVIDUAL', 'BRANCH', 'NETWORK', 'PARTNER_PLATFORM', 'COLLECTION_AGENCY'] as const;
export type AgentKind = (typeof AGENT_KINDS)[number];
export const AGENT_STATUSES = ['ACTIVE', 'SUSPENDED', 'TERMINATED'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

/**
 * Who may sit under whom: a network holds branches, agents and partner platforms (and sub-networks);
 * a branch holds its agents; an individual agent, a partner platform and a collection agency hold
 * nobody (an agency's collectors are its own keys).
 */
export const PARENT_KINDS: Record<AgentKind, readonly AgentKind[]> = {
  NETWORK: ['NETWORK'],
  BRANCH: ['NETWORK'],
  INDIVIDUAL: ['NETWORK', 'BRANCH'],
  PARTNER_PLATFORM: ['NETWORK'],
  COLLECTION_AGENCY: [],
};

export interface AgentPlacement {
  kind: AgentKind;
  /** The parent's kind and status, and the chain of ids above it (nearest first), or null for a top-level agent. */
  parent: { id: string; kind: AgentKind; status: AgentStatus; ancestors: readonly string[] } | null;
  /** The agent's own id when it is moved (a new agent has none yet). */
  self?: string | null;
}

/** Why an agent cannot sit where it is asked to (the field named as the input names it), or null. */
export function placementProblem(p: AgentPlacement): { field: string; message: string } | null {
  if (!p.parent) return null;
  const allowed = PARENT_KINDS[p.kind];
  if (!allowed.includes(p.parent.kind)) {
    return { field: 'input.parentId', message: allowed.length ? `a ${p.kind} sits under a ${allowed.join(' or ')}, not a ${p.parent.kind}` : `a ${p.kind} has no parent` };
  }
  if (p.parent.status !== 'ACTIVE') return { field: 'input.parentId', message: `the parent agent is ${p.parent.status}` };
  if (p.self && (p.parent.id === p.self || p.parent.ancestors.includes(p.self))) return { field: 'input.parentId', message: 'an agent cannot sit under itself or its own sub-agents' };
  return null;
}

/** Whether a status may follow another: a terminated agent stays terminated. */
export function statusChangeAllowed(from: AgentStatus, to: AgentStatus): boolean {
  return from !== 'TERMINATED' || to === 'TERMINATED';
}
