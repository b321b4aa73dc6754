import { settlementPlan } from './settlement-plan';

describe('settlementPlan', () => {
  it('one payment: all of it on the last day', () => {
    expect(settlementPlan('500.00', 2, '2026-03-01', '2026-03-31', 1)).toEqual([{ number: 1, dueDate: '2026-03-31', amount: '500.00' }]);
  });

  it('three payments of 100.00 / 3: equal parts rounded down, the last takes the cent, dates spread to payBy', () => {
    expect(settlementPlan('100.00', 2, '2026-03-01', '2026-03-31', 3)).toEqual([
      { number: 1, dueDate: '2026-03-11', amount: '33.33' },
      { number: 2, dueDate: '2026-03-21', amount: '33.33' },
      { number: 3, dueDate: '2026-03-31', amount: '33.34' },
    ]);
  });

  it('a currency without minor units', () => {
    expect(settlementPlan('1000', 0, '2026-03-01', '2026-03-03', 3).map((p) => p.amount)).toEqual(['333', '333', '334']);
  });
});
