import { isClosed, isPeriod, lastClosedPeriod, meterEventIdentifier, meterEventTimestamp, periodBounds, toMinorUnits } from './usage';

describe('usage periods', () => {
  it.each([
    ['2026-01', true], ['2026-12', true], ['2026-13', false], ['2026-00', false], ['2026-1', false], ['26-01', false], ['2026-01-01', false],
  ])('isPeriod(%s) = %s', (p, ok) => expect(isPeriod(p)).toBe(ok));

  it.each([
    ['2026-01', '2026-01-01', '2026-01-31', '2026-02-01'],
    ['2024-02', '2024-02-01', '2024-02-29', '2024-03-01'],
    ['2026-02', '2026-02-01', '2026-02-28', '2026-03-01'],
    ['2026-04', '2026-04-01', '2026-04-30', '2026-05-01'],
    ['2026-12', '2026-12-01', '2026-12-31', '2027-01-01'],
  ])('bounds of %s', (p, first, last, next) => expect(periodBounds(p)).toEqual({ first, last, next }));

  it.each([
    ['2026-03-01', '2026-02'], ['2026-03-31', '2026-02'], ['2026-01-15', '2025-12'],
  ])('last closed month on %s is %s', (today, period) => expect(lastClosedPeriod(today)).toBe(period));

  it.each([
    ['2026-02', '2026-02-28', false], ['2026-02', '2026-03-01', true], ['2026-12', '2027-01-01', true], ['2026-11', '2026-10-01', false],
  ])('%s closed on %s: %s', (p, today, closed) => expect(isClosed(p, today)).toBe(closed));

  it('refuses a malformed period', () => expect(() => periodBounds('2026-13')).toThrow('a month YYYY-MM'));
});

describe('meter events', () => {
  it('derives one identifier per tenant, month and meter', () => {
    const t = '0190a6f2-7c1e-7abc-9def-000000000001';
    expect(meterEventIdentifier(t, '2026-02', 'microlend_active_loans')).toBe(`usage:${t}:2026-02:active_loans`);
    expect(meterEventIdentifier(t, '2026-02', 'microlend_disbursed_volume')).not.toBe(meterEventIdentifier(t, '2026-03', 'microlend_disbursed_volume'));
  });

  it.each([
    ['1234.5', 2, '123450'], ['0', 2, '0'], ['12000.0000', 2, '1200000'], ['500', 0, '500'], ['99999999999999.99', 2, '9999999999999999'],
  ])('%s at %i decimals is %s minor units', (amount, decimals, units) => expect(toMinorUnits(amount, decimals)).toBe(units));

  it('refuses an amount finer than the currency', () => expect(() => toMinorUnits('1.005', 2)).toThrow('more than 2 decimals'));

  it('stamps the last second of the month, never the future', () => {
    expect(meterEventTimestamp(1_000_000, 2_000_000)).toBe(999_999);
    expect(meterEventTimestamp(3_000_000, 2_000_000)).toBe(2_000_000);
    // 34 days after the month: still its own time; later, Stripe would refuse it, so now.
    expect(meterEventTimestamp(1_000_000, 1_000_000 + 34 * 86_400 - 1)).toBe(999_999);
    expect(meterEventTimestamp(1_000_000, 1_000_000 + 40 * 86_400)).toBe(1_000_000 + 40 * 86_400);
  });
});
