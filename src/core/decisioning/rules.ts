import { type ConfigIssue, InvalidDecisionConfigError } from './errors';
import { type Facts, type FactValue, factToString, isMissing, readFact, toDecimalOrNull } from './facts';

/** A comparison operator of a leaf condition. */
export type ConditionOp = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'notIn' | 'exists' | 'missing';

/** Every operator the evaluator understands. */
export const CONDITION_OPS: readonly ConditionOp[] = Object.freeze(['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'notIn', 'exists', 'missing'] as const);

/** A policy condition as tenants write it in JSON: boolean combinators over fact comparisons. */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { fact: string; op: ConditionOp; value?: string | number | boolean | (string | number)[] };

/** A knock-out or referral rule: when the condition holds, the application is declined or referred. */
export interface Rule {
  id: string;
  description: string;
  when: Condition;
  outcome: 'DECLINE' | 'REFER';
  reasonCode: string;
}

/** A tenant's policy rules; every rule is always evaluated. */
export interface RuleSet {
  rules: Rule[];
}

/** How one rule evaluated, with the facts it refers to as they were, for the decision's audit trail. */
export interface RuleResult {
  ruleId: string;
  description: string;
  fired: boolean;
  outcome: 'DECLINE' | 'REFER';
  reasonCode: string;
  inputs: Record<string, FactValue>;
}

/** The maximum nesting of conditions (the root condition is depth 1). */
export const MAX_CONDITION_DEPTH = 10;

/**
 * Evaluates every rule against the facts. DECLINE beats REFER beats PASS. Each result lists every
 * fact its condition refers to (missing ones as null), not only those short-circuiting happened to
 * read, so the audit trail does not depend on the order the tenant wrote the conditions in.
 *
 * Comparisons are numeric (exact decimals) when both sides are numbers or decimal strings and
 * otherwise compare strings for equality; ordering operators on non-numbers are false. A missing
 * fact makes every comparison false except `ne` and `missing` (so `notIn` is false too: a rule
 * cannot fire on a value nobody supplied by way of a negated list).
 *
 * @throws InvalidDecisionConfigError when {@link validateRuleSet} finds problems.
 */
export function evaluateRules(set: RuleSet, facts: Facts): { outcome: 'PASS' | 'REFER' | 'DECLINE'; results: RuleResult[] } {
  assertValidRuleSet(set);
  return evaluateValidRules(set, facts);
}

/** @throws InvalidDecisionConfigError when {@link validateRuleSet} finds problems. */
export function assertValidRuleSet(set: RuleSet): void {
  const issues = validateRuleSet(set);
  if (issues.length) throw new InvalidDecisionConfigError('RULE_SET', issues);
}

/** {@link evaluateRules} for a set already checked by {@link assertValidRuleSet}. */
export function evaluateValidRules(set: RuleSet, facts: Facts): { outcome: 'PASS' | 'REFER' | 'DECLINE'; results: RuleResult[] } {
  const results = set.rules.map((rule): RuleResult => {
    const inputs: Record<string, FactValue> = {};
    for (const name of referencedFacts(rule.when)) inputs[name] = readFact(facts, name);
    return { ruleId: rule.id, description: rule.description, fired: holds(rule.when, facts), outcome: rule.outcome, reasonCode: rule.reasonCode, inputs };
  });
  const fired = results.filter((r) => r.fired);
  const outcome = fired.some((r) => r.outcome === 'DECLINE') ? 'DECLINE' : fired.length ? 'REFER' : 'PASS';
  return { outcome, results };
}

/** The facts a condition mentions, in first-mention order. */
export function referencedFacts(c: Condition, into: string[] = []): string[] {
  if ('all' in c) c.all.forEach((x) => referencedFacts(x, into));
  else if ('any' in c) c.any.forEach((x) => referencedFacts(x, into));
  else if ('not' in c) referencedFacts(c.not, into);
  else if (!into.includes(c.fact)) into.push(c.fact);
  return into;
}

/** Whether a condition (checked by {@link validateConditionTree}) holds over the facts, by the rules' semantics. */
export function conditionHolds(c: Condition, facts: Facts): boolean {
  return holds(c, facts);
}

/** Structural problems of one condition tree (as in a rule's `when`), each with its path under `at`. */
export function validateConditionTree(c: unknown, at: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  validateCondition(c, at, 1, (path, message) => issues.push({ path, message }));
  return issues;
}

function holds(c: Condition, facts: Facts): boolean {
  if ('all' in c) return c.all.every((x) => holds(x, facts));
  if ('any' in c) return c.any.some((x) => holds(x, facts));
  if ('not' in c) return !holds(c.not, facts);

  const fact = Object.prototype.hasOwnProperty.call(facts, c.fact) ? facts[c.fact] : undefined;
  if (c.op === 'missing') return isMissing(fact);
  if (c.op === 'exists') return !isMissing(fact);
  if (isMissing(fact)) return c.op === 'ne';
  const value = c.value as string | number | boolean | (string | number)[];
  switch (c.op) {
    case 'eq':
      return equal(fact, value as string | number | boolean);
    case 'ne':
      return !equal(fact, value as string | number | boolean);
    case 'in':
      return (value as (string | number)[]).some((v) => equal(fact, v));
    case 'notIn':
      return !(value as (string | number)[]).some((v) => equal(fact, v));
    default: {
      const a = toDecimalOrNull(fact);
      const b = toDecimalOrNull(value);
      if (!a || !b) return false;
      const cmp = a.cmp(b);
      return c.op === 'gt' ? cmp > 0 : c.op === 'gte' ? cmp >= 0 : c.op === 'lt' ? cmp < 0 : cmp <= 0;
    }
  }
}

/** '1.50' equals 1.5; anything non-numeric compares as a string ('true' equals true). */
function equal(fact: string | number | boolean, value: string | number | boolean): boolean {
  const a = toDecimalOrNull(fact);
  const b = toDecimalOrNull(value);
  if (a && b) return a.eq(b);
  return factToString(fact) === factToString(value);
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isNonBlank = (s: unknown): s is string => typeof s === 'string' && s.trim() !== '';
const isScalar = (v: unknown): boolean => typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
const isListItem = (v: unknown): boolean => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
const LEAF_KEYS = ['fact', 'op', 'value'];

/**
 * Structural validation of an untrusted rule set (JSON from a tenant's editor or config file):
 * shapes, unknown operators and keys, missing facts, value types per operator, empty combinators,
 * duplicate rule ids and nesting deeper than {@link MAX_CONDITION_DEPTH}. An empty list means the
 * set can be evaluated.
 */
export function validateRuleSet(set: unknown): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });
  if (!isRecord(set)) return [{ path: '', message: 'a rule set must be an object with a rules array' }];
  if (!Array.isArray(set.rules)) return [{ path: 'rules', message: 'must be an array' }];

  const ids = new Set<string>();
  set.rules.forEach((rule: unknown, i: number) => {
    const at = `rules[${i}]`;
    if (!isRecord(rule)) return add(at, 'must be an object');
    if (!isNonBlank(rule.id)) add(`${at}.id`, 'is required');
    else if (ids.has(rule.id)) add(`${at}.id`, `duplicate rule id "${rule.id}"`);
    else ids.add(rule.id);
    if (typeof rule.description !== 'string') add(`${at}.description`, 'must be a string');
    if (rule.outcome !== 'DECLINE' && rule.outcome !== 'REFER') add(`${at}.outcome`, 'must be DECLINE or REFER');
    if (!isNonBlank(rule.reasonCode)) add(`${at}.reasonCode`, 'is required');
    for (const key of Object.keys(rule)) if (!['id', 'description', 'when', 'outcome', 'reasonCode'].includes(key)) add(`${at}.${key}`, 'unknown key');
    validateCondition(rule.when, `${at}.when`, 1, add);
  });
  return issues;
}

function validateCondition(c: unknown, at: string, depth: number, add: (path: string, message: string) => void): void {
  if (depth > MAX_CONDITION_DEPTH) return add(at, `conditions may be nested at most ${MAX_CONDITION_DEPTH} deep`);
  if (!isRecord(c)) return add(at, 'must be a condition object');
  const kinds = ['all', 'any', 'not', 'fact'].filter((k) => k in c);
  // A comparison that forgot its fact is still a comparison: say which field is missing.
  if (kinds.length === 0 && 'op' in c) kinds.push('fact');
  if (kinds.length !== 1) return add(at, 'must have exactly one of all, any, not or fact');
  const [kind] = kinds;

  if (kind === 'all' || kind === 'any') {
    if (Object.keys(c).length !== 1) add(at, `${kind} takes no other keys`);
    const list = c[kind];
    if (!Array.isArray(list)) return add(`${at}.${kind}`, 'must be an array');
    // An empty list is vacuous (all: always true, any: never): almost certainly an editing slip.
    if (list.length === 0) return add(`${at}.${kind}`, 'must list at least one condition');
    list.forEach((x, i) => validateCondition(x, `${at}.${kind}[${i}]`, depth + 1, add));
    return;
  }
  if (kind === 'not') {
    if (Object.keys(c).length !== 1) add(at, 'not takes no other keys');
    return validateCondition(c.not, `${at}.not`, depth + 1, add);
  }

  for (const key of Object.keys(c)) if (!LEAF_KEYS.includes(key)) add(`${at}.${key}`, 'unknown key');
  if (!isNonBlank(c.fact)) add(`${at}.fact`, 'is required');
  if (!(CONDITION_OPS as readonly unknown[]).includes(c.op)) return add(`${at}.op`, `unknown operator ${JSON.stringify(c.op)}; use one of ${CONDITION_OPS.join(', ')}`);
  const op = c.op as ConditionOp;
  const value = c.value;
  switch (op) {
    case 'exists':
    case 'missing':
      if (value !== undefined) add(`${at}.value`, `${op} takes no value`);
      break;
    case 'eq':
    case 'ne':
      if (!isScalar(value)) add(`${at}.value`, `${op} needs a string, number or boolean`);
      break;
    case 'in':
    case 'notIn':
      if (!Array.isArray(value) || value.length === 0) add(`${at}.value`, `${op} needs a non-empty list`);
      else value.forEach((v, i) => !isListItem(v) && add(`${at}.value[${i}]`, 'must be a string or number'));
      break;
    default:
      if (toDecimalOrNull(value) === null) add(`${at}.value`, `${op} needs a number or decimal string`);
  }
}
