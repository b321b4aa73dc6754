import fc from 'fast-check';
import {
  APPLICATION_STATUSES,
  APPLICATION_TRANSITIONS,
  type ApplicationStatus,
  IllegalTransitionError,
  assertTransition,
  isTerminal,
  slaBreach,
} from './application-status';

const ALLOWED: [ApplicationStatus, ApplicationStatus][] = [
  ['DRAFT', 'SUBMITTED'],
  ['DRAFT', 'WITHDRAWN'],
  ['SUBMITTED', 'CHECKING'],
  ['SUBMITTED', 'WITHDRAWN'],
  ['CHECKING', 'DECLINED'],
  ['CHECKING', 'REFERRED'],
  ['CHECKING', 'APPROVED'],
  ['REFERRED', 'APPROVED'],
  ['REFERRED', 'DECLINED'],
  ['REFERRED', 'WITHDRAWN'],
  ['REFERRED', 'EXPIRED'],
  ['APPROVED', 'OFFERED'],
  ['APPROVED', 'WITHDRAWN'],
  ['APPROVED', 'EXPIRED'],
  ['OFFERED', 'ACCEPTED'],
  ['OFFERED', 'WITHDRAWN'],
  ['OFFERED', 'EXPIRED'],
  ['ACCEPTED', 'CONTRACT_SIGNED'],
  ['ACCEPTED', 'WITHDRAWN'],
  ['ACCEPTED', 'EXPIRED'],
  ['CONTRACT_SIGNED', 'DISBURSED'],
  ['CONTRACT_SIGNED', 'WITHDRAWN'],
];
const isAllowed = (from: ApplicationStatus, to: ApplicationStatus) => ALLOWED.some(([f, t]) => f === from && t === to);
const status = fc.constantFrom(...APPLICATION_STATUSES);

describe('application status machine', () => {
  it('lists twelve distinct statuses and a transition entry for each', () => {
    expect(new Set(APPLICATION_STATUSES).size).toBe(12);
    expect(Object.keys(APPLICATION_TRANSITIONS).sort()).toEqual([...APPLICATION_STATUSES].sort());
  });

  it.each(ALLOWED)('allows %s -> %s', (from, to) => {
    expect(() => assertTransition(from, to)).not.toThrow();
  });

  it.each<[ApplicationStatus, ApplicationStatus]>([
    ['DRAFT', 'APPROVED'],
    ['CHECKING', 'WITHDRAWN'],
    ['CONTRACT_SIGNED', 'EXPIRED'],
    ['DISBURSED', 'WITHDRAWN'],
    ['DECLINED', 'APPROVED'],
    ['OFFERED', 'OFFERED'],
  ])('refuses %s -> %s with both ends on the error', (from, to) => {
    expect.assertions(3);
    try {
      assertTransition(from, to);
    } catch (e) {
      expect(e).toBeInstanceOf(IllegalTransitionError);
      expect((e as IllegalTransitionError).from).toBe(from);
      expect((e as IllegalTransitionError).to).toBe(to);
    }
  });

  it('matches the documented table exactly for every pair', () => {
    fc.assert(
      fc.property(status, status, (from, to) => {
        let threw = false;
        try {
          assertTransition(from, to);
        } catch {
          threw = true;
        }
        return threw === !isAllowed(from, to);
      }),
    );
  });

  it.each<[ApplicationStatus, boolean]>([
    ['DRAFT', false],
    ['REFERRED', false],
    ['CONTRACT_SIGNED', false],
    ['DECLINED', true],
    ['DISBURSED', true],
    ['WITHDRAWN', true],
    ['EXPIRED', true],
  ])('isTerminal(%s) = %s', (s, want) => {
    expect(isTerminal(s)).toBe(want);
  });

  it('reaches DISBURSED from DRAFT and every status is reachable', () => {
    const seen = new Set<ApplicationStatus>(['DRAFT']);
    const queue: ApplicationStatus[] = ['DRAFT'];
    while (queue.length) {
      for (const next of APPLICATION_TRANSITIONS[queue.shift()!]) {
        if (seen.has(next)) continue;
        seen.add(next);
        queue.push(next);
      }
    }
    expect([...seen].sort()).toEqual([...APPLICATION_STATUSES].sort());
  });

  it('cannot be mutated at runtime', () => {
    expect(() => (APPLICATION_TRANSITIONS.DRAFT as ApplicationStatus[]).push('DISBURSED')).toThrow();
  });
});

describe('slaBreach', () => {
  const entered = new Date('2025-03-01T08:00:00Z');
  const at = (iso: string) => new Date(iso);

  it.each<[string, ApplicationStatus, Partial<Record<ApplicationStatus, number>>, string, { limitHours: number; overdueMinutes: number } | null]>([
    ['within the limit', 'REFERRED', { REFERRED: 24 }, '2025-03-02T07:59:59Z', null],
    ['exactly at the limit', 'REFERRED', { REFERRED: 24 }, '2025-03-02T08:00:00Z', null],
    ['first minute overdue', 'REFERRED', { REFERRED: 24 }, '2025-03-02T08:00:30Z', { limitHours: 24, overdueMinutes: 0 }],
    ['90 minutes overdue', 'REFERRED', { REFERRED: 24 }, '2025-03-02T09:30:00Z', { limitHours: 24, overdueMinutes: 90 }],
    ['fractional hours', 'CHECKING', { CHECKING: 0.5 }, '2025-03-01T08:45:00Z', { limitHours: 0.5, overdueMinutes: 15 }],
    ['zero limit is overdue at once', 'CHECKING', { CHECKING: 0 }, '2025-03-01T08:01:00Z', { limitHours: 0, overdueMinutes: 1 }],
    ['no limit for the status', 'OFFERED', { REFERRED: 24 }, '2030-01-01T00:00:00Z', null],
    ['terminal statuses never breach', 'DECLINED', { DECLINED: 1 }, '2030-01-01T00:00:00Z', null],
    ['negative limits are ignored', 'REFERRED', { REFERRED: -1 }, '2030-01-01T00:00:00Z', null],
    ['NaN limits are ignored', 'REFERRED', { REFERRED: Number.NaN }, '2030-01-01T00:00:00Z', null],
  ])('%s', (_name, s, limits, now, want) => {
    expect(slaBreach({ status: s, enteredAt: entered }, limits, at(now))).toEqual(want);
  });

  it('overdue minutes never decrease as time passes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 500 }), (a, b, hours) => {
        const clock = { status: 'APPROVED' as const, enteredAt: entered };
        const early = slaBreach(clock, { APPROVED: hours }, new Date(entered.getTime() + Math.min(a, b)));
        const late = slaBreach(clock, { APPROVED: hours }, new Date(entered.getTime() + Math.max(a, b)));
        if (early) expect(late!.overdueMinutes).toBeGreaterThanOrEqual(early.overdueMinutes);
      }),
    );
  });
});
