import { type Connection, type PageArgs, decodeCursor, pageSize, toConnection } from '../../platform/graphql/connection';
import { isEventTypePattern } from '../../core/webhooks';
import { SqlWhere } from '../../platform/db/sql-where';
import { badInput } from '../../core/domain-error';
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
  /** The front-end (APP key) whose user the event's borrower is, if any. */
  frontEnd: string | null;
}

export interface EventFilter {
  types?: string[] | null;
  subjectId?: string | null;
}

export const EVENT_COLUMNS = `e.id, e.seq::text AS sequence, e.type, e.subject_type AS "subjectType", e.subject_id AS "subjectId", e.occurred_at AS "occurredAt", e.data,
  e.borrower_id AS "borrowerId", e.agent_id AS "agentId", b.app_key_id AS "frontEnd"`;

/** The event log with each event's borrower's front-end beside it (for the APP key row scope). */
export const EVENT_SOURCE = 'outbox_events e LEFT JOIN borrowers b ON b.tenant_id = e.tenant_id AND b.id = e.borrower_id';

/**
 * Who may see an event besides the tenant's staff: a borrower sees the events of its own loans and
 * applications, an agent those of the applications and loans it brought in (the same row scope as
 * the loan and application queries), a front-end (APP key) those of its own users.
 */
export function visibleTo(
  ctx: { borrowerId: string | null; referringAgent: string | null; frontEnd: string | null },
  e: Pick<DomainEventRow, 'borrowerId' | 'agentId' | 'frontEnd'>,
): boolean {
  if (ctx.borrowerId) return e.borrowerId === ctx.borrowerId;
  if (ctx.referringAgent) return e.agentId === ctx.referringAgent;
  if (ctx.frontEnd) return e.frontEnd === ctx.frontEnd;
  return true;
}

/** The tenant's event log (the outbox as a feed): oldest first, so `after` is a resume point. */
export class EventLogService {
  constructor(private readonly limits: { defaultPageSize: number; maxPageSize: number }) {}

  async list(ctx: RequestContext, filter: EventFilter, page: PageArgs): Promise<Connection<DomainEventRow>> {
    const size = pageSize(page, this.limits);
    const where = new SqlWhere();
    if (ctx.borrowerId) where.and('e.borrower_id = ?', ctx.borrowerId);
    else if (ctx.referringAgent) where.and('e.agent_id = ?', ctx.referringAgent);
    else if (ctx.frontEnd) where.and('b.app_key_id = ?', ctx.frontEnd);
    const types = filter.types ?? [];
    const bad = types.find((t) => !isEventTypePattern(t));
    if (bad !== undefined) throw badInput('filter.types', `"${bad}" is not an event type or pattern (e.g. loan.repayment_posted, loan.*, *)`);
    if (types.length && !types.includes('*')) {
      where.and('(e.type = ANY(?) OR e.type LIKE ANY(?))', types.filter((t) => !t.endsWith('.*')), types.filter((t) => t.endsWith('.*')).map((t) => `${t.slice(0, -1)}%`));
    }
    if (filter.subjectId) where.and('e.subject_id = ?', filter.subjectId);
    if (page.after) {
      const seq = decodeCursor(page.after);
      if (!/^\d+$/.test(seq)) throw badInput('after', 'Malformed cursor');
      where.and('e.seq > ?', seq);
    }
    const limit = where.bind(size + 1);
    const rows: DomainEventRow[] = await (await ctx.db()).query(`SELECT ${EVENT_COLUMNS} FROM ${EVENT_SOURCE} ${where.sql} ORDER BY e.seq LIMIT ${limit}`, where.params);
    return toConnection(rows, size, (r) => r.sequence, Boolean(page.after));
  }
}
