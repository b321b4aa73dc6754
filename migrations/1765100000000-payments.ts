import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSql } from '../src/platform/db/rls';

/**
 * Money in and out through a payment provider: each tenant's settings (Stripe keys kept only
 * encrypted), every collection, auto-debit attempt, refund, disbursement and commission payout as a
 * `payments` row, the provider events already processed, auto-debit mandates and payout accounts.
 */
export class Payments1765100000000 implements MigrationInterface {
  name = 'Payments1765100000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE payment_settings (
         tenant_id uuid NOT NULL REFERENCES tenants (id),
         provider text NOT NULL DEFAULT 'MANUAL' CHECK (provider IN ('MANUAL', 'STRIPE')),
         stripe_secret_key_enc text,
         stripe_secret_key_last4 text,
         stripe_webhook_secret_enc text,
         stripe_publishable_key text,
         payment_method_types text[] NOT NULL DEFAULT '{card}',
         retry_delays_days integer[] NOT NULL DEFAULT '{1,3,7}',
         updated_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id)
       )`,
      ...tenantTableSql('payment_settings', { noDelete: true }),

      `CREATE TABLE payments (
         tenant_id uuid NOT NULL,
         id uuid NOT NULL,
         kind text NOT NULL CHECK (kind IN ('COLLECTION', 'AUTO_DEBIT', 'REFUND', 'DISBURSEMENT', 'COMMISSION_PAYOUT')),
         provider text NOT NULL,
         loan_id uuid,
         agent_id text,
         amount numeric(18, 4) NOT NULL CHECK (amount > 0),
         currency char(3) NOT NULL,
         provider_ref text,
         status text NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED', 'REVERSED')),
         attempt integer NOT NULL DEFAULT 1,
         due_date date,
         parent_payment_id uuid,
         idempotency_key text NOT NULL,
         loan_transaction_id uuid,
         journal_entry_id uuid,
         succeeded_on date,
         failed_on date,
         failure_code text,
         failure_message text,
         created_by_type text NOT NULL,
         created_by_id text,
         created_at timestamptz NOT NULL DEFAULT now(),
         updated_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, id),
         UNIQUE (tenant_id, idempotency_key),
         -- A disbursement's row is written before its loan (the payout comes first): checked at commit.
         FOREIGN KEY (tenant_id, loan_id) REFERENCES loans (tenant_id, id) DEFERRABLE INITIALLY DEFERRED,
         FOREIGN KEY (tenant_id, parent_payment_id) REFERENCES payments (tenant_id, id)
       )`,
      `CREATE UNIQUE INDEX payments_provider_ref ON payments (tenant_id, provider_ref) WHERE provider_ref IS NOT NULL AND kind IN ('COLLECTION', 'AUTO_DEBIT')`,
      `CREATE INDEX payments_loan ON payments (tenant_id, loan_id, created_at) WHERE loan_id IS NOT NULL`,
      `CREATE INDEX payments_newest ON payments (tenant_id, created_at DESC, id DESC)`,
      ...tenantTableSql('payments', { noDelete: true }),

      `CREATE TABLE stripe_events (
         tenant_id uuid NOT NULL REFERENCES tenants (id),
         event_id text NOT NULL,
         type text NOT NULL,
         payment_id uuid,
         outcome text NOT NULL DEFAULT 'RECEIVED',
         event_created_at timestamptz NOT NULL,
         received_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, event_id)
       )`,
      ...tenantTableSql('stripe_events', { noDelete: true }),

      `CREATE TABLE auto_debits (
         tenant_id uuid NOT NULL,
         loan_id uuid NOT NULL,
         customer_id text NOT NULL,
         payment_method_id text NOT NULL,
         status text NOT NULL CHECK (status IN ('ACTIVE', 'CANCELLED')),
         created_at timestamptz NOT NULL DEFAULT now(),
         updated_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, loan_id),
         FOREIGN KEY (tenant_id, loan_id) REFERENCES loans (tenant_id, id)
       )`,
      ...tenantTableSql('auto_debits', { noDelete: true }),

      `CREATE TABLE payout_accounts (
         tenant_id uuid NOT NULL REFERENCES tenants (id),
         owner_type text NOT NULL CHECK (owner_type IN ('AGENT', 'BORROWER')),
         owner_id text NOT NULL,
         stripe_account_id text NOT NULL CHECK (stripe_account_id ~ '^acct_[A-Za-z0-9]+$'),
         updated_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, owner_type, owner_id)
       )`,
      ...tenantTableSql('payout_accounts'),

      // The new default account, for tenants whose chart was seeded before it existed.
      `INSERT INTO ledger_accounts (tenant_id, code, name, type)
       SELECT DISTINCT tenant_id, 'COMMISSION_EXPENSE', 'Agent commission expense', 'EXPENSE' FROM ledger_accounts
       ON CONFLICT DO NOTHING`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['payout_accounts', 'auto_debits', 'stripe_events', 'payments', 'payment_settings']) await q.query(`DROP TABLE IF EXISTS ${t}`);
  }
}
