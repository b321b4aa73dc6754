/** Consecutive wrong passwords an account takes before it is locked. */
export const LOCKOUT_THRESHOLD = 5;
const FIRST_LOCK_MS = 30_000;
const LONGEST_LOCK_MS = 60 * 60_000;

/**
 * When an account unlocks after `failures` consecutive wrong passwords (null: not locked): from the
 * threshold on, 30 s, doubling with each further failure, at most an hour.
 */
export function lockedUntil(failures: number, now: Date): Date | null {
  if (failures < LOCKOUT_THRESHOLD) return null;
  const ms = Math.min(FIRST_LOCK_MS * 2 ** (failures - LOCKOUT_THRESHOLD), LONGEST_LOCK_MS);
  return new Date(now.getTime() + ms);
}
