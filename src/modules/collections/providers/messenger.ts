import type { CollectionChannel } from '../../../core/collections';
import type { RequestContext } from '../../../platform/tenancy/request-context';

/** A collection message ready to go: the text rendered in the borrower's language from the stage's template. */
export interface CollectionMessage {
  purpose: 'COLLECTION';
  caseId: string;
  loanId: string;
  borrowerId: string;
  contactId: string;
  channel: CollectionChannel;
  locale: string;
  text: string;
}

/** A campaign's offer to one borrower, rendered in the borrower's language. */
export interface CampaignMessage {
  purpose: 'CAMPAIGN';
  campaignId: string;
  borrowerId: string;
  channel: CollectionChannel;
  locale: string;
  text: string;
  offer: Record<string, unknown>;
}

/** What the lender sends a borrower: a collection message or a campaign's offer (the same provider, the same conduct rules). */
export type OutboundMessage = CollectionMessage | CampaignMessage;

export type MessengerName = 'SANDBOX' | 'WEBHOOK';

/**
 * Where the lender's messages go. Both providers write in the unit of work only (no network call
 * inside a transaction): the sandbox keeps the message where its sender records it (a case's contact
 * log, a campaign member) as delivered, the embedded default's "outbox" a developer reads through
 * `collectionMessages` and `campaignResults`; the webhook provider also emits a signed event that the
 * lender's own SMS or e-mail gateway receives through its webhook endpoint (delivered, retried and
 * signed like every event): `collection.message_requested` or `campaign.offer_requested`.
 */
export interface Messenger {
  readonly name: MessengerName;
  send(ctx: RequestContext, message: OutboundMessage): void;
}

export const sandboxMessenger: Messenger = {
  name: 'SANDBOX',
  send() {
    // The row the sender writes with the message is the sandbox's record of it.
  },
};

export const webhookMessenger: Messenger = {
  name: 'WEBHOOK',
  send(ctx, m) {
    const [type, subjectType, subjectId, data] = m.purpose === 'COLLECTION'
      ? ['collection.message_requested', 'CollectionCase', m.caseId, { caseId: m.caseId, loanId: m.loanId, contactId: m.contactId, channel: m.channel, locale: m.locale, text: m.text }]
      : ['campaign.offer_requested', 'Campaign', m.campaignId, { campaignId: m.campaignId, borrowerId: m.borrowerId, channel: m.channel, locale: m.locale, text: m.text, offer: m.offer }];
    ctx.writes.add(
      `INSERT INTO outbox_events (tenant_id, id, type, subject_type, subject_id, borrower_id, data) VALUES ($1, gen_random_uuid(), $2, $3, $4, $5, $6)`,
      [ctx.tenant, type, subjectType, subjectId, m.borrowerId, JSON.stringify(data)],
    );
  },
};

export const MESSENGERS: Record<MessengerName, Messenger> = { SANDBOX: sandboxMessenger, WEBHOOK: webhookMessenger };
