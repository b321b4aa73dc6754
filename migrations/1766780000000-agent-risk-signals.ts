import type { MigrationInterface, QueryRunner } from 'typeorm';
import { colocateWithLoans } from '../src/platform/db/citus';
import { tenantTableSql } from '../src/platform/db/rls';

/** Fraud signals raised on agents by close of business, once each (an event when raised). */
export class AgentRiskSignals1766780000000 implements MigrationInterface {
  name = 'AgentRiskSignals1766780000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE agent_risk_signals (
         tenant_id uuid NOT NULL REFERENCES tenants (id),
         id uuid NOT NULL,
         agent_id uuid NOT NULL,
         kind text NOT NULL,
         key text NOT NULL,
         detail text NOT NULL,
         raised_on date NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, id),
         UNIQUE (tenant_id, agent_id, key)
       )`,
      ...tenantTableSql('agent_risk_signals', { appendOnly: true }),
    ];
    for (const sql of statements) await q.query(sql);
    await colocateWithLoans(q, ['agent_risk_signals']);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS agent_risk_signals');
  }
}
