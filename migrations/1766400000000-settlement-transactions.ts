import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A loan transaction may be a SETTLEMENT: money that pays the loan off at its payoff quote (see
 * src/core/servicing README, "Settling a payoff").
 */
export class SettlementTransactions1766400000000 implements MigrationInterface {
  name = 'SettlementTransactions1766400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE loan_transactions DROP CONSTRAINT loan_transactions_kind_check');
    await q.query(`ALTER TABLE loan_transactions ADD CONSTRAINT loan_transactions_kind_check
      CHECK (kind IN ('REPAYMENT', 'FEE_CHARGE', 'FEE_WAIVER', 'PENALTY_WAIVER', 'INTEREST_WAIVER', 'RECOVERY', 'CREDIT_REFUND', 'SETTLEMENT'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE loan_transactions DROP CONSTRAINT loan_transactions_kind_check');
    await q.query(`ALTER TABLE loan_transactions ADD CONSTRAINT loan_transactions_kind_check
      CHECK (kind IN ('REPAYMENT', 'FEE_CHARGE', 'FEE_WAIVER', 'PENALTY_WAIVER', 'INTEREST_WAIVER', 'RECOVERY', 'CREDIT_REFUND'))`);
  }
}
