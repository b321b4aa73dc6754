import type { MigrationInterface, QueryRunner } from 'typeorm';
import { colocateWithLoans } from '../src/platform/db/citus';
import { tenantTableSql } from '../src/platform/db/rls';

/**
 * Agent commissions: the lender's plans (versioned like products), the commissions close of
 * business earns from loan events (once per agent, loan, trigger, source and rule), their
 * clawbacks and releases, and how far through the event log the lender's earning has read.
 */
export class Commissions1766760000000 implements MigrationInterface {
  name = 'Commissions1766760000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE commission_plans (
         tenant_id uuid NOT NULL REFERENCES tenants (id),
         id uuid NOT NULL,
         code text NOT NULL,
         version integer NOT NULL,
         is_current boolean NOT NULL,
         definition jsonb NOT NULL,
         source text NOT NULL,
         created_by_type text NOT NULL,
         created_by_id text,
         created_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, id),
         UNIQUE (tenant_id, code, version)
       )`,
      'CREATE UNIQUE INDEX commission_plans_current ON commission_plans (tenant_id, code) WHERE is_current',
      ...tenantTableSql('commission_plans', { noDelete: true }),
      `CREATE TABLE commissions (
         tenant_id uuid NOT NULL REFERENCES tenants (id),
         id uuid NOT NULL,
         agent_id uuid NOT NULL,
         loan_id uuid NOT NULL,
         plan_id uuid NOT NULL,
         rule_index integer NOT NULL,
         kind text NOT NULL CHECK (kind IN ('EARNED', 'OVERRIDE', 'CLAWBACK', 'RELEASE')),
         trigger text NOT NULL CHECK (trigger IN ('DISBURSED', 'FIRST_REPAYMENT', 'EACH_REPAYMENT', 'LOAN_CLOSED')),
         source_ref text NOT NULL,
         business_date date NOT NULL,
         period text NOT NULL CHECK (period ~ '^[0-9]{4}-[0-9]{2}$'),
         base numeric(20, 4) NOT NULL,
         rate numeric(12, 10),
         tier integer NOT NULL DEFAULT 0,
         amount numeric(20, 4) NOT NULL,
         held numeric(20, 4) NOT NULL DEFAULT 0,
         currency text NOT NULL,
         reverses_id uuid,
         journal_entry_id uuid,
         created_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, id),
         UNIQUE (tenant_id, agent_id, loan_id, trigger, source_ref, rule_index, kind)
       )`,
      'CREATE INDEX commissions_agent_period ON commissions (tenant_id, agent_id, period)',
      'CREATE INDEX commissions_loan ON commissions (tenant_id, loan_id)',
      ...tenantTableSql('commissions', { appendOnly: true }),
      `CREATE TABLE commission_cursors (
         tenant_id uuid NOT NULL REFERENCES tenants (id) PRIMARY KEY,
         prev_seq bigint NOT NULL DEFAULT 0,
         last_seq bigint NOT NULL DEFAULT 0,
         updated_at timestamptz NOT NULL DEFAULT now()
       )`,
      ...tenantTableSql('commission_cursors', { noDelete: true }),
      `CREATE TABLE commission_periods (
         tenant_id uuid NOT NULL REFERENCES tenants (id),
         period text NOT NULL CHECK (period ~ '^[0-9]{4}-[0-9]{2}$'),
         closed_at timestamptz NOT NULL DEFAULT now(),
         closed_by_type text NOT NULL,
         closed_by_id text,
         PRIMARY KEY (tenant_id, period)
       )`,
      ...tenantTableSql('commission_periods', { appendOnly: true }),
      // An agent's month of disbursements, for tiers.
      'CREATE INDEX loans_agent_month ON loans (tenant_id, agent_id, disbursement_date) WHERE agent_id IS NOT NULL',
    ];
    for (const sql of statements) await q.query(sql);
    await colocateWithLoans(q, ['commission_plans', 'commissions', 'commission_cursors', 'commission_periods']);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['commission_periods', 'commission_cursors', 'commissions', 'commission_plans']) await q.query(`DROP TABLE IF EXISTS ${t}`);
    await q.query('DROP INDEX IF EXISTS loans_agent_month');
  }
}
