import { settlementDue } from './allocation';
import { ServicingInputError } from './errors';
import { formatUnits } from './format';
import { parseCharge, parseDay } from './parse';
import { replayLedger, replayLedgerAfter, ReplayResult } from './replay';
import type { ReplaySnapshot } from './snapshot';
import { LoanTransaction, PayoffOptions, PayoffQuote, ScheduledInstallment, ServicingTerms } from './types';

/**
 * What the borrower must pay to close the loan on `asOf` (after replaying every transaction up to asOf).
 *
 * - principal: all unpaid principal.
 * - interest: unpaid interest of instalments due on or before asOf, plus the current (first not yet due)
 *   instalment's interest earned to asOf by actual days elapsed in its period on the principal actually
 *   outstanding (round(interest x elapsed / periodDays) when nothing was prepaid in the period; period
 *   start = previous due date, or the disbursement date for the first instalment), less what was paid
 *   or waived on it. Later instalments' interest is not charged.
 * - fees: unpaid fees of instalments due on or before asOf, plus fees charged (FEE_CHARGE) onto later
 *   instalments; later instalments' scheduled fees are not charged.
 * - penalties: all unpaid penalty interest accrued through asOf.
 * - prepaymentFee: on the principal of instalments not yet due (none when there is none): FLAT, or
 *   PERCENT x that principal, rounded (opts.prepaymentFee, else terms.prepaymentFee).
 * - credit: held credit, deducted; total = the sum of the above - credit, never below 0.
 *
 * A SETTLEMENT of `total` on asOf pays exactly these parts and closes the loan.
 *
 * `from`: a snapshot of the replay to resume from when it holds (see replayLoanFrom); the quote is the same.
 *
 * @throws ServicingInputError as {@link replayLoan}, and when asOf falls before the first due date
 *   without a disbursement date (terms or opts).
 */
export function payoffQuote(
  terms: ServicingTerms,
  schedule: ScheduledInstallment[],
  transactions: LoanTransaction[],
  asOf: string,
  opts?: PayoffOptions,
  from?: ReplaySnapshot | readonly ReplaySnapshot[] | null,
): PayoffQuote {
  return quoteOf(replayLedger(terms, schedule, transactions, asOf, { from }), opts);
}

/**
 * {@link payoffQuote} given only the transactions after `after`'s point (see replayLoanAfter): null
 * when the snapshot does not hold, and the caller quotes from the whole history.
 */
export function payoffQuoteAfter(
  terms: ServicingTerms, schedule: ScheduledInstallment[], after: ReplaySnapshot, tail: LoanTransaction[], asOf: string, opts?: PayoffOptions,
): PayoffQuote | null {
  const result = replayLedgerAfter(terms, schedule, after, tail, asOf);
  return result && quoteOf(result, opts);
}

function quoteOf({ ledger, asOfDay }: ReplayResult, opts?: PayoffOptions): PayoffQuote {
  const { rows, terms: t } = ledger;
  const firstStart = opts ? parseDay(opts.disbursementDate, 'opts.disbursementDate') : null;
  const fee = opts?.prepaymentFee ? parseCharge(opts.prepaymentFee, t.decimals, 'opts.prepaymentFee') : opts && opts.prepaymentFee === null ? null : undefined;
  if (rows[0].periodStart === null && firstStart === null && ledger.dueCount === 0) {
    throw new ServicingInputError('opts.disbursementDate', 'is required when asOf falls before the first due date');
  }
  // The same figures a SETTLEMENT on asOf is allocated by.
  const due = settlementDue(ledger, asOfDay, { firstStart, fee });
  const principal = due.due.principal + due.futurePrincipal;
  const interest = due.due.interest + due.accruedInterest;
  const fees = due.due.fees + due.futureChargedFees;
  const f = (u: bigint) => formatUnits(u, t.decimals);
  return {
    principal: f(principal),
    interest: f(interest),
    fees: f(fees),
    penalties: f(due.due.penalties),
    prepaymentFee: f(due.prepaymentFee),
    credit: f(ledger.credit),
    total: f(due.gross > ledger.credit ? due.gross - ledger.credit : 0n),
    accruedInterest: f(due.accruedInterest),
  };
}
