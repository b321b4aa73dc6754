import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

/** The driver's client, as far as the runner uses it directly (a text of several statements, a named statement). */
export interface PgClient {
  query(sql: string): Promise<{ rows: Record<string, unknown>[] }[]>;
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * The query runner of one tenant transaction: one connection whose statements run one after
 * another, in the order they were asked for. A request's field resolvers run in parallel and share
 * the transaction; pg would otherwise queue their statements itself (deprecated, gone in pg 9), so
 * they wait their turn here. The transaction begins with one text of several statements (BEGIN and
 * the scope in one round trip), after which TypeORM sees an active transaction, as it would after
 * its own `startTransaction` (so its writes do not open one of their own).
 */
export class SerialQueryRunner extends PostgresQueryRunner {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(dataSource: DataSource) {
    super(dataSource.driver as PostgresDriver, 'master');
    this.manager = dataSource.createEntityManager(this);
  }

  /** Runs `work` on the connection once every statement asked for before it has finished. */
  exclusive<T>(work: (client: PgClient) => Promise<T>): Promise<T> {
    const run = this.tail.then(async () => work((await this.connect()) as PgClient));
    this.tail = run.catch(() => undefined);
    return run;
  }

  override query(...args: Parameters<PostgresQueryRunner['query']>): Promise<any> {
    return this.exclusive(() => super.query(...args));
  }

  /** Sends `sql` (BEGIN and what goes with it, in one text) and records the transaction as begun. */
  async begin(sql: string): Promise<{ rows: Record<string, unknown>[] }[]> {
    const results = await this.exclusive((client) => client.query(sql));
    this.isTransactionActive = true;
    this.transactionDepth = 1;
    return results;
  }
}
