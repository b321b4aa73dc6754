import { Dec } from '../money';
import { unknownVariables } from './templates';

export const COLLECTION_CHANNELS = ['SMS', 'EMAIL', 'PUSH', 'CALL', 'FIELD_VISIT', 'LETTER', 'AGENCY_PLACEMENT'] as const;
export type CollectionChannel = (typeof COLLECTION_CHANNELS)[number];
/** Channels that send a message (a template is required); the others are tasks for people. */
export const MESSAGE_CHANNELS: readonly CollectionChannel[] = ['SMS', 'EMAIL', 'PUSH', 'LETTER'];

/** One action a stage takes: on entering the stage, then every `everyDays` days while the case stays in it (0: once). */
export interface StageAction {
  channel: CollectionChannel;
  everyDays: number;
  /** Message text per locale (message channels only), with `{{variable}}` placeholders from the loan. */
  templates?: Record<string, string> | null;
  /** AGENCY_PLACEMENT only: the collection agency (by the lender's agent code) the case is placed with. */
  agencyCode?: string | null;
  /** AGENCY_PLACEMENT only: days the agency works the case before it is recalled. */
  placementDays?: number | null;
  /** AGENCY_PLACEMENT only: the agency's share of what is recovered while the case is placed (a fraction). */
  commissionRate?: string | null;
}

/** A stage of a collection policy: a DPD range and what happens to a case while the loan is in it. */
export interface CollectionStage {
  name: string;
  minDpd: number;
  /** Inclusive; null: no upper end (the last stage). */
  maxDpd: number | null;
  actions: StageAction[];
  /** The team (or role) that works the stage's cases. */
  team: string;
  /** Hours from entering the stage to the first contact the team should make. */
  firstContactHours: number;
  /** The largest settlement discount (a fraction of what is owed) staff may offer without a checker. */
  maxDiscount: string;
  /** The stage's weight in a collector's queue (priority = amount overdue x weight x (1 + broken promises)). */
  weight: string;
  /**
   * The team a case goes to when nobody has contacted the borrower by the stage's first-contact
   * target (null: no escalation). Once per stage; the case's collector is released.
   */
  escalateTo?: string | null;
}

/** A lender's collection policy for some products or segments (none named: all loans). */
export interface CollectionPolicyDefinition {
  code: string;
  name: string;
  productCodes: string[];
  segments: string[];
  stages: CollectionStage[];
  /** Days a hardship request pauses the case's actions. */
  hardshipPauseDays: number;
}

export interface PolicyProblem {
  field: string;
  message: string;
}

/**
 * What is wrong with a policy, each problem naming the field as the input names it (`stages.1.minDpd`):
 * stages in DPD order without overlap or gap, only the last open-ended, cadences and hours not
 * negative, message channels with templates that use only the loan's variables, a discount between
 * 0 and 1.
 */
export function policyProblems(p: CollectionPolicyDefinition): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const bad = (field: string, message: string) => problems.push({ field, message });
  if (!/^[A-Z0-9][A-Z0-9_-]{0,39}$/.test(p.code)) bad('code', 'a code of up to 40 capital letters, digits, _ or -');
  if (!p.name.trim()) bad('name', 'a policy needs a name');
  if (p.stages.length === 0) bad('stages', 'a policy needs at least one stage');
  if (!Number.isInteger(p.hardshipPauseDays) || p.hardshipPauseDays < 0 || p.hardshipPauseDays > 365) bad('hardshipPauseDays', 'whole days from 0 to 365');
  const names = new Set<string>();
  p.stages.forEach((s, i) => {
    const at = `stages.${i}`;
    if (!s.name.trim()) bad(`${at}.name`, 'a stage needs a name');
    if (names.has(s.name)) bad(`${at}.name`, `another stage is named ${s.name}`);
    names.add(s.name);
    if (!Number.isInteger(s.minDpd) || s.minDpd < 1) bad(`${at}.minDpd`, 'whole days past due, at least 1');
    if (s.maxDpd !== null && (!Number.isInteger(s.maxDpd) || s.maxDpd < s.minDpd)) bad(`${at}.maxDpd`, 'whole days, not below minDpd');
    if (s.maxDpd === null && i < p.stages.length - 1) bad(`${at}.maxDpd`, 'only the last stage may be open-ended');
    const prev = p.stages[i - 1];
    if (prev && prev.maxDpd !== null && Number.isInteger(s.minDpd)) {
      if (s.minDpd <= prev.maxDpd) bad(`${at}.minDpd`, `overlaps stage ${prev.name} (${prev.minDpd}-${prev.maxDpd})`);
      else if (s.minDpd > prev.maxDpd + 1) bad(`${at}.minDpd`, `leaves days ${prev.maxDpd + 1}-${s.minDpd - 1} in no stage`);
    }
    if (!s.team.trim()) bad(`${at}.team`, 'the team or role that works the stage');
    if (s.escalateTo !== undefined && s.escalateTo !== null && (!s.escalateTo.trim() || s.escalateTo === s.team)) bad(`${at}.escalateTo`, 'another team than the stage’s own, or null for none');
    if (!(s.firstContactHours >= 0)) bad(`${at}.firstContactHours`, 'hours, not negative');
    if (!isFraction(s.maxDiscount)) bad(`${at}.maxDiscount`, 'a fraction from 0 to 1');
    if (!isPositive(s.weight)) bad(`${at}.weight`, 'a positive number');
    s.actions.forEach((a, j) => {
      const act = `${at}.actions.${j}`;
      if (!Number.isInteger(a.everyDays) || a.everyDays < 0) bad(`${act}.everyDays`, 'whole days, 0 for once');
      if (a.channel === 'AGENCY_PLACEMENT') {
        if (!a.agencyCode) bad(`${act}.agencyCode`, 'the collection agency the case is placed with (its agent code)');
        if (!Number.isInteger(a.placementDays) || a.placementDays! < 1 || a.placementDays! > 365) bad(`${act}.placementDays`, 'whole days from 1 to 365');
        if (a.commissionRate === undefined || a.commissionRate === null || !isFraction(a.commissionRate)) bad(`${act}.commissionRate`, 'a fraction from 0 to 1 of what the agency recovers');
        if (a.everyDays !== 0) bad(`${act}.everyDays`, 'a placement is made once (0)');
      } else if (a.agencyCode || a.placementDays || a.commissionRate) bad(`${act}.agencyCode`, 'only an AGENCY_PLACEMENT names an agency');
      const templates = a.templates ?? {};
      if (MESSAGE_CHANNELS.includes(a.channel) && Object.keys(templates).length === 0) bad(`${act}.templates`, `a ${a.channel} needs a message template`);
      for (const [locale, text] of Object.entries(templates)) {
        const unknown = unknownVariables(text);
        if (unknown.length) bad(`${act}.templates.${locale}`, `unknown variable ${unknown.map((v) => `{{${v}}}`).join(', ')}`);
        if (!text.trim()) bad(`${act}.templates.${locale}`, 'an empty message');
      }
    });
  });
  return problems;
}

function isFraction(v: string): boolean {
  try {
    const d = new Dec(v);
    return d.gte(0) && d.lte(1);
  } catch {
    return false;
  }
}

function isPositive(v: string): boolean {
  try {
    return new Dec(v).gt(0);
  } catch {
    return false;
  }
}

/** The index of the stage a loan `dpd` days past due is in, or null (current, or before the first stage). */
export function stageFor(stages: readonly Pick<CollectionStage, 'minDpd' | 'maxDpd'>[], dpd: number): number | null {
  const i = stages.findIndex((s) => dpd >= s.minDpd && (s.maxDpd === null || dpd <= s.maxDpd));
  return i < 0 ? null : i;
}

/** A case's place in a collector's queue: amount overdue x the stage's weight x (1 + broken promises). */
export function casePriority(amountOverdue: string, weight: string, brokenPromises: number): Dec {
  return new Dec(amountOverdue).times(weight).times(1 + brokenPromises);
}

/** casePriority in SQL, over a case `c` (collection_cases) and its policy version `cp` (collection_policies). */
export const CASE_PRIORITY_SQL = `(c.amount_overdue * coalesce((cp.definition -> 'stages' -> c.stage_index ->> 'weight')::numeric, 1) * (1 + c.broken_promises))`;

/** Whether `policy` covers a loan of this product and segment (a policy naming none covers all). */
export function policyCovers(policy: Pick<CollectionPolicyDefinition, 'productCodes' | 'segments'>, productCode: string, segment: string | null): boolean {
  return (policy.productCodes.length === 0 || policy.productCodes.includes(productCode)) && (policy.segments.length === 0 || (segment !== null && policy.segments.includes(segment)));
}
