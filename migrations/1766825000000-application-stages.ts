import type { MigrationInterface, QueryRunner } from 'typeorm';
import { FUNNEL_STAGE_REACHED, firstReachedSql } from '../src/core/lifecycle';
import { colocateWithLoans } from '../src/platform/db/citus';
import { tenantTableSql } from '../src/platform/db/rls';

/**
 * The origination funnel, one narrow row per application: its keys (created, product, channel,
 * agent) and when it first reached each stage, kept up to date by the statement that records each
 * status change. The funnel of a period is then a range scan of these rows, not a join of every
 * application with its event history. Backfilled from the stage history already recorded; referrals
 * (the funnel's leads) get an index on their creation time.
 */
export class ApplicationStages1766825000000 implements MigrationInterface {
  name = 'ApplicationStages1766825000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE application_stages (
         tenant_id uuid NOT NULL REFERENCES tenants (id),
         application_id uuid NOT NULL,
         created_at timestamptz NOT NULL,
         product_id uuid NOT NULL,
         source text NOT NULL,
         agent_id text,
         ${FUNNEL_STAGE_REACHED.map((s) => `${s.column} timestamptz`).join(',\n         ')},
         PRIMARY KEY (tenant_id, application_id),
         FOREIGN KEY (tenant_id, application_id) REFERENCES applications (tenant_id, id)
       )`,
      'CREATE INDEX application_stages_created ON application_stages (tenant_id, created_at)',
      ...tenantTableSql('application_stages', { noDelete: true }),
      `INSERT INTO application_stages (tenant_id, application_id, created_at, product_id, source, agent_id, ${FUNNEL_STAGE_REACHED.map((s) => s.column).join(', ')})
       SELECT a.tenant_id, a.id, a.created_at, a.product_id, a.source, a.agent_id, ${firstReachedSql('e')}
       FROM applications a LEFT JOIN application_events e ON e.tenant_id = a.tenant_id AND e.application_id = a.id
       GROUP BY a.tenant_id, a.id`,
      'CREATE INDEX referrals_created ON referrals (tenant_id, created_at)',
    ];
    for (const s of statements) await q.query(s);
    await colocateWithLoans(q, ['application_stages']);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX IF EXISTS referrals_created');
    await q.query('DROP TABLE IF EXISTS application_stages');
  }
}
