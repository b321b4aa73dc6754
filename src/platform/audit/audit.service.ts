import { randomInt } from 'node:crypto';
import { type ChainReport, ChainVerifier, GENESIS_HASH, type ChainedEntry, entryHashPrefix } from '../../core/audit/hash-chain';
import { uuidv7 } from '../db/ids';
import { queryPrepared } from '../db/prepared';
import { type Connection, type PageArgs, decodeCursor, pageSize, toConnection } from '../graphql/connection';
import type { RequestContext } from '../tenancy/request-context';
import { AuditEntryEntity } from './audit-entry.entity';

const PENDING = Symbol('pending audit entries');

/** At most this many chains (lanes) per tenant: as many as writers that commit at the same moment. */
export const AUDIT_LANES = 16;

export interface AuditChange {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/**
 * Writes and checks the tenant's hash-chained audit log. Entries are written in the caller's
 * transaction, so an audited change and its entry commit or vanish together. The chain head row is
 * locked while appending, which orders concurrent writers of one tenant.
 */
export class AuditService {
  constructor(private readonly limits: { defaultPageSize: number; maxPageSize: number }) {}

  /**
   * Queues an entry in the caller's transaction; entries are appended to the chain just before
   * COMMIT, all at once, so the chain head's row lock (which orders a tenant's writers) is held
   * only for that moment rather than for the whole request.
   */
  async record(ctx: RequestContext, change: AuditChange): Promise<void> {
    const pending = ctx.transactionState(PENDING, () => new Map<string, { ctx: RequestContext; entries: Omit<ChainedEntry, 'seq'>[] }>());
    let forTenant = pending.get(ctx.tenant);
    if (!forTenant) {
      forTenant = { ctx, entries: [] };
      pending.set(ctx.tenant, forTenant);
      if (pending.size === 1) ctx.onBeforeCommit(() => this.flush(pending));
    }
    forTenant.entries.push({
      id: uuidv7(),
      occurredAt: new Date().toISOString(),
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      action: change.action,
      entityType: change.entityType,
      entityId: change.entityId,
      before: jsonSafe(change.before),
      after: jsonSafe(change.after),
      requestId: ctx.requestId,
    });
  }

  /**
   * Appends a tenant's queued entries in one statement: it locks a chain head, numbers and hashes the
   * entries from it inside the database (SHA-256 over the prefix made here, see entryHashPrefix),
   * inserts them and moves the head, so the head's lock lasts one statement and the commit. The head
   * is the first lane no other writer holds; when all are held a new lane is opened (up to
   * AUDIT_LANES), and past that the writer waits for one.
   */
  private async flush(pending: Map<string, { ctx: RequestContext; entries: Omit<ChainedEntry, 'seq'>[] }>): Promise<void> {
    for (const [tenantId, { ctx, entries }] of pending) {
      const em = await ctx.db();
      const values: unknown[] = [tenantId];
      const rows = entries.map((entry, i) => {
        const b = values.length;
        values.push(i + 1, entry.id, entry.occurredAt, entry.actorType, entry.actorId, entry.action, entry.entityType, entry.entityId,
          entry.before === null ? null : JSON.stringify(entry.before), entry.after === null ? null : JSON.stringify(entry.after), entry.requestId, entryHashPrefix(entry));
        const casts = ['int', 'uuid', 'timestamptz', 'text', 'text', 'text', 'text', 'text', 'jsonb', 'jsonb', 'text', 'text'];
        return `(${casts.map((c, k) => `$${b + k + 1}::${c}`).join(', ')})`;
      });
      const append = (lane: number | null) => queryPrepared<{ appended: number; moved: number }>(
        em,
        `WITH RECURSIVE
           input (ord, id, occurred_at, actor_type, actor_id, action, entity_type, entity_id, before, after, request_id, prefix) AS (VALUES ${rows.join(', ')}),
           head AS (SELECT lane, last_seq, last_hash::text AS last_hash FROM audit_heads
                    WHERE tenant_id = $1 ${lane === null ? '' : `AND lane = $${values.length + 1}`} ORDER BY lane LIMIT 1 FOR UPDATE ${lane === null ? 'SKIP LOCKED' : ''}),
           chain (ord, lane, seq, prev_hash, hash) AS (
             SELECT i.ord, h.lane, h.last_seq + 1, h.last_hash, encode(sha256(convert_to(h.last_hash || E'\n' || i.prefix || (h.last_seq + 1)::text || '}', 'UTF8')), 'hex')
             FROM head h JOIN input i ON i.ord = 1
             UNION ALL
             SELECT i.ord, c.lane, c.seq + 1, c.hash, encode(sha256(convert_to(c.hash || E'\n' || i.prefix || (c.seq + 1)::text || '}', 'UTF8')), 'hex')
             FROM chain c JOIN input i ON i.ord = c.ord + 1),
           appended AS (
             INSERT INTO audit_entries (tenant_id, lane, seq, id, occurred_at, actor_type, actor_id, action, entity_type, entity_id, before, after, request_id, prev_hash, hash)
             SELECT $1, c.lane, c.seq, i.id, i.occurred_at, i.actor_type, i.actor_id, i.action, i.entity_type, i.entity_id, i.before, i.after, i.request_id, c.prev_hash, c.hash
             FROM chain c JOIN input i USING (ord)
             RETURNING lane, seq, hash),
           moved AS (
             UPDATE audit_heads h SET last_seq = a.seq, last_hash = a.hash
             FROM (SELECT lane, seq, hash FROM appended ORDER BY seq DESC LIMIT 1) a WHERE h.tenant_id = $1 AND h.lane = a.lane RETURNING h.last_seq)
         SELECT (SELECT count(*) FROM appended)::int AS appended, (SELECT count(*) FROM moved)::int AS moved`,
        lane === null ? values : [...values, lane],
      );
      let [result] = await append(null);
      for (let attempt = 0; result.appended === 0 && attempt < AUDIT_LANES + 2; attempt++) {
        // Every lane is held by another writer (or the tenant has none yet): open one, or wait for one.
        const [{ lanes }] = await em.query('SELECT count(*)::int AS lanes FROM audit_heads WHERE tenant_id = $1', [tenantId]);
        if (lanes < AUDIT_LANES) {
          await em.query('INSERT INTO audit_heads (tenant_id, lane, last_seq, last_hash) VALUES ($1, $2, 0, $3) ON CONFLICT (tenant_id, lane) DO NOTHING', [tenantId, lanes, GENESIS_HASH]);
          [result] = await append(null);
        } else {
          [result] = await append(randomInt(AUDIT_LANES));
        }
      }
      if (result.appended !== entries.length || result.moved !== 1) throw new Error(`audit chain append wrote ${result.appended} of ${entries.length} entries`);
    }
  }

  /** Newest first (ids are time-ordered across lanes), with the cursor on the id. */
  async list(ctx: RequestContext, args: PageArgs & { entityType?: string; entityId?: string }): Promise<Connection<AuditEntryEntity>> {
    const size = pageSize(args, this.limits);
    const qb = (await ctx.db()).getRepository(AuditEntryEntity).createQueryBuilder('a').orderBy('a.id', 'DESC').limit(size + 1);
    if (args.after) qb.andWhere('a.id < :after', { after: decodeCursor(args.after) });
    if (args.entityType) qb.andWhere('a.entity_type = :entityType', { entityType: args.entityType });
    if (args.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: args.entityId });
    return toConnection(await qb.getMany(), size, (e) => e.id, Boolean(args.after));
  }

  /** Re-computes every hash of each of the tenant's chains in batches and compares each end with its head. */
  async verify(ctx: RequestContext, onProgress?: (checked: number, total: number) => void): Promise<ChainReport> {
    const em = await ctx.db();
    const [{ count }] = await em.query('SELECT count(*)::int AS count FROM audit_entries');
    const heads = new Map<number, { lastSeq: number; lastHash: string }>(
      (await em.query('SELECT lane, last_seq, last_hash FROM audit_heads')).map((h: { lane: number; last_seq: string; last_hash: string }) => [h.lane, { lastSeq: Number(h.last_seq), lastHash: h.last_hash }]),
    );
    const lanes = new Set<number>([...heads.keys(), ...(await em.query('SELECT DISTINCT lane FROM audit_entries')).map((r: { lane: number }) => r.lane)]);
    const report: ChainReport = { ok: true, checked: 0, breaks: [] };
    for (const lane of [...lanes].sort((a, b) => a - b)) {
      const verifier = new ChainVerifier();
      let lastSeq = 0;
      for (;;) {
        const rows: AuditEntryEntity[] = await em
          .getRepository(AuditEntryEntity)
          .createQueryBuilder('a')
          .where('a.lane = :lane AND a.seq > :lastSeq', { lane, lastSeq })
          .orderBy('a.seq', 'ASC')
          .limit(1000)
          .getMany();
        if (rows.length === 0) break;
        for (const row of rows) {
          verifier.push({
            seq: row.seq, id: row.id, occurredAt: row.occurredAt.toISOString(), actorType: row.actorType, actorId: row.actorId,
            action: row.action, entityType: row.entityType, entityId: row.entityId, before: row.before ?? null, after: row.after ?? null,
            requestId: row.requestId, prevHash: row.prevHash, hash: row.hash,
          });
        }
        lastSeq = rows[rows.length - 1].seq;
        report.checked += rows.length;
        onProgress?.(report.checked, count);
      }
      const laneReport = verifier.finish(heads.get(lane) ?? null);
      report.breaks.push(...laneReport.breaks.map((b) => ({ ...b, lane })));
    }
    report.ok = report.breaks.length === 0;
    return report;
  }
}

/** What jsonb will give back: plain JSON, dates as ISO strings, no undefined. */
function jsonSafe(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}
