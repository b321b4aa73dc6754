import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, DecimalScalar } from '../../../platform/graphql/scalars';
import { AprConventionEnum } from '../../../platform/graphql/core-enums';
import type { AprConvention } from '../../../core/loan-math';

export enum RateCapKindEnum {
  FIXED = 'FIXED',
  MULTIPLE_OF_REFERENCE = 'MULTIPLE_OF_REFERENCE',
}
registerEnumType(RateCapKindEnum, { name: 'RateCapKind' });

@ObjectType('ReferenceRate', { description: 'A published reference rate (e.g. CN_LPR_1Y) in force from a date until the next value.' })
export class ReferenceRateType {
  @Field() name!: string;
  @Field(() => DateScalar) effectiveFrom!: string;
  @Field(() => DecimalScalar, { description: 'A fraction: "0.0300" is 3%.' }) rate!: string;
}

@ObjectType('RateCapRule', { description: 'A tenant’s interest-rate cap for a jurisdiction, in force from a date until the next rule.' })
export class RateCapRuleType {
  @Field(() => ID) id!: string;
  @Field() jurisdiction!: string;
  @Field(() => DateScalar) effectiveFrom!: string;
  @Field(() => RateCapKindEnum) kind!: RateCapKindEnum;
  @Field(() => DecimalScalar, { nullable: true, description: 'FIXED: the cap as a fraction.' }) rate!: string | null;
  @Field(() => String, { nullable: true, description: 'MULTIPLE_OF_REFERENCE: the reference rate’s name.' }) referenceName!: string | null;
  @Field(() => DecimalScalar, { nullable: true }) multiple!: string | null;
  @Field(() => AprConventionEnum, { description: 'How the all-in APR is measured against this cap.' }) aprConvention!: AprConvention;
}

@InputType('RateCapRuleInput')
export class RateCapRuleInput {
  @Field() jurisdiction!: string;
  @Field(() => DateScalar) effectiveFrom!: string;
  @Field(() => RateCapKindEnum) kind!: RateCapKindEnum;
  @Field(() => DecimalScalar, { nullable: true }) rate?: string;
  @Field(() => String, { nullable: true }) referenceName?: string;
  @Field(() => DecimalScalar, { nullable: true }) multiple?: string;
  @Field(() => AprConventionEnum, { nullable: true, description: 'Defaults to US_REG_Z_ACTUARIAL.' }) aprConvention?: AprConvention;
}

@ObjectType('RateCap', { description: 'The cap in force on a date for the tenant’s jurisdiction.' })
export class RateCapType {
  @Field(() => DecimalScalar) cap!: string;
  @Field() jurisdiction!: string;
  @Field({ description: 'How the cap is derived, e.g. "4 x CN_LPR_1Y (3.0000% from 2025-05-20) = 12.0000%".' }) description!: string;
  @Field(() => AprConventionEnum) aprConvention!: AprConvention;
  @Field(() => ReferenceRateType, { nullable: true }) reference!: ReferenceRateType | null;
}
