import type { EntityManager } from 'typeorm';
import { queryPrepared } from './prepared';

/** One parameterised SQL statement: `$1`, `$2`, ... bind `params` in order. */
export interface SqlStatement {
  sql: string;
  params: unknown[];
}

/**
 * Writes gathered while a change is worked out, sent as one statement (one round trip): each part
 * becomes a data-modifying CTE of `WITH w1 AS (...), w2 AS (...) SELECT 1`, with its
 * placeholders renumbered. Every part runs to completion on the statement's one snapshot, so the
 * parts must not read each other's rows nor change the same row twice (Postgres would apply only one
 * of two updates of a row): appends, plus at most one update or delete per row. Constraint and
 * statement triggers fire at the end of the whole statement, as they would after separate ones.
 */
export class SqlBatch {
  private readonly parts: SqlStatement[] = [];

  /** A single INSERT, UPDATE or DELETE (no WITH of its own: Postgres allows those only at the top). */
  add(sql: string, params: unknown[] = []): this {
    if (/^\s*WITH\b/i.test(sql)) throw new Error('a batched statement cannot carry its own WITH clause');
    const highest = Math.max(0, ...[...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
    if (highest > params.length) throw new Error(`statement uses $${highest} but has ${params.length} parameters: ${sql}`);
    this.parts.push({ sql, params });
    return this;
  }

  /** The batch as one statement (a lone part is sent as it is). */
  toStatement(): SqlStatement {
    if (this.parts.length === 1) return this.parts[0];
    const params: unknown[] = [];
    const ctes = this.parts.map((part, i) => {
      const offset = params.length;
      params.push(...part.params);
      return `w${i + 1} AS (${shiftPlaceholders(part.sql, offset)})`;
    });
    return { sql: `WITH ${ctes.join(',\n')}\nSELECT 1`, params };
  }

  /** How many statements are waiting. */
  get size(): number {
    return this.parts.length;
  }

  /** The batch as one statement, emptied (null when there is nothing to send). */
  take(): SqlStatement | null {
    if (this.parts.length === 0) return null;
    const statement = this.toStatement();
    this.parts.length = 0;
    return statement;
  }

  /** Forgets what is waiting (the transaction it was for rolled back). */
  clear(): void {
    this.parts.length = 0;
  }

  /** Sends the batch (nothing when empty) as a prepared statement (its shapes repeat) and empties it. */
  async run(em: EntityManager): Promise<void> {
    const statement = this.take();
    if (statement) await queryPrepared(em, statement.sql, statement.params);
  }
}

/** The statement with each placeholder $n renumbered $(n + offset), to follow `offset` parameters of another. */
export function shiftPlaceholders(sql: string, offset: number): string {
  return sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
}
