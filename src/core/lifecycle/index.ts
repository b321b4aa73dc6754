/**
 * Application lifecycle: the status state machine and stage SLAs. Pure functions; callers pass `now`.
 */
export {
  APPLICATION_STATUSES,
  APPLICATION_TRANSITIONS,
  IllegalTransitionError,
  assertTransition,
  isTerminal,
  slaBreach,
} from './application-status';
export type { ApplicationStatus, SlaBreach, StageClock } from './application-status';
export { FUNNEL_STAGE_REACHED, firstReachedSql } from './funnel-stages';
