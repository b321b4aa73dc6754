import { GraphQLJSON } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType } from '../../../platform/graphql/connection';

@ObjectType('DomainEvent', { description: 'Something that happened to a tenant’s data, as webhooks and subscriptions carry it.' })
export class DomainEventType {
  @Field(() => ID, { description: 'Unique per event: receivers deduplicate on it.' }) id!: string;
  @Field({ description: 'Position in the tenant’s event log (a resume point; increasing, with gaps).' }) sequence!: string;
  @Field({ description: '`<subject>.<what happened>`, e.g. loan.repayment_posted, application.approved, cob.finished.' }) type!: string;
  @Field() subjectType!: string;
  @Field({ description: 'Events of one subject are delivered in the order they happened.' }) subjectId!: string;
  @Field() occurredAt!: Date;
  @Field(() => GraphQLJSON) data!: Record<string, unknown>;
}

export const DomainEventConnection = ConnectionType(DomainEventType, 'DomainEvent');

@InputType()
export class EventFilterInput {
  @Field(() => [String], { nullable: true, description: 'Types or patterns: loan.repayment_posted, loan.*, *.' }) types?: string[];
  @Field(() => String, { nullable: true }) subjectId?: string;
}

@ArgsType()
export class EventSubscriptionArgs {
  @Field(() => [String], { nullable: true, description: 'Types or patterns: loan.repayment_posted, loan.*, *. All when empty.' }) types?: string[];
  @Field(() => String, { nullable: true, description: 'Only events of this loan, application or other subject.' }) subjectId?: string;
}

export enum WebhookEndpointStatus { ACTIVE = 'ACTIVE', DISABLED = 'DISABLED' }
registerEnumType(WebhookEndpointStatus, { name: 'WebhookEndpointStatus' });

export enum WebhookDeliveryStatus { PENDING = 'PENDING', DELIVERED = 'DELIVERED', FAILED = 'FAILED' }
registerEnumType(WebhookDeliveryStatus, { name: 'WebhookDeliveryStatus', description: 'FAILED: attempts exhausted (replayable).' });

@ObjectType('WebhookEndpoint')
export class WebhookEndpointType {
  @Field(() => ID) id!: string;
  @Field() url!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => [String], { description: 'Event types or patterns it receives; empty: all.' }) eventTypes!: string[];
  @Field(() => WebhookEndpointStatus) status!: string;
  @Field(() => String, { nullable: true, description: 'Why it was disabled (by the tenant, or after repeated failures).' }) disabledReason!: string | null;
  @Field(() => Date, { nullable: true }) disabledAt!: Date | null;
  @Field({ description: 'Failed attempts since the last success; the endpoint is disabled at the platform’s limit.' }) consecutiveFailures!: number;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
}

@ObjectType('WebhookEndpointWithSecret', { description: 'The signing secret is shown here once; store it, it cannot be read again.' })
export class WebhookEndpointWithSecretType {
  @Field(() => WebhookEndpointType) endpoint!: WebhookEndpointType;
  @Field() signingSecret!: string;
}

@InputType()
export class WebhookEndpointInput {
  @Field({ description: 'Where to POST (https in production).' }) url!: string;
  @Field(() => String, { nullable: true }) description?: string;
  @Field(() => [String], { nullable: true, description: 'Types or patterns (loan.*, application.approved); all when empty.' }) eventTypes?: string[];
}

@ObjectType('WebhookDelivery')
export class WebhookDeliveryType {
  @Field(() => ID) id!: string;
  @Field(() => ID) endpointId!: string;
  @Field(() => ID) eventId!: string;
  @Field() eventType!: string;
  @Field() subjectId!: string;
  @Field(() => WebhookDeliveryStatus) status!: string;
  @Field() attempts!: number;
  @Field(() => Date, { nullable: true, description: 'When a pending delivery is tried next.' }) nextAttemptAt!: Date | null;
  @Field(() => Date, { nullable: true }) lastAttemptAt!: Date | null;
  @Field(() => Number, { nullable: true, description: 'HTTP status of the last answer (none: no answer).' }) lastStatusCode!: number | null;
  @Field(() => String, { nullable: true, description: 'First 1,000 characters of the last answer’s body.' }) lastResponse!: string | null;
  @Field(() => String, { nullable: true }) lastError!: string | null;
  @Field(() => Date, { nullable: true }) deliveredAt!: Date | null;
  @Field() createdAt!: Date;
  @Field(() => ID, { nullable: true, description: 'The delivery this one replays.' }) replayOf!: string | null;
}

export const WebhookDeliveryConnection = ConnectionType(WebhookDeliveryType, 'WebhookDelivery');

@InputType()
export class WebhookDeliveryFilter {
  @Field(() => ID, { nullable: true }) endpointId?: string;
  @Field(() => WebhookDeliveryStatus, { nullable: true }) status?: 'PENDING' | 'DELIVERED' | 'FAILED';
  @Field(() => ID, { nullable: true }) eventId?: string;
  @Field(() => String, { nullable: true }) eventType?: string;
}
