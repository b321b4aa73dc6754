import { type CapRule, CapUnresolvedError, inForce, pct, resolveCap, withinCap } from './rate-cap';

const LPR = [
  { name: 'CN_LPR_1Y', effectiveFrom: '2024-10-21', rate: '0.0310' },
  { name: 'CN_LPR_1Y', effectiveFrom: '2025-05-20', rate: '0.0300' },
];
const CN: CapRule = { jurisdiction: 'CN', effectiveFrom: '2020-08-20', kind: 'MULTIPLE_OF_REFERENCE', referenceName: 'CN_LPR_1Y', multiple: '4', aprConvention: 'NOMINAL_IRR' };
const KE: CapRule[] = [
  { jurisdiction: 'KE', effectiveFrom: '2024-01-01', kind: 'FIXED', rate: '0.48', aprConvention: 'US_REG_Z_ACTUARIAL' },
  { jurisdiction: 'KE', effectiveFrom: '2026-07-01', kind: 'FIXED', rate: '0.36', aprConvention: 'US_REG_Z_ACTUARIAL' },
];

describe('rate caps', () => {
  it.each([
    ['2024-10-20', null],
    ['2024-10-21', '0.124'],
    ['2025-05-19', '0.124'],
    ['2025-05-20', '0.12'],
    ['2030-01-01', '0.12'],
  ])('4 x CN_LPR_1Y on %s is %s', (date, cap) => {
    if (cap === null) expect(() => resolveCap([CN], LPR, 'CN', date)).toThrow(CapUnresolvedError);
    else expect(resolveCap([CN], LPR, 'CN', date)!.cap).toBe(cap);
  });

  it('takes the fixed rule in force on the date, and none before the first or for another jurisdiction', () => {
    expect(resolveCap(KE, [], 'KE', '2023-12-31')).toBeNull();
    expect(resolveCap(KE, [], 'KE', '2026-06-30')!.cap).toBe('0.48');
    expect(resolveCap(KE, [], 'KE', '2026-07-01')!.cap).toBe('0.36');
    expect(resolveCap(KE, [], 'CN', '2026-07-01')).toBeNull();
  });

  it('is inclusive, exact beyond float precision', () => {
    const cap = resolveCap([CN], LPR, 'CN', '2025-06-01');
    expect(withinCap('0.12', cap)).toBe(true);
    expect(withinCap('0.120000000000000000001', cap)).toBe(false);
    expect(withinCap('0.99', null)).toBe(true);
  });

  it('describes how the cap was derived', () => {
    expect(resolveCap([CN], LPR, 'CN', '2025-06-01')!.description).toBe('4 x CN_LPR_1Y (3.0000% from 2025-05-20) = 12.0000%');
    expect(pct('0.094822')).toBe('9.4822%');
  });

  it('follows the rule\'s own reference through its history, whatever other series are published', () => {
    const history = [
      ...LPR,
      { name: 'CN_LPR_1Y', effectiveFrom: '2019-08-20', rate: '0.0425' },
      { name: 'CN_LPR_1Y', effectiveFrom: '2020-04-20', rate: '0.0385' },
      { name: 'CN_LPR_5Y', effectiveFrom: '2019-08-20', rate: '0.0485' },
      { name: 'CN_LPR_5Y', effectiveFrom: '2020-04-20', rate: '0.0465' },
    ];
    const early: CapRule = { ...CN, effectiveFrom: '2019-01-01' };
    expect(() => resolveCap([early], history, 'CN', '2019-08-19')).toThrow('no CN_LPR_1Y rate is in force on 2019-08-19');
    expect(resolveCap([early], history, 'CN', '2019-08-20')!.cap).toBe('0.17');
    expect(resolveCap([early], history, 'CN', '2021-03-01')!.description).toBe('4 x CN_LPR_1Y (3.8500% from 2020-04-20) = 15.4000%');
    expect(resolveCap([early], history, 'CN', '2024-10-21')!.cap).toBe('0.124');
    expect(resolveCap([{ ...early, referenceName: 'CN_LPR_5Y' }], history, 'CN', '2021-03-01')!.cap).toBe('0.186');
  });

  it('inForce picks the latest point not after the date', () => {
    expect(inForce(LPR, '2025-05-20')?.rate).toBe('0.0300');
    expect(inForce(LPR, '2024-01-01')).toBeUndefined();
  });
});
