import { afterAttempt, matchesEventTypes, signatureHeader } from '../../core/webhooks';
import { type Connection, type PageArgs, decodeCursor, pageSize, toConnection } from '../../platform/graphql/connection';
import { badInput, conflict, notFound } from '../../core/domain-error';
import type { JobDefinition } from '../../platform/queue/job';
import type { QueueRuntime } from '../../platform/queue/queue-runtime';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { AuditService } from '../../platform/audit/audit.service';
import type { WebhookEndpointService } from './webhook-endpoint.service';
import { isUuid } from '../../platform/db/ids';
import { SqlWhere } from '../../platform/db/sql-where';
import { type PostAnswer, postWebhook } from './webhook-http';

export const WEBHOOK_DISPATCH_JOB = 'webhooks.dispatch';
export const WEBHOOK_DELIVER_JOB = 'webhooks.deliver';

export type DeliveryStatus = 'PENDING' | 'DELIVERED' | 'FAILED';

export interface WebhookDeliveryRow {
  id: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  subjectId: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  lastStatusCode: number | null;
  lastResponse: string | null;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
  replayOf: string | null;
}

export interface DeliveryFilter {
  endpointId?: string | null;
  status?: DeliveryStatus | null;
  eventId?: string | null;
  eventType?: string | null;
}

export interface WebhookSettings {
  backoffBaseMs: number;
  maxBackoffMs: number;
  maxAttempts: number;
  disableAfterFailures: number;
  timeoutMs: number;
  /** Let endpoints resolve to loopback or private addresses (development, tests); never in production. */
  allowPrivateNetworks: boolean;
}

/** One lane: the deliveries of one subject (a loan, an application) to one endpoint, sent strictly in order. */
interface Lane {
  endpointId: string;
  orderingKey: string;
}

/** A claimed attempt, ready to POST with no transaction open. */
interface Claim {
  deliveryId: string;
  attempt: number;
  url: string;
  body: string;
  headers: Record<string, string>;
}

const DISPATCH_BATCH = 1000;
/** How much longer than the POST's timeout a claimed attempt holds its lane before the attempt counts as lost. */
const LEASE_MARGIN_MS = 60_000;
const COLUMNS = `d.id, d.endpoint_id AS "endpointId", d.event_id AS "eventId", e.type AS "eventType", e.subject_id AS "subjectId", d.status, d.attempts,
  CASE WHEN d.status = 'PENDING' THEN d.next_attempt_at END AS "nextAttemptAt", d.last_attempt_at AS "lastAttemptAt", d.last_status_code AS "lastStatusCode",
  d.last_response AS "lastResponse", d.last_error AS "lastError", d.delivered_at AS "deliveredAt", d.created_at AS "createdAt", d.replay_of AS "replayOf"`;

/**
 * Outgoing webhooks. Dispatch turns new outbox events into one delivery per matching endpoint;
 * a lane job sends the oldest pending delivery of one (endpoint, subject) and queues the next, so
 * events of a loan arrive in the order they happened, and a failing one holds its lane (not the
 * others) while BullMQ's delayed jobs back off. Every step is a row in Postgres, committed before
 * the next job is queued: losing the queue (Redis restarted empty) loses nothing, the sweep finds it.
 */
export class WebhookDeliveryService {
  constructor(
    private readonly deps: {
      endpoints: WebhookEndpointService;
      audit: AuditService;
      queue: () => QueueRuntime;
      settings: WebhookSettings;
      limits: { defaultPageSize: number; maxPageSize: number };
    },
  ) {}

  /** Fans new outbox events out to the endpoints that want them; queues the lanes that have work. */
  async dispatch(ctx: RequestContext): Promise<{ events: number; deliveries: number; lanes: number }> {
    const em = await ctx.db();
    const events: { id: string; type: string; seq: string; key: string }[] = await em.query(
      `SELECT id, type, seq::text AS seq, subject_type || ':' || subject_id AS key FROM outbox_events
       WHERE dispatched_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [DISPATCH_BATCH],
    );
    let deliveries = 0;
    if (events.length) {
      const endpoints: { id: string; eventTypes: string[] }[] = await em.query('SELECT id, event_types AS "eventTypes" FROM webhook_endpoints');
      const rows = events.flatMap((ev) => endpoints.filter((ep) => matchesEventTypes(ep.eventTypes, ev.type)).map((ep) => ({ ep: ep.id, ev })));
      if (rows.length) {
        const inserted = await em.query(
          `INSERT INTO webhook_deliveries (tenant_id, id, endpoint_id, event_id, event_seq, ordering_key)
           SELECT $1, gen_random_uuid(), t.e, t.ev, t.s, t.k FROM unnest($2::uuid[], $3::uuid[], $4::bigint[], $5::text[]) AS t(e, ev, s, k)
           ON CONFLICT DO NOTHING RETURNING 1`,
          [ctx.tenant, rows.map((r) => r.ep), rows.map((r) => r.ev.id), rows.map((r) => r.ev.seq), rows.map((r) => r.ev.key)],
        );
        deliveries = inserted.length;
      }
      await em.query('UPDATE outbox_events SET dispatched_at = now() WHERE id = ANY($1::uuid[])', [events.map((e) => e.id)]);
    }
    const lanes: Lane[] = await em.query(
      `SELECT DISTINCT d.endpoint_id AS "endpointId", d.ordering_key AS "orderingKey"
       FROM webhook_deliveries d JOIN webhook_endpoints w ON w.tenant_id = d.tenant_id AND w.id = d.endpoint_id
       WHERE d.status = 'PENDING' AND d.next_attempt_at <= clock_timestamp() AND w.status = 'ACTIVE' LIMIT 5000`,
    );
    const tenantId = ctx.tenant;
    ctx.onAfterCommit(async () => {
      for (const lane of lanes) await this.enqueueLane(tenantId, lane, 0);
      if (events.length === DISPATCH_BATCH) await this.enqueueDispatch(tenantId);
    });
    return { events: events.length, deliveries, lanes: lanes.length };
  }

  /**
   * Sends the oldest pending delivery of a lane, records the answer and queues what comes next:
   * the following delivery at once, or this one again after its backoff. The POST waits on no
   * transaction: the delivery is claimed in one short transaction (its attempt counted and leased,
   * which holds the lane), sent with none open, and the answer recorded in another.
   */
  async deliverNext(ctx: RequestContext, lane: Lane): Promise<'BUSY' | 'IDLE' | 'WAITING' | DeliveryStatus> {
    const claimed = await ctx.detached((c) => this.claim(c, lane));
    if (typeof claimed === 'string') return claimed;
    const answer = await postWebhook(claimed.url, claimed.body, claimed.headers, { timeoutMs: this.deps.settings.timeoutMs, allowPrivate: this.deps.settings.allowPrivateNetworks });
    return ctx.detached((c) => this.record(c, lane, claimed, answer));
  }

  /**
   * Takes the lane's head if it is due: counts the attempt and leases it for longer than a POST can
   * take, so the lane's next job finds it WAITING rather than sending it again (or the next one
   * before it). A worker that dies mid-POST leaves the lease to run out; the head is then sent again
   * with the same event id, which receivers deduplicate.
   */
  private async claim(ctx: RequestContext, lane: Lane): Promise<Claim | 'BUSY' | 'IDLE' | 'WAITING'> {
    const em = await ctx.db();
    const [{ locked }] = await em.query('SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked', [`webhook-lane:${lane.endpointId}:${lane.orderingKey}`]);
    if (!locked) return 'BUSY';
    const endpoint = await this.deps.endpoints.forSending(ctx, lane.endpointId);
    if (!endpoint) return 'IDLE';
    const [head] = await em.query(
      `SELECT d.id, d.attempts, ceil(greatest(0, extract(epoch FROM d.next_attempt_at - clock_timestamp()) * 1000))::int AS "waitMs", e.id AS "eventId", e.type, e.subject_type AS "subjectType", e.subject_id AS "subjectId",
              e.occurred_at AS "occurredAt", e.data
       FROM webhook_deliveries d JOIN outbox_events e ON e.tenant_id = d.tenant_id AND e.id = d.event_id
       WHERE d.endpoint_id = $1 AND d.ordering_key = $2 AND d.status = 'PENDING'
       ORDER BY d.event_seq, d.created_at LIMIT 1`,
      [lane.endpointId, lane.orderingKey],
    );
    if (!head) return 'IDLE';
    // Backing off, or in flight elsewhere (a delayed job can fire a little early): look again when that ends.
    if (head.waitMs > 0) {
      const tenantId = ctx.tenant;
      ctx.onAfterCommit(() => this.enqueueLane(tenantId, lane, head.waitMs + 5));
      return 'WAITING';
    }
    const attempt = head.attempts + 1;
    await em.query(
      'UPDATE webhook_deliveries SET attempts = $2, next_attempt_at = clock_timestamp() + make_interval(secs => $3::double precision / 1000) WHERE id = $1',
      [head.id, attempt, this.deps.settings.timeoutMs + LEASE_MARGIN_MS]);
    const body = JSON.stringify({
      id: head.eventId,
      type: head.type,
      occurredAt: new Date(head.occurredAt).toISOString(),
      subject: { type: head.subjectType, id: head.subjectId },
      data: head.data,
    });
    const timestamp = Math.floor(Date.now() / 1000);
    return {
      deliveryId: head.id, attempt, url: endpoint.url, body,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'microlend-webhooks/1',
        'microlend-event-id': head.eventId,
        'microlend-event-type': head.type,
        'microlend-delivery-id': head.id,
        'microlend-delivery-attempt': String(attempt),
        'microlend-signature': signatureHeader(endpoint.secret, timestamp, body),
      },
    };
  }

  /** The answer to a claimed attempt, its effect on the endpoint, and the lane's next job. Nothing when the lease was lost meanwhile. */
  private async record(ctx: RequestContext, lane: Lane, claimed: Claim, answer: PostAnswer): Promise<'BUSY' | DeliveryStatus> {
    const em = await ctx.db();
    const s = this.deps.settings;
    const outcome = afterAttempt(answer.ok, claimed.attempt, { baseMs: s.backoffBaseMs, maxMs: s.maxBackoffMs, maxAttempts: s.maxAttempts });
    const updated = await em.query(
      `WITH u AS (
         UPDATE webhook_deliveries SET status = $2, last_attempt_at = now(), last_status_code = $4, last_response = $5, last_error = $6,
                delivered_at = CASE WHEN $2 = 'DELIVERED' THEN now() END,
                next_attempt_at = clock_timestamp() + make_interval(secs => $7::double precision / 1000)
         WHERE id = $1 AND status = 'PENDING' AND attempts = $3 RETURNING 1)
       SELECT 1 FROM u`,
      [claimed.deliveryId, outcome.status, claimed.attempt, answer.status, answer.body, answer.error, outcome.status === 'PENDING' ? outcome.retryInMs : 0],
    );
    // The lease ran out and another attempt took the delivery: that attempt records the outcome.
    if (!updated.length) return 'BUSY';
    const [{ failures }] = await em.query(
      // (In a WITH, so the driver answers rows rather than [rows, count] as it does for a bare UPDATE.)
      `WITH u AS (UPDATE webhook_endpoints SET consecutive_failures = CASE WHEN $2 THEN 0 ELSE consecutive_failures + 1 END WHERE id = $1 RETURNING consecutive_failures)
       SELECT consecutive_failures AS failures FROM u`,
      [lane.endpointId, answer.ok],
    );
    let disabled = false;
    if (!answer.ok && failures >= s.disableAfterFailures) {
      await this.deps.endpoints.disable(ctx, lane.endpointId, `${failures} deliveries failed in a row; last: ${answer.error ?? `HTTP ${answer.status}`}`);
      disabled = true;
    }
    const tenantId = ctx.tenant;
    if (!disabled) ctx.onAfterCommit(() => this.enqueueLane(tenantId, lane, outcome.status === 'PENDING' ? outcome.retryInMs : 0));
    return outcome.status;
  }

  async list(ctx: RequestContext, filter: DeliveryFilter, page: PageArgs): Promise<Connection<WebhookDeliveryRow>> {
    const size = pageSize(page, this.deps.limits);
    const where = new SqlWhere();
    if (filter.endpointId) where.and('d.endpoint_id = ?', uuidOrThrow('filter.endpointId', filter.endpointId));
    if (filter.eventId) where.and('d.event_id = ?', uuidOrThrow('filter.eventId', filter.eventId));
    if (filter.status) where.and('d.status = ?', filter.status);
    if (filter.eventType) where.and('e.type = ?', filter.eventType);
    if (page.after) {
      const [createdAt, id] = decodeCursor(page.after).split('|');
      where.and('(d.created_at, d.id) < (?::timestamptz, ?::uuid)', createdAt, uuidOrThrow('after', id ?? ''));
    }
    const limit = where.bind(size + 1);
    // The cursor keeps the timestamp at full (microsecond) precision, so rows sharing a millisecond are neither skipped nor repeated.
    const rows: (WebhookDeliveryRow & { cursorAt: string })[] = await (await ctx.db()).query(
      `SELECT ${COLUMNS}, d.created_at::text AS "cursorAt" FROM webhook_deliveries d JOIN outbox_events e ON e.tenant_id = d.tenant_id AND e.id = d.event_id
       ${where.sql} ORDER BY d.created_at DESC, d.id DESC LIMIT ${limit}`,
      where.params,
    );
    return toConnection(rows, size, (r) => `${r.cursorAt}|${r.id}`, Boolean(page.after));
  }

  async byIdOrThrow(ctx: RequestContext, id: string): Promise<WebhookDeliveryRow> {
    const [row] = isUuid(id)
      ? await (await ctx.db()).query(`SELECT ${COLUMNS} FROM webhook_deliveries d JOIN outbox_events e ON e.tenant_id = d.tenant_id AND e.id = d.event_id WHERE d.id = $1`, [id])
      : [];
    if (!row) throw notFound('WebhookDelivery', id);
    return row;
  }

  /** Sends a delivered or failed event again, as a new delivery in its lane (same event id: receivers deduplicate). */
  async replay(ctx: RequestContext, deliveryId: string): Promise<WebhookDeliveryRow> {
    const original = await this.byIdOrThrow(ctx, deliveryId);
    if (original.status === 'PENDING') throw conflict('The delivery is still pending; it will be sent');
    const [row] = await (await ctx.db()).query(
      `INSERT INTO webhook_deliveries (tenant_id, id, endpoint_id, event_id, event_seq, ordering_key, replay_of)
       SELECT tenant_id, gen_random_uuid(), endpoint_id, event_id, event_seq, ordering_key, id FROM webhook_deliveries WHERE id = $1
       RETURNING id, endpoint_id AS "endpointId", ordering_key AS "orderingKey"`,
      [deliveryId],
    );
    await this.deps.audit.record(ctx, { action: 'webhookDelivery.replayed', entityType: 'WebhookDelivery', entityId: deliveryId, after: { replay: row.id } });
    const tenantId = ctx.tenant;
    ctx.onAfterCommit(() => this.enqueueLane(tenantId, row, 0));
    return this.byIdOrThrow(ctx, row.id);
  }

  /** Sends every event of a period that the endpoint's filter matches again (e.g. after the receiver lost data). */
  async replayRange(ctx: RequestContext, endpointId: string, from: Date, to: Date | null): Promise<number> {
    const endpoint = await this.deps.endpoints.byIdOrThrow(ctx, endpointId);
    if (to && to < from) throw badInput('to', 'must not be before from');
    const em = await ctx.db();
    const events: { id: string; type: string; seq: string; key: string }[] = await em.query(
      `SELECT id, type, seq::text AS seq, subject_type || ':' || subject_id AS key FROM outbox_events
       WHERE occurred_at >= $1 AND ($2::timestamptz IS NULL OR occurred_at < $2) ORDER BY seq LIMIT 10001`,
      [from, to],
    );
    if (events.length > 10000) throw badInput('from', 'more than 10,000 events in the period; replay a shorter one');
    const wanted = events.filter((e) => matchesEventTypes(endpoint.eventTypes, e.type));
    if (wanted.length) {
      await em.query(
        `INSERT INTO webhook_deliveries (tenant_id, id, endpoint_id, event_id, event_seq, ordering_key, replay_of)
         SELECT $1, gen_random_uuid(), $2, t.ev, t.s, t.k,
           (SELECT id FROM webhook_deliveries o WHERE o.endpoint_id = $2 AND o.event_id = t.ev AND o.replay_of IS NULL)
         FROM unnest($3::uuid[], $4::bigint[], $5::text[]) AS t(ev, s, k)`,
        [ctx.tenant, endpointId, wanted.map((e) => e.id), wanted.map((e) => e.seq), wanted.map((e) => e.key)],
      );
    }
    await this.deps.audit.record(ctx, { action: 'webhookEndpoint.replayed', entityType: 'WebhookEndpoint', entityId: endpointId, after: { from, to, events: wanted.length } });
    const tenantId = ctx.tenant;
    const lanes = [...new Set(wanted.map((e) => e.key))].map((orderingKey) => ({ endpointId, orderingKey }));
    ctx.onAfterCommit(async () => {
      for (const lane of lanes) await this.enqueueLane(tenantId, lane, 0);
    });
    return wanted.length;
  }

  async enqueueDispatch(tenantId: string): Promise<void> {
    await this.deps.queue().enqueue({ name: WEBHOOK_DISPATCH_JOB } as JobDefinition, { tenantId }, { attempts: 3 });
  }

  private async enqueueLane(tenantId: string, lane: Lane, delayMs: number): Promise<void> {
    await this.deps.queue().enqueue({ name: WEBHOOK_DELIVER_JOB } as JobDefinition, { tenantId, ...lane }, { delay: delayMs || undefined, attempts: 3 });
  }
}

function uuidOrThrow(field: string, value: string): string {
  if (!isUuid(value)) throw badInput(field, 'an id');
  return value;
}
