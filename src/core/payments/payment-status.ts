/** Where a payment through a provider stands. REVERSED: it succeeded, then the money went back (refund, dispute). */
export type PaymentStatus = 'PENDING' | 'SUCCEEDED' | 'FAILED' | 'REVERSED';

/** What the provider told us about a collection (from a webhook or a synchronous answer). */
export type ProviderOutcome = 'SUCCEEDED' | 'FAILED' | 'REVERSED';

/** The side effect a transition asks for: post the repayment, reverse it, record a failure, or nothing. */
export type PaymentAction = 'POST' | 'REVERSE' | 'MARK_FAILED' | 'NONE';

/**
 * The one rule for news arriving in any order, any number of times: a payment only moves forward.
 * PENDING and FAILED (a PaymentIntent can fail an attempt, then succeed with another method) may
 * succeed; only a success can be reversed; a failure never downgrades a success or a reversal; a
 * late success never un-reverses. So a `payment_intent.succeeded` after a `payment_failed` posts
 * once, and a stale `payment_failed` after the success changes nothing.
 */
export function transition(current: PaymentStatus, outcome: ProviderOutcome): { next: PaymentStatus; action: PaymentAction } {
  switch (outcome) {
    case 'SUCCEEDED':
      return current === 'PENDING' || current === 'FAILED' ? { next: 'SUCCEEDED', action: 'POST' } : { next: current, action: 'NONE' };
    case 'FAILED':
      return current === 'PENDING' ? { next: 'FAILED', action: 'MARK_FAILED' } : { next: current, action: 'NONE' };
    case 'REVERSED':
      return current === 'SUCCEEDED' ? { next: 'REVERSED', action: 'REVERSE' } : { next: current, action: 'NONE' };
  }
}
