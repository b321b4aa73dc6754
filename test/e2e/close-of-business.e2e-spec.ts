import { Client } from 'pg';
import { Dec } from '../../src/core/money';
import { addDays } from '../../src/modules/cob/cob.service';
import { cli } from '../support/cli';
import { REPAY, ageLoan, autoLender, disbursedLoan } from '../support/loans';
import { eventually } from '../support/eventually';
import { type TestApp, startTestApp } from '../support/test-app';

describe('close of business', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ env: { COB_CHUNK_SIZE: '2' } });
  });
  afterAll(() => app.close());

  const accruals = (loanId: string) =>
    app.ownerQuery("SELECT business_date::text AS d, interest::text, penalty::text FROM loan_accruals WHERE loan_id = $1 AND kind = 'COB' ORDER BY business_date", [loanId]);
  const loanRow = async (loanId: string) => (await app.ownerQuery('SELECT dpd, bucket, non_accrual, last_cob_date::text AS last, overdue_principal::text AS op FROM loans WHERE id = $1', [loanId]))[0];
  const today = () => new Date().toISOString().slice(0, 10);

  async function agedLender(days: number, loans = 1) {
    const lender = await autoLender(app);
    await app.ownerQuery("UPDATE tenants SET timezone = 'UTC' WHERE slug = $1", [lender.slug]);
    const made = [];
    for (let i = 0; i < loans; i++) {
      const { loanId } = await disbursedLoan(app, lender, { amount: '12000.00', termCount: 6 });
      made.push({ loanId, ...(await ageLoan(app, loanId, days)) });
    }
    return { lender, loans: made };
  }

  it('accrues each period’s interest day by day, adding up exactly to the scheduled interest, across month ends and 29 February', async () => {
    // Age the loan so that its schedule runs through February 2024.
    const days = Math.round((Date.parse(today()) - Date.parse('2024-01-20')) / 86_400_000);
    const { lender, loans } = await agedLender(days);
    const { loanId, dueDates, start } = loans[0];
    expect(start).toBe('2024-01-20');
    const res = await cli(app.config, 'cob', 'run', '--tenant', lender.slug, '--date', dueDates[2]);
    expect(res.code).toBe(0);
    const rows = await accruals(loanId);
    const [sched] = await app.ownerQuery('SELECT schedule FROM loans WHERE id = $1', [loanId]);
    // Every day from the day after the start has its accrual row (no missed or doubled date).
    expect(rows[0].d).toBe(addDays(start, 1));
    expect(rows.map((r) => r.d)).toContain('2024-02-29');
    for (let k = 0; k < 3; k++) {
      const from = k === 0 ? start : dueDates[k - 1];
      const inPeriod = rows.filter((r) => r.d > from && r.d <= dueDates[k]);
      const total = inPeriod.reduce((acc, r) => acc.plus(r.interest), new Dec(0));
      expect(total.toFixed(2)).toBe(new Dec(sched.schedule[k].interest).toFixed(2));
    }
    // Nothing was paid: the first instalment has been overdue since the day after its due date.
    const row = await loanRow(loanId);
    expect(row.last).toBe(dueDates[2]);
    expect(row.dpd).toBe((Date.parse(dueDates[2]) - Date.parse(dueDates[0])) / 86_400_000);
    expect(Number(row.op)).toBeGreaterThan(0);
    const events = await app.ownerQuery("SELECT kind, business_date::text AS d, data FROM loan_events WHERE loan_id = $1 AND kind = 'BUCKET_CHANGED' ORDER BY business_date", [loanId]);
    expect(events[0]).toMatchObject({ d: addDays(dueDates[0], 1), data: { from: 'CURRENT', to: '1-30' } });
    const warnings = await app.ownerQuery("SELECT kind, business_date::text AS d, data FROM loan_events WHERE loan_id = $1 AND kind IN ('INSTALLMENT_OVERDUE', 'EARLY_WARNING') ORDER BY business_date, kind", [loanId]);
    expect(warnings.map((w) => [w.kind, w.d, w.data.installment ?? w.data.signal])).toEqual([
      ['EARLY_WARNING', addDays(dueDates[0], 1), 'FIRST_MISSED_PAYMENT'],
      ['INSTALLMENT_OVERDUE', addDays(dueDates[0], 1), 1],
      ['INSTALLMENT_OVERDUE', addDays(dueDates[1], 1), 2],
    ]);
    // Penalty interest accrues on the overdue principal from the day after the due date.
    expect(rows.find((r) => r.d === addDays(dueDates[0], 1))!.penalty).not.toBe('0.0000');
    expect(rows.find((r) => r.d === dueDates[0])!.penalty).toBe('0.0000');
    // The day's accruals are one balanced journal entry per business date.
    const gl = await app.ownerQuery("SELECT count(*)::int AS n FROM journal_entries WHERE kind = 'COB_ACCRUAL' AND tenant_id = (SELECT tenant_id FROM loans WHERE id = $1)", [loanId]);
    expect(gl[0].n).toBe(rows.length);
  });

  it('changes nothing when a date is run twice, and catches up missed dates in order', async () => {
    const { lender, loans } = await agedLender(20, 3);
    const first = await cli(app.config, 'cob', 'run', '--tenant', lender.slug, '--date', addDays(today(), -10));
    expect(first.code).toBe(0);
    const before = await app.ownerQuery("SELECT count(*)::int AS n, sum(interest)::text AS s FROM loan_accruals WHERE loan_id = ANY($1) AND kind = 'COB'", [loans.map((l) => l.loanId)]);
    const again = await cli(app.config, 'cob', 'run', '--tenant', lender.slug, '--date', addDays(today(), -10));
    expect(again.out.trim()).toBe(`${addDays(today(), -10)}: already closed`);
    expect(await app.ownerQuery("SELECT count(*)::int AS n, sum(interest)::text AS s FROM loan_accruals WHERE loan_id = ANY($1) AND kind = 'COB'", [loans.map((l) => l.loanId)])).toEqual(before);
    const catchUp = await cli(app.config, 'cob', 'run', '--tenant', lender.slug, '--date', addDays(today(), -1));
    expect(catchUp.out.trim().split('\n')).toHaveLength(9);
    for (const l of loans) expect((await loanRow(l.loanId)).last).toBe(addDays(today(), -1));
  });

  it('runs a loan further behind than the others of its partition date by date, one accrual a date, each date its own catch-up entry', async () => {
    // The lender's nights have run to yesterday; then a loan is booked six days back (a migrated loan).
    const { lender, loans } = await agedLender(3);
    const current = loans[0].loanId;
    expect((await cli(app.config, 'cob', 'run', '--tenant', lender.slug, '--date', addDays(today(), -1))).code).toBe(0);
    const { loanId: late } = await disbursedLoan(app, lender, { amount: '12000.00', termCount: 6 });
    const { start } = await ageLoan(app, late, 6);
    // Tonight's one date: both loans in one partition (2 loans a partition here), one a day behind, one six.
    expect((await cli(app.config, 'cob', 'run', '--tenant', lender.slug, '--date', today())).code).toBe(0);
    const rows = await accruals(late);
    expect(rows.map((r) => r.d)).toEqual([1, 2, 3, 4, 5, 6].map((k) => addDays(start, k)));
    expect((await accruals(current)).map((r) => r.d)).toEqual([-2, -1, 0].map((k) => addDays(today(), k)));
    // Cumulative rounding day by day: the rows add up to what the loan has accrued in its period.
    const [row] = await app.ownerQuery('SELECT accrued_in_period::text AS acc, last_cob_date::text AS last FROM loans WHERE id = $1', [late]);
    expect(row.last).toBe(today());
    expect(rows.reduce((acc, r) => acc.plus(r.interest), new Dec(0)).eq(row.acc)).toBe(true);
    // The dates before tonight's are closed: their accruals went to a catch-up entry of their own date.
    const entries = await app.ownerQuery(
      `SELECT a.business_date::text AS d, e.business_date::text AS entry_date, e.reference FROM loan_accruals a JOIN journal_entries e ON e.id = a.journal_entry_id
       WHERE a.loan_id = $1 ORDER BY a.business_date`, [late]);
    expect(entries.map((e) => [e.d, e.entry_date, e.reference])).toEqual([1, 2, 3, 4, 5].map((k) => [addDays(start, k), addDays(start, k), `cob:${addDays(start, k)}:catch-up`]));
    expect((await app.gql('{ trialBalance { balanced } }', {}, lender.admin)).data!.trialBalance.balanced).toBe(true);
  });

  it('resumes after a crash mid-run with the same result, each loan processed once', async () => {
    const { lender, loans } = await agedLender(12, 5);
    const date = addDays(today(), -11);
    const services = app.runtime.services;
    const ctxFor = (work: (ctx: any) => Promise<unknown>) => app.inTenant(lender.slug, work);
    await expect(ctxFor((ctx) => services.cob.run(ctx, date, undefined, { stopAfterChunks: 1 }))).rejects.toThrow(/stopped after 1 chunks/);
    const partial = await app.ownerQuery('SELECT count(*)::int AS n FROM loans WHERE id = ANY($1) AND last_cob_date = $2', [loans.map((l) => l.loanId), date]);
    expect(partial[0].n).toBe(2);
    await ctxFor((ctx) => services.cob.run(ctx, date));
    const done = await app.ownerQuery("SELECT count(DISTINCT loan_id)::int AS loans, count(*)::int AS rows FROM loan_accruals WHERE loan_id = ANY($1) AND business_date = $2 AND kind = 'COB'", [loans.map((l) => l.loanId), date]);
    expect(done[0]).toEqual({ loans: 5, rows: 5 });
    const [run] = await app.ownerQuery('SELECT status, loans_processed FROM cob_runs WHERE business_date = $1 AND tenant_id = (SELECT tenant_id FROM loans WHERE id = $2)', [date, loans[0].loanId]);
    expect(run).toEqual({ status: 'COMPLETED', loans_processed: 5 });
  });

  it('across workers, goes on from a date whose loans are all done only once that date is complete, never running ahead of it', async () => {
    // The distributed form (the cob.run and cob.partition jobs): a date's last partitions finishing
    // together each queue the next run, so a run may look while the date's completion is still going on.
    const { lender, loans } = await agedLender(8, 3);
    const services = app.runtime.services;
    const ctxFor = <T>(work: (ctx: any) => Promise<T>) => app.inTenant(lender.slug, work);
    const first = addDays(today(), -7);
    const upTo = addDays(today(), -5);
    const started = await ctxFor((ctx) => services.cob.start(ctx, upTo));
    expect(started).toEqual({ businessDate: first, pending: [0, 1] });
    for (const partition of started!.pending) await ctxFor((ctx) => services.cob.runPartition(ctx, first, partition, 'test'));
    // Every loan is done for the first date and the date is not complete: it is still the one to run.
    for (const l of loans) expect((await loanRow(l.loanId)).last).toBe(first);
    expect(await ctxFor((ctx) => services.cob.start(ctx, upTo))).toEqual({ businessDate: first, pending: [] });
    expect(await ctxFor((ctx) => services.cob.finishIfDone(ctx, first))).toBe(true);
    // Once complete, the next date, its loans behind it; none was run ahead by a catch-up.
    const second = addDays(first, 1);
    expect(await ctxFor((ctx) => services.cob.start(ctx, upTo))).toEqual({ businessDate: second, pending: [0, 1] });
    for (const l of loans) expect((await loanRow(l.loanId)).last).toBe(first);

    // A run that looks while the second date is being completed waits for it, then plans the third
    // (it does not take the completed date for "every date closed" and catch the loans up to the last).
    for (const partition of [0, 1]) await ctxFor((ctx) => services.cob.runPartition(ctx, second, partition, 'test'));
    const completing = new Client({ connectionString: app.ownerUrl });
    await completing.connect();
    try {
      await completing.query('BEGIN');
      const [{ tenant_id: tenantId }] = (await completing.query('SELECT tenant_id FROM loans WHERE id = $1', [loans[0].loanId])).rows;
      await completing.query('SELECT status FROM cob_runs WHERE tenant_id = $1 AND business_date = $2 FOR UPDATE', [tenantId, second]);
      const looking = ctxFor((ctx) => services.cob.start(ctx, upTo));
      await eventually(async () => {
        const waiting = await app.ownerQuery("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%FROM cob_runs%FOR UPDATE%'");
        expect(waiting[0].n).toBe(1);
      }, 10_000);
      await completing.query("UPDATE cob_runs SET status = 'COMPLETED', finished_at = now() WHERE tenant_id = $1 AND business_date = $2", [tenantId, second]);
      await completing.query('COMMIT');
      expect(await looking).toEqual({ businessDate: upTo, pending: [0, 1] });
      for (const l of loans) expect((await loanRow(l.loanId)).last).toBe(second);
    } finally {
      await completing.end();
    }
  });

  it('trues up penalties when a backdated payment clears an arrear the nightly run had charged', async () => {
    const { lender, loans } = await agedLender(45);
    const { loanId, dueDates } = loans[0];
    await cli(app.config, 'cob', 'run', '--tenant', lender.slug, '--date', addDays(today(), -1));
    const accrued = await app.ownerQuery('SELECT sum(penalty)::text AS p FROM loan_accruals WHERE loan_id = $1', [loanId]);
    expect(Number(accrued[0].p)).toBeGreaterThan(0);
    const [sched] = await app.ownerQuery('SELECT schedule FROM loans WHERE id = $1', [loanId]);
    const amount = new Dec(sched.schedule[0].principal).plus(sched.schedule[0].interest).toFixed(2);
    const paid = await app.gql(REPAY, { i: { loanId, amount, paidAt: dueDates[0], method: 'CASH', idempotencyKey: `cob-bd-${loanId}` } }, lender.admin);
    expect(paid.errors).toBeUndefined();
    const after = await app.ownerQuery('SELECT sum(penalty)::text AS p FROM loan_accruals WHERE loan_id = $1', [loanId]);
    expect(new Dec(after[0].p).isZero()).toBe(true);
    const tb = (await app.gql('{ trialBalance { balanced lines { account balance } } }', {}, lender.admin)).data!.trialBalance;
    expect(tb.balanced).toBe(true);
    expect(new Dec(tb.lines.find((l: any) => l.account === 'PENALTY_RECEIVABLE').balance).isZero()).toBe(true);
  });
});
