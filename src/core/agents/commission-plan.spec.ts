import { type CommissionPlanDefinition, commissionPlanProblems, statementClosing, tierRate } from './commission-plan';

const plan = (over: Partial<CommissionPlanDefinition> = {}): CommissionPlanDefinition => ({
  code: 'STD', name: 'Standard', productCodes: [], agentKinds: [], rules: [{ trigger: 'DISBURSED', basis: 'PRINCIPAL', rate: '0.015' }], ...over,
});

describe('commission plans', () => {
  it('accepts a sound plan and names each problem of a bad one by its field', () => {
    expect(commissionPlanProblems(plan({ clawback: { dpd: 30, withinDays: 60 }, holdback: { share: '0.2', releaseAfterDays: 60 }, networkOverride: { share: '0.1' } }))).toEqual([]);
    expect(commissionPlanProblems(plan({
      code: 'bad code',
      rules: [
        { trigger: 'DISBURSED', basis: 'FLAT' },
        { trigger: 'DISBURSED', basis: 'INTEREST_COLLECTED', rate: '1.5' },
        { trigger: 'EACH_REPAYMENT', basis: 'PRINCIPAL', rate: '0.01', tierBy: 'COUNT', tiers: [{ above: '10', rate: '0.02' }, { above: '5', rate: '0.03' }] },
      ],
      capPerLoan: '0', clawback: { dpd: 0, withinDays: 9999 }, holdback: { share: '2', releaseAfterDays: 0 },
    })).map((p) => p.field)).toEqual([
      'code', 'rules.0.amount', 'rules.1.rate', 'rules.1.basis', 'rules.2.tiers.1.above', 'rules.1.trigger', 'capPerLoan',
      'clawback.dpd', 'clawback.withinDays', 'holdback.share', 'holdback.releaseAfterDays',
    ]);
  });

  it('takes the rate of the highest tier the loan’s place passes', () => {
    const rule = { rate: '0.015', tiers: [{ above: '50', rate: '0.02' }, { above: '100', rate: '0.025' }] };
    expect(tierRate(rule, '50')).toEqual({ rate: '0.015', tier: 0 });
    expect(tierRate(rule, '51')).toEqual({ rate: '0.02', tier: 1 });
    expect(tierRate(rule, '101')).toEqual({ rate: '0.025', tier: 2 });
  });

  it('closes a statement as opening + earned - clawed back - held + released + held cancelled - paid, negative carried', () => {
    expect(statementClosing({ opening: '0', earned: '1100', clawedBack: '300', heldBack: '220', released: '0', heldCancelled: '60', paid: '0' })).toBe('640');
    expect(statementClosing({ opening: '-50', earned: '0', clawedBack: '100', heldBack: '0', released: '20', heldCancelled: '0', paid: '0' })).toBe('-130');
  });
});
