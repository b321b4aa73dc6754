import { Dec } from '../../../core/money';
import { type LoanState, type LoanTransactionKind, type ServicingTerms, interestSettled, loanStatement, payoffQuote, payoffQuoteAfter, recognisedInterest, replayLoan } from '../../../core/servicing';
import { badInput } from '../../../core/domain-error';
import { isCalendarDate } from '../../../platform/graphql/scalars';
import type { RequestContext } from '../../../platform/tenancy/request-context';
import type { LoanEntity } from '../loan.entity';
import { recognitionDate, termsOf, toReplayInput, unpaidOf } from './replays';
import { type ServicingDeps, today } from './servicing-deps';

/** What servicing answers without writing: the payoff quote, the replayed state, the receivables, a statement. */

/** The payoff quote as of a date (today by default): from the latest snapshot at or before it when snapshots are on. */
export async function quotePayoff(s: ServicingDeps, ctx: RequestContext, loanId: string, asOf?: string | null) {
  const loan = await s.books.byIdOrThrow(ctx, loanId);
  const on = asOf ?? (await today(s, ctx));
  if (!isCalendarDate(on)) throw badInput('asOf', 'a date YYYY-MM-DD');
  if (s.books.snapshotting) {
    const read = await s.books.resumeAt(ctx, loan.id, on);
    const quote = read?.resume ? payoffQuoteAfter(termsOf(loan), loan.schedule, read.resume, toReplayInput(read.transactions), on) : null;
    if (quote) return { asOf: on, ...quote };
  }
  return { asOf: on, ...payoffQuote(termsOf(loan), loan.schedule, toReplayInput(await s.books.transactions(ctx, loan.id)), on) };
}

/** The loan replayed as of a date (today by default), without writing anything. */
export async function replayedState(s: ServicingDeps, ctx: RequestContext, loan: LoanEntity, asOf?: string): Promise<LoanState> {
  return replayLoan(termsOf(loan), loan.schedule, toReplayInput(await s.books.transactions(ctx, loan.id)), asOf ?? (await today(s, ctx)));
}

/**
 * What the books should hold as the loan's receivables, from its replay: principal outstanding,
 * interest recognised (as the nightly run recognises it, through its last date) less paid and
 * waived, penalty owed. A written-off loan holds none.
 */
export function receivableOf(loan: LoanEntity, state: LoanState): { principal: string; interest: string; penalties: string; total: string } {
  const terms = loan.servicingTerms as ServicingTerms;
  const zero = new Dec(0).toFixed(terms.decimals);
  if (loan.status === 'WRITTEN_OFF' || loan.status === 'RESTRUCTURED') return { principal: zero, interest: zero, penalties: zero, total: zero };
  const interest = recognisedInterest(state, loan.disbursementDate!, recognitionDate(loan), terms.decimals, terms.roundingMode).minus(interestSettled(state.installments));
  const total = interest.plus(state.outstanding.principal).plus(state.outstanding.penalties);
  return { principal: state.outstanding.principal, interest: interest.toFixed(terms.decimals), penalties: state.outstanding.penalties, total: total.toFixed(terms.decimals) };
}

/**
 * The statement of a period: what was owed at the end of the day before `from` and at the end of
 * `to`, and every change between them (see core `loanStatement`). A period before the loan started
 * is all zeros.
 */
export async function statementOf(s: ServicingDeps, ctx: RequestContext, loanId: string, from: string, to: string) {
  if (!isCalendarDate(from)) throw badInput('from', 'a date YYYY-MM-DD');
  if (!isCalendarDate(to) || to < from) throw badInput('to', 'a date YYYY-MM-DD not before from');
  const loan = await s.books.byIdOrThrow(ctx, loanId);
  const transactions = (await s.books.transactions(ctx, loanId))
    .filter((t) => t.kind !== 'RECOVERY')
    .map((t) => ({ id: t.id, kind: t.kind as LoanTransactionKind, effectiveDate: t.effectiveDate, amount: new Dec(t.amount).toFixed(), seq: t.seq, note: t.note, status: t.status }));
  const statement = loanStatement(termsOf(loan), loan.schedule, transactions, loan.disbursementDate!, from, to);
  return { loanId, ...statement, due: statement.due.map((i) => ({ ...i, unpaid: unpaidOf(i) })) };
}
