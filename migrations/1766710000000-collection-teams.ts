import type { MigrationInterface, QueryRunner } from 'typeorm';
import { colocateWithLoans } from '../src/platform/db/citus';
import { tenantTableSql } from '../src/platform/db/rls';

/** Collection teams: who works a team's cases (staff users or API keys) and how many open cases each may hold. */
export class CollectionTeams1766710000000 implements MigrationInterface {
  name = 'CollectionTeams1766710000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE collection_teams (
         tenant_id uuid NOT NULL REFERENCES tenants (id),
         team text NOT NULL,
         members text[] NOT NULL,
         capacity integer NOT NULL CHECK (capacity > 0),
         updated_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, team)
       )`,
      ...tenantTableSql('collection_teams'),
    ];
    for (const sql of statements) await q.query(sql);
    await colocateWithLoans(q, ['collection_teams']);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS collection_teams');
  }
}
