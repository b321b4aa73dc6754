import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSql } from '../src/platform/db/rls';

/** Revolving credit lines (随借随还): a limit opened at disbursement; each draw is a loan of its own.
 * Every tenant-owned table here sits behind row level security (see tenantTableSql).
 */
export class CreditLines1764800000000 implements MigrationInterface {
  name = 'CreditLines1764800000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE credit_lines (
         tenant_id uuid NOT NULL,
         id uuid NOT NULL,
         application_id uuid NOT NULL,
         borrower_id uuid NOT NULL,
         product_id uuid NOT NULL,
         product_version integer NOT NULL,
         currency char(3) NOT NULL,
         credit_limit numeric(18, 4) NOT NULL CHECK (credit_limit >= 0),
         risk_grade text NOT NULL,
         status text NOT NULL CHECK (status IN ('ACTIVE', 'FROZEN', 'CLOSED')),
         opened_on date NOT NULL,
         expires_on date NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, id),
         UNIQUE (tenant_id, application_id),
         FOREIGN KEY (tenant_id, application_id) REFERENCES applications (tenant_id, id),
         FOREIGN KEY (tenant_id, borrower_id) REFERENCES borrowers (tenant_id, id)
       )`,
      ...tenantTableSql('credit_lines', { noDelete: true }),
      `ALTER TABLE loans ADD COLUMN credit_line_id uuid`,
      `ALTER TABLE loans ADD CONSTRAINT loans_credit_line_fk FOREIGN KEY (tenant_id, credit_line_id) REFERENCES credit_lines (tenant_id, id)`,
      // Draws of a line share its application; a plain loan still has one application, one loan.
      `ALTER TABLE loans DROP CONSTRAINT loans_tenant_id_application_id_key`,
      `CREATE UNIQUE INDEX loans_one_per_application ON loans (tenant_id, application_id) WHERE credit_line_id IS NULL`,
      `CREATE INDEX loans_credit_line ON loans (tenant_id, credit_line_id) WHERE credit_line_id IS NOT NULL`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE loans DROP COLUMN IF EXISTS credit_line_id');
    await q.query('DROP TABLE IF EXISTS credit_lines');
  }
}
