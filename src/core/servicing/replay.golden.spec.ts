import { bucketFor, DEFAULT_BUCKETS, LoanState, LoanTransaction, replayLoan, ScheduledInstallment } from './index';
import { pay, SCHEDULE, terms, tx } from './servicing.fixture';

/*
 * Hand-computed golden cases. Fixture: SCHEDULE (#1 2024-02-01 P100 I10 F1, #2 2024-03-01 P100 I6 F1,
 * #3 2024-04-01 P100 I3 F1), penalty 0.365 a year = exactly 0.1 % of overdue principal per day, late fee
 * FLAT 5.00 after 5 grace days (charged on due + 6), HALF_EVEN, order PENALTY > FEES > INTEREST > PRINCIPAL.
 */

interface Case {
  name: string;
  txs: LoanTransaction[];
  asOf: string;
  expect: Partial<LoanState> & Record<string, unknown>;
  overrides?: Parameters<typeof terms>[0];
}

const zero = { principal: '0.00', interest: '0.00', fees: '0.00', penalties: '0.00', total: '0.00' };

const cases: Case[] = [
  {
    name: 'on time: three instalments paid on their due dates close the loan',
    // 111 = F1 + I10 + P100; 107 = 1 + 6 + 100; 104 = 1 + 3 + 100; nothing late, no penalty, no late fee.
    txs: [pay('2024-02-01', '111.00', 'p1'), pay('2024-03-01', '107.00', 'p2'), pay('2024-04-01', '104.00', 'p3')],
    asOf: '2024-04-01',
    expect: {
      closed: true,
      credit: '0.00',
      dpd: 0,
      oldestUnpaidDueDate: null,
      outstanding: zero,
      overdue: zero,
      lateFeesCharged: [],
      installments: [
        expect.objectContaining({ number: 1, status: 'PAID', paidOn: '2024-02-01', principalPaid: '100.00', interestPaid: '10.00', feesPaid: '1.00' }),
        expect.objectContaining({ number: 2, status: 'PAID', paidOn: '2024-03-01' }),
        expect.objectContaining({ number: 3, status: 'PAID', paidOn: '2024-04-01' }),
      ] as never,
      allocations: [
        expect.objectContaining({ transactionId: 'p1', principal: '100.00', interest: '10.00', fees: '1.00', penalties: '0.00', toCredit: '0.00', byInstallment: [{ number: 1, principal: '100.00', interest: '10.00', fees: '1.00', penalties: '0.00' }] }),
        expect.objectContaining({ transactionId: 'p2', principal: '100.00', interest: '6.00', fees: '1.00' }),
        expect.objectContaining({ transactionId: 'p3', principal: '100.00', interest: '3.00', fees: '1.00' }),
      ] as never,
    },
  },
  {
    name: 'on time, mid-loan: the next instalment is FUTURE and nothing is overdue',
    // Outstanding = #2 107 + #3 104 = 211 (P200 I9 F2).
    txs: [pay('2024-02-01', '111.00')],
    asOf: '2024-02-15',
    expect: {
      closed: false,
      dpd: 0,
      oldestUnpaidDueDate: '2024-03-01',
      outstanding: { principal: '200.00', interest: '9.00', fees: '2.00', penalties: '0.00', total: '211.00' },
      overdue: zero,
      installments: [expect.objectContaining({ status: 'PAID' }), expect.objectContaining({ status: 'FUTURE' }), expect.objectContaining({ status: 'FUTURE' })] as never,
    },
  },
  {
    name: 'on the due date, unpaid: DUE, counted in overdue, but 0 days past due',
    txs: [pay('2024-02-01', '111.00')],
    asOf: '2024-03-01',
    expect: {
      dpd: 0,
      overdue: { principal: '100.00', interest: '6.00', fees: '1.00', penalties: '0.00', total: '107.00' },
      installments: [expect.objectContaining({ status: 'PAID' }), expect.objectContaining({ status: 'DUE' }), expect.objectContaining({ status: 'FUTURE' })] as never,
    },
  },
  {
    name: 'partial payment: 50 pays F1 + I10 + P39; 4 days later P61 is overdue with 0.24 penalty',
    // 50 - 1 - 10 = 39 principal, 61 left. Penalty 2024-02-02..05 = 4 days x 61.00 x 0.001 = 0.244 -> 0.24.
    // Late fee not yet (it is charged on 2024-02-07).
    txs: [pay('2024-02-01', '50.00', 'part')],
    asOf: '2024-02-05',
    expect: {
      dpd: 4,
      oldestUnpaidDueDate: '2024-02-01',
      overdue: { principal: '61.00', interest: '0.00', fees: '0.00', penalties: '0.24', total: '61.24' },
      lateFeesCharged: [],
      installments: [expect.objectContaining({ status: 'OVERDUE', principalPaid: '39.00', penaltyDue: '0.24', paidOn: null }), expect.anything(), expect.anything()] as never,
    },
  },
  {
    name: 'partial payment then catch-up: penalty accrued exactly (0.549 -> 0.55, not 9 x 0.06), late fee 5.00',
    // Penalty 2024-02-02..10 = 9 days x 61.00 x 0.001 = 0.549 -> 0.55 (rounding daily would give 0.54).
    // Late fee on 02-01 + 5 + 1 = 02-07 (principal still unpaid): 5.00.
    // Catch-up 66.55 = penalty 0.55 + fees 5.00 + interest 0 + principal 61.00.
    txs: [pay('2024-02-01', '50.00', 'part'), pay('2024-02-10', '66.55', 'catch-up')],
    asOf: '2024-02-10',
    expect: {
      dpd: 0,
      closed: false,
      oldestUnpaidDueDate: '2024-03-01',
      outstanding: { principal: '200.00', interest: '9.00', fees: '2.00', penalties: '0.00', total: '211.00' },
      lateFeesCharged: [{ number: 1, date: '2024-02-07', amount: '5.00' }],
      installments: [
        expect.objectContaining({ status: 'PAID', paidOn: '2024-02-10', feesDue: '6.00', feesPaid: '6.00', penaltyDue: '0.55', penaltyPaid: '0.55' }),
        expect.anything(),
        expect.anything(),
      ] as never,
      allocations: [
        expect.objectContaining({ transactionId: 'part', principal: '39.00', interest: '10.00', fees: '1.00', penalties: '0.00' }),
        expect.objectContaining({ transactionId: 'catch-up', principal: '61.00', interest: '0.00', fees: '5.00', penalties: '0.55', toCredit: '0.00' }),
      ] as never,
    },
  },
  {
    name: 'late, unpaid: 19 days of penalty (1.90), late fee on 02-07, dpd 19',
    // Penalty 02-02..02-20 = 19 days x 100.00 x 0.001 = 1.90. Overdue = P100 + I10 + F(1 + 5) + 1.90 = 117.90.
    txs: [],
    asOf: '2024-02-20',
    expect: {
      dpd: 19,
      overdue: { principal: '100.00', interest: '10.00', fees: '6.00', penalties: '1.90', total: '117.90' },
      lateFeesCharged: [{ number: 1, date: '2024-02-07', amount: '5.00' }],
      installments: [expect.objectContaining({ status: 'OVERDUE', penaltyDue: '1.90', feesDue: '6.00' }), expect.anything(), expect.anything()] as never,
    },
  },
  {
    name: 'late payment of 117.90 on 02-20 settles #1 with its penalty and late fee',
    txs: [pay('2024-02-20', '117.90', 'late')],
    asOf: '2024-02-20',
    expect: {
      dpd: 0,
      overdue: zero,
      allocations: [expect.objectContaining({ transactionId: 'late', penalties: '1.90', fees: '6.00', interest: '10.00', principal: '100.00', toCredit: '0.00' })] as never,
      installments: [expect.objectContaining({ status: 'PAID', paidOn: '2024-02-20' }), expect.anything(), expect.anything()] as never,
    },
  },
  {
    name: 'paid within the grace days (incl. 5 days of penalty 0.50): no late fee',
    // 02-02..02-06 = 5 days x 0.10 = 0.50; 111.50 = 0.50 + 1 + 10 + 100. Late fee day 02-07 finds #1 settled.
    txs: [pay('2024-02-06', '111.50')],
    asOf: '2024-02-29',
    expect: { lateFeesCharged: [], dpd: 0, installments: [expect.objectContaining({ status: 'PAID', paidOn: '2024-02-06', penaltyPaid: '0.50' }), expect.anything(), expect.anything()] as never },
  },
  {
    name: 'allocation order PRINCIPAL first: 50 goes to principal only',
    overrides: { allocationOrder: ['PRINCIPAL', 'INTEREST', 'FEES', 'PENALTY'] },
    txs: [pay('2024-02-01', '50.00', 'p')],
    asOf: '2024-02-01',
    expect: {
      allocations: [expect.objectContaining({ principal: '50.00', interest: '0.00', fees: '0.00' })] as never,
      overdue: { principal: '50.00', interest: '10.00', fees: '1.00', penalties: '0.00', total: '61.00' },
    },
  },
  {
    name: 'vertical allocation: a payment covers the older instalment fully before the newer one',
    // By 03-05: #1 P100 overdue 02-02..03-05 = 28 + 5 = 33 days -> 3.30, late fee 5 (02-07);
    // #2 overdue 03-02..03-05 = 4 days -> 0.40. 150 -> #1: 3.30 + 6 + 10 + 100 = 119.30; #2: 30.70 =
    // penalty 0.40 + fees 1 + interest 6 + principal 23.30.
    txs: [pay('2024-03-05', '150.00', 'v')],
    asOf: '2024-03-05',
    expect: {
      allocations: [
        expect.objectContaining({
          byInstallment: [
            { number: 1, principal: '100.00', interest: '10.00', fees: '6.00', penalties: '3.30' },
            { number: 2, principal: '23.30', interest: '6.00', fees: '1.00', penalties: '0.40' },
          ],
        }),
      ] as never,
      dpd: 4,
      oldestUnpaidDueDate: '2024-03-01',
    },
  },
  {
    name: 'waivers: penalty (capped at what accrued), fees, interest oldest first into a future instalment',
    // On 02-20 #1 has penalty 1.90, fees 1 + 5 (late fee), interest 10.
    // PENALTY_WAIVER 5.00 -> 1.90 waived (3.10 unused, ignored); FEE_WAIVER 5.00 -> #1 fees 5.00;
    // INTEREST_WAIVER 12.00 -> #1 10.00 + #2 2.00. Penalty keeps accruing: by 02-25 24 days x 0.10 = 2.40,
    // 2.40 - 1.90 waived = 0.50 unpaid. Outstanding: P300, I (6 - 2) + 3 = 7, F 1 + 1 + 1 = 3, pen 0.50.
    txs: [tx('PENALTY_WAIVER', '2024-02-20', '5.00', 'wp'), tx('FEE_WAIVER', '2024-02-20', '5.00', 'wf'), tx('INTEREST_WAIVER', '2024-02-20', '12.00', 'wi')],
    asOf: '2024-02-25',
    expect: {
      allocations: [
        expect.objectContaining({ transactionId: 'wp', penalties: '1.90', fees: '0.00', interest: '0.00', principal: '0.00' }),
        expect.objectContaining({ transactionId: 'wf', fees: '5.00', byInstallment: [{ number: 1, principal: '0.00', interest: '0.00', fees: '5.00', penalties: '0.00' }] }),
        expect.objectContaining({
          transactionId: 'wi',
          interest: '12.00',
          byInstallment: [
            { number: 1, principal: '0.00', interest: '10.00', fees: '0.00', penalties: '0.00' },
            { number: 2, principal: '0.00', interest: '2.00', fees: '0.00', penalties: '0.00' },
          ],
        }),
      ] as never,
      outstanding: { principal: '300.00', interest: '7.00', fees: '3.00', penalties: '0.50', total: '310.50' },
      overdue: { principal: '100.00', interest: '0.00', fees: '1.00', penalties: '0.50', total: '101.50' },
      installments: [
        expect.objectContaining({ penaltyDue: '2.40', penaltyWaived: '1.90', feesWaived: '5.00', interestWaived: '10.00', status: 'OVERDUE' }),
        expect.objectContaining({ interestWaived: '2.00', status: 'FUTURE' }),
        expect.anything(),
      ] as never,
      dpd: 24,
    },
  },
  {
    name: 'FEE_CHARGE lands on the instalment due next on/after its date',
    // 7.00 on 02-10 -> #2 (due 03-01): #2 fees 1 + 7 = 8.
    txs: [pay('2024-02-01', '111.00'), tx('FEE_CHARGE', '2024-02-10', '7.00')],
    asOf: '2024-02-10',
    expect: {
      outstanding: { principal: '200.00', interest: '9.00', fees: '9.00', penalties: '0.00', total: '218.00' },
      installments: [expect.anything(), expect.objectContaining({ feesDue: '8.00' }), expect.objectContaining({ feesDue: '1.00' })] as never,
    },
  },
  {
    name: 'transactions dated after asOf are not yet effective',
    txs: [pay('2024-02-01', '111.00', 'now'), pay('2024-03-01', '107.00', 'later')],
    asOf: '2024-02-15',
    expect: { allocations: [expect.objectContaining({ transactionId: 'now' })] as never },
  },
];

describe('replayLoan golden cases', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const state = replayLoan(terms(c.overrides), SCHEDULE, c.txs, c.asOf);
    expect(state).toMatchObject(c.expect);
    if (c.expect.allocations) expect(state.allocations).toHaveLength((c.expect.allocations as unknown[]).length);
  });
});

/*
 * Days past due across a month end and the 2024 leap day. Each instalment P100, no interest, fees,
 * penalty or late fee; due 2024-01-31, 2024-02-29 (leap day), 2024-03-31.
 */
describe('dpd and buckets across a month end and a leap day', () => {
  const schedule: ScheduledInstallment[] = [
    { number: 1, dueDate: '2024-01-31', principal: '100', interest: '0', fees: '0' },
    { number: 2, dueDate: '2024-02-29', principal: '100', interest: '0', fees: '0' },
    { number: 3, dueDate: '2024-03-31', principal: '100', interest: '0', fees: '0' },
  ];
  const quiet = terms({ penaltyAnnualRate: '0', lateFee: null });

  it.each([
    // asOf, dpd, bucket, status of #1                 arithmetic
    ['2024-01-30', 0, 'CURRENT', 'FUTURE'], //           not yet due
    ['2024-01-31', 0, 'CURRENT', 'DUE'], //              due today is not overdue
    ['2024-02-01', 1, '1-30', 'OVERDUE'], //            overdue the day after
    ['2024-02-29', 29, '1-30', 'OVERDUE'], //           Feb 1..29 = 29 days (leap year)
    ['2024-03-01', 30, '1-30', 'OVERDUE'], //           29 + 1
    ['2024-03-02', 31, '31-60', 'OVERDUE'], //          29 + 2
    ['2024-04-30', 90, '61-90', 'OVERDUE'], //          29 + 31 + 30
    ['2024-05-01', 91, '90+', 'OVERDUE'], //            29 + 31 + 30 + 1
  ] as const)('as of %s: dpd %i, bucket %s', (asOf, dpd, bucket, status) => {
    const s = replayLoan(quiet, schedule, [], asOf);
    expect(s.dpd).toBe(dpd);
    expect(bucketFor(s.dpd, DEFAULT_BUCKETS)).toBe(bucket);
    expect(s.oldestUnpaidDueDate).toBe('2024-01-31');
    expect(s.installments[0].status).toBe(status);
  });

  it('once #1 is paid the oldest unpaid is the leap-day instalment', () => {
    // Paid 2024-03-10; #2 due 02-29 -> 03-10 is 10 days past due.
    const s = replayLoan(quiet, schedule, [pay('2024-03-10', '100')], '2024-03-10');
    expect(s).toMatchObject({ dpd: 10, oldestUnpaidDueDate: '2024-02-29' });
  });

  it('penalty over the leap month is actual days / 365 (30 days x 0.10 = 3.00)', () => {
    // 2024-02-01..2024-03-01 = 29 + 1 = 30 days x 100.00 x 0.365 / 365.
    const s = replayLoan(terms({ lateFee: null }), schedule, [], '2024-03-01');
    expect(s.installments[0].penaltyDue).toBe('3.00');
    // #2 fell due on 02-29: one day (03-01) x 0.10.
    expect(s.installments[1].penaltyDue).toBe('0.10');
  });
});

describe('bucketFor', () => {
  it.each([
    [0, 'CURRENT'],
    [1, '1-30'],
    [30, '1-30'],
    [31, '31-60'],
    [60, '31-60'],
    [61, '61-90'],
    [90, '61-90'],
    [91, '90+'],
    [5000, '90+'],
  ] as const)('%i days -> %s', (dpd, name) => expect(bucketFor(dpd, DEFAULT_BUCKETS)).toBe(name));

  it('uses custom buckets, first match wins, and refuses uncovered or invalid dpd', () => {
    const custom = [
      { name: 'OK', minDpd: 0, maxDpd: 7 },
      { name: 'WATCH', minDpd: 8, maxDpd: 29 },
    ];
    expect(bucketFor(7, custom)).toBe('OK');
    expect(bucketFor(8, custom)).toBe('WATCH');
    expect(() => bucketFor(30, custom)).toThrow(/buckets/);
    expect(() => bucketFor(-1, DEFAULT_BUCKETS)).toThrow(/dpd/);
    expect(() => bucketFor(1.5, DEFAULT_BUCKETS)).toThrow(/dpd/);
  });
});
