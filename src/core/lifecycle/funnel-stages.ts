import type { ApplicationStatus } from './application-status';

/**
 * The stages of the origination funnel an application passes, in order, each with the column of
 * `application_stages` that keeps when it was first reached and the statuses that reach it (an
 * approval is also a decision).
 */
export const FUNNEL_STAGE_REACHED: readonly { stage: string; column: string; statuses: readonly ApplicationStatus[] }[] = [
  { stage: 'SUBMITTED', column: 'submitted_at', statuses: ['SUBMITTED'] },
  { stage: 'DECIDED', column: 'decided_at', statuses: ['APPROVED', 'DECLINED', 'REFERRED'] },
  { stage: 'APPROVED', column: 'approved_at', statuses: ['APPROVED'] },
  { stage: 'OFFERED', column: 'offered_at', statuses: ['OFFERED'] },
  { stage: 'ACCEPTED', column: 'accepted_at', statuses: ['ACCEPTED'] },
  { stage: 'SIGNED', column: 'signed_at', statuses: ['CONTRACT_SIGNED'] },
  { stage: 'DISBURSED', column: 'disbursed_at', statuses: ['DISBURSED'] },
];

/** For rebuilding `application_stages` from the stage history: the first time each stage was reached, over events aliased `e`. */
export const firstReachedSql = (e: string): string =>
  FUNNEL_STAGE_REACHED.map((s) => `min(${e}.at) FILTER (WHERE ${e}.to_status IN (${s.statuses.map((x) => `'${x}'`).join(', ')}))`).join(', ');
