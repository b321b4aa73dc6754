import { type CollectionPolicyDefinition, type CollectionStage, casePriority, policyCovers, policyProblems, stageFor } from './policy';
import { renderTemplate, templateFor } from './templates';

const stage = (name: string, minDpd: number, maxDpd: number | null, over: Partial<CollectionStage> = {}): CollectionStage => ({
  name, minDpd, maxDpd, team: 'COLLECTOR', firstContactHours: 24, maxDiscount: '0.1', weight: '1',
  actions: [{ channel: 'SMS', everyDays: 3, templates: { en: 'Loan {{loanId}}: {{amountOverdue}} {{currency}} is {{dpd}} days overdue.' } }], ...over,
});
const policy = (stages: CollectionStage[]): CollectionPolicyDefinition => ({ code: 'STD', name: 'Standard', productCodes: [], segments: [], stages, hardshipPauseDays: 30 });

describe('collection policies', () => {
  const good = policy([stage('SOFT', 1, 7), stage('EARLY', 8, 30), stage('MID', 31, 60), stage('LATE', 61, 90), stage('LEGAL', 91, null, { actions: [{ channel: 'AGENCY_PLACEMENT', everyDays: 0, agencyCode: 'HAKI', placementDays: 90, commissionRate: '0.15' }] })]);

  it('accepts ordered, contiguous stages and finds the stage of a DPD', () => {
    expect(policyProblems(good)).toEqual([]);
    expect([0, 1, 7, 8, 30, 31, 90, 91, 400].map((d) => stageFor(good.stages, d))).toEqual([null, 0, 0, 1, 1, 2, 3, 4, 4]);
  });

  it('asks a placement for its agency, days and commission, and nothing else for an agency', () => {
    const placement = (a: object) => policyProblems(policy([stage('LEGAL', 1, null, { actions: [{ channel: 'AGENCY_PLACEMENT', everyDays: 0, ...a }] })]));
    expect(placement({})).toEqual([
      { field: 'stages.0.actions.0.agencyCode', message: 'the collection agency the case is placed with (its agent code)' },
      { field: 'stages.0.actions.0.placementDays', message: 'whole days from 1 to 365' },
      { field: 'stages.0.actions.0.commissionRate', message: 'a fraction from 0 to 1 of what the agency recovers' },
    ]);
    expect(placement({ agencyCode: 'HAKI', placementDays: 366, commissionRate: '1.2', everyDays: 7 }).map((p) => p.field)).toEqual([
      'stages.0.actions.0.placementDays', 'stages.0.actions.0.commissionRate', 'stages.0.actions.0.everyDays']);
    expect(policyProblems(policy([stage('SOFT', 1, null, { actions: [{ channel: 'CALL', everyDays: 0, agencyCode: 'HAKI' }] })]))).toEqual([
      { field: 'stages.0.actions.0.agencyCode', message: 'only an AGENCY_PLACEMENT names an agency' }]);
  });

  it('names each problem by its field: overlap, gap, open end in the middle, unknown variable, missing template, bad discount', () => {
    const bad = policy([
      stage('SOFT', 1, 10),
      stage('EARLY', 8, 30),
      stage('MID', 31, null),
      stage('LATE', 61, 90, { maxDiscount: '1.5', actions: [{ channel: 'SMS', everyDays: 1, templates: { en: 'Pay {{balance}} now' } }, { channel: 'EMAIL', everyDays: 2 }] }),
    ]);
    expect(policyProblems(bad)).toEqual([
      { field: 'stages.1.minDpd', message: 'overlaps stage SOFT (1-10)' },
      { field: 'stages.2.maxDpd', message: 'only the last stage may be open-ended' },
      { field: 'stages.3.maxDiscount', message: 'a fraction from 0 to 1' },
      { field: 'stages.3.actions.0.templates.en', message: 'unknown variable {{balance}}' },
      { field: 'stages.3.actions.1.templates', message: 'a EMAIL needs a message template' },
    ]);
    expect(policyProblems(policy([stage('A', 1, 7), stage('B', 10, null)]))).toEqual([{ field: 'stages.1.minDpd', message: 'leaves days 8-9 in no stage' }]);
  });

  it('ranks cases by amount overdue x stage weight x (1 + broken promises)', () => {
    expect(casePriority('1000.00', '1.5', 0).toFixed(2)).toBe('1500.00');
    expect(casePriority('1000.00', '1.5', 2).toFixed(2)).toBe('4500.00');
  });

  it('covers loans by product and segment', () => {
    expect(policyCovers({ productCodes: [], segments: [] }, 'ANY', null)).toBe(true);
    expect(policyCovers({ productCodes: ['SME-1'], segments: [] }, 'CONSUMER-1', null)).toBe(false);
    expect(policyCovers({ productCodes: [], segments: ['SME'] }, 'X', 'SME')).toBe(true);
  });

  it('renders a template in the borrower’s language with the loan’s values', () => {
    const t = { en: 'Loan {{loanId}} owes {{amountOverdue}} {{currency}}', 'zh-CN': '贷款 {{loanId}} 逾期 {{amountOverdue}} {{currency}}' };
    expect(renderTemplate(templateFor(t, 'zh')!, { loanId: 'L1', amountOverdue: '120.00', currency: 'CNY' })).toBe('贷款 L1 逾期 120.00 CNY');
    expect(renderTemplate(templateFor(t, 'sw-KE')!, { loanId: 'L1', amountOverdue: '120.00', currency: 'KES' })).toBe('Loan L1 owes 120.00 KES');
  });
});
