import { Dec } from '../money';

/**
 * Who may approve which applications: matched on amount, grade and product, lowest `priority`
 * first. AUTO approves without a person; SINGLE needs one approver; COMMITTEE needs `quorum`
 * distinct approvers of `group`, any one of whom can veto.
 */
export interface ApprovalTier {
  id: string;
  name: string;
  priority: number;
  minAmount?: string | null;
  maxAmount?: string | null;
  grades?: string[] | null;
  productCodes?: string[] | null;
  mode: 'AUTO' | 'SINGLE' | 'COMMITTEE';
  group?: string | null;
  quorum?: number | null;
  deadlineHours?: number | null;
}

/** The tier used when no configured tier matches: a person must look, since nobody said a machine may. */
export const DEFAULT_SINGLE_TIER: Readonly<ApprovalTier> = Object.freeze({
  id: 'default-single',
  name: 'Default single approver',
  priority: Number.MAX_SAFE_INTEGER,
  minAmount: null,
  maxAmount: null,
  grades: null,
  productCodes: null,
  mode: 'SINGLE',
  group: null,
  quorum: null,
  deadlineHours: null,
});

/**
 * The tier with the lowest priority number whose bounds match (minAmount <= amount <= maxAmount,
 * grade in grades, product in productCodes; null or empty lists match anything). Equal priorities
 * keep the order given. With no match, {@link DEFAULT_SINGLE_TIER}.
 */
export function selectTier(tiers: ApprovalTier[], subject: { amount: string; grade: string; productCode: string }): ApprovalTier {
  const amount = new Dec(subject.amount);
  const matches = (t: ApprovalTier) =>
    (t.minAmount == null || amount.gte(t.minAmount)) &&
    (t.maxAmount == null || amount.lte(t.maxAmount)) &&
    (!t.grades?.length || t.grades.includes(subject.grade)) &&
    (!t.productCodes?.length || t.productCodes.includes(subject.productCode));
  const best = [...tiers].sort((a, b) => a.priority - b.priority).find(matches);
  return best ?? { ...DEFAULT_SINGLE_TIER };
}

/** A person who may vote on approvals. */
export interface Approver {
  id: string;
  groups: string[];
  /** The largest amount this person may approve; null = unlimited. */
  authorityLimit: string | null;
}

/** A vote already recorded on the approval. */
export interface CastVote {
  voterId: string;
  vote: 'APPROVE' | 'DECLINE';
  at: Date;
}

/** Why a vote is refused. */
export type VoteRefusal = 'MAKER_CHECKER' | 'NOT_IN_GROUP' | 'OVER_AUTHORITY' | 'ALREADY_VOTED' | 'NOT_PENDING' | 'DEADLINE_PASSED';

/** Where a tier's approval stands. */
export type TallyOutcome = 'PENDING' | 'APPROVED' | 'DECLINED' | 'EXPIRED';

const MS_PER_HOUR = 3_600_000;

/** The instant voting closes, or null when the tier sets no deadline. The instant itself is still open. */
export function voteDeadline(tier: ApprovalTier, openedAt: Date): Date | null {
  return tier.deadlineHours == null ? null : new Date(openedAt.getTime() + tier.deadlineHours * MS_PER_HOUR);
}

/**
 * Whether `approver` may cast `vote` now, or the first reason they may not, checked in this order:
 * NOT_PENDING (already decided, or an AUTO tier), DEADLINE_PASSED, MAKER_CHECKER (the creator and
 * the submitter never approve their own work), ALREADY_VOTED, NOT_IN_GROUP (when the tier names a
 * group), OVER_AUTHORITY (only for APPROVE: declining needs no authority).
 *
 * `vote` is an addition to the agreed signature and defaults to APPROVE, the stricter case, so a
 * caller that does not pass it never lets an approver exceed their authority.
 */
export function checkVote(
  tier: ApprovalTier,
  subject: { amount: string; makerIds: string[]; openedAt: Date },
  approver: Approver,
  votes: CastVote[],
  now: Date,
  vote: CastVote['vote'] = 'APPROVE',
): VoteRefusal | null {
  const state = tally(tier, votes, subject, now);
  if (state === 'APPROVED' || state === 'DECLINED') return 'NOT_PENDING';
  if (state === 'EXPIRED') return 'DEADLINE_PASSED';
  if (subject.makerIds.includes(approver.id)) return 'MAKER_CHECKER';
  if (votes.some((v) => v.voterId === approver.id)) return 'ALREADY_VOTED';
  if (tier.group != null && !approver.groups.includes(tier.group)) return 'NOT_IN_GROUP';
  if (vote === 'APPROVE' && approver.authorityLimit !== null && new Dec(approver.authorityLimit).lt(subject.amount)) return 'OVER_AUTHORITY';
  return null;
}

/**
 * Where the approval stands at `now`. AUTO: APPROVED. Otherwise votes are taken in time order (a
 * voter's first vote only; votes after the deadline or after `now` do not count) and the first
 * decisive vote settles it: SINGLE — the first vote decides; COMMITTEE — any DECLINE is a veto,
 * and APPROVED once distinct approvers reach `quorum` (at least 1). Still undecided after the
 * deadline: EXPIRED.
 */
export function tally(tier: ApprovalTier, votes: CastVote[], subject: { openedAt: Date }, now: Date): TallyOutcome {
  if (tier.mode === 'AUTO') return 'APPROVED';
  const deadline = voteDeadline(tier, subject.openedAt);
  const quorum = tier.mode === 'SINGLE' ? 1 : Math.max(1, tier.quorum ?? 1);

  const counted = votes
    .filter((v) => v.at.getTime() <= now.getTime() && (deadline === null || v.at.getTime() <= deadline.getTime()))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  const voted = new Set<string>();
  let approvals = 0;
  for (const v of counted) {
    if (voted.has(v.voterId)) continue;
    voted.add(v.voterId);
    if (v.vote === 'DECLINE') return 'DECLINED';
    if (++approvals >= quorum) return 'APPROVED';
  }
  return deadline !== null && now.getTime() > deadline.getTime() ? 'EXPIRED' : 'PENDING';
}
