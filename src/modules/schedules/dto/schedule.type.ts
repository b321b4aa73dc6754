import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { Amortization, AprConvention, DayCount, Frequency, UnitPeriod } from '../../../core/loan-math';
import type { Segment } from '../../../core/products/product-terms';
import { DateScalar, DecimalScalar } from '../../../platform/graphql/scalars';
import { ProductFeeType, ProductRounding } from '../../products';
import { AmortizationEnum, AprConventionEnum, DayCountEnum, FrequencyEnum, SegmentEnum, UnitPeriodEnum } from '../../../platform/graphql/core-enums';

@InputType('SchedulePreviewInput', {
  description: 'Either a product (productId + riskGrade, terms from the product) or explicit terms (annualInterestRate, amortization, dayCount, frequency, …).',
})
export class SchedulePreviewInput {
  @Field(() => ID, { nullable: true }) productId?: string;
  @Field(() => String, { nullable: true, description: 'With productId: the grade whose rate band prices the loan.' }) riskGrade?: string;
  @Field(() => SegmentEnum, { nullable: true, description: 'With productId: the borrower’s segment, for segment overrides.' }) segment?: Segment;
  @Field(() => DecimalScalar) principal!: string;
  @Field(() => Int) termCount!: number;
  @Field(() => FrequencyEnum, { nullable: true }) frequency?: Frequency;
  @Field(() => DecimalScalar, { nullable: true, description: 'Nominal annual rate as a fraction: "0.12" is 12%.' }) annualInterestRate?: string;
  @Field(() => AmortizationEnum, { nullable: true }) amortization?: Amortization;
  @Field(() => DayCountEnum, { nullable: true }) dayCount?: DayCount;
  @Field(() => DateScalar) disbursementDate!: string;
  @Field(() => DateScalar, { nullable: true, description: 'Defaults to one period after disbursement; anchors the due dates.' }) firstDueDate?: string;
  @Field(() => ProductRounding, { nullable: true, description: 'Defaults to the tenant’s rounding.' }) rounding?: ProductRounding;
  @Field(() => Int, { nullable: true }) graceOnPrincipalPeriods?: number;
  @Field(() => Int, { nullable: true }) graceOnInterestPeriods?: number;
  @Field(() => [ProductFeeType], { nullable: true }) fees?: ProductFeeType[];
  @Field(() => String, { nullable: true, description: 'Explicit terms: ISO 4217; defaults to the tenant’s base currency.' }) currency?: string;
}

@ObjectType('ScheduleInstallment')
export class ScheduleInstallmentType {
  @Field(() => Int) number!: number;
  @Field(() => DateScalar) dueDate!: string;
  @Field(() => DecimalScalar) principal!: string;
  @Field(() => DecimalScalar) interest!: string;
  @Field(() => DecimalScalar) fees!: string;
  @Field(() => DecimalScalar) total!: string;
  @Field(() => DecimalScalar, { description: 'Principal outstanding after this instalment.' }) balance!: string;
}

@ObjectType('UpfrontFees')
export class UpfrontFeesType {
  @Field(() => DecimalScalar) deducted!: string;
  @Field(() => DecimalScalar) financed!: string;
  @Field(() => DecimalScalar) paidUpfront!: string;
}

@ObjectType('CapCheck', { description: 'The all-in APR measured the way the cap rule measures it, against the cap in force on the disbursement date.' })
export class CapCheckType {
  @Field(() => DecimalScalar) apr!: string;
  @Field(() => AprConventionEnum) aprConvention!: AprConvention;
  @Field(() => DecimalScalar) cap!: string;
  @Field() description!: string;
  @Field() withinCap!: boolean;
}

@ObjectType('SchedulePreview')
export class SchedulePreviewType {
  // Items may be promises: a long schedule is rendered a slice per turn of the event loop (see inSlices).
  @Field(() => [ScheduleInstallmentType]) installments!: (ScheduleInstallmentType | Promise<ScheduleInstallmentType>)[];
  @Field(() => DecimalScalar, { description: 'Principal repaid by the instalments (financed fees included).' }) totalPrincipal!: string;
  @Field(() => DecimalScalar) totalInterest!: string;
  @Field(() => DecimalScalar, { description: 'Fees collected with the instalments.' }) totalFees!: string;
  @Field(() => DecimalScalar) totalPayable!: string;
  @Field(() => UpfrontFeesType) upfrontFees!: UpfrontFeesType;
  @Field(() => DecimalScalar, { description: 'What the borrower receives.' }) netDisbursement!: string;
  @Field(() => DecimalScalar, { description: 'All-in APR, Regulation Z actuarial with the schedule frequency as unit period.' }) apr!: string;
  @Field(() => DecimalScalar) annualInterestRate!: string;
  @Field() currency!: string;
  @Field(() => String, { nullable: true }) riskGrade!: string | null;
  @Field(() => Int, { nullable: true, description: 'The product version the terms came from.' }) productVersion!: number | null;
  @Field(() => CapCheckType, { nullable: true, description: 'Null where no cap applies.' }) capCheck!: CapCheckType | null;
}

@InputType('CashFlowInput')
export class CashFlowInput {
  @Field(() => DateScalar) date!: string;
  @Field(() => DecimalScalar, { description: 'A positive amount.' }) amount!: string;
}

@InputType('AprInput')
export class AprInputType {
  @Field(() => [CashFlowInput], { description: 'Money to the borrower.' }) advances!: CashFlowInput[];
  @Field(() => [CashFlowInput], { description: 'Money from the borrower, fees included.' }) payments!: CashFlowInput[];
  @Field(() => AprConventionEnum, { nullable: true, defaultValue: 'US_REG_Z_ACTUARIAL' }) convention!: AprConvention;
  @Field(() => UnitPeriodEnum, { nullable: true, defaultValue: 'MONTHLY' }) unitPeriod!: UnitPeriod;
}

@ObjectType('AprResult')
export class AprResultType {
  @Field(() => DecimalScalar, { description: 'A fraction with 10 decimals: "0.0969..." is 9.69%.' }) apr!: string;
  @Field(() => AprConventionEnum) convention!: AprConvention;
  @Field(() => UnitPeriodEnum) unitPeriod!: UnitPeriod;
}
