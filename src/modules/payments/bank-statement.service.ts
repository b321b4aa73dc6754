import { createHash } from 'node:crypto';
import {
  type LoanCandidate, type RowDecision, type StatementOptions, type StatementTotals, loanIdsIn, matchStatement, parseStatement, referenceTokens, rowKey, statementTotals,
} from '../../core/bank-statement';
import { Dec } from '../../core/money';
import { once } from '../../platform/db/idempotency';
import { asDomainError } from '../../platform/db/domain-errors';
import { todayIn } from '../../platform/tenancy/business-date';
import type { Actor, RequestContext } from '../../platform/tenancy/request-context';
import type { Role } from '../../platform/tenancy/roles';
import type { Units } from '../../platform/tenancy/units';
import type { AuditService } from '../../platform/audit/audit.service';
import type { LoanServicingService } from '../loans';
import type { TenantDirectory } from '../../platform/tenancy/tenant-directory';

/** How a bank transfer is recorded on the loan (PaymentMethod in GraphQL). */
export const BANK_TRANSFER = 'BANK_TRANSFER';
/** Rows per statement through the API (a 1 MB request holds about this many); the CLI takes more. */
export const API_MAX_ROWS = 5_000;

export interface StatementPreview {
  /** sha256 of the file as given: names the statement in the audit trail. */
  sha256: string;
  rows: RowDecision[];
  totals: StatementTotals;
}

export type ImportOutcome = 'POSTED' | 'ALREADY_IMPORTED' | 'SKIPPED' | 'FAILED';

export interface ImportedRow {
  line: number;
  status: RowDecision['status'];
  outcome: ImportOutcome;
  loanId: string | null;
  amount: string | null;
  transactionId: string | null;
  /** The error code when the posting failed (e.g. CONFLICT), else null. */
  errorCode: string | null;
  message: string;
}

export interface ImportResult {
  sha256: string;
  posted: number;
  alreadyImported: number;
  skipped: number;
  failed: number;
  postedAmount: string;
  rows: ImportedRow[];
}

/**
 * Manual payments from a bank statement: the pure core reads and matches the CSV
 * (`src/core/bank-statement`), this service loads what it matches against and posts each MATCHED
 * row as a BANK_TRANSFER repayment through `recordRepayment`, keyed `bank:<row fingerprint>` so a
 * row is posted once however often the file is imported. Each row is posted in its own transaction
 * (as the close of business commits per chunk): a row that fails is reported and the others stand.
 */
export class BankStatementService {
  constructor(private readonly deps: { units: Units; servicing: LoanServicingService; tenants: TenantDirectory; audit: AuditService }) {}

  /** What an import would do, row by row; writes nothing. */
  async preview(ctx: RequestContext, csv: string, opts: StatementOptions = { maxRows: API_MAX_ROWS }): Promise<StatementPreview> {
    const { rows } = parseStatement(csv, opts);
    const em = await ctx.db();
    const texts = rows.flatMap((r) => [r.reference, r.description]);
    const ids = [...new Set(texts.flatMap(loanIdsIn))];
    const tokens = [...new Set(texts.flatMap(referenceTokens))];
    // Only loans a reference can name are read; RLS keeps them to the caller's tenant.
    const loans: LoanCandidate[] = ids.length || tokens.length
      ? (await em.query(
        `SELECT l.id, l.status, l.disbursement_ref AS "disbursementRef", b.external_ref AS "borrowerRef", l.disbursement_date::text AS "disbursementDate",
                l.currency, l.money_decimals AS decimals
           FROM loans l JOIN borrowers b ON b.tenant_id = l.tenant_id AND b.id = l.borrower_id
          WHERE l.id = ANY($1::uuid[]) OR lower(l.disbursement_ref) = ANY($2::text[]) OR lower(b.external_ref) = ANY($2::text[])`,
        [ids, tokens],
      )).map((l: LoanCandidate) => ({ ...l, currency: l.currency.trim(), decimals: Number(l.decimals) }))
      : [];
    const keys = rows.map((r) => rowKey(r.fingerprint));
    const done: { key: string }[] = keys.length
      ? await em.query("SELECT key FROM idempotency_keys WHERE operation = 'recordRepayment' AND key = ANY($1::text[])", [keys])
      : [];
    const imported = new Set(done.map((d) => d.key.slice('bank:'.length)));
    const today = todayIn((await this.deps.tenants.current(ctx)).timezone);
    const decisions = matchStatement(rows, { today, loans, imported });
    return { sha256: sha256(csv), rows: decisions, totals: statementTotals(decisions) };
  }

  /**
   * The `importBankStatement` mutation: previews, posts the MATCHED rows (each in its own
   * transaction) and records the import in the audit trail. The same idempotency key with the same
   * file returns the first answer; with another file it is a CONFLICT.
   */
  async importStatement(ctx: RequestContext, input: { csv: string; idempotencyKey: string }, opts: StatementOptions = { maxRows: API_MAX_ROWS }): Promise<ImportResult> {
    return once(ctx, 'importBankStatement', input.idempotencyKey, { sha256: sha256(input.csv), opts }, async () => {
      const preview = await this.preview(ctx, input.csv, opts);
      const result = await this.post(ctx.tenant, ctx.actor, [...ctx.roles], preview);
      await this.deps.audit.record(ctx, {
        action: 'payments.bankStatementImported', entityType: 'BankStatement', entityId: preview.sha256,
        after: { rows: preview.totals.rows, posted: result.posted, alreadyImported: result.alreadyImported, skipped: result.skipped, failed: result.failed, postedAmount: result.postedAmount },
      });
      return result;
    });
  }

  /**
   * Posts the MATCHED rows of a preview, one transaction each, and reports every row's outcome.
   * A row another import posted in the meantime is ALREADY_IMPORTED (its key says so); a row the
   * servicing refuses (the loan closed meanwhile, a conflicting key) is FAILED with the error code.
   */
  async post(tenantId: string, actor: Actor, roles: Role[], preview: StatementPreview, onProgress?: (done: number, total: number) => void): Promise<ImportResult> {
    const matched = preview.rows.filter((d) => d.status === 'MATCHED').length;
    const rows: ImportedRow[] = [];
    let done = 0;
    for (const d of preview.rows) {
      const base = { line: d.row.line, status: d.status, loanId: d.loanId, amount: d.postAmount ?? d.row.amount, transactionId: null, errorCode: null };
      if (d.status !== 'MATCHED') {
        rows.push({ ...base, outcome: d.status === 'ALREADY_IMPORTED' ? 'ALREADY_IMPORTED' : 'SKIPPED', message: d.message });
        continue;
      }
      const key = rowKey(d.row.fingerprint);
      try {
        const posted = await this.deps.units.run({ tenantId, actor, roles, requestId: `bank-statement:${preview.sha256.slice(0, 12)}:${d.row.line}` }, async (c) => {
          const em = await c.db();
          // Two imports of one file at once: the second waits here for the first's row to commit, and
          // then reports it as imported (recordRepayment's key alone would keep it from posting twice,
          // but would answer as though this import had posted it).
          await em.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`${tenantId}:${key}`]);
          const [claimed] = await em.query("SELECT 1 FROM idempotency_keys WHERE operation = 'recordRepayment' AND key = $1", [key]);
          if (claimed) return null;
          return this.deps.servicing.recordRepayment(c, { loanId: d.loanId!, amount: d.postAmount!, paidAt: d.row.date!, method: BANK_TRANSFER, reference: d.row.reference, idempotencyKey: key });
        });
        rows.push(posted
          ? { ...base, outcome: 'POSTED', transactionId: posted.transactionId, message: d.message }
          : { ...base, outcome: 'ALREADY_IMPORTED', message: 'posted by another import meanwhile' });
      } catch (err) {
        const coded = asDomainError(err);
        // An unexpected failure is not shown to the client as such (no SQL or stack leaves the server).
        rows.push({ ...base, outcome: 'FAILED', errorCode: coded ? coded.code : 'INTERNAL', message: coded ? coded.message : 'the payment could not be posted' });
      }
      onProgress?.(++done, matched);
    }
    const count = (o: ImportOutcome) => rows.filter((r) => r.outcome === o).length;
    const amounts = rows.filter((r) => r.outcome === 'POSTED').map((r) => r.amount!);
    const decimals = Math.max(0, ...amounts.map((a) => a.split('.')[1]?.length ?? 0));
    return {
      sha256: preview.sha256, posted: count('POSTED'), alreadyImported: count('ALREADY_IMPORTED'), skipped: count('SKIPPED'), failed: count('FAILED'),
      postedAmount: amounts.reduce((sum, a) => sum.plus(a), new Dec(0)).toFixed(decimals), rows,
    };
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
