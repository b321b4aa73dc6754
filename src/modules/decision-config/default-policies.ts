import type { RuleSet, ScorecardDefinition } from '../../core/decisioning';

/**
 * What a tenant decides with until it configures its own: a conservative microfinance scorecard
 * (600 points at 50:1 good:bad odds, 20 points to double the odds) and knock-out rules.
 */
export const DEFAULT_SCORECARD: ScorecardDefinition = {
  basePoints: 420,
  baseScore: 600,
  baseOdds: 50,
  pdo: 20,
  reasonCodeCount: 4,
  attributes: [
    { fact: 'age', reasonCode: 'AGE', missingPoints: 0, bins: [
      { label: '<25', max: '25', points: 10 }, { label: '25-34', min: '25', max: '35', points: 25 }, { label: '35-54', min: '35', max: '55', points: 35 }, { label: '55+', min: '55', points: 25 }] },
    { fact: 'dti', reasonCode: 'DEBT_TO_INCOME', missingPoints: 0, bins: [
      { label: '<20%', max: '0.2', points: 60 }, { label: '20-35%', min: '0.2', max: '0.35', points: 45 }, { label: '35-50%', min: '0.35', max: '0.5', points: 20 }, { label: '50%+', min: '0.5', points: 0 }] },
    { fact: 'worstDelinquencyDays', reasonCode: 'DELINQUENCY_HISTORY', missingPoints: 30, bins: [
      { label: 'none', max: '1', points: 60 }, { label: '1-29', min: '1', max: '30', points: 35 }, { label: '30-89', min: '30', max: '90', points: 10 }, { label: '90+', min: '90', points: 0 }] },
    { fact: 'openLoans', reasonCode: 'MULTIPLE_LENDERS', missingPoints: 20, bins: [
      { label: '0', max: '1', points: 40 }, { label: '1-2', min: '1', max: '3', points: 30 }, { label: '3-4', min: '3', max: '5', points: 10 }, { label: '5+', min: '5', points: 0 }] },
    { fact: 'enquiries90d', reasonCode: 'RECENT_ENQUIRIES', missingPoints: 10, bins: [
      { label: '0-1', max: '2', points: 30 }, { label: '2-4', min: '2', max: '5', points: 15 }, { label: '5+', min: '5', points: 0 }] },
    { fact: 'yearsInBusiness', reasonCode: 'TIME_IN_BUSINESS', missingPoints: 15, bins: [
      { label: '<1', max: '1', points: 5 }, { label: '1-3', min: '1', max: '3', points: 15 }, { label: '3+', min: '3', points: 30 }] },
    { fact: 'hasCollateral', reasonCode: 'NO_SECURITY', missingPoints: 0, bins: [
      { label: 'secured', values: ['true'], points: 25 }, { label: 'unsecured', values: ['false'], points: 0 }] },
  ],
  grades: [
    { grade: 'A', minScore: 680 }, { grade: 'B', minScore: 650 }, { grade: 'C', minScore: 620 }, { grade: 'D', minScore: 590 }, { grade: 'E', minScore: 0 },
  ],
};

export const DEFAULT_RULES: RuleSet = {
  rules: [
    { id: 'kyc-failed', description: 'Identity, document or liveness not verified', when: { fact: 'kycPassed', op: 'eq', value: false }, outcome: 'DECLINE', reasonCode: 'IDENTITY_NOT_VERIFIED' },
    { id: 'minor', description: 'Applicant under 18', when: { fact: 'age', op: 'lt', value: 18 }, outcome: 'DECLINE', reasonCode: 'AGE_BELOW_MINIMUM' },
    { id: 'dti-cap', description: 'Debt-to-income above 60% after this loan', when: { fact: 'dti', op: 'gt', value: '0.6' }, outcome: 'DECLINE', reasonCode: 'DEBT_TO_INCOME_TOO_HIGH' },
    { id: 'serious-delinquency', description: 'A loan 90+ days past due at the bureau', when: { fact: 'worstDelinquencyDays', op: 'gte', value: 90 }, outcome: 'DECLINE', reasonCode: 'SERIOUS_DELINQUENCY' },
    { id: 'multi-lending', description: 'More than 4 open loans elsewhere (多头借贷)', when: { fact: 'openLoans', op: 'gt', value: 4 }, outcome: 'DECLINE', reasonCode: 'TOO_MANY_OPEN_LOANS' },
    { id: 'fraud-decline', description: 'Fraud score 60 or more', when: { fact: 'fraudScore', op: 'gte', value: 60 }, outcome: 'DECLINE', reasonCode: 'FRAUD_SUSPECTED' },
    { id: 'fraud-refer', description: 'Fraud score 30 or more', when: { fact: 'fraudScore', op: 'gte', value: 30 }, outcome: 'REFER', reasonCode: 'FRAUD_REVIEW' },
    { id: 'sanctions', description: 'Possible watch-list match', when: { fact: 'sanctionsHit', op: 'eq', value: true }, outcome: 'REFER', reasonCode: 'WATCHLIST_REVIEW' },
    { id: 'enquiries', description: 'Many bureau enquiries in 90 days', when: { fact: 'enquiries90d', op: 'gte', value: 6 }, outcome: 'REFER', reasonCode: 'MANY_ENQUIRIES' },
  ],
};

/** Policy documents a tenant can set (GraphQL or YAML), with the defaults in force until it does. */
export const DEFAULT_POLICIES = {
  APPROVAL_TIERS: [] as unknown[],
  RISK_APPETITE: [] as unknown[],
  STAGE_TIME_LIMITS: { SUBMITTED: 1, CHECKING: 1, REFERRED: 48, APPROVED: 24, OFFERED: 336, ACCEPTED: 72, CONTRACT_SIGNED: 24 } as Record<string, number>,
  FRAUD: { velocityLimit: 3, velocityWindowDays: 30, sanctionsThreshold: '0.88' },
  OFFERS: { validityDays: 14, lossGivenDefault: '0.45' },
  CONTRACT_TEMPLATE: {
    version: 'default-1',
    body: [
      'LOAN AGREEMENT ({{tenant.legalName}})',
      'Borrower: {{borrower.fullName}} | Application {{application.id}}',
      'Product: {{product.name}} (version {{product.version}})',
      'Principal: {{offer.amount}} {{offer.currency}} | Term: {{offer.termCount}} {{offer.frequency}} instalments',
      'Nominal annual rate: {{offer.annualRate}} | All-in APR: {{offer.apr}}',
      'Fees: {{offer.feesSummary}}',
      'Net disbursement: {{offer.netDisbursement}} | Total to repay: {{offer.totalPayable}} | Total cost of credit: {{offer.totalCost}}',
      'Repayment schedule:',
      '{{offer.scheduleTable}}',
      'No fee other than those listed above is payable. Late payment: {{offer.lateTerms}}.',
    ].join('\n'),
  },
};
export type PolicyKind = keyof typeof DEFAULT_POLICIES;
