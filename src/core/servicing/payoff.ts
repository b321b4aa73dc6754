import { divRoundNonNegBig } from '../money/integer-rounding';
import { ServicingInputError } from './errors';
import { formatUnits } from './format';
import { unpaidChargedFees, unpaidFees, unpaidInterest, unpaidPenalty, unpaidPrincipal } from './ledger';
import { ParsedCharge, parseCharge, parseDay } from './parse';
import { replayLedger } from './replay';
import { LoanTransaction, PayoffOptions, PayoffQuote, ScheduledInstallment, ServicingTerms } from './types';

/**
 * What the borrower must pay to close the loan on `asOf` (after replaying every transaction up to asOf).
 *
 * - principal: all unpaid principal.
 * - interest: unpaid interest of instalments due on or before asOf, plus the current (first not yet due)
 *   instalment's scheduled interest pro rata by actual days elapsed in its period
 *   (round(interest x elapsed / periodDays), terms' rounding; period start = previous due date, or
 *   opts.disbursementDate for the first instalment), less what was paid or waived on it. Later
 *   instalments' interest is not charged (scheduled interest is fixed, so nothing else accrues).
 * - fees: unpaid fees of instalments due on or before asOf, plus fees charged (FEE_CHARGE) onto later
 *   instalments; later instalments' scheduled fees are not charged.
 * - penalties: all unpaid penalty interest accrued through asOf.
 * - prepaymentFee: on the principal of instalments not yet due (none when there is none): FLAT, or
 *   PERCENT x that principal, rounded.
 * - credit: held credit, deducted; total = the sum of the above - credit, never below 0.
 *
 * @throws ServicingInputError as {@link replayLoan}, and when asOf falls before the first due date
 *   without opts.disbursementDate.
 */
export function payoffQuote(
  terms: ServicingTerms,
  schedule: ScheduledInstallment[],
  transactions: LoanTransaction[],
  asOf: string,
  opts?: PayoffOptions,
): PayoffQuote {
  const { ledger, asOfDay } = replayLedger(terms, schedule, transactions, asOf);
  const { rows, terms: t } = ledger;
  const disbursementDay = opts ? parseDay(opts.disbursementDate, 'opts.disbursementDate') : null;
  let fee: ParsedCharge | null = null;
  if (opts?.prepaymentFee) fee = parseCharge(opts.prepaymentFee, t.decimals, 'opts.prepaymentFee');

  let principal = 0n;
  let futurePrincipal = 0n;
  let interest = 0n;
  let fees = 0n;
  let penalties = 0n;
  let accrued = 0n;
  rows.forEach((r, idx) => {
    const p = unpaidPrincipal(r);
    principal += p;
    penalties += unpaidPenalty(ledger, r);
    if (r.dueDay <= asOfDay) {
      interest += unpaidInterest(r);
      fees += unpaidFees(r);
      return;
    }
    futurePrincipal += p;
    fees += unpaidChargedFees(r);
    if (idx !== ledger.dueCount) return;
    // The current period: interest earned so far.
    let start: number;
    if (idx > 0) start = rows[idx - 1].dueDay;
    else if (disbursementDay !== null) start = disbursementDay;
    else throw new ServicingInputError('opts.disbursementDate', 'is required when asOf falls before the first due date');
    const period = r.dueDay - start;
    const elapsed = Math.min(Math.max(asOfDay - start, 0), Math.max(period, 0));
    const earned = period > 0 ? divRoundNonNegBig(r.interestDue * BigInt(elapsed), BigInt(period), t.mode) : 0n;
    const owed = earned - r.interestPaid - r.interestWaived;
    if (owed > 0n) accrued = owed;
  });

  let prepaymentFee = 0n;
  if (fee && futurePrincipal > 0n) {
    prepaymentFee = fee.kind === 'FLAT' ? fee.units : divRoundNonNegBig(futurePrincipal * fee.rate.num, fee.rate.den, t.mode);
  }
  interest += accrued;
  const gross = principal + interest + fees + penalties + prepaymentFee;
  const f = (u: bigint) => formatUnits(u, t.decimals);
  return {
    principal: f(principal),
    interest: f(interest),
    fees: f(fees),
    penalties: f(penalties),
    prepaymentFee: f(prepaymentFee),
    credit: f(ledger.credit),
    total: f(gross > ledger.credit ? gross - ledger.credit : 0n),
    accruedInterest: f(accrued),
  };
}
