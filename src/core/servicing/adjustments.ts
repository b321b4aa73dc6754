import { advanceFirstOpen, AllocationTally, Ledger, minBig, newTally, refresh, reopen, tallyAdd, unpaidFees, unpaidInterest, unpaidPenalty } from './ledger';
import { LoanTransactionKind } from './types';

/*
 * Non-cash transactions: fee charges and waivers.
 */

/**
 * FEE_CHARGE: adds the fee to the instalment due next on or after `day` (the last instalment when all
 * are past due), as a charged fee. Returns the row it landed on.
 */
export function chargeFee(ledger: Ledger, day: number, units: bigint, date: string): number {
  const { rows } = ledger;
  // Rows due on or after `day` start at the first index >= dueCount whose predecessors are all before it.
  let i = ledger.dueCount;
  while (i > 0 && rows[i - 1].dueDay >= day) i--;
  if (i >= rows.length) i = rows.length - 1;
  const r = rows[i];
  r.feesDue += units;
  r.chargedFees += units;
  reopen(ledger, r, date);
  return i;
}

const WAIVED_BUCKET = { FEE_WAIVER: 'fees', PENALTY_WAIVER: 'penalties', INTEREST_WAIVER: 'interest' } as const;

/**
 * FEE_WAIVER / PENALTY_WAIVER / INTEREST_WAIVER: waives unpaid fees / accrued penalties / scheduled
 * interest, oldest instalment first (instalments not yet due included), up to `units`; the unused
 * part is ignored.
 */
export function waive(ledger: Ledger, kind: Exclude<LoanTransactionKind, 'REPAYMENT' | 'FEE_CHARGE' | 'CREDIT_REFUND' | 'SETTLEMENT' | 'SETTLEMENT_DISCOUNT'>, units: bigint, date: string): AllocationTally {
  const tally = newTally();
  const bucket = WAIVED_BUCKET[kind];
  const { rows } = ledger;
  let left = units;
  for (let i = ledger.firstOpen; i < rows.length && left > 0n; i++) {
    const r = rows[i];
    if (r.settled) continue;
    let a: bigint;
    if (kind === 'FEE_WAIVER') {
      a = minBig(left, unpaidFees(r));
      r.feesWaived += a;
    } else if (kind === 'PENALTY_WAIVER') {
      a = minBig(left, unpaidPenalty(ledger, r));
      r.penaltyWaived += a;
    } else {
      a = minBig(left, unpaidInterest(r));
      r.interestWaived += a;
    }
    if (a === 0n) continue;
    left -= a;
    tallyAdd(tally, r, bucket, a);
    refresh(ledger, r, date);
  }
  advanceFirstOpen(ledger);
  return tally;
}
