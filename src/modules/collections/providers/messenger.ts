import type { CollectionChannel } from '../../../core/collections';
import type { RequestContext } from '../../../platform/tenancy/request-context';

/** A collection message ready to go: the text rendered in the borrower's language from the stage's template. */
export interface CollectionMessage {
  caseId: string;
  loanId: string;
  borrowerId: string;
  contactId: string;
  channel: CollectionChannel;
  locale: string;
  text: string;
}

export type MessengerName = 'SANDBOX' | 'WEBHOOK';

/**
 * Where collection messages go. Both providers write in the unit of work only (no network call
 * inside a transaction): the sandbox keeps the message in the case's contact log as delivered (the
 * embedded default's "outbox" a developer reads through `collectionMessages`); the webhook provider
 * also emits a signed `collection.message_requested` event that the lender's own SMS or e-mail
 * gateway receives through its webhook endpoint (delivered, retried and signed like every event).
 */
export interface CollectionMessenger {
  readonly name: MessengerName;
  send(ctx: RequestContext, message: CollectionMessage): void;
}

export const sandboxMessenger: CollectionMessenger = {
  name: 'SANDBOX',
  send() {
    // The contact row written with the message is the sandbox's record of it.
  },
};

export const webhookMessenger: CollectionMessenger = {
  name: 'WEBHOOK',
  send(ctx, m) {
    ctx.writes.add(
      `INSERT INTO outbox_events (tenant_id, id, type, subject_type, subject_id, borrower_id, data)
       VALUES ($1, gen_random_uuid(), 'collection.message_requested', 'CollectionCase', $2, $3, $4)`,
      [ctx.tenant, m.caseId, m.borrowerId, JSON.stringify({ caseId: m.caseId, loanId: m.loanId, contactId: m.contactId, channel: m.channel, locale: m.locale, text: m.text })],
    );
  },
};

export const MESSENGERS: Record<MessengerName, CollectionMessenger> = { SANDBOX: sandboxMessenger, WEBHOOK: webhookMessenger };
