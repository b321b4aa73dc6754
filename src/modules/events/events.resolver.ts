import { Arg, Args, Ctx, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { PageArgs } from '../../platform/graphql/connection';
import type { GraphQLContext } from '../../platform/graphql/context';
import { forbidden } from '../../core/domain-error';
import {
  DomainEventConnection, DomainEventType, EventFilterInput, EventSubscriptionArgs, WebhookDeliveryConnection, WebhookDeliveryFilter, WebhookDeliveryType,
  WebhookEndpointInput, WebhookEndpointType, WebhookEndpointWithSecretType,
} from './dto/event.types';
import type { DomainEventRow, EventLogService } from './event-log.service';
import type { EventStream } from './event-stream';
import type { WebhookDeliveryService } from './webhook-delivery.service';
import type { WebhookEndpointService } from './webhook-endpoint.service';

/** The context of a graphql-ws operation: the request context and the process's event stream. */
export type SubscriptionContext = GraphQLContext & { eventStream?: EventStream };

@Resolver()
export class EventsResolver {
  constructor(
    private readonly log: EventLogService,
    private readonly endpoints: WebhookEndpointService,
    private readonly deliveries: WebhookDeliveryService,
  ) {}

  @Query(() => DomainEventConnection, { description: 'The tenant’s event log, oldest first (pass the last cursor as `after` to resume). Borrowers and agents see their own.' })
  events(@Ctx() { ctx }: GraphQLContext, @Args() page: PageArgs, @Arg('filter', () => EventFilterInput, { nullable: true }) filter?: EventFilterInput) {
    return this.log.list(ctx, filter ?? {}, page);
  }

  @Subscription(() => DomainEventType, {
    name: 'events',
    description: 'Live events of the caller’s tenant over graphql-ws (authenticate with connectionParams.authorization). Borrowers and agents see their own.',
    subscribe: async ({ args, context }) => {
      const { ctx, eventStream } = context as SubscriptionContext;
      if (!ctx.tenantId || !eventStream) throw forbidden('Subscriptions are per tenant, over graphql-ws');
      return eventStream.subscribe(
        { tenantId: ctx.tenantId, borrowerId: ctx.borrowerId, referringAgent: ctx.referringAgent, frontEnd: ctx.frontEnd },
        { types: (args as EventSubscriptionArgs).types, subjectId: (args as EventSubscriptionArgs).subjectId },
      );
    },
  })
  eventsSubscription(@Root() event: DomainEventRow, @Args() _args: EventSubscriptionArgs): DomainEventRow {
    return event;
  }

  @Query(() => [WebhookEndpointType])
  webhookEndpoints(@Ctx() { ctx }: GraphQLContext) {
    return this.endpoints.list(ctx);
  }

  @Query(() => WebhookEndpointType)
  webhookEndpoint(@Ctx() { ctx }: GraphQLContext, @Arg('id', () => ID) id: string) {
    return this.endpoints.byIdOrThrow(ctx, id);
  }

  @Query(() => WebhookDeliveryConnection, { description: 'Deliveries, newest first: status, attempts, the last answer.' })
  webhookDeliveries(@Ctx() { ctx }: GraphQLContext, @Args() page: PageArgs, @Arg('filter', () => WebhookDeliveryFilter, { nullable: true }) filter?: WebhookDeliveryFilter) {
    return this.deliveries.list(ctx, filter ?? {}, page);
  }

  @Mutation(() => WebhookEndpointWithSecretType, { description: 'Registers an endpoint; the signing secret is in the answer, once.' })
  createWebhookEndpoint(@Ctx() { ctx }: GraphQLContext, @Arg('input', () => WebhookEndpointInput) input: WebhookEndpointInput) {
    return this.endpoints.create(ctx, input);
  }

  @Mutation(() => WebhookEndpointType)
  updateWebhookEndpoint(@Ctx() { ctx }: GraphQLContext, @Arg('id', () => ID) id: string, @Arg('input', () => WebhookEndpointInput) input: WebhookEndpointInput) {
    return this.endpoints.update(ctx, id, input);
  }

  @Mutation(() => WebhookEndpointWithSecretType, { description: 'A new signing secret, in the answer once; the old one stops at once.' })
  rotateWebhookSecret(@Ctx() { ctx }: GraphQLContext, @Arg('id', () => ID) id: string) {
    return this.endpoints.rotateSecret(ctx, id);
  }

  @Mutation(() => WebhookEndpointType, { description: 'Turns an endpoint back on; what queued while it was off is sent, in order.' })
  enableWebhookEndpoint(@Ctx() { ctx }: GraphQLContext, @Arg('id', () => ID) id: string) {
    return this.endpoints.enable(ctx, id);
  }

  @Mutation(() => WebhookEndpointType, { description: 'Stops sending; events keep queueing for the endpoint.' })
  disableWebhookEndpoint(@Ctx() { ctx }: GraphQLContext, @Arg('id', () => ID) id: string, @Arg('reason', { defaultValue: 'disabled by the tenant' }) reason: string) {
    return this.endpoints.disable(ctx, id, reason);
  }

  @Mutation(() => Boolean, { description: 'Deletes the endpoint and its delivery history.' })
  deleteWebhookEndpoint(@Ctx() { ctx }: GraphQLContext, @Arg('id', () => ID) id: string) {
    return this.endpoints.remove(ctx, id);
  }

  @Mutation(() => WebhookDeliveryType, { description: 'Sends a delivered or failed event again (same event id).' })
  replayWebhookDelivery(@Ctx() { ctx }: GraphQLContext, @Arg('id', () => ID) id: string) {
    return this.deliveries.replay(ctx, id);
  }

  @Mutation(() => Number, { description: 'Sends again every event of a period that the endpoint receives; answers how many.' })
  replayWebhookEvents(@Ctx() { ctx }: GraphQLContext, @Arg('endpointId', () => ID) endpointId: string, @Arg('from') from: Date, @Arg('to', () => Date, { nullable: true }) to?: Date) {
    return this.deliveries.replayRange(ctx, endpointId, from, to ?? null);
  }
}
