import { matchesEventTypes } from '../../core/webhooks';
import type { Notifications } from '../../platform/db/notifications';
import type { Units } from '../../platform/tenancy/units';
import { EVENT_COLUMNS, EVENT_SOURCE, type DomainEventRow, type EventFilter, visibleTo } from './event-log.service';

/** Who is watching: the tenant from the verified credential, and the row scope of the caller. */
export interface Watcher {
  tenantId: string;
  borrowerId: string | null;
  referringAgent: string | null;
  frontEnd: string | null;
}

interface Subscriber {
  watcher: Watcher;
  filter: EventFilter;
  push(e: DomainEventRow): void;
}

interface TenantFeed {
  subscribers: Set<Subscriber>;
  /** Highest sequence seen; reads go back LOOKBACK below it, because sequences are taken before commit. */
  cursor: bigint;
  seen: Set<string>;
  running: Promise<void> | null;
  again: boolean;
  /** The first read, which sets the cursor past what happened before the feed existed. */
  ready: Promise<void>;
}

const LOOKBACK = 1000n;
const SEEN_KEPT = 20_000;
const BUFFER_LIMIT = 10_000;

/**
 * Live events for GraphQL subscriptions. One LISTEN per process; a NOTIFY names the tenant whose
 * transaction committed events, and the feed of that tenant reads them through a transaction of
 * that tenant (row-level security applies) and hands each to the subscribers of that tenant whose
 * scope and filter allow it. A subscriber never receives a row read under another tenant's id.
 */
export class EventStream {
  private readonly feeds = new Map<string, TenantFeed>();
  private unlisten: Promise<() => void> | null = null;

  constructor(private readonly units: Units, private readonly notifications: () => Notifications) {}

  async subscribe(watcher: Watcher, filter: EventFilter): Promise<AsyncIterableIterator<DomainEventRow>> {
    this.unlisten ??= this.notifications().listen((tenantId) => this.wake(tenantId));
    await this.unlisten;
    const feed = this.feedOf(watcher.tenantId);
    const queue: DomainEventRow[] = [];
    let waiting: ((r: IteratorResult<DomainEventRow>) => void) | null = null;
    let done = false;
    const subscriber: Subscriber = {
      watcher,
      filter,
      push(e) {
        if (waiting) {
          const resolve = waiting;
          waiting = null;
          resolve({ value: e, done: false });
        } else if (queue.length < BUFFER_LIMIT) queue.push(e);
      },
    };
    // In the feed before anything is awaited: a wake that ends meanwhile must not drop a feed with a subscriber coming.
    feed.subscribers.add(subscriber);
    const stop = () => {
      done = true;
      feed.subscribers.delete(subscriber);
      if (feed.subscribers.size === 0 && !feed.running) this.drop(watcher.tenantId, feed);
      waiting?.({ value: undefined, done: true });
      waiting = null;
    };
    try {
      await feed.ready;
    } catch (err) {
      stop();
      throw err;
    }
    const iterator: AsyncIterableIterator<DomainEventRow> = {
      next: () => {
        if (queue.length) return Promise.resolve({ value: queue.shift()!, done: false });
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => (waiting = resolve));
      },
      return: () => {
        stop();
        return Promise.resolve({ value: undefined, done: true });
      },
      throw: (err) => {
        stop();
        return Promise.reject(err);
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  /**
   * The feed of a tenant, made on its first subscriber: its first read (the latest LOOKBACK events,
   * marked seen) runs once, and every wake waits for it, so nothing before the feed is delivered and
   * nothing after it is missed. A failed first read drops the feed; the next subscriber tries again.
   */
  private feedOf(tenantId: string): TenantFeed {
    const existing = this.feeds.get(tenantId);
    if (existing) return existing;
    const feed: TenantFeed = { subscribers: new Set(), cursor: 0n, seen: new Set(), running: null, again: false, ready: Promise.resolve() };
    feed.ready = this.read(tenantId, null).then(
      (recent) => {
        for (const e of recent) feed.seen.add(e.id);
        feed.cursor = recent.reduce((max, e) => (BigInt(e.sequence) > max ? BigInt(e.sequence) : max), feed.cursor);
      },
      (err: unknown) => {
        this.drop(tenantId, feed);
        throw err;
      },
    );
    this.feeds.set(tenantId, feed);
    return feed;
  }

  /** Forgets a feed, unless another has taken its place. */
  private drop(tenantId: string, feed: TenantFeed): void {
    if (this.feeds.get(tenantId) === feed) this.feeds.delete(tenantId);
  }

  private wake(tenantId: string): void {
    const feed = this.feeds.get(tenantId);
    if (!feed) return;
    if (feed.running) {
      feed.again = true;
      return;
    }
    feed.running = (async () => {
      await feed.ready.catch(() => undefined);
      do {
        feed.again = false;
        const rows = await this.read(tenantId, feed.cursor).catch(() => []);
        for (const e of rows) {
          if (feed.seen.has(e.id)) continue;
          feed.seen.add(e.id);
          if (BigInt(e.sequence) > feed.cursor) feed.cursor = BigInt(e.sequence);
          for (const s of feed.subscribers) if (s.watcher.tenantId === tenantId && matches(s, e)) s.push(e);
        }
        if (feed.seen.size > SEEN_KEPT) feed.seen = new Set([...feed.seen].slice(-SEEN_KEPT / 2));
      } while (feed.again);
    })().finally(() => {
      feed.running = null;
      if (feed.subscribers.size === 0) this.drop(tenantId, feed);
    });
  }

  /** Events of one tenant, read as that tenant: from LOOKBACK below the cursor, or the latest LOOKBACK. */
  private read(tenantId: string, cursor: bigint | null): Promise<DomainEventRow[]> {
    return this.units.run({ tenantId, actor: { type: 'SYSTEM', id: 'event-stream' }, roles: [] }, async (ctx) => {
      const em = await ctx.db();
      if (cursor === null) return em.query(`SELECT ${EVENT_COLUMNS} FROM ${EVENT_SOURCE} ORDER BY e.seq DESC LIMIT ${LOOKBACK}`);
      return em.query(`SELECT ${EVENT_COLUMNS} FROM ${EVENT_SOURCE} WHERE e.seq > $1 ORDER BY e.seq LIMIT 5000`, [String(cursor - LOOKBACK)]);
    });
  }
}

function matches(s: Subscriber, e: DomainEventRow): boolean {
  if (!visibleTo(s.watcher, e)) return false;
  if (!matchesEventTypes(s.filter.types ?? [], e.type)) return false;
  if (s.filter.subjectId && s.filter.subjectId !== e.subjectId) return false;
  return true;
}
