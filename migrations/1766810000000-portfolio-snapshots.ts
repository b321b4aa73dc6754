import type { MigrationInterface, QueryRunner } from 'typeorm';
import { colocateWithLoans } from '../src/platform/db/citus';
import { tenantTableSql } from '../src/platform/db/rls';

/**
 * Daily portfolio snapshots, written by close of business in one statement per date (GROUPING SETS:
 * the whole book, each dimension alone, and the finest cut), so every portfolio figure reads
 * snapshots, not loans; and the lender's financial assumptions (cost of funds, operating cost) by month.
 */
export class PortfolioSnapshots1766810000000 implements MigrationInterface {
  name = 'PortfolioSnapshots1766810000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      // The scorecard's probability of default, beside the grade (the decision keeps it in its JSON too).
      'ALTER TABLE applications ADD COLUMN pd numeric(12, 10)',
      `UPDATE applications SET pd = (decision -> 'score' ->> 'pd')::numeric WHERE jsonb_typeof(decision -> 'score' -> 'pd') = 'string'`,
      `CREATE TABLE portfolio_snapshots (
         tenant_id uuid NOT NULL REFERENCES tenants (id),
         as_of date NOT NULL,
         -- Which dimensions the row rolls up (bits: product 64, segment 32, region 16, agent 8, grade 4, bucket 2, industry 1; 127: the whole book).
         grouping smallint NOT NULL,
         currency char(3) NOT NULL,
         product_id uuid,
         segment text,
         region text,
         agent_id text,
         grade text,
         bucket text,
         industry text,
         loans integer NOT NULL,
         borrowers integer NOT NULL,
         repeat_borrowers integer NOT NULL,
         gross numeric(20, 4) NOT NULL,
         overdue_principal numeric(20, 4) NOT NULL,
         par1 numeric(20, 4) NOT NULL,
         par30 numeric(20, 4) NOT NULL,
         par90 numeric(20, 4) NOT NULL,
         npl numeric(20, 4) NOT NULL,
         par1_loans integer NOT NULL,
         par30_loans integer NOT NULL,
         par90_loans integer NOT NULL,
         npl_loans integer NOT NULL,
         disbursed_count integer NOT NULL,
         disbursed_amount numeric(20, 4) NOT NULL,
         written_off_count integer NOT NULL,
         written_off numeric(20, 4) NOT NULL,
         recoveries numeric(20, 4) NOT NULL,
         interest_income numeric(20, 4) NOT NULL,
         penalty_income numeric(20, 4) NOT NULL,
         fee_income numeric(20, 4) NOT NULL,
         -- Outstanding principal x the loan's annual rate, and x the decision's probability of default (live loans).
         rate_weighted numeric(28, 10) NOT NULL,
         pd_weighted numeric(28, 10) NOT NULL,
         id bigint GENERATED ALWAYS AS IDENTITY,
         PRIMARY KEY (tenant_id, id)
       )`,
      'CREATE INDEX portfolio_snapshots_read ON portfolio_snapshots (tenant_id, grouping, as_of)',
      'CREATE INDEX portfolio_snapshots_date ON portfolio_snapshots (tenant_id, as_of)',
      // The largest borrower exposures of each date, for borrower concentration.
      `CREATE TABLE portfolio_top_borrowers (
         tenant_id uuid NOT NULL REFERENCES tenants (id),
         as_of date NOT NULL,
         currency char(3) NOT NULL,
         borrower_id uuid NOT NULL,
         loans integer NOT NULL,
         gross numeric(20, 4) NOT NULL,
         PRIMARY KEY (tenant_id, as_of, currency, borrower_id)
       )`,
      ...tenantTableSql('portfolio_top_borrowers'),
      ...tenantTableSql('portfolio_snapshots'),
      // The day's loan entries (write-offs, recoveries, fees) for the snapshot.
      'CREATE INDEX journal_entries_date ON journal_entries (tenant_id, business_date) WHERE loan_id IS NOT NULL',
      // Vintages: each loan's cohort and the first dates it reached 30 and 90 days past due or was written
      // off, and per cohort and months on book how many loans (and how much principal) did so for the first time.
      `CREATE TABLE loan_milestones (
         tenant_id uuid NOT NULL REFERENCES tenants (id),
         loan_id uuid NOT NULL,
         currency char(3) NOT NULL,
         cohort date NOT NULL,
         disbursement_date date NOT NULL,
         principal numeric(20, 4) NOT NULL,
         dpd30_on date,
         dpd90_on date,
         written_off_on date,
         PRIMARY KEY (tenant_id, loan_id)
       )`,
      'CREATE INDEX loan_milestones_cohort ON loan_milestones (tenant_id, disbursement_date)',
      ...tenantTableSql('loan_milestones'),
      `CREATE TABLE vintage_cells (
         tenant_id uuid NOT NULL REFERENCES tenants (id),
         currency char(3) NOT NULL,
         cohort date NOT NULL,
         metric text NOT NULL CHECK (metric IN ('COHORT', 'DPD30_EVER', 'DPD90_EVER', 'WRITTEN_OFF')),
         months_on_book integer NOT NULL,
         loans integer NOT NULL,
         principal numeric(20, 4) NOT NULL,
         PRIMARY KEY (tenant_id, currency, cohort, metric, months_on_book)
       )`,
      ...tenantTableSql('vintage_cells'),
      // Roll rates: every loan's bucket and outstanding principal at each month's end (and the matrices
      // between two month-ends, kept once computed: month-ends never change).
      `CREATE TABLE loan_month_ends (
         tenant_id uuid NOT NULL REFERENCES tenants (id),
         as_of date NOT NULL,
         loan_id uuid NOT NULL,
         currency char(3) NOT NULL,
         bucket text NOT NULL,
         outstanding numeric(20, 4) NOT NULL,
         PRIMARY KEY (tenant_id, as_of, loan_id)
       )`,
      ...tenantTableSql('loan_month_ends'),
      `CREATE TABLE roll_rate_matrices (
         tenant_id uuid NOT NULL REFERENCES tenants (id),
         from_date date NOT NULL,
         to_date date NOT NULL,
         currency char(3) NOT NULL,
         cells jsonb NOT NULL,
         computed_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, from_date, to_date, currency)
       )`,
      ...tenantTableSql('roll_rate_matrices'),
      `CREATE TABLE financial_assumptions (
         tenant_id uuid NOT NULL REFERENCES tenants (id),
         period text NOT NULL CHECK (period ~ '^[0-9]{4}-[0-9]{2}$'),
         cost_of_funds_rate numeric(12, 10) NOT NULL CHECK (cost_of_funds_rate >= 0 AND cost_of_funds_rate <= 1),
         operating_cost_per_loan numeric(20, 4) NOT NULL CHECK (operating_cost_per_loan >= 0),
         set_by_type text NOT NULL,
         set_by_id text,
         updated_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, period)
       )`,
      ...tenantTableSql('financial_assumptions', { noDelete: true }),
    ];
    for (const sql of statements) await q.query(sql);
    await colocateWithLoans(q, ['portfolio_snapshots', 'portfolio_top_borrowers', 'loan_milestones', 'vintage_cells', 'loan_month_ends', 'roll_rate_matrices', 'financial_assumptions']);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX IF EXISTS journal_entries_date');
    await q.query('ALTER TABLE applications DROP COLUMN IF EXISTS pd');
    await q.query('DROP TABLE IF EXISTS portfolio_snapshots, portfolio_top_borrowers, loan_milestones, vintage_cells, loan_month_ends, roll_rate_matrices, financial_assumptions');
  }
}
