import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Whole-tier true-ups: a commission of kind ADJUSTMENT, posted when a month is closed; and an index on what reverses what. */
export class CommissionAdjustments1766800000000 implements MigrationInterface {
  name = 'CommissionAdjustments1766800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE commissions DROP CONSTRAINT commissions_kind_check,
      ADD CONSTRAINT commissions_kind_check CHECK (kind IN ('EARNED', 'OVERRIDE', 'CLAWBACK', 'RELEASE', 'ADJUSTMENT'))`);
    // What reversed, released or adjusted a commission: looked up each night for every candidate.
    await q.query('CREATE INDEX commissions_reverses ON commissions (tenant_id, reverses_id) WHERE reverses_id IS NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX IF EXISTS commissions_reverses');
    await q.query(`DELETE FROM commissions WHERE kind = 'ADJUSTMENT'`);
    await q.query(`ALTER TABLE commissions DROP CONSTRAINT commissions_kind_check,
      ADD CONSTRAINT commissions_kind_check CHECK (kind IN ('EARNED', 'OVERRIDE', 'CLAWBACK', 'RELEASE'))`);
  }
}
