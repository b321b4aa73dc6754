import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `app_current_tenant()` and `app_is_platform()` marked PARALLEL SAFE. Every tenant policy calls
 * them, and a function left at the default (PARALLEL UNSAFE) forbids a parallel plan for any
 * statement that reads a tenant table as the app role. They only read the transaction's settings
 * (`app.tenant_id`, `app.platform`), which PostgreSQL copies into each parallel worker with the rest
 * of the leader's settings, so a worker sees the same tenant as the statement that started it (the
 * portfolio-snapshot spec runs the snapshot with every plan forced into a worker to hold that).
 * Close of business's portfolio snapshot, a read of the tenant's whole book, is the statement this
 * is for: its joins run on every core (see portfolio-snapshot.ts).
 */
export class TenantSettingsParallelSafe1766910000000 implements MigrationInterface {
  name = 'TenantSettingsParallelSafe1766910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER FUNCTION app_current_tenant() PARALLEL SAFE');
    await q.query('ALTER FUNCTION app_is_platform() PARALLEL SAFE');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER FUNCTION app_current_tenant() PARALLEL UNSAFE');
    await q.query('ALTER FUNCTION app_is_platform() PARALLEL UNSAFE');
  }
}
