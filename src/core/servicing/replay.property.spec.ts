import fc from 'fast-check';
import { formatIsoDate } from '../loan-math/calendar';
import { RoundingMode } from '../money/rounding';
import {
  ALLOCATION_BUCKETS,
  Allocation,
  LoanState,
  LoanTransaction,
  LoanTransactionKind,
  OVERPAYMENT_POLICIES,
  payoffQuote,
  replayLoan,
  ScheduledInstallment,
  ServicingTerms,
} from './index';

const MODES: RoundingMode[] = ['HALF_EVEN', 'HALF_UP', 'DOWN', 'UP'];

/** Minor units of a formatted amount (every output has exactly `decimals` places). */
const u = (s: string): bigint => BigInt(s.replace('.', ''));
/** A minor-unit count as an input string at `decimals`. */
const fmt = (units: number, d: number): string => (d === 0 ? String(units) : (units / 10 ** d).toFixed(d));

interface Loan {
  terms: ServicingTerms;
  schedule: ScheduledInstallment[];
  txs: LoanTransaction[];
  asOf: string;
  startDay: number;
  lastDueDay: number;
}

/** Any loan: 1-8 instalments, random terms, up to 16 transactions (mostly repayments) and an asOf. */
const arbLoan = (opts: { distinctDates?: boolean; kinds?: LoanTransactionKind[] } = {}) =>
  fc
    .record({
      decimals: fc.integer({ min: 0, max: 3 }),
      mode: fc.constantFrom(...MODES),
      order: fc.shuffledSubarray([...ALLOCATION_BUCKETS], { minLength: 4, maxLength: 4 }),
      penaltyMilli: fc.integer({ min: 0, max: 2000 }),
      lateFee: fc.option(fc.record({ flat: fc.boolean(), units: fc.integer({ min: 0, max: 3000 }), rateMilli: fc.integer({ min: 0, max: 100 }), grace: fc.integer({ min: 0, max: 10 }) })),
      policy: fc.constantFrom(...OVERPAYMENT_POLICIES),
      start: fc.integer({ min: 19000, max: 21000 }),
      rows: fc.array(
        fc.record({ gap: fc.integer({ min: 0, max: 40 }), p: fc.integer({ min: 0, max: 50000 }), i: fc.integer({ min: 0, max: 5000 }), f: fc.integer({ min: 0, max: 500 }) }),
        { minLength: 1, maxLength: 8 },
      ),
      txs: (() => {
        const t = fc.record({
          kind: fc.constantFrom<LoanTransactionKind>(...(opts.kinds ?? ['REPAYMENT', 'REPAYMENT', 'REPAYMENT', 'REPAYMENT', 'FEE_CHARGE', 'FEE_WAIVER', 'PENALTY_WAIVER', 'INTEREST_WAIVER'])),
          offset: fc.integer({ min: -10, max: 360 }),
          units: fc.integer({ min: 1, max: 60000 }),
          seq: fc.integer({ min: 0, max: 4 }),
        });
        return opts.distinctDates ? fc.uniqueArray(t, { maxLength: 16, selector: (x) => x.offset }) : fc.array(t, { maxLength: 16 });
      })(),
      asOfOffset: fc.integer({ min: -5, max: 400 }),
    })
    .map((r): Loan => {
      let day = r.start;
      const schedule = r.rows.map((row, k) => {
        day += k === 0 ? Math.max(row.gap, 1) : row.gap;
        // Real schedules end with principal; a trailing interest-only row has no meaning.
        const p = k === r.rows.length - 1 ? Math.max(row.p, 1) : row.p;
        return { number: k + 1, dueDate: formatIsoDate(day), principal: fmt(p, r.decimals), interest: fmt(row.i, r.decimals), fees: fmt(row.f, r.decimals) };
      });
      const terms: ServicingTerms = {
        decimals: r.decimals,
        roundingMode: r.mode,
        allocationOrder: r.order,
        penaltyAnnualRate: fmt(r.penaltyMilli, 3),
        lateFee: r.lateFee && {
          chargeType: r.lateFee.flat ? 'FLAT' : 'PERCENT',
          amount: r.lateFee.flat ? fmt(r.lateFee.units, r.decimals) : null,
          rate: r.lateFee.flat ? null : fmt(r.lateFee.rateMilli, 3),
          graceDays: r.lateFee.grace,
        },
        overpaymentPolicy: r.policy,
      };
      const txs = r.txs.map((t, k) => ({ id: `t${k}`, kind: t.kind, effectiveDate: formatIsoDate(r.start + t.offset), amount: fmt(t.units, r.decimals), seq: t.seq }));
      return { terms, schedule, txs, asOf: formatIsoDate(r.start + r.asOfOffset), startDay: r.start, lastDueDay: day };
    });

const RUNS = { numRuns: Number(process.env.SERVICING_RUNS ?? 300) };

/** Every amount string in a state, for sign checks. */
function amounts(s: LoanState): string[] {
  const out: string[] = [s.credit];
  for (const t of [s.outstanding, s.overdue]) out.push(t.principal, t.interest, t.fees, t.penalties, t.total);
  for (const i of s.installments) {
    out.push(i.principalDue, i.principalPaid, i.interestDue, i.interestPaid, i.interestWaived, i.feesDue, i.feesPaid, i.feesWaived, i.penaltyDue, i.penaltyPaid, i.penaltyWaived);
  }
  for (const a of s.allocations) {
    out.push(a.principal, a.interest, a.fees, a.penalties, a.toCredit, a.fromCredit);
    for (const b of a.byInstallment) out.push(b.principal, b.interest, b.fees, b.penalties);
  }
  for (const l of s.lateFeesCharged) out.push(l.amount);
  return out;
}

const parts = (a: Allocation): bigint => u(a.principal) + u(a.interest) + u(a.fees) + u(a.penalties);

describe('replayLoan properties', () => {
  it('depends only on the set of transactions: any permutation gives the identical state', () => {
    fc.assert(
      fc.property(arbLoan(), fc.array(fc.nat(), { minLength: 16, maxLength: 16 }), (loan, keys) => {
        const shuffled = loan.txs.map((t, k) => ({ t, key: keys[k] })).sort((a, b) => a.key - b.key).map((x) => x.t);
        expect(replayLoan(loan.terms, loan.schedule, shuffled, loan.asOf)).toStrictEqual(replayLoan(loan.terms, loan.schedule, loan.txs, loan.asOf));
      }),
      RUNS,
    );
  });

  it('conserves money: allocated parts + credit = repayments, and the instalments agree with the allocations', () => {
    fc.assert(
      fc.property(arbLoan(), (loan) => {
        const s = replayLoan(loan.terms, loan.schedule, loan.txs, loan.asOf);
        const byId = new Map(loan.txs.map((t) => [t.id, t]));
        let repaid = 0n;
        for (const t of loan.txs) if (t.kind === 'REPAYMENT' && t.effectiveDate <= loan.asOf) repaid += u(t.amount);
        let placed = 0n;
        const paid = { principal: 0n, interest: 0n, fees: 0n, penalties: 0n };
        const waived = { interest: 0n, fees: 0n, penalties: 0n };
        for (const a of s.allocations) {
          const kind = a.source === 'CREDIT' ? 'CREDIT' : byId.get(a.transactionId)!.kind;
          if (kind === 'REPAYMENT') {
            expect(parts(a) + u(a.toCredit)).toBe(u(byId.get(a.transactionId)!.amount));
            expect(u(a.fromCredit)).toBe(0n);
          }
          if (kind === 'CREDIT') {
            expect(parts(a)).toBe(u(a.fromCredit));
            expect(u(a.toCredit)).toBe(0n);
          }
          // byInstallment adds up to the allocation.
          for (const k of ['principal', 'interest', 'fees', 'penalties'] as const) {
            expect(a.byInstallment.reduce((acc, b) => acc + u(b[k]), 0n)).toBe(u(a[k]));
          }
          if (kind === 'REPAYMENT' || kind === 'CREDIT') {
            placed += parts(a);
            for (const k of ['principal', 'interest', 'fees', 'penalties'] as const) paid[k] += u(a[k]);
          } else {
            expect(u(a.principal)).toBe(0n);
            for (const k of ['interest', 'fees', 'penalties'] as const) waived[k] += u(a[k]);
          }
        }
        expect(placed + u(s.credit)).toBe(repaid);
        const sum = (f: (i: LoanState['installments'][number]) => string) => s.installments.reduce((acc, i) => acc + u(f(i)), 0n);
        expect(sum((i) => i.principalPaid)).toBe(paid.principal);
        expect(sum((i) => i.interestPaid)).toBe(paid.interest);
        expect(sum((i) => i.feesPaid)).toBe(paid.fees);
        expect(sum((i) => i.penaltyPaid)).toBe(paid.penalties);
        expect(sum((i) => i.interestWaived)).toBe(waived.interest);
        expect(sum((i) => i.feesWaived)).toBe(waived.fees);
        expect(sum((i) => i.penaltyWaived)).toBe(waived.penalties);
        // Principal is never created or destroyed: paid + outstanding = scheduled.
        const scheduled = loan.schedule.reduce((acc, r) => acc + u(fmt(Number(u(r.principal)), 0)), 0n);
        expect(paid.principal + u(s.outstanding.principal)).toBe(scheduled);
      }),
      RUNS,
    );
  });

  it('never produces a negative amount, and paid + waived never exceeds what is due', () => {
    fc.assert(
      fc.property(arbLoan(), (loan) => {
        const s = replayLoan(loan.terms, loan.schedule, loan.txs, loan.asOf);
        for (const a of amounts(s)) expect(a.startsWith('-')).toBe(false);
        for (const i of s.installments) {
          expect(u(i.principalPaid)).toBeLessThanOrEqual(u(i.principalDue));
          expect(u(i.interestPaid) + u(i.interestWaived)).toBeLessThanOrEqual(u(i.interestDue));
          expect(u(i.feesPaid) + u(i.feesWaived)).toBeLessThanOrEqual(u(i.feesDue));
          expect(u(i.penaltyPaid) + u(i.penaltyWaived)).toBeLessThanOrEqual(u(i.penaltyDue));
        }
        expect(u(s.overdue.total)).toBeLessThanOrEqual(u(s.outstanding.total));
        expect(s.dpd).toBeGreaterThanOrEqual(0);
      }),
      RUNS,
    );
  });

  it('with everything paid: outstanding is 0, closed, every instalment PAID, dpd 0', () => {
    fc.assert(
      fc.property(arbLoan(), fc.integer({ min: 0, max: 30 }), (loan, after) => {
        // One large repayment on or after the last due date and after every other transaction.
        const lastTx = loan.txs.reduce((m, t) => (t.effectiveDate > m ? t.effectiveDate : m), loan.schedule[loan.schedule.length - 1].dueDate);
        const date = formatIsoDate(Math.max(loan.lastDueDay, Number(new Date(`${lastTx}T00:00:00Z`)) / 86400000) + after);
        const big: LoanTransaction = { id: 'big', kind: 'REPAYMENT', effectiveDate: date, amount: '100000000', seq: 99 };
        const s = replayLoan(loan.terms, loan.schedule, [...loan.txs, big], date);
        expect(s.closed).toBe(true);
        expect(u(s.outstanding.total)).toBe(0n);
        expect(s.dpd).toBe(0);
        expect(s.oldestUnpaidDueDate).toBeNull();
        for (const i of s.installments) {
          expect(i.status).toBe('PAID');
          expect(i.paidOn).not.toBeNull();
        }
      }),
      RUNS,
    );
  });

  it('never pays a later instalment while an earlier due one is unpaid; advance money only after all due is paid', () => {
    fc.assert(
      fc.property(arbLoan({ distinctDates: true }), (loan) => {
        const full = replayLoan(loan.terms, loan.schedule, loan.txs, loan.asOf);
        const dueDateOf = new Map(loan.schedule.map((r) => [r.number, r.dueDate]));
        for (const a of full.allocations) {
          if (a.byInstallment.length === 0) continue;
          const kind = a.source === 'CREDIT' ? 'CREDIT' : loan.txs.find((t) => t.id === a.transactionId)!.kind;
          if (kind !== 'REPAYMENT' && kind !== 'CREDIT') continue;
          // The state right after this allocation: with distinct transaction dates nothing else happens later that day
          // (a credit application on a due date happens before that day's transaction).
          const at = replayLoan(loan.terms, loan.schedule, loan.txs, a.effectiveDate);
          const touched = a.byInstallment.map((b) => b.number);
          const dueTouched = touched.filter((n) => dueDateOf.get(n)! <= a.effectiveDate);
          const advance = touched.some((n) => dueDateOf.get(n)! > a.effectiveDate);
          if (kind === 'CREDIT') expect(advance).toBe(false);
          const lastDue = dueTouched.length ? Math.max(...dueTouched) : 0;
          for (const i of at.installments) {
            if (i.dueDate > a.effectiveDate) continue;
            // Every due instalment before the last one paid is settled; with advance money, every due one is.
            if (kind === 'REPAYMENT' && (advance || i.number < lastDue)) expect(i.status).toBe('PAID');
          }
        }
      }),
      RUNS,
    );
  });

  it('payoff: the quote is its parts less credit, and under REDUCE_* charging the accrued part and paying the total closes the loan', () => {
    fc.assert(
      fc.property(arbLoan(), fc.constantFrom('REDUCE_TERM' as const, 'REDUCE_INSTALLMENT' as const), (loan, policy) => {
        const terms = { ...loan.terms, overpaymentPolicy: policy };
        const opts = { disbursementDate: formatIsoDate(loan.startDay) };
        const q = payoffQuote(terms, loan.schedule, loan.txs, loan.asOf, opts);
        const gross = u(q.principal) + u(q.interest) + u(q.fees) + u(q.penalties) + u(q.prepaymentFee);
        expect(u(q.total)).toBe(gross > u(q.credit) ? gross - u(q.credit) : 0n);
        if (u(q.credit) > 0n) return; // held credit is applied on due dates, not by the settling repayment
        const extra: LoanTransaction[] = [];
        if (u(q.accruedInterest!) > 0n) extra.push({ id: 'acc', kind: 'FEE_CHARGE', effectiveDate: loan.asOf, amount: q.accruedInterest!, seq: 100 });
        if (u(q.total) > 0n) extra.push({ id: 'payoff', kind: 'REPAYMENT', effectiveDate: loan.asOf, amount: q.total, seq: 101 });
        const s = replayLoan(terms, loan.schedule, [...loan.txs, ...extra], loan.asOf);
        expect(s.closed).toBe(true);
        expect(s.credit).toBe(q.credit);
      }),
      RUNS,
    );
  });
});
