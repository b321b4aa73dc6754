import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { CREDENTIAL_EPOCH_SQL } from '../auth/credential-epoch';
import { isUuid } from '../db/ids';
import { SerialQueryRunner } from '../db/serial-query-runner';
import { SqlBatch } from '../db/sql-batch';
import { type ScopedTransaction, withTransactionScope } from './transaction-scope';

/** What a transaction is scoped to: one tenant, or the platform (tenant rows only, never tenant data). */
export interface TenantScope {
  tenantId: string | null;
  platform: boolean;
}

/**
 * A credential verdict kept from an earlier request (see CredentialCache), to be confirmed by the
 * transaction's first statement: when the credential epoch has moved since `epoch`, `recheck` looks
 * the credential up again in the transaction and throws if it no longer stands.
 */
export interface CredentialCheck {
  epoch: string;
  recheck(db: Pick<DataSource, 'query'>, epoch: string): Promise<void>;
}

/**
 * One database transaction per request or job, opened lazily, that sets `app.tenant_id` (and
 * `app.platform`) with SET LOCAL semantics so row-level security scopes every statement in it.
 * It is committed or rolled back once at the boundary that created it.
 */
export class TenantTransaction implements ScopedTransaction {
  private runner?: Promise<QueryRunner>;
  private finished = false;
  private currentTenant: string | null;
  private readonly beforeCommit: (() => Promise<void>)[] = [];
  private readonly afterCommit: (() => Promise<void>)[] = [];
  private readonly afterRollback: (() => Promise<void>)[] = [];
  private readonly bag = new Map<symbol, unknown>();
  /**
   * The unit of work's writes: staged by the commands, sent as one statement before the
   * transaction's next statement (so reads see them), or at the end of a mutation, or before COMMIT.
   * Dropped on rollback.
   */
  readonly writes = new SqlBatch();

  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: TenantScope,
    private readonly credential?: CredentialCheck,
  ) {
    this.currentTenant = scope.tenantId;
  }

  /**
   * The transaction's entity manager with `app.tenant_id` = `tenantId`. Only platform-scoped
   * transactions are ever switched between tenants (see RequestContext.forTenant).
   */
  async manager(tenantId: string | null = this.scope.tenantId): Promise<EntityManager> {
    if (this.finished) throw new Error('transaction already finished');
    this.runner ??= this.open();
    const runner = await this.runner;
    if (tenantId !== this.currentTenant) {
      if (!this.scope.platform) throw new Error('a tenant transaction cannot switch tenants');
      await runner.query("SELECT set_config('app.tenant_id', $1, true)", [tenantId ?? '']);
      this.currentTenant = tenantId;
    }
    return runner.manager;
  }

  /** Sends the staged writes now, so their errors surface with the command that staged them. */
  async flush(): Promise<void> {
    if (this.writes.size === 0) return;
    await this.manager(this.currentTenant);
    await ((await this.runner!) as SerialQueryRunner).flush();
  }

  get started(): boolean {
    return this.runner !== undefined;
  }

  /** Opened (BEGIN sent, or on its way) and not yet committed or rolled back: no network call may wait now. */
  get isOpen(): boolean {
    return this.runner !== undefined && !this.finished;
  }

  /**
   * Work to do as the last step before COMMIT (e.g. appending the audit entries gathered during the
   * request), so locks it needs are held for the shortest time. Skipped on rollback.
   */
  onBeforeCommit(work: () => Promise<void>): void {
    this.beforeCommit.push(work);
  }

  /**
   * Work to do once the transaction has committed (e.g. queueing a job that must see its rows).
   * Skipped on rollback. It cannot undo the commit, so it must handle (log) its own failures.
   */
  onAfterCommit(work: () => Promise<void>): void {
    this.afterCommit.push(work);
  }

  /**
   * Work to do once the transaction has rolled back (or failed to commit), in a transaction of its
   * own: e.g. recording that an approved operation failed, once the locks it held are released.
   * Skipped on commit. It must handle (log) its own failures.
   */
  onAfterRollback(work: () => Promise<void>): void {
    this.afterRollback.push(work);
  }

  /**
   * A new transaction with the same scope, independent of this one (see RequestContext.detached).
   * A kept credential is confirmed by its BEGIN too, so work detached from a request (e.g. the steps
   * around a provider call) is refused once the credential is revoked, as the request's own would be.
   */
  sibling(): TenantTransaction {
    return new TenantTransaction(this.dataSource, this.scope, this.credential);
  }

  /** Per-transaction state of a mechanism, keyed by a symbol the mechanism owns. */
  state<T>(key: symbol, create: () => T): T {
    if (!this.bag.has(key)) this.bag.set(key, create());
    return this.bag.get(key) as T;
  }

  /**
   * Runs `work` as this transaction's whole life: committed when it returns, rolled back when it
   * throws. The transaction is the async context's (see transaction-scope) for the network guard.
   */
  async around<T>(work: () => Promise<T>): Promise<T> {
    try {
      const result = await withTransactionScope(this, work);
      await this.finish(true);
      return result;
    } catch (err) {
      await this.finish(false);
      throw err;
    }
  }

  /** Commits (or rolls back) and releases the connection; a no-op when nothing was opened. */
  async finish(commit: boolean): Promise<void> {
    if (this.finished) return;
    // Work queued for before the commit (e.g. an audit entry) needs the transaction even if nothing else opened it.
    if (commit && (this.beforeCommit.length || this.writes.size)) this.runner ??= this.open();
    else if (!commit) this.writes.clear();
    if (!this.runner) {
      // Nothing was opened, so nothing to commit; work queued for after the commit still follows it.
      this.finished = true;
      if (commit) await this.runAfterCommit();
      else await this.runAfterRollback();
      return;
    }
    let hookError: unknown;
    let committed = false;
    if (commit) {
      try {
        // Still open: the unit's last writes, then the hooks, in this transaction.
        await this.flush();
        for (const work of this.beforeCommit) await work();
      } catch (err) {
        hookError = err;
      }
    }
    this.finished = true;
    // It never opened (the credential was refused, the database was down): nothing to end.
    const runner = await this.runner.catch(() => null);
    if (!runner) {
      await this.runAfterRollback();
      if (hookError !== undefined) throw hookError;
      return;
    }
    try {
      if (runner.isTransactionActive) {
        if (commit && hookError === undefined) {
          await runner.commitTransaction();
          committed = true;
        } else await runner.rollbackTransaction();
      }
    } finally {
      await runner.release();
      if (!committed) await this.runAfterRollback();
    }
    if (hookError !== undefined) throw hookError;
    // The commit stands whatever happens next: after-commit work reports its own failures.
    if (committed) await this.runAfterCommit();
  }

  private async runAfterCommit(): Promise<void> {
    for (const work of this.afterCommit) await work().catch(() => undefined);
  }

  private async runAfterRollback(): Promise<void> {
    for (const work of this.afterRollback) await work().catch(() => undefined);
  }

  private async open(): Promise<QueryRunner> {
    const runner = new SerialQueryRunner(this.dataSource, this.writes);
    // BEGIN, the scope and (for a kept credential) the credential epoch go with the transaction's
    // first statement, in its round trip (the scope has no parameters: the tenant id, checked to be
    // a uuid, is written into the text). The credential is confirmed before that statement's answer
    // is used; refused, the statement fails with the refusal and the unit rolls back.
    const tenant = this.scope.tenantId ?? '';
    if (tenant && !isUuid(tenant)) throw new Error(`not a tenant id: ${tenant}`);
    const epoch = this.credential ? `, ${CREDENTIAL_EPOCH_SQL} AS epoch` : '';
    const credential = this.credential;
    // No parallel workers unless a statement asks for them (the portfolio snapshot does): the tenant
    // policies allow parallel plans, and a Gather the planner puts over a small read starts its workers
    // even when it reads nothing (a decision's fraud signals took 13.6 ms instead of 0.2 ms). Nor is a
    // statement compiled just in time: the planner prices a statement over a few thousand rows high
    // enough to compile it, and compiling cost more than it saved (the outbox trigger of a night's
    // 60,000 loan events spent 273 ms of its 1.7 s compiling).
    runner.begin(`SELECT set_config('app.tenant_id', '${tenant}', true), set_config('app.platform', '${this.scope.platform ? 'on' : 'off'}', true), set_config('max_parallel_workers_per_gather', '0', true), set_config('jit', 'off', true)${epoch}`, async (scope, db) => {
      if (!credential) return;
      const now = String(scope.epoch);
      if (now !== credential.epoch) await credential.recheck(db, now);
    });
    return runner;
  }
}
