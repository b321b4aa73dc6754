import type IORedis from 'ioredis';
import type { DataSource } from 'typeorm';
import type { Principal } from '../auth/authenticate';
import { AppError } from '../graphql/errors';

/** Counts a caller's requests in a window, shared by every replica. */
export interface RateLimitStore {
  /** Adds one hit to `key` in the window starting at `windowStart` (ms) and answers the window's total. */
  hit(key: string, windowStart: number, windowMs: number): Promise<number>;
}

/** Redis: one INCR per request, the key expiring with its window. */
export class RedisRateLimitStore implements RateLimitStore {
  constructor(private readonly redis: IORedis) {}

  async hit(key: string, windowStart: number, windowMs: number): Promise<number> {
    const k = `microlend:rl:${key}:${windowStart}`;
    const results = await this.redis.multi().incr(k).pexpire(k, windowMs * 2).exec();
    const [err, hits] = results?.[0] ?? [new Error('redis transaction discarded'), 0];
    if (err) throw err;
    return Number(hits);
  }
}

/** PostgreSQL (no Redis): an upsert on an unlogged table; passed windows are swept now and then. */
export class PostgresRateLimitStore implements RateLimitStore {
  private lastSweep = 0;

  constructor(private readonly dataSource: () => DataSource) {}

  async hit(key: string, windowStart: number, windowMs: number): Promise<number> {
    const ds = this.dataSource();
    const [{ hits }] = await ds.query(
      `INSERT INTO rate_limit_windows (key, window_start, hits) VALUES ($1, $2, 1)
       ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limit_windows.hits + 1 RETURNING hits`,
      [key, windowStart],
    );
    if (windowStart - this.lastSweep >= windowMs) {
      this.lastSweep = windowStart;
      await ds.query('DELETE FROM rate_limit_windows WHERE window_start < $1', [windowStart - windowMs]).catch(() => undefined);
    }
    return hits;
  }
}

export interface RateLimits {
  /** Requests per minute per credential (API key, staff user, borrower token); 0: unlimited. */
  perMinute: number;
  /** Requests per minute per client address without a credential; 0: unlimited. */
  anonymousPerMinute: number;
}

const WINDOW_MS = 60_000;

/**
 * Fixed one-minute windows per caller, counted in Redis or PostgreSQL so that every API replica
 * sees the same count. Over the limit: RATE_LIMITED (HTTP 429) with Retry-After.
 */
export class RateLimiter {
  constructor(
    private readonly store: RateLimitStore,
    private readonly limits: RateLimits,
    private readonly now: () => number = Date.now,
    /** A store that cannot answer lets the request through (availability over strictness), reported here. */
    private readonly onStoreError: (err: Error) => void = () => undefined,
  ) {}

  async check(principal: Principal, ip: string | null): Promise<void> {
    const anonymous = principal.actor.type === 'ANONYMOUS';
    const limit = anonymous ? this.limits.anonymousPerMinute : this.limits.perMinute;
    if (limit <= 0) return;
    const key = anonymous ? `ip:${ip ?? 'unknown'}` : `${principal.tenantId ?? 'platform'}:${principal.actor.type}:${principal.actor.id}`;
    const now = this.now();
    const windowStart = now - (now % WINDOW_MS);
    let hits: number;
    try {
      hits = await this.store.hit(key, windowStart, WINDOW_MS);
    } catch (err) {
      this.onStoreError(err as Error);
      return;
    }
    if (hits > limit) {
      const retryAfter = Math.max(1, Math.ceil((windowStart + WINDOW_MS - now) / 1000));
      throw new AppError('RATE_LIMITED', `Rate limit of ${limit} requests a minute reached; retry in ${retryAfter} s`, {
        limit, retryAfterSeconds: retryAfter, http: { status: 429, headers: new Map([['retry-after', String(retryAfter)]]) },
      });
    }
  }
}
