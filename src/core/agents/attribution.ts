/** How a lender credits referrals: the first or the last agent to refer a person within the window. */
export const ATTRIBUTION_MODELS = ['FIRST_TOUCH', 'LAST_TOUCH'] as const;
export type AttributionModel = (typeof ATTRIBUTION_MODELS)[number];
/** A person who already borrowed from the lender: CREDIT the referrer anyway, or NO_CREDIT (their business is the lender's already). */
export const RETURNING_CUSTOMER_RULES = ['CREDIT', 'NO_CREDIT'] as const;
export type ReturningCustomerRule = (typeof RETURNING_CUSTOMER_RULES)[number];

export interface AttributionRules {
  model: AttributionModel;
  windowDays: number;
  returningCustomer: ReturningCustomerRule;
}

export const DEFAULT_ATTRIBUTION: AttributionRules = { model: 'FIRST_TOUCH', windowDays: 90, returningCustomer: 'NO_CREDIT' };

/** A referral of the same person still standing: who made it (an agent or a referring borrower) and when. */
export interface StandingReferral {
  id: string;
  referrer: string;
  at: Date;
}

export type LeadVerdict =
  | { status: 'OPEN'; supersedes: string[] }
  | { status: 'REJECTED_DUPLICATE'; heldBy: string }
  | { status: 'REJECTED_RETURNING' };

/**
 * A new referral of a person by `referrer` at `at`, against the referrals of the same person still
 * standing (open, within the window): a returning customer earns nobody credit under NO_CREDIT; under
 * FIRST_TOUCH another referrer's standing referral keeps the person (this one is a duplicate), under
 * LAST_TOUCH this one takes over (the others are superseded). The same referrer again is no duplicate.
 */
export function judgeReferral(rules: AttributionRules, referral: { referrer: string; at: Date; returning: boolean }, standing: StandingReferral[]): LeadVerdict {
  if (referral.returning && rules.returningCustomer === 'NO_CREDIT') return { status: 'REJECTED_RETURNING' };
  const windowStart = referral.at.getTime() - rules.windowDays * 86_400_000;
  const others = standing.filter((s) => s.referrer !== referral.referrer && s.at.getTime() >= windowStart).sort((a, b) => a.at.getTime() - b.at.getTime());
  if (others.length && rules.model === 'FIRST_TOUCH') return { status: 'REJECTED_DUPLICATE', heldBy: others[0].referrer };
  return { status: 'OPEN', supersedes: others.map((o) => o.id) };
}

/** Whose an application is: the referral standing for the person (the one `judgeReferral` left open), else the code quoted, else nobody. */
export function attributeApplication(rules: AttributionRules, input: { at: Date; returning: boolean; quoted: string | null; standing: StandingReferral[] }): string | null {
  if (input.returning && rules.returningCustomer === 'NO_CREDIT') return null;
  const windowStart = input.at.getTime() - rules.windowDays * 86_400_000;
  const live = input.standing.filter((s) => s.at.getTime() >= windowStart).sort((a, b) => a.at.getTime() - b.at.getTime());
  if (live.length) return rules.model === 'FIRST_TOUCH' ? live[0].referrer : live[live.length - 1].referrer;
  return input.quoted;
}

export function attributionProblems(r: AttributionRules): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  if (!(ATTRIBUTION_MODELS as readonly string[]).includes(r.model)) out.push({ field: 'model', message: `one of ${ATTRIBUTION_MODELS.join(', ')}` });
  if (!Number.isInteger(r.windowDays) || r.windowDays < 1 || r.windowDays > 730) out.push({ field: 'windowDays', message: 'whole days from 1 to 730' });
  if (!(RETURNING_CUSTOMER_RULES as readonly string[]).includes(r.returningCustomer)) out.push({ field: 'returningCustomer', message: `one of ${RETURNING_CUSTOMER_RULES.join(', ')}` });
  return out;
}
