import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The origination funnel reads the applications and referrals created in a period: an index on the
 * creation time of each, so a month of a large book is a range scan, not a pass over every application.
 */
export class FunnelPeriodIndexes1766825000000 implements MigrationInterface {
  name = 'FunnelPeriodIndexes1766825000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX applications_created ON applications (tenant_id, created_at)');
    await q.query('CREATE INDEX referrals_created ON referrals (tenant_id, created_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX IF EXISTS applications_created');
    await q.query('DROP INDEX IF EXISTS referrals_created');
  }
}
