import { type AccountMapping, DEFAULT_CHART, type JournalLine, balancedLines, balancesByRole, loanAccountMapping, mapLines } from '../../core/ledger/journal';
import { Dec } from '../../core/money';
import { uuidv7 } from '../../platform/db/ids';
import type { RequestContext } from '../../platform/tenancy/request-context';

export interface JournalEntryInput {
  /** The entry's id when the caller has already referred to it (e.g. from sub-ledger rows); new otherwise. */
  id?: string;
  kind: string;
  businessDate: string;
  loanId?: string | null;
  reference?: string | null;
  lines: JournalLine[];
}

const MAPPINGS = Symbol('loan account mappings');
const CHART_STAGED = Symbol('chart of accounts staged');

export class AccountTypeChange extends Error {
  constructor(readonly code: string, readonly type: string) {
    super(`account ${code} is ${type}; its type cannot change`);
  }
}

/** The double-entry ledger: every money movement is one balanced, append-only journal entry. */
export class LedgerService {
  /** Tenants whose chart is known to exist; seeding it is idempotent, so a stale entry costs nothing. */
  private readonly charted = new Set<string>();

  /**
   * Posts in the caller's unit of work: the entry and its lines are staged (two appends) with the
   * change they record, and commit with it. Lines name account roles; a loan's entry goes to its
   * product's accounts where the product maps them. Answers the entry's id.
   */
  async post(ctx: RequestContext, entry: JournalEntryInput, mapping?: AccountMapping | null): Promise<string> {
    const lines = mapLines(balancedLines(entry.lines), mapping !== undefined ? mapping : entry.loanId ? await this.mappingOf(ctx, entry.loanId) : null);
    this.ensureChart(ctx);
    const id = entry.id ?? uuidv7();
    ctx.writes.add('INSERT INTO journal_entries (tenant_id, id, kind, business_date, loan_id, reference) VALUES ($1, $2, $3, $4, $5, $6)', [
      ctx.tenant, id, entry.kind, entry.businessDate, entry.loanId ?? null, entry.reference ?? null,
    ]);
    const values: unknown[] = [ctx.tenant, id];
    const rows = lines.map((l, i) => {
      values.push(i + 1, l.account, l.debit ?? '0', l.credit ?? '0');
      const b = 2 + i * 4;
      return `($1::uuid, $2::uuid, $${b + 1}::smallint, $${b + 2}::text, $${b + 3}::numeric, $${b + 4}::numeric)`;
    });
    ctx.writes.add(`INSERT INTO journal_lines (tenant_id, entry_id, line_no, account_code, debit, credit) VALUES ${rows.join(', ')}`, values);
    return id;
  }

  /**
   * Many entries of no loan's mapping at once (a night's commissions): each balanced as `post` checks
   * it, all staged as two statements whatever their number. Answers the entries' ids in order.
   */
  async postMany(ctx: RequestContext, entries: JournalEntryInput[]): Promise<string[]> {
    if (!entries.length) return [];
    this.ensureChart(ctx);
    const ids = entries.map((e) => e.id ?? uuidv7());
    const heads = entries.map((e, i) => ({ id: ids[i], kind: e.kind, date: e.businessDate, loan: e.loanId ?? null, ref: e.reference ?? null }));
    const lines = entries.flatMap((e, i) => balancedLines(e.lines).map((l, n) => ({ entry: ids[i], no: n + 1, account: l.account, debit: l.debit ?? '0', credit: l.credit ?? '0' })));
    ctx.writes.add(
      `INSERT INTO journal_entries (tenant_id, id, kind, business_date, loan_id, reference)
       SELECT $1::uuid, e.id, e.kind, e.date, e.loan, e.ref FROM jsonb_to_recordset($2::jsonb) AS e (id uuid, kind text, date date, loan uuid, ref text)`,
      [ctx.tenant, JSON.stringify(heads)]);
    ctx.writes.add(
      `INSERT INTO journal_lines (tenant_id, entry_id, line_no, account_code, debit, credit)
       SELECT $1::uuid, l.entry, l.no, l.account, l.debit, l.credit FROM jsonb_to_recordset($2::jsonb) AS l (entry uuid, no smallint, account text, debit numeric, credit numeric)`,
      [ctx.tenant, JSON.stringify(lines)]);
    return ids;
  }

  /** The account mapping a loan was booked with (read once per transaction). */
  async mappingOf(ctx: RequestContext, loanId: string): Promise<AccountMapping | null> {
    const cache = ctx.transactionState(MAPPINGS, () => new Map<string, AccountMapping | null>());
    if (!cache.has(loanId)) {
      const [row] = await (await ctx.db()).query("SELECT servicing_terms -> 'accounts' AS accounts FROM loans WHERE id = $1", [loanId]);
      cache.set(loanId, loanAccountMapping({ accounts: row?.accounts as AccountMapping | null }));
    }
    return cache.get(loanId)!;
  }

  /** A loan's balances by account role (whatever accounts its product maps them to). */
  async loanBalances(ctx: RequestContext, loanId: string): Promise<Record<string, string>> {
    return balancesByRole(await this.balances(ctx, loanId), await this.mappingOf(ctx, loanId));
  }

  /**
   * A loan's own view of the ledger by account role: its journal entries plus its share of the
   * nightly accrual entries (posted tenant-wide, one per business date, and kept per loan in the
   * accrual sub-ledger), so a loan's receivables reconcile with what the loan owes.
   */
  async loanLedger(ctx: RequestContext, loanId: string): Promise<Record<string, string>> {
    const byRole = await this.loanBalances(ctx, loanId);
    const [accrued] = await (await ctx.db()).query(
      "SELECT coalesce(sum(interest), 0)::text AS interest, coalesce(sum(penalty), 0)::text AS penalty FROM loan_accruals WHERE loan_id = $1 AND kind = 'COB'", [loanId]);
    const add = (role: string, amount: Dec) => {
      if (amount.isZero()) return;
      byRole[role] = new Dec(byRole[role] ?? '0').plus(amount).toFixed();
    };
    add('INTEREST_RECEIVABLE', new Dec(accrued.interest));
    add('INTEREST_INCOME', new Dec(accrued.interest).neg());
    add('PENALTY_RECEIVABLE', new Dec(accrued.penalty));
    add('PENALTY_INCOME', new Dec(accrued.penalty).neg());
    return byRole;
  }

  /** Adds or renames an account of the tenant's chart; a default account keeps its type. */
  async setAccount(ctx: RequestContext, code: string, name: string, type: string): Promise<void> {
    this.ensureChart(ctx);
    const em = await ctx.db();
    const [existing] = await em.query('SELECT type FROM ledger_accounts WHERE code = $1', [code]);
    if (existing && existing.type !== type) throw new AccountTypeChange(code, existing.type);
    await em.query('INSERT INTO ledger_accounts (tenant_id, code, name, type) VALUES ($1, $2, $3, $4) ON CONFLICT (tenant_id, code) DO UPDATE SET name = EXCLUDED.name', [ctx.tenant, code, name, type]);
  }

  async accounts(ctx: RequestContext): Promise<{ code: string; name: string; type: string }[]> {
    this.ensureChart(ctx);
    return (await ctx.db()).query('SELECT code, name, type FROM ledger_accounts ORDER BY code');
  }

  /** Account balances (debit minus credit) of one loan, or of the whole book. */
  async balances(ctx: RequestContext, loanId?: string): Promise<Record<string, string>> {
    const rows: { account_code: string; balance: string }[] = await (await ctx.db()).query(
      `SELECT l.account_code, (sum(l.debit) - sum(l.credit))::text AS balance
       FROM journal_lines l JOIN journal_entries e ON e.tenant_id = l.tenant_id AND e.id = l.entry_id
       WHERE ($1::uuid IS NULL OR e.loan_id = $1) GROUP BY l.account_code ORDER BY 1`,
      [loanId ?? null],
    );
    return Object.fromEntries(rows.map((r) => [r.account_code, r.balance]));
  }

  /** Every account's debits, credits and balance for entries of business dates up to `asOf`. */
  async trialBalance(ctx: RequestContext, asOf: string) {
    this.ensureChart(ctx);
    const lines: { account: string; name: string; type: string; debit: string; credit: string; balance: string }[] = await (await ctx.db()).query(
      `SELECT a.code AS account, a.name, a.type,
              coalesce(sum(l.debit), 0)::numeric(18,4)::text AS debit, coalesce(sum(l.credit), 0)::numeric(18,4)::text AS credit,
              (coalesce(sum(l.debit), 0) - coalesce(sum(l.credit), 0))::numeric(18,4)::text AS balance
       FROM ledger_accounts a
       LEFT JOIN (journal_lines l JOIN journal_entries e ON e.tenant_id = l.tenant_id AND e.id = l.entry_id AND e.business_date <= $1)
         ON l.tenant_id = a.tenant_id AND l.account_code = a.code
       GROUP BY a.code, a.name, a.type ORDER BY a.code`,
      [asOf],
    );
    const sum = (k: 'debit' | 'credit') => lines.reduce((acc, l) => acc.plus(l[k]), new Dec(0));
    return { asOf, lines, totalDebit: sum('debit').toFixed(4), totalCredit: sum('credit').toFixed(4), balanced: sum('debit').eq(sum('credit')) };
  }

  /**
   * The tenant's chart of accounts, staged with the first entry this process posts for the tenant
   * (an insert that leaves existing accounts alone), so no read interrupts the unit's statement;
   * remembered once that transaction commits.
   */
  private ensureChart(ctx: RequestContext): void {
    if (this.charted.has(ctx.tenant)) return;
    const staged = ctx.transactionState(CHART_STAGED, () => new Set<string>());
    if (staged.has(ctx.tenant)) return;
    staged.add(ctx.tenant);
    const values = DEFAULT_CHART.flatMap((a) => [ctx.tenant, a.code, a.name, a.type]);
    const rows = DEFAULT_CHART.map((_, i) => `($${i * 4 + 1}, $${i * 4 + 2}, $${i * 4 + 3}, $${i * 4 + 4})`);
    ctx.writes.add(`INSERT INTO ledger_accounts (tenant_id, code, name, type) VALUES ${rows.join(', ')} ON CONFLICT DO NOTHING`, values);
    const tenant = ctx.tenant;
    ctx.onAfterCommit(async () => {
      this.charted.add(tenant);
    });
  }

}
