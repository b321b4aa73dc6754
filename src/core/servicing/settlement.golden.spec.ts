import { payoffQuote, replayLoan, ScheduledInstallment } from './index';
import { DISBURSED, pay, SCHEDULE, terms, tx } from './servicing.fixture';

/*
 * Issue 12 item 5, hand-computed: paying the payoff quote is a settlement (SETTLEMENT), the product's
 * prepayment fee is charged on payoff and on prepayments, and REDUCE_* prepayments reprice later
 * interest on the balance actually outstanding. Fixture schedule: disbursed 2024-01-01; #1 due 02-01
 * P100 I10 F1, #2 due 03-01 P100 I6 F1, #3 due 04-01 P100 I3 F1; penalty 0.1 %/day; late fee 5.00 on due + 6.
 */
const settle = (date: string, amount: string, id = 'settle') => tx('SETTLEMENT', date, amount, id);
const row = (o: Record<string, unknown>) => expect.objectContaining(o);
const PERCENT_2 = { chargeType: 'PERCENT' as const, rate: '0.02' };
const FLAT_10 = { chargeType: 'FLAT' as const, amount: '10.00' };

describe('settlement (golden)', () => {
  describe('paying the quote closes the loan with zero credit', () => {
    it.each(['REDUCE_TERM', 'REDUCE_INSTALLMENT', 'CREDIT'] as const)('%s: mid-period after an on-time #1, 2 %% prepayment fee', (policy) => {
      // Quote on 02-15: P200 + #2's interest to the day 6.00 x 14 / 29 = 2.90 + fee 0.02 x 200 = 4.00 = 206.90.
      const t = terms({ overpaymentPolicy: policy, prepaymentFee: PERCENT_2, disbursementDate: DISBURSED });
      const txs = [pay('2024-02-01', '111.00')];
      const q = payoffQuote(t, SCHEDULE, txs, '2024-02-15');
      expect(q).toMatchObject({ principal: '200.00', interest: '2.90', prepaymentFee: '4.00', total: '206.90', accruedInterest: '2.90' });
      const s = replayLoan(t, SCHEDULE, [...txs, settle('2024-02-15', q.total)], '2024-02-15');
      expect(s).toMatchObject({ closed: true, credit: '0.00', outstanding: { total: '0.00' } });
      // The to-the-day interest is interest (not credit); the fee is a fee charged and paid on #2;
      // #2 is cut short (its scheduled F1 goes), #3 is dropped.
      expect(s.allocations[1]).toMatchObject({
        transactionId: 'settle', principal: '200.00', interest: '2.90', fees: '4.00', penalties: '0.00', toCredit: '0.00', fromCredit: '0.00',
        byInstallment: [
          { number: 2, principal: '100.00', interest: '2.90', fees: '4.00', penalties: '0.00' },
          { number: 3, principal: '100.00', interest: '0.00', fees: '0.00', penalties: '0.00' },
        ],
      });
      expect(s.installments).toEqual([
        row({ status: 'PAID' }),
        row({ status: 'PAID', paidOn: '2024-02-15', interestDue: '2.90', interestPaid: '2.90', feesDue: '4.00', feesPaid: '4.00', dropped: false }),
        row({ status: 'PAID', paidOn: '2024-02-15', interestDue: '0.00', feesDue: '0.00', dropped: true }),
      ]);
      // Nothing happens on the later due dates.
      expect(replayLoan(t, SCHEDULE, [...txs, settle('2024-02-15', q.total)], '2024-05-01')).toMatchObject({ closed: true, credit: '0.00', dpd: 0 });
    });

    it('after a missed #1: its interest, fees, late fee and penalty, #2 to the day, FLAT 10 fee', () => {
      // 300 + interest 10 + 3.93 + fees 6 + penalty 1.90 + fee 10 = 331.83 (see payoff.golden.spec.ts).
      const t = terms({ overpaymentPolicy: 'REDUCE_TERM', prepaymentFee: FLAT_10, disbursementDate: DISBURSED });
      expect(payoffQuote(t, SCHEDULE, [], '2024-02-20').total).toBe('331.83');
      const s = replayLoan(t, SCHEDULE, [settle('2024-02-20', '331.83')], '2024-02-20');
      expect(s).toMatchObject({ closed: true, credit: '0.00' });
      expect(s.allocations[0]).toMatchObject({ principal: '300.00', interest: '13.93', fees: '16.00', penalties: '1.90', toCredit: '0.00' });
    });

    it('held credit counts towards the quote and is used by the settlement', () => {
      // CREDIT policy, 50 held: quote 200 + 3.93 - 50 = 153.93; the settlement uses the 50 (fromCredit).
      const t = terms({ disbursementDate: DISBURSED });
      const txs = [pay('2024-02-01', '111.00'), pay('2024-02-15', '50.00')];
      expect(payoffQuote(t, SCHEDULE, txs, '2024-02-20').total).toBe('153.93');
      const s = replayLoan(t, SCHEDULE, [...txs, settle('2024-02-20', '153.93')], '2024-02-20');
      expect(s).toMatchObject({ closed: true, credit: '0.00' });
      expect(s.allocations[2]).toMatchObject({ principal: '200.00', interest: '3.93', fees: '0.00', fromCredit: '50.00', toCredit: '0.00' });
    });

    it('money beyond the quote is credit', () => {
      const t = terms({ overpaymentPolicy: 'REDUCE_TERM', disbursementDate: DISBURSED });
      const s = replayLoan(t, SCHEDULE, [pay('2024-02-01', '111.00'), settle('2024-02-15', '212.90')], '2024-02-15');
      expect(s).toMatchObject({ closed: true, credit: '10.00' });
      expect(s.allocations[1]).toMatchObject({ principal: '200.00', interest: '2.90', toCredit: '10.00' });
    });
  });

  describe('a settlement whose quote moved', () => {
    it('is not a settlement: short of the payoff on its date it is allocated as a repayment (the service refuses it with CONFLICT)', () => {
      // Quoted on 02-15 (202.90 without a fee), paid on 02-20, when #2 has earned 6 x 19 / 29 = 3.93: the payoff is 203.93.
      const t = terms({ disbursementDate: DISBURSED });
      const txs = [pay('2024-02-01', '111.00')];
      const quoted = payoffQuote(t, SCHEDULE, txs, '2024-02-15').total;
      expect(quoted).toBe('202.90');
      expect(payoffQuote(t, SCHEDULE, txs, '2024-02-20').total).toBe('203.93');
      const s = replayLoan(t, SCHEDULE, [...txs, settle('2024-02-20', quoted)], '2024-02-20');
      expect(s).toMatchObject({ closed: false, credit: '202.90' }); // CREDIT policy: held, as a repayment would be
    });
  });

  describe('prepayment fee on a REDUCE_* prepayment', () => {
    it('PERCENT: principal + fee = the money in advance, fee = round(advance x rate / (1 + rate))', () => {
      // 102.00 in advance on 02-15: fee round(102 x 0.02 / 1.02) = 2.00, principal 100.00 -> #3 (dropped).
      // #2 repriced: 6 x (14 x 200 + 15 x 100) / (29 x 200) = 4.448 -> 4.45.
      const t = terms({ overpaymentPolicy: 'REDUCE_TERM', prepaymentFee: PERCENT_2, disbursementDate: DISBURSED });
      const s = replayLoan(t, SCHEDULE, [pay('2024-02-01', '111.00'), pay('2024-02-15', '102.00', 'x')], '2024-02-15');
      expect(s.allocations[1]).toMatchObject({ principal: '100.00', fees: '2.00', interest: '0.00', toCredit: '0.00', byInstallment: [
        { number: 2, principal: '0.00', interest: '0.00', fees: '2.00', penalties: '0.00' },
        { number: 3, principal: '100.00', interest: '0.00', fees: '0.00', penalties: '0.00' },
      ] });
      expect(s.installments[1]).toMatchObject({ interestDue: '4.45', feesDue: '3.00', feesPaid: '2.00', status: 'PARTIALLY_PAID' });
      expect(s.outstanding).toMatchObject({ principal: '100.00', interest: '4.45', fees: '1.00' });
    });

    it('FLAT: the fee first, the rest prepays; no more than the fee is held as credit (nothing prepaid, no fee)', () => {
      const t = terms({ overpaymentPolicy: 'REDUCE_INSTALLMENT', prepaymentFee: FLAT_10, disbursementDate: DISBURSED });
      const s = replayLoan(t, SCHEDULE, [pay('2024-02-01', '111.00'), pay('2024-02-15', '60.00', 'x')], '2024-02-15');
      expect(s.allocations[1]).toMatchObject({ principal: '50.00', fees: '10.00', toCredit: '0.00' });
      const small = replayLoan(t, SCHEDULE, [pay('2024-02-01', '111.00'), pay('2024-02-15', '10.00', 'x')], '2024-02-15');
      expect(small.allocations[1]).toMatchObject({ principal: '0.00', fees: '0.00', toCredit: '10.00' });
    });

    it('a repayment that clears all principal pays the fee on all of it', () => {
      // 400 in advance: fee 0.02 x 200 = 4.00, principal 200, 196 to credit.
      const t = terms({ overpaymentPolicy: 'REDUCE_TERM', prepaymentFee: PERCENT_2, disbursementDate: DISBURSED });
      const s = replayLoan(t, SCHEDULE, [pay('2024-02-01', '111.00'), pay('2024-02-15', '400.00', 'x')], '2024-02-15');
      expect(s).toMatchObject({ closed: true, credit: '196.00' });
      expect(s.allocations[1]).toMatchObject({ principal: '200.00', fees: '4.00', toCredit: '196.00' });
    });

    it('CREDIT policy: money in advance is held, so nothing is prepaid and no fee is charged', () => {
      const t = terms({ prepaymentFee: PERCENT_2, disbursementDate: DISBURSED });
      const s = replayLoan(t, SCHEDULE, [pay('2024-02-01', '111.00'), pay('2024-02-15', '102.00', 'x')], '2024-02-15');
      expect(s.allocations[1]).toMatchObject({ principal: '0.00', fees: '0.00', toCredit: '102.00' });
    });
  });

  describe('interest on the balance actually outstanding (12,000 at 18 %, 2,000 prepaid)', () => {
    // 12,000 disbursed 2024-01-01 at 18 % (actual/365), three instalments of equal principal:
    // #1 01-01 -> 02-01 (31 days) on 12,000: 183.452 -> 183.45; #2 (29 days) on 8,000: 114.411 -> 114.41;
    // #3 (31 days) on 4,000: 61.150 -> 61.15.
    const LOAN: ScheduledInstallment[] = [
      { number: 1, dueDate: '2024-02-01', principal: '4000.00', interest: '183.45', fees: '0.00' },
      { number: 2, dueDate: '2024-03-01', principal: '4000.00', interest: '114.41', fees: '0.00' },
      { number: 3, dueDate: '2024-04-01', principal: '4000.00', interest: '61.15', fees: '0.00' },
    ];
    const t = terms({ overpaymentPolicy: 'REDUCE_TERM', disbursementDate: DISBURSED });
    const prepaid = [pay('2024-01-01', '2000.00', 'prepay')];

    it('the day-10 payoff pays interest on 10,000, not on 12,000', () => {
      // 183.45 x (10 days x 10,000) / (31 x 12,000) = 49.31 (= 10,000 x 0.18 x 10 / 365 = 49.315 within the
      // schedule's rounding of #1); on 12,000 it was 183.45 x 10 / 31 = 59.18.
      const q = payoffQuote(t, LOAN, prepaid, '2024-01-11');
      expect(q).toMatchObject({ principal: '10000.00', interest: '49.31', accruedInterest: '49.31', total: '10049.31' });
      expect(payoffQuote(t, LOAN, [], '2024-01-11').interest).toBe('59.18');
      const s = replayLoan(t, LOAN, [...prepaid, settle('2024-01-11', q.total)], '2024-01-11');
      expect(s).toMatchObject({ closed: true, credit: '0.00' });
      expect(s.allocations[1]).toMatchObject({ principal: '10000.00', interest: '49.31' });
    });

    it('later periods are repriced too: each on the principal outstanding in it', () => {
      // #3 keeps 2,000 of principal (REDUCE_TERM pays from the last instalment back).
      // #1 on 10,000 all period: 183.45 x 10/12 = 152.875 -> 152.88 (HALF_EVEN); #2 on 6,000 of 8,000:
      // 114.41 x 0.75 = 85.8075 -> 85.81; #3 on 2,000 of 4,000: 61.15 / 2 = 30.575 -> 30.58.
      const s = replayLoan(t, LOAN, prepaid, '2024-01-11');
      expect(s.installments.map((i) => i.interestDue)).toEqual(['152.88', '85.81', '30.58']);
      expect(s.installments[2]).toMatchObject({ principalPaid: '2000.00', dropped: false });
    });

    it('a prepayment mid-period: interest to that day on the old balance, after it on the new one', () => {
      // 2,000 on 01-05: 183.45 x (4 x 12,000 + 27 x 10,000) / (31 x 12,000) = 156.825 -> 156.82; quote on
      // 01-15 earns 183.45 x (4 x 12,000 + 10 x 10,000) / (31 x 12,000) = 72.985 -> 72.99.
      const mid = [pay('2024-01-05', '2000.00', 'prepay')];
      expect(replayLoan(t, LOAN, mid, '2024-01-15').installments[0].interestDue).toBe('156.82');
      expect(payoffQuote(t, LOAN, mid, '2024-01-15').accruedInterest).toBe('72.99');
    });
  });
});
