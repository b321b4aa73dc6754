import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the nightly run writes, made cheap to write (issue 19; figures in docs/operations.md):
 * - `loans` updates stay HOT: no index names a column the night changes (`loans_cob` named
 *   `last_cob_date`, so every nightly update of every loan went into all eight indexes; the run finds
 *   its loans by primary-key range), and half of each page is left free (fillfactor 50) for the
 *   night's new row versions to land beside the old ones. Existing pages keep their packing until
 *   the table is rewritten (`VACUUM FULL loans` or pg_repack in a maintenance window).
 * - `loan_accruals` is an append-only sub-ledger written a row per accruing loan per night: no
 *   per-row foreign-key check against `loans` (its rows come only from the run and the replays, both
 *   reading the loan they write for), the date index a BRIN (rows arrive in date order), and the
 *   per-loan index only over the few true-ups (the nightly rows are reached by `loan_accruals_one_cob`).
 */
export class CobThroughput1766830000000 implements MigrationInterface {
  name = 'CobThroughput1766830000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX IF EXISTS loans_cob');
    await q.query('ALTER TABLE loans SET (fillfactor = 50)');
    await q.query('ALTER TABLE loan_accruals DROP CONSTRAINT IF EXISTS loan_accruals_tenant_id_loan_id_fkey');
    await q.query('DROP INDEX IF EXISTS loan_accruals_loan');
    await q.query("CREATE INDEX loan_accruals_true_up ON loan_accruals (tenant_id, loan_id) WHERE kind <> 'COB'");
    await q.query('DROP INDEX IF EXISTS loan_accruals_date');
    await q.query('CREATE INDEX loan_accruals_date ON loan_accruals USING brin (business_date)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX IF EXISTS loan_accruals_date');
    await q.query('CREATE INDEX loan_accruals_date ON loan_accruals (tenant_id, business_date)');
    await q.query('DROP INDEX IF EXISTS loan_accruals_true_up');
    await q.query('CREATE INDEX loan_accruals_loan ON loan_accruals (tenant_id, loan_id)');
    await q.query('ALTER TABLE loan_accruals ADD CONSTRAINT loan_accruals_tenant_id_loan_id_fkey FOREIGN KEY (tenant_id, loan_id) REFERENCES loans (tenant_id, id)');
    await q.query('ALTER TABLE loans RESET (fillfactor)');
    await q.query('CREATE INDEX loans_cob ON loans (tenant_id, status, last_cob_date)');
  }
}
