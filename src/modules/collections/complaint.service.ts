import { badInput, conflict, notFound } from '../../core/domain-error';
import type { AuditService } from '../../platform/audit/audit.service';
import { uuidv7 } from '../../platform/db/ids';
import { SqlWhere } from '../../platform/db/sql-where';
import { type Connection, type PageArgs, decodeCursor, pageSize, toConnection } from '../../platform/graphql/connection';
import { emitEvent } from '../../platform/events/outbox';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { CollectionPolicyService } from './collection-policy.service';
import { DEFAULT_COMPLAINT_DEADLINES } from './collections-definition';

export interface ComplaintRow {
  id: string;
  borrowerId: string;
  loanId: string | null;
  channel: string;
  category: string;
  text: string;
  status: 'OPEN' | 'RESPONDED';
  dueAt: Date;
  response: string | null;
  respondedAt: Date | null;
  createdAt: Date;
  breached: boolean;
}

const SELECT = `SELECT id, borrower_id AS "borrowerId", loan_id AS "loanId", channel, category, text, status, due_at AS "dueAt", response,
  responded_at AS "respondedAt", created_at AS "createdAt", (coalesce(responded_at, now()) > due_at) AS breached FROM complaints`;

/**
 * Complaints by borrowers (filed by staff, an APP key or the borrower's own token), each with a
 * response deadline by category from the lender's conduct rules. An open complaint about
 * collections cools collections off for the conduct rules' days.
 */
export class ComplaintService {
  constructor(private readonly deps: { policies: CollectionPolicyService; audit: AuditService; limits: { defaultPageSize: number; maxPageSize: number } }) {}

  async file(ctx: RequestContext, input: { borrowerId?: string | null; loanId?: string | null; channel: string; category: string; text: string }): Promise<ComplaintRow> {
    const borrowerId = ctx.hasRole('BORROWER') ? ctx.borrowerId : input.borrowerId;
    if (!borrowerId) throw badInput('input.borrowerId', 'the borrower who complains');
    if (!input.text.trim() || input.text.length > 5000) throw badInput('input.text', 'the complaint, 1 to 5000 characters');
    if (!/^[A-Z_]{2,40}$/.test(input.category)) throw badInput('input.category', 'a category in capitals, e.g. COLLECTIONS');
    const em = await ctx.db();
    const [borrower] = await em.query('SELECT id, app_key_id FROM borrowers WHERE id = $1', [borrowerId]);
    // A front-end (APP key) files only for the borrowers it signed in or registered.
    if (!borrower || (ctx.frontEnd !== null && borrower.app_key_id !== ctx.frontEnd)) throw notFound('Borrower', borrowerId);
    if (input.loanId) {
      const [loan] = await em.query('SELECT id FROM loans WHERE id = $1 AND borrower_id = $2', [input.loanId, borrowerId]);
      if (!loan) throw badInput('input.loanId', 'a loan of the borrower');
    }
    const conduct = await this.deps.policies.conduct(ctx);
    const hours = conduct.complaintDeadlines?.[input.category] ?? DEFAULT_COMPLAINT_DEADLINES[input.category] ?? conduct.complaintDeadlines?.OTHER ?? DEFAULT_COMPLAINT_DEADLINES.OTHER;
    const id = uuidv7();
    const now = new Date();
    ctx.writes.add(
      `INSERT INTO complaints (tenant_id, id, borrower_id, loan_id, channel, category, text, status, due_at, filed_by_type, filed_by_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'OPEN', $8, $9, $10, $11)`,
      [ctx.tenant, id, borrowerId, input.loanId ?? null, input.channel, input.category, input.text, new Date(now.getTime() + hours * 3_600_000), ctx.actor.type, ctx.actor.id, now],
    );
    await emitEvent(ctx, { type: 'complaint.filed', subjectType: 'Complaint', subjectId: id, borrowerId, data: { complaintId: id, category: input.category, loanId: input.loanId ?? null, dueInHours: hours } });
    await this.deps.audit.record(ctx, { action: 'complaint.filed', entityType: 'Complaint', entityId: id, after: { borrowerId, category: input.category, channel: input.channel } });
    return this.byIdOrThrow(ctx, id);
  }

  async respond(ctx: RequestContext, id: string, response: string): Promise<ComplaintRow> {
    if (!response.trim()) throw badInput('response', 'the answer given to the borrower');
    const complaint = await this.byIdOrThrow(ctx, id, true);
    if (complaint.status !== 'OPEN') throw conflict('The complaint is already answered');
    ctx.writes.add("UPDATE complaints SET status = 'RESPONDED', response = $2, responded_at = now(), responded_by_type = $3, responded_by_id = $4 WHERE id = $1", [id, response, ctx.actor.type, ctx.actor.id]);
    await emitEvent(ctx, { type: 'complaint.responded', subjectType: 'Complaint', subjectId: id, borrowerId: complaint.borrowerId, data: { complaintId: id, breached: new Date() > complaint.dueAt } });
    await this.deps.audit.record(ctx, { action: 'complaint.responded', entityType: 'Complaint', entityId: id, after: { response } });
    return this.byIdOrThrow(ctx, id);
  }

  async byIdOrThrow(ctx: RequestContext, id: string, lock = false): Promise<ComplaintRow> {
    const [row] = await (await ctx.db()).query(`${SELECT} WHERE id = $1${ctx.hasRole('BORROWER') ? ' AND borrower_id = $2' : ''}${lock ? ' FOR UPDATE' : ''}`, ctx.hasRole('BORROWER') ? [id, ctx.borrowerId] : [id]);
    if (!row) throw notFound('Complaint', id);
    return row;
  }

  async list(ctx: RequestContext, args: PageArgs & { status?: string | null; category?: string | null; borrowerId?: string | null; breachedOnly?: boolean }): Promise<Connection<ComplaintRow>> {
    const size = pageSize(args, this.deps.limits);
    const where = new SqlWhere();
    if (args.after) where.and('id < ?', decodeCursor(args.after));
    if (ctx.hasRole('BORROWER')) where.and('borrower_id = ?', ctx.borrowerId);
    if (args.status) where.and('status = ?', args.status);
    if (args.category) where.and('category = ?', args.category);
    if (args.borrowerId) where.and('borrower_id = ?', args.borrowerId);
    if (args.breachedOnly) where.and('coalesce(responded_at, now()) > due_at');
    const rows = await (await ctx.db()).query(`${SELECT} ${where.sql} ORDER BY id DESC LIMIT ${where.bind(size + 1)}`, where.params);
    return toConnection(rows as ComplaintRow[], size, (c) => c.id, Boolean(args.after));
  }
}
