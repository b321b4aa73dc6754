import { type AgentKind, type AgentStatus, AGENT_KINDS, placementProblem, statusChangeAllowed } from '../../core/agents';
import { badInput, conflict, notFound } from '../../core/domain-error';
import type { AuditService } from '../../platform/audit/audit.service';
import { announceCredentialChange } from '../../platform/auth/credential-changes';
import { isUuid, readableCode, uuidv7 } from '../../platform/db/ids';
import { SqlWhere } from '../../platform/db/sql-where';
import { type Connection, type PageArgs, decodeCursor, pageSize, toConnection } from '../../platform/graphql/connection';
import { emitEvent } from '../../platform/events/outbox';
import { agentSubtreeSql } from '../../platform/tenancy/agent-scope';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { AgentDefinition } from './agents-definition';

export interface AgentContact {
  phone?: string | null;
  email?: string | null;
  address?: string | null;
  person?: string | null;
}

export interface AgentRow {
  id: string;
  code: string | null;
  kind: AgentKind;
  name: string;
  parentId: string | null;
  region: string | null;
  contact: AgentContact;
  status: AgentStatus;
  statusReason: string | null;
  referralCode: string;
  kycStatus: 'VERIFIED' | 'FAILED' | null;
  kycCheckedAt: Date | null;
  agreementSignedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewAgent {
  code?: string | null;
  kind: string;
  name: string;
  parentId?: string | null;
  region?: string | null;
  contact?: AgentContact | null;
  payoutAccount?: string | null;
}

export interface AgentChange {
  id: string;
  name?: string | null;
  parentId?: string | null;
  region?: string | null;
  contact?: AgentContact | null;
  payoutAccount?: string | null;
}

export interface AgentFilter {
  kind?: string | null;
  status?: string | null;
  parentId?: string | null;
  region?: string | null;
}

/** Where an agent's payouts go: the payments module's payout accounts (a Stripe connected account). */
export interface PayoutAccounts {
  set(ctx: RequestContext, ownerType: 'AGENT', ownerId: string, stripeAccountId: string): Promise<unknown>;
}

const SELECT = `SELECT a.id, a.code, a.kind, a.name, a.parent_id AS "parentId", a.region, a.contact, a.status, a.status_reason AS "statusReason",
  a.referral_code AS "referralCode", a.kyc_status AS "kycStatus", a.kyc_checked_at AS "kycCheckedAt", a.agreement_signed_at AS "agreementSignedAt",
  a.created_at AS "createdAt", a.updated_at AS "updatedAt" FROM agents a`;


/**
 * The lender's agents: networks, branches, individual agents, partner platforms and collection
 * agencies, in a hierarchy; each with a referral code and a status that stops its keys the moment
 * it is suspended or terminated. An agent's own key sees itself and the agents under it.
 */
export class AgentService {
  constructor(private readonly deps: { audit: AuditService; payoutAccounts: PayoutAccounts; limits: { defaultPageSize: number; maxPageSize: number } }) {}

  async create(ctx: RequestContext, input: NewAgent): Promise<AgentRow> {
    if (!(AGENT_KINDS as readonly string[]).includes(input.kind)) throw badInput('input.kind', `one of ${AGENT_KINDS.join(', ')}`);
    const kind = input.kind as AgentKind;
    const name = checkName(input.name);
    const code = checkCode(input.code);
    if (code && (await this.byCode(ctx, code))) throw badInput('input.code', `another agent has code ${code}`);
    await this.checkParent(ctx, kind, input.parentId ?? null, null);
    const contact = checkContact(input.contact ?? {});
    const region = checkRegion(input.region);
    checkPayoutAccount(input.payoutAccount);
    const id = uuidv7();
    const em = await ctx.db();
    for (let attempt = 0; ; attempt++) {
      const rows = await em.query(
        `INSERT INTO agents (tenant_id, id, code, kind, name, parent_id, region, contact, status, referral_code) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'ACTIVE', $9)
         ON CONFLICT (tenant_id, referral_code) DO NOTHING RETURNING id`,
        [ctx.tenant, id, code, kind, name, input.parentId ?? null, region, JSON.stringify(contact), readableCode(8)]);
      if (rows.length) break;
      if (attempt > 5) throw conflict('could not draw a free referral code');
    }
    if (input.payoutAccount) await this.deps.payoutAccounts.set(ctx, 'AGENT', id, input.payoutAccount);
    const agent = await this.byIdOrThrow(ctx, id);
    await this.deps.audit.record(ctx, { action: 'agent.created', entityType: 'Agent', entityId: id, after: { code, kind, name, parentId: agent.parentId, region, referralCode: agent.referralCode } });
    await emitEvent(ctx, { type: 'agent.created', subjectType: 'Agent', subjectId: id, agentId: id, data: { agentId: id, kind, name, parentId: agent.parentId, region } });
    return agent;
  }

  async update(ctx: RequestContext, input: AgentChange): Promise<AgentRow> {
    const before = await this.byIdOrThrow(ctx, input.id, true);
    if (before.status === 'TERMINATED') throw conflict(`Agent ${before.id} is terminated`, { reason: 'AGENT_TERMINATED' });
    const after = {
      name: input.name === undefined || input.name === null ? before.name : checkName(input.name),
      parentId: input.parentId === undefined ? before.parentId : input.parentId,
      region: input.region === undefined ? before.region : checkRegion(input.region),
      contact: input.contact === undefined || input.contact === null ? before.contact : checkContact(input.contact),
    };
    if (after.parentId !== before.parentId) await this.checkParent(ctx, before.kind, after.parentId, before.id);
    checkPayoutAccount(input.payoutAccount);
    await (await ctx.db()).query('UPDATE agents SET name = $2, parent_id = $3, region = $4, contact = $5, updated_at = now() WHERE id = $1',
      [before.id, after.name, after.parentId, after.region, JSON.stringify(after.contact)]);
    if (input.payoutAccount) await this.deps.payoutAccounts.set(ctx, 'AGENT', before.id, input.payoutAccount);
    await this.deps.audit.record(ctx, { action: 'agent.updated', entityType: 'Agent', entityId: before.id,
      before: { name: before.name, parentId: before.parentId, region: before.region, contact: before.contact }, after });
    return this.byIdOrThrow(ctx, before.id);
  }

  /** Suspends, reinstates or terminates an agent; its keys stop (or work again) as the change commits. */
  async setStatus(ctx: RequestContext, id: string, status: AgentStatus, reason: string | null): Promise<AgentRow> {
    const before = await this.byIdOrThrow(ctx, id, true);
    if (!statusChangeAllowed(before.status, status)) throw conflict(`Agent ${id} is terminated; it cannot become ${status}`, { reason: 'AGENT_TERMINATED' });
    if (reason && reason.length > 500) throw badInput('reason', 'at most 500 characters');
    if (status !== 'ACTIVE' && !reason?.trim()) throw badInput('reason', `say why the agent is ${status.toLowerCase()}`);
    if (before.status === status) return before;
    await (await ctx.db()).query('UPDATE agents SET status = $2, status_reason = $3, updated_at = now() WHERE id = $1', [id, status, status === 'ACTIVE' ? null : reason]);
    await announceCredentialChange(ctx, { kind: 'agent', id });
    await this.deps.audit.record(ctx, { action: 'agent.statusChanged', entityType: 'Agent', entityId: id, before: { status: before.status }, after: { status, reason } });
    await emitEvent(ctx, { type: 'agent.status_changed', subjectType: 'Agent', subjectId: id, agentId: id, data: { agentId: id, from: before.status, to: status, reason } });
    return this.byIdOrThrow(ctx, id);
  }

  async list(ctx: RequestContext, args: PageArgs & AgentFilter): Promise<Connection<AgentRow>> {
    const size = pageSize(args, this.deps.limits);
    const where = new SqlWhere();
    const scope = await this.scope(ctx);
    if (scope) where.and('a.id = ANY(?::uuid[])', scope);
    if (args.after) where.and('a.id > ?', decodeCursor(args.after));
    if (args.kind) where.and('a.kind = ?', args.kind);
    if (args.status) where.and('a.status = ?', args.status);
    if (args.parentId) where.and('a.parent_id = ?', args.parentId);
    if (args.region) where.and('a.region = ?', args.region);
    const rows = await (await ctx.db()).query(`${SELECT} ${where.sql} ORDER BY a.id LIMIT ${where.bind(size + 1)}`, where.params);
    return toConnection(rows as AgentRow[], size, (a) => a.id, Boolean(args.after));
  }

  /** An agent the caller may see (an agent's key: itself and those under it), or NOT_FOUND. */
  async byIdOrThrow(ctx: RequestContext, id: string, lock = false): Promise<AgentRow> {
    const scope = await this.scope(ctx);
    const [row] = isUuid(id) && (!scope || scope.includes(id)) ? await (await ctx.db()).query(`${SELECT} WHERE a.id = $1${lock ? ' FOR UPDATE' : ''}`, [id]) : [];
    if (!row) throw notFound('Agent', id);
    return row;
  }

  /**
   * A tenant file's agent, by code: created when missing, changed when its name, place, region,
   * contact or status differ; unchanged otherwise. `root` names the entry in errors. Answers whether it wrote.
   */
  async applyDefinition(ctx: RequestContext, d: AgentDefinition, root: string): Promise<boolean> {
    const parentId = d.parent ? (await this.byCode(ctx, d.parent))?.id : null;
    if (d.parent && !parentId) throw badInput(`${root}.parent`, `no agent with code ${d.parent}`);
    const contact = { phone: d.contact?.phone ?? null, email: d.contact?.email ?? null, address: d.contact?.address ?? null, person: d.contact?.person ?? null };
    const at = <T>(work: () => Promise<T>) => work().catch((err) => {
      // The service names its own input's fields; point them at the file's entry instead.
      if (err?.details?.field) err.details.field = String(err.details.field).replace(/^input\./, `${root}.`).replace(/\.parentId$/, '.parent');
      throw err;
    });
    let agent = await this.byCode(ctx, d.code);
    let changed = false;
    if (!agent) {
      agent = await at(() => this.create(ctx, { code: d.code, kind: d.kind, name: d.name, parentId, region: d.region ?? null, contact }));
      changed = true;
    } else {
      if (agent.kind !== d.kind) throw badInput(`${root}.kind`, `agent ${d.code} is a ${agent.kind}; an agent's kind does not change`);
      if (agent.name !== d.name || agent.parentId !== parentId || agent.region !== (d.region ?? null) || !sameContact(agent.contact, contact)) {
        agent = await at(() => this.update(ctx, { id: agent!.id, name: d.name, parentId, region: d.region ?? null, contact }));
        changed = true;
      }
    }
    if (agent.status !== d.status) {
      await at(() => this.setStatus(ctx, agent!.id, d.status, d.statusReason ?? null));
      changed = true;
    }
    return changed;
  }

  /** The agent with the lender's own code (tenant files and policies name agents by it), or null. */
  async byCode(ctx: RequestContext, code: string): Promise<AgentRow | null> {
    const [row] = await (await ctx.db()).query(`${SELECT} WHERE a.code = $1`, [code]);
    return row ?? null;
  }

  async children(ctx: RequestContext, id: string): Promise<AgentRow[]> {
    return (await ctx.db()).query(`${SELECT} WHERE a.parent_id = $1 ORDER BY a.name, a.id`, [id]);
  }

  /**
   * The agent `id` names, checked for a reference elsewhere (an API key's agent, a stage's agency):
   * it exists, is active (unless `anyStatus`) and, when kinds are given, is one of them; else
   * BAD_USER_INPUT on `field`.
   */
  async requireActive(ctx: RequestContext, id: string, field: string, opts: { kinds?: readonly AgentKind[]; anyStatus?: boolean } = {}): Promise<AgentRow> {
    const kinds = opts.kinds;
    const [row] = isUuid(id) ? await (await ctx.db()).query(`${SELECT} WHERE a.id = $1`, [id]) : [];
    if (!row) throw badInput(field, `no agent ${id}`);
    if (row.status !== 'ACTIVE' && !opts.anyStatus) throw badInput(field, `agent ${id} is ${row.status}`);
    if (kinds && !kinds.includes(row.kind)) throw badInput(field, `agent ${id} is a ${row.kind}, not a ${kinds.join(' or ')}`);
    return row;
  }

  /** The ids an agent's key may see (its agent and those under it); null: the caller sees every agent. */
  private async scope(ctx: RequestContext): Promise<string[] | null> {
    const agent = ctx.referringAgent;
    if (!agent) return null;
    return ((await (await ctx.db()).query(`SELECT id FROM ${agentSubtreeSql('$1')} AS t (id)`, [agent])) as { id: string }[]).map((r) => r.id);
  }

  private async checkParent(ctx: RequestContext, kind: AgentKind, parentId: string | null, self: string | null): Promise<void> {
    if (!parentId) return;
    const [parent] = isUuid(parentId)
      ? await (await ctx.db()).query(
          `WITH RECURSIVE up AS (SELECT id, parent_id, 0 AS depth FROM agents WHERE id = $1 UNION ALL SELECT a.id, a.parent_id, up.depth + 1 FROM agents a JOIN up ON a.id = up.parent_id WHERE up.depth < 50)
           SELECT p.id, p.kind, p.status, coalesce((SELECT array_agg(id ORDER BY depth) FROM up WHERE depth > 0), '{}') AS ancestors FROM agents p WHERE p.id = $1`, [parentId])
      : [];
    if (!parent) throw badInput('input.parentId', `no agent ${parentId}`);
    const problem = placementProblem({ kind, self, parent });
    if (problem) throw badInput(problem.field, problem.message);
  }
}

function checkCode(code: string | null | undefined): string | null {
  if (code === undefined || code === null) return null;
  if (!/^[A-Z0-9][A-Z0-9_-]{0,39}$/.test(code)) throw badInput('input.code', 'a code of up to 40 capital letters, digits, _ or -');
  return code;
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 200) throw badInput('input.name', 'a name of 1-200 characters');
  return trimmed;
}

function checkRegion(region: string | null | undefined): string | null {
  if (region === undefined || region === null || !region.trim()) return null;
  if (region.length > 100) throw badInput('input.region', 'at most 100 characters');
  return region.trim();
}

function checkContact(c: AgentContact): AgentContact {
  for (const key of ['phone', 'email', 'address', 'person'] as const) {
    if (c[key] && c[key]!.length > 300) throw badInput(`input.contact.${key}`, 'at most 300 characters');
  }
  if (c.email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(c.email)) throw badInput('input.contact.email', 'an e-mail address');
  if (c.phone && !/^\+?[0-9 ()-]{5,20}$/.test(c.phone)) throw badInput('input.contact.phone', 'a phone number (digits, spaces, + ( ) -)');
  return { phone: c.phone ?? null, email: c.email ?? null, address: c.address ?? null, person: c.person ?? null };
}

function sameContact(a: AgentContact, b: AgentContact): boolean {
  return (['phone', 'email', 'address', 'person'] as const).every((k) => (a[k] ?? null) === (b[k] ?? null));
}

function checkPayoutAccount(account: string | null | undefined): void {
  if (account && !/^acct_[A-Za-z0-9]{4,}$/.test(account)) throw badInput('input.payoutAccount', 'a Stripe connected account id (acct_…)');
}
