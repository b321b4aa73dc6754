import type { MigrationInterface, QueryRunner } from 'typeorm';
import { colocateWithLoans } from '../src/platform/db/citus';
import { tenantTableSql } from '../src/platform/db/rls';

/**
 * Referrals before applications: an agent's (or a borrower's) lead of a person, found again by the
 * person's national-ID blind index; the lender's attribution rules; every borrower's own referral
 * code; and on an application, the referral it came from and the borrower who referred it.
 */
export class Referrals1766770000000 implements MigrationInterface {
  name = 'Referrals1766770000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE referrals (
         tenant_id uuid NOT NULL REFERENCES tenants (id),
         id uuid NOT NULL,
         agent_id uuid,
         referrer_borrower_id uuid,
         national_id_bidx text NOT NULL,
         national_id_last4 text NOT NULL,
         full_name text NOT NULL,
         phone_enc text,
         phone_last4 text,
         product_code text,
         amount numeric(20, 4),
         note text,
         consent_at timestamptz NOT NULL,
         status text NOT NULL CHECK (status IN ('OPEN', 'CONVERTED', 'REJECTED_DUPLICATE', 'REJECTED_RETURNING', 'SUPERSEDED')),
         held_by text,
         borrower_id uuid,
         application_id uuid,
         created_at timestamptz NOT NULL DEFAULT now(),
         updated_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, id),
         CHECK ((agent_id IS NULL) <> (referrer_borrower_id IS NULL))
       )`,
      'CREATE INDEX referrals_person ON referrals (tenant_id, national_id_bidx, created_at)',
      'CREATE INDEX referrals_agent ON referrals (tenant_id, agent_id, created_at)',
      ...tenantTableSql('referrals', { noDelete: true }),
      `CREATE TABLE attribution_rules (
         tenant_id uuid NOT NULL REFERENCES tenants (id) PRIMARY KEY,
         model text NOT NULL CHECK (model IN ('FIRST_TOUCH', 'LAST_TOUCH')),
         window_days integer NOT NULL CHECK (window_days BETWEEN 1 AND 730),
         returning_customer text NOT NULL CHECK (returning_customer IN ('CREDIT', 'NO_CREDIT')),
         updated_at timestamptz NOT NULL DEFAULT now()
       )`,
      ...tenantTableSql('attribution_rules', { noDelete: true }),
      'ALTER TABLE applications ADD COLUMN referral_id uuid, ADD COLUMN referrer_borrower_id uuid',
      `ALTER TABLE borrowers ADD COLUMN referral_code text`,
      `UPDATE borrowers SET referral_code = upper(substr(md5(tenant_id::text || id::text), 1, 10))`,
      `ALTER TABLE borrowers ALTER COLUMN referral_code SET DEFAULT upper(substr(md5(gen_random_uuid()::text), 1, 10)), ALTER COLUMN referral_code SET NOT NULL`,
      'CREATE UNIQUE INDEX borrowers_referral_code ON borrowers (tenant_id, referral_code)',
    ];
    for (const sql of statements) await q.query(sql);
    await colocateWithLoans(q, ['referrals', 'attribution_rules']);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS referrals');
    await q.query('DROP TABLE IF EXISTS attribution_rules');
    await q.query('ALTER TABLE applications DROP COLUMN referral_id, DROP COLUMN referrer_borrower_id');
    await q.query('ALTER TABLE borrowers DROP COLUMN referral_code');
  }
}
