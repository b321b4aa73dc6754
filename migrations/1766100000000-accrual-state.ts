import type { MigrationInterface, QueryRunner } from 'typeorm';
import { type ServicingTerms, penaltyAccrualState, replayLoan } from '../src/core/servicing';

/** A quotient rounded exactly to `places` in the tenant's mode, as first defined. */
export const roundRatioFunction = (name = 'round_ratio') => `CREATE FUNCTION ${name}(num numeric, den numeric, places integer, mode text) RETURNS numeric LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT (CASE
              WHEN r = 0 OR mode = 'DOWN' THEN q
              WHEN mode = 'UP' THEN q + 1
              WHEN 2 * r > den THEN q + 1
              WHEN 2 * r < den THEN q
              WHEN mode = 'HALF_UP' THEN q + 1
              ELSE q + mod(q, 2)
            END) / power(10::numeric, places)
    FROM (SELECT q, n - q * den AS r FROM (SELECT div(n, den) AS q, n FROM (SELECT num * power(10::numeric, places) AS n) a) b) c $$`;

/**
 * One owner per penalty day, in the currency's precision. The loan carries the exact state of its
 * penalty accrual (per instalment: due date, unpaid principal, the unrounded accrual numerator), the
 * last day accrued and the rounded total charged, so the nightly run continues exactly where a
 * replay left it: it accrues day D only when no replay already did, and posts the change of the
 * rounded total (minor units; the remainder stays in the numerator). `round_ratio` rounds a quotient
 * exactly (numeric division alone stops at a finite scale).
 *
 * Interest follows the replay too: `interest_schedule` holds each instalment's interest as replayed
 * (an advance payment can drop or re-amortise it; NULL: the contract's), which the nightly run accrues
 * by, and `non_accrual_since` the business date a loan stopped accruing (income recognised through it).
 *
 * Active loans get their state from a replay as of their last nightly run (their total: what the
 * ledger was charged so far, so the next run also posts any drift); loans booked later start from
 * their schedule when the run first needs it (penalty_rows NULL).
 */
export class AccrualState1766100000000 implements MigrationInterface {
  name = 'AccrualState1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(roundRatioFunction());
    await q.query(`ALTER TABLE loans
      ADD COLUMN penalty_rows jsonb,
      ADD COLUMN penalty_from date,
      ADD COLUMN penalty_through date,
      ADD COLUMN penalty_total numeric(18, 4) NOT NULL DEFAULT 0,
      ADD COLUMN interest_schedule jsonb,
      ADD COLUMN non_accrual_since date`);
    const loans: { id: string; tenant_id: string; terms: ServicingTerms; schedule: never[]; asof: string }[] = await q.query(
      `SELECT l.tenant_id, l.id, l.servicing_terms AS terms, l.schedule, coalesce(l.last_cob_date, l.disbursement_date)::text AS asof FROM loans l
       WHERE l.status = 'ACTIVE'`);
    for (const l of loans) {
      const txs: { id: string; kind: never; effective_date: string; amount: string; seq: number }[] = await q.query(
        `SELECT id, kind, effective_date::text, amount::text, seq FROM loan_transactions
         WHERE tenant_id = $1 AND loan_id = $2 AND status = 'POSTED' AND kind <> 'RECOVERY' AND effective_date <= $3`, [l.tenant_id, l.id, l.asof]);
      const state = replayLoan(l.terms, l.schedule, txs.map((t) => ({ id: t.id, kind: t.kind, effectiveDate: t.effective_date, amount: t.amount, seq: t.seq })), l.asof);
      const rows = penaltyAccrualState(state.installments);
      // The total is what the ledger was charged so far: the next run posts the difference, drift included.
      await q.query(`UPDATE loans SET penalty_rows = $3, penalty_from = $4, penalty_through = $5,
                       penalty_total = (SELECT coalesce(sum(a.penalty), 0) FROM loan_accruals a WHERE a.tenant_id = $1 AND a.loan_id = $2)
                     WHERE tenant_id = $1 AND id = $2`,
        [l.tenant_id, l.id, JSON.stringify(rows.rows), rows.from, l.asof]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE loans DROP COLUMN penalty_rows, DROP COLUMN penalty_from, DROP COLUMN penalty_through, DROP COLUMN penalty_total,
      DROP COLUMN interest_schedule, DROP COLUMN non_accrual_since`);
    await q.query('DROP FUNCTION IF EXISTS round_ratio(numeric, numeric, integer, text)');
  }
}
