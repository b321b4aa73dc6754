import { type Condition, type ConfigIssue, type Facts, conditionHolds, referencedFacts, validateConditionTree } from '../decisioning';
import { Dec } from '../money';

export const CROSS_SELL_KINDS = ['RENEWAL', 'TOP_UP', 'CREDIT_LINE', 'GRADUATION'] as const;
export type CrossSellKind = (typeof CROSS_SELL_KINDS)[number];

/**
 * The facts a borrower is judged on for a cross-sell, as of today (from the lender's own book):
 * - `onTimeRatio`: the share of the borrower's loan month-ends (and today) at 0 days past due;
 * - `monthsOnBook`: whole months since the borrower's first disbursement;
 * - `remainingTerm`: instalments still to fall due on the borrower's live loans (0 with none);
 * - `maxDpdEver`: the worst days past due any of the borrower's loans reached at a close of business;
 * - `currentDti`: declared monthly obligations plus the live loans' next instalments, over declared monthly income;
 * - `productsHeld`: live loans; `loansRepaid`: loans closed in full; `activeLoans` the same as productsHeld;
 * - `marketingConsent`: the borrower's latest MARKETING consent is a grant;
 * - `lastPrincipal`, `outstandingPrincipal`, `grade`, `segment`, `region`, `industry`.
 */
export const CROSS_SELL_FACTS = ['onTimeRatio', 'monthsOnBook', 'remainingTerm', 'maxDpdEver', 'currentDti', 'productsHeld', 'loansRepaid', 'marketingConsent',
  'lastPrincipal', 'outstandingPrincipal', 'grade', 'segment', 'region', 'industry', 'openCollectionCase'] as const;

/** A lender's eligibility rule for one kind of cross-sell, and how its pre-approved offer is sized. */
export interface CrossSellRule {
  kind: CrossSellKind;
  /** The product the offer is for. */
  productCode: string;
  description: string;
  /** When a borrower is eligible (the decisioning rules' conditions, over {@link CROSS_SELL_FACTS}). */
  when: Condition;
  /** The offer's amount as a multiple of the borrower's last principal (TOP_UP: less what is still owed). */
  amountMultiple: string;
  /** The offer's number of instalments (the product's default when absent). */
  termCount: number | null;
  /** Days a pre-approved offer stays open. */
  validDays: number;
}

/** Structural problems of a rule as a tenant wrote it, each with its field. */
export function validateCrossSellRule(rule: Omit<CrossSellRule, 'kind'>): ConfigIssue[] {
  const issues = validateConditionTree(rule.when, 'when');
  for (const fact of issues.length ? [] : referencedFacts(rule.when)) {
    if (!(CROSS_SELL_FACTS as readonly string[]).includes(fact)) issues.push({ path: 'when', message: `unknown fact ${fact}; use one of ${CROSS_SELL_FACTS.join(', ')}` });
  }
  if (!/^\d+(\.\d+)?$/.test(rule.amountMultiple) || new Dec(rule.amountMultiple).lte(0) || new Dec(rule.amountMultiple).gt(10)) {
    issues.push({ path: 'amountMultiple', message: 'a multiple above 0 and at most 10 (1.5 offers half as much again as the last loan)' });
  }
  if (rule.termCount !== null && (!Number.isInteger(rule.termCount) || rule.termCount < 1 || rule.termCount > 360)) issues.push({ path: 'termCount', message: 'from 1 to 360 instalments' });
  if (!Number.isInteger(rule.validDays) || rule.validDays < 1 || rule.validDays > 365) issues.push({ path: 'validDays', message: 'from 1 to 365 days' });
  return issues;
}

/** Whether the borrower's facts meet the rule, with the facts the rule read (the offer's reasons). */
export function judgeEligibility(rule: CrossSellRule, facts: Facts): { eligible: boolean; reasons: { fact: string; value: string | null }[] } {
  const reasons = referencedFacts(rule.when).map((fact) => ({ fact, value: facts[fact] === null || facts[fact] === undefined ? null : String(facts[fact]) }));
  return { eligible: conditionHolds(rule.when, facts), reasons };
}

/**
 * The pre-approved amount: the last principal times the multiple (TOP_UP: less the principal still
 * owed), within the product's limits, rounded down to the currency's minor unit; null when nothing
 * is left to offer.
 */
export function offerAmount(kind: CrossSellKind, p: { lastPrincipal: string; outstandingPrincipal: string; multiple: string; minAmount: string; maxAmount: string; decimals: number }): string | null {
  let amount = new Dec(p.lastPrincipal).times(p.multiple);
  if (kind === 'TOP_UP') amount = amount.minus(p.outstandingPrincipal);
  amount = Dec.min(amount, p.maxAmount).toDecimalPlaces(p.decimals, Dec.ROUND_DOWN);
  return amount.lt(p.minAmount) ? null : amount.toFixed(p.decimals);
}
