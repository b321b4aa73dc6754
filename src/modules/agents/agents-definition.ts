import { z } from 'zod';
import { AGENT_KINDS, AGENT_STATUSES } from '../../core/agents';

/** An agent as a tenant file's `agents:` entry gives it: by the lender's own code, its parent by code. */
export const agentDefinitionSchema = z.object({
  code: z.string().regex(/^[A-Z0-9][A-Z0-9_-]{0,39}$/, 'a code of up to 40 capital letters, digits, _ or -'),
  kind: z.enum(AGENT_KINDS),
  name: z.string().min(1).max(200),
  parent: z.string().optional(),
  region: z.string().max(100).optional(),
  contact: z.object({ phone: z.string().optional(), email: z.string().optional(), address: z.string().optional(), person: z.string().optional() }).strict().optional(),
  status: z.enum(AGENT_STATUSES).default('ACTIVE'),
  statusReason: z.string().max(500).optional(),
}).strict();

export type AgentDefinition = z.infer<typeof agentDefinitionSchema>;

/** The `agents:` section: each code once, a parent listed before the agents under it. */
export const agentsSectionSchema = z.array(agentDefinitionSchema).default([]).superRefine((agents, ctx) => {
  const seen = new Set<string>();
  agents.forEach((a, i) => {
    if (seen.has(a.code)) ctx.addIssue({ code: 'custom', path: [i, 'code'], message: `code ${a.code} is listed twice` });
    if (a.parent && !seen.has(a.parent)) ctx.addIssue({ code: 'custom', path: [i, 'parent'], message: `parent ${a.parent} must be listed above this agent` });
    seen.add(a.code);
  });
});
