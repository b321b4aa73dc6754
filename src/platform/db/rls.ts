import { APP_ROLE } from './database';

/**
 * SQL that puts a tenant-owned table behind row-level security and grants the app role only what it
 * needs. Used by every migration that creates a tenant table, so the wall is built the same way each time.
 * The tenant is a sub-select, read once per statement (an InitPlan), not once per row (see the
 * migration TenantOncePerStatement).
 */
export function tenantTableSql(table: string, opts: { appendOnly?: boolean; noDelete?: boolean } = {}): string[] {
  const privileges = opts.appendOnly ? 'SELECT, INSERT' : opts.noDelete ? 'SELECT, INSERT, UPDATE' : 'SELECT, INSERT, UPDATE, DELETE';
  return [
    `ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`,
    `CREATE POLICY tenant_isolation ON ${table} USING (tenant_id = (SELECT app_current_tenant())) WITH CHECK (tenant_id = (SELECT app_current_tenant()))`,
    `GRANT ${privileges} ON ${table} TO ${APP_ROLE}`,
  ];
}
