import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../src/platform/db/database';
import { tenantTableSql } from '../src/platform/db/rls';

const ROLES = `'PLATFORM_ADMIN','LENDER_ADMIN','UNDERWRITER','SERVICER','COLLECTOR','ANALYST','AGENT','APP','BORROWER'`;

/**
 * Tenants, credentials, staff users, borrowers (the identity part) and the hash-chained audit log.
 * Tenant-owned tables lead every key with tenant_id and sit behind RLS; the credential look-ups that
 * must happen before a tenant is known go through narrow SECURITY DEFINER functions.
 */
export class PlatformFoundation1764300000000 implements MigrationInterface {
  name = 'PlatformFoundation1764300000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `DO $$ BEGIN
         IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
           CREATE ROLE ${APP_ROLE} LOGIN NOSUPERUSER NOBYPASSRLS;
         END IF;
       END $$`,
      `GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`,
      `CREATE FUNCTION app_current_tenant() RETURNS uuid LANGUAGE sql STABLE
         AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$`,
      `CREATE FUNCTION app_is_platform() RETURNS boolean LANGUAGE sql STABLE
         AS $$ SELECT coalesce(current_setting('app.platform', true), '') = 'on' $$`,

      `CREATE TABLE tenants (
         id uuid PRIMARY KEY,
         slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z][a-z0-9-]{1,38}[a-z0-9]$' AND slug <> 'platform'),
         name text NOT NULL,
         legal_name text NOT NULL,
         country char(2) NOT NULL,
         jurisdiction text NOT NULL,
         base_currency char(3) NOT NULL,
         timezone text NOT NULL,
         locale text NOT NULL,
         status text NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED')),
         rounding_decimals smallint NOT NULL CHECK (rounding_decimals BETWEEN 0 AND 6),
         rounding_mode text NOT NULL CHECK (rounding_mode IN ('HALF_EVEN', 'HALF_UP', 'DOWN', 'UP')),
         settings jsonb NOT NULL DEFAULT '{}'::jsonb,
         config_hash text,
         version integer NOT NULL DEFAULT 1,
         created_at timestamptz NOT NULL DEFAULT now(),
         updated_at timestamptz NOT NULL DEFAULT now()
       )`,
      `ALTER TABLE tenants ENABLE ROW LEVEL SECURITY`,
      // A tenant sees its own row; only the platform context (operator, tenants-as-code) sees or writes all.
      `CREATE POLICY tenant_self ON tenants
         USING (id = app_current_tenant() OR app_is_platform())
         WITH CHECK (id = app_current_tenant() OR app_is_platform())`,
      `GRANT SELECT, INSERT, UPDATE ON tenants TO ${APP_ROLE}`,

      `CREATE TABLE platform_api_keys (
         id uuid PRIMARY KEY,
         name text NOT NULL,
         prefix text NOT NULL UNIQUE,
         secret_hash text NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now(),
         expires_at timestamptz,
         revoked_at timestamptz,
         last_used_at timestamptz
       )`,
      `ALTER TABLE platform_api_keys ENABLE ROW LEVEL SECURITY`,
      `CREATE POLICY platform_only ON platform_api_keys USING (app_is_platform()) WITH CHECK (app_is_platform())`,
      `GRANT SELECT, INSERT, UPDATE ON platform_api_keys TO ${APP_ROLE}`,

      `CREATE TABLE api_keys (
         tenant_id uuid NOT NULL REFERENCES tenants (id),
         id uuid NOT NULL,
         name text NOT NULL,
         prefix text NOT NULL,
         secret_hash text NOT NULL,
         role text NOT NULL CHECK (role IN (${ROLES}) AND role NOT IN ('PLATFORM_ADMIN', 'BORROWER')),
         created_by_type text NOT NULL,
         created_by_id text,
         created_at timestamptz NOT NULL DEFAULT now(),
         expires_at timestamptz,
         revoked_at timestamptz,
         last_used_at timestamptz,
         PRIMARY KEY (tenant_id, id),
         UNIQUE (tenant_id, prefix)
       )`,
      ...tenantTableSql('api_keys', { noDelete: true }),

      `CREATE TABLE staff_users (
         tenant_id uuid NOT NULL REFERENCES tenants (id),
         id uuid NOT NULL,
         email text NOT NULL,
         full_name text NOT NULL,
         password_hash text,
         roles text[] NOT NULL CHECK (roles <@ ARRAY[${ROLES}]::text[] AND NOT roles && ARRAY['PLATFORM_ADMIN', 'BORROWER', 'APP']::text[]),
         status text NOT NULL CHECK (status IN ('ACTIVE', 'DISABLED')),
         last_login_at timestamptz,
         created_at timestamptz NOT NULL DEFAULT now(),
         updated_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, id)
       )`,
      `CREATE UNIQUE INDEX staff_users_email_key ON staff_users (tenant_id, lower(email))`,
      ...tenantTableSql('staff_users', { noDelete: true }),

      `CREATE TABLE borrowers (
         tenant_id uuid NOT NULL REFERENCES tenants (id),
         id uuid NOT NULL,
         external_ref text NOT NULL,
         display_name text,
         created_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, id),
         UNIQUE (tenant_id, external_ref)
       )`,
      ...tenantTableSql('borrowers', { noDelete: true }),

      `CREATE TABLE audit_entries (
         tenant_id uuid NOT NULL REFERENCES tenants (id),
         seq bigint NOT NULL,
         id uuid NOT NULL,
         occurred_at timestamptz NOT NULL,
         actor_type text NOT NULL,
         actor_id text,
         action text NOT NULL,
         entity_type text NOT NULL,
         entity_id text NOT NULL,
         before jsonb,
         after jsonb,
         request_id text,
         prev_hash char(64) NOT NULL,
         hash char(64) NOT NULL,
         PRIMARY KEY (tenant_id, seq),
         UNIQUE (tenant_id, id)
       )`,
      `CREATE INDEX audit_entries_entity_idx ON audit_entries (tenant_id, entity_type, entity_id)`,
      ...tenantTableSql('audit_entries', { appendOnly: true }),
      // Append-only even for a role that was granted more by mistake; verify catches what this cannot.
      `CREATE FUNCTION audit_entries_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN RAISE EXCEPTION 'audit entries are append-only'; END $$`,
      `CREATE TRIGGER audit_entries_no_update BEFORE UPDATE OR DELETE ON audit_entries
         FOR EACH ROW EXECUTE FUNCTION audit_entries_immutable()`,
      `CREATE TABLE audit_heads (
         tenant_id uuid NOT NULL REFERENCES tenants (id),
         last_seq bigint NOT NULL,
         last_hash char(64) NOT NULL,
         PRIMARY KEY (tenant_id)
       )`,
      ...tenantTableSql('audit_heads', { noDelete: true }),

      // Credential look-ups before the tenant is known: narrow, read-only, owned by the schema owner.
      `CREATE FUNCTION auth_api_key(p_tenant_slug text, p_prefix text)
         RETURNS TABLE (tenant_id uuid, tenant_status text, key_id uuid, secret_hash text, role text,
                        expires_at timestamptz, revoked_at timestamptz, last_used_at timestamptz)
         LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
         AS $$ SELECT t.id, t.status, k.id, k.secret_hash, k.role, k.expires_at, k.revoked_at, k.last_used_at
               FROM tenants t JOIN api_keys k ON k.tenant_id = t.id
               WHERE t.slug = p_tenant_slug AND k.prefix = p_prefix $$`,
      `CREATE FUNCTION auth_platform_key(p_prefix text)
         RETURNS TABLE (key_id uuid, secret_hash text, expires_at timestamptz, revoked_at timestamptz, last_used_at timestamptz)
         LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
         AS $$ SELECT id, secret_hash, expires_at, revoked_at, last_used_at FROM platform_api_keys WHERE prefix = p_prefix $$`,
      `CREATE FUNCTION auth_touch_key(p_tenant uuid, p_key uuid) RETURNS void
         LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
         AS $$ UPDATE api_keys SET last_used_at = now() WHERE tenant_id = p_tenant AND id = p_key;
               UPDATE platform_api_keys SET last_used_at = now() WHERE p_tenant IS NULL AND id = p_key $$`,
      `CREATE FUNCTION auth_tenant(p_id uuid, p_slug text)
         RETURNS TABLE (tenant_id uuid, slug text, status text)
         LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
         AS $$ SELECT id, slug, status FROM tenants WHERE id = p_id OR slug = p_slug $$`,
      `CREATE FUNCTION auth_staff_user(p_tenant uuid, p_user uuid)
         RETURNS TABLE (status text, roles text[])
         LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
         AS $$ SELECT status, roles FROM staff_users WHERE tenant_id = p_tenant AND id = p_user $$`,
    ];
    for (const fn of ['auth_api_key(text, text)', 'auth_platform_key(text)', 'auth_touch_key(uuid, uuid)', 'auth_tenant(uuid, text)', 'auth_staff_user(uuid, uuid)']) {
      statements.push(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`, `GRANT EXECUTE ON FUNCTION ${fn} TO ${APP_ROLE}`);
    }
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const fn of ['auth_api_key(text, text)', 'auth_platform_key(text)', 'auth_touch_key(uuid, uuid)', 'auth_tenant(uuid, text)', 'auth_staff_user(uuid, uuid)']) {
      await q.query(`DROP FUNCTION IF EXISTS ${fn}`);
    }
    for (const t of ['audit_heads', 'audit_entries', 'borrowers', 'staff_users', 'api_keys', 'platform_api_keys', 'tenants']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
    await q.query('DROP FUNCTION IF EXISTS audit_entries_immutable()');
    await q.query('DROP FUNCTION IF EXISTS app_is_platform()');
    await q.query('DROP FUNCTION IF EXISTS app_current_tenant()');
  }
}
