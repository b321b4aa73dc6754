import { adverseActionReasons } from './adverse-action';

const r = (code: string, source: string, description = `${code} with a threshold of 0.6 (12 points below the best)`) => ({ code, source, description });

describe('adverseActionReasons', () => {
  it.each([
    ['a decline: plain words in the decision’s order, no thresholds or points', true, [r('SERIOUS_DELINQUENCY', 'rule:serious-delinquency'), r('DELINQUENCY_HISTORY', 'scorecard')],
      [{ code: 'SERIOUS_DELINQUENCY', description: 'A seriously late payment in your credit history' }, { code: 'DELINQUENCY_HISTORY', description: 'Late payments in your credit history' }]],
    ['an unknown rule code and an appetite limit: the policy in general words', true, [r('RC_X', 'rule:x'), r('APPETITE_INDUSTRY', 'limit:retail-cap')],
      [{ code: 'CREDIT_POLICY', description: 'The application does not meet our lending policy' }, { code: 'LENDING_CAPACITY', description: 'We are not lending more in your category at this time' }]],
    ['fraud and watch-list only: the generic line, never the signal', true, [r('FRAUD_SUSPECTED', 'rule:fraud-decline'), r('WATCHLIST_REVIEW', 'check:SANCTIONS'), r('APPROVAL_COMMITTEE', 'tier:committee')],
      [{ code: 'CREDIT_POLICY', description: 'The application does not meet our lending policy' }]],
    ['one line per code', true, [r('MANY_ENQUIRIES', 'rule:enquiries'), r('RC_A', 'rule:a'), r('RC_B', 'rule:b')],
      [{ code: 'MANY_ENQUIRIES', description: 'Recent applications for credit' }, { code: 'CREDIT_POLICY', description: 'The application does not meet our lending policy' }]],
    ['not declined: nothing', false, [r('FRAUD_REVIEW', 'rule:fraud-refer')], []],
  ])('%s', (_name, declined, reasons, expected) => {
    const out = adverseActionReasons(declined, reasons);
    expect(out).toEqual(expected);
    for (const line of out) expect(line.description).not.toMatch(/\d/);
  });
});
