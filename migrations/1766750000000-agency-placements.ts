import type { MigrationInterface, QueryRunner } from 'typeorm';
import { colocateWithLoans } from '../src/platform/db/citus';
import { tenantTableSql } from '../src/platform/db/rls';

/**
 * Outsourced collections: a stage's AGENCY_PLACEMENT hands a case to a collection agency for some
 * days; what the loan recovers meanwhile earns the agency its commission (an expense owed to it,
 * COMMISSION_PAYABLE, until paid), and the case comes back when the placement ends.
 */
export class AgencyPlacements1766750000000 implements MigrationInterface {
  name = 'AgencyPlacements1766750000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE collection_placements (
         tenant_id uuid NOT NULL REFERENCES tenants (id),
         id uuid NOT NULL,
         case_id uuid NOT NULL,
         loan_id uuid NOT NULL,
         agency_id uuid NOT NULL,
         stage_name text NOT NULL,
         placed_on date NOT NULL,
         ends_on date NOT NULL CHECK (ends_on >= placed_on),
         commission_rate numeric(9, 8) NOT NULL CHECK (commission_rate >= 0 AND commission_rate <= 1),
         status text NOT NULL CHECK (status IN ('PLACED', 'RECALLED', 'ENDED')),
         end_reason text CHECK (end_reason IN ('EXPIRED', 'CASE_CLOSED')),
         ended_on date,
         recovered numeric(20, 4),
         commission numeric(20, 4),
         journal_entry_id uuid,
         created_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, id)
       )`,
      `CREATE UNIQUE INDEX collection_placements_one_open ON collection_placements (tenant_id, case_id) WHERE status = 'PLACED'`,
      'CREATE INDEX collection_placements_agency ON collection_placements (tenant_id, agency_id, status)',
      ...tenantTableSql('collection_placements', { noDelete: true }),
      'ALTER TABLE collection_cases ADD COLUMN placed_with uuid',
      `CREATE INDEX collection_cases_placed ON collection_cases (tenant_id, placed_with) WHERE placed_with IS NOT NULL`,
      `INSERT INTO ledger_accounts (tenant_id, code, name, type)
       SELECT DISTINCT tenant_id, 'COMMISSION_PAYABLE', 'Commissions payable', 'LIABILITY' FROM ledger_accounts
       ON CONFLICT DO NOTHING`,
    ];
    for (const sql of statements) await q.query(sql);
    await colocateWithLoans(q, ['collection_placements']);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS collection_placements');
    await q.query('ALTER TABLE collection_cases DROP COLUMN placed_with');
  }
}
