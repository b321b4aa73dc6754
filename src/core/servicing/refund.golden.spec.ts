import { replayLoan } from './replay';
import { SCHEDULE, pay, terms, tx } from './servicing.fixture';

describe('refund of held credit (CREDIT_REFUND)', () => {
  // CREDIT policy: 150.00 paid on 2024-01-15, nothing due yet, so all of it is held as credit.
  const over = pay('2024-01-15', '150.00', 'over');

  it('pays back part of the credit and leaves the rest for the next due date', () => {
    const state = replayLoan(terms(), SCHEDULE, [over, tx('CREDIT_REFUND', '2024-01-20', '39.00', 'refund')], '2024-01-31');
    expect(state.credit).toBe('111.00'); // 150.00 - 39.00
    expect(state.allocations.find((a) => a.transactionId === 'refund')).toMatchObject({ fromCredit: '39.00', principal: '0.00', toCredit: '0.00' });
  });

  it('never refunds more than is held that day (a refund is clamped, not negative credit)', () => {
    const state = replayLoan(terms(), SCHEDULE, [over, tx('CREDIT_REFUND', '2024-01-20', '500.00', 'refund')], '2024-01-31');
    expect(state.credit).toBe('0.00');
    expect(state.allocations.find((a) => a.transactionId === 'refund')!.fromCredit).toBe('150.00');
  });

  it('is ordered by date like everything else: a refund before the overpayment refunds nothing', () => {
    const state = replayLoan(terms(), SCHEDULE, [tx('CREDIT_REFUND', '2024-01-10', '50.00', 'early'), over], '2024-01-31');
    expect(state.credit).toBe('150.00');
    expect(state.allocations.find((a) => a.transactionId === 'early')!.fromCredit).toBe('0.00');
  });
});
