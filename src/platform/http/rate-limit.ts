import { HeaderMap } from '@apollo/server';
import type IORedis from 'ioredis';
import type { DataSource } from 'typeorm';
import type { CostBucket } from '../../config/config';
import { AppError } from '../graphql/errors';
import type { Actor } from '../tenancy/request-context';

/** What a bucket holds after a request: Shopify's `throttleStatus`. */
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

/** Leaky buckets of points, shared by every replica. */
export interface BucketStore {
  /**
   * Refills `key`'s bucket for the time since it was last touched (at `bucket.restoreRate` points a
   * second, up to `bucket.maximumAvailable`; a new bucket starts full), then takes `cost` points if
   * that many are there. One atomic step, so concurrent requests on any replica cannot overspend.
   */
  take(key: string, cost: number, bucket: CostBucket, nowMs: number): Promise<{ taken: boolean; available: number }>;
}

/**
 * Refill and take in one Lua script (atomic in Redis). The time is the caller's, so a replica whose
 * clock is behind never refills twice (`t` only moves forward). The key expires once it would be
 * full again: a full bucket and no bucket are the same.
 */
const TAKE_SCRIPT = `
local cost, max, rate, now = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local v = redis.call('HMGET', KEYS[1], 'a', 't')
local available, at = tonumber(v[1]), tonumber(v[2])
if available == nil or at == nil then available, at = max, now end
if now > at then available = math.min(max, available + (now - at) * rate / 1000); at = now end
available = math.min(available, max)
local taken = 0
if available >= cost then available = available - cost; taken = 1 end
redis.call('HSET', KEYS[1], 'a', tostring(available), 't', tostring(at))
redis.call('PEXPIRE', KEYS[1], math.ceil((max - available) * 1000 / rate) + 1000)
return { taken, tostring(available) }
`;

type TakeCommand = (key: string, cost: number, max: number, rate: number, now: number) => Promise<[number, string]>;

/** Redis: the bucket is a hash refilled and spent by one script, sent by its SHA (EVALSHA; the script itself only when Redis lacks it). */
export class RedisBucketStore implements BucketStore {
  private readonly takeCommand: TakeCommand;

  constructor(redis: IORedis) {
    redis.defineCommand('microlendBudgetTake', { numberOfKeys: 1, lua: TAKE_SCRIPT });
    const commands = redis as unknown as { microlendBudgetTake: TakeCommand };
    this.takeCommand = commands.microlendBudgetTake.bind(redis);
  }

  async take(key: string, cost: number, bucket: CostBucket, nowMs: number): Promise<{ taken: boolean; available: number }> {
    const [taken, available] = await this.takeCommand(`microlend:budget:${key}`, cost, bucket.maximumAvailable, bucket.restoreRate, nowMs);
    return { taken: taken === 1, available: Number(available) };
  }
}

/**
 * PostgreSQL (no Redis, the embedded default): one upsert on an unlogged table; the row lock of the
 * conflicting row makes refill-and-take atomic. Every SET expression reads the row as it was, so
 * `taken` and `available` are computed from the same refilled figure.
 */
export class PostgresBucketStore implements BucketStore {
  private lastSweep = 0;

  constructor(private readonly dataSource: () => DataSource) {}

  async take(key: string, cost: number, bucket: CostBucket, nowMs: number): Promise<{ taken: boolean; available: number }> {
    const ds = this.dataSource();
    const refilled = 'LEAST($3::float8, b.available + GREATEST(0, $5::bigint - b.updated_ms) * $4::float8 / 1000.0)';
    const [row] = await ds.query(
      `INSERT INTO rate_limit_buckets AS b (key, available, updated_ms, taken)
       VALUES ($1, CASE WHEN $2::float8 <= $3::float8 THEN $3::float8 - $2::float8 ELSE $3::float8 END, $5::bigint, $2::float8 <= $3::float8)
       ON CONFLICT (key) DO UPDATE SET
         taken = ${refilled} >= $2::float8,
         available = ${refilled} - CASE WHEN ${refilled} >= $2::float8 THEN $2::float8 ELSE 0 END,
         updated_ms = GREATEST(b.updated_ms, $5::bigint)
       RETURNING available, taken`,
      [key, cost, bucket.maximumAvailable, bucket.restoreRate, nowMs],
    );
    // Buckets untouched for an hour are full again under any sensible plan: the same as no row.
    if (nowMs - this.lastSweep >= 60_000) {
      this.lastSweep = nowMs;
      await ds.query('DELETE FROM rate_limit_buckets WHERE updated_ms < $1', [nowMs - 3_600_000]).catch(() => undefined);
    }
    return { taken: row.taken, available: Number(row.available) };
  }
}

export interface CostBudgetSettings {
  plans: Record<string, CostBucket>;
  defaultPlan: string;
  anonymous: CostBucket;
}

/** Who spends: a credential of a tenant, the operator, or an address without a credential. */
export interface Spender {
  tenantId: string | null;
  actor: Actor;
  ip: string | null;
}

/** How long a tenant's plan is kept: a change announced on CREDENTIALS_CHANNEL drops it sooner (see forgetPlans). */
const PLAN_TTL_MS = 60_000;

/**
 * An allowance is taken from the shared bucket in one step and spent here: at most a hundredth of
 * the bucket and a second of its restore rate, never less than the request's cost, and good for a
 * second. Points of an allowance that lapses unspent are gone (the bucket was charged for them), so
 * a replica can under-spend a credential's budget by one allowance a second, never over-spend it.
 */
const ALLOWANCE_SHARE = 100;
const ALLOWANCE_MS = 1_000;
const ALLOWANCES_KEPT = 10_000;

interface Allowance {
  points: number;
  /** What the shared bucket held once the allowance was taken. */
  shared: number;
  until: number;
}

/** The points to take from the shared bucket for a request of `cost` (see ALLOWANCE_SHARE). */
export function allowanceFor(cost: number, bucket: CostBucket): number {
  return Math.max(cost, Math.min(Math.floor(bucket.maximumAvailable / ALLOWANCE_SHARE), Math.floor(bucket.restoreRate)));
}

/**
 * Query-cost budgets: each credential (API key, staff user, borrower token) has a leaky bucket of
 * points sized by its tenant's plan, each address without a credential a small one. A request takes
 * its requested cost before it runs, from an allowance this replica took from the shared bucket
 * when the bucket is large (see ALLOWANCE_SHARE: one store round trip for many requests); a bucket without that much answers RATE_LIMITED (HTTP 429) with
 * Retry-After, the time the restore rate needs to refill the difference.
 */
export class CostBudget {
  private readonly planCache = new Map<string, { plan: string; at: number }>();
  private readonly allowances = new Map<string, Allowance>();

  constructor(
    private readonly store: BucketStore,
    private readonly settings: CostBudgetSettings,
    /** The plan a tenant is on (null: the default plan); kept here for a minute, or until forgetPlans. */
    private readonly planOf: (tenantId: string) => Promise<string | null>,
    private readonly now: () => number = Date.now,
    /** A store that cannot answer lets the request through (availability over strictness), reported here. */
    private readonly onStoreError: (err: Error) => void = () => undefined,
  ) {}

  /** Takes `cost` points from the spender's bucket and answers what is left, or throws RATE_LIMITED. Null: the store could not answer. */
  async charge(spender: Spender, cost: number): Promise<ThrottleStatus | null> {
    let key: string;
    let bucket: CostBucket;
    try {
      ({ key, bucket } = await this.bucketOf(spender));
    } catch (err) {
      this.onStoreError(err as Error);
      return null;
    }
    const now = this.now();
    const held = this.allowances.get(key);
    const local = held && now < held.until ? held.points : 0;
    if (held && local >= cost) {
      held.points -= cost;
      return { maximumAvailable: bucket.maximumAvailable, currentlyAvailable: Math.floor(held.shared + held.points), restoreRate: bucket.restoreRate };
    }
    // What the allowance held still counts: only the difference comes from the shared bucket.
    const need = cost - local;
    const want = Math.max(need, allowanceFor(cost, bucket));
    let got = want;
    let result: { taken: boolean; available: number };
    try {
      result = await this.store.take(key, want, bucket, now);
      // Near the bottom of the bucket an allowance is more than is there; the request alone may still fit.
      if (!result.taken && want > need) result = await this.store.take(key, (got = need), bucket, now);
    } catch (err) {
      this.onStoreError(err as Error);
      return null;
    }
    const leftover = result.taken ? local + got - cost : local;
    if (leftover > 0) this.keep(key, { points: leftover, shared: result.available, until: result.taken ? now + ALLOWANCE_MS : held!.until }, now);
    else this.allowances.delete(key);
    const status: ThrottleStatus = { maximumAvailable: bucket.maximumAvailable, currentlyAvailable: Math.floor(result.available + leftover), restoreRate: bucket.restoreRate };
    if (!result.taken) {
      const affordable = cost <= bucket.maximumAvailable;
      const retryAfter = affordable ? Math.max(1, Math.ceil((need - result.available) / bucket.restoreRate)) : null;
      const message = affordable
        ? `Query cost ${cost} exceeds the ${status.currentlyAvailable} points available; ${bucket.restoreRate} points are restored a second, retry in ${retryAfter} s`
        : `Query cost ${cost} exceeds the ${bucket.maximumAvailable} points this credential can ever hold`;
      throw new AppError('RATE_LIMITED', message, {
        requestedQueryCost: cost, throttleStatus: status, ...(retryAfter ? { retryAfterSeconds: retryAfter } : {}),
        http: { status: 429, headers: new HeaderMap(retryAfter ? [['retry-after', String(retryAfter)]] : []) },
      });
    }
    return status;
  }

  private keep(key: string, allowance: Allowance, now: number): void {
    if (this.allowances.size >= ALLOWANCES_KEPT) for (const [k, a] of this.allowances) if (a.until <= now) this.allowances.delete(k);
    if (this.allowances.size >= ALLOWANCES_KEPT) this.allowances.clear();
    this.allowances.set(key, allowance);
  }

  /** Drops the kept plan of `tenantId` (its plan changed), or of every tenant. */
  forgetPlans(tenantId?: string): void {
    if (tenantId) this.planCache.delete(tenantId);
    else this.planCache.clear();
  }

  private async bucketOf(s: Spender): Promise<{ key: string; bucket: CostBucket }> {
    if (s.actor.type === 'ANONYMOUS') return { key: `ip:${s.ip ?? 'unknown'}`, bucket: this.settings.anonymous };
    const key = `${s.tenantId ?? 'platform'}:${s.actor.type}:${s.actor.id}`;
    const plan = s.tenantId ? await this.cachedPlan(s.tenantId) : null;
    return { key, bucket: this.settings.plans[plan ?? this.settings.defaultPlan] ?? this.settings.plans[this.settings.defaultPlan] };
  }

  private async cachedPlan(tenantId: string): Promise<string | null> {
    const now = this.now();
    const hit = this.planCache.get(tenantId);
    if (hit && now - hit.at < PLAN_TTL_MS) return hit.plan;
    const plan = (await this.planOf(tenantId)) ?? this.settings.defaultPlan;
    if (this.planCache.size > 10_000) this.planCache.clear();
    this.planCache.set(tenantId, { plan, at: now });
    return plan;
  }
}
