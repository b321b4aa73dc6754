import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `loans.idle_accrual`: the interest close of business's idle path accrued on the loan's last night
 * there. That path is now one UPDATE (no locking read of the loan first, no join back to it), and its
 * RETURNING sees only the row as written; PostgreSQL 15 cannot return a value from before the update,
 * so the night's interest (the new cumulative interest less the old) is written here and returned.
 * Written and read by that statement alone; the full nightly steps leave it as it is.
 */
export class IdleNightInOneUpdate1766890000000 implements MigrationInterface {
  name = 'IdleNightInOneUpdate1766890000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE loans ADD COLUMN IF NOT EXISTS idle_accrual numeric(18, 4)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE loans DROP COLUMN IF EXISTS idle_accrual');
  }
}
