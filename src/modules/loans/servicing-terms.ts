import type { ProductTerms } from '../../core/products/product-terms';

/** The servicing terms a loan keeps from its product version at disbursement (frozen with the schedule). */
export function servicingTermsOf(terms: ProductTerms) {
  const late = terms.fees.find((f) => f.kind === 'LATE');
  const prepayment = terms.fees.find((f) => f.kind === 'PREPAYMENT');
  return {
    decimals: terms.rounding.decimals,
    roundingMode: terms.rounding.mode,
    allocationOrder: terms.allocationOrder,
    penaltyAnnualRate: terms.penaltyAnnualRate,
    lateFee: late ? { chargeType: late.chargeType, amount: late.amount ?? null, rate: late.rate ?? null, graceDays: late.graceDays ?? 0 } : null,
    overpaymentPolicy: terms.overpaymentPolicy ?? 'REDUCE_TERM',
    prepaymentFee: prepayment ? { chargeType: prepayment.chargeType, amount: prepayment.amount ?? null, rate: prepayment.rate ?? null } : null,
    // The nightly run's penalty year and buckets follow the product (src/core/cob).
    dayCount: terms.dayCount,
    delinquencyBuckets: terms.delinquencyBuckets ?? null,
    // The ledger posts this loan's lines to the product's accounts (frozen with the loan).
    accounts: Object.fromEntries((terms.accountMapping ?? []).map((m) => [m.role, m.account])),
  };
}
