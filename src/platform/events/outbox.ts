import { uuidv7 } from '../db/ids';
import type { RequestContext } from '../tenancy/request-context';

/**
 * A domain change as the outside world sees it. `type` is `<subject>.<what happened>` in snake case
 * (e.g. `loan.repayment_posted`, `commission.paid`); `subjectId` orders deliveries (events of one
 * subject reach an endpoint in the order they happened). Borrower and agent ids scope who may watch.
 */
export interface DomainEventInput {
  type: string;
  subjectType: string;
  subjectId: string;
  borrowerId?: string | null;
  agentId?: string | null;
  data: Record<string, unknown>;
}

/**
 * Writes the event to the outbox in the caller's transaction: it exists exactly when the change
 * does. Loan and application events reach the outbox by trigger; everything else comes through here.
 */
export async function emitEvent(ctx: RequestContext, e: DomainEventInput): Promise<string> {
  const id = uuidv7();
  await (await ctx.db()).query(
    `INSERT INTO outbox_events (tenant_id, id, type, subject_type, subject_id, borrower_id, agent_id, data)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [ctx.tenant, id, e.type, e.subjectType, e.subjectId, e.borrowerId ?? null, e.agentId ?? null, JSON.stringify(e.data)],
  );
  return id;
}
