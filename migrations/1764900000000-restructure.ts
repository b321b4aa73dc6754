import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Restructuring: a loan's remaining balance is moved to a successor loan with a new schedule; the
 * old one is kept, frozen, as RESTRUCTURED. (Both are tenant tables already behind row level security.)
 */
export class Restructure1764900000000 implements MigrationInterface {
  name = 'Restructure1764900000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `ALTER TABLE loans DROP CONSTRAINT loans_status_check`,
      `ALTER TABLE loans ADD CONSTRAINT loans_status_check CHECK (status IN ('ACTIVE', 'CLOSED', 'WRITTEN_OFF', 'RESTRUCTURED'))`,
      `ALTER TABLE loans ADD COLUMN restructured_from uuid, ADD COLUMN restructured_into uuid`,
      `DROP INDEX loans_one_per_application`,
      `CREATE UNIQUE INDEX loans_one_per_application ON loans (tenant_id, application_id) WHERE credit_line_id IS NULL AND restructured_from IS NULL`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE loans DROP COLUMN IF EXISTS restructured_from, DROP COLUMN IF EXISTS restructured_into');
  }
}
