import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Notifications } from '../db/notifications';
import { unauthenticated } from '../../core/domain-error';
import type { CredentialCheck } from '../tenancy/tenant-transaction';
import type { Principal, Queryable } from './authenticate';
import { CREDENTIALS_CHANNEL, type CredentialChange, onCommittedHere, parseCredentialChange, restsOn } from './credential-changes';
import { readCredentialEpoch } from './credential-epoch';

interface Entry {
  principal: Principal;
  /** The credential epoch read before the lookup that reached this verdict. */
  epoch: string;
  /** Until when the verdict stands: the lookup's start plus the TTL, never past the credential's own expiry. */
  until: number;
}

/** A principal, and for a kept one what its request's transaction must confirm. */
export interface Verdict {
  principal: Principal;
  check?: CredentialCheck;
}

/**
 * Credentials verified a moment ago, so a busy caller is not looked up in the database on every
 * request:
 *
 * - each kept verdict carries the credential epoch read before its lookup; a request that uses it
 *   reads the epoch with its BEGIN (no extra round trip), and when a change has been committed since
 *   (anywhere: every announced change moves the epoch) it looks the credential up again in that
 *   transaction before reading or writing anything. So a revoked key, a suspended tenant or a disabled
 *   user touches no data after the change commits, on any replica;
 * - a NOTIFY on CREDENTIALS_CHANNEL drops the verdicts resting on what changed (on every replica, and
 *   at commit in the process that made it), so even a request that reads nothing is refused;
 * - the credential's own expiry (a key's `expires_at`, a token's `exp`) ends the verdict at that
 *   instant, with no database read, after which the lookup refuses it;
 * - nothing is kept while the LISTEN connection is down ({@link listening}), and a lookup in flight
 *   across a change, a drop or a reconnect is not kept;
 * - a verdict lives at most `ttlMs` from the lookup that reached it: the longest a request that
 *   touches no data (`{ viewer { roles } }`) can be answered after a change whose NOTIFY was lost.
 *
 * Verdicts are keyed by a hash of the credential, never the credential itself; refusals are not
 * kept. A TTL of 0 turns it off.
 */
export class CredentialCache {
  private readonly entries = new Map<string, Entry>();
  private up = false;
  /** Moves on every change heard and every drop or reconnect: a lookup started before it is not kept. */
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether verdicts are being kept (the process listens for changes and the TTL is not 0). */
  get active(): boolean {
    return this.up && this.ttlMs > 0;
  }

  /** How many verdicts are kept. */
  get size(): number {
    return this.entries.size;
  }

  /**
   * The principal of `credential`: a kept verdict still standing (with the check its transaction
   * makes), else `lookup(db)`'s, reached after reading the epoch and kept if nothing changed while it
   * ran. `lookup` throws to refuse; refusals are not kept.
   */
  async principalOf(credential: string, db: Queryable, lookup: (db: Queryable) => Promise<Principal>): Promise<Verdict> {
    if (!this.active) return { principal: await lookup(db) };
    const key = createHash('sha256').update(credential).digest('base64');
    const started = this.now();
    const hit = this.entries.get(key);
    if (hit) {
      if (hit.until > started) return { principal: hit.principal, check: { epoch: hit.epoch, recheck: (tx, epoch) => this.recheck(key, hit, tx, epoch, lookup) } };
      this.entries.delete(key);
    }
    const generation = this.generation;
    // Read before the lookup, so a change the lookup did not see moves the epoch past this one.
    const epoch = await readCredentialEpoch(db);
    const principal = await lookup(db);
    if (this.active && generation === this.generation && principal.actor.type !== 'ANONYMOUS') {
      const until = Math.min(started + this.ttlMs, principal.expiresAt ? principal.expiresAt.getTime() : Infinity);
      // Oldest first: a Map iterates in insertion order.
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, { principal, epoch, until });
    }
    return { principal };
  }

  /** A change heard (null: one that could not be read, which drops everything). */
  changed(change: CredentialChange | null): void {
    this.generation++;
    if (!change) return this.entries.clear();
    for (const [key, entry] of this.entries) if (restsOn(entry.principal, change)) this.entries.delete(key);
  }

  /** The LISTEN connection is up (every change from now on will be heard) or down (changes may be missed). */
  listening(up: boolean): void {
    this.generation++;
    this.up = up;
    this.entries.clear();
  }

  /**
   * Something changed since `entry`'s verdict: the credential is looked up again in the request's
   * transaction (whose first statement read `epoch`). Refused, or with a right the request was given
   * taken away, the request is refused; else the verdict stands, now as of `epoch`.
   */
  private async recheck(key: string, entry: Entry, tx: Queryable, epoch: string, lookup: (db: Queryable) => Promise<Principal>): Promise<void> {
    let fresh: Principal;
    try {
      fresh = await lookup(tx);
    } catch (err) {
      if (this.entries.get(key) === entry) this.entries.delete(key);
      throw err;
    }
    const kept = entry.principal;
    if (fresh.tenantId !== kept.tenantId || fresh.actor.id !== kept.actor.id || kept.roles.some((r) => !fresh.roles.includes(r))) {
      if (this.entries.get(key) === entry) this.entries.delete(key);
      throw unauthenticated('Credential changed; send the request again');
    }
    if (this.entries.get(key) === entry) entry.epoch = epoch;
  }
}

/** Who hears credential changes: a cache, and whatever else keeps state that rests on credentials. */
export interface CredentialChangeSink {
  changed(change: CredentialChange | null): void;
  /** false: changes may be missed from now on; true: every change is heard again. */
  listening(up: boolean): void;
}

/**
 * Tells `sink` of every credential change: NOTIFYs on {@link CREDENTIALS_CHANNEL} from any replica,
 * changes this process commits (at once, see announceCredentialChange), and the LISTEN connection's
 * drops and reconnects. Until the first LISTEN is in place the sink is told `listening(false)`; a
 * failed first LISTEN is retried every `retryMs`. Returns the function that stops it.
 */
export function listenForCredentialChanges(
  notifications: Pick<Notifications, 'listen' | 'watch' | 'connected'>,
  dataSource: DataSource,
  sink: CredentialChangeSink,
  onError: (err: Error) => void = () => undefined,
  retryMs = 5_000,
): () => void {
  let subscribed = false;
  let stopped = false;
  let unlisten: (() => void) | null = null;
  let retry: NodeJS.Timeout | null = null;
  const unwatch = notifications.watch((up) => {
    if (subscribed && !stopped) sink.listening(up);
  });
  const unlocal = onCommittedHere(dataSource, (change) => sink.changed(change));
  // One handler for every attempt: a failed listen() keeps it registered, and a set holds it once.
  const onPayload = (payload: string) => sink.changed(parseCredentialChange(payload));
  const attempt = () => {
    notifications.listen(onPayload, CREDENTIALS_CHANNEL).then(
      (stop) => {
        if (stopped) return stop();
        unlisten = stop;
        subscribed = true;
        sink.listening(notifications.connected);
      },
      (err: Error) => {
        onError(err);
        if (stopped) return;
        retry = setTimeout(attempt, retryMs);
        retry.unref();
      },
    );
  };
  sink.listening(false);
  attempt();
  return () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    unwatch();
    unlocal();
    unlisten?.();
    sink.listening(false);
  };
}
