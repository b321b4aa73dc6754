import { type AuditCheckpoint, type CheckpointHead, checkAgainstCheckpoint, checkpointSignatureValid, checkpointSigningKey, publicKeyOf, signCheckpoint } from '../../core/audit/checkpoint';
import type { ChainBreak } from '../../core/audit/hash-chain';
import type { RequestContext } from '../../platform/tenancy/request-context';
import { emitEvent } from '../../platform/events/outbox';

/**
 * Anchors a tenant's audit chain outside the database: a checkpoint signs the head of every lane with
 * a key derived from the master key (which the database never holds) and is published as an
 * `audit.checkpoint` event (so webhooks carry it away) and, from the CLI, as a file. Verifying against
 * a checkpoint finds a chain cut back behind a published head, which the chain alone cannot show.
 */
export class AuditCheckpointService {
  private readonly signing;
  private readonly trusted: string[];

  /** @param secrets the current master key first, then a previous one still accepted while keys rotate. */
  constructor(secrets: Buffer[]) {
    const keys = secrets.map(checkpointSigningKey);
    this.signing = keys[0];
    this.trusted = keys.map(publicKeyOf);
  }

  /** Signs the tenant's current heads and emits `audit.checkpoint` in the caller's transaction. */
  async take(ctx: RequestContext): Promise<AuditCheckpoint> {
    const rows: { lane: number; last_seq: string; last_hash: string }[] = await (await ctx.db()).query('SELECT lane, last_seq, last_hash FROM audit_heads ORDER BY lane');
    const heads: CheckpointHead[] = rows.map((r) => ({ lane: r.lane, seq: Number(r.last_seq), hash: r.last_hash.trim() }));
    const checkpoint = signCheckpoint(ctx.tenant, heads, new Date().toISOString(), this.signing);
    await emitEvent(ctx, { type: 'audit.checkpoint', subjectType: 'AuditLog', subjectId: ctx.tenant, data: checkpoint as unknown as Record<string, unknown> });
    return checkpoint;
  }

  /**
   * The breaks a checkpoint reveals in the tenant's chain as it is now. A checkpoint of another
   * tenant, or one whose signature does not verify with our key, is refused (INVALID_CHECKPOINT).
   */
  async check(ctx: RequestContext, checkpoint: AuditCheckpoint): Promise<ChainBreak[]> {
    if (checkpoint.tenantId !== ctx.tenant) throw new InvalidCheckpoint('the checkpoint is of another tenant');
    if (!checkpointSignatureValid(checkpoint, this.trusted)) throw new InvalidCheckpoint('the checkpoint’s signature does not verify with this platform’s key');
    const rows: { lane: number; seq: string; hash: string }[] = await (await ctx.db()).query(
      'SELECT e.lane, e.seq, e.hash FROM audit_entries e JOIN unnest($1::smallint[], $2::bigint[]) AS h (lane, seq) ON e.lane = h.lane AND e.seq = h.seq',
      [checkpoint.heads.map((h) => h.lane), checkpoint.heads.map((h) => h.seq)]);
    const found = new Map(rows.map((r) => [`${r.lane}:${r.seq}`, String(r.hash).trim()]));
    return checkAgainstCheckpoint(checkpoint, (lane, seq) => found.get(`${lane}:${seq}`) ?? null);
  }
}

export class InvalidCheckpoint extends Error {}
