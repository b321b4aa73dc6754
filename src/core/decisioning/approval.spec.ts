import fc from 'fast-check';
import { type ApprovalTier, type Approver, type CastVote, DEFAULT_SINGLE_TIER, checkVote, selectTier, tally } from './approval';

const tier = (t: Partial<ApprovalTier> & Pick<ApprovalTier, 'id'>): ApprovalTier => ({ name: t.id, priority: 10, mode: 'SINGLE', ...t });
const TIERS: ApprovalTier[] = [
  tier({ id: 'committee', priority: 30, minAmount: '50000', mode: 'COMMITTEE', group: 'credit-committee', quorum: 2, deadlineHours: 48 }),
  tier({ id: 'auto-small-a', priority: 10, maxAmount: '1000', grades: ['A', 'B'], productCodes: ['PAYDAY'], mode: 'AUTO' }),
  tier({ id: 'officer', priority: 20, maxAmount: '49999.99', grades: [], productCodes: null, group: 'officers' }),
  tier({ id: 'officer-shadow', priority: 20, maxAmount: '49999.99' }),
];

describe('selectTier', () => {
  it.each<[string, string, string, string]>([
    ['1000', 'A', 'PAYDAY', 'auto-small-a'],
    ['1000.01', 'A', 'PAYDAY', 'officer'],
    ['500', 'C', 'PAYDAY', 'officer'],
    ['500', 'A', 'SME', 'officer'],
    ['49999.99', 'E', 'SME', 'officer'],
    ['50000', 'A', 'SME', 'committee'],
    ['49999.995', 'A', 'SME', 'default-single'],
  ])('%s grade %s product %s -> %s', (amount, grade, productCode, id) => {
    expect(selectTier(TIERS, { amount, grade, productCode }).id).toBe(id);
  });

  it('falls back to a fresh built-in single-approver tier without a group', () => {
    const t = selectTier([], { amount: '1', grade: 'A', productCode: 'X' });
    expect(t).toEqual(DEFAULT_SINGLE_TIER);
    expect(t).toMatchObject({ id: 'default-single', mode: 'SINGLE', group: null });
    expect(t).not.toBe(DEFAULT_SINGLE_TIER);
  });

  it('does not reorder the caller’s array', () => {
    const copy = [...TIERS];
    selectTier(TIERS, { amount: '1', grade: 'A', productCode: 'PAYDAY' });
    expect(TIERS).toEqual(copy);
  });
});

const opened = new Date('2025-06-01T09:00:00Z');
const hours = (h: number) => new Date(opened.getTime() + h * 3_600_000);
const vote = (voterId: string, v: CastVote['vote'], h: number): CastVote => ({ voterId, vote: v, at: hours(h) });
const committee = TIERS[0];
const single = tier({ id: 'single', group: null, deadlineHours: 24 });
const subject = { amount: '60000', makerIds: ['maker', 'submitter'], openedAt: opened };
const member = (id: string, authorityLimit: string | null = null): Approver => ({ id, groups: ['credit-committee'], authorityLimit });

describe('checkVote', () => {
  it.each<[string, ApprovalTier, Approver, CastVote[], number, CastVote['vote'] | undefined, string | null]>([
    ['a committee member may vote', committee, member('m1'), [], 1, undefined, null],
    ['the maker may not', committee, member('maker'), [], 1, undefined, 'MAKER_CHECKER'],
    ['nor the submitter, even to decline', committee, member('submitter'), [], 1, 'DECLINE', 'MAKER_CHECKER'],
    ['outside the group', committee, { id: 'x', groups: ['officers'], authorityLimit: null }, [], 1, undefined, 'NOT_IN_GROUP'],
    ['no group on the tier: anyone', single, { id: 'x', groups: [], authorityLimit: null }, [], 1, undefined, null],
    ['authority below the amount', committee, member('m1', '59999.99'), [], 1, 'APPROVE', 'OVER_AUTHORITY'],
    ['authority exactly the amount', committee, member('m1', '60000'), [], 1, 'APPROVE', null],
    ['declining needs no authority', committee, member('m1', '1'), [], 1, 'DECLINE', null],
    ['the vote kind defaults to APPROVE', committee, member('m1', '1'), [], 1, undefined, 'OVER_AUTHORITY'],
    ['already voted', committee, member('m1'), [vote('m1', 'APPROVE', 0.5)], 1, undefined, 'ALREADY_VOTED'],
    ['decided by quorum', committee, member('m3'), [vote('m1', 'APPROVE', 0.5), vote('m2', 'APPROVE', 0.6)], 1, undefined, 'NOT_PENDING'],
    ['decided by a veto', committee, member('m3'), [vote('m1', 'DECLINE', 0.5)], 1, undefined, 'NOT_PENDING'],
    ['auto tiers take no votes', tier({ id: 'auto', mode: 'AUTO' }), member('m1'), [], 1, undefined, 'NOT_PENDING'],
    ['at the deadline instant it is still open', committee, member('m1'), [], 48, undefined, null],
    ['after the deadline', committee, member('m1'), [], 48.001, undefined, 'DEADLINE_PASSED'],
    ['decided beats the deadline', committee, member('m3'), [vote('m1', 'DECLINE', 1)], 100, undefined, 'NOT_PENDING'],
  ])('%s', (_name, t, approver, votes, h, kind, want) => {
    expect(checkVote(t, subject, approver, votes, hours(h), kind)).toBe(want);
  });
});

describe('tally', () => {
  it.each<[string, ApprovalTier, CastVote[], number, string]>([
    ['auto', tier({ id: 'a', mode: 'AUTO' }), [], 0, 'APPROVED'],
    ['single: nobody yet', single, [], 1, 'PENDING'],
    ['single: first vote approves', single, [vote('a', 'APPROVE', 1), vote('b', 'DECLINE', 2)], 3, 'APPROVED'],
    ['single: first vote by time, not array order', single, [vote('b', 'DECLINE', 2), vote('a', 'APPROVE', 1)], 3, 'APPROVED'],
    ['single: first vote declines', single, [vote('a', 'DECLINE', 1)], 3, 'DECLINED'],
    ['single: lapses', single, [], 24.5, 'EXPIRED'],
    ['committee: one of two', committee, [vote('a', 'APPROVE', 1)], 2, 'PENDING'],
    ['committee: quorum', committee, [vote('a', 'APPROVE', 1), vote('b', 'APPROVE', 2)], 3, 'APPROVED'],
    ['committee: the same voter twice is one approval', committee, [vote('a', 'APPROVE', 1), vote('a', 'APPROVE', 2)], 3, 'PENDING'],
    ['committee: veto', committee, [vote('a', 'APPROVE', 1), vote('b', 'DECLINE', 2)], 3, 'DECLINED'],
    ['committee: a decline after quorum changes nothing', committee, [vote('a', 'APPROVE', 1), vote('b', 'APPROVE', 2), vote('c', 'DECLINE', 3)], 4, 'APPROVED'],
    ['committee: votes after the deadline do not count', committee, [vote('a', 'APPROVE', 1), vote('b', 'APPROVE', 49)], 50, 'EXPIRED'],
    ['committee: votes in the future do not count yet', committee, [vote('a', 'APPROVE', 1), vote('b', 'APPROVE', 5)], 3, 'PENDING'],
    ['committee without quorum needs one approval', tier({ id: 'c', mode: 'COMMITTEE', quorum: null }), [vote('a', 'APPROVE', 1)], 2, 'APPROVED'],
    ['no deadline never expires', tier({ id: 's' }), [], 1e6, 'PENDING'],
  ])('%s', (_name, t, votes, h, want) => {
    expect(tally(t, votes, { openedAt: opened }, hours(h))).toBe(want);
  });

  it('once decided, later time and later votes never change the outcome', () => {
    const votes = fc.array(
      fc.record({ voterId: fc.constantFrom('a', 'b', 'c', 'd'), vote: fc.constantFrom('APPROVE' as const, 'DECLINE' as const), at: fc.integer({ min: 0, max: 60 }).map(hours) }),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(votes, votes, fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), (early, late, t1, t2) => {
        const [a, b] = t1 <= t2 ? [t1, t2] : [t2, t1];
        const before = tally(committee, early, { openedAt: opened }, hours(a));
        // Votes cast after the first look cannot rewrite what was already decided.
        const after = tally(committee, [...early, ...late.map((v) => ({ ...v, at: new Date(Math.max(v.at.getTime(), hours(a).getTime() + 1)) }))], { openedAt: opened }, hours(b));
        if (before !== 'PENDING') expect(after).toBe(before);
      }),
    );
  });
});
