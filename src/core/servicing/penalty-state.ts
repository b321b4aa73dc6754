/*
 * The penalty state a replay hands the nightly run lives with the nightly steps (src/core/cob/hand-off.ts);
 * re-exported here for the servicing package's callers.
 */
export { penaltyAccrualState } from '../cob/hand-off';
export type { PenaltyAccrualState } from '../cob/hand-off';
export type { PenaltyAccrualRow } from '../cob/types';
