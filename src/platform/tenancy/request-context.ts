import type { EntityManager } from 'typeorm';
import type { SqlBatch } from '../db/sql-batch';
import type { Role } from './roles';
import type { TenantTransaction } from './tenant-transaction';

export type ActorType = 'ANONYMOUS' | 'API_KEY' | 'PLATFORM_KEY' | 'STAFF_USER' | 'BORROWER' | 'SYSTEM';

/** Who is acting. `id` is the key, user or borrower id; SYSTEM actors name the job or command. */
export interface Actor {
  type: ActorType;
  id: string | null;
  /** The agent an AGENT key belongs to (a legacy staff user holding AGENT is its own agent). */
  agentId?: string | null;
}

/**
 * Everything a service needs to know about the caller, built once per request (or job) from the
 * verified credential: the tenant, the actor, the roles, and the tenant-scoped transaction.
 * Services take it as their first argument; nothing takes a tenant id from arguments.
 */
export class RequestContext {
  constructor(
    readonly requestId: string,
    readonly tenantId: string | null,
    readonly actor: Actor,
    readonly roles: ReadonlySet<Role>,
    private readonly transaction: TenantTransaction,
    readonly borrowerId: string | null = null,
    /** Operator scope: may read and write tenant rows (never tenant data) and act for one tenant. */
    readonly platform = false,
    /** Where the request came from, for evidence such as e-signatures. */
    readonly client: { ip: string | null; userAgent: string | null } = { ip: null, userAgent: null },
  ) {}

  get isAuthenticated(): boolean {
    return this.actor.type !== 'ANONYMOUS';
  }

  hasRole(...roles: Role[]): boolean {
    return roles.some((r) => this.roles.has(r));
  }

  /**
   * The agent whose referrals bound what this caller sees: an agent without an underwriting or admin
   * role sees the applications it referred and the borrowers it registered or referred, and no others.
   */
  get referringAgent(): string | null {
    return this.hasRole('AGENT') && !this.hasRole('LENDER_ADMIN', 'UNDERWRITER') ? this.agentId : null;
  }

  /**
   * The front-end (APP key) calling, if one is: it reaches only the borrowers it signed in
   * (mintBorrowerToken) or registered (createBorrower), never another front-end's users or those the
   * lender's staff registered. An API key holds one role, so an APP key is nothing else.
   */
  get frontEnd(): string | null {
    return this.hasRole('APP') && this.actor.type === 'API_KEY' ? this.actor.id : null;
  }

  /** The agent acting (an AGENT key's agent), or null. */
  get agentId(): string | null {
    if (!this.hasRole('AGENT')) return null;
    return this.actor.agentId ?? (this.actor.type === 'STAFF_USER' ? this.actor.id : null);
  }

  /** The caller's tenant; a platform or anonymous caller reaching tenant code is a programming error. */
  get tenant(): string {
    if (!this.tenantId) throw new Error('tenant-scoped operation without a tenant in the request context');
    return this.tenantId;
  }

  /** See TenantTransaction.onBeforeCommit. */
  onBeforeCommit(work: () => Promise<void>): void {
    this.transaction.onBeforeCommit(work);
  }

  /** See TenantTransaction.onAfterCommit. */
  onAfterCommit(work: () => Promise<void>): void {
    this.transaction.onAfterCommit(work);
  }

  /** See TenantTransaction.onAfterRollback. */
  onAfterRollback(work: () => Promise<void>): void {
    this.transaction.onAfterRollback(work);
  }

  /**
   * Runs `work` in a transaction of its own (same tenant, actor and roles), committed when `work`
   * returns whatever becomes of this request's transaction: for a record that must stand although
   * the request fails, such as a pending approval request whose maker is told so with an error.
   * It must not wait on locks this request's transaction holds.
   */
  async detached<T>(work: (ctx: RequestContext) => Promise<T>): Promise<T> {
    const tx = this.transaction.sibling();
    const own = new RequestContext(this.requestId, this.tenantId, this.actor, this.roles, tx, this.borrowerId, this.platform, this.client);
    return tx.around(() => work(own));
  }

  /** See TenantTransaction.state. */
  transactionState<T>(key: symbol, create: () => T): T {
    return this.transaction.state(key, create);
  }

  /**
   * What `load` answers for `id` under `key`, asked once per transaction: callers at the same time
   * share the one promise; a failed load is not kept (the next caller asks again).
   */
  transactionOnce<T>(key: symbol, id: string, load: () => Promise<T>): Promise<T> {
    const kept = this.transactionState(key, () => new Map<string, Promise<unknown>>());
    let answer = kept.get(id) as Promise<T> | undefined;
    if (!answer) {
      const loading = load();
      kept.set(id, loading);
      loading.catch(() => kept.get(id) === loading && kept.delete(id));
      answer = loading;
    }
    return answer;
  }

  /** Forgets what `transactionOnce` kept under `key` (what it read has just changed). */
  forgetTransactionOnce(key: symbol): void {
    this.transactionState(key, () => new Map<string, Promise<unknown>>()).clear();
  }

  /**
   * The unit of work's writes: a command stages its INSERTs and UPDATEs here and they go to the
   * database as one statement, before the transaction's next statement (so a read sees them), when
   * the mutation returns, or before COMMIT; never when the unit fails (see TenantTransaction.writes).
   */
  get writes(): SqlBatch {
    return this.transaction.writes;
  }

  /** Sends the staged writes now (the boundary does so when a mutation returns). */
  flush(): Promise<void> {
    return this.transaction.flush();
  }

  /** The entity manager of this request's transaction (opened on first use, with `app.tenant_id` set). */
  db(): Promise<EntityManager> {
    return this.transaction.manager(this.tenantId);
  }

  /**
   * The operator (or tenants-as-code) acting inside one tenant, e.g. to write that tenant's audit
   * chain in the same transaction. Only a platform context may do this.
   */
  forTenant(tenantId: string): RequestContext {
    if (this.tenantId === tenantId) return this;
    if (!this.platform) throw new Error('only a platform context can act for another tenant');
    return new RequestContext(this.requestId, tenantId, this.actor, this.roles, this.transaction, null, true, this.client);
  }
}
