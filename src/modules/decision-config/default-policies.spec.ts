import { validateRuleSet, validateScorecard } from '../../core/decisioning';
import { DEFAULT_RULES, DEFAULT_SCORECARD } from './default-policies';

/** A tenant without an active scorecard or rule set decides with these, unchecked at run time (decideWithValidPolicy). */
describe('the default scorecard and rules', () => {
  it('are valid as a tenant\'s own would have to be', () => {
    expect(validateScorecard(DEFAULT_SCORECARD)).toEqual([]);
    expect(validateRuleSet(DEFAULT_RULES)).toEqual([]);
  });
});
