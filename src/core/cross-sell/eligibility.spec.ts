import { judgeEligibility, offerAmount, validateCrossSellRule } from './eligibility';

const rule = {
  kind: 'GRADUATION' as const, productCode: 'SME', description: 'good repeat borrowers', amountMultiple: '1.5', termCount: null, validDays: 30,
  when: { all: [{ fact: 'onTimeRatio', op: 'gte' as const, value: '0.9' }, { fact: 'maxDpdEver', op: 'lt' as const, value: 15 }, { fact: 'loansRepaid', op: 'gte' as const, value: 1 }] },
};

describe('cross-sell eligibility', () => {
  it('holds by the decisioning rules and gives the facts it read as reasons', () => {
    const good = judgeEligibility(rule, { onTimeRatio: '0.95', maxDpdEver: 3, loansRepaid: 2 });
    expect(good.eligible).toBe(true);
    expect(good.reasons).toEqual([{ fact: 'onTimeRatio', value: '0.95' }, { fact: 'maxDpdEver', value: '3' }, { fact: 'loansRepaid', value: '2' }]);
    expect(judgeEligibility(rule, { onTimeRatio: '0.95', maxDpdEver: 20, loansRepaid: 2 }).eligible).toBe(false);
    // A missing fact fails a comparison: nobody is pre-approved on what is not known.
    expect(judgeEligibility(rule, { maxDpdEver: 0, loansRepaid: 2 }).eligible).toBe(false);
  });

  it('names the field of every problem', () => {
    expect(validateCrossSellRule(rule)).toEqual([]);
    const issues = validateCrossSellRule({ ...rule, amountMultiple: '0', termCount: 0, validDays: 0, when: { fact: 'shoeSize', op: 'gt', value: 3 } });
    expect(issues.map((i) => i.path)).toEqual(['when', 'amountMultiple', 'termCount', 'validDays']);
    expect(issues[0].message).toMatch(/unknown fact shoeSize/);
    expect(validateCrossSellRule({ ...rule, when: { fact: 'onTimeRatio', op: 'near' } as never })[0].path).toBe('when.op');
  });

  it('sizes the offer from the last loan, within the product, rounded down', () => {
    const p = { lastPrincipal: '10000.00', outstandingPrincipal: '4000.00', multiple: '1.5', minAmount: '1000', maxAmount: '50000', decimals: 2 };
    expect(offerAmount('GRADUATION', p)).toBe('15000.00');
    expect(offerAmount('TOP_UP', p)).toBe('11000.00');
    expect(offerAmount('RENEWAL', { ...p, multiple: '1' })).toBe('10000.00');
    expect(offerAmount('GRADUATION', { ...p, maxAmount: '12000' })).toBe('12000.00');
    expect(offerAmount('GRADUATION', { ...p, multiple: '0.33333', decimals: 0 })).toBe('3333');
    expect(offerAmount('TOP_UP', { ...p, outstandingPrincipal: '14500' })).toBeNull();
  });
});
