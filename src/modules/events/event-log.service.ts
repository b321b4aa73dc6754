import { type Connection, type PageArgs, decodeCursor, pageSize, toConnection } from '../../platform/graphql/connection';
import { isEventTypePattern } from '../../core/webhooks';
import { SqlWhere } from '../../platform/db/sql-where';
import { badInput } from '../../platform/graphql/errors';
import type { RequestContext } from '../../platform/tenancy/request-context';

export interface DomainEventRow {
  id: string;
  sequence: string;
  type: string;
  subjectType: string;
  subjectId: string;
  occurredAt: Date;
  data: Record<string, unknown>;
  borrowerId: string | null;
  agentId: string | null;
}

export interface EventFilter {
  types?: string[] | null;
  subjectId?: string | null;
}

export const EVENT_COLUMNS = `id, seq::text AS sequence, type, subject_type AS "subjectType", subject_id AS "subjectId", occurred_at AS "occurredAt", data,
  borrower_id AS "borrowerId", agent_id AS "agentId"`;

/**
 * Who may see an event besides the tenant's staff: a borrower sees the events of its own loans and
 * applications, an agent those of the applications and loans it brought in (the same row scope as
 * the loan and application queries).
 */
export function visibleTo(ctx: { borrowerId: string | null; referringAgent: string | null }, e: Pick<DomainEventRow, 'borrowerId' | 'agentId'>): boolean {
  if (ctx.borrowerId) return e.borrowerId === ctx.borrowerId;
  if (ctx.referringAgent) return e.agentId === ctx.referringAgent;
  return true;
}

/** The tenant's event log (the outbox as a feed): oldest first, so `after` is a resume point. */
export class EventLogService {
  constructor(private readonly limits: { defaultPageSize: number; maxPageSize: number }) {}

  async list(ctx: RequestContext, filter: EventFilter, page: PageArgs): Promise<Connection<DomainEventRow>> {
    const size = pageSize(page, this.limits);
    const where = new SqlWhere();
    if (ctx.borrowerId) where.and('borrower_id = ?', ctx.borrowerId);
    else if (ctx.referringAgent) where.and('agent_id = ?', ctx.referringAgent);
    const types = filter.types ?? [];
    const bad = types.find((t) => !isEventTypePattern(t));
    if (bad !== undefined) throw badInput('filter.types', `"${bad}" is not an event type or pattern (e.g. loan.repayment_posted, loan.*, *)`);
    if (types.length && !types.includes('*')) {
      where.and('(type = ANY(?) OR type LIKE ANY(?))', types.filter((t) => !t.endsWith('.*')), types.filter((t) => t.endsWith('.*')).map((t) => `${t.slice(0, -1)}%`));
    }
    if (filter.subjectId) where.and('subject_id = ?', filter.subjectId);
    if (page.after) {
      const seq = decodeCursor(page.after);
      if (!/^\d+$/.test(seq)) throw badInput('after', 'Malformed cursor');
      where.and('seq > ?', seq);
    }
    const limit = where.bind(size + 1);
    const rows: DomainEventRow[] = await (await ctx.db()).query(`SELECT ${EVENT_COLUMNS} FROM outbox_events ${where.sql} ORDER BY seq LIMIT ${limit}`, where.params);
    return toConnection(rows, size, (r) => r.sequence, Boolean(page.after));
  }
}
