import { Client } from 'pg';
import type { Config } from '../../config/config';
import { type EmbeddedOptions, startEmbeddedPostgres } from './embedded-postgres';

/** The role the API and the worker connect as: no superuser, no BYPASSRLS, so row-level security binds it. */
export const APP_ROLE = 'microlend_app';

export interface DatabaseEndpoints {
  /** Owner of the schema: runs migrations. */
  ownerUrl: string;
  /** What the application uses at run time. */
  appUrl: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** Resolves where the database is: the configured server, or the embedded one started on demand. */
export async function resolveDatabase(config: Config, log?: (line: string) => void, keepAlive?: EmbeddedOptions['keepAlive']): Promise<DatabaseEndpoints> {
  // Only the app role's URL (a deployed API or worker): no owner credentials in the process at all.
  // The owner URL slot then holds the app URL too; nothing that needs the owner runs (config ensures
  // migrations on boot are off, and queues are on Redis).
  if (!config.databaseUrl && config.appDatabaseUrl) {
    return { ownerUrl: config.appDatabaseUrl, appUrl: config.appDatabaseUrl, embedded: false, stop: async () => undefined };
  }
  if (config.databaseUrl) {
    return {
      ownerUrl: config.databaseUrl,
      appUrl: config.appDatabaseUrl ?? withCredentials(config.databaseUrl, APP_ROLE, config.appDbPassword),
      embedded: false,
      stop: async () => undefined,
    };
  }
  const embedded = await startEmbeddedPostgres({ dataDir: config.embedded.dataDir, port: config.embedded.port, log, keepAlive });
  const ownerUrl = withDatabase(embedded.ownerUrl, 'microlend');
  await ensureDatabase(embedded.ownerUrl, 'microlend');
  return {
    ownerUrl,
    appUrl: config.appDatabaseUrl ?? withCredentials(ownerUrl, APP_ROLE, config.appDbPassword),
    embedded: true,
    stop: embedded.stop,
  };
}

export function withCredentials(url: string, user: string, password: string): string {
  const u = new URL(url);
  u.username = user;
  u.password = password;
  return u.toString();
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Creates `name` on the server of `adminUrl` when it is missing. */
export async function ensureDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) {
      await client.query(`CREATE DATABASE ${quoteIdent(name)}${template ? ` TEMPLATE ${quoteIdent(template)}` : ''}`);
    }
  } finally {
    await client.end();
  }
}

/**
 * Makes sure the application role exists with the configured password. Needs CREATEROLE on the owner
 * connection; where the operator manages roles (APP_DATABASE_URL set), this is skipped.
 *
 * Every process that boots as the owner (the API, each CLI command, parallel test files) runs this,
 * often at the same instant on one cluster. Roles are cluster-wide catalog rows, which no advisory
 * lock (those are per database) serialises: PostgreSQL answers a concurrent ALTER ROLE with "tuple
 * concurrently updated" and a concurrent CREATE ROLE with a duplicate. Both mean another process just
 * did the same thing, so it is tried again after a short, jittered wait.
 */
export async function ensureAppRole(ownerUrl: string, password: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await writeAppRole(ownerUrl, password);
    } catch (err) {
      if (attempt >= 8 || !isConcurrentRoleWrite(err)) throw err;
      await new Promise((r) => setTimeout(r, 20 * attempt + Math.random() * 50));
    }
  }
}

async function writeAppRole(ownerUrl: string, password: string): Promise<void> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [APP_ROLE]);
    const verb = found.rowCount === 0 ? 'CREATE' : 'ALTER';
    await client.query(
      `${verb} ROLE ${APP_ROLE} WITH LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD ${quoteLiteral(password)}`,
    );
  } finally {
    await client.end();
  }
}

function isConcurrentRoleWrite(err: unknown): boolean {
  const { code, message } = err as { code?: string; message?: string };
  // 42710 duplicate_object ("role already exists"), 23505 on pg_authid's name index; XX000 carries
  // "tuple concurrently updated".
  return code === '42710' || code === '23505' || (code === 'XX000' && /concurrently updated/.test(message ?? ''));
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
