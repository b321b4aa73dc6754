import type { QueryResult } from 'pg';

/** pg's own result builder and value serialiser, so a pipelined statement answers exactly as a plain one. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const PgResult = require('pg/lib/result') as new (rowMode: undefined, types: unknown) => ResultBuilder;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { prepareValue } = require('pg/lib/utils') as { prepareValue(value: unknown): unknown };

interface ResultBuilder extends QueryResult {
  addFields(fields: unknown[]): void;
  parseRow(fields: unknown[]): Record<string, unknown>;
  addRow(row: Record<string, unknown>): void;
  addCommandComplete(msg: unknown): void;
}

/** One statement of a pipeline: `name` '' for an unnamed one (parsed with it), else one the connection has prepared. */
export interface PipelinedStatement {
  name: string;
  text: string;
  values: unknown[];
}

/** The protocol connection of a pg client, as far as a pipeline writes to it. */
interface Wire {
  parsedStatements: Record<string, string>;
  stream: { cork?(): void; uncork?(): void };
  parse(msg: { text: string; name: string }): void;
  bind(msg: { portal: string; statement: string; values: unknown[] }): void;
  describe(msg: { type: 'P'; name: string }): void;
  execute(msg: { portal: string; rows: number }): void;
  sync(): void;
  sendCopyFail(message: string): void;
}

/** A pg client, as far as a pipeline uses it: it takes a submittable and lends it its connection. */
export interface PipelineClient {
  query(submittable: StatementPipeline): unknown;
  connection: Wire;
  _types?: unknown;
}

/**
 * Whether `statements` can go in one pipeline on `client`: each unnamed, or a named statement the
 * connection has already prepared (a pipeline never prepares a named one: were a later statement to
 * fail, whether that Parse took would be unknown, and pg would keep a wrong record of it).
 */
export function canPipeline(client: PipelineClient, statements: PipelinedStatement[]): boolean {
  return statements.every((s) => s.name === '' || client.connection.parsedStatements[s.name] === s.text);
}

/**
 * Sends `statements` in one round trip and answers each one's result, in order. They are written
 * together and closed by one Sync, so Postgres runs them one after another as if sent apart; the
 * first that fails ends the rest (Postgres skips to the Sync) and its error is the one raised. The
 * caller checks {@link canPipeline} first.
 */
export function sendPipelined(client: PipelineClient, statements: PipelinedStatement[]): Promise<QueryResult[]> {
  return new Promise((resolve, reject) => {
    client.query(new StatementPipeline(statements, client._types, (err, results) => (err ? reject(err) : resolve(results!))));
  });
}

/** The submittable pg runs as one query: its protocol messages out, the answers of each statement back. */
export class StatementPipeline {
  private readonly results: ResultBuilder[];
  private readonly values: unknown[][];
  private current = 0;
  private failure: Error | null = null;
  private done = false;

  constructor(
    private readonly statements: PipelinedStatement[],
    types: unknown,
    private readonly callback: (err: Error | null, results?: QueryResult[]) => void,
  ) {
    this.results = statements.map(() => new PgResult(undefined, types));
    // Serialised before anything is written: a value that cannot be sent fails the whole pipeline unsent.
    this.values = statements.map((s) => s.values.map((v) => prepareValue(v)));
  }

  /** What the statements say, for whoever watches a client's queries (made only when asked). */
  get text(): string {
    return this.statements.map((s) => s.text).join('; ');
  }

  submit(connection: Wire): Error | null {
    connection.stream.cork?.();
    try {
      this.statements.forEach((s, i) => {
        if (s.name === '') connection.parse({ text: s.text, name: '' });
        connection.bind({ portal: '', statement: s.name, values: this.values[i] });
        connection.describe({ type: 'P', name: '' });
        connection.execute({ portal: '', rows: 0 });
      });
      connection.sync();
    } finally {
      connection.stream.uncork?.();
    }
    return null;
  }

  handleRowDescription(msg: { fields: unknown[] }): void {
    this.results[this.current].addFields(msg.fields);
  }

  handleDataRow(msg: { fields: unknown[] }): void {
    if (this.failure) return;
    const result = this.results[this.current];
    try {
      result.addRow(result.parseRow(msg.fields));
    } catch (err) {
      this.failure = err as Error;
    }
  }

  handleCommandComplete(msg: unknown): void {
    this.results[this.current].addCommandComplete(msg);
    this.current++;
  }

  handleEmptyQuery(): void {
    this.current++;
  }

  handlePortalSuspended(): void {
    // Every statement runs to completion (rows: 0), so no portal is ever suspended.
  }

  handleCopyInResponse(connection: Wire): void {
    connection.sendCopyFail('COPY is not supported in a pipeline');
  }

  handleCopyData(): void {}

  handleError(err: Error): void {
    this.finish(this.failure ?? err);
  }

  handleReadyForQuery(): void {
    this.finish(this.failure, this.results);
  }

  private finish(err: Error | null, results?: QueryResult[]): void {
    if (this.done) return;
    this.done = true;
    this.callback(err, results);
  }
}
