import { uuidv7 } from '../../platform/db/ids';
import type { RequestContext } from '../../platform/tenancy/request-context';

/**
 * Appends an event to the loan's history, in the caller's transaction; the table's trigger puts it
 * in the outbox as `loan.<kind in lower case>` (the nightly run inserts its events set-based).
 */
export async function recordLoanEvent(ctx: RequestContext, loanId: string, kind: string, businessDate: string, data: Record<string, unknown>): Promise<void> {
  await (await ctx.db()).query('INSERT INTO loan_events (tenant_id, id, loan_id, kind, business_date, data) VALUES ($1, $2, $3, $4, $5, $6)', [
    ctx.tenant, uuidv7(), loanId, kind, businessDate, JSON.stringify(data),
  ]);
}
