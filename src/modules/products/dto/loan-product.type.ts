import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type {
  AllocationBucket, ChargeType, CollateralKind, FeeKind, ProductTerms, Segment,
} from '../../../core/products/product-terms';
import type { Amortization, DayCount, Frequency, UpfrontFeeTreatment } from '../../../core/loan-math';
import { ConnectionType } from '../../../platform/graphql/connection';
import { DecimalScalar } from '../../../platform/graphql/scalars';
import { RoundingModeEnum } from '../../tenancy';
import {
  AllocationBucketEnum, AmortizationEnum, ChargeTypeEnum, CollateralKindEnum, DayCountEnum, FeeKindEnum, FrequencyEnum, SegmentEnum, UpfrontFeeTreatmentEnum,
} from '../../../platform/graphql/core-enums';

export enum OverpaymentPolicyEnum {
  REDUCE_TERM = 'REDUCE_TERM',
  REDUCE_INSTALLMENT = 'REDUCE_INSTALLMENT',
  CREDIT = 'CREDIT',
}
registerEnumType(OverpaymentPolicyEnum, { name: 'OverpaymentPolicy' });

export enum LoanProductStatusEnum {
  ACTIVE = 'ACTIVE',
  ARCHIVED = 'ARCHIVED',
}
registerEnumType(LoanProductStatusEnum, { name: 'LoanProductStatus', description: 'ARCHIVED products take no new applications.' });

// Each terms class is both the output type and the input type (one shape, two names).

@ObjectType('ProductRounding')
@InputType('ProductRoundingInput')
export class ProductRounding {
  @Field(() => Int) decimals!: number;
  @Field(() => RoundingModeEnum) mode!: RoundingModeEnum;
  @Field(() => DecimalScalar, { nullable: true, description: 'Regular instalments are rounded up to a multiple of this, e.g. "1" or "0.05".' })
  installmentMultipleOf?: string | null;
}

@ObjectType('ProductFee')
@InputType('ProductFeeInput')
export class ProductFeeType {
  @Field(() => FeeKindEnum) kind!: FeeKind;
  @Field() name!: string;
  @Field(() => ChargeTypeEnum) chargeType!: ChargeType;
  @Field(() => DecimalScalar, { nullable: true, description: 'FLAT fees: the amount.' }) amount?: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'PERCENT fees: a fraction of the base (principal, or the overdue / prepaid amount).' }) rate?: string | null;
  @Field(() => UpfrontFeeTreatmentEnum, { nullable: true }) treatment?: UpfrontFeeTreatment | null;
  @Field(() => Int, { nullable: true, description: 'LATE fees: days after the due date before the fee is charged.' }) graceDays?: number | null;
}

@ObjectType('RateBand')
@InputType('RateBandInput')
export class RateBandType {
  @Field({ description: 'A risk grade, e.g. A..E.' }) grade!: string;
  @Field(() => DecimalScalar, { description: 'Nominal annual rate, a fraction.' }) annualRate!: string;
  @Field(() => DecimalScalar, { nullable: true, description: 'Discount on fees, a fraction ("0.25" = 25% off).' }) feeDiscount!: string;
}

@ObjectType('SegmentOverride')
@InputType('SegmentOverrideInput')
export class SegmentOverrideType {
  @Field(() => SegmentEnum) segment!: Segment;
  @Field(() => String, { nullable: true, description: 'Null: every grade.' }) grade?: string | null;
  @Field(() => DecimalScalar, { nullable: true }) annualRate?: string | null;
  @Field(() => DecimalScalar, { nullable: true }) feeDiscount?: string | null;
}

@ObjectType('CollateralRule')
@InputType('CollateralRuleInput')
export class CollateralRuleType {
  @Field(() => CollateralKindEnum) kind!: CollateralKind;
  @Field(() => DecimalScalar, { nullable: true, description: 'Loan-to-value cap, a fraction of the valuation.' }) maxLtv?: string | null;
}

@ObjectType('CreditLineTerms', { description: 'Revolving mode: a limit drawn any time; interest accrues daily on what is drawn.' })
@InputType('CreditLineTermsInput')
export class CreditLineTermsType {
  @Field(() => DecimalScalar) limitMin!: string;
  @Field(() => DecimalScalar) limitMax!: string;
  @Field(() => Int) validityMonths!: number;
}

@ObjectType('AccountMapping', { description: 'An account of the tenant’s chart this product posts to instead of a default role.' })
@InputType('AccountMappingInput')
export class AccountMappingType {
  @Field({ description: 'A default account role, e.g. LOAN_PRINCIPAL.' }) role!: string;
  @Field({ description: 'The account of the tenant’s chart, e.g. LOAN_PRINCIPAL_AGRI.' }) account!: string;
}

@ObjectType('DelinquencyBucket', { description: 'A days-past-due bucket of a product’s loans.' })
@InputType('DelinquencyBucketInput')
export class DelinquencyBucketType {
  @Field() name!: string;
  @Field(() => Int) minDpd!: number;
  @Field(() => Int, { nullable: true, description: 'Null: open-ended (the last bucket).' }) maxDpd!: number | null;
}

@ObjectType('LoanProductTerms', { description: 'What one version of a product offers.' })
@InputType('LoanProductTermsInput')
export class LoanProductTermsType implements Omit<ProductTerms, 'rounding'> {
  @Field() name!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => SegmentEnum) segment!: Segment;
  @Field() currency!: string;
  @Field(() => DecimalScalar) amountMin!: string;
  @Field(() => DecimalScalar) amountMax!: string;
  @Field(() => Int, { description: 'Fewest instalments.' }) termMin!: number;
  @Field(() => Int, { description: 'Most instalments.' }) termMax!: number;
  @Field(() => [FrequencyEnum]) frequencies!: Frequency[];
  @Field(() => AmortizationEnum) amortization!: Amortization;
  @Field(() => DayCountEnum) dayCount!: DayCount;
  @Field(() => Int, { nullable: true, defaultValue: 0 }) graceOnPrincipalPeriods!: number;
  @Field(() => Int, { nullable: true, defaultValue: 0 }) graceOnInterestPeriods!: number;
  @Field(() => ProductRounding) rounding!: ProductRounding;
  @Field(() => [ProductFeeType], { nullable: true, defaultValue: [] }) fees!: ProductFeeType[];
  @Field(() => DecimalScalar, { nullable: true, defaultValue: '0', description: 'Annual rate on overdue principal.' }) penaltyAnnualRate!: string;
  @Field(() => [AllocationBucketEnum], { nullable: true, description: 'Order a repayment pays in; default PENALTY, FEES, INTEREST, PRINCIPAL.' })
  allocationOrder!: AllocationBucket[];
  @Field(() => OverpaymentPolicyEnum, { nullable: true, description: 'Money beyond what is due: REDUCE_TERM (default), REDUCE_INSTALLMENT, or held as CREDIT.' })
  overpaymentPolicy?: 'REDUCE_TERM' | 'REDUCE_INSTALLMENT' | 'CREDIT';
  @Field(() => [CollateralRuleType], { nullable: true, description: 'Accepted collateral; default NONE.' }) collateral!: CollateralRuleType[];
  @Field(() => CreditLineTermsType, { nullable: true }) creditLine?: CreditLineTermsType | null;
  @Field(() => [DelinquencyBucketType], { nullable: true, description: 'Days-past-due buckets of its loans, contiguous from 0, the last open-ended; null: CURRENT, 1-30, 31-60, 61-90, 90+.' })
  delinquencyBuckets?: DelinquencyBucketType[] | null;
  @Field(() => [AccountMappingType], { nullable: true, defaultValue: [] }) accountMapping?: AccountMappingType[];
  @Field(() => [RateBandType]) rateBands!: RateBandType[];
  @Field(() => [SegmentOverrideType], { nullable: true, defaultValue: [] }) segmentOverrides!: SegmentOverrideType[];
}

@ObjectType('LoanProductVersion')
export class LoanProductVersionType {
  @Field(() => Int) version!: number;
  @Field(() => LoanProductTermsType) terms!: LoanProductTermsType;
  @Field(() => DecimalScalar, { nullable: true, description: 'Highest all-in APR the version can produce, as checked against the cap when saved.' })
  maxApr!: string | null;
  @Field() createdAt!: Date;
}

@ObjectType('LoanProduct')
export class LoanProductType {
  @Field(() => ID) id!: string;
  @Field() code!: string;
  @Field() name!: string;
  @Field(() => SegmentEnum) segment!: Segment;
  @Field() currency!: string;
  @Field({ description: 'A credit line (draw and repay any time).' }) revolving!: boolean;
  @Field(() => LoanProductStatusEnum) status!: LoanProductStatusEnum;
  @Field(() => Int) currentVersion!: number;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
  @Field(() => Date, { nullable: true }) archivedAt!: Date | null;
}

export const LoanProductConnection = ConnectionType(LoanProductType, 'LoanProduct');
