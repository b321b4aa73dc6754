import fc from 'fast-check';
import { formatIsoDate } from '../loan-math/calendar';
import { Dec } from '../money';
import { DISBURSED, SCHEDULE, pay, terms, tx } from './servicing.fixture';
import { loanStatement } from './statement';
import type { BucketTotals, LoanTransactionKind, OverpaymentPolicy } from './types';

const BUCKETS = ['principal', 'interest', 'fees', 'penalties', 'total'] as const;
const day0 = Date.parse(`${DISBURSED}T00:00:00Z`) / 86_400_000;
const date = (offset: number) => formatIsoDate(day0 + offset);

function sumLines(opening: BucketTotals, lines: { change: BucketTotals }[]) {
  return Object.fromEntries(BUCKETS.map((k) => [k, lines.reduce((acc, l) => acc.plus(l.change[k]), new Dec(opening[k])).toFixed(2)]));
}

describe('loan statement', () => {
  it('shows a same-day window as the disbursement and the payment, from zero', () => {
    // Nothing is due yet: under the CREDIT policy the payment is held as credit, the balance unchanged.
    const s = loanStatement(terms(), SCHEDULE, [{ ...pay(DISBURSED, '50.00'), status: 'POSTED' }], DISBURSED, DISBURSED, DISBURSED);
    expect(s.opening.total).toBe('0.00');
    expect(s.lines.map((l) => [l.kind, l.amount, l.change.total])).toEqual([['DISBURSEMENT', '300.00', '322.00'], ['REPAYMENT', '50.00', '0.00']]);
    expect([s.closing.total, s.creditAtOpen, s.creditAtClose]).toEqual(['322.00', '0.00', '50.00']);
    // Paid on the first due date, it pays the instalment.
    const due = loanStatement(terms(), SCHEDULE, [{ ...pay('2024-02-01', '111.00'), status: 'POSTED' }], DISBURSED, '2024-02-01', '2024-02-01');
    expect(due.opening.total).toBe('322.00');
    expect(due.lines.map((l) => [l.kind, l.change.total])).toEqual([['REPAYMENT', '-111.00']]);
    expect(due.closing.total).toBe('211.00');
  });

  it('is all zeros for a window before the loan existed', () => {
    const s = loanStatement(terms(), SCHEDULE, [], DISBURSED, '2023-11-01', '2023-12-31');
    expect([s.opening.total, s.closing.total, s.lines]).toEqual(['0.00', '0.00', []]);
  });

  it('names penalty charged in the window and keeps waivers and reversals apart', () => {
    const waiver = { ...tx('PENALTY_WAIVER', '2024-03-10', '1.00'), status: 'POSTED' as const };
    const bounced = { ...pay('2024-02-15', '111.00'), status: 'REVERSED' as const };
    const s = loanStatement(terms(), SCHEDULE, [waiver, bounced], DISBURSED, '2024-02-01', '2024-03-31');
    const kinds = s.lines.map((l) => [l.kind, l.status]);
    expect(kinds).toEqual(expect.arrayContaining([['PENALTY_WAIVER', 'POSTED'], ['REPAYMENT', 'REVERSED'], ['PENALTY_ACCRUED', 'POSTED'], ['LATE_FEE', 'POSTED']]));
    expect(s.lines.find((l) => l.status === 'REVERSED')!.change.total).toBe('0.00');
    expect(sumLines(s.opening, s.lines)).toEqual(Object.fromEntries(BUCKETS.map((k) => [k, s.closing[k]])));
  });

  it('reconciles for random loans and windows, and consecutive windows chain', () => {
    const kinds: LoanTransactionKind[] = ['REPAYMENT', 'REPAYMENT', 'REPAYMENT', 'FEE_CHARGE', 'FEE_WAIVER', 'PENALTY_WAIVER', 'INTEREST_WAIVER', 'SETTLEMENT'];
    fc.assert(
      fc.property(
        fc.constantFrom<OverpaymentPolicy>('CREDIT', 'REDUCE_TERM', 'REDUCE_INSTALLMENT'),
        fc.array(fc.record({ kind: fc.constantFrom(...kinds), offset: fc.integer({ min: 0, max: 120 }), cents: fc.integer({ min: 1, max: 40000 }), reversed: fc.boolean() }), { maxLength: 10 }),
        fc.integer({ min: -40, max: 130 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        (policy, raw, start, len1, len2) => {
          const txs = raw.map((r, k) => ({ id: `t${k}`, kind: r.kind, effectiveDate: date(r.offset), amount: (r.cents / 100).toFixed(2), seq: k, status: (r.reversed && k % 3 === 0 ? 'REVERSED' : 'POSTED') as 'POSTED' | 'REVERSED' }));
          const t = terms({ overpaymentPolicy: policy, disbursementDate: DISBURSED, prepaymentFee: { chargeType: 'PERCENT', rate: '0.02' } });
          const a = loanStatement(t, SCHEDULE, txs, DISBURSED, date(start), date(start + len1));
          const b = loanStatement(t, SCHEDULE, txs, DISBURSED, date(start + len1 + 1), date(start + len1 + 1 + len2));
          for (const s of [a, b]) {
            expect(sumLines(s.opening, s.lines)).toEqual(Object.fromEntries(BUCKETS.map((k) => [k, s.closing[k]])));
            for (const l of s.lines) {
              // Only re-amortisation removes interest or fees without a transaction; never principal or penalty.
              if (l.kind === 'RESCHEDULED') {
                // (under CREDIT only a settlement drops later instalments)
                expect(policy !== 'CREDIT' || txs.some((x) => x.kind === 'SETTLEMENT' && x.status === 'POSTED')).toBe(true);
                expect([l.change.principal, l.change.penalties]).toEqual(['0.00', '0.00']);
                // It only ever removes: interest repriced down or cut to the day, scheduled fees dropped.
                expect(new Dec(l.change.interest).lte(0) && new Dec(l.change.fees).lte(0)).toBe(true);
              }
              if (l.status === 'REVERSED') expect(l.change.total).toBe('0.00');
            }
          }
          expect(b.opening).toEqual(a.closing);
          expect(b.creditAtOpen).toBe(a.creditAtClose);
        },
      ),
      { numRuns: 300 },
    );
  });
});
