import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSql } from '../src/platform/db/rls';

/**
 * The nightly run of a tenant and date, split into partitions (loan id ranges) that any number of
 * workers process in parallel: each partition is claimed under a row lock and marked DONE in the
 * transaction that did its work, so it runs exactly once; the date completes when all are DONE.
 */
export class CobPartitions1765400000000 implements MigrationInterface {
  name = 'CobPartitions1765400000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE cob_partitions (
         tenant_id uuid NOT NULL,
         business_date date NOT NULL,
         partition_no integer NOT NULL,
         lo uuid NOT NULL,
         hi uuid NOT NULL,
         status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DONE')),
         loans integer NOT NULL DEFAULT 0,
         accruals integer NOT NULL DEFAULT 0,
         events integer NOT NULL DEFAULT 0,
         worker text,
         finished_at timestamptz,
         PRIMARY KEY (tenant_id, business_date, partition_no),
         FOREIGN KEY (tenant_id, business_date) REFERENCES cob_runs (tenant_id, business_date)
       )`,
      ...tenantTableSql('cob_partitions', { noDelete: true }),
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS cob_partitions');
  }
}
