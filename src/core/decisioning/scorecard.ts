import { Dec } from '../money';
import { type ConfigIssue, InvalidDecisionConfigError } from './errors';
import { type Facts, factToString, isMissing, toDecimalOrNull } from './facts';

export type { Facts } from './facts';

/**
 * One bin of an attribute: a numeric range `[min, max)` (an end left null is open) or, when
 * `values` is set, a categorical list matched by exact string (booleans as 'true'/'false').
 */
export interface ScorecardBin {
  label: string;
  min?: string | null;
  max?: string | null;
  values?: string[] | null;
  points: number;
}

/** A characteristic of the applicant, scored by the first bin its fact falls into. */
export interface ScorecardAttribute {
  fact: string;
  reasonCode: string;
  description?: string;
  bins: ScorecardBin[];
  /** Points when the fact is missing or falls in no bin. */
  missingPoints: number;
}

/**
 * A points scorecard with PDO scaling: `baseScore` corresponds to `baseOdds` (good:bad) and every
 * `pdo` points double the odds. Bin points are already scaled integers.
 */
export interface ScorecardDefinition {
  basePoints: number;
  baseScore: number;
  baseOdds: number;
  pdo: number;
  attributes: ScorecardAttribute[];
  grades: { grade: string; minScore: number }[];
  /** How many adverse-action reasons to report; default 4 (the US ECOA/FCRA convention). */
  reasonCodeCount?: number;
}

/** What each attribute contributed, and why the applicant did not score higher. */
export interface ScoreResult {
  score: number;
  grade: string;
  /** Probability of default, 6 decimals. */
  pd: string;
  /** Good:bad odds implied by the score, 6 decimals. */
  odds: string;
  attributes: { fact: string; value: string | null; bin: string; points: number; maxPoints: number }[];
  reasons: { code: string; fact: string; bin: string; pointsLost: number }[];
}

/** Bin label reported when the fact is missing. */
export const MISSING_BIN = '(missing)';
/** Bin label reported when the fact is present but falls in no bin. */
export const UNMATCHED_BIN = '(unmatched)';

const DEFAULT_REASON_CODE_COUNT = 4;
const LN2 = new Dec(2).ln();

/**
 * Scores an applicant: base points plus the points of each attribute's matched bin, mapped to
 * odds and a PD through the PDO scaling, graded, with the top reasons for points lost.
 *
 * @throws InvalidDecisionConfigError when {@link validateScorecard} finds problems.
 */
export function scoreApplicant(card: ScorecardDefinition, facts: Facts): ScoreResult {
  assertValidScorecard(card);
  return scoreWithValidCard(card, facts);
}

/** @throws InvalidDecisionConfigError when {@link validateScorecard} finds problems. */
export function assertValidScorecard(card: ScorecardDefinition): void {
  const issues = validateScorecard(card);
  if (issues.length) throw new InvalidDecisionConfigError('SCORECARD', issues);
}

/** {@link scoreApplicant} for a card already checked by {@link assertValidScorecard} (a simulation checks it once, not per applicant). */
export function scoreWithValidCard(card: ScorecardDefinition, facts: Facts): ScoreResult {
  const attributes = card.attributes.map((attr) => {
    const raw = Object.prototype.hasOwnProperty.call(facts, attr.fact) ? facts[attr.fact] : undefined;
    const maxPoints = Math.max(attr.missingPoints, ...attr.bins.map((b) => b.points));
    if (isMissing(raw)) return { fact: attr.fact, value: null, bin: MISSING_BIN, points: attr.missingPoints, maxPoints };
    // The fact read once (as a string and as a number), not once per bin tried.
    const text = factToString(raw);
    const x = toDecimalOrNull(raw);
    const bin = attr.bins.find((b) => binMatches(b, text, x));
    return {
      fact: attr.fact,
      value: text,
      bin: bin ? bin.label : UNMATCHED_BIN,
      points: bin ? bin.points : attr.missingPoints,
      maxPoints,
    };
  });

  const score = attributes.reduce((sum, a) => sum + a.points, card.basePoints);
  const { odds, pd } = oddsAndPd(card, score);

  const reasons = card.attributes
    .map((attr, i) => ({ code: attr.reasonCode, fact: attr.fact, bin: attributes[i].bin, pointsLost: attributes[i].maxPoints - attributes[i].points, i }))
    .filter((r) => r.pointsLost > 0)
    // Array.prototype.sort is stable, so ties keep the card's attribute order.
    .sort((a, b) => b.pointsLost - a.pointsLost)
    .slice(0, card.reasonCodeCount ?? DEFAULT_REASON_CODE_COUNT)
    .map(({ code, fact, bin, pointsLost }) => ({ code, fact, bin, pointsLost }));

  return { score, grade: gradeFor(card.grades, score), pd, odds, attributes, reasons };
}

/**
 * odds = exp((score - offset) / factor) with factor = pdo / ln 2 and
 * offset = baseScore - factor * ln(baseOdds); PD = 1 / (1 + odds). Computed in 40-digit decimals
 * so the 6-decimal PD does not depend on float rounding.
 */
function oddsAndPd(card: ScorecardDefinition, score: number): { odds: string; pd: string } {
  // Two 40-digit logarithms and an exponential: about a quarter of a millisecond, for a result that
  // depends on four integers only. Remembered, so a simulation over thousands of past applications
  // (which land on a few hundred distinct scores) computes each once.
  const key = `${card.pdo}|${card.baseScore}|${card.baseOdds}|${score}`;
  const known = ODDS.get(key);
  if (known) return known;
  const computed = computeOddsAndPd(card, score);
  if (ODDS.size >= 10_000) ODDS.clear();
  ODDS.set(key, computed);
  return computed;
}

const ODDS = new Map<string, { odds: string; pd: string }>();

function computeOddsAndPd(card: ScorecardDefinition, score: number): { odds: string; pd: string } {
  const factor = new Dec(card.pdo).div(LN2);
  const offset = new Dec(card.baseScore).minus(factor.times(new Dec(card.baseOdds).ln()));
  const odds = new Dec(score).minus(offset).div(factor).exp();
  const pd = new Dec(1).div(odds.plus(1));
  return { odds: odds.toFixed(6), pd: pd.toFixed(6) };
}

/** The highest grade whose minScore the score reaches; below every threshold, the lowest grade. */
function gradeFor(grades: ScorecardDefinition['grades'], score: number): string {
  const sorted = [...grades].sort((a, b) => b.minScore - a.minScore);
  return (sorted.find((g) => g.minScore <= score) ?? sorted[sorted.length - 1]).grade;
}

function binMatches(bin: ScorecardBin, text: string, x: Dec | null): boolean {
  if (bin.values) return bin.values.includes(text);
  if (!x) return false;
  if (bin.min != null && x.lt(bin.min)) return false;
  if (bin.max != null && x.gte(bin.max)) return false;
  return true;
}

const isInt = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n);
const isFiniteNumber = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);
const isNonBlank = (s: unknown): s is string => typeof s === 'string' && s.trim() !== '';

/**
 * Everything wrong with a scorecard, for the tenant's editor: scaling parameters, bins that are
 * empty, overlap or leave gaps between them, categorical values listed twice, non-integer points,
 * duplicate or unsorted grades (grades must be listed from the highest minScore down).
 * An empty list means the card can be scored.
 */
export function validateScorecard(card: ScorecardDefinition): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });

  if (!isFiniteNumber(card.basePoints)) add('basePoints', 'must be a number');
  if (!isFiniteNumber(card.baseScore)) add('baseScore', 'must be a number');
  if (!isFiniteNumber(card.pdo) || card.pdo <= 0) add('pdo', 'must be greater than 0');
  if (!isFiniteNumber(card.baseOdds) || card.baseOdds <= 0) add('baseOdds', 'must be greater than 0');
  if (card.reasonCodeCount != null && (!isInt(card.reasonCodeCount) || card.reasonCodeCount < 0)) add('reasonCodeCount', 'must be a whole number, 0 or more');

  if (!Array.isArray(card.attributes) || card.attributes.length === 0) add('attributes', 'a scorecard needs at least one attribute');
  const facts = new Set<string>();
  (Array.isArray(card.attributes) ? card.attributes : []).forEach((attr, i) => {
    const at = `attributes[${i}]`;
    if (!isNonBlank(attr.fact)) add(`${at}.fact`, 'is required');
    else if (facts.has(attr.fact)) add(`${at}.fact`, `"${attr.fact}" is already scored by another attribute`);
    else facts.add(attr.fact);
    if (!isNonBlank(attr.reasonCode)) add(`${at}.reasonCode`, 'is required');
    if (!isInt(attr.missingPoints)) add(`${at}.missingPoints`, 'must be a whole number');
    if (!Array.isArray(attr.bins) || attr.bins.length === 0) add(`${at}.bins`, 'an attribute needs at least one bin');
    else validateBins(attr.bins, `${at}.bins`, add);
  });

  if (!Array.isArray(card.grades) || card.grades.length === 0) add('grades', 'a scorecard needs at least one grade');
  const grades = new Set<string>();
  (Array.isArray(card.grades) ? card.grades : []).forEach((g, i) => {
    const at = `grades[${i}]`;
    if (!isNonBlank(g.grade)) add(`${at}.grade`, 'is required');
    else if (grades.has(g.grade)) add(`${at}.grade`, `duplicate grade "${g.grade}"`);
    else grades.add(g.grade);
    if (!isFiniteNumber(g.minScore)) add(`${at}.minScore`, 'must be a number');
    else if (i > 0 && isFiniteNumber(card.grades[i - 1].minScore) && g.minScore >= card.grades[i - 1].minScore)
      add(`${at}.minScore`, 'grades must be listed from the highest minScore down, without repeats');
  });
  return issues;
}

function validateBins(bins: ScorecardBin[], at: string, add: (path: string, message: string) => void): void {
  const labels = new Set<string>();
  const categories = new Map<string, number>();
  const ranges: { i: number; min: Dec | null; max: Dec | null }[] = [];

  bins.forEach((bin, i) => {
    const bAt = `${at}[${i}]`;
    if (!isNonBlank(bin.label)) add(`${bAt}.label`, 'is required');
    else if (labels.has(bin.label)) add(`${bAt}.label`, `duplicate label "${bin.label}"`);
    else labels.add(bin.label);
    if (!isInt(bin.points)) add(`${bAt}.points`, 'must be a whole number (points are pre-scaled)');

    if (bin.values != null) {
      if (bin.min != null || bin.max != null) add(bAt, 'a bin is either a list of values or a numeric range, not both');
      if (!Array.isArray(bin.values) || bin.values.length === 0) return add(`${bAt}.values`, 'the bin is empty');
      bin.values.forEach((v, j) => {
        if (typeof v !== 'string') return add(`${bAt}.values[${j}]`, 'must be a string');
        const owner = categories.get(v);
        if (owner !== undefined) add(`${bAt}.values[${j}]`, `"${v}" is already in bin ${owner}`);
        else categories.set(v, i);
      });
      return;
    }

    const min = bin.min == null ? null : toDecimalOrNull(bin.min);
    const max = bin.max == null ? null : toDecimalOrNull(bin.max);
    if (bin.min != null && !min) return add(`${bAt}.min`, 'must be a decimal number or null');
    if (bin.max != null && !max) return add(`${bAt}.max`, 'must be a decimal number or null');
    if (min && max && min.gte(max)) return add(bAt, 'the bin is empty: min must be below max');
    ranges.push({ i, min, max });
  });

  // Ranges in ascending order of their lower end (an open lower end first). Walking them while
  // tracking how far the bins so far reach, every next range must start exactly there, so each
  // value between the outermost ends lands in exactly one bin.
  ranges.sort((a, b) => (a.min === null ? (b.min === null ? 0 : -1) : b.min === null ? 1 : a.min.cmp(b.min)));
  if (ranges.length === 0) return;
  let reach = ranges[0];
  for (const next of ranges.slice(1)) {
    if (reach.max === null || next.min === null || reach.max.gt(next.min)) add(`${at}[${next.i}]`, `overlaps bin ${reach.i}`);
    else if (reach.max.lt(next.min)) add(`${at}[${next.i}]`, `leaves a gap after bin ${reach.i}: [${reach.max.toFixed()}, ${next.min.toFixed()}) is in no bin`);
    if (reach.max !== null && (next.max === null || next.max.gt(reach.max))) reach = next;
  }
}
