import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A tenant's audit log becomes a few hash chains (lanes) instead of one. An appending transaction
 * takes the first lane whose head no other writer holds, so concurrent writers of one tenant no
 * longer queue on a single head through each other's commits; a lone writer always takes lane 0,
 * so a quiet tenant's log is still one chain. Existing entries and heads are lane 0.
 */
export class AuditLanes1765800000000 implements MigrationInterface {
  name = 'AuditLanes1765800000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of [
      'ALTER TABLE audit_heads ADD COLUMN lane smallint NOT NULL DEFAULT 0',
      'ALTER TABLE audit_heads DROP CONSTRAINT audit_heads_pkey',
      'ALTER TABLE audit_heads ADD PRIMARY KEY (tenant_id, lane)',
      'ALTER TABLE audit_entries ADD COLUMN lane smallint NOT NULL DEFAULT 0',
      'ALTER TABLE audit_entries DROP CONSTRAINT audit_entries_pkey',
      'ALTER TABLE audit_entries ADD PRIMARY KEY (tenant_id, lane, seq)',
    ]) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of [
      'DELETE FROM audit_heads WHERE lane <> 0',
      'ALTER TABLE audit_heads DROP CONSTRAINT audit_heads_pkey',
      'ALTER TABLE audit_heads ADD PRIMARY KEY (tenant_id)',
      'ALTER TABLE audit_heads DROP COLUMN lane',
      'ALTER TABLE audit_entries DROP CONSTRAINT audit_entries_pkey',
      'ALTER TABLE audit_entries ADD PRIMARY KEY (tenant_id, seq)',
      'ALTER TABLE audit_entries DROP COLUMN lane',
    ]) await q.query(sql);
  }
}
