import { addDaysIso } from '../../core/loan-math/calendar';
import { Dec } from '../../core/money';
import { badInput } from '../../core/domain-error';
import { isCalendarDate } from '../../platform/graphql/scalars';
import { todayIn } from '../../platform/tenancy/business-date';
import type { RequestContext } from '../../platform/tenancy/request-context';
import { emitEvent } from '../../platform/events/outbox';
import { uuidFromBytes, uuidv7 } from '../../platform/db/ids';
import { SERVER_WORKERS, withSettings } from '../../platform/db/settings';
import type { Units } from '../../platform/tenancy/units';
import { hostname } from 'node:os';
import type { LedgerService } from '../ledger';
import type { AuditCheckpointService } from '../audit';
import type { TenantDirectory } from '../../platform/tenancy/tenant-directory';
import { cobChunkSql, cobIdleSql } from './cob.sql';
import { type CobWriter, nightlySteps } from '../../core/cob';

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
  /** The date was already closed and loans behind it were caught up to it. */
  caughtUp?: boolean;
}

const NPA_THRESHOLD_DAYS = 90;

/** The day's accruals not already in a catch-up's own entry ($1 the date): the summary entry's amounts. */
export const DAY_ACCRUALS_SQL = "SELECT coalesce(sum(interest), 0)::text AS interest, coalesce(sum(penalty), 0)::text AS penalty FROM loan_accruals WHERE business_date = $1 AND kind = 'COB' AND journal_entry_id IS NULL";

/**
 * The nightly close of business for one tenant. Each business date is planned once into partitions
 * (loan id ranges), each run as one statement in its own transaction, by this process (`run`: the
 * CLI, the mutation) or by any number of workers in parallel (`start`, `runPartition`,
 * `finishIfDone`: the jobs). Work commits as it goes, a loan is never processed twice for a date, a
 * run killed mid-way resumes where it stopped, and missed dates are caught up in order, for the
 * tenant and for each loan from its own last run date. The accruals of a date are summarised into one
 * journal entry when its last partition is done; a catch-up's accruals of closed dates get their own.
 */
export class CobService {
  constructor(
    private readonly deps: {
      units: Units; tenants: TenantDirectory; ledger: LedgerService; checkpoints: AuditCheckpointService; chunkSize: number; samplePercent: number; statementTimeoutMs: number;
      /** Partitions of a date this process runs at once (`run`), each in its own transaction on its own connection. */
      parallelism?: number;
      /** What other modules write of each night, in the partition's statement (collections' cases). */
      writers?: readonly CobWriter[];
      /** Per-date steps of other modules, run in the date's completing transaction (e.g. commissions). */
      finishers?: readonly ((ctx: RequestContext, date: string) => Promise<unknown>)[];
      /** PostgreSQL work_mem for the finishers (set-based over the whole book), e.g. `64MB`. */
      workMem: string;
    },
  ) {
    this.chunkSql = cobChunkSql(nightlySteps(), deps.writers ?? []);
    this.idleSql = cobIdleSql(deps.writers ?? []);
  }

  /** The loans whose night is only the day's interest, on their own lean path (see cobIdleSql). */
  private readonly idleSql: string;

  /** The nightly steps (src/core/cob) and the registered writers as one statement per chunk and date. */
  private readonly chunkSql: string;

  /**
   * Runs every business date from the day after the last completed run up to `upTo` (inclusive); each
   * loan is processed for every date from its own last run date, so a loan behind the tenant (seeded
   * older, disbursed with a past date) catches up. When every date up to `upTo` is already closed, the
   * loans still behind are caught up to it (`caughtUp`), and nothing else is done.
   */
  async run(ctx: RequestContext, upTo: string, onProgress?: (p: CobProgress) => void, opts: { stopAfterChunks?: number } = {}): Promise<CobResult[]> {
    const dates = await this.datesToRun(ctx, upTo);
    if (dates.length === 0) return [await this.catchUp(ctx, upTo, onProgress)];
    const results: CobResult[] = [];
    for (const date of dates) results.push(await this.runDate(ctx, date, onProgress, opts));
    return results;
  }

  /**
   * The distributed form of `run`: plans the earliest business date still to run (up to `upTo`) and
   * answers its pending partitions, for the caller to hand to workers. Null when nothing is left.
   */
  async start(ctx: RequestContext, upTo: string): Promise<{ businessDate: string; pending: number[] } | null> {
    for (;;) {
      const dates = await this.datesToRun(ctx, upTo);
      if (dates.length === 0) return null;
      const plan = await this.plan(ctx, dates[0]);
      if (plan) return { businessDate: dates[0], pending: plan.filter((p) => p.status === 'PENDING').map((p) => p.partition) };
      // Another run completed the date between the two reads (its last partitions finishing together
      // each queue the next run): the next date, not a catch-up of loans that are not behind.
    }
  }

  /**
   * Runs one partition of a date, exactly once: the partition row is locked, the chunk statement and
   * the DONE mark commit together, and a second worker arriving at the same partition finds it DONE.
   */
  async runPartition(ctx: RequestContext, date: string, partition: number, worker: string): Promise<{ loans: number; accruals: number; events: number } | null> {
    return this.scoped(ctx, `cob:${date}:${partition}`, async (c) => {
      const em = await c.db();
      const [part] = await em.query('SELECT lo, hi, status FROM cob_partitions WHERE business_date = $1 AND partition_no = $2 FOR UPDATE', [date, partition]);
      if (!part || part.status === 'DONE') return null;
      const r = await this.chunk(c, part.lo, part.hi, date, false);
      await em.query(
        "UPDATE cob_partitions SET status = 'DONE', loans = $3, accruals = $4, events = $5, worker = $6, finished_at = now() WHERE business_date = $1 AND partition_no = $2",
        [date, partition, r.loans, r.accruals, r.events, worker]);
      await em.query('UPDATE cob_runs SET chunks_done = chunks_done + 1, loans_processed = loans_processed + $2 WHERE business_date = $1', [date, r.loans]);
      return { loans: r.loans, accruals: r.accruals, events: r.events };
    });
  }

  /**
   * Completes a date whose partitions are all DONE: the day's accruals as one balanced journal entry,
   * the run marked COMPLETED, `cob.finished` emitted. Called after each partition commits, so the last
   * one to finish completes it; the run row's lock makes that happen once. True when the date is complete.
   */
  async finishIfDone(ctx: RequestContext, date: string): Promise<boolean> {
    return this.scoped(ctx, `cob:${date}:finish`, async (c) => {
      const em = await c.db();
      const [run] = await em.query('SELECT status FROM cob_runs WHERE business_date = $1 FOR UPDATE', [date]);
      if (!run) return false;
      if (run.status === 'COMPLETED') return true;
      const [{ open }] = await em.query("SELECT count(*)::int AS open FROM cob_partitions WHERE business_date = $1 AND status <> 'DONE'", [date]);
      if (open > 0) return false;
      // A catch-up's accruals of this date carry their own entry; the rest are the day's summary: a
      // row for each accruing loan, summed by the database server's parallel workers.
      const [sum] = await withSettings(em, SERVER_WORKERS, () => em.query(DAY_ACCRUALS_SQL, [date]));
      let entryId: string | null = null;
      const lines = [
        { account: 'INTEREST_RECEIVABLE' as const, debit: sum.interest }, { account: 'INTEREST_INCOME' as const, credit: sum.interest },
        { account: 'PENALTY_RECEIVABLE' as const, debit: sum.penalty }, { account: 'PENALTY_INCOME' as const, credit: sum.penalty },
      ];
      if (!new Dec(sum.interest).isZero() || !new Dec(sum.penalty).isZero()) entryId = await this.deps.ledger.post(c, { kind: 'COB_ACCRUAL', businessDate: date, reference: `cob:${date}`, lines });
      await this.runFinishers(c, date);
      const [done] = await em.query(
        "WITH u AS (UPDATE cob_runs SET status = 'COMPLETED', finished_at = now(), journal_entry_id = $2 WHERE business_date = $1 RETURNING loans_processed) SELECT loans_processed::int AS loans FROM u",
        [date, entryId]);
      await emitEvent(c, { type: 'cob.finished', subjectType: 'BusinessDate', subjectId: date, data: { businessDate: date, loans: done.loans, interestAccrued: sum.interest, penaltyAccrued: sum.penalty } });
      // Each closed day anchors the audit chain outside the database (an audit.checkpoint event).
      await this.deps.checkpoints.take(c);
      return true;
    });
  }

  /**
   * In this process: plan the date, run its pending partitions `parallelism` at a time (each its own
   * transaction on its own connection, so the database's cores share the night), complete it.
   */
  private async runDate(ctx: RequestContext, date: string, onProgress?: (p: CobProgress) => void, opts: { stopAfterChunks?: number } = {}): Promise<CobResult> {
    const plan = await this.plan(ctx, date);
    if (!plan) return { businessDate: date, loans: 0, accruals: 0, events: 0, skipped: true };
    const totals = { loans: 0, accruals: 0, events: 0 };
    const worker = `${hostname()}:${process.pid}`;
    const pending = plan.filter((p) => p.status === 'PENDING');
    const allowed = opts.stopAfterChunks ?? pending.length;
    let done = plan.length - pending.length;
    let next = 0;
    let failed = false;
    const lane = async () => {
      while (!failed && next < Math.min(allowed, pending.length)) {
        const p = pending[next++];
        // A failed partition stops the other lanes taking more; what committed stays done, the rest resumes.
        const r = await this.runPartition(ctx, date, p.partition, worker).catch((e: unknown) => {
          failed = true;
          throw e;
        });
        if (r) {
          totals.loans += r.loans;
          totals.accruals += r.accruals;
          totals.events += r.events;
        }
        onProgress?.({ businessDate: date, chunk: ++done, chunks: plan.length, loans: totals.loans });
      }
    };
    const lanes = await Promise.allSettled(Array.from({ length: Math.max(1, Math.min(this.deps.parallelism ?? 1, pending.length)) }, lane));
    const failure = lanes.find((l) => l.status === 'rejected');
    if (failure) throw failure.reason;
    if (allowed < pending.length) throw new CobInterrupted(`stopped after ${allowed} chunks`);
    await this.finishIfDone(ctx, date);
    return { businessDate: date, ...totals, skipped: false };
  }

  /**
   * One chunk (loan id range) up to `date`, in the caller's transaction: every loan of the range behind
   * the date is processed for each date from the day after its own last run, in order. The loans run up
   * to the day before are run for `date` first (the idle path, then the full steps, each taking only a
   * loan run up to the day before the date it runs, so each loan runs once per date); the full steps'
   * read of the range also finds the loans further behind (`behind_from`), which are then run date by
   * date from there, the others already past each date. A partition whose loans are all current reads
   * its range twice, not three times (a read of where it starts from came first). The accruals of
   * earlier dates (and of `date` itself when it is already closed, `closed`) go to the journal here, one
   * entry per date and pass, each accrual row naming its entry; those of an open `date` are left to the
   * date's summary entry (`finishIfDone`). `loans` counts the loans at `date`.
   */
  private async chunk(c: RequestContext, lo: string, hi: string, date: string, closed: boolean): Promise<{ loans: number; accruals: number; events: number }> {
    const em = await c.db();
    // A partition is one long statement: it gets the close of business's own limit, not a request's.
    await em.query(`SET LOCAL statement_timeout = ${Math.trunc(this.deps.statementTimeoutMs)}`);
    const totals = { loans: 0, accruals: 0, events: 0 };
    const runDate = async (d: string): Promise<string | null> => {
      const entryId = d < date || closed ? uuidv7() : null;
      // The idle loans first, then the full steps over the rest of the range (the idle ones are now run for d).
      const params = [c.tenant, d, lo, hi, NPA_THRESHOLD_DAYS, entryId];
      const [idle] = await em.query(this.idleSql, params);
      const [full] = await em.query(this.chunkSql, params);
      const accruals = idle.accruals + full.accruals;
      if (d === date) totals.loans += idle.loans + full.loans;
      totals.accruals += accruals;
      totals.events += full.events;
      if (entryId && accruals > 0) {
        const interest = new Dec(idle.interest).plus(full.interest).toFixed();
        await this.deps.ledger.post(c, {
          id: entryId, kind: 'COB_ACCRUAL', businessDate: d, reference: `cob:${d}:catch-up`,
          lines: [
            { account: 'INTEREST_RECEIVABLE', debit: interest }, { account: 'INTEREST_INCOME', credit: interest },
            { account: 'PENALTY_RECEIVABLE', debit: full.penalty }, { account: 'PENALTY_INCOME', credit: full.penalty },
          ],
        });
      }
      return full.behind_from;
    };
    const behindFrom = await runDate(date);
    if (behindFrom !== null) for (let d = addDays(behindFrom, 1); d <= date; d = addDays(d, 1)) await runDate(d);
    return totals;
  }

  /**
   * Catches up the loans behind a date the tenant has already closed, in chunks of about `chunkSize`
   * loans, each its own transaction (no partitions: the date's are done). Skipped when none is behind.
   */
  async catchUp(ctx: RequestContext, date: string, onProgress?: (p: CobProgress) => void): Promise<CobResult> {
    const starts = await this.partitionStarts(ctx, date, 'last_cob_date < $1::date');
    if (starts.length === 0) {
      // Nothing behind; what happened since the date closed (a repayment, a reversal) still reaches the other modules' steps.
      await this.finishers(ctx, date, 'catch-up:finish');
      return { businessDate: date, loans: 0, accruals: 0, events: 0, skipped: true };
    }
    const totals = { loans: 0, accruals: 0, events: 0 };
    for (const [i, lo] of starts.entries()) {
      const hi = i + 1 < starts.length ? predecessor(starts[i + 1]) : MAX_UUID;
      const r = await this.scoped(ctx, `cob:${date}:catch-up:${i}`, (c) => this.chunk(c, lo, hi, date, true));
      totals.loans += r.loans;
      totals.accruals += r.accruals;
      totals.events += r.events;
      onProgress?.({ businessDate: date, chunk: i + 1, chunks: starts.length, loans: totals.loans });
    }
    // What the caught-up loans did (a default, a closing) reaches the other modules' steps too.
    await this.finishers(ctx, date, 'catch-up:finish');
    return { businessDate: date, ...totals, skipped: false, caughtUp: true };
  }

  /** The other modules' per-date steps in a transaction of their own (they are idempotent: a second run adds nothing). */
  private async finishers(ctx: RequestContext, date: string, actor: string): Promise<void> {
    if (!this.deps.finishers?.length) return;
    await this.scoped(ctx, `cob:${date}:${actor}`, (c) => this.runFinishers(c, date));
  }

  /**
   * The finishers in order, each set-based over the whole book: under the close of business's statement
   * limit, not a request's, and with its working memory (a million loans' joins spill to disk at 4MB).
   */
  private async runFinishers(c: RequestContext, date: string): Promise<void> {
    const em = await c.db();
    await em.query(`SET LOCAL statement_timeout = ${Math.trunc(this.deps.statementTimeoutMs)}`);
    await em.query("SELECT set_config('work_mem', $1, true)", [this.deps.workMem]);
    for (const finish of this.deps.finishers ?? []) await finish(c, date);
  }

  /**
   * The date's partitions, made once: loan id ranges of about `chunkSize` active loans each (the first
   * from the lowest possible id, the last to the highest, so no loan falls between). Null when the date
   * is already complete. Concurrent planners queue on the run row and the second reuses the first's plan.
   */
  private async plan(ctx: RequestContext, date: string): Promise<{ partition: number; status: 'PENDING' | 'DONE' }[] | null> {
    const tenantId = ctx.tenant;
    return this.scoped(ctx, `cob:${date}:plan`, async (c) => {
      const em = await c.db();
      await em.query(`INSERT INTO cob_runs (tenant_id, business_date, status) VALUES ($1, $2, 'RUNNING') ON CONFLICT (tenant_id, business_date) DO NOTHING`, [tenantId, date]);
      const [run] = await em.query('SELECT status FROM cob_runs WHERE business_date = $1 FOR UPDATE', [date]);
      if (run.status === 'COMPLETED') return null;
      const existing = await em.query('SELECT partition_no AS partition, status FROM cob_partitions WHERE business_date = $1 ORDER BY partition_no', [date]);
      if (existing.length) return existing;
      const found = await this.partitionStarts(c, date, '(last_cob_date IS NULL OR last_cob_date < $1::date)');
      const starts = found.length ? found : [MIN_UUID];
      const ends = starts.map((_, i) => (i + 1 < starts.length ? predecessor(starts[i + 1]) : MAX_UUID));
      await em.query(
        `INSERT INTO cob_partitions (tenant_id, business_date, partition_no, lo, hi)
         SELECT $1, $2, t.n, t.lo, t.hi FROM unnest($3::int[], $4::uuid[], $5::uuid[]) AS t(n, lo, hi)`,
        [tenantId, date, starts.map((_, i) => i), starts, ends]);
      return starts.map((_, i) => ({ partition: i, status: 'PENDING' as const }));
    });
  }

  /**
   * Where the date's ranges of about `chunkSize` active loans behind it (`behind`, on `last_cob_date`)
   * start, in id order, the first at the lowest possible id; none when no loan is behind.
   *
   * A large book is cut at the quantiles of a sample of the loans table's pages (`samplePercent`, 1 by
   * default), not by numbering every loan in order (2.4 s at a million loans, before the first partition
   * could start): the ranges still cover every id, only their sizes are approximate. A book too small
   * for the sample to say much (fewer than MIN_SAMPLED sampled loans a range, or under two ranges' worth
   * in all) is numbered exactly.
   */
  private async partitionStarts(c: RequestContext, date: string, behind: string): Promise<string[]> {
    const em = await c.db();
    const percent = this.deps.samplePercent;
    const step = Math.round((this.deps.chunkSize * percent) / 100);
    if (step >= MIN_SAMPLED) {
      const sample: { id: string }[] = await em.query(`SELECT id FROM loans TABLESAMPLE SYSTEM (${Number(percent)}) WHERE status = 'ACTIVE' AND ${behind} ORDER BY id`, [date]);
      if (sample.length >= 2 * step) return [MIN_UUID, ...sample.filter((_, i) => i > 0 && i % step === 0).map((r) => r.id)];
    }
    const bounds: { id: string }[] = await em.query(
      `SELECT id FROM (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM loans WHERE status = 'ACTIVE' AND ${behind}) s WHERE rn % $2 = 1 OR rn = 1 ORDER BY id`, [date, this.deps.chunkSize]);
    return bounds.length ? [MIN_UUID, ...bounds.slice(1).map((b) => b.id)] : [];
  }

  private async datesToRun(ctx: RequestContext, upTo: string): Promise<string[]> {
    if (!isCalendarDate(upTo)) throw badInput('date', 'a date YYYY-MM-DD');
    const tenant = await this.deps.tenants.current(ctx);
    const today = todayIn(tenant.timezone);
    if (upTo > today) throw badInput('date', `the business date ${upTo} has not begun in ${tenant.timezone} (today is ${today})`);
    // A date planned and not yet completed comes first (its loans may all be done while its completing
    // transaction still runs); then the day after the last completed; on a first run, the loans' own.
    const [{ from }] = await (await ctx.db()).query(
      `SELECT coalesce((SELECT min(business_date) FROM cob_runs WHERE status <> 'COMPLETED' AND business_date <= $1::date),
                       (SELECT max(business_date) + 1 FROM cob_runs WHERE status = 'COMPLETED'),
                       (SELECT min(last_cob_date) + 1 FROM loans WHERE status = 'ACTIVE'), $1::date)::text AS "from"`, [upTo]);
    const dates: string[] = [];
    for (let d = from as string; d <= upTo; d = addDays(d, 1)) dates.push(d);
    return dates;
  }

  /** Work in its own transaction of the caller's tenant: the run commits as it goes and holds none open. */
  private scoped<T>(ctx: RequestContext, actor: string, work: (c: RequestContext) => Promise<T>): Promise<T> {
    return this.deps.units.run({ tenantId: ctx.tenant, actor: { type: 'SYSTEM', id: actor }, roles: [], requestId: `${ctx.requestId}:${actor}` }, work);
  }
}

const MIN_UUID = '00000000-0000-0000-0000-000000000000';
const MAX_UUID = 'ffffffff-ffff-ffff-ffff-ffffffffffff';
/** The fewest sampled loans a range is cut from (at 1% and 20,000 loans a range there are 200). */
const MIN_SAMPLED = 20;

export class CobInterrupted extends Error {}

export const addDays = addDaysIso;

/** The uuid just before `id` in sort order, so consecutive chunks' ranges do not overlap. */
function predecessor(id: string): string {
  const n = BigInt(`0x${id.replace(/-/g, '')}`) - 1n;
  return uuidFromBytes(Buffer.from(n.toString(16).padStart(32, '0'), 'hex'));
}
