import fc from 'fast-check';
import { formatIsoDate } from '../loan-math/calendar';
import { RoundingMode } from '../money/rounding';
import {
  ALLOCATION_BUCKETS, Allocation, LoanState, LoanTransaction, LoanTransactionKind, OVERPAYMENT_POLICIES, payoffQuote, payoffQuoteAfter, replayLoan, replayLoanAfter, replayLoanFrom,
  resumesAfter, ScheduledInstallment, ServicingTerms,
} from './index';
import { replayLedger } from './replay';
import { comparePoints, ReplaySnapshot } from './snapshot';

/*
 * Replay from a snapshot is replay from disbursement. A snapshot is taken of a loan's history at one
 * moment; then the history moves on (later payments, backdated ones, reversals, a later or earlier
 * asOf) and the replay resumed from it must give exactly what a full replay gives, or not resume.
 */

const MODES: RoundingMode[] = ['HALF_EVEN', 'HALF_UP', 'DOWN', 'UP'];
const KINDS: LoanTransactionKind[] = ['REPAYMENT', 'REPAYMENT', 'REPAYMENT', 'REPAYMENT', 'FEE_CHARGE', 'FEE_WAIVER', 'PENALTY_WAIVER', 'INTEREST_WAIVER', 'CREDIT_REFUND', 'SETTLEMENT', 'SETTLEMENT_DISCOUNT'];
const fmt = (units: number, d: number): string => (d === 0 ? String(units) : (units / 10 ** d).toFixed(d));
const RUNS = { numRuns: Number(process.env.SERVICING_RUNS ?? 400) };

interface Scenario {
  terms: ServicingTerms;
  schedule: ScheduledInstallment[];
  /** Transactions in the order they were posted (seq = position). */
  posted: LoanTransaction[];
  /** How many had been posted when the snapshot was taken, and its asOf. */
  before: number;
  snapshotAsOf: string;
  /** An earlier snapshot, taken when this many had been posted. */
  earlier: number;
  /** Of those, the ones reversed afterwards (indices into posted). */
  reversed: Set<number>;
  asOf: string;
}

const arbScenario = fc
  .record({
    decimals: fc.integer({ min: 0, max: 3 }),
    mode: fc.constantFrom(...MODES),
    order: fc.shuffledSubarray([...ALLOCATION_BUCKETS], { minLength: 4, maxLength: 4 }),
    penaltyMilli: fc.integer({ min: 0, max: 2000 }),
    lateFee: fc.option(fc.record({ flat: fc.boolean(), units: fc.integer({ min: 0, max: 3000 }), rateMilli: fc.integer({ min: 0, max: 100 }), grace: fc.integer({ min: 0, max: 10 }) })),
    prepaymentFee: fc.option(fc.record({ flat: fc.boolean(), units: fc.integer({ min: 0, max: 3000 }), rateMilli: fc.integer({ min: 0, max: 50 }) })),
    disbursed: fc.boolean(),
    policy: fc.constantFrom(...OVERPAYMENT_POLICIES),
    start: fc.integer({ min: 19000, max: 21000 }),
    rows: fc.array(fc.record({ gap: fc.integer({ min: 0, max: 40 }), p: fc.integer({ min: 0, max: 50000 }), i: fc.integer({ min: 0, max: 5000 }), f: fc.integer({ min: 0, max: 500 }) }), { minLength: 1, maxLength: 8 }),
    txs: fc.array(fc.record({ kind: fc.constantFrom(...KINDS), offset: fc.integer({ min: -5, max: 300 }), units: fc.integer({ min: 1, max: 60000 }) }), { minLength: 1, maxLength: 24 }),
    before: fc.nat(),
    earlier: fc.nat(),
    reversed: fc.array(fc.boolean(), { minLength: 24, maxLength: 24 }),
    snapshotAsOf: fc.integer({ min: 0, max: 320 }),
    asOf: fc.integer({ min: -5, max: 360 }),
  })
  .map((r): Scenario => {
    let day = r.start;
    const schedule = r.rows.map((row, k) => {
      day += k === 0 ? Math.max(row.gap, 1) : row.gap;
      const p = k === r.rows.length - 1 ? Math.max(row.p, 1) : row.p;
      return { number: k + 1, dueDate: formatIsoDate(day), principal: fmt(p, r.decimals), interest: fmt(row.i, r.decimals), fees: fmt(row.f, r.decimals) };
    });
    const charge = (c: { flat: boolean; units: number; rateMilli: number }) => ({ chargeType: c.flat ? 'FLAT' : 'PERCENT', amount: c.flat ? fmt(c.units, r.decimals) : null, rate: c.flat ? null : fmt(c.rateMilli, 3) }) as const;
    const terms: ServicingTerms = {
      decimals: r.decimals, roundingMode: r.mode, allocationOrder: r.order, penaltyAnnualRate: fmt(r.penaltyMilli, 3),
      lateFee: r.lateFee && { ...charge(r.lateFee), graceDays: r.lateFee.grace }, overpaymentPolicy: r.policy,
      prepaymentFee: r.prepaymentFee && charge(r.prepaymentFee), disbursementDate: r.disbursed ? formatIsoDate(r.start) : null,
    };
    const posted = r.txs.map((t, k) => ({ id: `t${k}`, kind: t.kind, effectiveDate: formatIsoDate(r.start + t.offset), amount: fmt(t.units, r.decimals), seq: k }));
    const before = 1 + (r.before % posted.length);
    const reversed = new Set(r.reversed.flatMap((x, k) => (x && k < before && k % 3 === 0 ? [k] : [])));
    const earlier = 1 + (r.earlier % before);
    return { terms, schedule, posted, before, earlier, snapshotAsOf: formatIsoDate(r.start + r.snapshotAsOf), reversed, asOf: formatIsoDate(r.start + r.asOf) };
  });

/** The outcome of a replay: its value, or the error it refused with. */
function outcome<T>(f: () => T): { ok: T } | { error: string } {
  try {
    return { ok: f() };
  } catch (e) {
    return { error: `${(e as Error).name}: ${(e as Error).message}` };
  }
}

/** The allocations a resumed replay does not repeat: those at or before the snapshot's point. */
function beforePoint(all: Allocation[], s: ReplaySnapshot): Allocation[] {
  return all.filter((a) => a.effectiveDate < s.through.effectiveDate || (a.effectiveDate === s.through.effectiveDate && s.boundary.includes(a.transactionId)));
}

/** Resumed equals full: every field, the allocations being the full replay's after the point. */
function expectSame(resumed: LoanState, snapshot: ReplaySnapshot | null, full: LoanState): void {
  const allocations = snapshot ? [...beforePoint(full.allocations, snapshot), ...resumed.allocations] : resumed.allocations;
  expect({ ...resumed, allocations }).toStrictEqual(full);
}

/** As a database would hand it back. */
const stored = (s: ReplaySnapshot): ReplaySnapshot => JSON.parse(JSON.stringify(s));

describe('replay from a snapshot', () => {
  it('equals replay from disbursement after later, backdated and reversed transactions, at any asOf; resumes exactly when the history up to the snapshot is unchanged', () => {
    let resumedRuns = 0;
    fc.assert(
      fc.property(arbScenario, (sc) => {
        const history = sc.posted.slice(0, sc.before);
        const taken = outcome(() => replayLoanFrom(sc.terms, sc.schedule, history, sc.snapshotAsOf, { snapshotEvery: 1 }));
        if (!('ok' in taken) || !taken.ok.snapshot) return;
        const snapshot = stored(taken.ok.snapshot);
        const older = outcome(() => replayLoanFrom(sc.terms, sc.schedule, sc.posted.slice(0, sc.earlier), sc.snapshotAsOf, { snapshotEvery: 1 }).snapshot);
        const snapshots = 'ok' in older && older.ok ? [stored(older.ok), snapshot] : [snapshot];
        // The snapshot's own replay: resumed from it at once, it changes nothing.
        expectSame(replayLoanFrom(sc.terms, sc.schedule, history, sc.snapshotAsOf, { from: snapshot }).state, snapshot, taken.ok.state);

        const now = sc.posted.filter((_, k) => !sc.reversed.has(k));
        const full = outcome(() => replayLoan(sc.terms, sc.schedule, now, sc.asOf));
        const resumed = outcome(() => replayLoanFrom(sc.terms, sc.schedule, now, sc.asOf, { from: snapshots, snapshotEvery: 1 }));
        if ('error' in full) {
          expect(resumed).toEqual(full);
          return;
        }
        if (!('ok' in resumed)) throw new Error(`resumed replay failed: ${resumed.error}`);
        const r = resumed.ok;
        // Resumes from the latest snapshot at whose point nothing changed since (and asOf is not before it).
        const holds = (s: ReplaySnapshot, then: LoanTransaction[]) => {
          const p = s.through;
          const atOrBefore = (t: LoanTransaction) => t.effectiveDate < p.effectiveDate || (t.effectiveDate === p.effectiveDate && (t.seq < p.seq || (t.seq === p.seq && t.id <= p.id)));
          const upTo = (list: LoanTransaction[]) => JSON.stringify(list.filter(atOrBefore).map((t) => t.id).sort());
          return upTo(now) === upTo(then) && sc.asOf >= p.effectiveDate;
        };
        const expected = holds(snapshot, history) ? snapshot : snapshots.length > 1 && holds(snapshots[0], sc.posted.slice(0, sc.earlier)) ? snapshots[0] : null;
        expect(r.resumed?.through ?? null).toEqual(expected?.through ?? null);
        if (r.resumed) resumedRuns++;
        expectSame(r.state, r.resumed, full.ok);
        // The working ledger itself, bigints and all, and the payoff quote.
        const ledgers = [replayLedger(sc.terms, sc.schedule, now, sc.asOf).ledger, replayLedger(sc.terms, sc.schedule, now, sc.asOf, { from: snapshots }).ledger];
        expect(ledgers[1]).toStrictEqual(ledgers[0]);
        const opts = { disbursementDate: formatIsoDate(19000) };
        const quote = outcome(() => payoffQuote(sc.terms, sc.schedule, now, sc.asOf, opts));
        expect(outcome(() => payoffQuote(sc.terms, sc.schedule, now, sc.asOf, opts, snapshots))).toEqual(quote);

        // Given only the transactions after the point of the snapshot that holds (the caller vouching
        // for those before it, as the database does), the same replay, snapshot and quote.
        const after = (s: ReplaySnapshot) => now.filter((t) => comparePoints(t, s.through) > 0);
        if (r.resumed) {
          const tail = replayLoanAfter(sc.terms, sc.schedule, r.resumed, after(r.resumed), sc.asOf, { snapshotEvery: 1 });
          expect(resumesAfter(sc.terms, sc.schedule, r.resumed, after(r.resumed), sc.asOf)).toBe(true);
          expect(tail).toStrictEqual(r);
          expect(outcome(() => payoffQuoteAfter(sc.terms, sc.schedule, r.resumed!, after(r.resumed!), sc.asOf, opts))).toEqual(quote);
        }
        // Not before its point, nor with a transaction at or before it in the tail.
        for (const s of snapshots) {
          if (sc.asOf < s.through.effectiveDate) expect(replayLoanAfter(sc.terms, sc.schedule, s, after(s), sc.asOf)).toBeNull();
          const atOrBefore = now.find((t) => comparePoints(t, s.through) <= 0);
          if (atOrBefore) expect(replayLoanAfter(sc.terms, sc.schedule, s, [...after(s), atOrBefore], sc.asOf)).toBeNull();
        }

        // A snapshot of a resumed replay resumes as well: one more payment on asOf, from it.
        if (!r.snapshot) return;
        const second = stored(r.snapshot);
        const more = [...now, { id: 'later', kind: 'REPAYMENT' as const, effectiveDate: sc.asOf, amount: fmt(777, sc.terms.decimals), seq: sc.posted.length }];
        const again = replayLoanFrom(sc.terms, sc.schedule, more, sc.asOf, { from: second });
        expect(again.resumed).not.toBeNull();
        const full2 = replayLoan(sc.terms, sc.schedule, more, sc.asOf);
        expectSame(again.state, again.resumed, full2);
        // And from the tail alone: the snapshot a tail replay took chains its digest on, and a replay of the whole history checks it.
        expectSame(replayLoanAfter(sc.terms, sc.schedule, second, more.filter((t) => comparePoints(t, second.through) > 0), sc.asOf)!.state, second, full2);
        expect(second.links.length).toBe((r.resumed?.links.length ?? 0) + 1);
      }),
      RUNS,
    );
    // Not vacuous: a good share of the runs did resume (about a tenth on average; a twentieth is the floor a random draw stays above).
    expect(resumedRuns).toBeGreaterThan(RUNS.numRuns / 20);
  });

  it('does not resume under other terms, another schedule or another engine version', () => {
    const schedule: ScheduledInstallment[] = [
      { number: 1, dueDate: '2024-02-01', principal: '100.00', interest: '10.00', fees: '1.00' },
      { number: 2, dueDate: '2024-03-01', principal: '100.00', interest: '6.00', fees: '1.00' },
    ];
    const terms: ServicingTerms = { decimals: 2, roundingMode: 'HALF_EVEN', allocationOrder: ['PENALTY', 'FEES', 'INTEREST', 'PRINCIPAL'], penaltyAnnualRate: '0.365', lateFee: null, overpaymentPolicy: 'CREDIT' };
    const txs: LoanTransaction[] = [{ id: 'a', kind: 'REPAYMENT', effectiveDate: '2024-02-10', amount: '50.00', seq: 1 }];
    const { snapshot } = replayLoanFrom(terms, schedule, txs, '2024-02-10', { snapshotEvery: 1 });
    expect(snapshot).not.toBeNull();
    const later = [...txs, { id: 'b', kind: 'REPAYMENT' as const, effectiveDate: '2024-02-20', amount: '50.00', seq: 2 }];
    expect(replayLoanFrom(terms, schedule, later, '2024-02-20', { from: snapshot }).resumed).not.toBeNull();
    expect(replayLoanFrom({ ...terms, penaltyAnnualRate: '0.5' }, schedule, later, '2024-02-20', { from: snapshot }).resumed).toBeNull();
    expect(replayLoanFrom(terms, [schedule[0], { ...schedule[1], interest: '7.00' }], later, '2024-02-20', { from: snapshot }).resumed).toBeNull();
    expect(replayLoanFrom(terms, schedule, later, '2024-02-20', { from: { ...snapshot!, engine: snapshot!.engine + 1 } }).resumed).toBeNull();
    // Given only the tail, the same checks (the history before the point is the caller's to vouch for).
    expect(replayLoanAfter(terms, schedule, snapshot!, [later[1]], '2024-02-20')?.resumed).toBe(snapshot);
    expect(replayLoanAfter({ ...terms, penaltyAnnualRate: '0.5' }, schedule, snapshot!, [later[1]], '2024-02-20')).toBeNull();
    expect(replayLoanAfter(terms, [schedule[0], { ...schedule[1], interest: '7.00' }], snapshot!, [later[1]], '2024-02-20')).toBeNull();
    expect(replayLoanAfter(terms, schedule, { ...snapshot!, engine: snapshot!.engine + 1 }, [later[1]], '2024-02-20')).toBeNull();
    expect(replayLoanAfter(terms, schedule, snapshot!, [later[1]], '2024-02-09')).toBeNull();
    expect(replayLoanAfter(terms, schedule, snapshot!, [later[1], { ...later[1], id: 'b2', amount: '1.234' }], '2024-02-20')).toBeNull();
    expect(resumesAfter(terms, schedule, snapshot!, [later[1], { ...later[1], id: 'b2', amount: '1.234' }], '2024-02-20')).toBe(false);
    // The digest chains: a broken chain or a digest of other transactions is refused by a replay of the whole history.
    expect(replayLoanFrom(terms, schedule, later, '2024-02-20', { from: { ...snapshot!, links: [] } }).resumed).toBeNull();
    // An amount changed under the same id: the digest no longer matches.
    expect(replayLoanFrom(terms, schedule, [{ ...txs[0], amount: '51.00' }, later[1]], '2024-02-20', { from: snapshot }).resumed).toBeNull();
    // Fewer than snapshotEvery transactions replayed: no new snapshot.
    expect(replayLoanFrom(terms, schedule, later, '2024-02-20', { from: snapshot, snapshotEvery: 2 }).snapshot).toBeNull();
    // A second snapshot on the day of the first: that day's allocations before it are those of both.
    const sameDay = [...txs, { id: 'c', kind: 'REPAYMENT' as const, effectiveDate: '2024-02-10', amount: '5.00', seq: 3 }];
    const second = replayLoanFrom(terms, schedule, sameDay, '2024-02-10', { from: snapshot, snapshotEvery: 1 });
    expect([second.resumed?.boundary, second.snapshot?.boundary, second.state.allocations.map((a) => a.transactionId)]).toEqual([['a'], ['a', 'c'], ['c']]);
  });
});
