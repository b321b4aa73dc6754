import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which front-end (APP key) signed a borrower in or registered it, so a front-end reaches only its own
 * users. Borrowers a front-end made before are found in the audit chain (`borrower.registered` by
 * mintBorrowerToken, `borrower.created` by createBorrower, acted by an APP key); the rest stay null:
 * registered by staff or an agent, and no front-end's. (Exported for its spec.)
 */
export const BACKFILL_FRONT_ENDS = `UPDATE borrowers b SET app_key_id = first.actor_id
  FROM (
    SELECT DISTINCT ON (e.tenant_id, e.entity_id) e.tenant_id, e.entity_id, e.actor_id
    FROM audit_entries e
    JOIN api_keys k ON k.tenant_id = e.tenant_id AND k.id::text = e.actor_id AND k.role = 'APP'
    WHERE e.entity_type = 'Borrower' AND e.action IN ('borrower.registered', 'borrower.created') AND e.actor_type = 'API_KEY'
    ORDER BY e.tenant_id, e.entity_id, e.occurred_at
  ) first
  WHERE b.tenant_id = first.tenant_id AND b.id::text = first.entity_id`;

/** Borrowers learn which front-end they belong to. */
export class BorrowerFrontEnd1766620000000 implements MigrationInterface {
  name = 'BorrowerFrontEnd1766620000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE borrowers ADD COLUMN app_key_id text');
    await q.query(BACKFILL_FRONT_ENDS);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE borrowers DROP COLUMN app_key_id');
  }
}
