import { payoffQuote, replayLoan, ServicingInputError } from './index';
import { DISBURSED, pay, SCHEDULE, terms, tx } from './servicing.fixture';

/*
 * Payoff quotes, hand-computed on the fixture schedule (disbursed 2024-01-01; #1 due 02-01 P100 I10 F1,
 * #2 due 03-01 P100 I6 F1, #3 due 04-01 P100 I3 F1; penalty 0.1 %/day; late fee 5.00 on due + 6).
 */
describe('payoffQuote (golden)', () => {
  it.each([
    {
      name: 'mid-period after an on-time #1: pro-rata interest of #2, 2 % prepayment fee',
      // #2 period 02-01 -> 03-01 = 29 days (leap year); elapsed to 02-15 = 14: 6.00 x 14 / 29 = 2.8966 -> 2.90.
      // Prepayment fee 0.02 x 200.00 (principal not yet due) = 4.00. Total 200 + 2.90 + 4.00 = 206.90.
      txs: [pay('2024-02-01', '111.00')],
      asOf: '2024-02-15',
      fee: { chargeType: 'PERCENT' as const, rate: '0.02' },
      quote: { principal: '200.00', interest: '2.90', fees: '0.00', penalties: '0.00', prepaymentFee: '4.00', credit: '0.00', total: '206.90', accruedInterest: '2.90' },
    },
    {
      name: 'first period: from the disbursement date',
      // #1 period 01-01 -> 02-01 = 31 days; elapsed 10: 10.00 x 10 / 31 = 3.2258 -> 3.23. Total 303.23.
      txs: [],
      asOf: '2024-01-11',
      fee: null,
      quote: { principal: '300.00', interest: '3.23', fees: '0.00', penalties: '0.00', prepaymentFee: '0.00', credit: '0.00', total: '303.23' },
    },
    {
      name: 'after a missed #1: its interest, fees, late fee and penalty, plus #2 pro rata, FLAT 10 fee',
      // #1: I10, F1 + late fee 5 (02-07), penalty 19 days (02-02..02-20) x 0.10 = 1.90.
      // #2 pro rata 6.00 x 19 / 29 = 3.931 -> 3.93; interest 10 + 3.93 = 13.93.
      // Total 300 + 13.93 + 6 + 1.90 + 10 = 331.83.
      txs: [],
      asOf: '2024-02-20',
      fee: { chargeType: 'FLAT' as const, amount: '10.00' },
      quote: { principal: '300.00', interest: '13.93', fees: '6.00', penalties: '1.90', prepaymentFee: '10.00', credit: '0.00', total: '331.83', accruedInterest: '3.93' },
    },
    {
      name: 'on a due date: that instalment is fully due, the next has earned nothing yet',
      // #2 due today: I6 F1 in full; #3 elapsed 0 -> 0. Total 200 + 6 + 1 = 207.
      txs: [pay('2024-02-01', '111.00')],
      asOf: '2024-03-01',
      fee: null,
      quote: { principal: '200.00', interest: '6.00', fees: '1.00', penalties: '0.00', prepaymentFee: '0.00', credit: '0.00', total: '207.00' },
    },
    {
      name: 'after maturity, nothing paid: no principal is prepaid so no prepayment fee',
      // Interest 10 + 6 + 3 = 19; fees 3 + late fees 3 x 5 = 18; penalty to 04-10:
      // #1 02-02..04-10 = 28 + 31 + 10 = 69 days -> 6.90; #2 03-02..04-10 = 30 + 10 = 40 -> 4.00;
      // #3 04-02..04-10 = 9 -> 0.90; = 11.80. Total 300 + 19 + 18 + 11.80 = 348.80.
      txs: [],
      asOf: '2024-04-10',
      fee: { chargeType: 'FLAT' as const, amount: '10.00' },
      quote: { principal: '300.00', interest: '19.00', fees: '18.00', penalties: '11.80', prepaymentFee: '0.00', credit: '0.00', total: '348.80' },
    },
    {
      name: 'held credit is deducted',
      // CREDIT policy: 50 held. 200 + 6 x 19 / 29 (3.93) - 50 = 153.93.
      txs: [pay('2024-02-01', '111.00'), pay('2024-02-15', '50.00')],
      asOf: '2024-02-20',
      fee: null,
      quote: { principal: '200.00', interest: '3.93', credit: '50.00', total: '153.93' },
    },
  ])('$name', ({ txs, asOf, fee, quote }) => {
    expect(payoffQuote(terms(), SCHEDULE, txs, asOf, { disbursementDate: DISBURSED, prepaymentFee: fee })).toMatchObject(quote);
  });

  it('needs the disbursement date only when asOf is in the first period', () => {
    expect(() => payoffQuote(terms(), SCHEDULE, [], '2024-01-11')).toThrow(ServicingInputError);
    expect(payoffQuote(terms(), SCHEDULE, [], '2024-02-15').interest).toBe('12.90'); // 10 + 6 x 14 / 29 (2.90)
  });

  it('settling a quote under REDUCE_TERM: FEE_CHARGE of the accrued part, then REPAYMENT of the total, closes the loan', () => {
    // Missed #1, as of 02-20: quote without prepayment fee = 300 + 13.93 + 6 + 1.90 = 321.83, of which 3.93
    // is #2's pro-rata interest, which the engine cannot book as interest (scheduled interest is fixed).
    const t = terms({ overpaymentPolicy: 'REDUCE_TERM' });
    const q = payoffQuote(t, SCHEDULE, [], '2024-02-20', { disbursementDate: DISBURSED });
    expect(q).toMatchObject({ total: '321.83', accruedInterest: '3.93' });
    // A bare repayment of the total closes the loan but leaves the 3.93 as credit ...
    const bare = replayLoan(t, SCHEDULE, [pay('2024-02-20', q.total)], '2024-02-20');
    expect(bare).toMatchObject({ closed: true, credit: '3.93' });
    // ... charging it first (it lands on #2 as a charged fee) consumes it exactly.
    const settled = replayLoan(t, SCHEDULE, [tx('FEE_CHARGE', '2024-02-20', q.accruedInterest!), pay('2024-02-20', q.total)], '2024-02-20');
    expect(settled).toMatchObject({ closed: true, credit: '0.00' });
  });

  it('settling a quote under REDUCE_INSTALLMENT once a prepayment paid a later instalment\'s principal: paying what fell due closes the loan', () => {
    // #1 P300 due 02-01, #2 P100 F1 due 03-01. 399.99 prepaid on 01-15 is spread by cumulative rounding,
    // 299.99 and 100.00: #2's principal is paid while #1 owes 0.01. On 02-01 the quote is that cent (#2's
    // fee is not yet due, and goes with the loan), and paying it pays the loan off: #2 goes too.
    const t = terms({ overpaymentPolicy: 'REDUCE_INSTALLMENT', lateFee: null });
    const schedule = [
      { number: 1, dueDate: '2024-02-01', principal: '300.00', interest: '0.00', fees: '0.00' },
      { number: 2, dueDate: '2024-03-01', principal: '100.00', interest: '0.00', fees: '1.00' },
    ];
    const txs = [pay('2024-01-15', '399.99')];
    const q = payoffQuote(t, schedule, txs, '2024-02-01', { disbursementDate: DISBURSED });
    expect(q).toMatchObject({ principal: '0.01', fees: '0.00', total: '0.01' });
    const settled = replayLoan(t, schedule, [...txs, pay('2024-02-01', q.total)], '2024-02-01');
    expect(settled).toMatchObject({ closed: true, credit: '0.00' });
    expect(settled.installments.map((i) => [i.principalPaid, i.feesDue, i.status])).toEqual([['300.00', '0.00', 'PAID'], ['100.00', '0.00', 'PAID']]);
  });

  it('the same paid off by held credit on the due date: the later instalment goes, nothing more to pay', () => {
    // A FLAT 5.00 prepayment fee: 404.99 on 01-15 prepays 399.99 (spread 299.99 / 100.00) and the fee;
    // 0.01 on 01-20 is too little to prepay past the fee, so it is held as credit, and applied to #1 on 02-01.
    const t = terms({ overpaymentPolicy: 'REDUCE_INSTALLMENT', lateFee: null, prepaymentFee: { chargeType: 'FLAT', amount: '5.00' } });
    const schedule = [
      { number: 1, dueDate: '2024-02-01', principal: '300.00', interest: '0.00', fees: '0.00' },
      { number: 2, dueDate: '2024-03-01', principal: '100.00', interest: '0.00', fees: '1.00' },
    ];
    const before = replayLoan(t, schedule, [pay('2024-01-15', '404.99'), pay('2024-01-20', '0.01')], '2024-01-31');
    expect(before).toMatchObject({ closed: false, credit: '0.01' });
    const paidOff = replayLoan(t, schedule, [pay('2024-01-15', '404.99'), pay('2024-01-20', '0.01')], '2024-02-01');
    expect(paidOff).toMatchObject({ closed: true, credit: '0.00' });
    expect(paidOff.installments.map((i) => [i.principalPaid, i.feesDue, i.status])).toEqual([['300.00', '5.00', 'PAID'], ['100.00', '0.00', 'PAID']]);
  });
});
