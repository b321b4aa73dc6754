import fc from 'fast-check';
import { InvalidDecisionConfigError } from './errors';
import { type Facts, type ScorecardDefinition, scoreApplicant, validateScorecard } from './scorecard';
import { BEST_FACTS, CARD } from './scorecard.fixture';

const clone = (): ScorecardDefinition => JSON.parse(JSON.stringify(CARD));

describe('scoreApplicant', () => {
  it.each<[string, Facts, number, string, string, string]>([
    ['best bins everywhere', BEST_FACTS, 660, 'A', '400.000000', '0.002494'],
    ['middling applicant', { bureauScore: '600', dti: '0.3', homeOwner: false, employment: 'SELF_EMPLOYED', age: 25 }, 575, 'C', '21.022410', '0.045408'],
    ['nothing known: missing points, below every grade gets the lowest', {}, 515, 'D', '2.627801', '0.275649'],
    ['half a doubling below base (odds 50 / sqrt 2)', { bureauScore: 600, dti: 0.6, homeOwner: 'true', employment: 'SALARIED', age: '40' }, 590, 'C', '35.355339', '0.027506'],
    ['one doubling above base', { bureauScore: 600, dti: 0.1, homeOwner: 'true', employment: 'SALARIED', age: 40 }, 620, 'B', '100.000000', '0.009901'],
  ])('%s', (_name, facts, score, grade, odds, pd) => {
    const r = scoreApplicant(CARD, facts);
    expect({ score: r.score, grade: r.grade, odds: r.odds, pd: r.pd }).toEqual({ score, grade, odds, pd });
  });

  it.each<[string, Facts[string], string, number]>([
    ['just below a bin edge', '649.999999999999999999', 'mid', 40],
    ['on a bin edge (lower end inclusive)', 650, 'high', 80],
    ['exponent notation', '6.5e2', 'high', 80],
    ['open lower end', -5, 'low', 0],
    ['non-numeric text falls in no bin', 'abc', '(unmatched)', 10],
    ['hex is not a number here', '0x300', '(unmatched)', 10],
    ['blank string is missing', '  ', '(missing)', 10],
    ['null is missing', null, '(missing)', 10],
    ['NaN is missing', Number.NaN, '(missing)', 10],
  ])('bureau score %s', (_name, value, bin, points) => {
    const a = scoreApplicant(CARD, { bureauScore: value }).attributes[0];
    expect({ bin: a.bin, points: a.points, maxPoints: a.maxPoints }).toEqual({ bin, points, maxPoints: 80 });
  });

  it('reports each attribute with its value as a string', () => {
    expect(scoreApplicant(CARD, { ...BEST_FACTS, dti: null }).attributes).toEqual([
      { fact: 'bureauScore', value: '700', bin: 'high', points: 80, maxPoints: 80 },
      { fact: 'dti', value: null, bin: '(missing)', points: 0, maxPoints: 30 },
      { fact: 'homeOwner', value: 'true', bin: 'own', points: 20, maxPoints: 20 },
      { fact: 'employment', value: 'SALARIED', bin: 'salaried', points: 20, maxPoints: 20 },
      { fact: 'age', value: '30', bin: 'adult', points: 10, maxPoints: 10 },
    ]);
  });

  it('is at the base odds at the base score', () => {
    const r = scoreApplicant({ ...CARD, basePoints: 420 }, BEST_FACTS);
    expect([r.score, r.odds, r.pd]).toEqual([580, '25.000000', '0.038462']);
    expect(scoreApplicant({ ...CARD, basePoints: 440 }, BEST_FACTS).odds).toBe('50.000000');
  });

  it('a value under the lowest bin takes the missing points', () => {
    expect(scoreApplicant(CARD, { age: 16 }).attributes[4]).toMatchObject({ bin: '(unmatched)', points: 0 });
  });

  it('ranks reasons by points lost, ties in attribute order, top four by default', () => {
    expect(scoreApplicant(CARD, {}).reasons).toEqual([
      { code: 'R01', fact: 'bureauScore', bin: '(missing)', pointsLost: 70 },
      { code: 'R02', fact: 'dti', bin: '(missing)', pointsLost: 30 },
      { code: 'R04', fact: 'employment', bin: '(missing)', pointsLost: 20 },
      { code: 'R03', fact: 'homeOwner', bin: '(missing)', pointsLost: 15 },
    ]);
    const tied = scoreApplicant(CARD, { ...BEST_FACTS, homeOwner: false, employment: 'NONE' });
    expect(tied.reasons.map((r) => r.code)).toEqual(['R03', 'R04']);
    expect(scoreApplicant({ ...CARD, reasonCodeCount: 1 }, {}).reasons.map((r) => r.code)).toEqual(['R01']);
    expect(scoreApplicant(CARD, BEST_FACTS).reasons).toEqual([]);
  });

  it('counts missing points towards the best achievable when they beat every bin', () => {
    const card = clone();
    card.attributes[2].missingPoints = 25;
    const r = scoreApplicant(card, BEST_FACTS);
    expect(r.attributes[2].maxPoints).toBe(25);
    expect(r.reasons).toEqual([{ code: 'R03', fact: 'homeOwner', bin: 'own', pointsLost: 5 }]);
  });

  it('refuses grades listed out of order rather than guessing which threshold was meant', () => {
    const card = clone();
    card.grades.reverse();
    expect(() => scoreApplicant(card, BEST_FACTS)).toThrow(InvalidDecisionConfigError);
  });

  it('refuses an invalid card with a coded error listing the issues', () => {
    const card = clone();
    card.pdo = 0;
    expect.assertions(2);
    try {
      scoreApplicant(card, {});
    } catch (e) {
      expect((e as InvalidDecisionConfigError).code).toBe('DECISION_CONFIG_INVALID');
      expect((e as InvalidDecisionConfigError).issues).toEqual([{ path: 'pdo', message: 'must be greater than 0' }]);
    }
  });

  const facts = fc.record({
    bureauScore: fc.option(fc.integer({ min: 0, max: 900 }), { nil: undefined }),
    dti: fc.option(fc.integer({ min: 0, max: 1000 }).map((n) => (n / 1000).toFixed(3)), { nil: undefined }),
    homeOwner: fc.option(fc.boolean(), { nil: undefined }),
    employment: fc.option(fc.constantFrom('SALARIED', 'SELF_EMPLOYED', 'NONE'), { nil: undefined }),
    age: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
  });

  it('score is base points plus attribute points; grade and reasons are consistent with it', () => {
    fc.assert(
      fc.property(facts, (f) => {
        const r = scoreApplicant(CARD, f);
        expect(r.score).toBe(CARD.basePoints + r.attributes.reduce((s, a) => s + a.points, 0));
        const g = CARD.grades.find((x) => x.grade === r.grade)!;
        if (r.grade !== 'D') expect(g.minScore).toBeLessThanOrEqual(r.score);
        expect(r.reasons.length).toBeLessThanOrEqual(4);
        for (let i = 1; i < r.reasons.length; i++) expect(r.reasons[i - 1].pointsLost).toBeGreaterThanOrEqual(r.reasons[i].pointsLost);
        const pd = Number(r.pd);
        expect(pd).toBeGreaterThan(0);
        expect(pd).toBeLessThan(1);
      }),
    );
  });

  it('a higher bureau score never raises the PD', () => {
    fc.assert(
      fc.property(facts, fc.integer({ min: 0, max: 900 }), fc.integer({ min: 0, max: 900 }), (f, a, b) => {
        const low = scoreApplicant(CARD, { ...f, bureauScore: Math.min(a, b) });
        const high = scoreApplicant(CARD, { ...f, bureauScore: Math.max(a, b) });
        expect(high.score).toBeGreaterThanOrEqual(low.score);
        expect(Number(high.pd)).toBeLessThanOrEqual(Number(low.pd));
      }),
    );
  });
});

describe('validateScorecard', () => {
  it('accepts the example card', () => {
    expect(validateScorecard(CARD)).toEqual([]);
  });

  it.each<[string, (c: ScorecardDefinition) => void, { path: string; message: string }[]]>([
    ['pdo must be positive', (c) => (c.pdo = -20), [{ path: 'pdo', message: 'must be greater than 0' }]],
    ['base odds must be positive', (c) => (c.baseOdds = 0), [{ path: 'baseOdds', message: 'must be greater than 0' }]],
    ['reasonCodeCount must be a whole number', (c) => (c.reasonCodeCount = 1.5), [{ path: 'reasonCodeCount', message: 'must be a whole number, 0 or more' }]],
    ['no attributes', (c) => (c.attributes = []), [{ path: 'attributes', message: 'a scorecard needs at least one attribute' }]],
    ['attribute without bins', (c) => (c.attributes[0].bins = []), [{ path: 'attributes[0].bins', message: 'an attribute needs at least one bin' }]],
    ['duplicate fact', (c) => (c.attributes[1].fact = 'bureauScore'), [{ path: 'attributes[1].fact', message: '"bureauScore" is already scored by another attribute' }]],
    ['missing reason code', (c) => (c.attributes[1].reasonCode = ''), [{ path: 'attributes[1].reasonCode', message: 'is required' }]],
    ['fractional points', (c) => (c.attributes[0].bins[1].points = 40.5), [{ path: 'attributes[0].bins[1].points', message: 'must be a whole number (points are pre-scaled)' }]],
    ['fractional missing points', (c) => (c.attributes[0].missingPoints = 0.5), [{ path: 'attributes[0].missingPoints', message: 'must be a whole number' }]],
    ['overlapping ranges', (c) => (c.attributes[0].bins[1].max = '700'), [{ path: 'attributes[0].bins[2]', message: 'overlaps bin 1' }]],
    ['two open lower ends', (c) => (c.attributes[0].bins[1].min = null), [{ path: 'attributes[0].bins[1]', message: 'overlaps bin 0' }]],
    ['a gap between ranges', (c) => (c.attributes[0].bins[1].min = '520'), [{ path: 'attributes[0].bins[1]', message: 'leaves a gap after bin 0: [500, 520) is in no bin' }]],
    ['empty range', (c) => (c.attributes[4].bins[0].max = '18'), [{ path: 'attributes[4].bins[0]', message: 'the bin is empty: min must be below max' }]],
    ['empty value list', (c) => (c.attributes[2].bins[1].values = []), [{ path: 'attributes[2].bins[1].values', message: 'the bin is empty' }]],
    ['value in two bins', (c) => (c.attributes[2].bins[1].values = ['false', 'true']), [{ path: 'attributes[2].bins[1].values[1]', message: '"true" is already in bin 0' }]],
    ['values and a range', (c) => (c.attributes[2].bins[0].min = '1'), [{ path: 'attributes[2].bins[0]', message: 'a bin is either a list of values or a numeric range, not both' }]],
    ['bad decimal', (c) => (c.attributes[0].bins[0].max = 'five hundred'), [{ path: 'attributes[0].bins[0].max', message: 'must be a decimal number or null' }]],
    ['duplicate bin label', (c) => (c.attributes[0].bins[1].label = 'low'), [{ path: 'attributes[0].bins[1].label', message: 'duplicate label "low"' }]],
    ['no grades', (c) => (c.grades = []), [{ path: 'grades', message: 'a scorecard needs at least one grade' }]],
    ['duplicate grade', (c) => (c.grades[1].grade = 'A'), [{ path: 'grades[1].grade', message: 'duplicate grade "A"' }]],
    ['grades out of order', (c) => ([c.grades[1], c.grades[2]] = [c.grades[2], c.grades[1]]), [{ path: 'grades[2].minScore', message: 'grades must be listed from the highest minScore down, without repeats' }]],
    ['repeated minScore', (c) => (c.grades[1].minScore = 640), [{ path: 'grades[1].minScore', message: 'grades must be listed from the highest minScore down, without repeats' }]],
  ])('%s', (_name, mutate, issues) => {
    const card = clone();
    mutate(card);
    expect(validateScorecard(card)).toEqual(issues);
  });
});
