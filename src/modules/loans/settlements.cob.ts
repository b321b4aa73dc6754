import type { CobWriter } from '../../core/cob';

/**
 * Settlement agreements in close of business, set-based in the partition's statement: an open
 * agreement whose last day has passed without the money is BROKEN (a `loan.settlement_broken` event;
 * the loan goes on owing everything, and collections resume).
 */
export const settlementsCobWriter: CobWriter = {
  name: 'settlements',
  // An open settlement may be broken tonight (its pay-by date passed).
  engages: (l) => `EXISTS (SELECT 1 FROM loan_settlements os WHERE os.tenant_id = ${l}.tenant_id AND os.loan_id = ${l}.id AND os.status = 'OPEN')`,
  ctes: (written) => `
settlement_broken AS (
  UPDATE loan_settlements s SET status = 'BROKEN', closed_on = $2::date
  FROM ${written} w
  WHERE s.tenant_id = w.tenant_id AND s.loan_id = w.id AND s.status = 'OPEN' AND s.pay_by < $2::date
  RETURNING s.tenant_id, s.id, s.loan_id, s.case_id, s.amount, s.pay_by
),
settlement_broken_events AS (
  INSERT INTO loan_events (tenant_id, id, loan_id, kind, business_date, data)
  SELECT tenant_id, gen_random_uuid(), loan_id, 'SETTLEMENT_BROKEN', $2::date,
         jsonb_build_object('settlementId', id, 'caseId', case_id, 'amount', amount::text, 'payBy', pay_by)
  FROM settlement_broken
  RETURNING 1
)`,
};
