import type { DataSource } from 'typeorm';
import type { RequestContext } from '../tenancy/request-context';
import type { Principal } from './authenticate';

/** The NOTIFY channel on which a credential's end (or change) is announced to every API replica. */
export const CREDENTIALS_CHANNEL = 'microlend_credentials';

/**
 * What changed: a tenant's status, an API key (revoked), a staff user (status or roles), or a
 * tenant's API plan (what its credentials may spend). Open subscriptions and cached credentials that
 * rest on it are looked up afresh; the payload is only a hint (a tenant reactivated, a role added),
 * the fresh lookup decides.
 */
export type CredentialChange = { kind: 'tenant'; id: string } | { kind: 'api_key'; id: string } | { kind: 'staff_user'; id: string } | { kind: 'tenant_plan'; id: string } | { kind: 'agent'; id: string };


const committedHere = new WeakMap<DataSource, Set<(change: CredentialChange) => void>>();

/**
 * Announces a change in the caller's transaction: Postgres delivers the NOTIFY at commit, and not at
 * all on rollback, and the credential epoch moves with the commit. Sent from the session rather than by a table trigger so that it also reaches the
 * listeners on Citus, where a trigger would fire on a worker node. This process's own listeners
 * (see {@link onCommittedHere}) hear it as the commit returns, before the caller is answered, rather
 * than whenever the NOTIFY comes back on the LISTEN connection.
 */
export async function announceCredentialChange(ctx: RequestContext, change: CredentialChange): Promise<void> {
  const db = await ctx.db();
  await db.query('WITH moved AS (UPDATE credential_epoch SET epoch = epoch + 1 RETURNING 1) SELECT pg_notify($1, $2) FROM moved', [CREDENTIALS_CHANNEL, `${change.kind}:${change.id}`]);
  const dataSource = db.dataSource;
  ctx.onAfterCommit(async () => {
    for (const handler of committedHere.get(dataSource) ?? []) handler(change);
  });
}

/**
 * Calls `handler` with each change announced through `dataSource` (this process, this database) once
 * its transaction has committed. Returns the function that stops it.
 */
export function onCommittedHere(dataSource: DataSource, handler: (change: CredentialChange) => void): () => void {
  let handlers = committedHere.get(dataSource);
  if (!handlers) committedHere.set(dataSource, (handlers = new Set()));
  handlers.add(handler);
  return () => void handlers.delete(handler);
}

export function parseCredentialChange(payload: string): CredentialChange | null {
  const match = /^(tenant|api_key|staff_user|tenant_plan|agent):([0-9a-f-]{36})$/i.exec(payload);
  return match ? { kind: match[1] as CredentialChange['kind'], id: match[2].toLowerCase() } : null;
}

/** Whether `principal` rests on what changed (a plan change ends no credential). */
export function restsOn(principal: Principal, change: CredentialChange): boolean {
  switch (change.kind) {
    case 'tenant':
      return principal.tenantId === change.id;
    case 'api_key':
      return (principal.actor.type === 'API_KEY' || principal.actor.type === 'PLATFORM_KEY') && principal.actor.id === change.id;
    case 'staff_user':
      return principal.actor.type === 'STAFF_USER' && principal.actor.id === change.id;
    case 'agent':
      return principal.actor.agentId === change.id;
    case 'tenant_plan':
      return false;
  }
}
