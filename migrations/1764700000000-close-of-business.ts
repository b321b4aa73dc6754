import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSql } from '../src/platform/db/rls';

/** Rounding of a NUMERIC to `places` in the tenant's mode, in SQL (Postgres round() is half-up only), as first defined. */
export const roundMoneyFunction = (name = 'round_money') => `CREATE FUNCTION ${name}(x numeric, places integer, mode text) RETURNS numeric LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
   SELECT sign(x) * (CASE
            WHEN mode = 'DOWN' THEN trunc(v)
            WHEN mode = 'UP' THEN ceil(v)
            WHEN v - trunc(v) > 0.5 THEN trunc(v) + 1
            WHEN v - trunc(v) < 0.5 THEN trunc(v)
            WHEN mode = 'HALF_UP' THEN trunc(v) + 1
            ELSE trunc(v) + (trunc(v) % 2)
          END) / power(10::numeric, places)
   FROM (SELECT abs(x) * power(10::numeric, places) AS v) s $$`;

/**
 * Close of business: the per-loan accrual state the nightly run advances set-based, the accrual
 * sub-ledger (one row per loan and business date, summarised into one journal entry per run), and
 * the runs themselves (resumable: work is committed chunk by chunk and never done twice).
 *
 * Every tenant-owned table here sits behind row level security (see tenantTableSql).
 */
export class CloseOfBusiness1764700000000 implements MigrationInterface {
  name = 'CloseOfBusiness1764700000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      roundMoneyFunction(),
      `ALTER TABLE loans
         ADD COLUMN accrual_index integer NOT NULL DEFAULT 0,
         ADD COLUMN accrual_period_start date,
         ADD COLUMN accrual_period_end date,
         ADD COLUMN accrual_period_interest numeric(18, 4) NOT NULL DEFAULT 0,
         ADD COLUMN accrued_in_period numeric(18, 4) NOT NULL DEFAULT 0,
         ADD COLUMN overdue_principal numeric(18, 4) NOT NULL DEFAULT 0,
         ADD COLUMN next_unpaid_principal numeric(18, 4) NOT NULL DEFAULT 0,
         ADD COLUMN next_unpaid_total numeric(18, 4) NOT NULL DEFAULT 0,
         ADD COLUMN penalty_rate numeric(12, 8) NOT NULL DEFAULT 0,
         ADD COLUMN money_decimals smallint NOT NULL DEFAULT 2,
         ADD COLUMN rounding_mode text NOT NULL DEFAULT 'HALF_EVEN',
         ADD COLUMN non_accrual boolean NOT NULL DEFAULT false,
         ADD COLUMN last_cob_date date`,
      `CREATE INDEX loans_cob ON loans (tenant_id, status, last_cob_date)`,

      // TRUE_UP rows bring the accrued penalties in line with the exact replay after a transaction.
      `CREATE TABLE loan_accruals (
         tenant_id uuid NOT NULL,
         id uuid NOT NULL DEFAULT gen_random_uuid(),
         loan_id uuid NOT NULL,
         business_date date NOT NULL,
         kind text NOT NULL DEFAULT 'COB' CHECK (kind IN ('COB', 'TRUE_UP')),
         interest numeric(18, 4) NOT NULL DEFAULT 0,
         penalty numeric(18, 4) NOT NULL DEFAULT 0,
         journal_entry_id uuid,
         PRIMARY KEY (tenant_id, id),
         FOREIGN KEY (tenant_id, loan_id) REFERENCES loans (tenant_id, id)
       )`,
      `CREATE UNIQUE INDEX loan_accruals_one_cob ON loan_accruals (tenant_id, loan_id, business_date) WHERE kind = 'COB'`,
      `CREATE INDEX loan_accruals_date ON loan_accruals (tenant_id, business_date)`,
      `CREATE INDEX loan_accruals_loan ON loan_accruals (tenant_id, loan_id)`,
      ...tenantTableSql('loan_accruals', { appendOnly: true }),

      `CREATE TABLE cob_runs (
         tenant_id uuid NOT NULL REFERENCES tenants (id),
         business_date date NOT NULL,
         status text NOT NULL CHECK (status IN ('RUNNING', 'COMPLETED')),
         loans_processed integer NOT NULL DEFAULT 0,
         chunks_done integer NOT NULL DEFAULT 0,
         journal_entry_id uuid,
         started_at timestamptz NOT NULL DEFAULT now(),
         finished_at timestamptz,
         PRIMARY KEY (tenant_id, business_date)
       )`,
      ...tenantTableSql('cob_runs', { noDelete: true }),
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS cob_runs');
    await q.query('DROP TABLE IF EXISTS loan_accruals');
    await q.query('DROP FUNCTION IF EXISTS round_money(numeric, integer, text)');
  }
}
