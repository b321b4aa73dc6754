import { type AttributionRules, attributeApplication, judgeReferral } from './attribution';

const at = (day: number) => new Date(Date.UTC(2026, 0, 1) + day * 86_400_000);
const first: AttributionRules = { model: 'FIRST_TOUCH', windowDays: 30, returningCustomer: 'NO_CREDIT' };
const last: AttributionRules = { ...first, model: 'LAST_TOUCH' };

describe('referral attribution', () => {
  it('keeps a person with the first agent within the window, and lets another have them after it', () => {
    const standing = [{ id: 'r1', referrer: 'A', at: at(0) }];
    expect(judgeReferral(first, { referrer: 'B', at: at(10), returning: false }, standing)).toEqual({ status: 'REJECTED_DUPLICATE', heldBy: 'A' });
    expect(judgeReferral(first, { referrer: 'B', at: at(31), returning: false }, standing)).toEqual({ status: 'OPEN', supersedes: [] });
    // The same agent again is no duplicate.
    expect(judgeReferral(first, { referrer: 'A', at: at(10), returning: false }, standing)).toEqual({ status: 'OPEN', supersedes: [] });
  });

  it('hands the person to the latest agent under last touch', () => {
    const standing = [{ id: 'r1', referrer: 'A', at: at(0) }, { id: 'r2', referrer: 'C', at: at(5) }];
    expect(judgeReferral(last, { referrer: 'B', at: at(10), returning: false }, standing)).toEqual({ status: 'OPEN', supersedes: ['r1', 'r2'] });
    expect(attributeApplication(last, { at: at(12), returning: false, quoted: null, standing: [{ id: 'r3', referrer: 'B', at: at(10) }] })).toBe('B');
  });

  it('credits nobody for a returning customer unless the lender says so', () => {
    expect(judgeReferral(first, { referrer: 'A', at: at(0), returning: true }, [])).toEqual({ status: 'REJECTED_RETURNING' });
    expect(judgeReferral({ ...first, returningCustomer: 'CREDIT' }, { referrer: 'A', at: at(0), returning: true }, [])).toEqual({ status: 'OPEN', supersedes: [] });
    expect(attributeApplication(first, { at: at(1), returning: true, quoted: 'A', standing: [] })).toBeNull();
  });

  it('prefers the standing referral to a code quoted at application, and takes the code when none stands', () => {
    expect(attributeApplication(first, { at: at(3), returning: false, quoted: 'Q', standing: [{ id: 'r1', referrer: 'A', at: at(0) }] })).toBe('A');
    expect(attributeApplication(first, { at: at(40), returning: false, quoted: 'Q', standing: [{ id: 'r1', referrer: 'A', at: at(0) }] })).toBe('Q');
    expect(attributeApplication(first, { at: at(3), returning: false, quoted: null, standing: [] })).toBeNull();
  });
});
