import type { MigrationInterface, QueryRunner } from 'typeorm';
import { colocateWithLoans } from '../src/platform/db/citus';
import { APP_ROLE } from '../src/platform/db/database';
import { tenantTableSql } from '../src/platform/db/rls';

const AUTH_API_KEY = 'auth_api_key(p_tenant_slug text, p_prefix text)';
const UUID = `'^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'`;

/**
 * Agents as parties: a network, its branches and agents, partner platforms and collection agencies,
 * each with a status that stops its API keys at once. An AGENT key belongs to an agent. Keys that
 * were agents themselves become agent records under the key's id (so every loan, application and
 * borrower they referred keeps its credit), as do staff users holding AGENT and any other agent id
 * already on a loan, application, borrower, payment or payout account.
 */
export class Agents1766740000000 implements MigrationInterface {
  name = 'Agents1766740000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE agents (
         tenant_id uuid NOT NULL REFERENCES tenants (id),
         id uuid NOT NULL,
         code text,
         kind text NOT NULL CHECK (kind IN ('INDIVIDUAL', 'BRANCH', 'NETWORK', 'PARTNER_PLATFORM', 'COLLECTION_AGENCY')),
         name text NOT NULL,
         parent_id uuid,
         region text,
         contact jsonb NOT NULL DEFAULT '{}',
         status text NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED', 'TERMINATED')),
         status_reason text,
         referral_code text NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now(),
         updated_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, id),
         FOREIGN KEY (tenant_id, parent_id) REFERENCES agents (tenant_id, id),
         UNIQUE (tenant_id, referral_code)
       )`,
      'CREATE INDEX agents_parent ON agents (tenant_id, parent_id)',
      'CREATE UNIQUE INDEX agents_code ON agents (tenant_id, code) WHERE code IS NOT NULL',
      ...tenantTableSql('agents', { noDelete: true }),
      'ALTER TABLE api_keys ADD COLUMN agent_id uuid',
      // Keys that acted as agents, staff users holding AGENT, and agent ids already written elsewhere.
      `INSERT INTO agents (tenant_id, id, kind, name, status, referral_code, created_at)
       SELECT tenant_id, id, 'INDIVIDUAL', name, CASE WHEN revoked_at IS NULL THEN 'ACTIVE' ELSE 'TERMINATED' END, upper(substr(md5(id::text), 1, 8)), created_at
       FROM api_keys WHERE role = 'AGENT'`,
      "UPDATE api_keys SET agent_id = id WHERE role = 'AGENT'",
      `INSERT INTO agents (tenant_id, id, kind, name, status, referral_code, created_at)
       SELECT tenant_id, id, 'INDIVIDUAL', full_name, CASE status WHEN 'ACTIVE' THEN 'ACTIVE' ELSE 'SUSPENDED' END, upper(substr(md5(id::text), 1, 8)), created_at
       FROM staff_users WHERE 'AGENT' = ANY (roles) ON CONFLICT DO NOTHING`,
      ...['loans', 'applications', 'borrowers', 'payments'].map((t) => `INSERT INTO agents (tenant_id, id, kind, name, status, referral_code)
       SELECT DISTINCT tenant_id, agent_id::uuid, 'INDIVIDUAL', 'Agent ' || agent_id, 'ACTIVE', upper(substr(md5(agent_id), 1, 8))
       FROM ${t} WHERE agent_id ~ ${UUID} ON CONFLICT DO NOTHING`),
      `INSERT INTO agents (tenant_id, id, kind, name, status, referral_code)
       SELECT DISTINCT tenant_id, owner_id::uuid, 'INDIVIDUAL', 'Agent ' || owner_id, 'ACTIVE', upper(substr(md5(owner_id), 1, 8))
       FROM payout_accounts WHERE owner_type = 'AGENT' AND owner_id ~ ${UUID} ON CONFLICT DO NOTHING`,
      `DROP FUNCTION ${AUTH_API_KEY}`,
      `CREATE FUNCTION ${AUTH_API_KEY}
         RETURNS TABLE (tenant_id uuid, tenant_status text, key_id uuid, secret_hash text, role text, expires_at timestamptz, revoked_at timestamptz, last_used_at timestamptz, agent_id uuid, agent_status text)
         LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
         AS $$ BEGIN RETURN QUERY SELECT t.id, t.status, k.id, k.secret_hash, k.role, k.expires_at, k.revoked_at, k.last_used_at, k.agent_id, a.status
           FROM public.tenants t JOIN public.api_keys k ON k.tenant_id = t.id LEFT JOIN public.agents a ON a.tenant_id = k.tenant_id AND a.id = k.agent_id
           WHERE t.slug = p_tenant_slug AND k.prefix = p_prefix; END $$`,
      'REVOKE ALL ON FUNCTION auth_api_key(text, text) FROM PUBLIC',
      `GRANT EXECUTE ON FUNCTION auth_api_key(text, text) TO ${APP_ROLE}`,
    ];
    for (const sql of statements) await q.query(sql);
    await colocateWithLoans(q, ['agents']);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION ${AUTH_API_KEY}`);
    await q.query(`CREATE FUNCTION ${AUTH_API_KEY}
      RETURNS TABLE (tenant_id uuid, tenant_status text, key_id uuid, secret_hash text, role text, expires_at timestamptz, revoked_at timestamptz, last_used_at timestamptz)
      LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
      AS $$ BEGIN RETURN QUERY SELECT t.id, t.status, k.id, k.secret_hash, k.role, k.expires_at, k.revoked_at, k.last_used_at
        FROM public.tenants t JOIN public.api_keys k ON k.tenant_id = t.id WHERE t.slug = p_tenant_slug AND k.prefix = p_prefix; END $$`);
    await q.query('REVOKE ALL ON FUNCTION auth_api_key(text, text) FROM PUBLIC');
    await q.query(`GRANT EXECUTE ON FUNCTION auth_api_key(text, text) TO ${APP_ROLE}`);
    await q.query('ALTER TABLE api_keys DROP COLUMN agent_id');
    await q.query('DROP TABLE agents');
  }
}
