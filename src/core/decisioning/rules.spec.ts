import fc from 'fast-check';
import { InvalidDecisionConfigError } from './errors';
import { type Condition, type Rule, type RuleSet, evaluateRules, referencedFacts, validateRuleSet } from './rules';
import type { Facts } from './scorecard';

const rule = (id: string, when: Condition, outcome: Rule['outcome'] = 'DECLINE'): Rule => ({ id, description: `rule ${id}`, when, outcome, reasonCode: `RC_${id}` });
const fires = (when: Condition, facts: Facts) => evaluateRules({ rules: [rule('r', when)] }, facts).results[0].fired;

describe('evaluateRules: leaf comparisons', () => {
  it.each<[string, Condition, Facts, boolean]>([
    ['eq numeric across types', { fact: 'x', op: 'eq', value: 1.5 }, { x: '1.50' }, true],
    ['eq exact beyond float precision', { fact: 'x', op: 'eq', value: '0.1000000000000000000001' }, { x: 0.1 }, false],
    ['eq string', { fact: 'country', op: 'eq', value: 'KE' }, { country: 'KE' }, true],
    ['eq is case-sensitive', { fact: 'country', op: 'eq', value: 'KE' }, { country: 'ke' }, false],
    ['eq boolean against a string fact', { fact: 'pep', op: 'eq', value: true }, { pep: 'true' }, true],
    ['eq boolean', { fact: 'pep', op: 'eq', value: false }, { pep: false }, true],
    ['eq on a missing fact is false', { fact: 'x', op: 'eq', value: 1 }, {}, false],
    ['ne', { fact: 'x', op: 'ne', value: 1 }, { x: 2 }, true],
    ['ne equal', { fact: 'x', op: 'ne', value: '1' }, { x: 1 }, false],
    ['ne on a missing fact is true', { fact: 'x', op: 'ne', value: 1 }, { x: null }, true],
    ['gt', { fact: 'dti', op: 'gt', value: '0.5' }, { dti: '0.5000001' }, true],
    ['gt equal', { fact: 'dti', op: 'gt', value: '0.5' }, { dti: 0.5 }, false],
    ['gte equal', { fact: 'dti', op: 'gte', value: '0.5' }, { dti: 0.5 }, true],
    ['lt', { fact: 'age', op: 'lt', value: 18 }, { age: '17' }, true],
    ['lte equal', { fact: 'age', op: 'lte', value: 18 }, { age: 18 }, true],
    ['lt large values compared exactly', { fact: 'income', op: 'lt', value: '90071992547409930' }, { income: '90071992547409929' }, true],
    ['ordering on text is false', { fact: 'x', op: 'gt', value: 1 }, { x: 'abc' }, false],
    ['ordering on a missing fact is false', { fact: 'x', op: 'lt', value: 1 }, {}, false],
    ['in numeric', { fact: 'x', op: 'in', value: [1, 2, 3] }, { x: '2.0' }, true],
    ['in strings', { fact: 'region', op: 'in', value: ['NAIROBI', 'MOMBASA'] }, { region: 'KISUMU' }, false],
    ['in on a missing fact is false', { fact: 'x', op: 'in', value: [1] }, {}, false],
    ['notIn', { fact: 'region', op: 'notIn', value: ['NAIROBI'] }, { region: 'KISUMU' }, true],
    ['notIn member', { fact: 'region', op: 'notIn', value: ['NAIROBI'] }, { region: 'NAIROBI' }, false],
    ['notIn on a missing fact is false', { fact: 'region', op: 'notIn', value: ['NAIROBI'] }, {}, false],
    ['exists', { fact: 'x', op: 'exists' }, { x: 0 }, true],
    ['exists false on blank', { fact: 'x', op: 'exists' }, { x: ' ' }, false],
    ['missing on undefined', { fact: 'x', op: 'missing' }, { x: undefined }, true],
    ['missing on false is not missing', { fact: 'x', op: 'missing' }, { x: false }, false],
    ['inherited properties are not facts', { fact: 'toString', op: 'exists' }, {}, false],
  ])('%s', (_name, when, facts, want) => {
    expect(fires(when, facts)).toBe(want);
  });
});

describe('evaluateRules: combinators and outcomes', () => {
  const young = { fact: 'age', op: 'lt', value: 21 } as const;
  const lowIncome = { fact: 'income', op: 'lt', value: '500' } as const;

  it.each<[string, Condition, Facts, boolean]>([
    ['all true', { all: [young, lowIncome] }, { age: 19, income: '100' }, true],
    ['all one false', { all: [young, lowIncome] }, { age: 30, income: '100' }, false],
    ['any one true', { any: [young, lowIncome] }, { age: 30, income: '100' }, true],
    ['any none', { any: [young, lowIncome] }, { age: 30, income: '900' }, false],
    ['not', { not: young }, { age: 30 }, true],
    ['not of a missing comparison is true', { not: young }, {}, true],
    ['nested', { all: [{ any: [young, { not: { fact: 'employed', op: 'eq', value: true } }] }, lowIncome] }, { age: 40, employed: false, income: 1 }, true],
  ])('%s', (_name, when, facts, want) => {
    expect(fires(when, facts)).toBe(want);
  });

  const set: RuleSet = {
    rules: [
      rule('minor', { fact: 'age', op: 'lt', value: 18 }, 'DECLINE'),
      rule('thin-file', { any: [{ fact: 'bureauScore', op: 'missing' }, { fact: 'bureauScore', op: 'lt', value: 400 }] }, 'REFER'),
      rule('pep', { fact: 'pep', op: 'eq', value: true }, 'REFER'),
    ],
  };

  it.each<[string, Facts, 'PASS' | 'REFER' | 'DECLINE', string[]]>([
    ['nothing fires', { age: 30, bureauScore: 700, pep: false }, 'PASS', []],
    ['a referral', { age: 30, pep: false }, 'REFER', ['thin-file']],
    ['decline beats refer', { age: 16, bureauScore: 300, pep: true }, 'DECLINE', ['minor', 'thin-file', 'pep']],
  ])('%s', (_name, facts, outcome, fired) => {
    const r = evaluateRules(set, facts);
    expect(r.outcome).toBe(outcome);
    expect(r.results.filter((x) => x.fired).map((x) => x.ruleId)).toEqual(fired);
    expect(r.results).toHaveLength(3);
  });

  it('reports every rule with every fact its condition mentions, even those short-circuiting skipped', () => {
    const r = evaluateRules(set, { age: 16, pep: 'x', unrelated: 1 });
    expect(r.results).toEqual([
      { ruleId: 'minor', description: 'rule minor', fired: true, outcome: 'DECLINE', reasonCode: 'RC_minor', inputs: { age: 16 } },
      { ruleId: 'thin-file', description: 'rule thin-file', fired: true, outcome: 'REFER', reasonCode: 'RC_thin-file', inputs: { bureauScore: null } },
      { ruleId: 'pep', description: 'rule pep', fired: false, outcome: 'REFER', reasonCode: 'RC_pep', inputs: { pep: 'x' } },
    ]);
  });

  it('lists referenced facts once, in first-mention order', () => {
    expect(referencedFacts({ all: [{ fact: 'b', op: 'exists' }, { not: { any: [{ fact: 'a', op: 'exists' }, { fact: 'b', op: 'missing' }] } }] })).toEqual(['b', 'a']);
  });

  it('an empty rule set passes', () => {
    expect(evaluateRules({ rules: [] }, {})).toEqual({ outcome: 'PASS', results: [] });
  });

  it('refuses an invalid set with a coded error', () => {
    expect(() => evaluateRules({ rules: [rule('x', { fact: 'a', op: 'like' as never, value: 'x' })] }, {})).toThrow(InvalidDecisionConfigError);
  });

  it('not(c) is the negation of c and all/any follow De Morgan', () => {
    const leaf = fc.record({
      fact: fc.constantFrom('a', 'b'),
      op: fc.constantFrom('eq' as const, 'ne' as const, 'gt' as const, 'lte' as const, 'exists' as const, 'missing' as const),
      value: fc.integer({ min: 0, max: 3 }),
    }).map((l): Condition => (l.op === 'exists' || l.op === 'missing' ? { fact: l.fact, op: l.op } : l));
    const facts = fc.record({ a: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }), b: fc.option(fc.constantFrom('1', '2', 'x'), { nil: null }) });
    fc.assert(
      fc.property(fc.array(leaf, { minLength: 1, maxLength: 4 }), facts, (cs, f) => {
        expect(fires({ not: { all: cs } }, f)).toBe(fires({ any: cs.map((c) => ({ not: c })) }, f));
        expect(fires({ not: { any: cs } }, f)).toBe(!fires({ any: cs }, f));
        expect(fires({ all: cs }, f)).toBe(cs.every((c) => fires(c, f)));
      }),
    );
  });
});

describe('validateRuleSet', () => {
  const ok = { rules: [rule('a', { all: [{ fact: 'age', op: 'lt', value: 18 }, { fact: 'region', op: 'in', value: ['X', 1] }, { not: { fact: 'x', op: 'exists' } }] })] };
  const deep = (n: number): Condition => (n === 1 ? { fact: 'x', op: 'exists' } : { not: deep(n - 1) });
  const withWhen = (when: unknown) => ({ rules: [{ id: 'r', description: '', when, outcome: 'REFER', reasonCode: 'RC' }] });

  it('accepts a well-formed set, nesting 10 deep included', () => {
    expect(validateRuleSet(ok)).toEqual([]);
    expect(validateRuleSet(withWhen(deep(10)))).toEqual([]);
  });

  it.each<[string, unknown, { path: string; message: string }[]]>([
    ['not an object', 'rules', [{ path: '', message: 'a rule set must be an object with a rules array' }]],
    ['rules not an array', { rules: {} }, [{ path: 'rules', message: 'must be an array' }]],
    ['rule not an object', { rules: [null] }, [{ path: 'rules[0]', message: 'must be an object' }]],
    [
      'duplicate ids',
      { rules: [rule('a', { fact: 'x', op: 'exists' }), rule('a', { fact: 'y', op: 'exists' })] },
      [{ path: 'rules[1].id', message: 'duplicate rule id "a"' }],
    ],
    [
      'bad rule fields',
      { rules: [{ id: '', description: 1, when: { fact: 'x', op: 'exists' }, outcome: 'APPROVE', reasonCode: '', extra: true }] },
      [
        { path: 'rules[0].id', message: 'is required' },
        { path: 'rules[0].description', message: 'must be a string' },
        { path: 'rules[0].outcome', message: 'must be DECLINE or REFER' },
        { path: 'rules[0].reasonCode', message: 'is required' },
        { path: 'rules[0].extra', message: 'unknown key' },
      ],
    ],
    ['missing condition', withWhen(undefined), [{ path: 'rules[0].when', message: 'must be a condition object' }]],
    ['two kinds at once', withWhen({ all: [], fact: 'x' }), [{ path: 'rules[0].when', message: 'must have exactly one of all, any, not or fact' }]],
    ['empty all', withWhen({ all: [] }), [{ path: 'rules[0].when.all', message: 'must list at least one condition' }]],
    ['any not an array', withWhen({ any: { fact: 'x', op: 'exists' } }), [{ path: 'rules[0].when.any', message: 'must be an array' }]],
    ['missing fact', withWhen({ op: 'exists' }), [{ path: 'rules[0].when.fact', message: 'is required' }]],
    ['empty condition', withWhen({}), [{ path: 'rules[0].when', message: 'must have exactly one of all, any, not or fact' }]],
    ['blank fact', withWhen({ fact: ' ', op: 'exists' }), [{ path: 'rules[0].when.fact', message: 'is required' }]],
    ['unknown op', withWhen({ fact: 'x', op: 'like', value: 'a%' }), [{ path: 'rules[0].when.op', message: 'unknown operator "like"; use one of eq, ne, gt, gte, lt, lte, in, notIn, exists, missing' }]],
    ['unknown leaf key', withWhen({ fact: 'x', op: 'exists', values: 1 }), [{ path: 'rules[0].when.values', message: 'unknown key' }]],
    ['exists with a value', withWhen({ fact: 'x', op: 'exists', value: 1 }), [{ path: 'rules[0].when.value', message: 'exists takes no value' }]],
    ['eq without a value', withWhen({ fact: 'x', op: 'eq' }), [{ path: 'rules[0].when.value', message: 'eq needs a string, number or boolean' }]],
    ['eq with an object', withWhen({ fact: 'x', op: 'eq', value: { a: 1 } }), [{ path: 'rules[0].when.value', message: 'eq needs a string, number or boolean' }]],
    ['gt with text', withWhen({ fact: 'x', op: 'gt', value: 'ten' }), [{ path: 'rules[0].when.value', message: 'gt needs a number or decimal string' }]],
    ['lte with a boolean', withWhen({ fact: 'x', op: 'lte', value: true }), [{ path: 'rules[0].when.value', message: 'lte needs a number or decimal string' }]],
    ['in with a scalar', withWhen({ fact: 'x', op: 'in', value: 'a' }), [{ path: 'rules[0].when.value', message: 'in needs a non-empty list' }]],
    ['notIn with a nested list', withWhen({ fact: 'x', op: 'notIn', value: ['a', ['b']] }), [{ path: 'rules[0].when.value[1]', message: 'must be a string or number' }]],
    ['too deep', withWhen(deep(11)), [{ path: `rules[0].when${'.not'.repeat(10)}`, message: 'conditions may be nested at most 10 deep' }]],
  ])('%s', (_name, set, issues) => {
    expect(validateRuleSet(set)).toEqual(issues);
  });

  it('never throws on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(Array.isArray(validateRuleSet(v))).toBe(true);
        expect(Array.isArray(validateRuleSet({ rules: [v] }))).toBe(true);
        expect(Array.isArray(validateRuleSet(withWhen(v)))).toBe(true);
      }),
    );
  });
});
