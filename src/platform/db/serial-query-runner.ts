import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { type PipelineClient, type PipelinedStatement, canPipeline, sendPipelined } from './pipelined-statements';

/** The driver's client, as far as the runner uses it directly (a text of several statements, a named statement). */
export interface PgClient {
  query(sql: string): Promise<{ rows: Record<string, unknown>[] }[]>;
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/** The driver's client itself: what TypeORM calls, and what a pipeline is written to. */
type DriverClient = PgClient & PipelineClient & { query(text: string, values?: unknown[]): Promise<unknown> };

/** Writes a unit of work has staged and not yet sent (see SqlBatch): taken as one statement, or null. */
export interface StagedWrites {
  take(): { sql: string; params: unknown[] } | null;
  clear(): void;
}

/**
 * The query runner of one tenant transaction: one connection whose statements run one after
 * another, in the order they were asked for. A request's field resolvers run in parallel and share
 * the transaction; pg would otherwise queue their statements itself (deprecated, gone in pg 9), so
 * they wait their turn here.
 *
 * The unit of work's staged writes go first: whatever statement comes next (a read, a prepared
 * statement, COMMIT) is preceded by them, as one statement, so every read sees what the unit wrote.
 * When that next statement is bound (parameters, or a prepared name) the two travel in one round
 * trip (see WritesAhead). On rollback they are dropped unsent.
 *
 * The transaction begins with one text of several statements (BEGIN and the scope in one round
 * trip), after which TypeORM sees an active transaction, as after its own `startTransaction` (so its
 * writes do not open one of their own).
 */
export class SerialQueryRunner extends PostgresQueryRunner {
  private tail: Promise<unknown> = Promise.resolve();
  private ahead: WritesAhead | null = null;

  constructor(dataSource: DataSource, private readonly staged?: StagedWrites) {
    super(dataSource.driver as PostgresDriver, 'master');
    this.manager = dataSource.createEntityManager(this);
  }

  /**
   * Runs `work` on the connection once every statement asked for before it (and the staged writes) has
   * finished. `staged: false` leaves the staged writes for the next statement (BEGIN: writes staged
   * before the transaction opened belong inside it, after the tenant scope is set).
   */
  exclusive<T>(work: (client: PgClient) => Promise<T>, opts: { staged?: boolean } = {}): Promise<T> {
    const run = this.tail.then(async () => {
      const client = (await super.connect()) as DriverClient;
      const writes = opts.staged === false ? null : this.staged?.take();
      if (!writes) return work(client);
      // The writes ride with the work's first statement; TypeORM's own statements reach it through connect().
      const ahead = new WritesAhead(client, statementFor(client, writes.sql, writes.params));
      this.ahead = ahead;
      try {
        const result = await work(ahead);
        await ahead.sendIfUnsent();
        return result;
      } catch (err) {
        await ahead.sendIfUnsent();
        throw err;
      } finally {
        this.ahead = null;
      }
    });
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** The connection, or while staged writes wait for the next statement, the client that sends them with it. */
  override connect(): Promise<any> {
    return this.ahead ? Promise.resolve(this.ahead) : super.connect();
  }

  override query(...args: Parameters<PostgresQueryRunner['query']>): Promise<any> {
    return this.exclusive(() => super.query(...args));
  }

  /** A statement as a named prepared statement of this connection (see sendPrepared). */
  prepared<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.exclusive((client) => sendPrepared(client, sql, params)) as Promise<T[]>;
  }

  /** Sends the staged writes now (their errors surface here, not at COMMIT). */
  flush(): Promise<void> {
    return this.exclusive(async () => undefined);
  }

  override rollbackTransaction(): Promise<void> {
    this.staged?.clear();
    return super.rollbackTransaction();
  }

  /** Sends `sql` (BEGIN and what goes with it, in one text) and records the transaction as begun. */
  async begin(sql: string): Promise<{ rows: Record<string, unknown>[] }[]> {
    const results = await this.exclusive((client) => client.query(sql), { staged: false });
    this.isTransactionActive = true;
    this.transactionDepth = 1;
    return results;
  }
}

/** How many statements one connection keeps prepared; past it, statements run unnamed as usual. */
const PER_CONNECTION = 200;
const prepared = new WeakMap<object, Set<string>>();
/** Statement names by text, so a hot statement is hashed once per process, not once per call. */
const names = new Map<string, string>();
const NAMES_KEPT = 2000;

function nameOf(sql: string): string {
  let name = names.get(sql);
  if (name === undefined) {
    name = `ml_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
    if (names.size >= NAMES_KEPT) names.clear();
    names.set(sql, name);
  }
  return name;
}

/**
 * Runs a statement as a named prepared statement on the connection, so Postgres parses and plans it
 * once per connection rather than on every call (planning the write path's larger statements costs
 * more than running them). Each distinct text is held by the connection, up to PER_CONNECTION of them.
 */
async function sendPrepared<T>(client: PgClient, sql: string, params: unknown[]): Promise<T[]> {
  return (await client.query(statementFor(client, sql, params))).rows as T[];
}

/** `sql` as this connection sends it: named, or unnamed once the connection holds PER_CONNECTION others. */
function statementFor(client: PgClient, sql: string, params: unknown[]): PipelinedStatement {
  const name = nameOf(sql);
  // A client carrying writes ahead stands for the connection it wraps.
  const key = client instanceof WritesAhead ? client.client : client;
  let held = prepared.get(key);
  if (!held) prepared.set(key, (held = new Set()));
  if (!held.has(name) && held.size >= PER_CONNECTION) return { name: '', text: sql, values: params };
  held.add(name);
  return { name, text: sql, values: params };
}

/**
 * A connection's client with the unit of work's staged writes waiting in front of its next
 * statement. When that statement is bound (parameters or a prepared name: a bare text may hold
 * several statements, which only the simple protocol takes) and both are unnamed or already prepared
 * here, the two go in one round trip: the writes' failure stops the statement and is the error
 * raised, as when they went first on their own. Otherwise the writes go first, then the statement.
 */
class WritesAhead implements PgClient {
  private pending: PipelinedStatement | null;

  constructor(readonly client: DriverClient, writes: PipelinedStatement) {
    this.pending = writes;
  }

  query(sql: string): Promise<{ rows: Record<string, unknown>[] }[]>;
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
  async query(config: string | { name?: string; text: string; values?: unknown[] }, values?: unknown[]): Promise<any> {
    const writes = this.pending;
    const client = this.client;
    if (!writes) return client.query(config as string, values);
    this.pending = null;
    const next = typeof config === 'string' ? { name: '', text: config, values: values ?? [] } : { name: config.name ?? '', text: config.text, values: config.values ?? [] };
    const bound = next.name !== '' || next.values.length > 0;
    if (!bound || !canPipeline(client, [writes, next])) {
      await client.query(writes);
      return client.query(config as string, values);
    }
    const [, result] = await sendPipelined(client, [writes, next]);
    return result;
  }

  /** Sends the writes on their own when no statement took them. */
  async sendIfUnsent(): Promise<void> {
    const writes = this.pending;
    if (!writes) return;
    this.pending = null;
    await this.client.query(writes);
  }
}
