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
    const highest = highestPlaceholder(sql);
    if (highest > params.length) throw new Error(`statement uses $${highest} but has ${params.length} parameters: ${sql}`);
    this.parts.push({ sql, params });
    return this;
  }

  /** The batch as one statement (a lone part is sent as it is). */
  toStatement(): SqlStatement {
    if (this.parts.length === 1) return this.parts[0];
    const params: unknown[] = [];
    let shape = SHAPES.root;
    for (const part of this.parts) {
      shape = SHAPES.step(shape, part.sql, params.length);
      for (const p of part.params) params.push(p);
    }
    shape.text ??= composeText(this.parts);
    return { sql: shape.text, params };
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

function composeText(parts: readonly SqlStatement[]): string {
  let offset = 0;
  const ctes = parts.map((part, i) => {
    const cte = `w${i + 1} AS (${shiftPlaceholders(part.sql, offset)})`;
    offset += part.params.length;
    return cte;
  });
  return `WITH ${ctes.join(',\n')}\nSELECT 1`;
}

/** A batch's shape so far: its parts' texts and where their parameters start; the text it composes to. */
interface Shape {
  next: Map<string, Map<number, Shape>>;
  text?: string;
}

/**
 * The texts batches have composed to, by shape: a unit of work stages the same few shapes over and
 * over, so each is renumbered and joined once, and comes back as the same string (which the
 * prepared-statement cache then finds without hashing a new text). Texts built per call (a VALUES
 * list of n rows) could grow it without end: past SHAPES_KEPT shapes it starts again.
 */
const SHAPES = {
  root: { next: new Map() } as Shape,
  count: 0,
  step(from: Shape, sql: string, offset: number): Shape {
    let byOffset = from.next.get(sql);
    if (byOffset === undefined) from.next.set(sql, (byOffset = new Map()));
    let shape = byOffset.get(offset);
    if (shape === undefined) {
      if (++this.count > SHAPES_KEPT) {
        this.root = { next: new Map() };
        this.count = 0;
      }
      byOffset.set(offset, (shape = { next: new Map() }));
    }
    return shape;
  },
};
const SHAPES_KEPT = 5000;

/** The highest placeholder of each text (the texts are the code's constants, so each is read once), refusing a WITH. */
function highestPlaceholder(sql: string): number {
  let highest = HIGHEST.get(sql);
  if (highest === undefined) {
    if (/^\s*WITH\b/i.test(sql)) throw new Error('a batched statement cannot carry its own WITH clause');
    highest = 0;
    for (const m of sql.matchAll(/\$(\d+)/g)) highest = Math.max(highest, Number(m[1]));
    if (HIGHEST.size >= SHAPES_KEPT) HIGHEST.clear();
    HIGHEST.set(sql, highest);
  }
  return highest;
}
const HIGHEST = new Map<string, number>();

/** The statement with each placeholder $n renumbered $(n + offset), to follow `offset` parameters of another. */
export function shiftPlaceholders(sql: string, offset: number): string {
  return sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
}
