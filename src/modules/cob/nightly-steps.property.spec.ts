import fc from 'fast-check';
import { Client } from 'pg';
import {
  afterHandOff, DEFAULT_BUCKETS, handOff, nightlySteps, nightlyStepsSql, penaltyStart, runNight,
  type DelinquencyBucket, type NightlyLoanState, type NightlyTerms,
} from '../../core/cob';
import { addDaysIso } from '../../core/loan-math/calendar';
import { buildSchedule, DAY_COUNTS, type Amortization, type DayCount, type Frequency } from '../../core/loan-math';
import { Dec, type RoundingMode } from '../../core/money';
import { recognisedInterest, replayLoan, type LoanTransaction, type ServicingTerms } from '../../core/servicing';
import { createTestDatabase } from '../../../test/support/test-app';

/*
 * One source of truth for what a night does to a loan: random loans (random products: rates, day
 * counts, frequencies, grace, penalty rates, rounding, buckets; random repayments on random days) live
 * their life night by night, a replay handing its state over after each repayment as the loans module
 * does. Each night runs through the pure steps and through the SQL fragments the nightly statement is
 * composed of, against the real PostgreSQL; every figure must be equal to the minor unit. And the
 * penalty the nights charged is what a replay through the last night computes, interest recognised
 * by the nights is what the replay recognises: nothing is left for a true-up to correct.
 */

const MODES: RoundingMode[] = ['HALF_EVEN', 'HALF_UP', 'DOWN', 'UP'];
const FREQS: Frequency[] = ['DAILY', 'WEEKLY', 'BIWEEKLY', 'SEMI_MONTHLY', 'MONTHLY', 'QUARTERLY'];
const AMORTS: Amortization[] = ['EQUAL_INSTALLMENT', 'EQUAL_PRINCIPAL', 'INTEREST_ONLY', 'FLAT', 'BULLET'];
const NPA_DAYS = 90;

const COLUMNS = `(id int, tenant_id int, schedule jsonb, k int, ps date, pe date, pi numeric, acc numeric, op numeric, nup numeric, nut numeric, oldest date,
  penalty_rate numeric, dp int, rm text, non_accrual boolean, non_accrual_since date, old_bucket text, prows jsonb, pthrough date, isched jsonb,
  ptotal numeric, dc text, buckets jsonb, pfrom date)`;

/** The night's SQL over one row given as JSON ($1), for the date $2 (the other parameters are the chunk's, unused here). */
const NIGHT_SQL = `WITH cur AS (
  SELECT n.* FROM jsonb_to_record($1::jsonb) AS n ${COLUMNS}
  WHERE $3::int IS NULL AND $4::int IS NULL AND $6::int IS NULL
),
${nightlyStepsSql(nightlySteps(), 'cur')}
SELECT k2::int AS k, ps2::text AS ps, pe2::text AS pe, pi2::text AS pi, (acc2 + interest_today)::text AS acc, op2::text AS op, nup2::text AS nup,
       nut2::text AS nut, oldest2::text AS oldest, dpd2::int AS dpd, bucket2 AS bucket, non_accrual2 AS non_accrual, non_accrual_since2::text AS non_accrual_since,
       prows2 AS prows, pfrom2::text AS pfrom, ptotal2::text AS ptotal, pthrough2::text AS pthrough, interest_today::text AS interest, penalty_today::text AS penalty
FROM night`;

interface Case {
  terms: ServicingTerms;
  nightly: NightlyTerms;
  schedule: { number: number; dueDate: string; principal: string; interest: string; fees: string; total: string }[];
  disbursed: string;
  payments: { day: number; units: number }[];
  nights: number;
}

const arbBuckets: fc.Arbitrary<DelinquencyBucket[] | null> = fc.option(
  fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }).map((widths) => {
    const out: DelinquencyBucket[] = [{ name: 'B0', minDpd: 0, maxDpd: 0 }];
    let at = 1;
    for (const [i, w] of widths.entries()) {
      out.push({ name: `B${i + 1}`, minDpd: at, maxDpd: at + w - 1 });
      at += w;
    }
    out.push({ name: 'LAST', minDpd: at, maxDpd: null });
    return out;
  }),
  { nil: null },
);

const arbCase: fc.Arbitrary<Case> = fc
  .record({
    decimals: fc.integer({ min: 0, max: 3 }),
    mode: fc.constantFrom(...MODES),
    dayCount: fc.constantFrom<DayCount>(...DAY_COUNTS),
    frequency: fc.constantFrom(...FREQS),
    amortization: fc.constantFrom(...AMORTS),
    termCount: fc.integer({ min: 1, max: 6 }),
    gracePrincipal: fc.integer({ min: 0, max: 2 }),
    graceInterest: fc.integer({ min: 0, max: 2 }),
    principal: fc.integer({ min: 1000, max: 5_000_000 }),
    rateBp: fc.integer({ min: 0, max: 6000 }),
    penaltyRate: fc.oneof(fc.constant('0'), fc.integer({ min: 1, max: 40000 }).map((n) => new Dec(n).div(10000).toFixed())),
    disbursed: fc.integer({ min: 0, max: 3 * 365 }).map((d) => addDaysIso('2023-01-01', d)),
    buckets: arbBuckets,
    payments: fc.array(fc.record({ day: fc.integer({ min: 1, max: 200 }), units: fc.integer({ min: 1, max: 3_000_000 }) }), { maxLength: 5 }),
    extraNights: fc.integer({ min: 0, max: 120 }),
  })
  .map((r): Case => {
    const grace = (n: number) => Math.min(n, r.termCount - 1);
    const built = buildSchedule({
      principal: new Dec(r.principal).div(new Dec(10).pow(r.decimals)).toFixed(r.decimals), termCount: r.termCount, frequency: r.frequency,
      annualInterestRate: new Dec(r.rateBp).div(10000).toFixed(), amortization: r.amortization, dayCount: r.dayCount, disbursementDate: r.disbursed,
      rounding: { decimals: r.decimals, mode: r.mode }, graceOnPrincipalPeriods: grace(r.gracePrincipal), graceOnInterestPeriods: grace(r.graceInterest),
    }, { currencyDecimals: 3 });
    const f = (d: Dec) => d.toFixed(r.decimals);
    const schedule = built.installments.map((i) => ({ number: i.number, dueDate: i.dueDate, principal: f(i.principal), interest: f(i.interest), fees: f(i.fees), total: f(i.total) }));
    const span = Math.round((Date.parse(schedule[schedule.length - 1].dueDate) - Date.parse(r.disbursed)) / 86_400_000);
    return {
      disbursed: r.disbursed,
      schedule,
      payments: r.payments.map((p) => ({ day: Math.min(p.day, span + 30), units: p.units })),
      nights: Math.min(span + r.extraNights, 240),
      terms: {
        decimals: r.decimals, roundingMode: r.mode, allocationOrder: ['PENALTY', 'FEES', 'INTEREST', 'PRINCIPAL'], penaltyAnnualRate: r.penaltyRate, lateFee: null,
        overpaymentPolicy: 'REDUCE_TERM', disbursementDate: r.disbursed, dayCount: r.dayCount, delinquencyBuckets: r.buckets,
      },
      nightly: { decimals: r.decimals, roundingMode: r.mode, penaltyAnnualRate: r.penaltyRate, dayCount: r.dayCount, buckets: r.buckets ?? DEFAULT_BUCKETS, nonAccrualAfterDays: NPA_DAYS },
    };
  });

/** The loan as the booking writes it: the first period accruing, nothing overdue, never replayed. */
function booked(c: Case): NightlyLoanState {
  const first = c.schedule[0];
  return {
    schedule: c.schedule, interestSchedule: null, accrualIndex: 0, periodStart: c.disbursed, periodEnd: first.dueDate, periodInterest: first.interest,
    accruedInPeriod: '0', overduePrincipal: '0', nextUnpaidPrincipal: first.principal, nextUnpaidTotal: first.total, oldestUnpaidDueDate: null,
    dpd: 0, bucket: c.nightly.buckets[0].name, nonAccrual: false, nonAccrualSince: null, penaltyRows: null, penaltyFrom: null, penaltyThrough: null, penaltyTotal: '0',
  };
}

/** The row the nightly statement reads, under its column names. */
function row(c: Case, s: NightlyLoanState) {
  return {
    id: 1, tenant_id: 1, schedule: s.schedule, k: s.accrualIndex, ps: s.periodStart, pe: s.periodEnd, pi: s.periodInterest, acc: s.accruedInPeriod,
    op: s.overduePrincipal, nup: s.nextUnpaidPrincipal, nut: s.nextUnpaidTotal, oldest: s.oldestUnpaidDueDate, penalty_rate: c.terms.penaltyAnnualRate,
    dp: c.terms.decimals, rm: c.terms.roundingMode, non_accrual: s.nonAccrual, non_accrual_since: s.nonAccrualSince, old_bucket: s.bucket,
    prows: s.penaltyRows, pthrough: s.penaltyThrough, isched: s.interestSchedule, ptotal: s.penaltyTotal, dc: c.terms.dayCount,
    buckets: c.terms.delinquencyBuckets ?? null, pfrom: penaltyStart(s),
  };
}

const same = (a: string | null, b: string | null) => (a === null || b === null ? a === b : new Dec(a).eq(b));
const unitsOf = (units: number, d: number) => new Dec(units).div(new Dec(10).pow(d)).toFixed(d);

describe('the nightly steps: pure rules and their SQL agree to the minor unit, and with the replay', () => {
  let db: Client;
  beforeAll(async () => {
    db = new Client({ connectionString: await createTestDatabase() });
    await db.connect();
  });
  afterAll(() => db.end());

  it('random loans night by night, repayments handed over by replays', async () => {
    await fc.assert(
      fc.asyncProperty(arbCase, async (c) => {
        let state = booked(c);
        const txs: LoanTransaction[] = [];
        let interestAccrued = new Dec(0);
        let penaltyCharged = new Dec(0);
        let lastNight = c.disbursed;
        for (let n = 1; n <= c.nights; n++) {
          const date = addDaysIso(c.disbursed, n);
          // A repayment during the day: the replay through today hands its state over (as reconcile does).
          const paid = c.payments.filter((p) => p.day === n);
          if (paid.length) {
            for (const p of paid) txs.push({ id: `t${txs.length}`, kind: 'REPAYMENT', effectiveDate: date, amount: unitsOf(p.units, c.terms.decimals), seq: txs.length });
            const replayed = replayLoan(c.terms, c.schedule, txs, date);
            if (replayed.closed) return;
            const before = state;
            state = afterHandOff(state, handOff(state, replayed.installments, replayed.oldestUnpaidDueDate, date, lastNight, c.terms), date);
            // What the loans module trues up: the replay's penalty and recognised interest less what the books hold.
            penaltyCharged = penaltyCharged.plus(new Dec(state.penaltyTotal).minus(before.penaltyTotal));
            const through = state.nonAccrual && state.nonAccrualSince ? state.nonAccrualSince : lastNight;
            interestAccrued = recognisedInterest(replayed, c.disbursed, through, c.terms.decimals, c.terms.roundingMode);
          }
          const pure = runNight(state, date, c.nightly);
          const [sql] = (await db.query(NIGHT_SQL, [JSON.stringify(row(c, state)), date, null, null, NPA_DAYS, null])).rows;
          const s = pure.state;
          const expected = {
            k: s.accrualIndex, ps: s.periodStart, pe: s.periodEnd, oldest: s.oldestUnpaidDueDate, dpd: s.dpd, bucket: s.bucket, non_accrual: s.nonAccrual,
            non_accrual_since: s.nonAccrualSince, pfrom: s.penaltyFrom, pthrough: s.penaltyThrough,
          };
          expect({ date, ...pick(sql, Object.keys(expected)) }).toEqual({ date, ...expected });
          for (const [col, value] of [['pi', s.periodInterest], ['acc', s.accruedInPeriod], ['op', s.overduePrincipal], ['nup', s.nextUnpaidPrincipal], ['nut', s.nextUnpaidTotal],
            ['ptotal', s.penaltyTotal], ['interest', pure.interest], ['penalty', pure.penalty]] as const) {
            if (!same(sql[col], value)) throw new Error(`${date} ${col}: SQL ${sql[col]}, pure ${value}`);
          }
          // Every posting is in the currency's unit.
          expect(new Dec(pure.interest).decimalPlaces()).toBeLessThanOrEqual(c.terms.decimals);
          expect(new Dec(pure.penalty).decimalPlaces()).toBeLessThanOrEqual(c.terms.decimals);
          expect((sql.prows ?? []).map((r: { a: string }) => new Dec(r.a).toFixed())).toEqual((s.penaltyRows ?? []).map((r) => new Dec(r.a).toFixed()));
          interestAccrued = interestAccrued.plus(pure.interest);
          penaltyCharged = penaltyCharged.plus(pure.penalty);
          state = s;
          lastNight = date;
        }
        // The nights and the replay agree: a replay through the last night charges the same penalty and
        // recognises the same interest, so a true-up of a loan the nights posted moves nothing.
        const replayed = replayLoan(c.terms, c.schedule, txs, lastNight);
        const penalty = replayed.installments.reduce((acc, i) => acc.plus(i.penaltyDue), new Dec(0));
        expect(penaltyCharged.toFixed(c.terms.decimals)).toBe(penalty.toFixed(c.terms.decimals));
        expect(new Dec(state.penaltyTotal).toFixed(c.terms.decimals)).toBe(penalty.toFixed(c.terms.decimals));
        const through = state.nonAccrual && state.nonAccrualSince ? state.nonAccrualSince : lastNight;
        if (!replayed.closed) expect(interestAccrued.toFixed(c.terms.decimals)).toBe(recognisedInterest(replayed, c.disbursed, through, c.terms.decimals, c.terms.roundingMode).toFixed(c.terms.decimals));
      }),
      // 40 random loans in CI; COB_RUNS=400 searches longer (a failure prints the seed that replays it).
      { numRuns: Number(process.env.COB_RUNS ?? 40) },
    );
  }, 600_000);
});

function pick(o: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, o[k] ?? null]));
}
