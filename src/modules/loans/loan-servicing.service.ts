import type { LoanState } from '../../core/servicing';
import type { Connection, PageArgs } from '../../platform/graphql/connection';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { AuditService } from '../../platform/audit/audit.service';
import type { LedgerService } from '../ledger';
import type { TenantDirectory } from '../../platform/tenancy/tenant-directory';
import type { LoanEntity } from './loan.entity';
import type { LoanColumn } from './loan.mapper';
import { LoanEvents } from './loan-events';
import { type NewTransaction, addTransaction } from './servicing/add-transaction';
import { type LoanFilter, type LoanRow, LoanBooks, type TransactionRow } from './servicing/loan-books';
import { quotePayoff, receivableOf, replayedState, statementOf } from './servicing/loan-queries';
import { reconcile } from './servicing/reconcile';
import { recordRecovery } from './servicing/record-recovery';
import { type RepaymentInput, recordRepayment } from './servicing/record-repayment';
import { refundCredit } from './servicing/refund-credit';
import { Replays } from './servicing/replays';
import { reverseTransaction } from './servicing/reverse-transaction';
import { type ServicingDeps, bookOf } from './servicing/servicing-deps';
import { settleLoan } from './servicing/settle-loan';
import { type SettlementInput, agreeSettlement, owedForSettlement, settlementsOf } from './servicing/settlement-agreements';
import { trueUpInterest } from './servicing/true-up-interest';
import { writeOff } from './servicing/write-off';

export type { LoanFilter, LoanRow, TransactionRow } from './servicing/loan-books';
export type { SettlementInput, SettlementRow, SettlementStatus } from './servicing/settlement-agreements';
export { checkSettlementTerms } from './servicing/settlement-agreements';
export { allocationOf, termsOf, unpaidOf } from './servicing/replays';

/**
 * Servicing a loan: every transaction is stored, then the loan is replayed from its schedule and
 * all its transactions in effective-date order (so a backdated one lands where it belongs), and the
 * ledger is brought in line with the replay: an allocation that changed is reversed and re-posted.
 * The loan row is locked for the whole operation, so concurrent payments queue rather than race.
 *
 * Each command that moves money is one file under `servicing/` saying which statements it sends;
 * they stage their writes in the request's unit of work (`ctx.writes`), never open a transaction,
 * and read through the loans' repository (`servicing/loan-books.ts`). This service is the module's
 * face for them.
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
  private readonly s: ServicingDeps;

  constructor(
    deps: {
      tenants: TenantDirectory; ledger: LedgerService; audit: AuditService; limits: { defaultPageSize: number; maxPageSize: number };
      /** Transactions replayed before a snapshot is taken (0: never, and never resumed from). */
      snapshotEvery?: number;
    },
  ) {
    const snapshotEvery = deps.snapshotEvery ?? 0;
    const books = new LoanBooks(snapshotEvery > 0, deps.limits);
    this.s = { tenants: deps.tenants, ledger: deps.ledger, audit: deps.audit, books, replays: new Replays(books, snapshotEvery) };
  }

  recordRepayment(ctx: RequestContext, input: RepaymentInput) {
    return recordRepayment(this.s, ctx, input);
  }

  /** A settlement agreement: the loan closes for less once `amount` is received by `payBy` (see servicing/settlement-agreements.ts). */
  agreeSettlement(ctx: RequestContext, input: SettlementInput) {
    return agreeSettlement(this.s, ctx, input);
  }

  /** What an active loan owes today towards a settlement: its payoff without a prepayment fee. */
  async owedForSettlement(ctx: RequestContext, loanId: string) {
    const loan = await this.s.books.byIdOrThrow(ctx, loanId);
    const on = await this.s.tenants.today(ctx);
    return { loan, on, owed: await owedForSettlement(this.s, ctx, loan, on) };
  }

  /** Settlement agreements by id, loan or collection case, newest first. */
  settlements(ctx: RequestContext, by: { ids?: string[]; loanIds?: string[]; caseIds?: string[] }) {
    return settlementsOf(ctx, by);
  }

  settleLoan(ctx: RequestContext, input: RepaymentInput) {
    return settleLoan(this.s, ctx, input);
  }

  /** A fee charged or a waiver: the same path as a repayment (stored, replayed, reconciled; see servicing/add-transaction.ts). */
  addTransaction(ctx: RequestContext, loanId: string, tx: NewTransaction): Promise<{ transaction: TransactionRow; state: LoanState }> {
    return addTransaction(this.s, ctx, loanId, tx);
  }

  reverseTransaction(ctx: RequestContext, transactionId: string, reason: string): Promise<TransactionRow> {
    return reverseTransaction(this.s, ctx, transactionId, reason);
  }

  writeOff(ctx: RequestContext, loanId: string, reason: string): Promise<LoanEntity> {
    return writeOff(this.s, ctx, loanId, reason);
  }

  refundCredit(ctx: RequestContext, input: { loanId: string; amount: string; method: string; reference?: string | null; idempotencyKey: string }) {
    return refundCredit(this.s, ctx, input);
  }

  recordRecovery(ctx: RequestContext, input: RepaymentInput) {
    return recordRecovery(this.s, ctx, input);
  }

  trueUpInterest(ctx: RequestContext, loanId: string, unpaidInterest: string, today: string): Promise<void> {
    return trueUpInterest(this.s, ctx, loanId, unpaidInterest, today);
  }

  /** For other loan operations: the loan locked for this transaction. */
  lockForChange(ctx: RequestContext, id: string): Promise<LoanEntity> {
    return this.s.books.lock(ctx, id);
  }

  /**
   * Replays and reconciles the (locked) loan as of today without a new transaction. The state's
   * allocations may be only those after the snapshot the replay resumed from (see reconcile).
   */
  async refresh(ctx: RequestContext, loan: LoanEntity, today: string): Promise<LoanState> {
    const events = new LoanEvents(ctx, loan.id, today);
    const { state } = await reconcile(this.s, ctx, loan, today, await bookOf(this.s, ctx, loan, today), events);
    events.stage();
    return state;
  }

  payoffQuote(ctx: RequestContext, loanId: string, asOf?: string | null) {
    return quotePayoff(this.s, ctx, loanId, asOf);
  }

  receivable(loan: LoanEntity, state: LoanState) {
    return receivableOf(loan, state);
  }

  state(ctx: RequestContext, loan: LoanEntity, asOf?: string): Promise<LoanState> {
    return replayedState(this.s, ctx, loan, asOf);
  }

  statement(ctx: RequestContext, loanId: string, from: string, to: string) {
    return statementOf(this.s, ctx, loanId, from, to);
  }

  byIdOrThrow(ctx: RequestContext, id: string): Promise<LoanEntity> {
    return this.s.books.byIdOrThrow(ctx, id);
  }

  list(ctx: RequestContext, args: PageArgs & LoanFilter, columns: readonly LoanColumn[]): Promise<Connection<LoanRow>> {
    return this.s.books.list(ctx, args, columns);
  }

  transactions(ctx: RequestContext, loanId: string): Promise<TransactionRow[]> {
    return this.s.books.transactions(ctx, loanId);
  }

  journal(ctx: RequestContext, loanId: string) {
    return this.s.books.journal(ctx, loanId);
  }

  events(ctx: RequestContext, loanId: string) {
    return this.s.books.events(ctx, loanId);
  }
}
