import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../src/platform/db/database';
import { tenantTableSql } from '../src/platform/db/rls';

/**
 * Loan products with immutable versions, per-tenant rate-cap rules, and the shared, time-versioned
 * reference rates (CN_LPR_1Y …) that caps are multiples of.
 */
export class ProductsAndPricing1764400000000 implements MigrationInterface {
  name = 'ProductsAndPricing1764400000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      // Shared reference data (a Citus reference table later): every tenant reads, only the operator writes.
      `CREATE TABLE reference_rates (
         name text NOT NULL CHECK (name ~ '^[A-Z][A-Z0-9_]{1,39}$'),
         effective_from date NOT NULL,
         rate numeric(12, 8) NOT NULL CHECK (rate >= 0 AND rate <= 10),
         created_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (name, effective_from)
       )`,
      `ALTER TABLE reference_rates ENABLE ROW LEVEL SECURITY`,
      `CREATE POLICY read_all ON reference_rates FOR SELECT USING (true)`,
      `CREATE POLICY platform_writes ON reference_rates FOR INSERT WITH CHECK (app_is_platform())`,
      `CREATE POLICY platform_updates ON reference_rates FOR UPDATE USING (app_is_platform()) WITH CHECK (app_is_platform())`,
      `GRANT SELECT, INSERT, UPDATE ON reference_rates TO ${APP_ROLE}`,
      // China's one-year Loan Prime Rate, as published by the PBoC / NIFC.
      `INSERT INTO reference_rates (name, effective_from, rate) VALUES
         ('CN_LPR_1Y', '2024-10-21', 0.0310),
         ('CN_LPR_1Y', '2025-05-20', 0.0300)`,

      `CREATE TABLE rate_cap_rules (
         tenant_id uuid NOT NULL REFERENCES tenants (id),
         id uuid NOT NULL,
         jurisdiction text NOT NULL,
         effective_from date NOT NULL,
         kind text NOT NULL CHECK (kind IN ('FIXED', 'MULTIPLE_OF_REFERENCE')),
         rate numeric(12, 8) CHECK (rate >= 0 AND rate <= 10),
         reference_name text,
         multiple numeric(8, 4) CHECK (multiple > 0),
         apr_convention text NOT NULL CHECK (apr_convention IN ('US_REG_Z_ACTUARIAL', 'NOMINAL_IRR', 'EFFECTIVE_ANNUAL')),
         created_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, id),
         UNIQUE (tenant_id, jurisdiction, effective_from),
         CHECK ((kind = 'FIXED' AND rate IS NOT NULL AND reference_name IS NULL AND multiple IS NULL)
             OR (kind = 'MULTIPLE_OF_REFERENCE' AND rate IS NULL AND reference_name IS NOT NULL AND multiple IS NOT NULL))
       )`,
      ...tenantTableSql('rate_cap_rules', { noDelete: true }),

      `CREATE TABLE loan_products (
         tenant_id uuid NOT NULL REFERENCES tenants (id),
         id uuid NOT NULL,
         code text NOT NULL CHECK (code ~ '^[A-Z0-9][A-Z0-9_-]{1,39}$'),
         name text NOT NULL,
         segment text NOT NULL CHECK (segment IN ('CONSUMER', 'SOLE_PROPRIETOR', 'SMALL_BUSINESS', 'AGRICULTURE')),
         currency char(3) NOT NULL,
         revolving boolean NOT NULL,
         status text NOT NULL CHECK (status IN ('ACTIVE', 'ARCHIVED')),
         current_version integer NOT NULL CHECK (current_version >= 1),
         created_at timestamptz NOT NULL DEFAULT now(),
         updated_at timestamptz NOT NULL DEFAULT now(),
         archived_at timestamptz,
         PRIMARY KEY (tenant_id, id),
         UNIQUE (tenant_id, code)
       )`,
      ...tenantTableSql('loan_products', { noDelete: true }),

      // Versions are immutable: the app may insert and read them, never change them.
      `CREATE TABLE loan_product_versions (
         tenant_id uuid NOT NULL,
         product_id uuid NOT NULL,
         version integer NOT NULL CHECK (version >= 1),
         terms jsonb NOT NULL,
         max_apr numeric(12, 8),
         created_at timestamptz NOT NULL DEFAULT now(),
         created_by_type text NOT NULL,
         created_by_id text,
         PRIMARY KEY (tenant_id, product_id, version),
         FOREIGN KEY (tenant_id, product_id) REFERENCES loan_products (tenant_id, id)
       )`,
      ...tenantTableSql('loan_product_versions', { appendOnly: true }),
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['loan_product_versions', 'loan_products', 'rate_cap_rules', 'reference_rates']) await q.query(`DROP TABLE IF EXISTS ${t}`);
  }
}
