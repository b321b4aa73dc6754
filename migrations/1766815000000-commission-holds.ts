import type { MigrationInterface, QueryRunner } from 'typeorm';
import { colocateWithLoans } from '../src/platform/db/citus';
import { tenantTableSql } from '../src/platform/db/rls';

/**
 * Held commission shares still waiting for their release day, one row per commission that holds
 * back (deleted when released or clawed back): close of business releases what is due from an index
 * on the day, instead of checking every commission ever earned each night.
 */
export class CommissionHolds1766815000000 implements MigrationInterface {
  name = 'CommissionHolds1766815000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE commission_holds (
         tenant_id uuid NOT NULL REFERENCES tenants (id),
         commission_id uuid NOT NULL,
         loan_id uuid NOT NULL,
         release_on date NOT NULL,
         PRIMARY KEY (tenant_id, commission_id),
         FOREIGN KEY (tenant_id, commission_id) REFERENCES commissions (tenant_id, id)
       )`,
      'CREATE INDEX commission_holds_due ON commission_holds (tenant_id, release_on)',
      ...tenantTableSql('commission_holds'),
      `INSERT INTO commission_holds (tenant_id, commission_id, loan_id, release_on)
       SELECT c.tenant_id, c.id, c.loan_id, l.disbursement_date + (pl.definition -> 'holdback' ->> 'releaseAfterDays')::int
       FROM commissions c
       JOIN loans l ON l.tenant_id = c.tenant_id AND l.id = c.loan_id
       JOIN commission_plans pl ON pl.tenant_id = c.tenant_id AND pl.id = c.plan_id
       WHERE c.kind IN ('EARNED', 'OVERRIDE', 'ADJUSTMENT') AND c.held > 0 AND jsonb_typeof(pl.definition -> 'holdback') = 'object'
         AND NOT EXISTS (SELECT 1 FROM commissions x WHERE x.tenant_id = c.tenant_id AND x.reverses_id = c.id AND x.kind IN ('RELEASE', 'CLAWBACK'))`,
    ];
    for (const s of statements) await q.query(s);
    await colocateWithLoans(q, ['commission_holds']);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS commission_holds');
  }
}
