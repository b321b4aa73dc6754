import { afterPayoutCall, payoutProviderKey } from './payout-policy';

describe('payout retry policy', () => {
  const policy = { maxAttempts: 3, backoffBaseMs: 1000, maxBackoffMs: 60_000 };
  const unknown = { ok: false as const, definitive: false, code: 'api_error', message: 'HTTP 503' };
  const refused = { ok: false as const, definitive: true, code: 'account_invalid', message: 'No such destination' };

  it.each([
    ['paid and settled', { ok: true as const, providerRef: 'tr_1', settled: true }, 1, { status: 'SUCCEEDED', providerRef: 'tr_1' }],
    ['accepted, not settled (a pending refund)', { ok: true as const, providerRef: 're_1', settled: false }, 1, { status: 'SUBMITTED', providerRef: 're_1' }],
    ['unknown outcome, first call: retry after the base delay', unknown, 1, { status: 'RETRY', retryInMs: 1000 }],
    ['unknown outcome, second call: the delay doubles', unknown, 2, { status: 'RETRY', retryInMs: 2000 }],
    ['unknown outcome on the last call: FAILED', unknown, 3, { status: 'FAILED', code: 'api_error', message: 'HTTP 503' }],
    ['a definitive refusal fails at once', refused, 1, { status: 'FAILED', code: 'account_invalid', message: 'No such destination' }],
  ])('%s', (_name, result, tries, expected) => {
    expect(afterPayoutCall(result, tries, policy)).toEqual(expected);
  });

  it('keys the first round as every Stripe call, and each retried round anew', () => {
    expect(payoutProviderKey('p-1', 1)).toBe('payment:p-1');
    expect(payoutProviderKey('p-1', 2)).toBe('payment:p-1:r2');
    expect(new Set([1, 2, 3].map((r) => payoutProviderKey('p-1', r))).size).toBe(3);
  });
});
