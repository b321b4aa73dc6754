/**
 * What an agent's key reaches (see RequestContext.referringAgent): its own agent and every agent
 * under it, as a subquery of agent ids (text) for the agent id bound at `param` ($1, $3 …). A network
 * head thus sees its branches' and agents' work; an individual agent its own.
 */
export const agentSubtreeSql = (param: string): string =>
  `(WITH RECURSIVE subtree AS (SELECT id FROM agents WHERE id = ${param}::uuid UNION ALL SELECT a.id FROM agents a JOIN subtree s ON a.parent_id = s.id) SELECT id::text FROM subtree)`;

/**
 * The loans (alias `l`) an agent's key reaches: those its agents referred, and, for a collection
 * agency, those whose collection case is placed with it now. `param` appears twice (a `?` of
 * SqlWhere binds the agent id twice).
 */
export const agentLoanScopeSql = (param: string): string =>
  `(l.agent_id IN ${agentSubtreeSql(param)} OR EXISTS (SELECT 1 FROM collection_cases cc WHERE cc.tenant_id = l.tenant_id AND cc.loan_id = l.id AND cc.placed_with = ${param}::uuid))`;
