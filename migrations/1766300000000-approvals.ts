import type { MigrationInterface, QueryRunner } from 'typeorm';
import { colocateWithLoans } from '../src/platform/db/citus';
import { tenantTableSql } from '../src/platform/db/rls';

/**
 * Four-eyes on money-moving operations: a tenant's approval policy per operation, the requests a
 * guarded call becomes above its threshold (arguments kept to run exactly that call once approved),
 * and a per-user waiver limit on staff users. Requests are never deleted: they are the evidence.
 */
export class Approvals1766300000000 implements MigrationInterface {
  name = 'Approvals1766300000000';

  async up(q: QueryRunner): Promise<void> {
    const operations = `'writeOffLoan', 'waive', 'reverseTransaction', 'restructureLoan', 'refundCredit', 'disburseLoan', 'reviseLoanProduct', 'activateDecisionConfig', 'setRiskAppetiteLimits'`;
    const statements = [
      `CREATE TABLE approval_policies (
         tenant_id uuid NOT NULL REFERENCES tenants (id),
         operation text NOT NULL CHECK (operation IN (${operations})),
         threshold_amount numeric(18, 4) CHECK (threshold_amount >= 0),
         approver_roles text[] NOT NULL CHECK (cardinality(approver_roles) > 0),
         expires_in_hours integer NOT NULL DEFAULT 72 CHECK (expires_in_hours > 0),
         updated_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, operation)
       )`,
      ...tenantTableSql('approval_policies'),

      `CREATE TABLE approval_requests (
         tenant_id uuid NOT NULL REFERENCES tenants (id),
         id uuid NOT NULL,
         operation text NOT NULL CHECK (operation IN (${operations})),
         arguments jsonb NOT NULL,
         arguments_hash text NOT NULL,
         amount numeric(18, 4),
         currency char(3),
         subject text NOT NULL,
         reason text NOT NULL CHECK (reason IN ('POLICY', 'WAIVER_LIMIT')),
         approver_roles text[] NOT NULL,
         status text NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED', 'EXPIRED', 'FAILED')),
         maker_type text NOT NULL,
         maker_id text,
         created_at timestamptz NOT NULL DEFAULT now(),
         expires_at timestamptz NOT NULL,
         checker_type text,
         checker_id text,
         decided_at timestamptz,
         decision_note text,
         result jsonb,
         error jsonb,
         PRIMARY KEY (tenant_id, id)
       )`,
      // The same call made again while its request is pending finds that request instead of a second one.
      `CREATE UNIQUE INDEX approval_requests_one_pending ON approval_requests (tenant_id, operation, arguments_hash) WHERE status = 'PENDING'`,
      `CREATE INDEX approval_requests_by_status ON approval_requests (tenant_id, status, id DESC)`,
      ...tenantTableSql('approval_requests', { noDelete: true }),

      `ALTER TABLE staff_users ADD COLUMN waiver_limit numeric(18, 4) CHECK (waiver_limit >= 0)`,
    ];
    for (const sql of statements) await q.query(sql);
    await colocateWithLoans(q, ['approval_policies', 'approval_requests']);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE staff_users DROP COLUMN IF EXISTS waiver_limit');
    await q.query('DROP TABLE IF EXISTS approval_requests');
    await q.query('DROP TABLE IF EXISTS approval_policies');
  }
}
