import type { Principal } from '../auth/authenticate';
import { parseCredentialChange, restsOn } from '../auth/credential-changes';
import { DomainError } from '../../core/domain-error';
import { AppError } from '../graphql/errors';

/** graphql-ws close codes: the credential ended on its own (re-authenticate), or it was taken away. */
export const CLOSE_EXPIRED = 4401;
export const CLOSE_FORBIDDEN = 4403;
/** The credential could not be checked (database unreachable): closed so the client reconnects. */
export const CLOSE_CHECK_FAILED = 1011;

/** The longest a verdict is trusted before an event delivery re-reads the credential. */
export const RECHECK_AFTER_MS = 5_000;
const MAX_TIMER_MS = 2 ** 31 - 1;

interface Closable {
  close(code: number, reason: string): void;
}

interface Session {
  socket: Closable;
  header: string;
  principal: Principal;
  checkedAt: number;
  /** Set by a NOTIFY about this credential: the next delivery waits for a fresh lookup. */
  stale: boolean;
  checking: Promise<boolean> | null;
  closed: boolean;
  timer: NodeJS.Timeout | null;
}

/**
 * The credentials of a process's open subscription sockets, so that a socket lives no longer than
 * its credential. Three guards, each enough on its own for its case:
 *
 * - a timer closes the socket with 4401 when the token's `exp` (or the key's `expires_at`) passes;
 * - a NOTIFY on {@link CREDENTIALS_CHANNEL} (sent at commit by key revocation, tenant status and
 *   staff user changes) re-authenticates the sockets resting on that key, user or tenant at once,
 *   on every replica, and closes those refused with 4403;
 * - before each event is sent, {@link admit} checks the expiry in memory and, when the verdict is
 *   older than {@link RECHECK_AFTER_MS} or a NOTIFY marked it stale, re-authenticates exactly as
 *   an HTTP request or a reconnect would (the same SECURITY DEFINER lookups). So a NOTIFY lost with
 *   a dropped LISTEN connection delays a revocation by at most that TTL, never indefinitely, and a
 *   busy socket costs one lookup per TTL rather than one per event.
 */
export class SubscriptionCredentials {
  private readonly sessions = new Map<object, Session>();

  constructor(
    private readonly authenticate: (header: string) => Promise<Principal>,
    private readonly recheckAfterMs = RECHECK_AFTER_MS,
  ) {}

  /** Tracks an authenticated socket under `key` (graphql-ws's `extra`); arms its expiry timer. */
  open(key: object, socket: Closable, header: string, principal: Principal): void {
    const session: Session = { socket, header, principal, checkedAt: Date.now(), stale: false, checking: null, closed: false, timer: null };
    this.sessions.set(key, session);
    this.armExpiry(session);
  }

  /** Forgets a socket that closed (for any reason). */
  forget(key: object): void {
    const session = this.sessions.get(key);
    if (!session) return;
    session.closed = true;
    if (session.timer) clearTimeout(session.timer);
    this.sessions.delete(key);
  }

  /**
   * Whether an event may go out on this socket now. When not, the socket has been closed with the
   * reason (a send after close goes nowhere).
   */
  async admit(key: object): Promise<boolean> {
    const session = this.sessions.get(key);
    if (!session || session.closed) return false;
    if (expired(session.principal)) return this.end(session, CLOSE_EXPIRED, 'credential expired');
    // A lookup in flight (started by a NOTIFY) decides this event too: it may be a revocation.
    if (session.stale || session.checking || Date.now() - session.checkedAt >= this.recheckAfterMs) return this.recheck(session);
    return true;
  }

  /** A NOTIFY payload from {@link CREDENTIALS_CHANNEL}: re-checks the sockets resting on it. */
  changed(payload: string): void {
    const change = parseCredentialChange(payload);
    if (!change) return;
    for (const session of this.sessions.values()) {
      if (session.closed || !restsOn(session.principal, change)) continue;
      session.stale = true;
      void this.recheck(session);
    }
  }

  /** Forgets every socket and its timer (closing the sockets is the server's, at shutdown). */
  clear(): void {
    for (const key of [...this.sessions.keys()]) this.forget(key);
  }

  private recheck(session: Session): Promise<boolean> {
    // A change heard while a lookup is in flight needs a lookup that starts after it.
    if (session.checking && !session.stale) return session.checking;
    session.stale = false;
    const check = (async () => {
      let fresh: Principal;
      try {
        fresh = await this.authenticate(session.header);
      } catch (err) {
        if (session.closed) return false;
        // A refusal of the credential ends the socket as such; anything else (the database down) is a failed check.
        if (!(err instanceof DomainError || err instanceof AppError)) return this.end(session, CLOSE_CHECK_FAILED, 'credential check failed');
        return this.end(session, expired(session.principal) ? CLOSE_EXPIRED : CLOSE_FORBIDDEN, (err as Error).message);
      }
      if (session.closed) return false;
      // Rights granted at connect and since taken away (a staff user's role) end the socket too.
      if (session.principal.roles.some((r) => !fresh.roles.includes(r))) return this.end(session, CLOSE_FORBIDDEN, 'credential changed');
      session.checkedAt = Date.now();
      return true;
    })();
    session.checking = check;
    void check.finally(() => {
      if (session.checking === check) session.checking = null;
    });
    return check;
  }

  private armExpiry(session: Session): void {
    const expiresAt = session.principal.expiresAt;
    if (!expiresAt) return;
    const wait = expiresAt.getTime() - Date.now();
    session.timer = setTimeout(() => {
      session.timer = null;
      if (session.closed) return;
      if (expired(session.principal)) this.end(session, CLOSE_EXPIRED, 'credential expired');
      else this.armExpiry(session);
    }, Math.min(Math.max(wait, 0), MAX_TIMER_MS));
    session.timer.unref();
  }

  private end(session: Session, code: number, reason: string): false {
    if (!session.closed) {
      session.closed = true;
      if (session.timer) clearTimeout(session.timer);
      session.socket.close(code, reason.slice(0, 120));
    }
    return false;
  }
}

function expired(principal: Principal): boolean {
  return Boolean(principal.expiresAt && principal.expiresAt.getTime() <= Date.now());
}
