import type { JournalLine } from '../../../core/ledger/journal';
import { Dec } from '../../../core/money';
import {
  type Allocation, type LoanState, type LoanTransaction, type LoanTransactionKind, type ReplaySnapshot, type ResumedReplay, type ServicingTerms,
  payoffQuote, payoffQuoteAfter, replayLoanAfter, replayLoanFrom, resumesAfter,
} from '../../../core/servicing';
import type { RequestContext } from '../../../platform/tenancy/request-context';
import type { LoanEntity } from '../loan.entity';
import type { LoanBook, LoanBooks, TransactionRow } from './loan-books';

/**
 * How servicing replays a loan from its book: from the book's snapshot when it holds, else from the
 * history it holds; the core's replay does the arithmetic.
 */
export class Replays {
  constructor(
    private readonly books: LoanBooks,
    /** Transactions replayed before a snapshot is taken (0: never, and never resumed from). */
    readonly snapshotEvery: number,
  ) {}

  /** The snapshots a replay of a whole history may resume from, the latest that holds (none when snapshots are off). */
  private from(book: { snapshots: { state: ReplaySnapshot | null }[] }): ReplaySnapshot[] {
    return this.snapshotEvery > 0 ? book.snapshots.flatMap((s) => (s.state ? [s.state] : [])) : [];
  }

  /**
   * The book, when it is read from a snapshot that holds for a replay as of `asOf` or later (the
   * same terms, schedule and engine, asOf not before its point); else the loan's whole history.
   */
  async holding(ctx: RequestContext, loan: LoanEntity, book: LoanBook, asOf: string): Promise<LoanBook> {
    if (!book.resume || resumesAfter(termsOf(loan), loan.schedule, book.resume, toReplayInput(book.transactions), asOf)) return book;
    return this.books.readBook(ctx, loan.id, { whole: true });
  }

  /** The loan replayed as of `asOf` from its book (see holding); `snapshotEvery` > 0 takes snapshots. */
  replay(loan: LoanEntity, book: LoanBook, asOf: string, snapshotEvery = 0): ResumedReplay {
    const transactions = toReplayInput(book.transactions);
    if (!book.resume) return replayLoanFrom(termsOf(loan), loan.schedule, transactions, asOf, { from: this.from(book), snapshotEvery });
    const run = replayLoanAfter(termsOf(loan), loan.schedule, book.resume, transactions, asOf, { snapshotEvery });
    if (!run) throw new Error(`loan ${loan.id}: the snapshot checked to hold as of an earlier date does not as of ${asOf}`);
    return run;
  }

  /** The payoff quote as of `asOf` from the book (see replay). */
  quote(loan: LoanEntity, book: LoanBook, asOf: string) {
    const transactions = toReplayInput(book.transactions);
    if (!book.resume) return payoffQuote(termsOf(loan), loan.schedule, transactions, asOf, undefined, this.from(book));
    const quote = payoffQuoteAfter(termsOf(loan), loan.schedule, book.resume, transactions, asOf);
    if (!quote) throw new Error(`loan ${loan.id}: the snapshot checked to hold as of an earlier date does not as of ${asOf}`);
    return quote;
  }
}

/** What is still owed on an instalment, every bucket. */
export function unpaidOf(i: LoanState['installments'][number]): string {
  return new Dec(i.principalDue).minus(i.principalPaid).plus(i.interestDue).minus(i.interestPaid).minus(i.interestWaived)
    .plus(i.feesDue).minus(i.feesPaid).minus(i.feesWaived).plus(i.penaltyDue).minus(i.penaltyPaid).minus(i.penaltyWaived).toFixed(2);
}

/** The loan's servicing terms as the replay needs them: the product's, with the loan's first period start. */
export function termsOf(loan: LoanEntity): ServicingTerms {
  return { ...(loan.servicingTerms as ServicingTerms), disbursementDate: loan.disbursementDate };
}

export function toReplayInput(rows: TransactionRow[]): LoanTransaction[] {
  return rows
    .filter((t) => t.status === 'POSTED' && t.kind !== 'RECOVERY')
    .map((t) => ({ id: t.id, kind: t.kind as LoanTransactionKind, effectiveDate: t.effectiveDate, amount: new Dec(t.amount).toFixed(), seq: t.seq, note: t.note }));
}

export function allocationOf(state: LoanState, transactionId: string): Allocation | null {
  return state.allocations.find((a) => a.transactionId === transactionId) ?? null;
}

/** Whether an allocation comes after a snapshot's point (those before it were posted by an earlier replay). */
export function afterPoint(s: ReplaySnapshot): (a: Allocation) => boolean {
  const boundary = new Set(s.boundary);
  return (a) => a.effectiveDate > s.through.effectiveDate || (a.effectiveDate === s.through.effectiveDate && !boundary.has(a.transactionId));
}

/** Snapshots kept per loan: the latest, and earlier ones to fall back on after a backdated or reversed transaction. */
export const SNAPSHOTS_KEPT = 3;

/** The outstanding bucket each waiver kind waives. */
export const WAIVED: Partial<Record<LoanTransactionKind, 'interest' | 'penalties' | 'fees'>> = { INTEREST_WAIVER: 'interest', PENALTY_WAIVER: 'penalties', FEE_WAIVER: 'fees' };

/** Journal lines of an allocation: money in against the receivables (and the overpayment liability). */
export function linesFor(kind: LoanTransactionKind, a: Allocation): JournalLine[] {
  if (kind === 'CREDIT_REFUND') {
    return new Dec(a.fromCredit).isZero() ? [] : [{ account: 'OVERPAYMENT_LIABILITY', debit: a.fromCredit }, { account: 'CASH_CLEARING', credit: a.fromCredit }];
  }
  if (kind === 'REPAYMENT' || kind === 'SETTLEMENT' || kind === 'SETTLEMENT_DISCOUNT') {
    // A discount is no money in: what it forgives comes from its own expense account, and the fees
    // it forgives (income only when paid) are income and discount at once, so the books show both.
    const cash = new Dec(a.principal).plus(a.interest).plus(a.fees).plus(a.penalties).plus(a.toCredit).minus(a.fromCredit);
    return [
      { account: kind === 'SETTLEMENT_DISCOUNT' ? 'SETTLEMENT_DISCOUNT' : 'CASH_CLEARING', debit: cash.toFixed() },
      { account: 'OVERPAYMENT_LIABILITY', debit: a.fromCredit },
      { account: 'LOAN_PRINCIPAL', credit: a.principal },
      { account: 'INTEREST_RECEIVABLE', credit: a.interest },
      // Fees are income when paid (cash basis); interest and penalties were accrued by the nightly run.
      { account: 'FEE_INCOME', credit: a.fees },
      { account: 'PENALTY_RECEIVABLE', credit: a.penalties },
      { account: 'OVERPAYMENT_LIABILITY', credit: a.toCredit },
    ].filter((l) => !new Dec(l.debit ?? l.credit ?? '0').isZero()) as JournalLine[];
  }
  // Waivers give up accrued income: the income account against the receivable. Fees are recognised
  // only when paid, so waiving one posts nothing.
  const pairs: Record<string, [JournalLine['account'], JournalLine['account'], string]> = {
    INTEREST_WAIVER: ['INTEREST_INCOME', 'INTEREST_RECEIVABLE', a.interest],
    PENALTY_WAIVER: ['PENALTY_INCOME', 'PENALTY_RECEIVABLE', a.penalties],
  };
  const [debit, credit, amount] = pairs[kind] ?? ['SUSPENSE', 'SUSPENSE', '0'];
  return new Dec(amount).isZero() ? [] : [{ account: debit, debit: amount }, { account: credit, credit: amount }];
}

export function reverseLines(lines: JournalLine[]): JournalLine[] {
  return lines.map((l) => ({ account: l.account, debit: l.credit, credit: l.debit }));
}

/** jsonb round-trips drop nothing but may reorder keys; compare as plain JSON values. */
export function normalise(a: Allocation): unknown {
  return JSON.parse(JSON.stringify(a));
}


/** Interest is recognised through the nightly run's last date, or the day the loan became non-accrual. */
export function recognitionDate(loan: LoanEntity): string {
  return loan.nonAccrual && loan.nonAccrualSince ? loan.nonAccrualSince : (loan.lastCobDate ?? loan.disbursementDate!);
}
