import { nextAutoDebitAttempt, retryPolicyProblem } from './retry-schedule';

describe('auto-debit retry schedule', () => {
  const policy = [1, 3, 7];
  it.each([
    ['no attempt yet: charge now', [], '2026-03-01', { action: 'CHARGE', attempt: 1 }],
    ['first failure, next day: retry', [{ attempt: 1, failedOn: '2026-03-01' }], '2026-03-02', { action: 'CHARGE', attempt: 2 }],
    ['first failure, same day: wait', [{ attempt: 1, failedOn: '2026-03-01' }], '2026-03-01', { action: 'WAIT', attempt: 2, on: '2026-03-02' }],
    ['second failure waits three days', [{ attempt: 1, failedOn: '2026-03-01' }, { attempt: 2, failedOn: '2026-03-02' }], '2026-03-04', { action: 'WAIT', attempt: 3, on: '2026-03-05' }],
    ['third failure, a week later: last try', [{ attempt: 3, failedOn: '2026-02-25' }, { attempt: 1, failedOn: '2026-02-20' }], '2026-03-04', { action: 'CHARGE', attempt: 4 }],
    ['every retry used: give up', [{ attempt: 4, failedOn: '2026-03-04' }], '2026-04-01', { action: 'GIVE_UP' }],
    ['across a month end', [{ attempt: 2, failedOn: '2026-01-30' }], '2026-02-02', { action: 'CHARGE', attempt: 3 }],
  ])('%s', (_name, failures, today, expected) => {
    expect(nextAutoDebitAttempt(failures, policy, today)).toEqual(expected);
  });

  it('gives up at once with no retries in the policy', () => {
    expect(nextAutoDebitAttempt([{ attempt: 1, failedOn: '2026-03-01' }], [], '2026-03-09')).toEqual({ action: 'GIVE_UP' });
  });

  it.each([[[1, 3, 7], null], [[], null], [[0], 'each'], [[1.5], 'each'], [[61], 'each'], [Array(11).fill(1), 'at most']])('policy %j', (delays, problem) => {
    const p = retryPolicyProblem(delays as number[]);
    if (problem === null) expect(p).toBeNull();
    else expect(p).toMatch(problem as string);
  });
});
