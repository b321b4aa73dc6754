import { allow } from 'graphql-shield';
import { TENANT_STAFF } from '../../platform/graphql/role-groups';
import { hasRole } from '../../platform/graphql/shield-rules';

/** Staff, front-end keys and borrowers may watch; borrowers and agents see only their own events (row scope in the service). */
const WATCH = hasRole(...TENANT_STAFF, 'APP', 'BORROWER');
const MANAGE = hasRole('LENDER_ADMIN');

export const eventPermissions = {
  Query: {
    events: WATCH,
    webhookEndpoints: MANAGE,
    webhookEndpoint: MANAGE,
    webhookDeliveries: MANAGE,
  },
  Mutation: {
    createWebhookEndpoint: MANAGE,
    updateWebhookEndpoint: MANAGE,
    rotateWebhookSecret: MANAGE,
    enableWebhookEndpoint: MANAGE,
    disableWebhookEndpoint: MANAGE,
    deleteWebhookEndpoint: MANAGE,
    replayWebhookDelivery: MANAGE,
    replayWebhookEvents: MANAGE,
  },
  Subscription: {
    events: WATCH,
  },
  DomainEvent: allow,
  WebhookEndpoint: allow,
  WebhookEndpointWithSecret: allow,
  WebhookDelivery: allow,
};
