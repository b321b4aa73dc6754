import type { EntityManager } from 'typeorm';
import { type Allocation, REPLAY_ENGINE_VERSION, type LoanTransactionKind, type ReplaySnapshot } from '../../../core/servicing';
import { carriedClaim } from '../../../platform/db/idempotency';
import { queryPrepared } from '../../../platform/db/prepared';
import { shiftPlaceholders } from '../../../platform/db/sql-batch';
import { SqlWhere } from '../../../platform/db/sql-where';
import { type Connection, type PageArgs, decodeCursor, pageSize, toConnection } from '../../../platform/graphql/connection';
import { notFound } from '../../../core/domain-error';
import { agentLoanScopeSql } from '../../../platform/tenancy/agent-scope';
import type { RequestContext } from '../../../platform/tenancy/request-context';
import { LoanEntity, type LoanStatus } from '../loan.entity';
import { LOAN_COLUMNS, type LoanColumn } from '../loan.mapper';

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

/** The loan's open settlement agreement, with what was paid towards it (money received from its day to its last). */
export interface OpenSettlement {
  id: string;
  amount: string;
  agreedOn: string;
  payBy: string;
  paid: string;
}

/** The open settlement of loan `l`, as OpenSettlement (a probe of the one-open index; null for nearly every loan). */
const OPEN_SETTLEMENT = `(SELECT json_build_object('id', s.id, 'amount', s.amount::text, 'agreedOn', s.agreed_on::text, 'payBy', s.pay_by::text,
    'paid', (SELECT coalesce(sum(t.amount), 0)::text FROM loan_transactions t WHERE t.tenant_id = s.tenant_id AND t.loan_id = s.loan_id
             AND t.kind IN ('REPAYMENT', 'SETTLEMENT') AND t.status = 'POSTED' AND t.effective_date BETWEEN s.agreed_on AND s.pay_by))
  FROM loan_settlements s WHERE s.tenant_id = l.tenant_id AND s.loan_id = l.id AND s.status = 'OPEN')`;

export interface LoanFilter {
  status?: LoanStatus | null;
  bucket?: string | null;
  dpdMin?: number | null;
  productId?: string | null;
  borrowerId?: string | null;
  agentId?: string | null;
}

/**
 * The loans' repository: every SQL shape servicing reads a loan with (the row locked with its book,
 * the book, lists, transactions, journal, events), typed. Writes are staged by the commands in the
 * unit of work (ctx.writes), where each command shows them.
 */
export class LoanBooks {
  constructor(
    /** Whether books are read from the latest replay snapshot (snapshots are on). */
    readonly snapshotting: boolean,
    private readonly limits: { defaultPageSize: number; maxPageSize: number },
  ) {}

  /**
   * The loan row locked, with what a replay needs (transactions, postings, accrued penalties) and
   * the tenant's time zone, in one statement. Waiting for the lock leaves the statement's snapshot
   * older than the row it locked: when the row changed meanwhile (a concurrent payment committed),
   * the read is repeated, now under the lock, so the rest matches the row.
   */
  async lockWithBook(ctx: RequestContext, id: string, before: string | null = null): Promise<{ loan: LoanEntity; book: LoanBook; timezone: string; settlement: OpenSettlement | null }> {
    const em = await ctx.db();
    const light = this.snapshotting;
    for (;;) {
      // The first read carries the operation's idempotency claim, when it asked to (see carriedClaim).
      const claim = carriedClaim(ctx);
      const carried = claim ? claim.statement() : null;
      const own: unknown[] = light ? [id, before] : [id];
      const params: unknown[] = [...own, ...(carried?.params ?? [])];
      const [row] = await queryPrepared<Record<string, any>>(em, lockWithBookSql(em, light, carried?.sql ?? null), params);
      if (carried) {
        if (row) claim!.settle(row._claimed > 0);
        else await claim!.settleFromTable();
      }
      if (!row || (ctx.hasRole('BORROWER') && row.borrowerId !== ctx.borrowerId)) throw notFound('Loan', id);
      if (row._locked !== row._seen) continue;
      const { _locked, _seen, _timezone, _settlement, _transactions, _postings, _accrued, _closed, _claimed, _snapshots, _resume, _resumeId, _recent, ...columns } = row;
      return { loan: Object.assign(new LoanEntity(), columns), book: bookOf(row), timezone: _timezone, settlement: _settlement };
    }
  }

  /**
   * What a replay needs of a loan whose row the transaction holds: from its latest snapshot when
   * snapshots are on (unless `whole`), else its whole history.
   */
  async readBook(ctx: RequestContext, loanId: string, opts: { whole?: boolean } = {}): Promise<LoanBook> {
    const light = this.snapshotting && !opts.whole;
    const [row] = await queryPrepared<Record<string, any>>(await ctx.db(),
      `SELECT ${bookColumns(light)} FROM loans l ${light ? RESUME_JOIN('$2') : ''} WHERE l.id = $1`, light ? [loanId, null] : [loanId]);
    return bookOf(row);
  }

  /** The loan row locked for this transaction (without its book). */
  async lock(ctx: RequestContext, id: string): Promise<LoanEntity> {
    const em = await ctx.db();
    const [row] = await queryPrepared<Record<string, unknown>>(em, `SELECT ${loanColumns(em)} FROM loans l WHERE l.id = $1 FOR UPDATE OF l`, [id]);
    if (!row || (ctx.hasRole('BORROWER') && row.borrowerId !== ctx.borrowerId)) throw notFound('Loan', id);
    return Object.assign(new LoanEntity(), row);
  }

  async byIdOrThrow(ctx: RequestContext, id: string): Promise<LoanEntity> {
    const em = await ctx.db();
    const loan = await em.getRepository(LoanEntity).findOneBy({ id });
    if (!loan || (ctx.hasRole('BORROWER') && loan.borrowerId !== ctx.borrowerId)) throw notFound('Loan', id);
    // An agent's key reaches the loans its agents referred (and an agency's placed ones) only.
    if (ctx.referringAgent && !(await em.query(`SELECT 1 FROM loans l WHERE l.id = $1 AND ${agentLoanScopeSql('$2')}`, [id, ctx.referringAgent])).length) throw notFound('Loan', id);
    return loan;
  }

  /** The latest snapshot at or before `on` and the transactions after it, in one statement (for a quote). */
  async resumeAt(ctx: RequestContext, loanId: string, on: string): Promise<{ resume: ReplaySnapshot | null; transactions: TransactionRow[] } | null> {
    const [row] = await queryPrepared<{ resume: ReplaySnapshot | null; transactions: TransactionJson[] }>(await ctx.db(),
      `SELECT r.state AS resume, ${transactionsJson(true)} AS transactions FROM loans l ${RESUME_JOIN('$2')} WHERE l.id = $1`, [loanId, on]);
    return row ? { resume: row.resume, transactions: transactionRows(row.transactions) } : null;
  }

  /** A transaction's loan, status and kind (null when there is none the caller may see). */
  async transactionRef(ctx: RequestContext, transactionId: string): Promise<{ loanId: string; status: string; kind: string; effectiveDate: string } | null> {
    const [row] = await (await ctx.db()).query('SELECT loan_id AS "loanId", status, kind, effective_date::text AS "effectiveDate" FROM loan_transactions WHERE id = $1', [transactionId]);
    return row ?? null;
  }

  /**
   * A page of loans, newest id first, reading only `columns` (see LOAN_COLUMNS): a list never loads
   * the frozen schedule or the servicing terms. One prepared statement per column set and filter
   * combination, in the request's transaction (so under its row-level security).
   */
  async list(ctx: RequestContext, args: PageArgs & LoanFilter, columns: readonly LoanColumn[]): Promise<Connection<LoanRow>> {
    const size = pageSize(args, this.limits);
    const where = new SqlWhere();
    if (args.after) where.and('l.id < ?', decodeCursor(args.after));
    if (ctx.hasRole('BORROWER')) where.and('l.borrower_id = ?', ctx.borrowerId);
    if (ctx.referringAgent) where.and(agentLoanScopeSql('?'), ctx.referringAgent, ctx.referringAgent);
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

}

/** What a replay of one loan reads besides the loan row. */
export interface LoanBook {
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
export interface StoredSnapshot {
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

export type TransactionJson = Omit<TransactionRow, 'reversedAt' | 'createdAt'> & { reversedAt: string | null; createdAt: string };

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

/**
 * lockWithBook's text, with or without the snapshot it resumes from and the claim it carries (`claim`,
 * whose placeholders follow the loan's): composed once per shape, so a repayment neither rebuilds
 * nor rehashes a statement of a few kilobytes.
 */
function lockWithBookSql(em: EntityManager, light: boolean, claim: string | null): string {
  const key = `${light ? 'resume' : 'whole'}:${claim ?? ''}`;
  let sql = LOCK_WITH_BOOK.get(key);
  if (sql === undefined) {
    sql = `${claim ? `WITH claim AS (${shiftPlaceholders(claim, light ? 2 : 1)}) ` : ''}
         SELECT ${loanColumns(em)}, l.xmin::text AS "_locked", (SELECT x.xmin::text FROM loans x WHERE x.tenant_id = l.tenant_id AND x.id = l.id) AS "_seen",
                (SELECT timezone FROM tenants WHERE id = l.tenant_id) AS "_timezone", ${OPEN_SETTLEMENT} AS "_settlement", ${bookColumns(light)}${claim ? ', (SELECT count(*) FROM claim)::int AS "_claimed"' : ''}
         FROM loans l ${light ? RESUME_JOIN('$2') : ''} WHERE l.id = $1 FOR UPDATE OF l`;
    LOCK_WITH_BOOK.set(key, sql);
  }
  return sql;
}
const LOCK_WITH_BOOK = new Map<string, string>();

let loanSelect: string | undefined;
/** The loan entity's columns under its property names (dates as text, as TypeORM returns them), for raw reads. */
function loanColumns(em: EntityManager): string {
  loanSelect ??= em.connection.getMetadata(LoanEntity).columns
    .map((c) => `l.${c.databaseName}${c.type === 'date' ? '::text' : ''} AS "${c.propertyName}"`)
    .join(', ');
  return loanSelect;
}

