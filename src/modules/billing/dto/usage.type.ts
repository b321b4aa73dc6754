import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType } from '../../../platform/graphql/connection';
import { DateTimeScalar, DecimalScalar } from '../../../platform/graphql/scalars';

export enum UsageStatusEnum { OPEN = 'OPEN', PENDING = 'PENDING', SENT = 'SENT', FAILED = 'FAILED' }
registerEnumType(UsageStatusEnum, { name: 'UsageStatus', description: 'OPEN: the month has not ended; PENDING: final, not yet billed; SENT: billed; FAILED: the last attempt to bill failed (it is retried).' });

@ObjectType('UsageRecord', { description: 'What the platform bills a tenant for in a month.' })
export class UsageRecordType {
  @Field({ description: 'The month, YYYY-MM.' }) period!: string;
  @Field(() => Int, { description: 'Loans active on at least one day of the month.' }) activeLoans!: number;
  @Field(() => Int, { description: 'Loans disbursed in the month (any currency).' }) loansDisbursed!: number;
  @Field(() => DecimalScalar, { description: 'Principal disbursed in the month, in the base currency.' }) disbursedVolume!: string;
  @Field() currency!: string;
  @Field(() => GraphQLJSON, { description: 'Principal disbursed in other currencies, by currency (not billed).' }) otherCurrencies!: Record<string, string>;
  @Field(() => UsageStatusEnum) status!: string;
  @Field(() => DateTimeScalar) computedAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true }) sentAt!: Date | null;
}

export const UsageRecordConnection = ConnectionType(UsageRecordType, 'UsageRecord');

@ObjectType('UsageBillingRun', { description: 'One tenant’s outcome of an operator’s billing run.' })
export class UsageBillingRunType {
  @Field(() => ID) tenantId!: string;
  @Field() slug!: string;
  @Field() period!: string;
  @Field({ description: 'SENT, ALREADY_SENT, OPEN (month not ended), PENDING, NO_CUSTOMER, NOT_CONFIGURED (no platform key) or FAILED.' }) status!: string;
  @Field(() => Int, { description: 'Meter events sent by this run.' }) sent!: number;
  @Field(() => Int, { nullable: true }) activeLoans!: number | null;
  @Field(() => DecimalScalar, { nullable: true }) disbursedVolume!: string | null;
  @Field(() => String, { nullable: true }) currency!: string | null;
  @Field() message!: string;
}

@ObjectType('TenantBillingCustomer')
export class TenantBillingCustomerType {
  @Field(() => ID) tenantId!: string;
  @Field() slug!: string;
  @Field() stripeCustomerId!: string;
}
