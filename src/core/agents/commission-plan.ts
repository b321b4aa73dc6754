import { Dec } from '../money';
import { AGENT_KINDS, type AgentKind } from './hierarchy';

export const COMMISSION_TRIGGERS = ['DISBURSED', 'FIRST_REPAYMENT', 'EACH_REPAYMENT', 'LOAN_CLOSED'] as const;
export type CommissionTrigger = (typeof COMMISSION_TRIGGERS)[number];
/** FLAT: a fixed amount; PRINCIPAL: a share of the loan's principal; INTEREST_COLLECTED: a share of the interest the trigger's repayment(s) paid. */
export const COMMISSION_BASES = ['FLAT', 'PRINCIPAL', 'INTEREST_COLLECTED'] as const;
export type CommissionBasis = (typeof COMMISSION_BASES)[number];
/** What a tier counts over the agent's month: its loans disbursed (COUNT) or their principal (VOLUME). */
export const TIER_MEASURES = ['COUNT', 'VOLUME'] as const;
export type TierMeasure = (typeof TIER_MEASURES)[number];
/**
 * MARGINAL: each loan takes the tier its own place in the agent's month reaches (the 51st loan earns
 * the higher rate, the first 50 keep theirs). WHOLE: every loan of the month takes the tier the whole
 * month reaches; loans earned below it are trued up by an ADJUSTMENT when the month is closed.
 */
export const TIER_MODES = ['MARGINAL', 'WHOLE'] as const;
export type TierMode = (typeof TIER_MODES)[number];

/** A tier: from above `above` loans (or principal) in the agent's month, the rule's rate is `rate`. */
export interface CommissionTier {
  above: string;
  rate: string;
}

/** One way a plan pays: on a trigger, an amount (FLAT) or a rate of a base, optionally tiered by the agent's month. */
export interface CommissionRule {
  trigger: CommissionTrigger;
  basis: CommissionBasis;
  /** FLAT: the amount in the loan's currency. */
  amount?: string | null;
  /** PRINCIPAL, INTEREST_COLLECTED: the share (below the first tier, if tiered). */
  rate?: string | null;
  /** Tiers by the agent's month; a loan takes the rate of the tier its place in the month reaches. */
  tierBy?: TierMeasure | null;
  /** How tiers apply (MARGINAL when not given). */
  tierMode?: TierMode | null;
  tiers?: CommissionTier[] | null;
}

/**
 * A lender's commission plan for some products and kinds of agent (none named: all). Versioned like
 * products: commissions keep the version they were computed under.
 */
export interface CommissionPlanDefinition {
  code: string;
  name: string;
  productCodes: string[];
  agentKinds: AgentKind[];
  rules: CommissionRule[];
  /** The most one loan earns its agent, all triggers together (null: no cap). */
  capPerLoan?: string | null;
  /** The most an agent earns in a calendar month under the plan (null: no cap). */
  capPerMonth?: string | null;
  /**
   * Quality clawback: everything the loan earned is reversed when it reaches `dpd` days past due
   * within `withinDays` of disbursement (a first-payment default), or is written off within
   * `writeOffWithinDays` (null: never for a write-off).
   */
  clawback?: { dpd: number; withinDays: number; writeOffWithinDays?: number | null } | null;
  /** A share of each commission held back and released `releaseAfterDays` after disbursement, unless clawed back first. */
  holdback?: { share: string; releaseAfterDays: number } | null;
  /** A share of each commission paid on top to the agent's parent (its network or branch). */
  networkOverride?: { share: string } | null;
}

export interface PlanProblem {
  field: string;
  message: string;
}

/** What is wrong with a plan, each problem naming the field as the input names it (`rules.0.rate`). */
export function commissionPlanProblems(p: CommissionPlanDefinition): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const bad = (field: string, message: string) => problems.push({ field, message });
  if (!/^[A-Z0-9][A-Z0-9_-]{0,39}$/.test(p.code)) bad('code', 'a code of up to 40 capital letters, digits, _ or -');
  if (!p.name.trim()) bad('name', 'a plan needs a name');
  p.agentKinds.forEach((k, i) => { if (!(AGENT_KINDS as readonly string[]).includes(k)) bad(`agentKinds.${i}`, `one of ${AGENT_KINDS.join(', ')}`); });
  if (p.rules.length === 0) bad('rules', 'a plan needs at least one rule');
  p.rules.forEach((r, i) => {
    const at = `rules.${i}`;
    if (r.basis === 'FLAT') {
      if (!isNonNegative(r.amount)) bad(`${at}.amount`, 'a FLAT rule needs an amount, not negative');
      if (r.tiers?.length) bad(`${at}.tiers`, 'a FLAT amount is not tiered');
    } else {
      if (!isFraction(r.rate)) bad(`${at}.rate`, 'a rate from 0 to 1');
      if (r.basis === 'INTEREST_COLLECTED' && r.trigger === 'DISBURSED') bad(`${at}.basis`, 'no interest is collected at disbursement');
    }
    if (r.tiers?.length) {
      if (!r.tierBy) bad(`${at}.tierBy`, 'COUNT or VOLUME: what the tiers count over the agent’s month');
      if (r.tierMode && !(TIER_MODES as readonly string[]).includes(r.tierMode)) bad(`${at}.tierMode`, `one of ${TIER_MODES.join(', ')}`);
      let last = new Dec(-1);
      r.tiers.forEach((t, j) => {
        if (!isNonNegative(t.above) || (r.tierBy === 'COUNT' && !Number.isInteger(Number(t.above)))) bad(`${at}.tiers.${j}.above`, r.tierBy === 'COUNT' ? 'a whole number of loans' : 'an amount, not negative');
        else if (new Dec(t.above).lte(last)) bad(`${at}.tiers.${j}.above`, 'tiers in rising order');
        else last = new Dec(t.above);
        if (!isFraction(t.rate)) bad(`${at}.tiers.${j}.rate`, 'a rate from 0 to 1');
      });
    } else if (r.tierMode) bad(`${at}.tierMode`, 'a tier mode needs tiers');
  });
  const seen = new Set<string>();
  p.rules.forEach((r, i) => { if (seen.has(r.trigger)) bad(`rules.${i}.trigger`, `another rule pays on ${r.trigger}`); seen.add(r.trigger); });
  if (p.capPerLoan !== undefined && p.capPerLoan !== null && !isPositive(p.capPerLoan)) bad('capPerLoan', 'a positive amount, or null');
  if (p.capPerMonth !== undefined && p.capPerMonth !== null && !isPositive(p.capPerMonth)) bad('capPerMonth', 'a positive amount, or null');
  if (p.clawback) {
    if (!Number.isInteger(p.clawback.dpd) || p.clawback.dpd < 1) bad('clawback.dpd', 'whole days past due, at least 1');
    if (!Number.isInteger(p.clawback.withinDays) || p.clawback.withinDays < 1 || p.clawback.withinDays > 730) bad('clawback.withinDays', 'whole days from 1 to 730');
    const w = p.clawback.writeOffWithinDays;
    if (w !== undefined && w !== null && (!Number.isInteger(w) || w < 1 || w > 3650)) bad('clawback.writeOffWithinDays', 'whole days from 1 to 3650, or null');
  }
  if (p.holdback) {
    if (!isFraction(p.holdback.share)) bad('holdback.share', 'a share from 0 to 1');
    if (!Number.isInteger(p.holdback.releaseAfterDays) || p.holdback.releaseAfterDays < 1 || p.holdback.releaseAfterDays > 730) bad('holdback.releaseAfterDays', 'whole days from 1 to 730');
  }
  if (p.networkOverride && !isFraction(p.networkOverride.share)) bad('networkOverride.share', 'a share from 0 to 1');
  return problems;
}

/** The rate a loan takes: the rule's own below the first tier, else the highest tier its place in the month passes. */
export function tierRate(rule: Pick<CommissionRule, 'rate' | 'tiers'>, measure: string): { rate: string; tier: number } {
  let found = { rate: rule.rate ?? '0', tier: 0 };
  (rule.tiers ?? []).forEach((t, i) => { if (new Dec(measure).gt(t.above)) found = { rate: t.rate, tier: i + 1 }; });
  return found;
}

export interface StatementMovements {
  opening: string;
  earned: string;
  clawedBack: string;
  heldBack: string;
  released: string;
  /** Held-back amounts of commissions clawed back before release: never payable, so they leave the held balance. */
  heldCancelled: string;
  paid: string;
}

/** A statement's closing balance: opening + earned - clawed back - held back + released + held cancelled - paid (negative carries forward). */
export function statementClosing(m: StatementMovements): string {
  return new Dec(m.opening).plus(m.earned).minus(m.clawedBack).minus(m.heldBack).plus(m.released).plus(m.heldCancelled).minus(m.paid).toFixed();
}

function isFraction(v: string | null | undefined): boolean {
  return v !== undefined && v !== null && isDecimal(v) && new Dec(v).gte(0) && new Dec(v).lte(1);
}

function isNonNegative(v: string | null | undefined): boolean {
  return v !== undefined && v !== null && isDecimal(v) && new Dec(v).gte(0);
}

function isPositive(v: string): boolean {
  return isDecimal(v) && new Dec(v).gt(0);
}

function isDecimal(v: string): boolean {
  return /^-?\d+(\.\d+)?$/.test(v);
}
