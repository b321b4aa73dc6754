import fc from 'fast-check';
import Decimal from 'decimal.js';
import { Dec, toDec } from './decimal';
import { currencyDecimals, UnknownCurrencyError } from './currency';
import { divRoundNonNeg, divRoundNonNegBig, mulDivRound } from './integer-rounding';
import { roundMoney, roundToMultiple, RoundingMode } from './rounding';
import { formatScaled, parseScaledInteger } from './scaled-integer';

describe('Dec', () => {
  it('is a dedicated 40-digit clone unaffected by the global Decimal', () => {
    Decimal.set({ precision: 5 });
    try {
      expect(new Dec(1).div(3).toString()).toHaveLength(42);
    } finally {
      Decimal.set({ precision: 20 });
    }
  });
});

describe('toDec', () => {
  it('re-homes instances of other decimal.js constructors into the shared clone', () => {
    const foreign = new (Decimal.clone({ precision: 5 }))('1');
    expect(toDec(foreign).constructor).toBe(Dec);
    expect(toDec(foreign).div(3).toString()).toHaveLength(42);
  });
});

describe('roundMoney', () => {
  it.each<[string, number, RoundingMode, string]>([
    ['2.345', 2, 'HALF_EVEN', '2.34'],
    ['2.355', 2, 'HALF_EVEN', '2.36'],
    ['2.345', 2, 'HALF_UP', '2.35'],
    ['-2.345', 2, 'HALF_UP', '-2.35'],
    ['2.349', 2, 'DOWN', '2.34'],
    ['-2.349', 2, 'DOWN', '-2.34'],
    ['2.341', 2, 'UP', '2.35'],
    ['-2.341', 2, 'UP', '-2.35'],
    ['12.5', 0, 'HALF_EVEN', '12'],
    ['1.0005', 3, 'HALF_EVEN', '1'],
  ])('%s to %i decimals %s = %s', (v, d, m, want) => {
    expect(roundMoney(v, d, m).toString()).toBe(want);
  });

  it('rounds to a multiple', () => {
    expect(roundToMultiple('17.13', '0.05', 'UP').toString()).toBe('17.15');
    expect(roundToMultiple('17.125', '0.05', 'HALF_EVEN').toString()).toBe('17.1');
    expect(roundToMultiple('94.56', '10', 'HALF_UP').toString()).toBe('90');
    expect(() => roundToMultiple('1', '0', 'UP')).toThrow(RangeError);
  });
});

describe('integer rounding', () => {
  const modes: RoundingMode[] = ['HALF_EVEN', 'HALF_UP', 'DOWN', 'UP'];
  it('matches Decimal for every mode, on both the number and the BigInt path', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.integer({ min: 0, max: 2 ** 30 }),
        fc.integer({ min: 1, max: 2 ** 40 }),
        fc.constantFrom(...modes),
        (a, p, extra, mode) => {
          // rates are below 1 in practice; keep the quotient a safe integer as the contract asks
          const q = p + extra;
          const want = roundMoney(new Dec(a).mul(p).div(q), 0, mode).toFixed();
          expect(String(mulDivRound(a, p, q, mode))).toBe(want);
          expect(String(divRoundNonNegBig(BigInt(a) * BigInt(p), BigInt(q), mode))).toBe(want);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('breaks exact ties by mode', () => {
    expect([5, 15, 25].map((n) => divRoundNonNeg(n, 10, 'HALF_EVEN'))).toEqual([0, 2, 2]);
    expect([5, 15, 25].map((n) => divRoundNonNeg(n, 10, 'HALF_UP'))).toEqual([1, 2, 3]);
  });
});

describe('scaled integers', () => {
  it.each([
    ['100.00', { units: 100, scale: 0 }],
    ['0.065', { units: 65, scale: 3 }],
    ['-12.50', { units: -125, scale: 1 }],
    ['123456789012345.6', undefined],
    ['1e5', undefined],
    ['', undefined],
    ['.', undefined],
    ['1.2.3', undefined],
  ])('parses %s', (s, want) => {
    expect(parseScaledInteger(s)).toEqual(want);
  });

  it('round-trips through Decimal', () => {
    fc.assert(
      // Up to 15 significant digits: the most the scaled-integer form accepts (exact in a double).
      fc.property(fc.integer({ min: -(10 ** 15 - 1), max: 10 ** 15 - 1 }), fc.integer({ min: 0, max: 8 }), (u, s) => {
        const text = formatScaled(u, s);
        expect(new Dec(text).mul(new Dec(10).pow(s)).toFixed()).toBe(String(u));
        const back = parseScaledInteger(new Dec(text))!;
        expect(formatScaled(back.units, back.scale)).toBe(new Dec(text).toFixed());
      }),
    );
  });

  it('writes amounts in cents through its table exactly as Decimal does, up to where the table stops', () => {
    const cents = fc.oneof(fc.integer({ min: 0, max: 10 ** 14 + 1000 }), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 999_000, max: 1_001_000 }),
      fc.constantFrom(0, 1, 99, 100, 101, 999_999, 1_000_000, 1_000_001, 1_000_099, 100_000_000, 10 ** 14 - 1, 10 ** 14, 2 ** 53 - 1));
    fc.assert(fc.property(cents, (u) => expect(formatScaled(u, 2)).toBe(new Dec(u).div(100).toFixed(2))), { numRuns: 2000 });
  });
});

describe('currencyDecimals', () => {
  it.each([
    ['USD', 2], ['EUR', 2], ['CNY', 2], ['KES', 2], ['PHP', 2], ['IDR', 2], ['INR', 2], ['NGN', 2],
    ['JPY', 0], ['KRW', 0], ['BHD', 3], ['KWD', 3],
  ])('%s has %i', (code, d) => {
    expect(currencyDecimals(code)).toBe(d);
  });

  it('refuses unknown codes', () => {
    expect(() => currencyDecimals('XYZ')).toThrow(UnknownCurrencyError);
  });
});
