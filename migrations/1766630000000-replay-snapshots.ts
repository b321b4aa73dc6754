import type { MigrationInterface, QueryRunner } from 'typeorm';
import { colocateWithLoans } from '../src/platform/db/citus';
import { tenantTableSql } from '../src/platform/db/rls';

/**
 * Snapshots of a loan's replay state (src/core/servicing/snapshot.ts): the whole working ledger right
 * after one transaction, so a repayment on a loan with thousands of transactions replays only those
 * after the latest snapshot that still holds. The point (date, seq) and the count of transactions up
 * to it let one query pick that snapshot; the engine checks the rest (digest, terms, schedule).
 * Derived data: deleting every row only makes the next replay start from disbursement.
 */
export class ReplaySnapshots1766630000000 implements MigrationInterface {
  name = 'ReplaySnapshots1766630000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE loan_replay_snapshots (
         tenant_id uuid NOT NULL,
         loan_id uuid NOT NULL,
         id uuid NOT NULL,
         engine integer NOT NULL,
         through_date date NOT NULL,
         through_seq integer NOT NULL,
         tx_count integer NOT NULL CHECK (tx_count > 0),
         state jsonb NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, id),
         FOREIGN KEY (tenant_id, loan_id) REFERENCES loans (tenant_id, id)
       )`,
      `CREATE INDEX loan_replay_snapshots_loan ON loan_replay_snapshots (tenant_id, loan_id, through_date DESC, through_seq DESC)`,
      ...tenantTableSql('loan_replay_snapshots'),
    ];
    for (const sql of statements) await q.query(sql);
    await colocateWithLoans(q, ['loan_replay_snapshots']);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS loan_replay_snapshots');
  }
}
