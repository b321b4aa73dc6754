import { closingOf, paymentsOf, profileOf, renewalOf } from './seed-history';

const schedule = [
  { dueDate: '2026-01-05', total: '100.10' }, { dueDate: '2026-02-05', total: '100.10' }, { dueDate: '2026-03-05', total: '100.10' }, { dueDate: '2026-04-05', total: '100.10' },
];

describe('seeded payer histories', () => {
  it('mixes 70 on time, 12 late, 8 cures and 10 defaults in every hundred', () => {
    const counts: Record<string, number> = {};
    for (let i = 1; i <= 100; i++) counts[profileOf(i)] = (counts[profileOf(i)] ?? 0) + 1;
    expect(counts).toEqual({ ON_TIME: 70, LATE: 12, CURE: 8, DEFAULT: 10 });
    expect(new Set(Array.from({ length: 20 }, (_, i) => profileOf(i + 1))).size).toBe(4);
  });

  it('pays on the due date, 15 days late, catches up at the third, or never; nothing after today', () => {
    expect(paymentsOf('ON_TIME', schedule, '2026-03-10')).toEqual([{ paidAt: '2026-01-05', amount: '101.10' }, { paidAt: '2026-02-05', amount: '101.10' }, { paidAt: '2026-03-05', amount: '101.10' }]);
    expect(paymentsOf('LATE', schedule, '2026-03-10')).toEqual([{ paidAt: '2026-01-20', amount: '103.10' }, { paidAt: '2026-02-20', amount: '103.10' }]);
    expect(paymentsOf('CURE', schedule, '2026-04-30')).toEqual([{ paidAt: '2026-03-05', amount: '315.32' }, { paidAt: '2026-04-05', amount: '101.10' }]);
    expect(paymentsOf('DEFAULT', schedule, '2026-04-30')).toEqual([]);
    // A currency without minor units (KES at 0 decimals) pays whole shillings.
    expect(paymentsOf('ON_TIME', [{ dueDate: '2026-01-05', total: '2105' }], '2026-01-31', 0)).toEqual([{ paidAt: '2026-01-05', amount: '2126' }]);
  });

  it('closes a loan when its last instalment is paid, if that is by today', () => {
    expect(closingOf('ON_TIME', schedule, '2026-04-05')).toBe('2026-04-05');
    expect(closingOf('ON_TIME', schedule, '2026-04-04')).toBeNull();
    expect(closingOf('LATE', schedule, '2026-05-01')).toBe('2026-04-20');
    expect(closingOf('CURE', schedule, '2026-05-01')).toBe('2026-04-05');
    expect(closingOf('DEFAULT', schedule, '2027-01-01')).toBeNull();
  });

  it('brings back 60% of on-time payers (about two in five for more), 30% of the late, 20% of cures, no defaulter', () => {
    const tally = (profile: 'ON_TIME' | 'LATE' | 'CURE' | 'DEFAULT') => {
      const out: Record<string, number> = { NONE: 0, SAME: 0, LARGER: 0 };
      for (let i = 1; i <= 100; i++) out[renewalOf(i, profile)]++;
      return out;
    };
    expect(tally('ON_TIME')).toEqual({ NONE: 40, SAME: 35, LARGER: 25 });
    expect(tally('LATE')).toEqual({ NONE: 70, SAME: 30, LARGER: 0 });
    expect(tally('CURE')).toEqual({ NONE: 80, SAME: 20, LARGER: 0 });
    expect(tally('DEFAULT')).toEqual({ NONE: 100, SAME: 0, LARGER: 0 });
  });
});
