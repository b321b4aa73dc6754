/**
 * When to try a failed delivery again: exponential from `baseMs` (attempt 1 failed: base, then
 * 2x, 4x ...), capped at `maxMs`. Deterministic, so tests and the deliveries list can show it.
 */
export function retryDelayMs(failedAttempts: number, baseMs: number, maxMs: number): number {
  if (failedAttempts < 1) return 0;
  const exponent = Math.min(failedAttempts - 1, 40);
  return Math.min(maxMs, baseMs * 2 ** exponent);
}

export type DeliveryOutcome =
  | { status: 'DELIVERED' }
  | { status: 'PENDING'; retryInMs: number }
  | { status: 'FAILED' };

/** The delivery's state after an attempt: delivered on 2xx, retried with backoff, or given up after `maxAttempts`. */
export function afterAttempt(ok: boolean, attempts: number, opts: { baseMs: number; maxMs: number; maxAttempts: number }): DeliveryOutcome {
  if (ok) return { status: 'DELIVERED' };
  if (attempts >= opts.maxAttempts) return { status: 'FAILED' };
  return { status: 'PENDING', retryInMs: retryDelayMs(attempts, opts.baseMs, opts.maxMs) };
}
