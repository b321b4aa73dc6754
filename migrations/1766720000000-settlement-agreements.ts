import type { MigrationInterface, QueryRunner } from 'typeorm';
import { colocateWithLoans } from '../src/platform/db/citus';
import { tenantTableSql } from '../src/platform/db/rls';

const KINDS = `'REPAYMENT', 'FEE_CHARGE', 'FEE_WAIVER', 'PENALTY_WAIVER', 'INTEREST_WAIVER', 'RECOVERY', 'CREDIT_REFUND', 'SETTLEMENT'`;
const OPERATIONS = `'writeOffLoan', 'waive', 'reverseTransaction', 'restructureLoan', 'refundCredit', 'disburseLoan', 'reviseLoanProduct', 'activateDecisionConfig', 'setRiskAppetiteLimits'`;

/**
 * Settlement agreements: a loan closes for less than it owes once the agreed amount is paid by the
 * agreed date; the rest is a SETTLEMENT_DISCOUNT transaction posted to its own expense account.
 * Offering one beyond the stage's authority is the four-eyes operation `offerSettlement`, a request
 * made for that reason (AUTHORITY) rather than a policy's threshold.
 */
export class SettlementAgreements1766720000000 implements MigrationInterface {
  name = 'SettlementAgreements1766720000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      'ALTER TABLE loan_transactions DROP CONSTRAINT loan_transactions_kind_check',
      `ALTER TABLE loan_transactions ADD CONSTRAINT loan_transactions_kind_check CHECK (kind IN (${KINDS}, 'SETTLEMENT_DISCOUNT'))`,
      `INSERT INTO ledger_accounts (tenant_id, code, name, type)
       SELECT DISTINCT tenant_id, 'SETTLEMENT_DISCOUNT', 'Settlement discounts', 'EXPENSE' FROM ledger_accounts
       ON CONFLICT DO NOTHING`,
      'ALTER TABLE approval_policies DROP CONSTRAINT approval_policies_operation_check',
      `ALTER TABLE approval_policies ADD CONSTRAINT approval_policies_operation_check CHECK (operation IN (${OPERATIONS}, 'offerSettlement'))`,
      'ALTER TABLE approval_requests DROP CONSTRAINT approval_requests_operation_check',
      `ALTER TABLE approval_requests ADD CONSTRAINT approval_requests_operation_check CHECK (operation IN (${OPERATIONS}, 'offerSettlement'))`,
      'ALTER TABLE approval_requests DROP CONSTRAINT approval_requests_reason_check',
      `ALTER TABLE approval_requests ADD CONSTRAINT approval_requests_reason_check CHECK (reason IN ('POLICY', 'WAIVER_LIMIT', 'AUTHORITY'))`,
      `CREATE TABLE loan_settlements (
         tenant_id uuid NOT NULL REFERENCES tenants (id),
         id uuid NOT NULL,
         loan_id uuid NOT NULL,
         case_id uuid,
         amount numeric(20, 4) NOT NULL CHECK (amount > 0),
         owed numeric(20, 4) NOT NULL,
         discount numeric(20, 4) NOT NULL CHECK (discount >= 0),
         instalments jsonb NOT NULL,
         agreed_on date NOT NULL,
         pay_by date NOT NULL CHECK (pay_by >= agreed_on),
         status text NOT NULL CHECK (status IN ('OPEN', 'PAID', 'BROKEN', 'WITHDRAWN')),
         discount_transaction_id uuid,
         closed_on date,
         created_by_type text NOT NULL,
         created_by_id text,
         created_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, id)
       )`,
      `CREATE UNIQUE INDEX loan_settlements_one_open ON loan_settlements (tenant_id, loan_id) WHERE status = 'OPEN'`,
      'CREATE INDEX loan_settlements_case ON loan_settlements (tenant_id, case_id)',
      ...tenantTableSql('loan_settlements', { noDelete: true }),
    ];
    for (const sql of statements) await q.query(sql);
    await colocateWithLoans(q, ['loan_settlements']);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS loan_settlements');
    await q.query("DELETE FROM approval_requests WHERE operation = 'offerSettlement' OR reason = 'AUTHORITY'");
    await q.query("DELETE FROM approval_policies WHERE operation = 'offerSettlement'");
    await q.query('ALTER TABLE approval_requests DROP CONSTRAINT approval_requests_reason_check');
    await q.query(`ALTER TABLE approval_requests ADD CONSTRAINT approval_requests_reason_check CHECK (reason IN ('POLICY', 'WAIVER_LIMIT'))`);
    for (const t of ['approval_policies', 'approval_requests']) {
      await q.query(`ALTER TABLE ${t} DROP CONSTRAINT ${t}_operation_check`);
      await q.query(`ALTER TABLE ${t} ADD CONSTRAINT ${t}_operation_check CHECK (operation IN (${OPERATIONS}))`);
    }
    await q.query('ALTER TABLE loan_transactions DROP CONSTRAINT loan_transactions_kind_check');
    await q.query(`ALTER TABLE loan_transactions ADD CONSTRAINT loan_transactions_kind_check CHECK (kind IN (${KINDS}))`);
  }
}
