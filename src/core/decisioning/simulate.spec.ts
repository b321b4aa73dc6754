import fc from 'fast-check';
import { decideWithPolicy } from './policy';
import type { RuleSet } from './rules';
import type { ScorecardDefinition } from './scorecard';
import { BEST_FACTS, CARD } from './scorecard.fixture';
import { type PastApplication, simulateDecisions } from './simulate';

const CURRENT_RULES: RuleSet = {
  rules: [
    { id: 'low-bureau', description: 'Bureau score under 450', when: { fact: 'bureauScore', op: 'lt', value: 450 }, outcome: 'DECLINE', reasonCode: 'KO01' },
    { id: 'grade-d', description: 'Grade D goes to an underwriter', when: { fact: 'grade', op: 'in', value: ['D'] }, outcome: 'REFER', reasonCode: 'RF01' },
  ],
};
const DRAFT_RULES: RuleSet = {
  rules: [
    CURRENT_RULES.rules[0],
    { id: 'high-dti', description: 'Debt-to-income over 45%', when: { fact: 'dti', op: 'gt', value: '0.45' }, outcome: 'DECLINE', reasonCode: 'KO02' },
    { id: 'grade-cd', description: 'Grades C and D go to an underwriter', when: { fact: 'grade', op: 'in', value: ['C', 'D'] }, outcome: 'REFER', reasonCode: 'RF01' },
  ],
};
const DRAFT_CARD: ScorecardDefinition = { ...CARD, basePoints: 510 };

const PAST: PastApplication[] = [
  { id: 'best', amount: '10000', facts: BEST_FACTS, actualOutcome: 'APPROVED', grade: 'A' },
  { id: 'middling', amount: '5000', facts: { bureauScore: 600, dti: '0.3', homeOwner: false, employment: 'SELF_EMPLOYED', age: 25 }, actualOutcome: 'APPROVED', grade: 'C' },
  { id: 'unknown', amount: '800', facts: {}, actualOutcome: 'REFERRED', grade: null },
  { id: 'thin', amount: '300', facts: { bureauScore: 400, dti: '0.6' }, actualOutcome: 'DECLINED', grade: 'D' },
  { id: 'stretched', amount: '2500.50', facts: { ...BEST_FACTS, dti: '0.55' }, actualOutcome: 'APPROVED', grade: 'B' },
];

describe('simulateDecisions', () => {
  it('compares the current and the draft policy over the same applications', () => {
    expect(simulateDecisions(PAST, { scorecard: CARD, rules: CURRENT_RULES }, { scorecard: DRAFT_CARD, rules: DRAFT_RULES }, '0.45')).toEqual({
      applications: 5,
      // EL = 0.45 x (0.002494 x 10000 + 0.045408 x 5000 + 0.007021 x 2500.50) = 121.291204725
      current: { approved: 3, referred: 1, declined: 1, approvalRate: '0.6000', expectedLoss: '121.29', grades: { A: 1, C: 1, D: 2, B: 1 } },
      // EL = 0.45 x 0.001765 x 10000 = 7.9425
      draft: { approved: 1, referred: 2, declined: 2, approvalRate: '0.2000', expectedLoss: '7.94', grades: { A: 2, C: 1, D: 2 } },
      changed: [
        { id: 'middling', from: 'APPROVED', to: 'REFERRED', gradeFrom: 'C', gradeTo: 'C', actualOutcome: 'APPROVED' },
        { id: 'stretched', from: 'APPROVED', to: 'DECLINED', gradeFrom: 'B', gradeTo: 'A', actualOutcome: 'APPROVED' },
      ],
    });
  });

  it('handles no applications', () => {
    const r = simulateDecisions([], { scorecard: CARD, rules: CURRENT_RULES }, { scorecard: CARD, rules: CURRENT_RULES }, '0.45');
    expect(r.current).toEqual({ approved: 0, referred: 0, declined: 0, approvalRate: '0.0000', expectedLoss: '0.00', grades: {} });
    expect(r.changed).toEqual([]);
  });

  it('rounds expected loss half-even only once, at the end', () => {
    // PD exactly 0.5: base odds 1:1 at the base score, and every applicant scores the base.
    const even: ScorecardDefinition = { ...CARD, basePoints: 600, baseOdds: 1, attributes: [{ fact: 'x', reasonCode: 'R', missingPoints: 0, bins: [{ label: 'any', points: 0 }] }] };
    const policy = { scorecard: even, rules: { rules: [] } };
    const one = (id: string, amount: string): PastApplication => ({ id, amount, facts: {}, actualOutcome: 'APPROVED', grade: null });
    expect(simulateDecisions([one('a', '0.5')], policy, policy, '0.5').current.expectedLoss).toBe('0.12');
    expect(simulateDecisions([one('a', '0.7')], policy, policy, '0.5').current.expectedLoss).toBe('0.18');
    // 0.00625 twice: rounding each would give 0.02; the sum 0.0125 rounds to 0.01.
    expect(simulateDecisions([one('a', '0.025'), one('b', '0.025')], policy, policy, '0.5').current.expectedLoss).toBe('0.01');
  });

  it('an identical draft changes nothing, and counts always add up', () => {
    const app = fc.record({
      id: fc.uuid(),
      amount: fc.integer({ min: 1, max: 10_000_000 }).map((c) => (c / 100).toFixed(2)),
      facts: fc.record({ bureauScore: fc.option(fc.integer({ min: 300, max: 850 }), { nil: undefined }), dti: fc.option(fc.constantFrom('0.1', '0.4', '0.7'), { nil: undefined }) }),
      actualOutcome: fc.constant('APPROVED' as const),
      grade: fc.constant(null),
    });
    fc.assert(
      fc.property(fc.array(app, { maxLength: 20 }), (past) => {
        const r = simulateDecisions(past, { scorecard: CARD, rules: CURRENT_RULES }, { scorecard: CARD, rules: CURRENT_RULES }, '0.45');
        expect(r.changed).toEqual([]);
        expect(r.draft).toEqual(r.current);
        expect(r.current.approved + r.current.referred + r.current.declined).toBe(past.length);
        expect(Object.values(r.current.grades).reduce((a, b) => a + b, 0)).toBe(past.length);
      }),
    );
  });
});

describe('decideWithPolicy', () => {
  it('lets rules read the computed score, grade and pd, overriding facts of those names', () => {
    const rules: RuleSet = {
      rules: [{ id: 'cut-off', description: 'Score under 600', when: { all: [{ fact: 'score', op: 'lt', value: 600 }, { fact: 'pd', op: 'gt', value: '0.02' }] }, outcome: 'DECLINE', reasonCode: 'SC' }],
    };
    const d = decideWithPolicy({ scorecard: CARD, rules }, { score: 900, grade: 'A', pd: '0' });
    expect(d.decision).toBe('DECLINED');
    expect(d.score.score).toBe(515);
    expect(d.rules.results[0].inputs).toEqual({ score: 515, pd: '0.275649' });
    expect(decideWithPolicy({ scorecard: CARD, rules }, BEST_FACTS).decision).toBe('APPROVED');
  });
});
