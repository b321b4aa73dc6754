import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Escalation: a case past its stage's first-contact target with no contact goes to the stage's escalation team, once per stage. */
export class CollectionEscalation1766730000000 implements MigrationInterface {
  name = 'CollectionEscalation1766730000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE collection_cases ADD COLUMN escalated_stage integer, ADD COLUMN escalated_at timestamptz');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE collection_cases DROP COLUMN escalated_stage, DROP COLUMN escalated_at');
  }
}
