import { LOCKOUT_THRESHOLD, lockedUntil } from './lockout';

describe('login lockout', () => {
  const now = new Date('2026-12-04T12:00:00Z');
  const after = (failures: number) => {
    const until = lockedUntil(failures, now);
    return until === null ? null : (until.getTime() - now.getTime()) / 1000;
  };
  it.each([
    [1, null], [LOCKOUT_THRESHOLD - 1, null], [LOCKOUT_THRESHOLD, 30], [LOCKOUT_THRESHOLD + 1, 60], [LOCKOUT_THRESHOLD + 2, 120], [LOCKOUT_THRESHOLD + 7, 3600], [LOCKOUT_THRESHOLD + 40, 3600],
  ])('after %i failures locks for %s seconds', (failures, seconds) => {
    expect(after(failures)).toBe(seconds);
  });
});
