import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../src/platform/db/database';
import { tenantTableSql } from '../src/platform/db/rls';

/**
 * The platform bills its tenants: each tenant's Stripe Billing customer (set by the operator only),
 * and one usage record per tenant and month (active loans, disbursed volume) with what was sent to
 * Stripe as meter events. Also indexes for matching bank statement references to loans.
 */
export class UsageBilling1765200000000 implements MigrationInterface {
  name = 'UsageBilling1765200000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      // Platform-managed: a tenant reads its own row (its usage job sends to that customer) but only
      // the operator writes it, so no bug in tenant code can point one lender's bill at another.
      `CREATE TABLE tenant_billing (
         tenant_id uuid NOT NULL REFERENCES tenants (id),
         stripe_customer_id text NOT NULL CHECK (stripe_customer_id ~ '^cus_[A-Za-z0-9]{1,100}$'),
         updated_at timestamptz NOT NULL DEFAULT now(),
         updated_by text,
         PRIMARY KEY (tenant_id)
       )`,
      `ALTER TABLE tenant_billing ENABLE ROW LEVEL SECURITY`,
      `CREATE POLICY tenant_billing_read ON tenant_billing FOR SELECT USING (tenant_id = app_current_tenant() OR app_is_platform())`,
      `CREATE POLICY tenant_billing_write ON tenant_billing FOR ALL USING (app_is_platform()) WITH CHECK (app_is_platform())`,
      `GRANT SELECT, INSERT, UPDATE ON tenant_billing TO ${APP_ROLE}`,

      // One row per tenant and month. Values are recomputed until the first meter event goes out;
      // after that the row is what was billed. Volume is in the tenant's base currency (what other
      // currencies disbursed is kept in other_currencies, not billed).
      `CREATE TABLE usage_records (
         tenant_id uuid NOT NULL REFERENCES tenants (id),
         period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
         active_loans integer NOT NULL CHECK (active_loans >= 0),
         loans_disbursed integer NOT NULL CHECK (loans_disbursed >= 0),
         disbursed_volume numeric(20, 4) NOT NULL CHECK (disbursed_volume >= 0),
         currency char(3) NOT NULL,
         other_currencies jsonb NOT NULL DEFAULT '{}'::jsonb,
         computed_at timestamptz NOT NULL,
         stripe_customer_id text,
         active_loans_event_id text,
         active_loans_sent_at timestamptz,
         disbursed_volume_event_id text,
         disbursed_volume_sent_at timestamptz,
         sent_at timestamptz,
         attempts integer NOT NULL DEFAULT 0,
         last_error text,
         last_error_at timestamptz,
         PRIMARY KEY (tenant_id, period)
       )`,
      ...tenantTableSql('usage_records', { noDelete: true }),

      // Bank statement references name loans by disbursement reference or borrower reference, any case.
      `CREATE INDEX loans_disbursement_ref_lower ON loans (tenant_id, lower(disbursement_ref))`,
      `CREATE INDEX borrowers_external_ref_lower ON borrowers (tenant_id, lower(external_ref))`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX IF EXISTS borrowers_external_ref_lower');
    await q.query('DROP INDEX IF EXISTS loans_disbursement_ref_lower');
    await q.query('DROP TABLE IF EXISTS usage_records');
    await q.query('DROP TABLE IF EXISTS tenant_billing');
  }
}
