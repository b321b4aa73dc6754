import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSql } from '../src/platform/db/rls';

/**
 * Servicing: a loan's transactions (repayments, fees, waivers, reversals) and the postings derived
 * from replaying them, plus the loan's current servicing state (DPD, bucket, outstanding) kept on
 * the loan row for queries and the nightly run.
 *
 * Every tenant-owned table here sits behind row level security (see tenantTableSql).
 */
export class Servicing1764600000000 implements MigrationInterface {
  name = 'Servicing1764600000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `ALTER TABLE loans
         ADD COLUMN servicing_terms jsonb,
         ADD COLUMN disbursement_date date,
         ADD COLUMN dpd integer NOT NULL DEFAULT 0,
         ADD COLUMN bucket text NOT NULL DEFAULT 'CURRENT',
         ADD COLUMN principal_outstanding numeric(18, 4),
         ADD COLUMN total_outstanding numeric(18, 4),
         ADD COLUMN overdue_total numeric(18, 4) NOT NULL DEFAULT 0,
         ADD COLUMN credit_balance numeric(18, 4) NOT NULL DEFAULT 0,
         ADD COLUMN next_due_date date,
         ADD COLUMN oldest_unpaid_due_date date,
         ADD COLUMN next_tx_seq integer NOT NULL DEFAULT 1,
         ADD COLUMN state_version integer NOT NULL DEFAULT 0,
         ADD COLUMN closed_at timestamptz`,
      `CREATE INDEX loans_status_bucket ON loans (tenant_id, status, bucket)`,

      `CREATE TABLE loan_transactions (
         tenant_id uuid NOT NULL,
         id uuid NOT NULL,
         loan_id uuid NOT NULL,
         seq integer NOT NULL,
         kind text NOT NULL CHECK (kind IN ('REPAYMENT', 'FEE_CHARGE', 'FEE_WAIVER', 'PENALTY_WAIVER', 'INTEREST_WAIVER', 'RECOVERY', 'CREDIT_REFUND')),
         effective_date date NOT NULL,
         amount numeric(18, 4) NOT NULL CHECK (amount > 0),
         method text,
         reference text,
         note text,
         status text NOT NULL DEFAULT 'POSTED' CHECK (status IN ('POSTED', 'REVERSED')),
         reversed_at timestamptz,
         reversal_reason text,
         created_by_type text NOT NULL,
         created_by_id text,
         created_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, id),
         UNIQUE (tenant_id, loan_id, seq),
         FOREIGN KEY (tenant_id, loan_id) REFERENCES loans (tenant_id, id)
       )`,
      `CREATE INDEX loan_transactions_loan ON loan_transactions (tenant_id, loan_id, effective_date, seq)`,
      ...tenantTableSql('loan_transactions', { noDelete: true }),

      // What each allocation of the replay has been posted as; a replay that changes an allocation
      // reverses the old journal entry and posts the new one (the ledger itself stays append-only).
      `CREATE TABLE loan_postings (
         tenant_id uuid NOT NULL,
         loan_id uuid NOT NULL,
         posting_key text NOT NULL,
         allocation jsonb NOT NULL,
         journal_entry_id uuid NOT NULL,
         PRIMARY KEY (tenant_id, loan_id, posting_key),
         FOREIGN KEY (tenant_id, loan_id) REFERENCES loans (tenant_id, id),
         FOREIGN KEY (tenant_id, journal_entry_id) REFERENCES journal_entries (tenant_id, id)
       )`,
      ...tenantTableSql('loan_postings'),

      `CREATE TABLE loan_events (
         tenant_id uuid NOT NULL,
         id uuid NOT NULL,
         loan_id uuid NOT NULL,
         kind text NOT NULL,
         business_date date NOT NULL,
         data jsonb NOT NULL DEFAULT '{}'::jsonb,
         created_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, id),
         FOREIGN KEY (tenant_id, loan_id) REFERENCES loans (tenant_id, id)
       )`,
      `CREATE INDEX loan_events_loan ON loan_events (tenant_id, loan_id, created_at)`,
      ...tenantTableSql('loan_events', { appendOnly: true }),
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['loan_events', 'loan_postings', 'loan_transactions']) await q.query(`DROP TABLE IF EXISTS ${t}`);
  }
}
