import fc from 'fast-check';
import { addMonths, civilFromDays, daysFromCivil, formatIsoDate, parseIsoDate } from './calendar';
import { dayCountFraction } from './day-count';
import { generateDueDates } from './due-dates';
import { LoanMathInputError } from './errors';

describe('calendar day numbers', () => {
  it('round-trip civil dates and agree with UTC Date', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200000, max: 200000 }), (day) => {
        const c = civilFromDays(day);
        expect(daysFromCivil(c.year, c.month, c.day)).toBe(day);
        const utc = new Date(day * 86400000);
        expect([c.year, c.month, c.day]).toEqual([utc.getUTCFullYear(), utc.getUTCMonth() + 1, utc.getUTCDate()]);
        if (c.year >= 0 && c.year <= 9999) expect(parseIsoDate(formatIsoDate(day), 'd')).toBe(day);
      }),
    );
  });

  it('clamps months at month end', () => {
    const jan31 = parseIsoDate('2024-01-31', 'd');
    expect(formatIsoDate(addMonths(jan31, 1))).toBe('2024-02-29');
    expect(formatIsoDate(addMonths(jan31, 13))).toBe('2025-02-28');
    expect(formatIsoDate(addMonths(jan31, -2))).toBe('2023-11-30');
  });

  it.each(['2023-02-29', '2024-13-01', '2024-1-01', '2024-01-01T00:00:00Z', 20240101, null])('refuses %p', (v) => {
    expect(() => parseIsoDate(v, 'disbursementDate')).toThrow(expect.objectContaining({ field: 'disbursementDate' }));
  });
});

describe('generateDueDates', () => {
  it('keeps the anchor day: 31 Jan -> 29 Feb -> 31 Mar (not 29 Mar)', () => {
    expect(generateDueDates({ disbursementDate: '2023-12-31', frequency: 'MONTHLY', count: 4 })).toEqual([
      '2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30',
    ]);
    expect(generateDueDates({ disbursementDate: '2024-01-05', firstDueDate: '2024-01-31', frequency: 'MONTHLY', count: 3 })).toEqual([
      '2024-01-31', '2024-02-29', '2024-03-31',
    ]);
  });

  it('steps quarters, weeks, fortnights and days', () => {
    expect(generateDueDates({ disbursementDate: '2023-11-30', frequency: 'QUARTERLY', count: 3 })).toEqual(['2024-02-29', '2024-05-30', '2024-08-30']);
    expect(generateDueDates({ disbursementDate: '2024-02-26', frequency: 'WEEKLY', count: 2 })).toEqual(['2024-03-04', '2024-03-11']);
    expect(generateDueDates({ disbursementDate: '2024-02-26', frequency: 'BIWEEKLY', count: 2 })).toEqual(['2024-03-11', '2024-03-25']);
    expect(generateDueDates({ disbursementDate: '2024-02-28', frequency: 'DAILY', count: 2 })).toEqual(['2024-02-29', '2024-03-01']);
  });

  it('pairs semi-monthly days d and d+15, clamped', () => {
    expect(generateDueDates({ disbursementDate: '2024-01-01', frequency: 'SEMI_MONTHLY', count: 4 })).toEqual([
      '2024-01-16', '2024-02-01', '2024-02-16', '2024-03-01',
    ]);
    expect(generateDueDates({ disbursementDate: '2024-01-10', firstDueDate: '2024-01-15', frequency: 'SEMI_MONTHLY', count: 4 })).toEqual([
      '2024-01-15', '2024-01-30', '2024-02-15', '2024-02-29',
    ]);
    expect(generateDueDates({ disbursementDate: '2024-01-20', frequency: 'SEMI_MONTHLY', count: 3 })).toEqual(['2024-02-05', '2024-02-20', '2024-03-05']);
  });

  it('refuses a first due date on or before disbursement', () => {
    expect(() => generateDueDates({ disbursementDate: '2024-01-10', firstDueDate: '2024-01-10', frequency: 'MONTHLY', count: 1 })).toThrow(
      expect.objectContaining({ field: 'firstDueDate' }),
    );
  });
});

describe('dayCountFraction', () => {
  it.each([
    ['2024-01-31', '2024-02-29', 'THIRTY_360', '29/360'],
    ['2024-01-30', '2024-03-31', 'THIRTY_360', '60/360'],
    ['2024-01-31', '2024-03-31', 'THIRTY_360', '60/360'],
    ['2023-02-28', '2023-03-31', 'THIRTY_360', '33/360'],
    ['2024-01-01', '2025-01-01', 'ACTUAL_365', '366/365'],
    ['2024-01-01', '2025-01-01', 'ACTUAL_360', '366/360'],
    ['2024-01-01', '2025-01-01', 'ACTUAL_ACTUAL', '1/1'],
    // 2023-12-15 .. 2024-01-15: 17 days of 2023 over 365 + 14 days of 2024 over 366
    ['2023-12-15', '2024-01-15', 'ACTUAL_ACTUAL', `${17 * 366 + 14 * 365}/${365 * 366}`],
  ] as const)('%s -> %s %s = %s', (s, e, dc, frac) => {
    const [num, den] = frac.split('/');
    expect(dayCountFraction(s, e, dc).mul(den).toDecimalPlaces(30).toFixed()).toBe(num);
  });

  it('refuses unknown conventions with the field', () => {
    expect(() => dayCountFraction('2024-01-01', '2024-02-01', 'ACT_ACT' as never)).toThrow(LoanMathInputError);
  });
});
