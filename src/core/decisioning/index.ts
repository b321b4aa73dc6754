/**
 * Credit decisioning: scorecards, policy rules, risk appetite, approval tiers, fraud signals, name
 * screening and policy simulation. Pure functions over plain data; money is decimal strings.
 */
export { InvalidDecisionConfigError } from './errors';
export type { ConfigIssue } from './errors';
export { isMissing, readFact, toDecimalOrNull } from './facts';
export type { Facts, FactValue } from './facts';
export { MISSING_BIN, UNMATCHED_BIN, assertValidScorecard, scoreApplicant, validateScorecard } from './scorecard';
export type { ScoreResult, ScorecardAttribute, ScorecardBin, ScorecardDefinition } from './scorecard';
export { CONDITION_OPS, MAX_CONDITION_DEPTH, assertValidRuleSet, conditionHolds, evaluateRules, referencedFacts, validateConditionTree, validateRuleSet } from './rules';
export type { Condition, ConditionOp, Rule, RuleResult, RuleSet } from './rules';
export { checkAppetite } from './risk-appetite';
export type { AppetiteBreach, AppetiteDimension, AppetiteLimit, AppetiteSubject, ExposureSnapshot } from './risk-appetite';
export { DEFAULT_SINGLE_TIER, checkVote, selectTier, tally, voteDeadline } from './approval';
export type { ApprovalTier, Approver, CastVote, TallyOutcome, VoteRefusal } from './approval';
export { DEFAULT_FRAUD_WEIGHTS, assessFraud } from './fraud';
export type { FraudHit, FraudSignals } from './fraud';
export { nameSimilarity, normaliseName, screenName } from './name-match';
export type { NameScreeningMatch } from './name-match';
export { decideWithPolicy, decideWithValidPolicy } from './policy';
export type { AutomatedDecision, CreditPolicy, PolicyDecision } from './policy';
export { DecisionSimulation, simulateDecisions } from './simulate';
export type { PastApplication, PolicySimulation, SimulationChange, SimulationReport } from './simulate';
export { adverseActionReasons } from './adverse-action';
export type { AdverseActionReason, RecordedReason } from './adverse-action';
