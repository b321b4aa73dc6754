import type { MigrationInterface, QueryRunner } from 'typeorm';
import { colocateWithLoans } from '../src/platform/db/citus';
import { tenantTableSql } from '../src/platform/db/rls';

/**
 * Cross-sell: eligibility rules per kind (versioned), propensity models fitted on the lender's own
 * history (coefficients and calibration), campaigns with their members (treatment and a random
 * control group, each with the pre-approved offer, and the message sent), and each loan's worst days past due observed at
 * close of business (a fact of eligibility and of the model).
 */
export class CrossSell1766820000000 implements MigrationInterface {
  name = 'CrossSell1766820000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      'ALTER TABLE loan_milestones ADD COLUMN max_dpd integer NOT NULL DEFAULT 0',
      `UPDATE loan_milestones m SET max_dpd = CASE WHEN m.dpd90_on IS NOT NULL THEN 90 WHEN m.dpd30_on IS NOT NULL THEN 30 ELSE 0 END`,
      `UPDATE loan_milestones m SET max_dpd = l.dpd FROM loans l WHERE l.tenant_id = m.tenant_id AND l.id = m.loan_id AND l.dpd > m.max_dpd`,
      // Versioned like commission plans (the code is the kind).
      `CREATE TABLE cross_sell_rules (
         tenant_id uuid NOT NULL REFERENCES tenants (id),
         id uuid NOT NULL,
         code text NOT NULL CHECK (code IN ('RENEWAL', 'TOP_UP', 'CREDIT_LINE', 'GRADUATION')),
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
      'CREATE UNIQUE INDEX cross_sell_rules_current ON cross_sell_rules (tenant_id, code) WHERE is_current',
      ...tenantTableSql('cross_sell_rules', { noDelete: true }),
      `CREATE TABLE propensity_models (
         tenant_id uuid NOT NULL REFERENCES tenants (id),
         kind text NOT NULL CHECK (kind IN ('RENEWAL', 'TOP_UP', 'CREDIT_LINE', 'GRADUATION')),
         version integer NOT NULL,
         is_current boolean NOT NULL DEFAULT true,
         model jsonb NOT NULL,
         calibration jsonb NOT NULL,
         sample_size integer NOT NULL,
         positives integer NOT NULL,
         fitted_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, kind, version)
       )`,
      'CREATE UNIQUE INDEX propensity_models_current ON propensity_models (tenant_id, kind) WHERE is_current',
      ...tenantTableSql('propensity_models', { noDelete: true }),
      `CREATE TABLE campaigns (
         tenant_id uuid NOT NULL REFERENCES tenants (id),
         id uuid NOT NULL,
         name text NOT NULL,
         kind text NOT NULL CHECK (kind IN ('RENEWAL', 'TOP_UP', 'CREDIT_LINE', 'GRADUATION')),
         audience jsonb NOT NULL,
         offer jsonb NOT NULL,
         channel text NOT NULL CHECK (channel IN ('SMS', 'EMAIL', 'PUSH')),
         templates jsonb NOT NULL,
         control_share numeric(5, 4) NOT NULL,
         starts_at timestamptz NOT NULL,
         ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
         status text NOT NULL DEFAULT 'SCHEDULED' CHECK (status IN ('SCHEDULED', 'RUNNING', 'ENDED', 'CANCELLED')),
         rule_id uuid,
         model_version integer,
         idempotency_key text,
         created_by_type text NOT NULL,
         created_by_id text,
         created_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, id)
       )`,
      'CREATE UNIQUE INDEX campaigns_idempotency ON campaigns (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL',
      ...tenantTableSql('campaigns', { noDelete: true }),
      `CREATE TABLE campaign_members (
         tenant_id uuid NOT NULL,
         campaign_id uuid NOT NULL,
         borrower_id uuid NOT NULL,
         arm text NOT NULL CHECK (arm IN ('TREATMENT', 'CONTROL')),
         -- The propensity when the campaign was made (null: no model fitted for the kind then).
         score numeric(8, 6),
         offer jsonb NOT NULL,
         locale text NOT NULL,
         message text,
         reached_at timestamptz,
         opened_at timestamptz,
         refused_rule text,
         next_attempt_at timestamptz,
         PRIMARY KEY (tenant_id, campaign_id, borrower_id),
         FOREIGN KEY (tenant_id, campaign_id) REFERENCES campaigns (tenant_id, id),
         FOREIGN KEY (tenant_id, borrower_id) REFERENCES borrowers (tenant_id, id)
       )`,
      'CREATE INDEX campaign_members_borrower ON campaign_members (tenant_id, borrower_id)',
      'CREATE INDEX campaign_members_due ON campaign_members (tenant_id, next_attempt_at) WHERE reached_at IS NULL AND next_attempt_at IS NOT NULL',
      ...tenantTableSql('campaign_members', { noDelete: true }),
    ];
    for (const s of statements) await q.query(s);
    await colocateWithLoans(q, ['cross_sell_rules', 'propensity_models', 'campaigns', 'campaign_members']);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['campaign_members', 'campaigns', 'propensity_models', 'cross_sell_rules']) await q.query(`DROP TABLE IF EXISTS ${t}`);
    await q.query('ALTER TABLE loan_milestones DROP COLUMN IF EXISTS max_dpd');
  }
}
