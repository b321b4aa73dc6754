import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payouts leave the transaction: a disbursement, commission payout or refund is written as a
 * PENDING `payments` row in the request's transaction, and a job calls the provider after commit.
 * The row now carries what the job needs and where it stands:
 *
 * - `destination`: the Stripe connected account paid (null for the default provider, which pays the
 *   borrower's bank account, read when the job runs so it is never stored in clear here);
 * - `tries` and `next_attempt_at`: provider calls made in this round and when the next one is due
 *   (also the lease of a call in flight: a worker that dies mid-call leaves a row the sweep finds);
 * - `round`: a lender's retry of a FAILED payout starts a new round with a new provider
 *   idempotency key (Stripe replays a key's stored refusal for 24 hours).
 *
 * A disbursement's money is owed to the borrower until the payout succeeds: the liability account
 * DISBURSEMENT_PAYABLE, added to every tenant's chart here (new tenants get it from the default chart).
 */
export class PayoutsOutOfTransaction1766650000000 implements MigrationInterface {
  name = 'PayoutsOutOfTransaction1766650000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `ALTER TABLE payments ADD COLUMN destination text, ADD COLUMN tries integer NOT NULL DEFAULT 0 CHECK (tries >= 0),
         ADD COLUMN round integer NOT NULL DEFAULT 1 CHECK (round >= 1), ADD COLUMN next_attempt_at timestamptz`,
      // What the sweep reads: payouts still to be sent, by when they are due.
      `CREATE INDEX payments_due_payouts ON payments (tenant_id, next_attempt_at)
         WHERE status = 'PENDING' AND provider_ref IS NULL AND next_attempt_at IS NOT NULL`,
      `INSERT INTO ledger_accounts (tenant_id, code, name, type)
       SELECT DISTINCT tenant_id, 'DISBURSEMENT_PAYABLE', 'Disbursements payable (in transit)', 'LIABILITY' FROM ledger_accounts
       ON CONFLICT DO NOTHING`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX IF EXISTS payments_due_payouts');
    await q.query('ALTER TABLE payments DROP COLUMN IF EXISTS destination, DROP COLUMN IF EXISTS tries, DROP COLUMN IF EXISTS round, DROP COLUMN IF EXISTS next_attempt_at');
  }
}
