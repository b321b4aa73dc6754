import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType } from '../../../platform/graphql/connection';
import { DateScalar, DecimalScalar } from '../../../platform/graphql/scalars';
import { SegmentEnum } from '../../../platform/graphql/core-enums';
import type { Segment } from '../../../core/products/product-terms';

export enum BorrowerKindEnum { INDIVIDUAL = 'INDIVIDUAL', SOLE_PROPRIETOR = 'SOLE_PROPRIETOR', SMALL_FIRM = 'SMALL_FIRM' }
registerEnumType(BorrowerKindEnum, { name: 'BorrowerKind' });
export enum ConsentKindEnum { BUREAU_PULL = 'BUREAU_PULL', DATA_PROCESSING = 'DATA_PROCESSING', MARKETING = 'MARKETING' }
registerEnumType(ConsentKindEnum, { name: 'ConsentKind' });

@ObjectType('Address')
@InputType('AddressInput')
export class AddressType {
  @Field(() => String, { nullable: true }) line1?: string | null;
  @Field(() => String, { nullable: true }) city?: string | null;
  @Field(() => String, { nullable: true }) province?: string | null;
  @Field(() => String, { nullable: true }) postalCode?: string | null;
}

@ObjectType('BusinessProfile')
@InputType('BusinessProfileInput')
export class BusinessProfileType {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) registrationNumber?: string | null;
  @Field(() => Int, { nullable: true }) yearsInBusiness?: number | null;
  @Field(() => DecimalScalar, { nullable: true }) monthlyRevenue?: string | null;
  @Field(() => Int, { nullable: true }) employees?: number | null;
}

@InputType('BorrowerInput')
export class BorrowerInput {
  @Field(() => BorrowerKindEnum, { nullable: true }) kind?: BorrowerKindEnum;
  @Field(() => SegmentEnum) segment!: Segment;
  @Field() fullName!: string;
  @Field({ description: 'National ID or business registration number; stored encrypted.' }) nationalId!: string;
  @Field(() => DateScalar, { nullable: true }) dateOfBirth?: string;
  @Field(() => String, { nullable: true, description: 'Stored encrypted.' }) phone?: string;
  @Field(() => String, { nullable: true }) email?: string;
  @Field(() => String, { nullable: true }) region?: string;
  @Field(() => String, { nullable: true, description: 'IANA time zone (Asia/Shanghai): collection quiet hours are read on the borrower’s clock; the lender’s when unset.' }) timeZone?: string;
  @Field(() => String, { nullable: true, description: 'The language of messages to the borrower (zh-CN, en-KE); the lender’s when unset.' }) locale?: string;
  @Field(() => AddressType, { nullable: true }) address?: AddressType;
  @Field(() => String, { nullable: true }) industry?: string;
  @Field(() => DecimalScalar, { nullable: true }) monthlyIncome?: string;
  @Field(() => DecimalScalar, { nullable: true }) monthlyObligations?: string;
  @Field(() => BusinessProfileType, { nullable: true }) business?: BusinessProfileType;
  @Field(() => String, { nullable: true, description: 'Stored encrypted.' }) bankAccount?: string;
  @Field(() => String, { nullable: true, description: 'The front-end’s own id for this person.' }) externalRef?: string;
}

@ObjectType('Consent')
export class ConsentType {
  @Field(() => ConsentKindEnum) kind!: ConsentKindEnum;
  @Field() granted!: boolean;
  @Field({ description: 'The version of the consent text the borrower saw.' }) textVersion!: string;
  @Field() recordedAt!: Date;
}

@ObjectType('Borrower', { description: 'National ID, phone and bank account are masked unless the caller’s role needs them.' })
export class BorrowerType {
  @Field(() => ID) id!: string;
  @Field({ description: 'The borrower’s own code for referring friends (submitApplication(referralCode)).' }) referralCode!: string;
  @Field(() => BorrowerKindEnum) kind!: string;
  @Field(() => SegmentEnum, { nullable: true }) segment!: string | null;
  @Field(() => String, { nullable: true }) fullName!: string | null;
  @Field(() => String, { nullable: true }) nationalId!: string | null;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => String, { nullable: true }) bankAccount!: string | null;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => DateScalar, { nullable: true }) dateOfBirth!: string | null;
  @Field(() => String, { nullable: true }) region!: string | null;
  @Field(() => String, { nullable: true }) timeZone!: string | null;
  @Field(() => String, { nullable: true }) locale!: string | null;
  @Field(() => AddressType, { nullable: true }) address!: AddressType | null;
  @Field(() => String, { nullable: true }) industry!: string | null;
  @Field(() => DecimalScalar, { nullable: true }) monthlyIncome!: string | null;
  @Field(() => DecimalScalar, { nullable: true }) monthlyObligations!: string | null;
  @Field(() => BusinessProfileType, { nullable: true }) business!: BusinessProfileType | null;
  @Field(() => String, { nullable: true }) externalRef!: string | null;
  @Field({ description: 'True after erasure: personal data removed, history kept.' }) pseudonymised!: boolean;
  @Field() createdAt!: Date;
}
export const BorrowerConnection = ConnectionType(BorrowerType, 'Borrower');

@ObjectType('BorrowerExport')
export class BorrowerExportType {
  @Field(() => GraphQLJSON, { description: 'Everything held about the borrower, in clear (data-subject request).' }) data!: unknown;
}
