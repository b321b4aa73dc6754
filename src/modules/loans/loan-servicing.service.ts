import { isDeepStrictEqual } from 'node:util';
import type { EntityManager } from 'typeorm';
import { handOff } from '../../core/cob';
import { type AccountMapping, type JournalLine, loanAccountMapping } from '../../core/ledger/journal';
import { Dec } from '../../core/money';
import {
  type Allocation, DEFAULT_BUCKETS, type LoanState, type LoanTransaction, type LoanTransactionKind, type ReplaySnapshot, type ResumedReplay, type ServicingTerms,
  REPLAY_ENGINE_VERSION, bucketFor, delinquencyDate, dpdAt, interestSettled, loanStatement, payoffQuote, payoffQuoteAfter,
  recognisedInterest, replayLoan, replayLoanAfter, replayLoanFrom, resumesAfter,
} from '../../core/servicing';
import { uuidv7 } from '../../platform/db/ids';
import { type KeyClaim, once } from '../../platform/db/idempotency';
import { queryPrepared } from '../../platform/db/prepared';
import { SqlBatch, shiftPlaceholders } from '../../platform/db/sql-batch';
import { SqlWhere } from '../../platform/db/sql-where';
import { type Connection, type PageArgs, decodeCursor, pageSize, toConnection } from '../../platform/graphql/connection';
import { badInput, conflict, notFound } from '../../core/domain-error';
import { isCalendarDate } from '../../platform/graphql/scalars';
import { todayIn } from '../../platform/tenancy/business-date';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { AuditService } from '../../platform/audit/audit.service';
import type { LedgerService } from '../ledger';
import type { TenantService } from '../tenancy';
import { LoanEntity, type LoanStatus } from './loan.entity';
import { LoanEvents, recordLoanEvent } from './loan-events';
import { LOAN_COLUMNS, type LoanColumn } from './loan.mapper';

/** A loan as a list reads it: the columns asked for, named as in LOAN_COLUMNS. */
export type LoanRow = Partial<Record<LoanColumn, unknown>> & { id: string };


export interface TransactionRow {
  id: string;
  loanId: string;
  seq: number;
  kind: LoanTransactionKind | 'RECOVERY';
  effectiveDate: string;
  amount: string;
  method: string | null;
  reference: string | null;
  note: string | null;
  status: 'POSTED' | 'REVERSED';
  reversedAt: Date | null;
  reversalReason: string | null;
  createdAt: Date;
}

export interface LoanFilter {
  status?: LoanStatus | null;
  bucket?: string | null;
  dpdMin?: number | null;
  productId?: string | null;
  borrowerId?: string | null;
  agentId?: string | null;
}

/**
 * Servicing a loan: every transaction is stored, then the loan is replayed from its schedule and
 * all its transactions in effective-date order (so a backdated one lands where it belongs), and the
 * ledger is brought in line with the replay: an allocation that changed is reversed and re-posted.
 * The loan row is locked for the whole operation, so concurrent payments queue rather than race.
 *
 * A change replays from the latest snapshot of the replay's state before its date instead of from
 * disbursement, reading only that snapshot and the transactions and postings after its point: the
 * database keeps every stored snapshot true to the history (a trigger on loan_transactions deletes
 * those at or after a transaction written, reversed or changed before them), so nothing before the
 * point is read. When the snapshot does not hold otherwise (other terms or schedule, another engine),
 * the whole history is read and replayed as before. A new snapshot is taken after every
 * `snapshotEvery` transactions replayed. The payoff quote reads the same way.
 */
export class LoanServicingService {
  constructor(
    private readonly deps: {
      tenants: TenantService; ledger: LedgerService; audit: AuditService; limits: { defaultPageSize: number; maxPageSize: number };
      /** Transactions replayed before a snapshot is taken (0: never, and never resumed from). */
      snapshotEvery?: number;
    },
  ) {}

  /** Whether replays resume from snapshots and take them. */
  private get snapshotting(): boolean {
    return (this.deps.snapshotEvery ?? 0) > 0;
  }

  /** The snapshots a replay of a whole history may resume from, the latest that holds (none when snapshots are off). */
  private from(book: { snapshots: StoredSnapshot[] }): ReplaySnapshot[] {
    return this.snapshotting ? book.snapshots.flatMap((s) => (s.state ? [s.state] : [])) : [];
  }

  /**
   * The book, when it is read from a snapshot that holds for a replay as of `asOf` or later (the
   * same terms, schedule and engine, asOf not before its point); else the loan's whole history.
   */
  private async holding(ctx: RequestContext, loan: LoanEntity, book: LoanBook, asOf: string): Promise<LoanBook> {
    if (!book.resume || resumesAfter(termsOf(loan), loan.schedule, book.resume, toReplayInput(book.transactions), asOf)) return book;
    return this.readBook(ctx, loan.id, { whole: true });
  }

  /** The loan replayed as of `asOf` from its book: from the book's snapshot (see holding) or from the history it holds. */
  private replay(loan: LoanEntity, book: LoanBook, asOf: string, snapshotEvery = 0): ResumedReplay {
    const transactions = toReplayInput(book.transactions);
    if (!book.resume) return replayLoanFrom(termsOf(loan), loan.schedule, transactions, asOf, { from: this.from(book), snapshotEvery });
    const run = replayLoanAfter(termsOf(loan), loan.schedule, book.resume, transactions, asOf, { snapshotEvery });
    if (!run) throw new Error(`loan ${loan.id}: the snapshot checked to hold as of an earlier date does not as of ${asOf}`);
    return run;
  }

  async recordRepayment(ctx: RequestContext, input: { loanId: string; amount: string; paidAt: string; method: string; reference?: string | null; idempotencyKey: string }) {
    return once(ctx, 'recordRepayment', input.idempotencyKey, { ...input, idempotencyKey: undefined }, async (writes, claim) => {
      // Exactly the payoff quote of its date (checked under the lock) is a settlement: see settleLoan.
      const { transaction, state } = await this.addTransaction(ctx, input.loanId, { kind: 'REPAYMENT', effectiveDate: input.paidAt, amount: input.amount, method: input.method, reference: input.reference ?? null }, writes, claim, { settleAtQuote: true });
      return { transactionId: transaction.id, allocation: allocationOf(state, transaction.id) };
    }, { claimInFirstStatement: true });
  }

  /**
   * Pays the loan off: `amount` must be the payoff quote's total as of `paidAt` (computed under the
   * loan's lock), else CONFLICT with the current quote in `extensions.quote`. Posted as a SETTLEMENT:
   * everything due, the current period's interest to the day (as interest), the prepayment fee (fee
   * income) and all principal; the loan closes with no credit (and reconcile recognises all interest paid).
   */
  async settleLoan(ctx: RequestContext, input: { loanId: string; amount: string; paidAt: string; method: string; reference?: string | null; idempotencyKey: string }) {
    return once(ctx, 'settleLoan', input.idempotencyKey, { ...input, idempotencyKey: undefined }, async (writes, claim) => {
      const { transaction, state } = await this.addTransaction(ctx, input.loanId, { kind: 'SETTLEMENT', effectiveDate: input.paidAt, amount: input.amount, method: input.method, reference: input.reference ?? null }, writes, claim);
      return { transactionId: transaction.id, allocation: allocationOf(state, transaction.id) };
    }, { claimInFirstStatement: true });
  }

  /**
   * Fee charges and waivers: the same path as a repayment (stored, replayed, reconciled). The writes
   * go in one statement: sent here, or left in the caller's `writes` for it to send with its own.
   */
  async addTransaction(
    ctx: RequestContext,
    loanId: string,
    txIn: { kind: LoanTransactionKind; effectiveDate: string; amount: string; method?: string | null; reference?: string | null; note?: string | null },
    callerWrites?: SqlBatch,
    claim?: KeyClaim,
    opts: { settleAtQuote?: boolean } = {},
  ): Promise<{ transaction: TransactionRow; state: LoanState }> {
    // The loan locked and read with all the replay needs (and the caller's idempotency key claimed), in one statement.
    let tx = txIn;
    // A snapshot the new transaction comes after: at or before its date (it takes the next seq).
    const locked = await this.lockWithBook(ctx, loanId, claim, isCalendarDate(txIn.effectiveDate) ? txIn.effectiveDate : null);
    const loan = locked.loan;
    // A closed loan may still hold the borrower's money: refunding it is the one thing left to do.
    if (loan.status !== 'ACTIVE' && !(tx.kind === 'CREDIT_REFUND' && loan.status === 'CLOSED')) throw conflict(`The loan is ${loan.status}`);
    const today = todayIn(locked.timezone);
    if (!isCalendarDate(tx.effectiveDate)) throw badInput('input.paidAt', 'a date YYYY-MM-DD');
    if (tx.effectiveDate > today) throw badInput('input.paidAt', `cannot be after today (${today}) in the tenant's time zone`);
    if (tx.effectiveDate < loan.disbursementDate!) throw badInput('input.paidAt', `cannot be before the loan started (${loan.disbursementDate})`);
    const amount = new Dec(tx.amount);
    if (amount.lte(0)) throw badInput('input.amount', 'must be positive');
    const decimals = (loan.servicingTerms as ServicingTerms).decimals;
    if (amount.decimalPlaces() > decimals) throw badInput('input.amount', `at most ${decimals} decimals`);
    // Every replay below is as of the transaction's date or later.
    const book = await this.holding(ctx, loan, locked.book, tx.effectiveDate);
    if (tx.kind === 'CREDIT_REFUND') {
      const held = this.replay(loan, book, today).state.credit;
      if (amount.gt(held)) throw badInput('input.amount', `the loan holds ${held} for the borrower; a refund cannot exceed it`);
    }
    if (tx.kind === 'SETTLEMENT' || (opts.settleAtQuote && tx.kind === 'REPAYMENT')) {
      const quote = { asOf: tx.effectiveDate, ...this.quote(loan, book, tx.effectiveDate) };
      const atQuote = amount.eq(quote.total);
      if (tx.kind === 'SETTLEMENT' && !atQuote) throw conflict(`The payoff on ${tx.effectiveDate} is ${quote.total}, not ${amount.toFixed()}`, { field: 'amount', quote });
      // A repayment of exactly a payoff that charges to-the-day interest or a prepayment fee settles the loan.
      if (tx.kind === 'REPAYMENT' && atQuote && new Dec(quote.accruedInterest ?? '0').plus(quote.prepaymentFee).gt(0)) tx = { ...tx, kind: 'SETTLEMENT' };
    }
    const waived = WAIVED[tx.kind];
    if (waived) {
      // A waiver records exactly what it waives: more than is owed is refused, never cut down silently.
      const owed = this.replay(loan, book, tx.effectiveDate).state.outstanding[waived];
      if (amount.gt(owed)) throw badInput('amount', `the loan owes ${owed} of ${waived}; a waiver cannot exceed it`, { owed });
    }
    const transaction: TransactionRow = {
      id: uuidv7(), loanId, seq: loan.nextTxSeq, kind: tx.kind, effectiveDate: tx.effectiveDate, amount: amount.toFixed(decimals), method: tx.method ?? null,
      reference: tx.reference ?? null, note: tx.note ?? null, status: 'POSTED', reversedAt: null, reversalReason: null, createdAt: new Date(),
    };
    // The transaction is written with the replay's postings and the loan's new state: one statement.
    const writes = (callerWrites ?? new SqlBatch()).add(
      `INSERT INTO loan_transactions (tenant_id, id, loan_id, seq, kind, effective_date, amount, method, reference, note, created_by_type, created_by_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [ctx.tenant, transaction.id, loanId, transaction.seq, tx.kind, tx.effectiveDate, amount.toFixed(), transaction.method, transaction.reference, transaction.note,
        ctx.actor.type, ctx.actor.id, transaction.createdAt],
    );
    loan.nextTxSeq += 1;
    const events = new LoanEvents(ctx, loanId, today);
    const { state } = await this.reconcile(ctx, loan, today, { ...book, transactions: [...book.transactions, transaction] }, writes, events);
    await this.deps.audit.record(ctx, { action: `loan.${tx.kind.toLowerCase()}`, entityType: 'Loan', entityId: loanId, after: { transactionId: transaction.id, effectiveDate: tx.effectiveDate, amount: amount.toFixed(), backdated: tx.effectiveDate < today } });
    // A settlement is money received like any repayment (LOAN_CLOSED follows from the reconcile).
    events.add(tx.kind === 'REPAYMENT' || tx.kind === 'SETTLEMENT' ? 'REPAYMENT_POSTED' : tx.kind, { transactionId: transaction.id, amount: amount.toFixed(decimals), currency: loan.currency, effectiveDate: tx.effectiveDate, method: tx.method ?? null });
    if (tx.kind === 'REPAYMENT') this.warnOnShrinkingPayments(events, loan, [...book.recentRepayments, transaction], state.dpd);
    events.stage(writes);
    if (!callerWrites) await writes.run(await ctx.db());
    return { transaction, state };
  }

  /** Reverses a transaction: it stays on record as REVERSED, the loan is replayed without it. */
  async reverseTransaction(ctx: RequestContext, transactionId: string, reason: string): Promise<TransactionRow> {
    if (!reason.trim()) throw badInput('reason', 'a reversal needs a reason');
    const em = await ctx.db();
    const [row] = await em.query('SELECT loan_id, status, kind FROM loan_transactions WHERE id = $1', [transactionId]);
    if (!row) throw notFound('LoanTransaction', transactionId);
    const loan = await this.lockOrThrow(ctx, row.loan_id);
    const [current] = await em.query('SELECT status FROM loan_transactions WHERE id = $1', [transactionId]);
    if (current.status === 'REVERSED') throw conflict('The transaction is already reversed');
    await em.query("UPDATE loan_transactions SET status = 'REVERSED', reversed_at = now(), reversal_reason = $2 WHERE id = $1", [transactionId, reason]);
    if (loan.status === 'CLOSED') await em.query("UPDATE loans SET status = 'ACTIVE', closed_at = NULL WHERE id = $1", [loan.id]);
    await this.reconcile(ctx, { ...loan, status: 'ACTIVE' }, await this.today(ctx));
    await this.deps.audit.record(ctx, { action: 'loan.transactionReversed', entityType: 'Loan', entityId: loan.id, after: { transactionId, reason } });
    await recordLoanEvent(ctx, loan.id, 'TRANSACTION_REVERSED', await this.today(ctx), { transactionId, reason });
    return (await this.transactions(ctx, loan.id)).find((t) => t.id === transactionId)!;
  }

  /**
   * Writes the loan off: the principal and the accrued interest and penalties still receivable go to
   * write-off expense, the loan leaves the nightly run, and later payments are recoveries.
   */
  async writeOff(ctx: RequestContext, loanId: string, reason: string): Promise<LoanEntity> {
    if (!reason.trim()) throw badInput('reason', 'a write-off needs a reason');
    const loan = await this.lockOrThrow(ctx, loanId);
    if (loan.status !== 'ACTIVE') throw conflict(`The loan is ${loan.status}`);
    const today = await this.today(ctx);
    await this.reconcile(ctx, loan, today);
    const { principal, interest, penalty } = await this.receivables(ctx, loanId);
    const total = principal.plus(interest).plus(penalty);
    if (total.gt(0)) {
      await this.deps.ledger.post(ctx, {
        kind: 'WRITE_OFF', businessDate: today, loanId, reference: `write-off:${loanId}`,
        lines: [
          { account: 'WRITE_OFF_EXPENSE', debit: total.toFixed() },
          { account: 'LOAN_PRINCIPAL', credit: principal.toFixed() },
          { account: 'INTEREST_RECEIVABLE', credit: interest.toFixed() },
          { account: 'PENALTY_RECEIVABLE', credit: penalty.toFixed() },
        ],
      });
    }
    await (await ctx.db()).query("UPDATE loans SET status = 'WRITTEN_OFF', closed_at = now() WHERE id = $1", [loanId]);
    await this.deps.audit.record(ctx, { action: 'loan.writtenOff', entityType: 'Loan', entityId: loanId, after: { reason, principal: principal.toFixed(), interest: interest.toFixed(), penalty: penalty.toFixed() } });
    await recordLoanEvent(ctx, loanId, 'WRITTEN_OFF', today, { reason, amount: total.toFixed() });
    return this.byIdOrThrow(ctx, loanId);
  }

  /** For other loan operations: the loan locked for this transaction. */
  lockForChange(ctx: RequestContext, id: string): Promise<LoanEntity> {
    return this.lockOrThrow(ctx, id);
  }

  /**
   * Replays and reconciles the (locked) loan as of today without a new transaction. The state's
   * allocations may be only those after the snapshot the replay resumed from (see reconcile).
   */
  async refresh(ctx: RequestContext, loan: LoanEntity, today: string): Promise<LoanState> {
    return (await this.reconcile(ctx, loan, today)).state;
  }


  /**
   * Brings the loan's interest receivable (accrued by the nightly run, less interest paid) to
   * `unpaidInterest` (the exact figure to the day), in sub-ledger and ledger.
   */
  async trueUpInterest(ctx: RequestContext, loanId: string, unpaidInterest: string, today: string): Promise<void> {
    const receivable = new Dec((await this.deps.ledger.loanLedger(ctx, loanId)).INTEREST_RECEIVABLE ?? '0');
    const writes = new SqlBatch();
    await this.stageTrueUp(ctx, writes, loanId, 'interest', new Dec(unpaidInterest).minus(receivable), today, await this.deps.ledger.mappingOf(ctx, loanId));
    await writes.run(await ctx.db());
  }

  /** Pays held credit (an overpayment) back to the borrower; idempotent by key. */
  async refundCredit(ctx: RequestContext, input: { loanId: string; amount: string; method: string; reference?: string | null; idempotencyKey: string }) {
    return once(ctx, 'refundCredit', input.idempotencyKey, { ...input, idempotencyKey: undefined }, async () => {
      const today = await this.today(ctx);
      const { transaction } = await this.addTransaction(ctx, input.loanId, { kind: 'CREDIT_REFUND', effectiveDate: today, amount: input.amount, method: input.method, reference: input.reference ?? null });
      return transaction;
    });
  }

  /** A payment on a written-off loan: income as a recovery, outside the schedule. */
  async recordRecovery(ctx: RequestContext, input: { loanId: string; amount: string; paidAt: string; method: string; reference?: string | null; idempotencyKey: string }) {
    return once(ctx, 'recordRecovery', input.idempotencyKey, { ...input, idempotencyKey: undefined }, async () => {
      const loan = await this.lockOrThrow(ctx, input.loanId);
      if (loan.status !== 'WRITTEN_OFF') throw conflict('Only a written-off loan takes recoveries; record a repayment instead');
      const amount = new Dec(input.amount);
      if (amount.lte(0) || amount.decimalPlaces() > (loan.servicingTerms as ServicingTerms).decimals) throw badInput('input.amount', 'a positive amount in the currency’s decimals');
      if (!isCalendarDate(input.paidAt) || input.paidAt > (await this.today(ctx))) throw badInput('input.paidAt', 'a date not after today');
      const id = uuidv7();
      const em = await ctx.db();
      await em.query(
        `INSERT INTO loan_transactions (tenant_id, id, loan_id, seq, kind, effective_date, amount, method, reference, created_by_type, created_by_id)
         VALUES ($1, $2, $3, $4, 'RECOVERY', $5, $6, $7, $8, $9, $10)`,
        [ctx.tenant, id, loan.id, loan.nextTxSeq, input.paidAt, amount.toFixed(), input.method, input.reference ?? null, ctx.actor.type, ctx.actor.id],
      );
      await em.query('UPDATE loans SET next_tx_seq = next_tx_seq + 1 WHERE id = $1', [loan.id]);
      await this.deps.ledger.post(ctx, { kind: 'RECOVERY', businessDate: input.paidAt, loanId: loan.id, reference: `tx:${id}`, lines: [{ account: 'CASH_CLEARING', debit: amount.toFixed() }, { account: 'RECOVERIES', credit: amount.toFixed() }] });
      await recordLoanEvent(ctx, loan.id, 'RECOVERY_POSTED', await this.today(ctx), { transactionId: id, amount: amount.toFixed((loan.servicingTerms as ServicingTerms).decimals), currency: loan.currency });
      return { transactionId: id, allocation: null };
    });
  }

  /** What the ledger still holds as receivable for the loan: principal, accrued interest and penalties net of payments. */
  private async receivables(ctx: RequestContext, loanId: string) {
    const balances = await this.deps.ledger.loanLedger(ctx, loanId);
    const clamp = (d: Dec) => (d.isNeg() ? new Dec(0) : d);
    return {
      principal: clamp(new Dec(balances.LOAN_PRINCIPAL ?? '0')),
      interest: clamp(new Dec(balances.INTEREST_RECEIVABLE ?? '0')),
      penalty: clamp(new Dec(balances.PENALTY_RECEIVABLE ?? '0')),
    };
  }

  async payoffQuote(ctx: RequestContext, loanId: string, asOf?: string | null) {
    const loan = await this.byIdOrThrow(ctx, loanId);
    const on = asOf ?? (await this.today(ctx));
    if (!isCalendarDate(on)) throw badInput('asOf', 'a date YYYY-MM-DD');
    if (this.snapshotting) {
      // The latest snapshot at or before the date and the transactions after it, in one statement.
      const [row] = await queryPrepared<{ resume: ReplaySnapshot | null; transactions: TransactionJson[] }>(await ctx.db(),
        `SELECT r.state AS resume, ${transactionsJson(true)} AS transactions FROM loans l ${RESUME_JOIN('$2')} WHERE l.id = $1`, [loan.id, on]);
      const quote = row?.resume ? payoffQuoteAfter(termsOf(loan), loan.schedule, row.resume, toReplayInput(transactionRows(row.transactions)), on) : null;
      if (quote) return { asOf: on, ...quote };
    }
    return { asOf: on, ...payoffQuote(termsOf(loan), loan.schedule, await this.replayInput(ctx, loan.id), on) };
  }

  /** The payoff quote as of `asOf` from the book (see replay). */
  private quote(loan: LoanEntity, book: LoanBook, asOf: string) {
    const transactions = toReplayInput(book.transactions);
    if (!book.resume) return payoffQuote(termsOf(loan), loan.schedule, transactions, asOf, undefined, this.from(book));
    const quote = payoffQuoteAfter(termsOf(loan), loan.schedule, book.resume, transactions, asOf);
    if (!quote) throw new Error(`loan ${loan.id}: the snapshot checked to hold as of an earlier date does not as of ${asOf}`);
    return quote;
  }

  /**
   * What the books should hold as the loan's receivables, from its replay: principal outstanding,
   * interest recognised (as the nightly run recognises it, through its last date) less paid and
   * waived, penalty owed. A written-off loan holds none.
   */
  receivable(loan: LoanEntity, state: LoanState): { principal: string; interest: string; penalties: string; total: string } {
    const terms = loan.servicingTerms as ServicingTerms;
    const zero = new Dec(0).toFixed(terms.decimals);
    if (loan.status === 'WRITTEN_OFF' || loan.status === 'RESTRUCTURED') return { principal: zero, interest: zero, penalties: zero, total: zero };
    const interest = recognisedInterest(state, loan.disbursementDate!, recognitionDate(loan), terms.decimals, terms.roundingMode).minus(interestSettled(state.installments));
    const total = interest.plus(state.outstanding.principal).plus(state.outstanding.penalties);
    return { principal: state.outstanding.principal, interest: interest.toFixed(terms.decimals), penalties: state.outstanding.penalties, total: total.toFixed(terms.decimals) };
  }

  /** The loan replayed as of a date (today by default), without writing anything. */
  async state(ctx: RequestContext, loan: LoanEntity, asOf?: string): Promise<LoanState> {
    return replayLoan(termsOf(loan), loan.schedule, await this.replayInput(ctx, loan.id), asOf ?? (await this.today(ctx)));
  }

  /**
   * The statement of a period: what was owed at the end of the day before `from` and at the end of
   * `to`, and every change between them (see core `loanStatement`). A period before the loan started
   * is all zeros.
   */
  async statement(ctx: RequestContext, loanId: string, from: string, to: string) {
    if (!isCalendarDate(from)) throw badInput('from', 'a date YYYY-MM-DD');
    if (!isCalendarDate(to) || to < from) throw badInput('to', 'a date YYYY-MM-DD not before from');
    const loan = await this.byIdOrThrow(ctx, loanId);
    const transactions = (await this.transactions(ctx, loanId))
      .filter((t) => t.kind !== 'RECOVERY')
      .map((t) => ({ id: t.id, kind: t.kind as LoanTransactionKind, effectiveDate: t.effectiveDate, amount: new Dec(t.amount).toFixed(), seq: t.seq, note: t.note, status: t.status }));
    const statement = loanStatement(termsOf(loan), loan.schedule, transactions, loan.disbursementDate!, from, to);
    return { loanId, ...statement, due: statement.due.map((i) => ({ ...i, unpaid: unpaidOf(i) })) };
  }

  async byIdOrThrow(ctx: RequestContext, id: string): Promise<LoanEntity> {
    const loan = await (await ctx.db()).getRepository(LoanEntity).findOneBy({ id });
    if (!loan || (ctx.hasRole('BORROWER') && loan.borrowerId !== ctx.borrowerId)) throw notFound('Loan', id);
    return loan;
  }

  /**
   * A page of loans, newest id first, reading only `columns` (see LOAN_COLUMNS): a list never loads
   * the frozen schedule or the servicing terms. One prepared statement per column set and filter
   * combination, in the request's transaction (so under its row-level security).
   */
  async list(ctx: RequestContext, args: PageArgs & LoanFilter, columns: readonly LoanColumn[]): Promise<Connection<LoanRow>> {
    const size = pageSize(args, this.deps.limits);
    const where = new SqlWhere();
    if (args.after) where.and('l.id < ?', decodeCursor(args.after));
    if (ctx.hasRole('BORROWER')) where.and('l.borrower_id = ?', ctx.borrowerId);
    if (args.status) where.and('l.status = ?', args.status);
    if (args.bucket) where.and('l.bucket = ?', args.bucket);
    if (args.dpdMin !== undefined && args.dpdMin !== null) where.and('l.dpd >= ?', args.dpdMin);
    if (args.productId) where.and('l.product_id = ?', args.productId);
    if (args.borrowerId) where.and('l.borrower_id = ?', args.borrowerId);
    if (args.agentId) where.and('l.agent_id = ?', args.agentId);
    const select = [...new Set<LoanColumn>(['id', ...columns])].map((c) => `${LOAN_COLUMNS[c]} AS "${c}"`).join(', ');
    const sql = `SELECT ${select} FROM loans l ${where.sql} ORDER BY l.id DESC LIMIT ${where.bind(size + 1)}`;
    const rows = await queryPrepared<LoanRow>(await ctx.db(), sql, where.params);
    return toConnection(rows, size, (l) => l.id, Boolean(args.after));
  }

  async transactions(ctx: RequestContext, loanId: string): Promise<TransactionRow[]> {
    const [row] = await (await ctx.db()).query(`SELECT ${transactionsJson(false)} AS transactions FROM loans l WHERE l.id = $1`, [loanId]);
    return row ? transactionRows(row.transactions) : [];
  }

  async journal(ctx: RequestContext, loanId: string) {
    return (await ctx.db()).query(
      `SELECT e.id, e.kind, e.business_date::text AS "businessDate", e.posted_at AS "postedAt", e.reference,
              json_agg(json_build_object('account', l.account_code, 'debit', l.debit::text, 'credit', l.credit::text) ORDER BY l.line_no) AS lines
       FROM journal_entries e JOIN journal_lines l ON l.tenant_id = e.tenant_id AND l.entry_id = e.id
       WHERE e.loan_id = $1 GROUP BY e.tenant_id, e.id ORDER BY e.posted_at, e.id`, [loanId]);
  }

  async events(ctx: RequestContext, loanId: string) {
    return (await ctx.db()).query('SELECT id, kind, business_date::text AS "businessDate", data, created_at AS "createdAt" FROM loan_events WHERE loan_id = $1 ORDER BY created_at, id', [loanId]);
  }

  /**
   * Replays the loan and makes the ledger and the loan row agree with the replay. Postings are keyed
   * by allocation; unchanged ones are left alone, changed ones reversed and re-posted, vanished ones
   * (a reversed transaction) reversed. The writes go to `writes` (sent here unless the caller passed
   * its own batch, which it then sends with its other writes) and the events to `events`.
   *
   * Resumed from a snapshot, the replay makes only the allocations after its point: those before it
   * are what the replay that took it made and posted, and only the postings after it are compared.
   * The state it answers then lists only those allocations.
   */
  private async reconcile(
    ctx: RequestContext, loan: LoanEntity, today: string, book?: LoanBook, callerWrites?: SqlBatch, callerEvents?: LoanEvents,
  ): Promise<{ state: LoanState }> {
    const read = book ?? (await this.holding(ctx, loan, await this.readBook(ctx, loan.id), today));
    const { transactions, postings, penaltyAccrued, interestAccrued, lastClosed } = read;
    const writes = callerWrites ?? new SqlBatch();
    const events = callerEvents ?? new LoanEvents(ctx, loan.id, today);
    const mapping = loanAccountMapping(loan.servicingTerms);
    const run = this.replay(loan, read, today, this.deps.snapshotEvery ?? 0);
    const { state, resumed } = run;
    this.stageSnapshots(ctx, writes, loan, read, run);
    const after = resumed ? afterPoint(resumed) : () => true;
    const byKey = new Map(postings.filter((p) => after(p.allocation)).map((p) => [p.posting_key, p]));
    const kinds = new Map(transactions.map((t) => [t.id, t.kind as LoanTransactionKind]));
    const wanted = new Map(state.allocations.map((a) => [`tx:${a.transactionId}`, a]));
    const vanished: string[] = [];
    for (const [key, old] of byKey) {
      const next = wanted.get(key);
      if (next && isDeepStrictEqual(normalise(next), normalise(old.allocation))) continue;
      await this.deps.ledger.stage(ctx, writes, { kind: 'REPLAY_REVERSAL', businessDate: today, loanId: loan.id, reference: `reverse:${old.journal_entry_id}`, lines: reverseLines(linesFor(kinds.get(old.allocation.transactionId) ?? 'REPAYMENT', old.allocation)) }, mapping);
      vanished.push(key);
      byKey.delete(key);
    }
    const posted: unknown[][] = [];
    for (const [key, allocation] of wanted) {
      if (byKey.has(key)) continue;
      const kind = kinds.get(allocation.transactionId) ?? 'REPAYMENT';
      const lines = linesFor(kind, allocation);
      if (lines.length === 0) continue;
      const entryId = await this.deps.ledger.stage(ctx, writes, { kind, businessDate: allocation.effectiveDate, loanId: loan.id, reference: key, lines }, mapping);
      posted.push([key, JSON.stringify(allocation), entryId]);
    }
    // A re-posted key replaces its row (one statement may not delete and insert the same key).
    const reposted = new Set(posted.map(([key]) => key as string));
    const gone = vanished.filter((key) => !reposted.has(key));
    if (gone.length) writes.add('DELETE FROM loan_postings WHERE loan_id = $1 AND posting_key = ANY($2::text[])', [loan.id, gone]);
    if (posted.length) {
      writes.add(
        `INSERT INTO loan_postings (tenant_id, loan_id, posting_key, allocation, journal_entry_id)
         SELECT $1, $2, p.key, p.allocation, p.entry FROM unnest($3::text[], $4::jsonb[], $5::uuid[]) AS p (key, allocation, entry)
         ON CONFLICT (tenant_id, loan_id, posting_key) DO UPDATE SET allocation = EXCLUDED.allocation, journal_entry_id = EXCLUDED.journal_entry_id`,
        [ctx.tenant, loan.id, posted.map((p) => p[0]), posted.map((p) => p[1]), posted.map((p) => p[2])],
      );
    }
    const next = state.installments.find((i) => i.status !== 'PAID');
    // The replay hands the nightly run its state (src/core/cob/hand-off.ts): the run's period stays where
    // the run put it (`accrual_index`), everything before it counts as past due, and the replay owns the
    // penalty through today; the next nights carry on from there by the same steps.
    const terms = loan.servicingTerms as ServicingTerms;
    const handed = handOff(
      { accrualIndex: loan.accrualIndex, nonAccrual: loan.nonAccrual, periodStart: loan.accrualPeriodStart, periodEnd: loan.accrualPeriodEnd },
      state.installments, state.oldestUnpaidDueDate, today, recognitionDate(loan), terms,
    );
    // One DPD clock: measured at the last closed business date, as the nightly run measures it.
    const dpd = dpdAt(state.oldestUnpaidDueDate, delinquencyDate(today, lastClosed, loan.lastCobDate));
    // One UPDATE of the loan row per statement (a second one in the same statement would be lost).
    await this.trueUpRecognisedInterest(ctx, writes, loan, state, interestAccrued, today, mapping);
    const interest = handed.interest;
    writes.add(
      `UPDATE loans SET dpd = $2, bucket = $3, principal_outstanding = $4, total_outstanding = $5, overdue_total = $6, credit_balance = $7,
              next_due_date = $8, oldest_unpaid_due_date = $9, state_version = state_version + 1, next_tx_seq = $11,
              overdue_principal = $12, next_unpaid_principal = $13, next_unpaid_total = $14,
              penalty_rows = $15, penalty_from = $16, penalty_total = $17, penalty_through = GREATEST(penalty_through, $18::date),
              interest_schedule = coalesce($19::jsonb, interest_schedule), accrual_period_interest = coalesce($20::numeric, accrual_period_interest),
              accrued_in_period = coalesce($21::numeric, accrued_in_period),
              status = CASE WHEN $10 THEN 'CLOSED' ELSE status END, closed_at = CASE WHEN $10 THEN coalesce(closed_at, now()) ELSE closed_at END
       WHERE id = $1`,
      [loan.id, dpd, bucketFor(dpd, terms.delinquencyBuckets ?? DEFAULT_BUCKETS), state.outstanding.principal, state.outstanding.total, state.overdue.total, state.credit,
        next?.dueDate ?? null, handed.oldestUnpaidDueDate, state.closed, loan.nextTxSeq, handed.overduePrincipal, handed.nextUnpaidPrincipal, handed.nextUnpaidTotal,
        JSON.stringify(handed.penaltyRows), handed.penaltyFrom, handed.penaltyTotal, today,
        interest ? JSON.stringify(interest.interestSchedule) : null, interest?.periodInterest ?? null, interest?.accruedInPeriod ?? null],
    );
    if (state.closed && loan.status === 'ACTIVE') events.add('LOAN_CLOSED', {});
    // Accrued penalties (nightly) brought to the replay's exact figure, in sub-ledger and ledger.
    await this.stageTrueUp(ctx, writes, loan.id, 'penalty', new Dec(handed.penaltyTotal).minus(penaltyAccrued), today, mapping);
    if (!callerEvents) events.stage(writes);
    if (!callerWrites) await writes.run(await ctx.db());
    return { state };
  }

  /**
   * Keeps the loan's snapshots to what can still be resumed from: a new one taken by this replay is
   * stored, those after the one it resumed from (or all, when it replayed from disbursement) no
   * longer hold (a backdated or reversed transaction before their point) and go, and of the rest
   * only the latest SNAPSHOTS_KEPT stay. The new one records the highest seq its replay saw, so the
   * trigger that deletes snapshots a new transaction comes before spares it (it is stored by the
   * statement that inserts the transaction, and already includes it).
   */
  private stageSnapshots(ctx: RequestContext, writes: SqlBatch, loan: LoanEntity, book: LoanBook, run: { resumed: ReplaySnapshot | null; snapshot: ReplaySnapshot | null }): void {
    if (!this.snapshotting) return;
    const loanId = loan.id;
    const at = run.resumed ? book.snapshots.findIndex((s) => s.state === run.resumed) : book.snapshots.length;
    // Newest first: those before the resumed one no longer hold; it and the older ones may.
    const holding = book.snapshots.slice(at).filter((s) => s.engine === REPLAY_ENGINE_VERSION);
    const keep = new Set(holding.slice(0, run.snapshot ? SNAPSHOTS_KEPT - 1 : SNAPSHOTS_KEPT).map((s) => s.id));
    const gone = book.snapshots.filter((s) => !keep.has(s.id)).map((s) => s.id);
    if (gone.length) writes.add('DELETE FROM loan_replay_snapshots WHERE loan_id = $1 AND id = ANY($2::uuid[])', [loanId, gone]);
    if (run.snapshot) {
      const s = run.snapshot;
      writes.add(
        `INSERT INTO loan_replay_snapshots (tenant_id, loan_id, id, engine, through_date, through_seq, tx_count, history_seq, state) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [ctx.tenant, loanId, uuidv7(), s.engine, s.through.effectiveDate, s.through.seq, s.count, loan.nextTxSeq - 1, JSON.stringify(s)],
      );
    }
  }

  /**
   * Early warning: the last three repayments were each smaller than the one before and all short of
   * the regular instalment, while the loan is behind. One event per such streak.
   */
  private warnOnShrinkingPayments(events: LoanEvents, loan: LoanEntity, transactions: Pick<TransactionRow, 'kind' | 'status' | 'effectiveDate' | 'seq' | 'amount'>[], dpd: number): void {
    const repayments = transactions.filter((t) => t.kind === 'REPAYMENT' && t.status === 'POSTED').sort((a, b) => (a.effectiveDate < b.effectiveDate ? -1 : a.effectiveDate > b.effectiveDate ? 1 : a.seq - b.seq));
    const last = repayments.slice(-3).map((t) => new Dec(t.amount));
    const instalment = new Dec(loan.schedule[0]?.total ?? '0');
    if (last.length === 3 && dpd > 0 && last[0].gt(last[1]) && last[1].gt(last[2]) && last[0].lt(instalment)) {
      events.add('EARLY_WARNING', { signal: 'SHRINKING_PARTIAL_PAYMENTS', amounts: last.map((d) => d.toFixed(2)), instalment: instalment.toFixed(2) });
    }
  }

  /**
   * A true-up of accrued interest or penalty by `diff` (positive: more income): a journal entry of the
   * receivable against the income, and its row in the accrual sub-ledger naming the entry.
   */
  private async stageTrueUp(ctx: RequestContext, writes: SqlBatch, loanId: string, what: 'interest' | 'penalty', diff: Dec, today: string, mapping: AccountMapping | null): Promise<void> {
    if (diff.isZero()) return;
    const [receivable, income] = what === 'interest' ? (['INTEREST_RECEIVABLE', 'INTEREST_INCOME'] as const) : (['PENALTY_RECEIVABLE', 'PENALTY_INCOME'] as const);
    const amount = diff.abs().toFixed();
    const entryId = await this.deps.ledger.stage(ctx, writes, {
      kind: what === 'interest' ? 'INTEREST_TRUE_UP' : 'PENALTY_TRUE_UP', businessDate: today, loanId,
      reference: what === 'interest' ? `interest-true-up:${loanId}` : `true-up:${loanId}`,
      lines: diff.gt(0)
        ? [{ account: receivable, debit: amount }, { account: income, credit: amount }]
        : [{ account: income, debit: amount }, { account: receivable, credit: amount }],
    }, mapping);
    writes.add(`INSERT INTO loan_accruals (tenant_id, loan_id, business_date, kind, ${what}, journal_entry_id) VALUES ($1, $2, $3, 'TRUE_UP', $4, $5)`, [ctx.tenant, loanId, today, diff.toFixed(), entryId]);
  }

  /**
   * Interest income follows the replay: recognised through the nightly run's last date (the day the
   * loan became non-accrual, if it did) by the run's own rule, all of it once the loan is settled. The
   * sub-ledger and the ledger are brought to that figure (the run's state for the running period is
   * handed over with the rest, see handOff).
   */
  private async trueUpRecognisedInterest(
    ctx: RequestContext, writes: SqlBatch, loan: LoanEntity, state: LoanState, accrued: string, today: string, mapping: AccountMapping | null,
  ): Promise<void> {
    const terms = loan.servicingTerms as ServicingTerms;
    const target = recognisedInterest(state, loan.disbursementDate!, recognitionDate(loan), terms.decimals, terms.roundingMode);
    await this.stageTrueUp(ctx, writes, loan.id, 'interest', target.minus(accrued), today, mapping);
  }

  /**
   * The loan row locked, with what a replay needs (transactions, postings, accrued penalties) and
   * the tenant's time zone, in one statement. Waiting for the lock leaves the statement's snapshot
   * older than the row it locked: when the row changed meanwhile (a concurrent payment committed),
   * the read is repeated, now under the lock, so the rest matches the row.
   */
  private async lockWithBook(ctx: RequestContext, id: string, claim?: KeyClaim, before: string | null = null): Promise<{ loan: LoanEntity; book: LoanBook; timezone: string }> {
    const em = await ctx.db();
    const light = this.snapshotting;
    for (;;) {
      // The first read may carry the caller's idempotency claim (see KeyClaim).
      const carried = claim?.pending ? claim.statement() : null;
      const own: unknown[] = light ? [id, before] : [id];
      const params: unknown[] = [...own, ...(carried?.params ?? [])];
      const [row] = await queryPrepared<Record<string, any>>(
        em,
        `${carried ? `WITH claim AS (${shiftPlaceholders(carried.sql, own.length)}) ` : ''}
         SELECT ${loanColumns(em)}, l.xmin::text AS "_locked", (SELECT x.xmin::text FROM loans x WHERE x.tenant_id = l.tenant_id AND x.id = l.id) AS "_seen",
                (SELECT timezone FROM tenants WHERE id = l.tenant_id) AS "_timezone", ${bookColumns(light)}${carried ? ', (SELECT count(*) FROM claim)::int AS "_claimed"' : ''}
         FROM loans l ${light ? RESUME_JOIN('$2') : ''} WHERE l.id = $1 FOR UPDATE OF l`,
        params,
      );
      if (carried) {
        if (row) claim!.settle(row._claimed > 0);
        else await claim!.settleFromTable();
      }
      if (!row || (ctx.hasRole('BORROWER') && row.borrowerId !== ctx.borrowerId)) throw notFound('Loan', id);
      if (row._locked !== row._seen) continue;
      const { _locked, _seen, _timezone, _transactions, _postings, _accrued, _closed, _claimed, _snapshots, _resume, _resumeId, _recent, ...columns } = row;
      return { loan: Object.assign(new LoanEntity(), columns), book: bookOf(row), timezone: _timezone };
    }
  }

  /**
   * What a replay needs of a loan whose row the transaction holds: from its latest snapshot when
   * snapshots are on (unless `whole`), else its whole history.
   */
  private async readBook(ctx: RequestContext, loanId: string, opts: { whole?: boolean } = {}): Promise<LoanBook> {
    const light = this.snapshotting && !opts.whole;
    const [row] = await queryPrepared<Record<string, any>>(await ctx.db(),
      `SELECT ${bookColumns(light)} FROM loans l ${light ? RESUME_JOIN('$2') : ''} WHERE l.id = $1`, light ? [loanId, null] : [loanId]);
    return bookOf(row);
  }

  private async replayInput(ctx: RequestContext, loanId: string): Promise<LoanTransaction[]> {
    return toReplayInput(await this.transactions(ctx, loanId));
  }

  private async lockOrThrow(ctx: RequestContext, id: string): Promise<LoanEntity> {
    const loan = await (await ctx.db()).getRepository(LoanEntity).createQueryBuilder('l').setLock('pessimistic_write').where('l.id = :id', { id }).getOne();
    if (!loan || (ctx.hasRole('BORROWER') && loan.borrowerId !== ctx.borrowerId)) throw notFound('Loan', id);
    return loan;
  }

  private async today(ctx: RequestContext): Promise<string> {
    return todayIn((await this.deps.tenants.current(ctx)).timezone);
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

function toReplayInput(rows: TransactionRow[]): LoanTransaction[] {
  return rows
    .filter((t) => t.status === 'POSTED' && t.kind !== 'RECOVERY')
    .map((t) => ({ id: t.id, kind: t.kind as LoanTransactionKind, effectiveDate: t.effectiveDate, amount: new Dec(t.amount).toFixed(), seq: t.seq, note: t.note }));
}

export function allocationOf(state: LoanState, transactionId: string): Allocation | null {
  return state.allocations.find((a) => a.transactionId === transactionId) ?? null;
}

/** Whether an allocation comes after a snapshot's point (those before it were posted by an earlier replay). */
function afterPoint(s: ReplaySnapshot): (a: Allocation) => boolean {
  const boundary = new Set(s.boundary);
  return (a) => a.effectiveDate > s.through.effectiveDate || (a.effectiveDate === s.through.effectiveDate && !boundary.has(a.transactionId));
}

/** Snapshots kept per loan: the latest, and earlier ones to fall back on after a backdated or reversed transaction. */
const SNAPSHOTS_KEPT = 3;

/** The outstanding bucket each waiver kind waives. */
const WAIVED: Partial<Record<LoanTransactionKind, 'interest' | 'penalties' | 'fees'>> = { INTEREST_WAIVER: 'interest', PENALTY_WAIVER: 'penalties', FEE_WAIVER: 'fees' };

/** Journal lines of an allocation: money in against the receivables (and the overpayment liability). */
export function linesFor(kind: LoanTransactionKind, a: Allocation): JournalLine[] {
  if (kind === 'CREDIT_REFUND') {
    return new Dec(a.fromCredit).isZero() ? [] : [{ account: 'OVERPAYMENT_LIABILITY', debit: a.fromCredit }, { account: 'CASH_CLEARING', credit: a.fromCredit }];
  }
  if (kind === 'REPAYMENT' || kind === 'SETTLEMENT') {
    const cash = new Dec(a.principal).plus(a.interest).plus(a.fees).plus(a.penalties).plus(a.toCredit).minus(a.fromCredit);
    return [
      { account: 'CASH_CLEARING', debit: cash.toFixed() },
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

function reverseLines(lines: JournalLine[]): JournalLine[] {
  return lines.map((l) => ({ account: l.account, debit: l.credit, credit: l.debit }));
}

/** jsonb round-trips drop nothing but may reorder keys; compare as plain JSON values. */
function normalise(a: Allocation): unknown {
  return JSON.parse(JSON.stringify(a));
}


/** What a replay of one loan reads besides the loan row. */
interface LoanBook {
  transactions: TransactionRow[];
  postings: { posting_key: string; allocation: Allocation; journal_entry_id: string }[];
  penaltyAccrued: string;
  /** Interest recognised so far in the accrual sub-ledger (nightly accruals and true-ups). */
  interestAccrued: string;
  /** The tenant's last closed business date (null before any close of business completed). */
  lastClosed: string | null;
  /**
   * Every snapshot of the loan, newest point first (the engine resumes from the latest that holds);
   * read from a snapshot (`resume`), only that one's state is loaded.
   */
  snapshots: StoredSnapshot[];
  /**
   * Read from this snapshot: `transactions` are only those after its point and `postings` only those
   * dated on or after its day (the database keeps the history up to its point as it was taken). Null:
   * the whole history.
   */
  resume: ReplaySnapshot | null;
  /** The loan's last three posted repayments (date, seq order). */
  recentRepayments: Pick<TransactionRow, 'kind' | 'status' | 'effectiveDate' | 'seq' | 'amount'>[];
}

/** A row of loan_replay_snapshots; `state` is null when another engine version took it, or when not loaded. */
interface StoredSnapshot {
  id: string;
  engine: number;
  state: ReplaySnapshot | null;
}

/**
 * The latest snapshot of the loan `l` (of this engine) at or before the date `param` (any when null),
 * as `r`: the transactions and postings a replay from it needs are those after its point.
 */
const RESUME_JOIN = (param: string) => `LEFT JOIN LATERAL (
    SELECT s.id, s.through_date, s.through_seq, s.state FROM loan_replay_snapshots s
    WHERE s.tenant_id = l.tenant_id AND s.loan_id = l.id AND s.engine = ${REPLAY_ENGINE_VERSION} AND s.through_date <= coalesce(${param}::date, 'infinity'::date)
    ORDER BY s.through_date DESC, s.through_seq DESC, s.created_at DESC LIMIT 1) r ON true`;

/**
 * A loan's transactions in order as one JSON array (of `loans l`'s row), the amounts in its currency's
 * decimals; `afterResume`: only those after the point of RESUME_JOIN's `r` (all when there is none).
 */
function transactionsJson(afterResume: boolean): string {
  return `
  (SELECT coalesce(json_agg(json_build_object('id', t.id, 'loanId', t.loan_id, 'seq', t.seq, 'kind', t.kind, 'effectiveDate', t.effective_date::text,
            'amount', round(t.amount, l.money_decimals)::text, 'method', t.method, 'reference', t.reference, 'note', t.note, 'status', t.status,
            'reversedAt', t.reversed_at, 'reversalReason', t.reversal_reason, 'createdAt', t.created_at) ORDER BY t.seq), '[]')
   FROM loan_transactions t WHERE t.tenant_id = l.tenant_id AND t.loan_id = l.id
   ${afterResume ? `AND (t.effective_date, t.seq) > (coalesce(r.through_date, '-infinity'::date), coalesce(r.through_seq, 0))` : ''})`;
}

/**
 * What a replay reads besides the loan row: its whole history, or (`light`) only what comes after
 * RESUME_JOIN's snapshot `r` (postings by the index on their allocation's date; of the snapshots
 * only their ids, `r`'s state apart). Postings in date order either way, so a replay reverses changed
 * ones in the same order whichever it read.
 */
function bookColumns(light: boolean): string {
  return `${transactionsJson(light)} AS "_transactions",
  (SELECT coalesce(json_agg(json_build_object('posting_key', p.posting_key, 'allocation', p.allocation, 'journal_entry_id', p.journal_entry_id)
                             ORDER BY p.allocation->>'effectiveDate', p.posting_key), '[]')
   FROM loan_postings p WHERE p.tenant_id = l.tenant_id AND p.loan_id = l.id
   ${light ? `AND (p.allocation->>'effectiveDate') >= coalesce(to_char(r.through_date, 'YYYY-MM-DD'), '')` : ''}) AS "_postings",
  (SELECT json_build_object('penalty', coalesce(sum(a.penalty), 0)::text, 'interest', coalesce(sum(a.interest), 0)::text)
   FROM loan_accruals a WHERE a.tenant_id = l.tenant_id AND a.loan_id = l.id) AS "_accrued",
  (SELECT max(c.business_date)::text FROM cob_runs c WHERE c.tenant_id = l.tenant_id AND c.status = 'COMPLETED') AS "_closed",
  (SELECT coalesce(json_agg(json_build_object('id', s.id, 'engine', s.engine, 'state', ${light ? 'NULL' : `CASE WHEN s.engine = ${REPLAY_ENGINE_VERSION} THEN s.state END`})
                             ORDER BY s.through_date DESC, s.through_seq DESC, s.created_at DESC), '[]')
   FROM loan_replay_snapshots s WHERE s.tenant_id = l.tenant_id AND s.loan_id = l.id) AS "_snapshots",
  (SELECT coalesce(json_agg(x ORDER BY x."effectiveDate", x.seq), '[]') FROM (
     SELECT t.kind, t.status, t.effective_date::text AS "effectiveDate", t.seq, round(t.amount, l.money_decimals)::text AS amount FROM loan_transactions t
     WHERE t.tenant_id = l.tenant_id AND t.loan_id = l.id AND t.kind = 'REPAYMENT' AND t.status = 'POSTED' ORDER BY t.effective_date DESC, t.seq DESC LIMIT 3) x) AS "_recent"
  ${light ? ', r.id AS "_resumeId", r.state AS "_resume"' : ''}`;
}

type TransactionJson = Omit<TransactionRow, 'reversedAt' | 'createdAt'> & { reversedAt: string | null; createdAt: string };

/** transactionsJson's rows with their timestamps as dates. */
function transactionRows(json: TransactionJson[]): TransactionRow[] {
  return json.map((t) => ({ ...t, reversedAt: t.reversedAt === null ? null : new Date(t.reversedAt), createdAt: new Date(t.createdAt) }));
}

function bookOf(row: Record<string, any>): LoanBook {
  const resume: ReplaySnapshot | null = row._resume ?? null;
  const snapshots: StoredSnapshot[] = row._snapshots;
  // The one loaded is the one resumed from (stageSnapshots finds it by identity).
  if (resume) snapshots.find((s) => s.id === row._resumeId)!.state = resume;
  return {
    transactions: transactionRows(row._transactions), postings: row._postings, penaltyAccrued: row._accrued.penalty, interestAccrued: row._accrued.interest,
    lastClosed: row._closed, snapshots, resume, recentRepayments: row._recent,
  };
}

let loanSelect: string | undefined;
/** The loan entity's columns under its property names (dates as text, as TypeORM returns them), for raw reads. */
function loanColumns(em: EntityManager): string {
  loanSelect ??= em.connection.getMetadata(LoanEntity).columns
    .map((c) => `l.${c.databaseName}${c.type === 'date' ? '::text' : ''} AS "${c.propertyName}"`)
    .join(', ');
  return loanSelect;
}

/** Interest is recognised through the nightly run's last date, or the day the loan became non-accrual. */
function recognitionDate(loan: LoanEntity): string {
  return loan.nonAccrual && loan.nonAccrualSince ? loan.nonAccrualSince : (loan.lastCobDate ?? loan.disbursementDate!);
}
