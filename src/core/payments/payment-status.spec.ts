import fc from 'fast-check';
import { type PaymentStatus, type ProviderOutcome, transition } from './payment-status';

describe('payment status transitions', () => {
  it.each([
    ['PENDING', 'SUCCEEDED', 'SUCCEEDED', 'POST'],
    ['FAILED', 'SUCCEEDED', 'SUCCEEDED', 'POST'],
    ['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED', 'NONE'],
    ['REVERSED', 'SUCCEEDED', 'REVERSED', 'NONE'],
    ['PENDING', 'FAILED', 'FAILED', 'MARK_FAILED'],
    ['FAILED', 'FAILED', 'FAILED', 'NONE'],
    ['SUCCEEDED', 'FAILED', 'SUCCEEDED', 'NONE'],
    ['REVERSED', 'FAILED', 'REVERSED', 'NONE'],
    ['SUCCEEDED', 'REVERSED', 'REVERSED', 'REVERSE'],
    ['PENDING', 'REVERSED', 'PENDING', 'NONE'],
    ['REVERSED', 'REVERSED', 'REVERSED', 'NONE'],
  ] as [PaymentStatus, ProviderOutcome, PaymentStatus, string][])('%s + %s -> %s (%s)', (from, outcome, next, action) => {
    expect(transition(from, outcome)).toEqual({ next, action });
  });

  it('posts at most once and reverses at most once, whatever the order and repetition of news', () => {
    const outcome = fc.constantFrom<ProviderOutcome>('SUCCEEDED', 'FAILED', 'REVERSED');
    fc.assert(fc.property(fc.array(outcome, { maxLength: 12 }), (news) => {
      let status: PaymentStatus = 'PENDING';
      let posts = 0;
      let reversals = 0;
      for (const n of news) {
        const t = transition(status, n);
        if (t.action === 'POST') posts++;
        if (t.action === 'REVERSE') reversals++;
        status = t.next;
      }
      expect(posts).toBeLessThanOrEqual(1);
      expect(reversals).toBeLessThanOrEqual(posts);
      // Any success among the news leaves the payment SUCCEEDED or REVERSED, never FAILED.
      if (news.includes('SUCCEEDED')) expect(['SUCCEEDED', 'REVERSED']).toContain(status);
    }));
  });
});
