import { addDaysIso, daysBetweenIso } from '../loan-math/calendar';
import { Dec } from '../money';

/** One payment of a settlement agreement's plan. */
export interface SettlementInstalment {
  number: number;
  dueDate: string;
  amount: string;
}

/**
 * A settlement's amount in `count` payments from `from` to `payBy`: equal parts in the currency's
 * minor units (rounded down), the last taking what rounding left; due dates spread evenly over the
 * days, the last on `payBy` (a single payment falls on `payBy`). The plan is what the borrower is
 * told; the agreement is met when the money received from `from` to `payBy` reaches the amount.
 */
export function settlementPlan(amount: string, decimals: number, from: string, payBy: string, count: number): SettlementInstalment[] {
  const total = new Dec(amount);
  const part = total.div(count).toDecimalPlaces(decimals, Dec.ROUND_DOWN);
  const days = daysBetweenIso(from, payBy);
  return Array.from({ length: count }, (_, i) => ({
    number: i + 1,
    dueDate: i === count - 1 ? payBy : addDaysIso(from, Math.round(((i + 1) * days) / count)),
    amount: (i === count - 1 ? total.minus(part.times(count - 1)) : part).toFixed(decimals),
  }));
}
