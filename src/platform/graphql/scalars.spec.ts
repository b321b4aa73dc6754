import { Kind } from 'graphql';
import { DateScalar, DateTimeScalar, DecimalScalar, isCalendarDate } from './scalars';

describe('scalars', () => {
  it.each(['0', '1234.56', '-0.094822', '99999999999999.000000000000000001'])('Decimal accepts %s unchanged', (v) => {
    expect(DecimalScalar.parseValue(v)).toBe(v);
  });
  it.each([1.5, '1e3', '01.5', '1.', '.5', 'NaN', '', ' 1', '1,5', '100000000000000', '1'.repeat(31)])('Decimal refuses %p', (v) => {
    expect(() => DecimalScalar.parseValue(v)).toThrow(/Decimal/);
  });
  it('Decimal refuses a numeric literal, which would already have passed through a float', () => {
    expect(() => DecimalScalar.parseLiteral({ kind: Kind.FLOAT, value: '0.1' })).toThrow(/string literal/);
  });
  it('Decimal never serialises a JS number', () => {
    expect(() => DecimalScalar.serialize(0.1)).toThrow();
    expect(DecimalScalar.serialize({ toFixed: () => '0.10' })).toBe('0.10');
  });
  it.each([['2024-02-29', true], ['2023-02-29', false], ['2024-13-01', false], ['2024-1-01', false], ['2000-02-29', true], ['1900-02-29', false]])('Date %s valid: %s', (v, ok) => {
    expect(isCalendarDate(v as string)).toBe(ok);
    if (ok) expect(DateScalar.parseValue(v)).toBe(v);
    else expect(() => DateScalar.parseValue(v)).toThrow(/Date/);
  });
  it('DateTime needs an offset and serialises in UTC', () => {
    expect(() => DateTimeScalar.parseValue('2026-01-31T09:30:00')).toThrow(/offset/);
    expect(DateTimeScalar.serialize(DateTimeScalar.parseValue('2026-01-31T09:30:00+08:00'))).toBe('2026-01-31T01:30:00.000Z');
  });
});
