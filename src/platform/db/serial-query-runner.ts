import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { isDatabaseUnavailable } from './domain-errors';
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
  readonly size: number;
  take(): { sql: string; params: unknown[] } | null;
  clear(): void;
}

/**
 * The query runner of one tenant transaction: one connection whose statements run one after
 * another, in the order they were asked for. A request's field resolvers run in parallel and share
 * the transaction; pg would otherwise queue their statements itself (deprecated, gone in pg 9), so
 * they wait their turn here.
 *
 * The transaction is recorded as begun when it is opened (TypeORM sees an active transaction, as
 * after its own `startTransaction`, so its writes do not open one of their own), and BEGIN with the
 * tenant scope goes to the database in front of its first statement. The unit of work's staged writes
 * go first too: whatever statement comes next (a read, a prepared statement, COMMIT) is preceded by
 * them, as one statement, so every read sees what the unit wrote. When that next statement is bound
 * (parameters, or a prepared name) what waits in front of it travels with it in one round trip (see
 * StatementsAhead). On rollback the staged writes are dropped unsent.
 */
export class SerialQueryRunner extends PostgresQueryRunner {
  private tail: Promise<unknown> = Promise.resolve();
  private ahead: StatementsAhead | null = null;
  /** BEGIN and the scope, not yet sent: they go with the transaction's first statement. */
  private opening: Opening | null = null;

  constructor(dataSource: DataSource, private readonly staged?: StagedWrites) {
    super(dataSource.driver as PostgresDriver, 'master');
    this.manager = dataSource.createEntityManager(this);
  }

  /**
   * Runs `work` on the connection once every statement asked for before it has finished; what waits
   * to be sent (BEGIN and the scope, the staged writes) goes in front of its first statement.
   */
  exclusive<T>(work: (client: PgClient) => Promise<T>): Promise<T> {
    const run = this.tail.then(async () => {
      // Its connection is back in the pool (another unit's, maybe): a statement asked for after the
      // unit ended (a read left behind by work that failed) is refused, never sent.
      if (this.isReleased) throw new Error('a statement was asked for after its unit of work ended');
      const client = (await super.connect()) as DriverClient;
      const opening = this.opening;
      this.opening = null;
      const writes = this.staged?.take();
      if (!opening && !writes) return work(client);
      // In front of the work's first statement; TypeORM's own statements reach it through connect().
      const ahead = new StatementsAhead(client, opening, writes ? statementFor(client, writes.sql, writes.params) : null);
      this.ahead = ahead;
      try {
        const result = await work(ahead);
        await ahead.sendIfUnsent();
        return result;
      } catch (err) {
        await ahead.sendIfUnsent();
        // A refusal from `begun` as it was thrown (TypeORM wraps whatever its client throws).
        throw ahead.refused ?? err;
      } finally {
        this.ahead = null;
      }
    });
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** The connection, or while statements wait in front of the next one, the client that sends them with it. */
  override connect(): Promise<any> {
    return this.ahead ? Promise.resolve(this.ahead) : super.connect();
  }

  override query(...args: Parameters<PostgresQueryRunner['query']>): Promise<any> {
    return this.exclusive(() => super.query(...args));
  }

  /**
   * A statement as a named prepared statement of this connection (see sendPrepared). Inside `together`
   * it waits for the others asked for alongside it, and they go as one.
   */
  prepared<T>(sql: string, params: unknown[]): Promise<T[]> {
    if (this.gathering === 0) return this.exclusive((client) => sendPrepared(client, sql, params)) as Promise<T[]>;
    return new Promise((resolve, reject) => {
      if (!this.gathered) {
        this.gathered = [];
        setImmediate(() => this.sendGathered());
      }
      this.gathered.push({ sql, params, resolve: resolve as (rows: unknown[]) => void, reject });
    });
  }

  /**
   * Runs `work`, whose prepared statements need none of one another's answers: those it asks for
   * before Node next turns to its I/O (every one its branches reach without waiting on anything but
   * one another and the database) go in one round trip once the connection has prepared them all
   * (before that, one after another, which prepares them). Each is answered with its own rows; one
   * that fails fails them all (the transaction is lost whichever failed). For reads.
   */
  async together<T>(work: () => Promise<T>): Promise<T> {
    this.gathering++;
    try {
      return await work();
    } finally {
      this.gathering--;
    }
  }

  private gathering = 0;
  private gathered: { sql: string; params: unknown[]; resolve(rows: unknown[]): void; reject(err: unknown): void }[] | null = null;

  private sendGathered(): void {
    const gathered = this.gathered;
    if (!gathered) return; // sent before COMMIT, or dropped at ROLLBACK
    this.gathered = null;
    this.exclusive((client) => sendPreparedAll(client, gathered)).then(
      (rows) => gathered.forEach((g, i) => g.resolve(rows[i])),
      (err) => gathered.forEach((g) => g.reject(err)),
    );
  }

  /** Sends the staged writes now (their errors surface here, not at COMMIT). */
  flush(): Promise<void> {
    return this.exclusive(async () => undefined);
  }

  override async rollbackTransaction(): Promise<void> {
    this.staged?.clear();
    // Reads gathered and not yet sent are refused unsent, as the staged writes are dropped.
    const gathered = this.gathered;
    this.gathered = null;
    gathered?.forEach((g) => g.reject(new Error('its unit of work rolled back before the read was sent')));
    if (await this.neverSent()) return;
    try {
      // A connection that failed was let go at once (TypeORM releases it on the client's error).
      if (!this.isReleased) return await super.rollbackTransaction();
    } catch (err) {
      // The connection is gone (the database went down or ended it): so is its transaction, which the
      // server rolled back as it went, and the pool drops a client that can no longer be queried. The
      // unit's own error, not this one, is the answer.
      if (!isDatabaseUnavailable(err)) throw err;
    }
    this.isTransactionActive = false;
    this.transactionDepth = 0;
  }

  override async commitTransaction(): Promise<void> {
    // Reads gathered and not yet sent go before COMMIT, inside the transaction they were asked in.
    if (this.gathered) this.sendGathered();
    if (!this.staged?.size && (await this.neverSent())) return;
    return super.commitTransaction();
  }

  /**
   * Once the statements asked for before have run: whether BEGIN is still unsent (no statement ever
   * went), in which case there is no transaction on the connection to end and it is recorded as ended.
   */
  private async neverSent(): Promise<boolean> {
    await this.tail;
    if (!this.opening) return false;
    this.opening = null;
    this.isTransactionActive = false;
    this.transactionDepth = 0;
    return true;
  }

  /**
   * Records the transaction as begun. BEGIN and `scope` (one SELECT with no parameters that sets the
   * transaction's scope) go to the database with its first statement, and `begun` is given the
   * scope's row, with the connection for statements of its own, before that statement's answer is used.
   */
  begin(scope: string, begun: Opening['begun']): void {
    this.opening = { scope, begun };
    this.isTransactionActive = true;
    this.transactionDepth = 1;
  }
}

interface Opening {
  scope: string;
  /** `db`: the connection itself, for statements of its own while the first statement holds it. */
  begun(scope: Record<string, unknown>, db: Pick<DataSource, 'query'>): Promise<void>;
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

/** sendPrepared for several statements: one round trip where the connection can take them as one pipeline. */
function sendPreparedAll(client: PgClient, statements: readonly { sql: string; params: unknown[] }[]): Promise<unknown[][]> {
  const named = statements.map((s) => statementFor(client, s.sql, s.params));
  return client instanceof StatementsAhead ? client.queryAll(named) : pipelineOrEach(client as DriverClient, named);
}

/**
 * Single statements (never a text of several) in one pipeline when the connection has prepared every
 * named one, else one after another; the rows of each, in order.
 */
async function pipelineOrEach(client: DriverClient, statements: PipelinedStatement[]): Promise<unknown[][]> {
  if (statements.length > 1 && canPipeline(client, statements)) return (await sendPipelined(client, statements)).map((r) => r.rows);
  const rows: unknown[][] = [];
  for (const s of statements) rows.push((await client.query(s)).rows);
  return rows;
}

/** `sql` as this connection sends it: named, or unnamed once the connection holds PER_CONNECTION others. */
function statementFor(client: PgClient, sql: string, params: unknown[]): PipelinedStatement {
  const name = nameOf(sql);
  // A client carrying statements ahead stands for the connection it wraps.
  const key = client instanceof StatementsAhead ? client.client : client;
  let held = prepared.get(key);
  if (!held) prepared.set(key, (held = new Set()));
  if (!held.has(name) && held.size >= PER_CONNECTION) return { name: '', text: sql, values: params };
  held.add(name);
  return { name, text: sql, values: params };
}

/**
 * A connection's client with statements waiting in front of its next one: BEGIN and the scope, then
 * the unit of work's staged writes. When that statement is bound (parameters or a prepared name: a
 * bare text may hold several statements, which only the simple protocol takes) and every one is
 * unnamed or already prepared here, they all go in one round trip: a failure in front stops the
 * statement and is the error raised, as when they went first on their own. Otherwise they go first,
 * then the statement.
 */
class StatementsAhead implements PgClient {
  /** What `begun` threw: the statement's answer is not given, and the unit fails with this. */
  refused: unknown = undefined;

  constructor(
    readonly client: DriverClient,
    private opening: Opening | null,
    private writes: PipelinedStatement | null,
  ) {}

  query(sql: string): Promise<{ rows: Record<string, unknown>[] }[]>;
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
  async query(config: string | { name?: string; text: string; values?: unknown[] }, values?: unknown[]): Promise<any> {
    const { client, opening, writes } = this;
    if (!opening && !writes) return client.query(config as string, values);
    this.opening = null;
    this.writes = null;
    const next = typeof config === 'string' ? { name: '', text: config, values: values ?? [] } : { name: config.name ?? '', text: config.text, values: config.values ?? [] };
    const front = frontOf(opening, writes);
    const bound = next.name !== '' || next.values.length > 0;
    if (!bound || !canPipeline(client, [...front, next])) {
      await this.send(opening, writes);
      return client.query(config as string, values);
    }
    const results = await sendPipelined(client, [...front, next]);
    if (opening) await this.check(opening, results[1].rows[0]);
    return results[results.length - 1];
  }

  /**
   * Several single statements (see pipelineOrEach) behind what waits: all in one round trip when every
   * one can go in a pipeline, else what waits first, then the statements.
   */
  async queryAll(next: PipelinedStatement[]): Promise<unknown[][]> {
    const { client, opening, writes } = this;
    if (!opening && !writes) return pipelineOrEach(client, next);
    this.opening = null;
    this.writes = null;
    const front = frontOf(opening, writes);
    if (!canPipeline(client, [...front, ...next])) {
      await this.send(opening, writes);
      return pipelineOrEach(client, next);
    }
    const results = await sendPipelined(client, [...front, ...next]);
    if (opening) await this.check(opening, results[1].rows[0]);
    return results.slice(front.length).map((r) => r.rows);
  }

  /** Sends what waits on its own when no statement took it. */
  async sendIfUnsent(): Promise<void> {
    const { opening, writes } = this;
    this.opening = null;
    this.writes = null;
    await this.send(opening, writes);
  }

  /** BEGIN with the scope (one text, one round trip), then the writes. */
  private async send(opening: Opening | null, writes: PipelinedStatement | null): Promise<void> {
    if (opening) {
      const results = await this.client.query(`START TRANSACTION; ${opening.scope}`);
      await this.check(opening, results[1].rows[0]);
    }
    if (writes) await this.client.query(writes);
  }

  private async check(opening: Opening, scope: Record<string, unknown>): Promise<void> {
    try {
      await opening.begun(scope, connectionQueries(this.client));
    } catch (err) {
      this.refused = err;
      throw err;
    }
  }
}

/** What waits in front of the next statement, as statements: BEGIN and the scope, then the writes. */
function frontOf(opening: Opening | null, writes: PipelinedStatement | null): PipelinedStatement[] {
  return [
    ...(opening ? [{ name: '', text: 'START TRANSACTION', values: [] }, { name: '', text: opening.scope, values: [] }] : []),
    ...(writes ? [writes] : []),
  ];
}

/** The connection's own statements, answered as TypeORM's `query` answers (the rows). */
function connectionQueries(client: DriverClient): Pick<DataSource, 'query'> {
  return { query: async (sql: string, params?: unknown[]) => ((await client.query(sql, params)) as { rows: any }).rows };
}
