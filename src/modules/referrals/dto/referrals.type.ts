import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ATTRIBUTION_MODELS, RETURNING_CUSTOMER_RULES } from '../../../core/agents';
import { ConnectionType } from '../../../platform/graphql/connection';
import { enumOf } from '../../../platform/graphql/core-enums';
import { DecimalScalar } from '../../../platform/graphql/scalars';

export const ReferralStatusEnum = { OPEN: 'OPEN', CONVERTED: 'CONVERTED', REJECTED_DUPLICATE: 'REJECTED_DUPLICATE', REJECTED_RETURNING: 'REJECTED_RETURNING', SUPERSEDED: 'SUPERSEDED' } as const;
registerEnumType(ReferralStatusEnum, { name: 'ReferralStatus', description: 'OPEN until an application converts it; REJECTED_DUPLICATE: another agent referred the person within the window (first touch); REJECTED_RETURNING: an existing customer the lender credits nobody for; SUPERSEDED: a later referral took the person (last touch).' });
export const AttributionModelEnum = enumOf(ATTRIBUTION_MODELS);
registerEnumType(AttributionModelEnum, { name: 'AttributionModel' });
export const ReturningCustomerRuleEnum = enumOf(RETURNING_CUSTOMER_RULES);
registerEnumType(ReturningCustomerRuleEnum, { name: 'ReturningCustomerRule', description: 'Whether referring someone who already borrowed from the lender earns credit.' });

@InputType('ReferredPersonInput')
export class ReferredPersonInput {
  @Field() fullName!: string;
  @Field({ description: 'Kept only as a blind index and its last four characters: it finds the person again.' }) nationalId!: string;
  @Field(() => String, { nullable: true, description: 'Stored encrypted.' }) phone?: string | null;
}

@InputType('SubmitReferralInput')
export class SubmitReferralInput {
  @Field(() => ReferredPersonInput) borrower!: ReferredPersonInput;
  @Field(() => String, { nullable: true }) productCode?: string | null;
  @Field(() => DecimalScalar, { nullable: true }) amount?: string | null;
  @Field(() => String, { nullable: true }) note?: string | null;
  @Field({ description: 'The person agreed to be contacted about the loan (required).' }) consent!: boolean;
}

@ObjectType('Referral', { description: 'An agent’s lead of a person, before any application.' })
export class ReferralType {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true }) agentId!: string | null;
  @Field(() => ID, { nullable: true }) referrerBorrowerId!: string | null;
  @Field() fullName!: string;
  @Field() nationalIdLast4!: string;
  @Field(() => String, { nullable: true }) productCode!: string | null;
  @Field(() => DecimalScalar, { nullable: true }) amount!: string | null;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => ReferralStatusEnum) status!: string;
  @Field(() => ID, { nullable: true, description: 'The application it became.' }) applicationId!: string | null;
  @Field() consentAt!: Date;
  @Field() createdAt!: Date;
  @Field({ description: 'When the attribution window closes on it.' }) expiresAt!: Date;
}
export const ReferralConnection = ConnectionType(ReferralType, 'Referral');

@ObjectType('AttributionRules')
@InputType('AttributionRulesInput')
export class AttributionRulesType {
  @Field(() => AttributionModelEnum) model!: 'FIRST_TOUCH' | 'LAST_TOUCH';
  @Field(() => Int, { description: 'Days a referral holds the person.' }) windowDays!: number;
  @Field(() => ReturningCustomerRuleEnum) returningCustomer!: 'CREDIT' | 'NO_CREDIT';
}
