import { LoanState, LoanTransaction, OverpaymentPolicy, replayLoan } from './index';
import { pay, SCHEDULE, terms, tx } from './servicing.fixture';

/*
 * Each overpayment policy, hand-computed. In every case #1 (111.00) is paid on its due date 2024-02-01,
 * then money arrives on 2024-02-15 while #2 (P100 I6 F1, due 03-01) and #3 (P100 I3 F1, due 04-01) are
 * not yet due, so all of it is in advance.
 */

interface Case {
  name: string;
  policy: OverpaymentPolicy;
  roundingMode?: 'HALF_EVEN' | 'HALF_UP';
  txs: LoanTransaction[];
  asOf: string;
  expect: Partial<LoanState> & Record<string, unknown>;
}

const row = (o: Record<string, unknown>) => expect.objectContaining(o);
const zero = { principal: '0.00', interest: '0.00', fees: '0.00', penalties: '0.00', total: '0.00' };

const cases: Case[] = [
  {
    name: 'CREDIT: 150 in advance is held as credit',
    policy: 'CREDIT',
    txs: [pay('2024-02-01', '111.00'), pay('2024-02-15', '150.00', 'x')],
    asOf: '2024-02-15',
    expect: {
      credit: '150.00',
      closed: false,
      outstanding: { principal: '200.00', interest: '9.00', fees: '2.00', penalties: '0.00', total: '211.00' },
      installments: [row({ status: 'PAID' }), row({ status: 'FUTURE', principalPaid: '0.00' }), row({ status: 'FUTURE' })] as never,
    },
  },
  {
    name: 'CREDIT: on 03-01 the credit pays #2 (107) automatically; 43.00 stays',
    // 150 - (F1 + I6 + P100) = 43.
    policy: 'CREDIT',
    txs: [pay('2024-02-01', '111.00'), pay('2024-02-15', '150.00', 'x')],
    asOf: '2024-03-01',
    expect: {
      credit: '43.00',
      dpd: 0,
      installments: [row({ status: 'PAID' }), row({ status: 'PAID', paidOn: '2024-03-01' }), row({ status: 'FUTURE' })] as never,
    },
  },
  {
    name: 'CREDIT: on 04-01 the remaining 43 partly pays #3 (F1 + I3 + P39), leaving P61 due',
    policy: 'CREDIT',
    txs: [pay('2024-02-01', '111.00'), pay('2024-02-15', '150.00', 'x')],
    asOf: '2024-04-01',
    expect: {
      credit: '0.00',
      overdue: { principal: '61.00', interest: '0.00', fees: '0.00', penalties: '0.00', total: '61.00' },
      installments: [row({ status: 'PAID' }), row({ status: 'PAID' }), row({ status: 'PARTIALLY_PAID', principalPaid: '39.00' })] as never,
      allocations: [
        row({ source: 'TRANSACTION', toCredit: '0.00' }),
        row({ transactionId: 'x', source: 'TRANSACTION', toCredit: '150.00', principal: '0.00' }),
        row({ transactionId: 'credit:2024-03-01', source: 'CREDIT', fromCredit: '107.00', principal: '100.00', interest: '6.00', fees: '1.00' }),
        row({ transactionId: 'credit:2024-04-01', source: 'CREDIT', fromCredit: '43.00', principal: '39.00', interest: '3.00', fees: '1.00' }),
      ] as never,
    },
  },
  {
    name: 'REDUCE_TERM: 150 pays #3 principal (dropping its I3 F1), then 50 of #2 principal',
    // From the last instalment backwards: #3 P100 fully prepaid -> dropped (interest and fees no longer due);
    // 50 left -> #2 principal. #2's interest is repriced on the balance outstanding (was 6.00 on 200 for the
    // whole period, the defect of issue 12): 29-day period, 14 days on 200 then 15 on 50:
    // 6 x (14 x 200 + 15 x 50) / (29 x 200) = 3.672 -> 3.67. #2 owes P50 + I3.67 + F1 = 54.67 on 03-01.
    policy: 'REDUCE_TERM',
    txs: [pay('2024-02-01', '111.00'), pay('2024-02-15', '150.00', 'x')],
    asOf: '2024-02-15',
    expect: {
      credit: '0.00',
      outstanding: { principal: '50.00', interest: '3.67', fees: '1.00', penalties: '0.00', total: '54.67' },
      installments: [
        row({ status: 'PAID' }),
        row({ status: 'PARTIALLY_PAID', principalPaid: '50.00', interestDue: '3.67', dropped: false }),
        row({ status: 'PAID', paidOn: '2024-02-15', principalPaid: '100.00', interestDue: '0.00', feesDue: '0.00', dropped: true }),
      ] as never,
      allocations: [
        row({}),
        row({
          transactionId: 'x',
          principal: '150.00',
          toCredit: '0.00',
          byInstallment: [
            { number: 2, principal: '50.00', interest: '0.00', fees: '0.00', penalties: '0.00' },
            { number: 3, principal: '100.00', interest: '0.00', fees: '0.00', penalties: '0.00' },
          ],
        }),
      ] as never,
    },
  },
  {
    name: 'REDUCE_INSTALLMENT: 100.01 spread over #2/#3 principal (100/100), HALF_EVEN tie -> 50.00 / 50.01',
    // share #2 = round(100.01 x 100 / 200) = round(50.005) = 50.00 (HALF_EVEN, tie to even);
    // #3 takes the rest 100.01 - 50.00 = 50.01. Interest is repriced on the balance outstanding (it was kept
    // at 6 / 3, the defect of issue 12): #2 6 x (14 x 200 + 15 x 99.99) / (29 x 200) = 4.448 -> 4.45;
    // #3 3 x 49.99 / 100 = 1.4997 -> 1.50. Outstanding P 99.99 + I 5.95 + F 2 = 107.94.
    policy: 'REDUCE_INSTALLMENT',
    txs: [pay('2024-02-01', '111.00'), pay('2024-02-15', '100.01', 'x')],
    asOf: '2024-02-15',
    expect: {
      outstanding: { principal: '99.99', interest: '5.95', fees: '2.00', penalties: '0.00', total: '107.94' },
      installments: [row({}), row({ principalPaid: '50.00', interestDue: '4.45', status: 'PARTIALLY_PAID' }), row({ principalPaid: '50.01', interestDue: '1.50' })] as never,
    },
  },
  {
    name: 'REDUCE_INSTALLMENT with HALF_UP: the tie goes up -> 50.01 / 50.00',
    policy: 'REDUCE_INSTALLMENT',
    roundingMode: 'HALF_UP',
    txs: [pay('2024-02-01', '111.00'), pay('2024-02-15', '100.01')],
    asOf: '2024-02-15',
    expect: { installments: [row({}), row({ principalPaid: '50.01' }), row({ principalPaid: '50.00' })] as never },
  },
  ...(['REDUCE_TERM', 'REDUCE_INSTALLMENT'] as const).map(
    (policy): Case => ({
      name: `${policy}: 400 clears all principal (200), drops #2/#3, 200 goes to credit, loan closed`,
      policy,
      txs: [pay('2024-02-01', '111.00'), pay('2024-02-15', '400.00', 'x')],
      asOf: '2024-02-15',
      expect: {
        closed: true,
        credit: '200.00',
        outstanding: zero,
        installments: [row({}), row({ dropped: true, status: 'PAID', interestDue: '0.00' }), row({ dropped: true, status: 'PAID' })] as never,
        allocations: [row({}), row({ principal: '200.00', toCredit: '200.00' })] as never,
      },
    }),
  ),
  {
    name: 'CREDIT: 400 held; after both due dates 400 - 107 - 104 = 189 remains and the loan is closed',
    policy: 'CREDIT',
    txs: [pay('2024-02-01', '111.00'), pay('2024-02-15', '400.00')],
    asOf: '2024-04-01',
    expect: { closed: true, credit: '189.00', outstanding: zero },
  },
  {
    name: 'REDUCE_TERM: a fee charged onto #2 survives the drop and is paid from the prepayment',
    // 7.00 charged 02-10 onto #2. 400: #3 P100 (dropped), #2 P100 (dropped: I6 and scheduled F1 go,
    // the charged 7.00 stays) -> all principal paid, so the 7.00 is paid too; 400 - 200 - 7 = 193 to credit.
    policy: 'REDUCE_TERM',
    txs: [pay('2024-02-01', '111.00'), tx('FEE_CHARGE', '2024-02-10', '7.00'), pay('2024-02-15', '400.00', 'x')],
    asOf: '2024-02-15',
    expect: {
      closed: true,
      credit: '193.00',
      installments: [row({}), row({ feesDue: '7.00', feesPaid: '7.00', dropped: true }), row({ feesDue: '0.00' })] as never,
      allocations: [row({}), row({ principal: '200.00', fees: '7.00', toCredit: '193.00' })] as never,
    },
  },
  {
    name: 'any policy: money beyond the last instalment becomes credit',
    // 111 + 107 + 104 = 322 paid on the last due date together with 10 more.
    policy: 'REDUCE_TERM',
    txs: [pay('2024-02-01', '111.00'), pay('2024-03-01', '107.00'), pay('2024-04-01', '114.00', 'last')],
    asOf: '2024-04-01',
    expect: { closed: true, credit: '10.00', allocations: [row({}), row({}), row({ transactionId: 'last', toCredit: '10.00', principal: '100.00' })] as never },
  },
];

describe('overpayment policies (golden)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const state = replayLoan(terms({ overpaymentPolicy: c.policy, roundingMode: c.roundingMode ?? 'HALF_EVEN' }), SCHEDULE, c.txs, c.asOf);
    expect(state).toMatchObject(c.expect);
  });
});
