import { LoanTransaction, payoffQuote, replayLoan, ServicingInputError, ServicingTerms } from './index';
import { pay, SCHEDULE, terms } from './servicing.fixture';

const ok: LoanTransaction = { id: 'a', kind: 'REPAYMENT', effectiveDate: '2024-02-01', amount: '10.00', seq: 1 };

/** Runs fn and returns the ServicingInputError field it threw. */
function fieldOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ServicingInputError);
    return (e as ServicingInputError).field;
  }
  throw new Error('did not throw');
}

describe('refusals', () => {
  it.each<[string, Partial<LoanTransaction>, string]>([
    ['a zero amount', { amount: '0' }, 'transactions[0].amount'],
    ['a zero amount with decimals', { amount: '0.00' }, 'transactions[0].amount'],
    ['a negative amount', { amount: '-5.00' }, 'transactions[0].amount'],
    ['more decimals than the currency', { amount: '1.001' }, 'transactions[0].amount'],
    ['an exponent', { amount: '1e3' }, 'transactions[0].amount'],
    ['a hex amount', { amount: '0x10' }, 'transactions[0].amount'],
    ['an unknown kind', { kind: 'REFUND' as never }, 'transactions[0].kind'],
    ['an impossible date', { effectiveDate: '2023-02-29' }, 'transactions[0].effectiveDate'],
    ['a timestamp', { effectiveDate: '2024-02-01T00:00:00Z' }, 'transactions[0].effectiveDate'],
    ['a non-numeric seq', { seq: Number.NaN }, 'transactions[0].seq'],
    ['an empty id', { id: '' }, 'transactions[0].id'],
  ])('refuses %s', (_name, patch, field) => {
    expect(fieldOf(() => replayLoan(terms(), SCHEDULE, [{ ...ok, ...patch }], '2024-03-01'))).toBe(field);
  });

  it('refuses a duplicate transaction id', () => {
    expect(fieldOf(() => replayLoan(terms(), SCHEDULE, [ok, { ...ok, seq: 2 }], '2024-03-01'))).toBe('transactions[1].id');
  });

  it.each<[string, Partial<ServicingTerms>, string]>([
    ['fractional decimals', { decimals: 2.5 }, 'terms.decimals'],
    ['an unknown rounding mode', { roundingMode: 'CEILING' as never }, 'terms.roundingMode'],
    ['an order missing a bucket', { allocationOrder: ['PENALTY', 'FEES', 'INTEREST', 'INTEREST'] }, 'terms.allocationOrder'],
    ['a short order', { allocationOrder: ['PENALTY', 'FEES', 'INTEREST'] }, 'terms.allocationOrder'],
    ['a negative penalty rate', { penaltyAnnualRate: '-0.1' }, 'terms.penaltyAnnualRate'],
    ['a FLAT late fee without amount', { lateFee: { chargeType: 'FLAT', graceDays: 0 } }, 'terms.lateFee.amount'],
    ['a PERCENT late fee without rate', { lateFee: { chargeType: 'PERCENT', amount: '1', graceDays: 0 } }, 'terms.lateFee.rate'],
    ['negative grace days', { lateFee: { chargeType: 'FLAT', amount: '1', graceDays: -1 } }, 'terms.lateFee.graceDays'],
    ['an unknown policy', { overpaymentPolicy: 'REFUND' as never }, 'terms.overpaymentPolicy'],
  ])('refuses terms with %s', (_name, patch, field) => {
    expect(fieldOf(() => replayLoan({ ...terms(), ...patch }, SCHEDULE, [], '2024-03-01'))).toBe(field);
  });

  it('refuses an empty or unordered schedule, bad schedule amounts and a bad asOf', () => {
    expect(fieldOf(() => replayLoan(terms(), [], [], '2024-03-01'))).toBe('schedule');
    expect(fieldOf(() => replayLoan(terms(), [SCHEDULE[1], SCHEDULE[0]], [], '2024-03-01'))).toBe('schedule[1].dueDate');
    expect(fieldOf(() => replayLoan(terms(), [{ ...SCHEDULE[0], principal: '1.005' }], [], '2024-03-01'))).toBe('schedule[0].principal');
    expect(fieldOf(() => replayLoan(terms(), SCHEDULE, [], '2024-13-01'))).toBe('asOf');
    expect(fieldOf(() => payoffQuote(terms(), SCHEDULE, [], '2024-03-01', { disbursementDate: 'yesterday' }))).toBe('opts.disbursementDate');
    expect(fieldOf(() => payoffQuote(terms(), SCHEDULE, [], '2024-03-01', { disbursementDate: '2024-01-01', prepaymentFee: { chargeType: 'FLAT' } }))).toBe(
      'opts.prepaymentFee.amount',
    );
  });

  it('refuses invalid transactions even when dated after asOf', () => {
    expect(fieldOf(() => replayLoan(terms(), SCHEDULE, [{ ...ok, effectiveDate: '2030-01-01', amount: '0' }], '2024-03-01'))).toBe('transactions[0].amount');
  });
});

describe('accepted input', () => {
  it('accepts trailing zeros beyond the currency decimals (NUMERIC columns) and integers', () => {
    const s = replayLoan(terms(), SCHEDULE, [pay('2024-02-01', '100.000000'), pay('2024-02-01', '11')], '2024-02-01');
    expect(s.installments[0].status).toBe('PAID');
  });

  it('accepts a transaction dated before the first period (it is money in advance)', () => {
    // Nothing is due on 2023-12-15; under CREDIT the 20.00 is held and pays #1 on its due date.
    const s = replayLoan(terms(), SCHEDULE, [pay('2023-12-15', '20.00')], '2024-02-01');
    expect(s.allocations[0]).toMatchObject({ toCredit: '20.00' });
    expect(s.allocations[1]).toMatchObject({ source: 'CREDIT', fromCredit: '20.00', fees: '1.00', interest: '10.00', principal: '9.00' });
  });

  it('orders same-date transactions by seq, then id, never by array position', () => {
    const a: LoanTransaction = { id: 'b', kind: 'REPAYMENT', effectiveDate: '2024-02-01', amount: '1.00', seq: 2 };
    const b: LoanTransaction = { id: 'a', kind: 'REPAYMENT', effectiveDate: '2024-02-01', amount: '2.00', seq: 2 };
    const c: LoanTransaction = { id: 'z', kind: 'REPAYMENT', effectiveDate: '2024-02-01', amount: '3.00', seq: 1 };
    expect(replayLoan(terms(), SCHEDULE, [a, b, c], '2024-02-01').allocations.map((x) => x.transactionId)).toEqual(['z', 'a', 'b']);
  });

  it('works with 0 decimals and a PERCENT late fee rounded with the terms', () => {
    // Late fee 2.5 % of unpaid P + I = 0.025 x (100 + 10) = 2.75 -> HALF_EVEN at 0 decimals = 3.
    const t = terms({ decimals: 0, lateFee: { chargeType: 'PERCENT', rate: '0.025', graceDays: 0 } });
    const sched = SCHEDULE.map((r) => ({ ...r, principal: '100', interest: r.interest.replace('.00', ''), fees: '0' }));
    expect(replayLoan(t, sched, [], '2024-02-02').lateFeesCharged).toEqual([{ number: 1, date: '2024-02-02', amount: '3' }]);
  });
});
