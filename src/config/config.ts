import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { z } from 'zod';
import { postgresCannotReach, shelterFor } from './postgres-reach';
import { secretProblem } from './secrets';

/**
 * The one typed, validated configuration object. Nothing else in the code base reads `process.env`.
 * Every setting has a development default so `npm start` works on a fresh machine; production
 * (`NODE_ENV=production`) refuses to boot without the secrets.
 */
export interface Config {
  env: 'development' | 'test' | 'production';
  port: number;
  /** Owner connection (runs migrations, creates the app role). Unset: the embedded PostgreSQL. */
  databaseUrl?: string;
  /** Connection used at run time by the API and worker: a role without BYPASSRLS. Derived when unset. */
  appDatabaseUrl?: string;
  appDbPassword: string;
  redisUrl?: string;
  embedded: { dataDir: string; port: number };
  jwt: { secret: Uint8Array; staffTtlSeconds: number; borrowerTtlSeconds: number; issuer: string };
  /**
   * How long (ms) the API keeps a verified credential before looking it up again (0: every request
   * looks it up). Revocation, suspension and user changes drop it at once on every replica (NOTIFY),
   * expiry ends it at the instant, and it is bypassed while the LISTEN connection is down: this is
   * only the bound on a change notification lost without the connection being seen to drop.
   */
  credentialCacheMs: number;
  /**
   * Limits of one GraphQL document, checked before it runs: depth, cost (points, see
   * src/platform/graphql/limits.ts), aliases, tokens and directives; page sizes.
   */
  graphql: { maxDepth: number; maxCost: number; maxPageSize: number; defaultPageSize: number; maxAliases: number; maxTokens: number; maxDirectives: number };
  logLevel: string;
  /** Apply pending migrations when the API starts (off in a deployment, where a Job migrates). */
  migrateOnBoot: boolean;
  /** Run the job worker inside the API process (the embedded default). */
  inProcessWorker: boolean;
  tenantsDir: string;
  /** The lender console's build (`npm run console:build`, in the image too), served at /console. */
  consoleDir: string;
  projectRoot: string;
  shutdownGraceMs: number;
  /**
   * Longest a statement of the app role may run (ms; 0: no limit), so a request or a killed job does
   * not leave a statement running on; close of business's partition statements get `cobStatementTimeoutMs`.
   */
  statementTimeoutMs: number;
  cobStatementTimeoutMs: number;
  /** Loans per close-of-business partition (one statement and one transaction each; workers take partitions in parallel). */
  cobChunkSize: number;
  /** Share of the loans table's pages (percent) a large book's close-of-business partitions are cut from; 0: every loan numbered. */
  cobSamplePercent: number;
  /** Partitions of one date a process runs at once, each on its own connection (default: the cores, at most 4). */
  cobParallelism: number;
  /**
   * PostgreSQL's work_mem for the statements that complete a date (the snapshot reads the tenant's whole
   * book: its joins and sums stay in memory instead of spilling to disk), e.g. `64MB`.
   */
  cobWorkMem: string;
  /**
   * A loan's replay state is snapshotted after every this many transactions replayed, so a repayment
   * replays only the transactions since the latest snapshot (0: never; every replay starts at disbursement).
   */
  servicingSnapshotEvery: number;
  /**
   * Cost budgets (leaky buckets of query-cost points), shared by every replica: one per credential,
   * sized by its tenant's plan (`plans`, a tenant without one gets `defaultPlan`), and one per client
   * address without a credential. Off (`enabled: false`) only in tests and benchmarks.
   */
  rateLimits: { enabled: boolean; plans: Record<string, CostBucket>; defaultPlan: string; anonymous: CostBucket };
  /** Jobs a worker process runs at once. */
  workerConcurrency: number;
  /** Where a worker process serves /healthz, /readyz and /metrics (null: it serves nothing). */
  workerHttpPort: number | null;
  /** Where the API serves Prometheus /metrics, apart from the public port (null: it serves none). */
  metricsPort: number | null;
  /** Wraps each tenant's data key (AES-256-GCM); 32 bytes. */
  masterKey: Buffer;
  /** During a master-key rotation: the old key, still accepted to unwrap until `keys rewrap` has run. */
  masterKeyPrevious: Buffer | null;
  /**
   * Stripe: `api` points the SDK somewhere other than api.stripe.com (a local server in tests);
   * `platformSecretKey` is the operator's own account, which bills tenants for usage.
   */
  stripe: { api: { host: string; port: number; protocol: 'http' | 'https' } | null; platformSecretKey: string | null };
  /** Outgoing webhooks: retry backoff base, attempts per delivery, consecutive failures that disable an endpoint, request timeout, safety sweep. */
  webhooks: { backoffBaseMs: number; maxBackoffMs: number; maxAttempts: number; disableAfterFailures: number; timeoutMs: number; sweepMs: number; allowPrivateNetworks: boolean };
  /**
   * Payouts (disbursements, commissions, refunds) sent by the payout job: provider calls per round
   * whose outcome is unknown (timeouts, 5xx) before the payout is FAILED, and the backoff between them.
   */
  payouts: { maxAttempts: number; backoffBaseMs: number; maxBackoffMs: number };
  /** Citus: `distribute` makes the migrations distribute tenant tables on tenant_id (docs/citus.md). */
  citus: { distribute: boolean };
}

/** A leaky bucket of query-cost points: holds at most `maximumAvailable`, refilled at `restoreRate` points a second. */
export interface CostBucket {
  maximumAvailable: number;
  restoreRate: number;
}

/** `max:restore`, e.g. `2000:100`. */
const bucketSchema = z.string().regex(/^\d+:\d+(\.\d+)?$/, 'maximumAvailable:restoreRate, e.g. 2000:100').transform((v): CostBucket => {
  const [max, rate] = v.split(':');
  return { maximumAvailable: Number(max), restoreRate: Number(rate) };
}).refine((b) => b.maximumAvailable > 0 && b.restoreRate > 0, 'both must be positive');

/** `NAME:max:restore,NAME:max:restore…`, e.g. `STARTER:1000:50,STANDARD:2000:100`. */
const plansSchema = z.string().transform((v, issue) => {
  const plans: Record<string, CostBucket> = {};
  for (const part of v.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([A-Z][A-Z0-9_]{0,39}):(\d+):(\d+(?:\.\d+)?)$/.exec(part);
    if (!m || Number(m[2]) <= 0 || Number(m[3]) <= 0) {
      issue.addIssue({ code: 'custom', message: `"${part}" is not PLAN:maximumAvailable:restoreRate (upper-case name, positive numbers)` });
      return z.NEVER;
    }
    plans[m[1]] = { maximumAvailable: Number(m[2]), restoreRate: Number(m[3]) };
  }
  if (!Object.keys(plans).length) {
    issue.addIssue({ code: 'custom', message: 'names at least one plan' });
    return z.NEVER;
  }
  return plans;
});

const DEV_JWT_SECRET = 'microlend-development-only-jwt-secret-change-me';
const DEV_MASTER_KEY = createHash('sha256').update('microlend-development-only-master-key').digest();
const DEV_APP_DB_PASSWORD = 'microlend-app-dev';
/** The development defaults, published in this repository: production refuses each. */
const PUBLISHED_SECRETS = [DEV_JWT_SECRET, DEV_APP_DB_PASSWORD].map((v) => new TextEncoder().encode(v));
// The folder with package.json: two levels up from src/config, three from the build's dist/src/config.
const PROJECT_ROOT = findProjectRoot(__dirname);

/**
 * Budgets per plan, after Shopify's Admin API: a credential may spend a burst of up to
 * maximumAvailable points, then restoreRate points a second (a point is about a microsecond of the
 * API's CPU). Each holds at least one query of the highest cost (GRAPHQL_MAX_COST, 15,000); a
 * STANDARD key reads a 50-loan page of ten fields (~1,050 points) about twice a second for as long
 * as it likes, and about fifty times in a burst.
 */
const DEFAULT_PLANS = 'STARTER:20000:500,STANDARD:50000:2000,ENTERPRISE:200000:10000';
/** A client without a credential (sign-in, health probes of GraphQL): small, per address. */
const DEFAULT_ANONYMOUS_BUCKET = '300:5';

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  DATABASE_URL: z.string().url().optional(),
  APP_DATABASE_URL: z.string().url().optional(),
  APP_DB_PASSWORD: z.string().min(8).optional(),
  REDIS_URL: z.string().url().optional(),
  MICROLEND_DATA_DIR: z.string().optional(),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  JWT_SECRET: z.string().min(32).optional(),
  JWT_STAFF_TTL_SECONDS: z.coerce.number().int().positive().default(3600),
  JWT_BORROWER_TTL_SECONDS: z.coerce.number().int().positive().default(900),
  CREDENTIAL_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(2_000),
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().positive().default(10),
  GRAPHQL_MAX_COST: z.coerce.number().int().positive().default(15000),
  GRAPHQL_MAX_ALIASES: z.coerce.number().int().positive().default(30),
  GRAPHQL_MAX_TOKENS: z.coerce.number().int().positive().default(5000),
  GRAPHQL_MAX_DIRECTIVES: z.coerce.number().int().positive().default(50),
  GRAPHQL_MAX_PAGE_SIZE: z.coerce.number().int().positive().default(100),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  IN_PROCESS_WORKER: z.enum(['true', 'false']).optional(),
  MIGRATE_ON_BOOT: z.enum(['true', 'false']).optional(),
  TENANTS_DIR: z.string().optional(),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().nonnegative().default(10000),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
  COB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(600_000),
  COB_CHUNK_SIZE: z.coerce.number().int().min(1).max(1_000_000).default(20_000),
  COB_SAMPLE_PERCENT: z.coerce.number().min(0).max(100).default(1),
  COB_PARALLELISM: z.coerce.number().int().min(1).max(16).optional(),
  COB_WORK_MEM: z.string().regex(/^[1-9][0-9]{0,6}(kB|MB|GB)$/, 'a PostgreSQL memory size such as 64MB').default('64MB'),
  SERVICING_SNAPSHOT_EVERY: z.coerce.number().int().min(0).max(1_000_000).default(200),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  RATE_LIMITS: z.enum(['true', 'false']).default('true'),
  RATE_LIMIT_PLANS: plansSchema.prefault(DEFAULT_PLANS),
  RATE_LIMIT_DEFAULT_PLAN: z.string().default('STANDARD'),
  RATE_LIMIT_ANONYMOUS: bucketSchema.prefault(DEFAULT_ANONYMOUS_BUCKET),
  WORKER_HTTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  STRIPE_API_HOST: z.string().optional(),
  STRIPE_API_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  STRIPE_API_PROTOCOL: z.enum(['http', 'https']).optional(),
  STRIPE_PLATFORM_SECRET_KEY: z.string().optional(),
  WEBHOOK_BACKOFF_BASE_MS: z.coerce.number().int().positive().default(5_000),
  WEBHOOK_MAX_BACKOFF_MS: z.coerce.number().int().positive().default(3_600_000),
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(15),
  WEBHOOK_DISABLE_AFTER_FAILURES: z.coerce.number().int().min(1).default(50),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  WEBHOOK_SWEEP_MS: z.coerce.number().int().positive().default(30_000),
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: z.enum(['true', 'false']).optional(),
  PAYOUT_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(5),
  PAYOUT_BACKOFF_BASE_MS: z.coerce.number().int().positive().default(60_000),
  PAYOUT_MAX_BACKOFF_MS: z.coerce.number().int().positive().default(3_600_000),
  CITUS_DISTRIBUTE: z.enum(['true', 'false']).default('false'),
  MASTER_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64 (openssl rand -base64 32)')
    .optional(),
  MASTER_KEY_PREVIOUS: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64')
    .optional(),
});

export class ConfigError extends Error {}

/** Builds the config from an environment map (defaults to `process.env`). Throws a readable ConfigError. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production') {
    const missing = ['DATABASE_URL', 'JWT_SECRET', 'APP_DB_PASSWORD'].filter((k) => !(env as Record<string, string | undefined>)[k]);
    if (!e.APP_DATABASE_URL && missing.length) throw new ConfigError(`Production needs ${missing.join(', ')}`);
    if (!e.JWT_SECRET) throw new ConfigError('Production needs JWT_SECRET');
    if (!e.MASTER_KEY) throw new ConfigError('Production needs MASTER_KEY');
    refuseWeakSecrets(e);
  }
  const starved = Object.entries(e.RATE_LIMIT_PLANS).filter(([, b]) => b.maximumAvailable < e.GRAPHQL_MAX_COST).map(([name]) => name);
  if (starved.length) throw new ConfigError(`RATE_LIMIT_PLANS: ${starved.join(', ')} cannot hold one query of GRAPHQL_MAX_COST (${e.GRAPHQL_MAX_COST}) points`);
  if (!Object.hasOwn(e.RATE_LIMIT_PLANS, e.RATE_LIMIT_DEFAULT_PLAN)) {
    throw new ConfigError(`RATE_LIMIT_DEFAULT_PLAN ${e.RATE_LIMIT_DEFAULT_PLAN} is not one of RATE_LIMIT_PLANS (${Object.keys(e.RATE_LIMIT_PLANS).join(', ')})`);
  }
  if (e.METRICS_PORT !== undefined && e.METRICS_PORT === e.PORT) throw new ConfigError('METRICS_PORT must differ from PORT: /metrics is not served on the public port');
  // With only the app role's URL there is no one to migrate as, and no owner for BullMQ's Postgres schema.
  const appRoleOnly = !e.DATABASE_URL && Boolean(e.APP_DATABASE_URL);
  const migrateOnBoot = e.MIGRATE_ON_BOOT ? e.MIGRATE_ON_BOOT === 'true' : !appRoleOnly;
  if (appRoleOnly && migrateOnBoot) throw new ConfigError('MIGRATE_ON_BOOT needs DATABASE_URL (the schema owner); with only APP_DATABASE_URL, migrate with `microlend db migrate` elsewhere');
  if (appRoleOnly && !e.REDIS_URL) throw new ConfigError('Queues on PostgreSQL need DATABASE_URL (the owner creates their schema); with only APP_DATABASE_URL set REDIS_URL');
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    appDatabaseUrl: e.APP_DATABASE_URL,
    appDbPassword: e.APP_DB_PASSWORD ?? DEV_APP_DB_PASSWORD,
    redisUrl: e.REDIS_URL,
    embedded: { dataDir: e.MICROLEND_DATA_DIR ?? defaultDataDir(), port: e.EMBEDDED_PG_PORT },
    jwt: {
      secret: new TextEncoder().encode(e.JWT_SECRET ?? DEV_JWT_SECRET),
      staffTtlSeconds: e.JWT_STAFF_TTL_SECONDS,
      borrowerTtlSeconds: e.JWT_BORROWER_TTL_SECONDS,
      issuer: 'microlend',
    },
    credentialCacheMs: e.CREDENTIAL_CACHE_MS,
    graphql: {
      maxDepth: e.GRAPHQL_MAX_DEPTH,
      maxCost: e.GRAPHQL_MAX_COST,
      maxPageSize: e.GRAPHQL_MAX_PAGE_SIZE,
      defaultPageSize: Math.min(20, e.GRAPHQL_MAX_PAGE_SIZE),
      maxAliases: e.GRAPHQL_MAX_ALIASES,
      maxTokens: e.GRAPHQL_MAX_TOKENS,
      maxDirectives: e.GRAPHQL_MAX_DIRECTIVES,
    },
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'silent' : 'info'),
    migrateOnBoot,
    inProcessWorker: e.IN_PROCESS_WORKER ? e.IN_PROCESS_WORKER === 'true' : !e.DATABASE_URL && !e.APP_DATABASE_URL,
    tenantsDir: path.resolve(PROJECT_ROOT, e.TENANTS_DIR ?? 'tenants'),
    consoleDir: path.resolve(PROJECT_ROOT, 'dist', 'console'),
    projectRoot: PROJECT_ROOT,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
    cobStatementTimeoutMs: e.COB_STATEMENT_TIMEOUT_MS,
    cobChunkSize: e.COB_CHUNK_SIZE,
    cobSamplePercent: e.COB_SAMPLE_PERCENT,
    cobParallelism: e.COB_PARALLELISM ?? Math.min(4, os.availableParallelism()),
    cobWorkMem: e.COB_WORK_MEM,
    servicingSnapshotEvery: e.SERVICING_SNAPSHOT_EVERY,
    rateLimits: { enabled: e.RATE_LIMITS === 'true', plans: e.RATE_LIMIT_PLANS, defaultPlan: e.RATE_LIMIT_DEFAULT_PLAN, anonymous: e.RATE_LIMIT_ANONYMOUS },
    workerConcurrency: e.WORKER_CONCURRENCY,
    workerHttpPort: e.WORKER_HTTP_PORT ?? null,
    metricsPort: e.METRICS_PORT ?? null,
    masterKey: e.MASTER_KEY ? Buffer.from(e.MASTER_KEY, 'base64') : DEV_MASTER_KEY,
    masterKeyPrevious: e.MASTER_KEY_PREVIOUS ? Buffer.from(e.MASTER_KEY_PREVIOUS, 'base64') : null,
    stripe: {
      api: e.STRIPE_API_HOST ? { host: e.STRIPE_API_HOST, port: e.STRIPE_API_PORT ?? 443, protocol: e.STRIPE_API_PROTOCOL ?? 'https' } : null,
      platformSecretKey: e.STRIPE_PLATFORM_SECRET_KEY ?? null,
    },
    payouts: { maxAttempts: e.PAYOUT_MAX_ATTEMPTS, backoffBaseMs: e.PAYOUT_BACKOFF_BASE_MS, maxBackoffMs: e.PAYOUT_MAX_BACKOFF_MS },
    webhooks: {
      backoffBaseMs: e.WEBHOOK_BACKOFF_BASE_MS,
      maxBackoffMs: e.WEBHOOK_MAX_BACKOFF_MS,
      maxAttempts: e.WEBHOOK_MAX_ATTEMPTS,
      disableAfterFailures: e.WEBHOOK_DISABLE_AFTER_FAILURES,
      timeoutMs: e.WEBHOOK_TIMEOUT_MS,
      sweepMs: e.WEBHOOK_SWEEP_MS,
      // A tenant's endpoint must not reach into our network (cloud metadata, the database...): off in production.
      allowPrivateNetworks: e.WEBHOOK_ALLOW_PRIVATE_NETWORKS ? e.WEBHOOK_ALLOW_PRIVATE_NETWORKS === 'true' : e.NODE_ENV !== 'production',
    },
    citus: { distribute: e.CITUS_DISTRIBUTE === 'true' },
  };
}

/**
 * Production refuses development and weak secrets: each published value (the defaults above, the
 * development master key), an all-zero or otherwise low-entropy key, anything under 32 bytes. Every
 * offending variable is named, with how to make a good one.
 */
function refuseWeakSecrets(e: z.infer<typeof envSchema>): void {
  const text = (v: string) => new TextEncoder().encode(v);
  const problems: string[] = [];
  const check = (name: string, bytes: Uint8Array | null, known: readonly Uint8Array[], hint: string) => {
    const problem = bytes && secretProblem(bytes, known);
    if (problem) problems.push(`  ${name} ${problem} (${hint})`);
  };
  check('JWT_SECRET', e.JWT_SECRET ? text(e.JWT_SECRET) : null, PUBLISHED_SECRETS, 'openssl rand -base64 48');
  check('MASTER_KEY', e.MASTER_KEY ? Buffer.from(e.MASTER_KEY, 'base64') : null, [DEV_MASTER_KEY], 'openssl rand -base64 32');
  check('APP_DB_PASSWORD', e.APP_DB_PASSWORD ? text(e.APP_DB_PASSWORD) : null, PUBLISHED_SECRETS, 'openssl rand -base64 32');
  // The app role's password inside its URL: at least not the one this repository publishes.
  const appPassword = e.APP_DATABASE_URL ? decodeURIComponent(new URL(e.APP_DATABASE_URL).password) : '';
  if (appPassword === DEV_APP_DB_PASSWORD) problems.push('  APP_DATABASE_URL carries the development password of the app role');
  if (problems.length) throw new ConfigError(`Production refuses these secrets:\n${problems.join('\n')}`);
}

/** `.data/postgres` in the project, unless the `postgres` OS user cannot reach it (see postgres-reach). */
function defaultDataDir(): string {
  const local = path.join(PROJECT_ROOT, '.data', 'postgres');
  return postgresCannotReach(PROJECT_ROOT) ? path.join(shelterFor(PROJECT_ROOT), 'postgres') : local;
}

function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, '..', '..');
  }
}
