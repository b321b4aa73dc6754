import { type RuleResult, type RuleSet, assertValidRuleSet, evaluateValidRules } from './rules';
import { type Facts, type ScoreResult, type ScorecardDefinition, assertValidScorecard, scoreWithValidCard } from './scorecard';

/** A credit policy as simulated and applied: a scorecard and the rules that read its output. */
export interface CreditPolicy {
  scorecard: ScorecardDefinition;
  rules: RuleSet;
}

/** The automated decision: DECLINED or REFERRED by rules, otherwise APPROVED. */
export type AutomatedDecision = 'APPROVED' | 'REFERRED' | 'DECLINED';

/** Everything the automated decision was based on. */
export interface PolicyDecision {
  decision: AutomatedDecision;
  score: ScoreResult;
  rules: { outcome: 'PASS' | 'REFER' | 'DECLINE'; results: RuleResult[] };
}

/**
 * Scores the applicant, then evaluates the rules over the facts extended with the scorecard's
 * `score`, `grade` and `pd`, so a tenant can write cut-offs such as `grade in [E]` as rules. The
 * computed values replace any supplied facts of those names. Production and simulation both call
 * this so a simulated policy decides exactly as the live one would.
 */
export function decideWithPolicy(policy: CreditPolicy, facts: Facts): PolicyDecision {
  assertValidPolicy(policy);
  return decideWithValidPolicy(policy, facts);
}

/**
 * @throws InvalidDecisionConfigError when the scorecard or the rules have problems (see
 * validateScorecard, validateRuleSet).
 */
export function assertValidPolicy(policy: CreditPolicy): void {
  assertValidScorecard(policy.scorecard);
  assertValidRuleSet(policy.rules);
}

/** {@link decideWithPolicy} for a policy already checked by {@link assertValidPolicy}: the same decision, without re-checking the configuration per applicant. */
export function decideWithValidPolicy(policy: CreditPolicy, facts: Facts): PolicyDecision {
  const score = scoreWithValidCard(policy.scorecard, facts);
  const rules = evaluateValidRules(policy.rules, { ...facts, score: score.score, grade: score.grade, pd: score.pd });
  const decision = rules.outcome === 'DECLINE' ? 'DECLINED' : rules.outcome === 'REFER' ? 'REFERRED' : 'APPROVED';
  return { decision, score, rules };
}
