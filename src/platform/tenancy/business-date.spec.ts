import { todayIn } from './business-date';

describe('business dates in the tenant’s time zone', () => {
  it.each([
    // New York leaves daylight time on 2026-11-01 at 02:00 EDT (06:00 UTC): the date turns at local midnight either side.
    ['2026-11-01T03:59:00Z', 'America/New_York', '2026-10-31'],
    ['2026-11-01T04:00:00Z', 'America/New_York', '2026-11-01'],
    ['2026-11-02T04:59:00Z', 'America/New_York', '2026-11-01'],
    ['2026-11-02T05:00:00Z', 'America/New_York', '2026-11-02'],
    // Spring forward (2026-03-08): midnight is 05:00 UTC before the change.
    ['2026-03-08T04:59:59Z', 'America/New_York', '2026-03-07'],
    ['2026-03-09T03:59:59Z', 'America/New_York', '2026-03-08'],
    // Shanghai has no DST; Nairobi neither; a leap day in both.
    ['2028-02-28T16:00:00Z', 'Asia/Shanghai', '2028-02-29'],
    ['2028-02-29T20:59:59Z', 'Africa/Nairobi', '2028-02-29'],
    ['2028-02-29T21:00:00Z', 'Africa/Nairobi', '2028-03-01'],
  ])('%s in %s is business date %s', (instant, zone, date) => {
    expect(todayIn(zone, new Date(instant))).toBe(date);
  });

  it('keeps an answer for its second only: the date turns at the first instant of the next', () => {
    const zone = 'America/New_York';
    expect(todayIn(zone, new Date('2026-11-01T03:59:59.000Z'))).toBe('2026-10-31');
    expect(todayIn(zone, new Date('2026-11-01T03:59:59.999Z'))).toBe('2026-10-31');
    expect(todayIn(zone, new Date('2026-11-01T04:00:00.000Z'))).toBe('2026-11-01');
    expect(todayIn(zone, new Date('2026-11-01T03:59:59.500Z'))).toBe('2026-10-31');
    expect(todayIn('Asia/Shanghai', new Date('2026-11-01T03:59:59.500Z'))).toBe('2026-11-01');
  });
});
