/** A realistic product definition for specs, with overrides. */
export function productTerms(overrides: Record<string, unknown> = {}) {
  return {
    name: 'Salaried instalment loan',
    segment: 'CONSUMER',
    currency: 'KES',
    amountMin: '1000.00',
    amountMax: '100000.00',
    termMin: 3,
    termMax: 24,
    frequencies: ['MONTHLY', 'BIWEEKLY'],
    amortization: 'EQUAL_INSTALLMENT',
    dayCount: 'THIRTY_360',
    rounding: { decimals: 2, mode: 'HALF_EVEN' },
    fees: [
      { kind: 'UPFRONT', name: 'Processing', chargeType: 'PERCENT', rate: '0.01', treatment: 'DEDUCTED' },
      { kind: 'LATE', name: 'Late fee', chargeType: 'FLAT', amount: '200', graceDays: 3 },
    ],
    penaltyAnnualRate: '0.10',
    collateral: [{ kind: 'NONE' }],
    rateBands: [
      { grade: 'A', annualRate: '0.12', feeDiscount: '0.5' },
      { grade: 'B', annualRate: '0.16', feeDiscount: '0' },
      { grade: 'C', annualRate: '0.20', feeDiscount: '0' },
    ],
    segmentOverrides: [{ segment: 'SOLE_PROPRIETOR', grade: 'B', annualRate: '0.15' }],
    ...overrides,
  };
}

export const CREATE_PRODUCT = `mutation($code: String!, $input: LoanProductTermsInput!) {
  createLoanProduct(code: $code, input: $input) { id code status currentVersion revolving terms { name amountMin rateBands { grade annualRate feeDiscount } } }
}`;

export const PREVIEW = `query($input: SchedulePreviewInput!) {
  previewSchedule(input: $input) {
    installments { number dueDate principal interest fees total balance }
    totalPrincipal totalInterest totalFees totalPayable netDisbursement apr annualInterestRate currency riskGrade productVersion
    upfrontFees { deducted financed paidUpfront }
    capCheck { apr aprConvention cap withinCap description }
  }
}`;
