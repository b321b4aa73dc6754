import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What close of business's vintage step reads, by index instead of by reading the book:
 * - `loans_past_due`: the loans past due or written off, by tenant, the only loans whose milestones can
 *   move (worst days past due, first 30 and 90 days, written off). A current loan's night leaves dpd
 *   at 0 and its status ACTIVE, so its update stays HOT.
 * - `loans_disbursed`: loans by disbursement date (never changed after booking, so no update touches
 *   it): a night recounts only the cohorts its recent disbursements fall in.
 * Milestone rows are now made for loans that reach one, not for every loan booked: the rows of loans
 * never past due nor written off (all zero) go.
 */
export class VintageSteps1766870000000 implements MigrationInterface {
  name = 'VintageSteps1766870000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX IF NOT EXISTS loans_past_due ON loans (tenant_id, id) WHERE dpd > 0 OR status = 'WRITTEN_OFF'`);
    await q.query('CREATE INDEX IF NOT EXISTS loans_disbursed ON loans (tenant_id, disbursement_date)');
    await q.query('DELETE FROM loan_milestones WHERE max_dpd = 0 AND dpd30_on IS NULL AND dpd90_on IS NULL AND written_off_on IS NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX IF EXISTS loans_past_due');
    await q.query('DROP INDEX IF EXISTS loans_disbursed');
    // Every loan booked has its row again, as the earlier step made them.
    await q.query(`INSERT INTO loan_milestones (tenant_id, loan_id, currency, cohort, disbursement_date, principal)
      SELECT tenant_id, id, currency, date_trunc('month', disbursement_date)::date, disbursement_date, principal FROM loans ON CONFLICT DO NOTHING`);
  }
}
