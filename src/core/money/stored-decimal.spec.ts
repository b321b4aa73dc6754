import fc from 'fast-check';
import { Dec } from './decimal';
import { storedFixed, storedPlain } from './stored-decimal';

describe('stored NUMERIC text shown as Dec shows it', () => {
  it.each([
    ['12000.0000', 2, '12000.00'], ['12000.0000', 0, '12000'], ['1.5000', 3, '1.500'], ['7', 2, '7.00'], ['0.0000', 2, '0.00'],
    ['-3.2500', 2, '-3.25'], ['1.2350', 2, '1.24'], ['1.2250', 2, '1.22'], ['-0.0000', 2, '0.00'], ['0.0050', 2, '0.00'],
  ])('storedFixed(%s, %i) is %s', (value, decimals, shown) => {
    expect(storedFixed(value, decimals)).toBe(shown);
    expect(storedFixed(value, decimals)).toBe(new Dec(value).toFixed(decimals));
  });

  it.each([['0.1200', '0.12'], ['5.0000', '5'], ['0.0000', '0'], ['10', '10'], ['0.094822', '0.094822'], ['100.0100', '100.01']])('storedPlain(%s) is %s', (value, shown) => {
    expect(storedPlain(value)).toBe(shown);
  });

  it('agrees with Dec for any NUMERIC(18,4)-like text', () => {
    const numeric = fc.tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 18n - 1n }), fc.integer({ min: 0, max: 6 })).map(([neg, digits, scale]) => {
      const s = digits.toString().padStart(scale + 1, '0');
      const text = scale ? `${s.slice(0, -scale)}.${s.slice(-scale)}` : s;
      return neg ? `-${text}` : text;
    });
    fc.assert(fc.property(numeric, fc.integer({ min: 0, max: 4 }), (value, decimals) => {
      expect(storedFixed(value, decimals)).toBe(new Dec(value).toFixed(decimals));
      expect(storedPlain(value)).toBe(new Dec(value).toFixed());
    }), { numRuns: 2000 });
  });
});
