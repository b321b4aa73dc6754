import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The loans past due or written off, by tenant: the only loans whose vintage milestones can move at
 * close of business (worst days past due, first 30 and 90 days, written off). The nightly milestone
 * step reads them here instead of joining the whole book to its milestones (four passes over both
 * before). A current loan's night leaves dpd at 0 and its status ACTIVE, so its update stays HOT.
 */
export class PastDueLoans1766870000000 implements MigrationInterface {
  name = 'PastDueLoans1766870000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX IF NOT EXISTS loans_past_due ON loans (tenant_id, id) WHERE dpd > 0 OR status = 'WRITTEN_OFF'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX IF EXISTS loans_past_due');
  }
}
