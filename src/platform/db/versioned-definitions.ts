import { isDeepStrictEqual } from 'node:util';
import type { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../tenancy/request-context';
import { uuidv7 } from './ids';

export interface StoredVersion<D> {
  id: string;
  code: string;
  version: number;
  isCurrent: boolean;
  definition: D;
  createdAt: Date;
}

/**
 * A tenant's definitions kept by code and version (collection policies, commission plans: a table of
 * `id, code, version, is_current, definition, source, created_by_*`): setting a code with another
 * definition makes its next version current, the same definition again changes nothing; what was
 * made under a version keeps pointing at it.
 */
export class VersionedDefinitions<D extends { code: string }> {
  constructor(private readonly table: string, private readonly audit: AuditService, private readonly entity: { type: string; action: string }) {}

  async set(ctx: RequestContext, definition: D, source: string): Promise<{ stored: StoredVersion<D>; outcome: 'created' | 'updated' | 'unchanged' }> {
    const em = await ctx.db();
    const [current] = await em.query(`SELECT id, version, definition FROM ${this.table} WHERE code = $1 AND is_current FOR UPDATE`, [definition.code]);
    if (current && isDeepStrictEqual(JSON.parse(JSON.stringify(current.definition)), JSON.parse(JSON.stringify(definition)))) {
      return { stored: (await this.versions(ctx, definition.code)).find((p) => p.isCurrent)!, outcome: 'unchanged' };
    }
    const id = uuidv7();
    const version = (current?.version ?? 0) + 1;
    if (current) await em.query(`UPDATE ${this.table} SET is_current = false WHERE id = $1`, [current.id]);
    await em.query(
      `INSERT INTO ${this.table} (tenant_id, id, code, version, is_current, definition, source, created_by_type, created_by_id) VALUES ($1, $2, $3, $4, true, $5, $6, $7, $8)`,
      [ctx.tenant, id, definition.code, version, JSON.stringify(definition), source, ctx.actor.type, ctx.actor.id]);
    await this.audit.record(ctx, { action: `${this.entity.action}.${current ? 'revised' : 'created'}`, entityType: this.entity.type, entityId: id, before: current?.definition ?? null, after: { ...definition, version, source } });
    return { stored: (await this.versions(ctx, definition.code)).find((p) => p.isCurrent)!, outcome: current ? 'updated' : 'created' };
  }

  /** Every version (or of one code), current first, then newest. */
  async versions(ctx: RequestContext, code?: string | null, currentOnly = false): Promise<StoredVersion<D>[]> {
    return (await ctx.db()).query(
      `SELECT id, code, version, is_current AS "isCurrent", definition, created_at AS "createdAt" FROM ${this.table}
       WHERE ($1::text IS NULL OR code = $1) AND (NOT $2 OR is_current) ORDER BY code, is_current DESC, version DESC`, [code ?? null, currentOnly]);
  }

  async byId(ctx: RequestContext, id: string): Promise<StoredVersion<D> | null> {
    const [row] = await (await ctx.db()).query(`SELECT id, code, version, is_current AS "isCurrent", definition, created_at AS "createdAt" FROM ${this.table} WHERE id = $1`, [id]);
    return row ?? null;
  }
}
