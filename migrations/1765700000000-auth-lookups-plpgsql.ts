import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The credential look-ups of every request, rewritten in PL/pgSQL: a SQL-language function plans
 * its query on every call, a PL/pgSQL one once per connection. Same names, arguments, results and
 * privileges (CREATE OR REPLACE keeps the grants).
 */
const BODIES: Record<string, { sql: string; plpgsql: string }> = {
  'auth_api_key(p_tenant_slug text, p_prefix text)': {
    sql: `SELECT t.id, t.status, k.id, k.secret_hash, k.role, k.expires_at, k.revoked_at, k.last_used_at
          FROM tenants t JOIN api_keys k ON k.tenant_id = t.id WHERE t.slug = p_tenant_slug AND k.prefix = p_prefix`,
    plpgsql: `SELECT t.id, t.status, k.id, k.secret_hash, k.role, k.expires_at, k.revoked_at, k.last_used_at
              FROM public.tenants t JOIN public.api_keys k ON k.tenant_id = t.id WHERE t.slug = p_tenant_slug AND k.prefix = p_prefix`,
  },
  'auth_platform_key(p_prefix text)': {
    sql: 'SELECT id, secret_hash, expires_at, revoked_at, last_used_at FROM platform_api_keys WHERE prefix = p_prefix',
    plpgsql: 'SELECT k.id, k.secret_hash, k.expires_at, k.revoked_at, k.last_used_at FROM public.platform_api_keys k WHERE k.prefix = p_prefix',
  },
  'auth_tenant(p_id uuid, p_slug text)': {
    sql: 'SELECT id, slug, status FROM tenants WHERE id = p_id OR slug = p_slug',
    plpgsql: 'SELECT t.id, t.slug, t.status FROM public.tenants t WHERE t.id = p_id OR t.slug = p_slug',
  },
  'auth_staff_user(p_tenant uuid, p_user uuid)': {
    sql: 'SELECT status, roles FROM staff_users WHERE tenant_id = p_tenant AND id = p_user',
    plpgsql: 'SELECT u.status, u.roles FROM public.staff_users u WHERE u.tenant_id = p_tenant AND u.id = p_user',
  },
};

const RESULTS: Record<string, string> = {
  'auth_api_key(p_tenant_slug text, p_prefix text)': 'tenant_id uuid, tenant_status text, key_id uuid, secret_hash text, role text, expires_at timestamptz, revoked_at timestamptz, last_used_at timestamptz',
  'auth_platform_key(p_prefix text)': 'key_id uuid, secret_hash text, expires_at timestamptz, revoked_at timestamptz, last_used_at timestamptz',
  'auth_tenant(p_id uuid, p_slug text)': 'tenant_id uuid, slug text, status text',
  'auth_staff_user(p_tenant uuid, p_user uuid)': 'status text, roles text[]',
};

export class AuthLookupsPlpgsql1765700000000 implements MigrationInterface {
  name = 'AuthLookupsPlpgsql1765700000000';

  async up(q: QueryRunner): Promise<void> {
    for (const [signature, body] of Object.entries(BODIES)) {
      await q.query(`CREATE OR REPLACE FUNCTION ${signature} RETURNS TABLE (${RESULTS[signature]})
        LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
        AS $$ BEGIN RETURN QUERY ${body.plpgsql}; END $$`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [signature, body] of Object.entries(BODIES)) {
      await q.query(`CREATE OR REPLACE FUNCTION ${signature} RETURNS TABLE (${RESULTS[signature]})
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$ ${body.sql} $$`);
    }
  }
}
