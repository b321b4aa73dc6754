import { type ChainReport, ChainVerifier, GENESIS_HASH, entryHash, type ChainedEntry } from '../../core/audit/hash-chain';
import { uuidv7 } from '../../platform/db/ids';
import { type Connection, type PageArgs, decodeCursor, pageSize, toConnection } from '../../platform/graphql/connection';
import type { RequestContext } from '../../platform/tenancy/request-context';
import { AuditEntryEntity } from './audit-entry.entity';

const PENDING = Symbol('pending audit entries');

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

  private async flush(pending: Map<string, { ctx: RequestContext; entries: Omit<ChainedEntry, 'seq'>[] }>): Promise<void> {
    for (const [tenantId, { ctx, entries }] of pending) {
      const em = await ctx.db();
      // Creates the head on first use or locks the existing one, and reads it: one round trip.
      const [head] = await em.query(
        `INSERT INTO audit_heads (tenant_id, last_seq, last_hash) VALUES ($1, 0, $2)
         ON CONFLICT (tenant_id) DO UPDATE SET last_seq = audit_heads.last_seq RETURNING last_seq, last_hash`,
        [tenantId, GENESIS_HASH],
      );
      let seq = Number(head.last_seq);
      let prev: string = head.last_hash;
      const values: unknown[] = [];
      const rows: string[] = [];
      for (const partial of entries) {
        const entry: ChainedEntry = { seq: ++seq, ...partial };
        const hash = entryHash(prev, entry);
        const b = values.length;
        values.push(tenantId, entry.seq, entry.id, entry.occurredAt, entry.actorType, entry.actorId, entry.action, entry.entityType, entry.entityId,
          entry.before === null ? null : JSON.stringify(entry.before), entry.after === null ? null : JSON.stringify(entry.after), entry.requestId, prev, hash);
        rows.push(`(${Array.from({ length: 14 }, (_, i) => `$${b + i + 1}`).join(', ')})`);
        prev = hash;
      }
      const h = values.length;
      values.push(seq, prev);
      await em.query(
        `WITH appended AS (
           INSERT INTO audit_entries (tenant_id, seq, id, occurred_at, actor_type, actor_id, action, entity_type, entity_id, before, after, request_id, prev_hash, hash)
           VALUES ${rows.join(', ')} RETURNING 1)
         UPDATE audit_heads SET last_seq = $${h + 1}, last_hash = $${h + 2} WHERE tenant_id = $1 AND EXISTS (SELECT 1 FROM appended)`,
        values,
      );
    }
  }

  async list(ctx: RequestContext, args: PageArgs & { entityType?: string; entityId?: string }): Promise<Connection<AuditEntryEntity>> {
    const size = pageSize(args, this.limits);
    const qb = (await ctx.db()).getRepository(AuditEntryEntity).createQueryBuilder('a').orderBy('a.seq', 'DESC').limit(size + 1);
    if (args.after) qb.andWhere('a.seq < :after', { after: Number(decodeCursor(args.after)) });
    if (args.entityType) qb.andWhere('a.entity_type = :entityType', { entityType: args.entityType });
    if (args.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: args.entityId });
    return toConnection(await qb.getMany(), size, (e) => String(e.seq), Boolean(args.after));
  }

  /** Re-computes every hash of the tenant's chain in batches and compares the end with the head. */
  async verify(ctx: RequestContext, onProgress?: (checked: number, total: number) => void): Promise<ChainReport> {
    const em = await ctx.db();
    const [{ count }] = await em.query('SELECT count(*)::int AS count FROM audit_entries');
    const verifier = new ChainVerifier();
    let lastSeq = 0;
    let checked = 0;
    for (;;) {
      const rows: AuditEntryEntity[] = await em
        .getRepository(AuditEntryEntity)
        .createQueryBuilder('a')
        .where('a.seq > :lastSeq', { lastSeq })
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
      checked += rows.length;
      onProgress?.(checked, count);
    }
    const [head] = await em.query('SELECT last_seq, last_hash FROM audit_heads');
    return verifier.finish(head ? { lastSeq: Number(head.last_seq), lastHash: head.last_hash } : null);
  }
}

/** What jsonb will give back: plain JSON, dates as ISO strings, no undefined. */
function jsonSafe(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}
