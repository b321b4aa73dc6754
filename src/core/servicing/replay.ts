import { penaltyYearBasis } from '../cob/accrue-penalty';
import { formatIsoDate } from '../loan-math/calendar';
import { applyCredit, allocateDiscount, allocateRepayment, allocateSettlement } from './allocation';
import { chargeFee, waive } from './adjustments';
import { formatUnits } from './format';
import { AllocationTally, byRowInOrder, Ledger, newTally, openLedger, Row, penaltyDue, unpaidFees, unpaidInterest, unpaidPenalty, unpaidPrincipal } from './ledger';
import { ServicingInputError } from './errors';
import { ParsedTransaction, parseDay, parseSchedule, parseTerms, parseTransactions } from './parse';
import { accrueTo, assessLateFees, LateFeeEvent } from './penalties';
import { comparePoints, ReplaySnapshot, ResumePoint, restoreLedger, resumeAfter, resumePoint, snapshotBasis, takeSnapshot } from './snapshot';
import { Allocation, BucketTotals, InstallmentState, LoanState, LoanTransaction, LoanTransactionKind, ScheduledInstallment, ServicingTerms } from './types';

/** The replayed ledger and the raw events, before formatting (shared with the payoff quote). */
export interface ReplayResult {
  ledger: Ledger;
  asOfDay: number;
  /** Every allocation, or when resumed from a snapshot only those made after its point. */
  allocations: Allocation[];
  lateFees: LateFeeEvent[];
  /** The snapshot the replay resumed from (null: it replayed from disbursement). */
  resumed: ReplaySnapshot | null;
  /** A snapshot taken after the last transaction applied (see ReplayOptions.snapshotEvery), or null. */
  snapshot: ReplaySnapshot | null;
}

/** Resuming from and taking snapshots of the replay's state. */
export interface ReplayOptions {
  /**
   * Resume from this snapshot when it holds for the inputs (see resumePoint), or from the latest of
   * these that holds; else replay from disbursement.
   */
  from?: ReplaySnapshot | readonly ReplaySnapshot[] | null;
  /**
   * The transactions given are only those after this snapshot's point, and the caller vouches that
   * those at or before it are the ones it was taken over (see resumeAfter). When it does not hold
   * otherwise, there is nothing to replay from: the replay answers null.
   */
  after?: ReplaySnapshot;
  /** Take a snapshot after the last transaction applied when this run applied at least this many (0 or absent: never). */
  snapshotEvery?: number;
}

function toAllocation(ledger: Ledger, id: string, date: string, t: AllocationTally, toCredit: bigint, fromCredit: bigint, source: 'TRANSACTION' | 'CREDIT'): Allocation {
  const d = ledger.terms.decimals;
  const f = (u: bigint) => formatUnits(u, d);
  const byInstallment = byRowInOrder(t).map((e) => ({
    number: ledger.rows[e.index].number,
    principal: f(e.principal),
    interest: f(e.interest),
    fees: f(e.fees),
    penalties: f(e.penalties),
  }));
  return {
    transactionId: id,
    source,
    effectiveDate: date,
    principal: f(t.principal),
    interest: f(t.interest),
    fees: f(t.fees),
    penalties: f(t.penalties),
    toCredit: f(toCredit),
    fromCredit: f(fromCredit),
    // Only when charged, so allocations stored before the field existed compare equal.
    ...(t.collected > 0n ? { prepaymentFee: f(t.collected) } : {}),
    byInstallment,
  };
}

function creditApplication(ledger: Ledger, id: string, date: string, t: AllocationTally | null, out: Allocation[]): void {
  if (!t) return;
  out.push(toAllocation(ledger, id, date, t, 0n, t.principal + t.interest + t.fees + t.penalties, 'CREDIT'));
}

/**
 * Replays the loan into a working ledger. Event days are the due dates, late-fee days and transaction
 * days up to asOf, plus asOf; on each, in order: penalty accrual through the day, late fees assessed
 * that day, instalments falling due (held credit applied to them), then that day's transactions by
 * (seq, id). Transactions dated after asOf are not yet effective and are skipped.
 *
 * Resumed from a snapshot taken after transaction T on day D, the ledger is the one a full replay
 * holds right after T; the steps that open day D already ran (each is a no-op when run again: penalty
 * is accrued through D, D's late fees assessed, D's instalments due), so the replay goes on with the
 * transactions after T and the later days, exactly as the full replay does.
 */
export function replayLedger(terms: ServicingTerms, schedule: ScheduledInstallment[], transactions: LoanTransaction[], asOf: string, opts: ReplayOptions = {}): ReplayResult {
  return replay(terms, schedule, transactions, asOf, { ...opts, after: undefined })!;
}

/** {@link replayLedger} given only the transactions after `after`'s point (see ReplayOptions.after): null when it does not hold. */
export function replayLedgerAfter(
  terms: ServicingTerms, schedule: ScheduledInstallment[], after: ReplaySnapshot, tail: LoanTransaction[], asOf: string, opts: { snapshotEvery?: number } = {},
): ReplayResult | null {
  return replay(terms, schedule, tail, asOf, { snapshotEvery: opts.snapshotEvery, after });
}

function replay(terms: ServicingTerms, schedule: ScheduledInstallment[], transactions: LoanTransaction[], asOf: string, opts: ReplayOptions): ReplayResult | null {
  const parsedTerms = parseTerms(terms);
  const rows = parseSchedule(schedule, parsedTerms.decimals);
  const asOfDay = parseDay(asOf, 'asOf');
  const ledger = openLedger(parsedTerms, rows);
  const every = opts.snapshotEvery ?? 0;
  const basis = opts.from || opts.after || every > 0 ? snapshotBasis(terms, schedule) : '';
  let resume: ResumePoint | null = null;
  const candidates = !opts.from ? [] : Array.isArray(opts.from) ? [...opts.from].sort((a, b) => comparePoints(b.through, a.through)) : [opts.from as ReplaySnapshot];
  for (const c of candidates) if ((resume = resumePoint(c, basis, transactions, asOf, ledger))) break;
  if (opts.after && !(resume = resumeAfter(opts.after, basis, transactions, asOf, ledger))) return null;
  let txs: ParsedTransaction[] | null = null;
  if (resume) {
    try {
      txs = parseTransactions(resume.tail, parsedTerms.decimals);
    } catch (e) {
      // Refused with the field as the caller's list names it: by the full replay.
      if (!(e instanceof ServicingInputError)) throw e;
      if (opts.after) return null;
      resume = null;
    }
  }
  if (!resume || !txs) txs = parseTransactions(transactions, parsedTerms.decimals);
  const fromDay = resume ? parseDay(resume.snapshot.through.effectiveDate, 'snapshot.through.effectiveDate') : -Infinity;
  if (resume) restoreLedger(ledger, resume.snapshot);

  const days = new Set<number>([asOfDay]);
  for (const r of ledger.rows) {
    if (r.dueDay <= asOfDay && r.dueDay >= fromDay) days.add(r.dueDay);
    if (r.lateFeeDay !== null && r.lateFeeDay <= asOfDay && r.lateFeeDay >= fromDay) days.add(r.lateFeeDay);
  }
  let applicable = 0;
  for (const t of txs) {
    if (t.day > asOfDay) continue;
    days.add(t.day);
    applicable++;
  }
  const timeline = [...days].sort((a, b) => a - b);
  // The snapshot point: the last transaction this run applies, when it applies enough of them.
  const snapshotAt = every > 0 && applicable >= every ? txs[applicable - 1] : null;
  let snapshot: ReplaySnapshot | null = null;

  const allocations: Allocation[] = [];
  const lateFees: LateFeeEvent[] = resume ? resume.lateFees : [];
  let next = 0;
  for (const day of timeline) {
    const date = formatIsoDate(day);
    const dayStart = allocations.length;
    accrueTo(ledger, day);
    assessLateFees(ledger, day, lateFees);
    let fellDue = false;
    while (ledger.dueCount < ledger.rows.length && ledger.rows[ledger.dueCount].dueDay <= day) {
      ledger.dueCount++;
      fellDue = true;
    }
    if (fellDue) creditApplication(ledger, `credit:${date}`, date, applyCredit(ledger, date), allocations);
    for (; next < txs.length && txs[next].day === day; next++) {
      const t = txs[next];
      switch (t.kind) {
        case 'REPAYMENT': {
          const { tally, toCredit } = allocateRepayment(ledger, t.units, date, day);
          allocations.push(toAllocation(ledger, t.id, date, tally, toCredit, 0n, 'TRANSACTION'));
          break;
        }
        case 'SETTLEMENT': {
          const { tally, toCredit, fromCredit } = allocateSettlement(ledger, t.units, date, day);
          allocations.push(toAllocation(ledger, t.id, date, tally, toCredit, fromCredit, 'TRANSACTION'));
          break;
        }
        case 'SETTLEMENT_DISCOUNT': {
          const { tally, fromCredit } = allocateDiscount(ledger, t.units, date, day);
          allocations.push(toAllocation(ledger, t.id, date, tally, 0n, fromCredit, 'TRANSACTION'));
          break;
        }
        case 'CREDIT_REFUND': {
          // Money held for the borrower paid back: at most the credit held on that day (a backdated
          // payment can change it, so the refund is clamped rather than refused here).
          const refunded = t.units < ledger.credit ? t.units : ledger.credit;
          ledger.credit -= refunded;
          allocations.push(toAllocation(ledger, t.id, date, newTally(), 0n, refunded, 'TRANSACTION'));
          break;
        }
        case 'FEE_CHARGE': {
          const i = chargeFee(ledger, day, t.units, date);
          if (ledger.rows[i].dueDay <= day) creditApplication(ledger, `credit:${t.id}`, date, applyCredit(ledger, date), allocations);
          break;
        }
        default:
          allocations.push(toAllocation(ledger, t.id, date, waive(ledger, t.kind as Exclude<LoanTransactionKind, 'REPAYMENT' | 'FEE_CHARGE' | 'CREDIT_REFUND' | 'SETTLEMENT' | 'SETTLEMENT_DISCOUNT'>, t.units, date), 0n, 0n, 'TRANSACTION'));
      }
      if (t === snapshotAt) {
        // The day's allocations so far, those before a snapshot resumed on this day included.
        const earlier = resume && resume.snapshot.through.effectiveDate === date ? resume.snapshot.boundary : [];
        const boundary = [...earlier, ...allocations.slice(dayStart).map((a) => a.transactionId)];
        // The digest chains on from the resumed snapshot's: the transactions before its point are not needed.
        const byId = new Map(transactions.map((x) => [x.id, x]));
        snapshot = takeSnapshot(ledger, lateFees, boundary, t, resume ? resume.snapshot : null, txs.slice(0, next + 1).map((x) => byId.get(x.id)!), basis);
      }
    }
  }
  return { ledger, asOfDay, allocations, lateFees, resumed: resume ? resume.snapshot : null, snapshot };
}

function status(r: Row, asOfDay: number): InstallmentState['status'] {
  if (r.settled) return 'PAID';
  if (r.dueDay < asOfDay) return 'OVERDUE';
  if (r.principalPaid + r.interestPaid + r.feesPaid + r.penaltyPaid > 0n) return 'PARTIALLY_PAID';
  return r.dueDay === asOfDay ? 'DUE' : 'FUTURE';
}

function totals(d: number, p: bigint, i: bigint, f: bigint, pen: bigint): BucketTotals {
  return {
    principal: formatUnits(p, d),
    interest: formatUnits(i, d),
    fees: formatUnits(f, d),
    penalties: formatUnits(pen, d),
    total: formatUnits(p + i + f + pen, d),
  };
}

/**
 * Replays a loan's transactions over its schedule and returns its state as of `asOf`.
 *
 * Deterministic: transactions are applied in (effectiveDate, seq, id) order whatever their order in the
 * array, so a backdated transaction is handled by replaying with it included. Pure: no clock, no I/O.
 * Semantics (allocation, overpayment policies, penalty interest, late fees, credit) are in README.md.
 *
 * @throws ServicingInputError for invalid terms, an empty or unordered schedule, or a transaction with a
 *   non-positive amount, too many decimals, an unknown kind, a bad date or a duplicate id.
 */
export function replayLoan(terms: ServicingTerms, schedule: ScheduledInstallment[], transactions: LoanTransaction[], asOf: string): LoanState {
  return stateOf(replayLedger(terms, schedule, transactions, asOf), asOf);
}

/** A replay that may resume from a snapshot and may take one (see {@link replayLoanFrom}). */
export interface ResumedReplay {
  /**
   * The loan as of asOf. When `resumed` is set, `allocations` lists only those made after the
   * snapshot's point: the earlier ones are what the replay that took it made, unchanged since.
   */
  state: LoanState;
  resumed: ReplaySnapshot | null;
  snapshot: ReplaySnapshot | null;
}

/**
 * {@link replayLoan} resumed from `opts.from` when it holds for these inputs (the same engine, terms,
 * schedule and transactions up to its point, asOf not before it), else from disbursement; every
 * figure is what a full replay computes. With `opts.snapshotEvery`, a new snapshot is taken after the
 * last transaction applied when the run applied at least that many.
 */
export function replayLoanFrom(terms: ServicingTerms, schedule: ScheduledInstallment[], transactions: LoanTransaction[], asOf: string, opts: ReplayOptions): ResumedReplay {
  const result = replayLedger(terms, schedule, transactions, asOf, opts);
  return { state: stateOf(result, asOf), resumed: result.resumed, snapshot: result.snapshot };
}

/**
 * Whether {@link replayLoanAfter} resumes for these inputs (rather than answering null), without
 * replaying: a caller checks once at the earliest asOf it will replay to, then replays freely.
 */
export function resumesAfter(terms: ServicingTerms, schedule: ScheduledInstallment[], after: ReplaySnapshot, tail: LoanTransaction[], asOf: string): boolean {
  try {
    const parsedTerms = parseTerms(terms);
    const resume = resumeAfter(after, snapshotBasis(terms, schedule), tail, asOf, openLedger(parsedTerms, parseSchedule(schedule, parsedTerms.decimals)));
    parseDay(asOf, 'asOf');
    if (resume) parseTransactions(resume.tail, parsedTerms.decimals);
    return resume !== null;
  } catch (e) {
    // Refused inputs are refused by the full replay, with its own message.
    if (e instanceof ServicingInputError) return false;
    throw e;
  }
}

/**
 * {@link replayLoanFrom} given only `tail`, the transactions after `after`'s point, for a caller that
 * keeps the history up to the point unchanged while the snapshot exists (so it need not read it).
 * Null when the snapshot does not hold otherwise (engine, terms, schedule, asOf before its point, a
 * transaction of the tail not after it or not well formed): the caller then replays the whole history.
 */
export function replayLoanAfter(
  terms: ServicingTerms, schedule: ScheduledInstallment[], after: ReplaySnapshot, tail: LoanTransaction[], asOf: string, opts: { snapshotEvery?: number } = {},
): ResumedReplay | null {
  const result = replayLedgerAfter(terms, schedule, after, tail, asOf, opts);
  return result && { state: stateOf(result, asOf), resumed: result.resumed, snapshot: result.snapshot };
}

function stateOf({ ledger, asOfDay, allocations, lateFees }: ReplayResult, asOf: string): LoanState {
  const d = ledger.terms.decimals;
  const f = (u: bigint) => formatUnits(u, d);
  // penaltyAcc is in minor units x the rate's numerator (a power-of-ten denominator x the year basis).
  const numeratorScale = (ledger.terms.penaltyPerDay.den / BigInt(penaltyYearBasis(ledger.terms.dayCount))).toString().length - 1;
  const out = { p: 0n, i: 0n, f: 0n, pen: 0n };
  const due = { p: 0n, i: 0n, f: 0n, pen: 0n };
  let oldestRow: Row | null = null;
  const installments: InstallmentState[] = [];
  for (const r of ledger.rows) {
    const p = unpaidPrincipal(r);
    const i = unpaidInterest(r);
    const fe = unpaidFees(r);
    const pen = unpaidPenalty(ledger, r);
    out.p += p;
    out.i += i;
    out.f += fe;
    out.pen += pen;
    if (r.dueDay <= asOfDay) {
      due.p += p;
      due.i += i;
      due.f += fe;
      due.pen += pen;
    }
    if (oldestRow === null && p + i + fe > 0n) oldestRow = r;
    installments.push({
      number: r.number,
      dueDate: r.dueDate,
      principalDue: f(r.principalDue),
      principalPaid: f(r.principalPaid),
      interestDue: f(r.interestDue),
      interestPaid: f(r.interestPaid),
      interestWaived: f(r.interestWaived),
      feesDue: f(r.feesDue),
      feesPaid: f(r.feesPaid),
      feesWaived: f(r.feesWaived),
      penaltyDue: f(penaltyDue(ledger, r)),
      penaltyNumerator: formatUnits(r.penaltyAcc, d + numeratorScale),
      penaltyPaid: f(r.penaltyPaid),
      penaltyWaived: f(r.penaltyWaived),
      status: status(r, asOfDay),
      paidOn: r.paidOn,
      dropped: r.dropped,
    });
  }
  const oldest = oldestRow as Row | null;
  return {
    asOf,
    installments,
    outstanding: totals(d, out.p, out.i, out.f, out.pen),
    overdue: totals(d, due.p, due.i, due.f, due.pen),
    credit: f(ledger.credit),
    dpd: oldest !== null && oldest.dueDay < asOfDay ? asOfDay - oldest.dueDay : 0,
    oldestUnpaidDueDate: oldest === null ? null : oldest.dueDate,
    allocations,
    lateFeesCharged: lateFees.map((e) => ({ number: e.number, date: e.date, amount: f(e.units) })),
    closed: ledger.rows.every((r) => r.settled),
  };
}
