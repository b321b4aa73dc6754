import type { DataSource } from 'typeorm';
import { unauthenticated } from '../../core/domain-error';
import type { Actor } from '../tenancy/request-context';
import type { Role } from '../tenancy/roles';
import { PLATFORM_SLUG, parseApiKey, secretMatches } from './api-key-format';
import { type TokenSettings, TokenRejected, verifyToken } from './tokens';

/** The verified caller: what a RequestContext is built from. */
export interface Principal {
  tenantId: string | null;
  actor: Actor;
  roles: Role[];
  borrowerId: string | null;
  platform: boolean;
  /** When the credential stops on its own (a token's `exp`, a key's `expires_at`); null or absent: never. */
  expiresAt?: Date | null;
}

/** Where credentials are looked up: the pool, or a transaction (a kept verdict re-checked in the request's own). */
export type Queryable = Pick<DataSource, 'query'>;

export const ANONYMOUS: Principal = { tenantId: null, actor: { type: 'ANONYMOUS', id: null }, roles: [], borrowerId: null, platform: false };

/**
 * Resolves an `Authorization: Bearer …` credential to a principal, or throws UNAUTHENTICATED.
 * Keys are looked up through SECURITY DEFINER functions because the tenant is not known yet;
 * every credential dies with its tenant's suspension.
 */
export async function authenticate(db: Queryable, tokens: TokenSettings, header: string | undefined): Promise<Principal> {
  if (!header) return ANONYMOUS;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) throw unauthenticated('Authorization header must be "Bearer <key or token>"');
  const credential = match[1];
  if (credential.startsWith('ml_')) return authenticateKey(db, credential);
  return authenticateToken(db, tokens, credential);
}

async function authenticateKey(db: Queryable, key: string): Promise<Principal> {
  const parsed = parseApiKey(key);
  if (!parsed) throw unauthenticated('Malformed API key');
  if (parsed.tenantSlug === PLATFORM_SLUG) {
    const [row] = await db.query('SELECT * FROM auth_platform_key($1)', [parsed.prefix]);
    checkKey(row, parsed.secret);
    await touch(db, null, row.key_id, row.last_used_at);
    return { tenantId: null, actor: { type: 'PLATFORM_KEY', id: row.key_id }, roles: ['PLATFORM_ADMIN'], borrowerId: null, platform: true, expiresAt: expiryOf(row) };
  }
  const [row] = await db.query('SELECT * FROM auth_api_key($1, $2)', [parsed.tenantSlug, parsed.prefix]);
  checkKey(row, parsed.secret);
  if (row.tenant_status !== 'ACTIVE') throw unauthenticated('Tenant is suspended');
  // An agent's keys stop with the agent (suspended or terminated).
  if (row.agent_id && row.agent_status !== 'ACTIVE') throw unauthenticated(`Agent is ${String(row.agent_status ?? 'unknown').toLowerCase()}`);
  await touch(db, row.tenant_id, row.key_id, row.last_used_at);
  return { tenantId: row.tenant_id, actor: { type: 'API_KEY', id: row.key_id, agentId: row.agent_id ?? null }, roles: [row.role], borrowerId: null, platform: false, expiresAt: expiryOf(row) };
}

function checkKey(row: { secret_hash: string; revoked_at: Date | null; expires_at: Date | null } | undefined, secret: string): void {
  if (!row || !secretMatches(secret, row.secret_hash)) throw unauthenticated('Unknown API key');
  if (row.revoked_at) throw unauthenticated('API key revoked');
  if (row.expires_at && new Date(row.expires_at).getTime() <= Date.now()) throw unauthenticated('API key expired');
}

function expiryOf(row: { expires_at: Date | null }): Date | null {
  return row.expires_at ? new Date(row.expires_at) : null;
}

/** Records last use at most once a minute, so a busy key does not write on every request. */
async function touch(db: Queryable, tenantId: string | null, keyId: string, lastUsed: Date | null): Promise<void> {
  if (lastUsed && Date.now() - new Date(lastUsed).getTime() < 60_000) return;
  await db.query('SELECT auth_touch_key($1, $2)', [tenantId, keyId]);
}

async function authenticateToken(db: Queryable, tokens: TokenSettings, token: string): Promise<Principal> {
  let claims;
  try {
    claims = await verifyToken(tokens, token);
  } catch (err) {
    throw unauthenticated(err instanceof TokenRejected ? `Token rejected: ${err.message}` : 'Token rejected');
  }
  const [tenant] = await db.query('SELECT * FROM auth_tenant($1, NULL)', [claims.tenantId]);
  if (!tenant) throw unauthenticated('Unknown tenant');
  if (tenant.status !== 'ACTIVE') throw unauthenticated('Tenant is suspended');
  if (claims.kind === 'borrower') {
    return { tenantId: claims.tenantId, actor: { type: 'BORROWER', id: claims.subject }, roles: ['BORROWER'], borrowerId: claims.subject, platform: false, expiresAt: claims.expiresAt };
  }
  // Staff roles are read fresh, so a disabled user or a removed role takes effect before the token expires.
  const [user] = await db.query('SELECT * FROM auth_staff_user($1, $2)', [claims.tenantId, claims.subject]);
  if (!user || user.status !== 'ACTIVE') throw unauthenticated('User is disabled');
  return { tenantId: claims.tenantId, actor: { type: 'STAFF_USER', id: claims.subject }, roles: user.roles, borrowerId: null, platform: false, expiresAt: claims.expiresAt };
}
