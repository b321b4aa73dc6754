import { type ApplicationStatus, FUNNEL_STAGE_REACHED } from '../../core/lifecycle';
import { queryPrepared } from '../../platform/db/prepared';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { ApplicationEntity } from './application.entity';

/** A status change of an application, kept until the application's row is written. */
interface PendingEvent {
  from: ApplicationStatus | null;
  to: ApplicationStatus;
  at: Date;
  actorType: string;
  actorId: string | null;
  note: string | null;
}

/**
 * How an application's changes reach the database: its status changes are kept with the entity as
 * they happen and written, with its funnel row and the row itself, by one statement when the
 * command saves it. A submission moves an application through four or five statuses: one round
 * trip instead of one per status and two for the row (TypeORM's save reads the row to diff it).
 */
export class ApplicationWrites {
  private readonly pending = new WeakMap<ApplicationEntity, PendingEvent[]>();

  /** Records a status change of `app` (written by the next `save`). */
  event(ctx: RequestContext, app: ApplicationEntity, from: ApplicationStatus | null, to: ApplicationStatus, note: string | null): void {
    const list = this.pending.get(app) ?? [];
    list.push({ from, to, at: app.statusEnteredAt, actorType: ctx.actor.type, actorId: ctx.actor.id, note });
    this.pending.set(app, list);
  }

  /** Writes the application's row (every column a command changes), its status changes and its funnel row. */
  async save(ctx: RequestContext, app: ApplicationEntity): Promise<void> {
    app.updatedAt = new Date();
    app.version += 1;
    const events = this.pending.get(app) ?? [];
    this.pending.delete(app);
    const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
    await queryPrepared(await ctx.db(), SAVE_SQL, [
      ctx.tenant, app.id,
      events.map((e) => e.from), events.map((e) => e.to), events.map((e) => e.at), events.map((e) => e.actorType), events.map((e) => e.actorId), events.map((e) => e.note),
      app.createdAt, app.productId, app.source, app.agentId,
      app.status, app.statusEnteredAt, app.riskGrade, app.score, app.pd, json(app.decision), json(app.approvalTier), json(app.offer), json(app.contract), json(app.signature),
      app.loanId, app.version, app.updatedAt,
    ]);
  }
}

/**
 * $1 tenant, $2 application; $3-$8 the status changes in order (from, to, at, actor type and id,
 * note), numbered after the application's last; $9-$12 the funnel's keys (created, product, source,
 * agent), its stage columns the first time each was reached (kept when already set); $13-$25 the
 * row's changing columns.
 */
const SAVE_SQL = `WITH ev AS (
  INSERT INTO application_events (tenant_id, application_id, seq, from_status, to_status, at, actor_type, actor_id, note)
  SELECT $1, $2, last.seq + u.n, u.from_status, u.to_status, u.at, u.actor_type, u.actor_id, u.note
  FROM unnest($3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::text[], $8::text[]) WITH ORDINALITY AS u (from_status, to_status, at, actor_type, actor_id, note, n)
  CROSS JOIN (SELECT coalesce(max(seq), 0) AS seq FROM application_events WHERE tenant_id = $1 AND application_id = $2) last
  RETURNING to_status, at
), stages AS (
  INSERT INTO application_stages (tenant_id, application_id, created_at, product_id, source, agent_id, ${FUNNEL_STAGE_REACHED.map((s) => s.column).join(', ')})
  SELECT $1, $2, $9, $10, $11, $12, ${FUNNEL_STAGE_REACHED.map((s) => `min(ev.at) FILTER (WHERE ev.to_status IN (${s.statuses.map((x) => `'${x}'`).join(', ')}))`).join(', ')}
  FROM ev HAVING count(*) > 0
  ON CONFLICT (tenant_id, application_id) DO UPDATE SET product_id = EXCLUDED.product_id, source = EXCLUDED.source, agent_id = EXCLUDED.agent_id,
    ${FUNNEL_STAGE_REACHED.map((s) => `${s.column} = coalesce(application_stages.${s.column}, EXCLUDED.${s.column})`).join(', ')}
)
UPDATE applications SET status = $13, status_entered_at = $14, risk_grade = $15, score = $16, pd = $17, decision = $18, approval_tier = $19,
  offer = $20, contract = $21, signature = $22, loan_id = $23, version = $24, updated_at = $25
WHERE tenant_id = $1 AND id = $2`;
