import { DEFAULT_BUCKETS } from '../../core/servicing';
import { Dec } from '../../core/money';
import { badInput } from '../../platform/graphql/errors';
import { isCalendarDate } from '../../platform/graphql/scalars';
import { todayIn } from '../../platform/tenancy/business-date';
import type { RequestContext } from '../../platform/tenancy/request-context';
import { emitEvent } from '../events/outbox';
import { runInContext } from '../../platform/tenancy/run-in-context';
import type { DataSource } from 'typeorm';
import type { LedgerService } from '../ledger/ledger.service';
import type { TenantService } from '../tenancy/tenant.service';
import { bucketCaseSql, cobChunkSql } from './cob.sql';

export interface CobProgress {
  businessDate: string;
  chunk: number;
  chunks: number;
  loans: number;
}

export interface CobResult {
  businessDate: string;
  loans: number;
  accruals: number;
  events: number;
  skipped: boolean;
}

const NPA_THRESHOLD_DAYS = 90;

/**
 * The nightly close of business for one tenant. Each business date runs in chunks of loans (id
 * ranges), each chunk one statement in its own transaction: work is committed as it goes, a loan is
 * never processed twice for a date, and a run killed mid-way resumes where it stopped. Missed dates
 * are caught up in order. The accruals of a date are summarised into one journal entry at the end.
 */
export class CobService {
  constructor(
    private readonly deps: { dataSource: () => DataSource; tenants: TenantService; ledger: LedgerService; chunkSize: number },
  ) {}

  /** Runs every business date from the day after the last completed run up to `upTo` (inclusive). */
  async run(ctx: RequestContext, upTo: string, onProgress?: (p: CobProgress) => void, opts: { stopAfterChunks?: number } = {}): Promise<CobResult[]> {
    if (!isCalendarDate(upTo)) throw badInput('date', 'a date YYYY-MM-DD');
    const tenant = await this.deps.tenants.current(ctx);
    const today = todayIn(tenant.timezone);
    if (upTo > today) throw badInput('date', `the business date ${upTo} has not begun in ${tenant.timezone} (today is ${today})`);
    const em = await ctx.db();
    const [{ from }] = await em.query(
      `SELECT coalesce((SELECT max(business_date) + 1 FROM cob_runs WHERE status = 'COMPLETED'),
                       (SELECT min(last_cob_date) + 1 FROM loans WHERE status = 'ACTIVE'), $1::date)::text AS "from"`, [upTo]);
    const dates: string[] = [];
    for (let d = from as string; d <= upTo; d = addDays(d, 1)) dates.push(d);
    if (dates.length === 0) return [{ businessDate: upTo, loans: 0, accruals: 0, events: 0, skipped: true }];
    const results: CobResult[] = [];
    for (const date of dates) results.push(await this.runDate(ctx, date, onProgress, opts));
    return results;
  }

  private async runDate(ctx: RequestContext, date: string, onProgress?: (p: CobProgress) => void, opts: { stopAfterChunks?: number } = {}): Promise<CobResult> {
    const tenantId = ctx.tenant;
    // Chunks are committed in their own transactions, so the run itself does not hold one open.
    const scoped = <T>(work: (c: RequestContext) => Promise<T>) =>
      runInContext(this.deps.dataSource(), { tenantId, actor: { type: 'SYSTEM', id: `cob:${date}` }, roles: [], requestId: `${ctx.requestId}:${date}` }, work);
    const done = await scoped(async (c) => {
      const em = await c.db();
      await em.query(`INSERT INTO cob_runs (tenant_id, business_date, status) VALUES ($1, $2, 'RUNNING') ON CONFLICT (tenant_id, business_date) DO NOTHING`, [tenantId, date]);
      const [run] = await em.query('SELECT status FROM cob_runs WHERE business_date = $1', [date]);
      return run.status === 'COMPLETED';
    });
    if (done) return { businessDate: date, loans: 0, accruals: 0, events: 0, skipped: true };

    const bounds: { id: string }[] = await scoped(async (c) =>
      (await c.db()).query(
        `SELECT id FROM (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM loans WHERE status = 'ACTIVE' AND (last_cob_date IS NULL OR last_cob_date < $1::date)) s
         WHERE rn % $2 = 1 OR rn = 1 ORDER BY id`, [date, this.deps.chunkSize]));
    const sql = cobChunkSql(bucketCaseSql(DEFAULT_BUCKETS));
    const totals = { loans: 0, accruals: 0, events: 0 };
    for (let i = 0; i < bounds.length; i++) {
      if (opts.stopAfterChunks !== undefined && i >= opts.stopAfterChunks) throw new CobInterrupted(`stopped after ${i} chunks`);
      const lo = bounds[i].id;
      const hi = i + 1 < bounds.length ? predecessor(bounds[i + 1].id) : 'ffffffff-ffff-ffff-ffff-ffffffffffff';
      const [r] = await scoped(async (c) => (await c.db()).query(sql, [tenantId, date, lo, hi, NPA_THRESHOLD_DAYS]));
      totals.loans += r.loans;
      totals.accruals += r.accruals;
      totals.events += r.events;
      await scoped(async (c) => (await c.db()).query('UPDATE cob_runs SET chunks_done = chunks_done + 1, loans_processed = loans_processed + $2 WHERE business_date = $1', [date, r.loans]));
      onProgress?.({ businessDate: date, chunk: i + 1, chunks: bounds.length, loans: totals.loans });
    }
    // The day's accruals as one balanced journal entry (sub-ledger detail stays in loan_accruals).
    await scoped(async (c) => {
      const em = await c.db();
      const [run] = await em.query('SELECT status, journal_entry_id FROM cob_runs WHERE business_date = $1 FOR UPDATE', [date]);
      if (run.status === 'COMPLETED') return;
      const [sum] = await em.query("SELECT coalesce(sum(interest), 0)::text AS interest, coalesce(sum(penalty), 0)::text AS penalty FROM loan_accruals WHERE business_date = $1 AND kind = 'COB'", [date]);
      let entryId: string | null = null;
      const lines = [
        { account: 'INTEREST_RECEIVABLE' as const, debit: sum.interest }, { account: 'INTEREST_INCOME' as const, credit: sum.interest },
        { account: 'PENALTY_RECEIVABLE' as const, debit: sum.penalty }, { account: 'PENALTY_INCOME' as const, credit: sum.penalty },
      ];
      if (!new Dec(sum.interest).isZero() || !new Dec(sum.penalty).isZero()) entryId = await this.deps.ledger.post(c, { kind: 'COB_ACCRUAL', businessDate: date, reference: `cob:${date}`, lines });
      const [done] = await em.query(
        "WITH u AS (UPDATE cob_runs SET status = 'COMPLETED', finished_at = now(), journal_entry_id = $2 WHERE business_date = $1 RETURNING loans_processed) SELECT loans_processed::int AS loans FROM u",
        [date, entryId]);
      await emitEvent(c, { type: 'cob.finished', subjectType: 'BusinessDate', subjectId: date, data: { businessDate: date, loans: done.loans, interestAccrued: sum.interest, penaltyAccrued: sum.penalty } });
    });
    return { businessDate: date, ...totals, skipped: false };
  }
}

export class CobInterrupted extends Error {}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The uuid just before `id` in sort order, so consecutive chunks' ranges do not overlap. */
function predecessor(id: string): string {
  const hex = id.replace(/-/g, '');
  const n = BigInt(`0x${hex}`) - 1n;
  const h = n.toString(16).padStart(32, '0');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

