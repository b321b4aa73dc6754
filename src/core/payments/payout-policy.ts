import { retryDelayMs } from '../webhooks/backoff';

/** How a provider call for a payout ended. */
export type PayoutCallResult =
  | { ok: true; providerRef: string; settled: boolean }
  /**
   * `definitive`: the provider refused and would refuse the same call again (a 4xx other than 429:
   * Stripe stores that answer under the idempotency key for 24 hours), so retrying with the same
   * key is pointless. Otherwise the outcome is unknown (timeout, connection, 5xx, 429): the same
   * key is tried again, and replays the first answer if the provider did act.
   */
  | { ok: false; definitive: boolean; code: string; message: string };

export interface PayoutRetryPolicy {
  /** Provider calls per round before the payout is FAILED. */
  maxAttempts: number;
  backoffBaseMs: number;
  maxBackoffMs: number;
}

export type PayoutDecision =
  | { status: 'SUCCEEDED'; providerRef: string }
  /** Accepted by the provider but not settled yet (a refund still `pending`): its webhook finishes it. */
  | { status: 'SUBMITTED'; providerRef: string }
  | { status: 'RETRY'; retryInMs: number }
  | { status: 'FAILED'; code: string; message: string };

/**
 * What a payout becomes after its `tries`-th provider call of the round: paid, retried after an
 * exponential backoff (same idempotency key), or FAILED (a definitive refusal at once, an unknown
 * outcome after `maxAttempts` calls).
 */
export function afterPayoutCall(result: PayoutCallResult, tries: number, policy: PayoutRetryPolicy): PayoutDecision {
  if (result.ok) return result.settled ? { status: 'SUCCEEDED', providerRef: result.providerRef } : { status: 'SUBMITTED', providerRef: result.providerRef };
  if (result.definitive || tries >= policy.maxAttempts) return { status: 'FAILED', code: result.code, message: result.message };
  return { status: 'RETRY', retryInMs: retryDelayMs(tries, policy.backoffBaseMs, policy.maxBackoffMs) };
}

/**
 * The provider idempotency key of a payout's round: `payment:<id>` for the first (as every other
 * call to Stripe), `payment:<id>:r<n>` for a lender's retry after a FAILED round, so the provider
 * does not replay the refusal that ended the previous one.
 */
export function payoutProviderKey(paymentId: string, round: number): string {
  return round <= 1 ? `payment:${paymentId}` : `payment:${paymentId}:r${round}`;
}
