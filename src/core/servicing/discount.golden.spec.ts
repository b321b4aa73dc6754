import { Dec } from '../money';
import { payoffQuote, replayLoan } from './index';
import { DISBURSED, pay, SCHEDULE, terms, tx } from './servicing.fixture';

/*
 * A settlement agreement, hand-computed on the fixture schedule (disbursed 2024-01-01; #1 due 02-01
 * P100 I10 F1, #2 due 03-01 P100 I6 F1, #3 due 04-01 P100 I3 F1; penalty 0.1 %/day; late fee 5.00 on
 * due + 6): once the agreed amount is paid, a SETTLEMENT_DISCOUNT forgives the rest of the payoff
 * without a prepayment fee, and the loan closes with nothing left as credit.
 */
const discount = (date: string, amount: string, id = 'discount') => tx('SETTLEMENT_DISCOUNT', date, amount, id);
const FLAT_10 = { chargeType: 'FLAT' as const, amount: '10.00' };

describe('settlement discount (golden)', () => {
  it('forgives the rest of the payoff after a missed #1 and a part payment, without the prepayment fee', () => {
    // The borrower pays 200.00 of an agreed 200.00 on 02-20: #1 in full with its fees, late fee and
    // penalty (100 + 10 + 6 + 1.90 = 117.90); of the 82.10 left the FLAT 10 prepayment fee is taken
    // and 72.10 prepays principal (REDUCE_TERM). The rest is the payoff without a second fee:
    // principal 127.90 + #2's interest to the day 6.00 x 19 / 29 = 3.93 -> 131.83.
    const t = terms({ overpaymentPolicy: 'REDUCE_TERM', prepaymentFee: FLAT_10, disbursementDate: DISBURSED });
    const paid = [pay('2024-02-20', '200.00', 'p')];
    const quote = payoffQuote(t, SCHEDULE, paid, '2024-02-20');
    const rest = { ...quote, total: new Dec(quote.total).minus(quote.prepaymentFee).toFixed(2) };
    expect(quote.prepaymentFee).toBe('10.00');
    expect(rest.total).toBe('131.83');
    const s = replayLoan(t, SCHEDULE, [...paid, discount('2024-02-20', rest.total)], '2024-02-20');
    expect(s).toMatchObject({ closed: true, credit: '0.00', outstanding: { total: '0.00' } });
    const forgiven = s.allocations.find((a) => a.transactionId === 'discount')!;
    expect(forgiven).toMatchObject({ interest: rest.interest, fees: '0.00', toCredit: '0.00', fromCredit: '0.00' });
    expect(forgiven).toMatchObject({ principal: '127.90', interest: '3.93', penalties: '0.00' });
    // Nothing happens on the later due dates.
    expect(replayLoan(t, SCHEDULE, [...paid, discount('2024-02-20', rest.total)], '2024-05-01')).toMatchObject({ closed: true, dpd: 0, credit: '0.00' });
  });

  it('more than the rest forgives only the rest; nothing becomes credit', () => {
    const t = terms({ disbursementDate: DISBURSED });
    const s = replayLoan(t, SCHEDULE, [discount('2024-01-15', '999.00')], '2024-01-15');
    expect(s).toMatchObject({ closed: true, credit: '0.00' });
    expect(s.allocations[0].toCredit).toBe('0.00');
  });

  it('held credit is used first', () => {
    // CREDIT policy: 111 pays #1, 50 is held; the rest on 02-20 is 200 + 3.93 - 50 = 153.93.
    const t = terms({ disbursementDate: DISBURSED });
    const txs = [pay('2024-02-01', '111.00'), pay('2024-02-15', '50.00')];
    const s = replayLoan(t, SCHEDULE, [...txs, discount('2024-02-20', '153.93')], '2024-02-20');
    expect(s).toMatchObject({ closed: true, credit: '0.00' });
    expect(s.allocations[2]).toMatchObject({ transactionId: 'discount', principal: '200.00', interest: '3.93', fromCredit: '50.00', toCredit: '0.00' });
  });

  it('short of the rest (a backdated change moved it), it forgives what is due and the loan stays open', () => {
    // On 02-20 #1 is due (100 + 10 + 1 + late fee 5 + penalty 1.90 = 117.90); 50 forgives its penalty,
    // fees and interest first, then 32.10 of its principal.
    const t = terms({ disbursementDate: DISBURSED });
    const s = replayLoan(t, SCHEDULE, [discount('2024-02-20', '50.00')], '2024-02-20');
    expect(s.closed).toBe(false);
    expect(s.allocations[0]).toMatchObject({ penalties: '1.90', fees: '6.00', interest: '10.00', principal: '32.10', toCredit: '0.00' });
  });
});
