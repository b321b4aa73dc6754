import { registerEnumType } from 'type-graphql';
import { AMORTIZATIONS, APR_CONVENTIONS, DAY_COUNTS, FREQUENCIES, UNIT_PERIODS, UPFRONT_FEE_TREATMENTS } from '../../core/loan-math';
import { ALLOCATION_BUCKETS, COLLATERAL_KINDS, SEGMENTS } from '../../core/products/product-terms';
import { APPLICATION_STATUSES } from '../../core/lifecycle';

/** GraphQL enums built from the pure core's lists, so the API and the engine cannot disagree. */
export function enumOf<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
}

export const FrequencyEnum = enumOf(FREQUENCIES);
export const AmortizationEnum = enumOf(AMORTIZATIONS);
export const DayCountEnum = enumOf(DAY_COUNTS);
export const AprConventionEnum = enumOf(APR_CONVENTIONS);
export const UnitPeriodEnum = enumOf(UNIT_PERIODS);
export const UpfrontFeeTreatmentEnum = enumOf(UPFRONT_FEE_TREATMENTS);
export const SegmentEnum = enumOf(SEGMENTS);
export const CollateralKindEnum = enumOf(COLLATERAL_KINDS);
export const AllocationBucketEnum = enumOf(ALLOCATION_BUCKETS);
export const FeeKindEnum = enumOf(['UPFRONT', 'PER_INSTALLMENT', 'LATE', 'PREPAYMENT'] as const);
export const ChargeTypeEnum = enumOf(['FLAT', 'PERCENT'] as const);
export const ApplicationStatusEnum = enumOf(APPLICATION_STATUSES);

registerEnumType(FrequencyEnum, { name: 'Frequency' });
registerEnumType(ApplicationStatusEnum, { name: 'ApplicationStatus' });
registerEnumType(AmortizationEnum, {
  name: 'Amortization',
  description: 'EQUAL_INSTALLMENT (annuity), EQUAL_PRINCIPAL, INTEREST_ONLY (balloon at the end), FLAT, BULLET.',
});
registerEnumType(DayCountEnum, { name: 'DayCount', description: '30/360, Actual/365 Fixed, Actual/360, Actual/Actual (ISDA).' });
registerEnumType(AprConventionEnum, {
  name: 'AprConvention',
  description: 'US_REG_Z_ACTUARIAL (Regulation Z Appendix J), NOMINAL_IRR (periodic IRR x periods a year), EFFECTIVE_ANNUAL (EU).',
});
registerEnumType(UnitPeriodEnum, { name: 'UnitPeriod' });
registerEnumType(UpfrontFeeTreatmentEnum, { name: 'UpfrontFeeTreatment', description: 'DEDUCTED from the disbursement, FINANCED into principal, or PAID_UPFRONT.' });
registerEnumType(SegmentEnum, { name: 'Segment' });
registerEnumType(CollateralKindEnum, { name: 'CollateralKind' });
registerEnumType(AllocationBucketEnum, { name: 'AllocationBucket' });
registerEnumType(FeeKindEnum, { name: 'FeeKind', description: 'UPFRONT and PER_INSTALLMENT shape the schedule; LATE and PREPAYMENT are charged by servicing.' });
registerEnumType(ChargeTypeEnum, { name: 'ChargeType' });
