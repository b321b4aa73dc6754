import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Whole-tier true-ups: a commission of kind ADJUSTMENT, posted when a month is closed. */
export class CommissionAdjustments1766800000000 implements MigrationInterface {
  name = 'CommissionAdjustments1766800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE commissions DROP CONSTRAINT commissions_kind_check,
      ADD CONSTRAINT commissions_kind_check CHECK (kind IN ('EARNED', 'OVERRIDE', 'CLAWBACK', 'RELEASE', 'ADJUSTMENT'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM commissions WHERE kind = 'ADJUSTMENT'`);
    await q.query(`ALTER TABLE commissions DROP CONSTRAINT commissions_kind_check,
      ADD CONSTRAINT commissions_kind_check CHECK (kind IN ('EARNED', 'OVERRIDE', 'CLAWBACK', 'RELEASE'))`);
  }
}
