import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { type Actor, RequestContext } from './request-context';
import type { Role } from './roles';
import { TenantTransaction } from './tenant-transaction';

/**
 * Runs `work` in a fresh context and transaction for a job or a CLI command: commit when it
 * returns, roll back when it throws. Jobs pass the tenantId they carry; the context is rebuilt here.
 */
export async function runInContext<T>(
  dataSource: DataSource,
  opts: { tenantId: string | null; actor: Actor; roles: Role[]; platform?: boolean; requestId?: string },
  work: (ctx: RequestContext) => Promise<T>,
): Promise<T> {
  const tx = new TenantTransaction(dataSource, { tenantId: opts.tenantId, platform: opts.platform ?? false });
  const ctx = new RequestContext(opts.requestId ?? randomUUID(), opts.tenantId, opts.actor, new Set(opts.roles), tx, null, opts.platform ?? false);
  return tx.around(() => work(ctx));
}
