import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The tenant policies' expressions before and after: the bare call, evaluated once per row, and the same call in a sub-select. */
const PER_ROW = 'tenant_id = app_current_tenant()';
const PER_STATEMENT = 'tenant_id = (SELECT app_current_tenant())';

/** The policies that also let the platform in (read-only for tenants), by table and name, with their column. */
const PLATFORM_READABLE = [
  { table: 'tenants', policy: 'tenant_self', column: 'id', withCheck: true },
  { table: 'tenant_billing', policy: 'tenant_billing_read', column: 'tenant_id', withCheck: false },
  { table: 'tenant_api_plans', policy: 'tenant_api_plans_read', column: 'tenant_id', withCheck: false },
];

/**
 * Row-level security reads the tenant once per statement, not once per row.
 *
 * A policy of `tenant_id = app_current_tenant()` is inlined as `nullif(current_setting(...), '')::uuid`,
 * a stable expression that PostgreSQL evaluates for every row it filters or checks: about 0.4 µs a
 * row. Close of business reads, updates and inserts millions of rows a night (its partitions, then the
 * portfolio snapshot joining five tables of the whole book), so that was seconds of a night spent
 * reading one setting. Written as a sub-select, `(SELECT app_current_tenant())` is an InitPlan: the
 * setting is read once when the statement starts, and the planner still uses it as an index condition
 * (and, beside a query's own `tenant_id = $1`, turns both into a one-time check). Same rows, same
 * checks: only when the setting is read changes.
 */
export class TenantOncePerStatement1766880000000 implements MigrationInterface {
  name = 'TenantOncePerStatement1766880000000';

  async up(q: QueryRunner): Promise<void> {
    await rewrite(q, PER_ROW, PER_STATEMENT, '(SELECT app_is_platform())');
  }

  async down(q: QueryRunner): Promise<void> {
    await rewrite(q, PER_STATEMENT, PER_ROW, 'app_is_platform()');
  }
}

/** Every `tenant_isolation` policy whose expression is `from` becomes `to`; the platform-readable ones likewise. */
async function rewrite(q: QueryRunner, from: string, to: string, platform: string): Promise<void> {
  // pg_policies shows an expression as PostgreSQL deparses it: compare with the deparsed `from`.
  await q.query(`DO $$
    DECLARE r record;
    BEGIN
      FOR r IN SELECT c.relname FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE p.polname = 'tenant_isolation' AND n.nspname = current_schema()
                 AND replace(replace(pg_get_expr(p.polqual, p.polrelid), ' AS app_current_tenant', ''), '( ', '(') = '(${from})'
      LOOP
        EXECUTE format('ALTER POLICY tenant_isolation ON %I USING (${to}) WITH CHECK (${to})', r.relname);
      END LOOP;
    END $$`);
  for (const p of PLATFORM_READABLE) {
    const own = to.replace('tenant_id', p.column);
    await q.query(`ALTER POLICY ${p.policy} ON ${p.table} USING (${own} OR ${platform})${p.withCheck ? ` WITH CHECK (${own} OR ${platform})` : ''}`);
  }
}
