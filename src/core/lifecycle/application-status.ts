/** Every state a loan application can be in, from the borrower's first draft to the money leaving. */
export type ApplicationStatus =
  | 'DRAFT'
  | 'SUBMITTED'
  | 'CHECKING'
  | 'DECLINED'
  | 'REFERRED'
  | 'APPROVED'
  | 'OFFERED'
  | 'ACCEPTED'
  | 'CONTRACT_SIGNED'
  | 'DISBURSED'
  | 'WITHDRAWN'
  | 'EXPIRED';

/** All statuses in lifecycle order (for GraphQL enums, migrations' CHECK constraints and exhaustive tests). */
export const APPLICATION_STATUSES: readonly ApplicationStatus[] = Object.freeze([
  'DRAFT',
  'SUBMITTED',
  'CHECKING',
  'DECLINED',
  'REFERRED',
  'APPROVED',
  'OFFERED',
  'ACCEPTED',
  'CONTRACT_SIGNED',
  'DISBURSED',
  'WITHDRAWN',
  'EXPIRED',
] as const);

/**
 * The only moves an application may make. CHECKING cannot be withdrawn because the automated checks
 * run inside one job and end in a decision; once a contract is signed the offer can no longer lapse,
 * only be withdrawn (cooling-off) or disbursed.
 */
export const APPLICATION_TRANSITIONS: Readonly<Record<ApplicationStatus, readonly ApplicationStatus[]>> = Object.freeze({
  DRAFT: Object.freeze(['SUBMITTED', 'WITHDRAWN'] as const),
  SUBMITTED: Object.freeze(['CHECKING', 'WITHDRAWN'] as const),
  CHECKING: Object.freeze(['DECLINED', 'REFERRED', 'APPROVED'] as const),
  REFERRED: Object.freeze(['APPROVED', 'DECLINED', 'WITHDRAWN', 'EXPIRED'] as const),
  APPROVED: Object.freeze(['OFFERED', 'WITHDRAWN', 'EXPIRED'] as const),
  OFFERED: Object.freeze(['ACCEPTED', 'WITHDRAWN', 'EXPIRED'] as const),
  ACCEPTED: Object.freeze(['CONTRACT_SIGNED', 'WITHDRAWN', 'EXPIRED'] as const),
  CONTRACT_SIGNED: Object.freeze(['DISBURSED', 'WITHDRAWN'] as const),
  DECLINED: Object.freeze([] as const),
  DISBURSED: Object.freeze([] as const),
  WITHDRAWN: Object.freeze([] as const),
  EXPIRED: Object.freeze([] as const),
});

/**
 * A move the state machine does not allow. Carries both ends so the error mapper can tell the
 * caller what the application is doing now rather than only that the request failed.
 */
export class IllegalTransitionError extends Error {
  /** Stable machine code for the error mapper. */
  readonly code = 'ILLEGAL_APPLICATION_TRANSITION';

  constructor(
    readonly from: ApplicationStatus,
    readonly to: ApplicationStatus,
  ) {
    super(`An application cannot move from ${from} to ${to}`);
    this.name = 'IllegalTransitionError';
  }
}

/** Throws {@link IllegalTransitionError} unless `from -> to` is one of {@link APPLICATION_TRANSITIONS}. */
export function assertTransition(from: ApplicationStatus, to: ApplicationStatus): void {
  // Guard the lookup too: statuses arrive from the database as plain strings.
  const allowed = Object.prototype.hasOwnProperty.call(APPLICATION_TRANSITIONS, from) ? APPLICATION_TRANSITIONS[from] : [];
  if (!allowed.includes(to)) throw new IllegalTransitionError(from, to);
}

/** True for statuses with no way out (DECLINED, DISBURSED, WITHDRAWN, EXPIRED). */
export function isTerminal(s: ApplicationStatus): boolean {
  return APPLICATION_TRANSITIONS[s].length === 0;
}

// Stage SLAs sit beside the state machine because they key on the same statuses and need isTerminal.

/** When an application entered the status it is in now. */
export interface StageClock {
  status: ApplicationStatus;
  enteredAt: Date;
}

/** How far past its time limit a stage is. */
export interface SlaBreach {
  limitHours: number;
  overdueMinutes: number;
}

const MS_PER_HOUR = 3_600_000;
const MS_PER_MINUTE = 60_000;

/**
 * Whether an application has sat in its current status longer than the tenant allows.
 *
 * `limitsHours` is the tenant's per-status configuration; a status without a (finite,
 * non-negative) limit has no SLA, and terminal statuses never breach because nothing is waiting
 * on them. The limit instant itself is still on time, so a breach starts strictly after it;
 * `overdueMinutes` is whole minutes, rounded down (0 during the first minute overdue).
 */
export function slaBreach(
  stage: StageClock,
  limitsHours: Partial<Record<ApplicationStatus, number>>,
  now: Date,
): SlaBreach | null {
  if (isTerminal(stage.status)) return null;
  const limitHours = limitsHours[stage.status];
  if (limitHours === undefined || !Number.isFinite(limitHours) || limitHours < 0) return null;
  const overdueMs = now.getTime() - (stage.enteredAt.getTime() + limitHours * MS_PER_HOUR);
  if (!(overdueMs > 0)) return null;
  return { limitHours, overdueMinutes: Math.floor(overdueMs / MS_PER_MINUTE) };
}
