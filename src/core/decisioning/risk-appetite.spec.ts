import fc from 'fast-check';
import { type AppetiteLimit, type AppetiteSubject, type ExposureSnapshot, checkAppetite } from './risk-appetite';

const subject: AppetiteSubject = { amount: '1000', borrowerId: 'b-1', industry: 'MINING', region: 'NORTH', productCode: 'SME-12' };
const exposure: ExposureSnapshot = { portfolio: '99000', borrower: '4000', industry: '19000', region: '30000', product: '0' };
const limit = (l: Partial<AppetiteLimit> & Pick<AppetiteLimit, 'dimension'>): AppetiteLimit => ({ id: 'L', action: 'DECLINE', ...l });

describe('checkAppetite', () => {
  it.each<[string, AppetiteLimit, string | null]>([
    ['each borrower: under the cap', limit({ dimension: 'BORROWER', maxAmount: '5001' }), null],
    ['each borrower: reaching the cap exactly is allowed', limit({ dimension: 'BORROWER', maxAmount: '5000' }), null],
    ['each borrower: over the cap', limit({ dimension: 'BORROWER', maxAmount: '4999.99' }), 'AMOUNT 5000 > 4999.99'],
    ['keyed industry limit that applies', limit({ dimension: 'INDUSTRY', key: 'MINING', maxShare: '0.15' }), 'SHARE 0.200000 > 0.15'],
    ['keyed industry limit for another industry', limit({ dimension: 'INDUSTRY', key: 'RETAIL', maxShare: '0.01' }), null],
    ['share exactly at the limit', limit({ dimension: 'INDUSTRY', maxShare: '0.2' }), null],
    ['region share with repeating decimals, reported to 6 places', limit({ dimension: 'REGION', maxShare: '0.3' }), 'SHARE 0.310000 > 0.3'],
    ['product amount', limit({ dimension: 'PRODUCT', key: 'SME-12', maxAmount: '999' }), 'AMOUNT 1000 > 999'],
    ['no bounds never breaches', limit({ dimension: 'BORROWER' }), null],
  ])('%s', (_name, l, want) => {
    const r = checkAppetite([l], subject, exposure);
    expect(r.breaches.map((b) => `${b.measure} ${b.projected} > ${b.limit}`)[0] ?? null).toBe(want);
    expect(r.outcome).toBe(want ? 'DECLINE' : 'PASS');
  });

  it('reports both measures of one limit and the subject value as the key', () => {
    const r = checkAppetite([limit({ id: 'ind', dimension: 'INDUSTRY', maxAmount: '15000', maxShare: '0.1', action: 'REFER' })], subject, exposure);
    expect(r).toEqual({
      outcome: 'REFER',
      breaches: [
        { limitId: 'ind', dimension: 'INDUSTRY', key: 'MINING', measure: 'AMOUNT', limit: '15000', projected: '20000', action: 'REFER' },
        { limitId: 'ind', dimension: 'INDUSTRY', key: 'MINING', measure: 'SHARE', limit: '0.1', projected: '0.200000', action: 'REFER' },
      ],
    });
  });

  it.each<[string, AppetiteLimit['action'][], 'PASS' | 'REFER' | 'DECLINE']>([
    ['refer only', ['REFER'], 'REFER'],
    ['decline beats refer', ['REFER', 'DECLINE'], 'DECLINE'],
    ['none', [], 'PASS'],
  ])('outcome: %s', (_name, actions, outcome) => {
    const limits = actions.map((action, i) => limit({ id: `L${i}`, dimension: 'BORROWER', maxAmount: '1', action }));
    expect(checkAppetite(limits, subject, exposure).outcome).toBe(outcome);
  });

  it('skips dimensions the subject has no value for', () => {
    const unknown = { ...subject, industry: null, region: null };
    const limits = [limit({ dimension: 'INDUSTRY', maxAmount: '0' }), limit({ dimension: 'REGION', key: 'NORTH', maxAmount: '0' })];
    expect(checkAppetite(limits, unknown, exposure)).toEqual({ outcome: 'PASS', breaches: [] });
  });

  it('treats an empty portfolio receiving nothing as no concentration', () => {
    const zero = { portfolio: '0', borrower: '0', industry: '0', region: '0', product: '0' };
    expect(checkAppetite([limit({ dimension: 'BORROWER', maxShare: '0' })], { ...subject, amount: '0' }, zero).outcome).toBe('PASS');
    // The first loan of a new portfolio is all of it.
    expect(checkAppetite([limit({ dimension: 'BORROWER', maxShare: '0.5' })], subject, zero).breaches[0].projected).toBe('1.000000');
  });

  it('a larger application never turns a breach into a pass', () => {
    const cents = fc.bigInt({ min: 0n, max: 10n ** 12n });
    const money = (c: bigint) => `${c / 100n}.${(c % 100n).toString().padStart(2, '0')}`;
    fc.assert(
      fc.property(cents, cents, cents, cents, fc.integer({ min: 1, max: 100 }), (a, b, borrower, rest, sharePct) => {
        // The borrower's exposure is part of the portfolio, as it always is in real snapshots.
        const snapshot = { ...exposure, borrower: money(borrower), portfolio: money(borrower + rest) };
        const limits = [limit({ dimension: 'BORROWER', maxShare: (sharePct / 100).toFixed(2), maxAmount: money(rest) })];
        const [small, large] = a <= b ? [a, b] : [b, a];
        const before = checkAppetite(limits, { ...subject, amount: money(small) }, snapshot).breaches.length;
        const after = checkAppetite(limits, { ...subject, amount: money(large) }, snapshot).breaches.length;
        expect(after).toBeGreaterThanOrEqual(before);
      }),
    );
  });
});
