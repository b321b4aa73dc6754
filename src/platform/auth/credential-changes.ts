import type { EntityManager } from 'typeorm';

/** The NOTIFY channel on which a credential's end (or change) is announced to every API replica. */
export const CREDENTIALS_CHANNEL = 'microlend_credentials';

/**
 * What changed: a tenant's status, an API key (revoked), a staff user (status or roles). Open
 * subscriptions that rest on it re-authenticate at once; the payload is only a hint (a tenant
 * reactivated, a role added), the fresh lookup decides.
 */
export type CredentialChange = { kind: 'tenant'; id: string } | { kind: 'api_key'; id: string } | { kind: 'staff_user'; id: string };

/**
 * Announces a change in the caller's transaction: Postgres delivers the NOTIFY at commit, and not at
 * all on rollback. Sent from the session rather than by a table trigger so that it also reaches the
 * listeners on Citus, where a trigger would fire on a worker node.
 */
export async function announceCredentialChange(db: EntityManager, change: CredentialChange): Promise<void> {
  await db.query('SELECT pg_notify($1, $2)', [CREDENTIALS_CHANNEL, `${change.kind}:${change.id}`]);
}

export function parseCredentialChange(payload: string): CredentialChange | null {
  const match = /^(tenant|api_key|staff_user):([0-9a-f-]{36})$/i.exec(payload);
  return match ? { kind: match[1] as CredentialChange['kind'], id: match[2].toLowerCase() } : null;
}
