import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../src/platform/db/database';

/**
 * Rate limits become cost budgets. `rate_limit_buckets` holds each caller's leaky bucket of query-cost
 * points when the limiter is not on Redis (UNLOGGED: a bucket lost in a crash is a full one, platform
 * state like the request counters it replaces). `tenant_api_plans` names a tenant's plan, whose
 * budget comes from the config; platform-managed like tenant_billing: a tenant reads its own row,
 * only the operator writes, and the limiter reads it before the request has a tenant context
 * through `api_plan_of` (SECURITY DEFINER, one value).
 */
export class CostBudgets1766600000000 implements MigrationInterface {
  name = 'CostBudgets1766600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS rate_limit_windows');
    await q.query(`CREATE UNLOGGED TABLE rate_limit_buckets (
      key text PRIMARY KEY,
      available double precision NOT NULL,
      updated_ms bigint NOT NULL,
      taken boolean NOT NULL
    )`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON rate_limit_buckets TO ${APP_ROLE}`);
    await q.query(`CREATE TABLE tenant_api_plans (
      tenant_id uuid NOT NULL REFERENCES tenants (id),
      plan text NOT NULL CHECK (plan ~ '^[A-Z][A-Z0-9_]{0,39}$'),
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by text,
      PRIMARY KEY (tenant_id)
    )`);
    await q.query('ALTER TABLE tenant_api_plans ENABLE ROW LEVEL SECURITY');
    await q.query('CREATE POLICY tenant_api_plans_read ON tenant_api_plans FOR SELECT USING (tenant_id = app_current_tenant() OR app_is_platform())');
    await q.query('CREATE POLICY tenant_api_plans_write ON tenant_api_plans FOR ALL USING (app_is_platform()) WITH CHECK (app_is_platform())');
    await q.query(`GRANT SELECT, INSERT, UPDATE ON tenant_api_plans TO ${APP_ROLE}`);
    await q.query(`CREATE FUNCTION api_plan_of(p_tenant uuid) RETURNS text
      LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
      AS $$ BEGIN RETURN (SELECT p.plan FROM public.tenant_api_plans p WHERE p.tenant_id = p_tenant); END $$`);
    await q.query('REVOKE ALL ON FUNCTION api_plan_of(uuid) FROM PUBLIC');
    await q.query(`GRANT EXECUTE ON FUNCTION api_plan_of(uuid) TO ${APP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION IF EXISTS api_plan_of(uuid)');
    await q.query('DROP TABLE IF EXISTS tenant_api_plans');
    await q.query('DROP TABLE IF EXISTS rate_limit_buckets');
    await q.query(`CREATE UNLOGGED TABLE rate_limit_windows (key text NOT NULL, window_start bigint NOT NULL, hits integer NOT NULL, PRIMARY KEY (key, window_start))`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON rate_limit_windows TO ${APP_ROLE}`);
  }
}
