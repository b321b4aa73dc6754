import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSql } from '../src/platform/db/rls';

/**
 * Origination: borrower personal data (encrypted, with blind indexes), consents, applications and
 * their stage history, collateral, checks, votes, decision configuration, idempotency keys, and the
 * first money movement: loans with their disbursement posted to a double-entry ledger.
 *
 * Every tenant-owned table here sits behind row level security (see tenantTableSql).
 */
export class Origination1764500000000 implements MigrationInterface {
  name = 'Origination1764500000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      // The tenant's data key, wrapped (AES-256-GCM) by the master key from config.
      `CREATE TABLE tenant_keys (
         tenant_id uuid NOT NULL REFERENCES tenants (id),
         wrapped_key text NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id)
       )`,
      ...tenantTableSql('tenant_keys', { appendOnly: true }),

      `ALTER TABLE borrowers
         ALTER COLUMN external_ref DROP NOT NULL,
         ADD COLUMN kind text NOT NULL DEFAULT 'INDIVIDUAL' CHECK (kind IN ('INDIVIDUAL', 'SOLE_PROPRIETOR', 'SMALL_FIRM')),
         ADD COLUMN segment text CHECK (segment IN ('CONSUMER', 'SOLE_PROPRIETOR', 'SMALL_BUSINESS', 'AGRICULTURE')),
         ADD COLUMN full_name text,
         ADD COLUMN date_of_birth date,
         ADD COLUMN national_id_enc text,
         ADD COLUMN national_id_bidx text,
         ADD COLUMN national_id_last4 text,
         ADD COLUMN phone_enc text,
         ADD COLUMN phone_bidx text,
         ADD COLUMN phone_last4 text,
         ADD COLUMN bank_account_enc text,
         ADD COLUMN bank_account_bidx text,
         ADD COLUMN email text,
         ADD COLUMN region text,
         ADD COLUMN address jsonb,
         ADD COLUMN industry text,
         ADD COLUMN monthly_income numeric(18, 4) CHECK (monthly_income >= 0),
         ADD COLUMN monthly_obligations numeric(18, 4) CHECK (monthly_obligations >= 0),
         ADD COLUMN business jsonb,
         ADD COLUMN pseudonymised_at timestamptz,
         ADD COLUMN agent_id text,
         ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`,
      `CREATE INDEX borrowers_national_id_bidx ON borrowers (tenant_id, national_id_bidx)`,
      `CREATE INDEX borrowers_phone_bidx ON borrowers (tenant_id, phone_bidx)`,
      `CREATE INDEX borrowers_bank_bidx ON borrowers (tenant_id, bank_account_bidx)`,

      `CREATE TABLE borrower_consents (
         tenant_id uuid NOT NULL,
         id uuid NOT NULL,
         borrower_id uuid NOT NULL,
         kind text NOT NULL CHECK (kind IN ('BUREAU_PULL', 'DATA_PROCESSING', 'MARKETING')),
         granted boolean NOT NULL,
         text_version text NOT NULL,
         recorded_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, id),
         FOREIGN KEY (tenant_id, borrower_id) REFERENCES borrowers (tenant_id, id)
       )`,
      `CREATE INDEX borrower_consents_borrower ON borrower_consents (tenant_id, borrower_id, kind, recorded_at DESC)`,
      ...tenantTableSql('borrower_consents', { appendOnly: true }),

      // Versioned decision configuration: scorecards and rule sets (DRAFT -> ACTIVE -> RETIRED).
      `CREATE TABLE decision_configs (
         tenant_id uuid NOT NULL REFERENCES tenants (id),
         id uuid NOT NULL,
         kind text NOT NULL CHECK (kind IN ('SCORECARD', 'RULES')),
         name text NOT NULL,
         version integer NOT NULL,
         status text NOT NULL CHECK (status IN ('DRAFT', 'ACTIVE', 'RETIRED')),
         definition jsonb NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now(),
         activated_at timestamptz,
         PRIMARY KEY (tenant_id, id),
         UNIQUE (tenant_id, kind, version)
       )`,
      `CREATE UNIQUE INDEX decision_configs_one_active ON decision_configs (tenant_id, kind) WHERE status = 'ACTIVE'`,
      ...tenantTableSql('decision_configs', { noDelete: true }),

      // One document per policy kind: approval tiers, risk appetite, stage time limits, fraud, offers, contract template.
      `CREATE TABLE tenant_policies (
         tenant_id uuid NOT NULL REFERENCES tenants (id),
         kind text NOT NULL,
         version integer NOT NULL DEFAULT 1,
         definition jsonb NOT NULL,
         updated_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, kind)
       )`,
      ...tenantTableSql('tenant_policies', { noDelete: true }),

      `CREATE TABLE watchlist_entries (
         tenant_id uuid NOT NULL REFERENCES tenants (id),
         id uuid NOT NULL,
         list_name text NOT NULL,
         name text NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, id)
       )`,
      ...tenantTableSql('watchlist_entries'),

      `CREATE TABLE blacklist_entries (
         tenant_id uuid NOT NULL REFERENCES tenants (id),
         id uuid NOT NULL,
         kind text NOT NULL CHECK (kind IN ('NATIONAL_ID', 'PHONE', 'DEVICE', 'BANK_ACCOUNT')),
         value_bidx text NOT NULL,
         reason text NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, id),
         UNIQUE (tenant_id, kind, value_bidx)
       )`,
      ...tenantTableSql('blacklist_entries'),

      `ALTER TABLE staff_users
         ADD COLUMN approval_limit numeric(18, 4) CHECK (approval_limit >= 0),
         ADD COLUMN approval_groups text[] NOT NULL DEFAULT '{}'`,

      `CREATE TABLE applications (
         tenant_id uuid NOT NULL REFERENCES tenants (id),
         id uuid NOT NULL,
         borrower_id uuid NOT NULL,
         product_id uuid NOT NULL,
         product_version integer NOT NULL,
         requested_amount numeric(18, 4) NOT NULL CHECK (requested_amount > 0),
         term_count integer NOT NULL CHECK (term_count > 0),
         frequency text NOT NULL,
         purpose text,
         status text NOT NULL,
         status_entered_at timestamptz NOT NULL,
         source text NOT NULL CHECK (source IN ('STAFF', 'BORROWER', 'AGENT')),
         agent_id text,
         agent_ref text,
         created_by_type text NOT NULL,
         created_by_id text,
         device_id text,
         risk_grade text,
         score integer,
         decision jsonb,
         approval_tier jsonb,
         offer jsonb,
         contract jsonb,
         signature jsonb,
         loan_id uuid,
         version integer NOT NULL DEFAULT 1,
         created_at timestamptz NOT NULL DEFAULT now(),
         updated_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, id),
         FOREIGN KEY (tenant_id, borrower_id) REFERENCES borrowers (tenant_id, id),
         FOREIGN KEY (tenant_id, product_id) REFERENCES loan_products (tenant_id, id),
         FOREIGN KEY (tenant_id, product_id, product_version) REFERENCES loan_product_versions (tenant_id, product_id, version)
       )`,
      `CREATE INDEX applications_status ON applications (tenant_id, status, status_entered_at)`,
      `CREATE INDEX applications_borrower ON applications (tenant_id, borrower_id, created_at)`,
      `CREATE INDEX applications_device ON applications (tenant_id, device_id)`,
      ...tenantTableSql('applications', { noDelete: true }),

      `CREATE TABLE application_events (
         tenant_id uuid NOT NULL,
         application_id uuid NOT NULL,
         seq integer NOT NULL,
         from_status text,
         to_status text NOT NULL,
         at timestamptz NOT NULL,
         actor_type text NOT NULL,
         actor_id text,
         note text,
         PRIMARY KEY (tenant_id, application_id, seq),
         FOREIGN KEY (tenant_id, application_id) REFERENCES applications (tenant_id, id)
       )`,
      ...tenantTableSql('application_events', { appendOnly: true }),

      `CREATE TABLE application_collateral (
         tenant_id uuid NOT NULL,
         id uuid NOT NULL,
         application_id uuid NOT NULL,
         kind text NOT NULL CHECK (kind IN ('GUARANTOR', 'INVENTORY_PLEDGE', 'RECEIVABLES_PLEDGE', 'VEHICLE', 'REAL_ESTATE')),
         description text NOT NULL,
         valuation numeric(18, 4) CHECK (valuation >= 0),
         guarantor_name text,
         document_hashes text[] NOT NULL DEFAULT '{}',
         PRIMARY KEY (tenant_id, id),
         FOREIGN KEY (tenant_id, application_id) REFERENCES applications (tenant_id, id)
       )`,
      ...tenantTableSql('application_collateral', { appendOnly: true }),

      // Provider results kept as evidence: KYC, sanctions, fraud, the bureau snapshot (once per application).
      `CREATE TABLE application_checks (
         tenant_id uuid NOT NULL,
         id uuid NOT NULL,
         application_id uuid NOT NULL,
         kind text NOT NULL CHECK (kind IN ('KYC', 'SANCTIONS', 'FRAUD', 'BUREAU')),
         provider text NOT NULL,
         result jsonb NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, id),
         UNIQUE (tenant_id, application_id, kind),
         FOREIGN KEY (tenant_id, application_id) REFERENCES applications (tenant_id, id)
       )`,
      ...tenantTableSql('application_checks', { appendOnly: true }),

      `CREATE TABLE application_votes (
         tenant_id uuid NOT NULL,
         id uuid NOT NULL,
         application_id uuid NOT NULL,
         voter_id uuid NOT NULL,
         vote text NOT NULL CHECK (vote IN ('APPROVE', 'DECLINE')),
         comment text NOT NULL,
         at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, id),
         UNIQUE (tenant_id, application_id, voter_id),
         FOREIGN KEY (tenant_id, application_id) REFERENCES applications (tenant_id, id),
         FOREIGN KEY (tenant_id, voter_id) REFERENCES staff_users (tenant_id, id)
       )`,
      ...tenantTableSql('application_votes', { appendOnly: true }),

      // Money-moving mutations remember their answer per key, so a retry gets the same answer.
      `CREATE TABLE idempotency_keys (
         tenant_id uuid NOT NULL REFERENCES tenants (id),
         operation text NOT NULL,
         key text NOT NULL CHECK (length(key) BETWEEN 8 AND 200),
         request_hash text NOT NULL,
         result jsonb,
         created_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, operation, key)
       )`,
      ...tenantTableSql('idempotency_keys', { noDelete: true }),

      `CREATE TABLE loans (
         tenant_id uuid NOT NULL,
         id uuid NOT NULL,
         application_id uuid NOT NULL,
         borrower_id uuid NOT NULL,
         product_id uuid NOT NULL,
         product_version integer NOT NULL,
         currency char(3) NOT NULL,
         principal numeric(18, 4) NOT NULL CHECK (principal > 0),
         net_disbursed numeric(18, 4) NOT NULL CHECK (net_disbursed >= 0),
         annual_rate numeric(12, 8) NOT NULL,
         apr numeric(14, 10) NOT NULL,
         schedule jsonb NOT NULL,
         status text NOT NULL CHECK (status IN ('ACTIVE', 'CLOSED', 'WRITTEN_OFF')),
         disbursed_at timestamptz NOT NULL,
         disbursement_ref text NOT NULL,
         agent_id text,
         created_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, id),
         UNIQUE (tenant_id, application_id),
         FOREIGN KEY (tenant_id, application_id) REFERENCES applications (tenant_id, id),
         FOREIGN KEY (tenant_id, borrower_id) REFERENCES borrowers (tenant_id, id),
         FOREIGN KEY (tenant_id, product_id, product_version) REFERENCES loan_product_versions (tenant_id, product_id, version)
       )`,
      `CREATE INDEX loans_borrower ON loans (tenant_id, borrower_id)`,
      ...tenantTableSql('loans', { noDelete: true }),

      `CREATE TABLE ledger_accounts (
         tenant_id uuid NOT NULL REFERENCES tenants (id),
         code text NOT NULL,
         name text NOT NULL,
         type text NOT NULL CHECK (type IN ('ASSET', 'LIABILITY', 'EQUITY', 'INCOME', 'EXPENSE')),
         PRIMARY KEY (tenant_id, code)
       )`,
      ...tenantTableSql('ledger_accounts', { noDelete: true }),
      `CREATE TABLE journal_entries (
         tenant_id uuid NOT NULL REFERENCES tenants (id),
         id uuid NOT NULL,
         kind text NOT NULL,
         business_date date NOT NULL,
         posted_at timestamptz NOT NULL DEFAULT now(),
         loan_id uuid,
         reference text,
         reverses_id uuid,
         PRIMARY KEY (tenant_id, id),
         FOREIGN KEY (tenant_id, loan_id) REFERENCES loans (tenant_id, id)
       )`,
      `CREATE INDEX journal_entries_loan ON journal_entries (tenant_id, loan_id, posted_at)`,
      ...tenantTableSql('journal_entries', { appendOnly: true }),
      `CREATE TABLE journal_lines (
         tenant_id uuid NOT NULL,
         entry_id uuid NOT NULL,
         line_no smallint NOT NULL,
         account_code text NOT NULL,
         debit numeric(18, 4) NOT NULL DEFAULT 0 CHECK (debit >= 0),
         credit numeric(18, 4) NOT NULL DEFAULT 0 CHECK (credit >= 0),
         PRIMARY KEY (tenant_id, entry_id, line_no),
         FOREIGN KEY (tenant_id, entry_id) REFERENCES journal_entries (tenant_id, id),
         FOREIGN KEY (tenant_id, account_code) REFERENCES ledger_accounts (tenant_id, code),
         CHECK ((debit = 0) <> (credit = 0))
       )`,
      ...tenantTableSql('journal_lines', { appendOnly: true }),
      // Debits equal credits for every entry, checked at commit (lines are inserted one by one).
      `CREATE FUNCTION journal_entry_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
         DECLARE d numeric; c numeric;
         BEGIN
           SELECT coalesce(sum(debit), 0), coalesce(sum(credit), 0) INTO d, c
             FROM journal_lines WHERE tenant_id = NEW.tenant_id AND entry_id = NEW.entry_id;
           IF d <> c OR d = 0 THEN
             RAISE EXCEPTION 'journal entry % is not balanced: debits %, credits %', NEW.entry_id, d, c USING ERRCODE = '23514';
           END IF;
           RETURN NULL;
         END $$`,
      `CREATE CONSTRAINT TRIGGER journal_lines_balanced AFTER INSERT ON journal_lines
         DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION journal_entry_balanced()`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['journal_lines', 'journal_entries', 'ledger_accounts', 'loans', 'idempotency_keys', 'application_votes', 'application_checks',
      'application_collateral', 'application_events', 'applications', 'blacklist_entries', 'watchlist_entries', 'tenant_policies', 'decision_configs',
      'borrower_consents', 'tenant_keys']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
    await q.query('DROP FUNCTION IF EXISTS journal_entry_balanced()');
  }
}
