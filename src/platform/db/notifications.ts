import { Client } from 'pg';

/**
 * A LISTEN connection shared by everyone in the process who wants NOTIFY payloads, reconnecting
 * after a drop. NOTIFY is delivered at commit, so a payload means "committed". Every channel is
 * listened to on the same connection, so payloads of different channels arrive in commit order
 * (a key revoked before an event was committed is heard of before that event).
 * Opened on the first listener, closed with `close()`.
 */
export class Notifications {
  private client: Client | null = null;
  private connecting: Promise<void> | null = null;
  /** Handlers by channel; the channel given to the constructor is the default one. */
  private readonly handlers = new Map<string, Set<(payload: string) => void>>();
  /** Channels the current connection has LISTENed to. */
  private listening = new Set<string>();
  private closed = false;
  private retry: NodeJS.Timeout | null = null;
  private readonly watchers = new Set<(listening: boolean) => void>();

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly onError: (err: Error) => void = () => undefined,
  ) {}

  /**
   * Adds a handler of `channel` (the default channel unless named); resolves once the LISTEN is in
   * place. Returns the function that removes it.
   */
  async listen(handler: (payload: string) => void, channel = this.channel): Promise<() => void> {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`invalid channel name ${channel}`);
    let set = this.handlers.get(channel);
    if (!set) this.handlers.set(channel, (set = new Set()));
    set.add(handler);
    await this.connect();
    const client = this.client;
    if (client && !this.listening.has(channel)) {
      this.listening.add(channel);
      await client.query(`LISTEN ${channel}`);
    }
    return () => set.delete(handler);
  }

  /**
   * Tells `watcher` when the connection drops (false: payloads may be missed from now on) and when a
   * new one listens again (true: every channel with a handler is LISTENed to by then). Payloads
   * committed in between are lost. Returns the function that stops it.
   */
  watch(watcher: (listening: boolean) => void): () => void {
    this.watchers.add(watcher);
    return () => void this.watchers.delete(watcher);
  }

  /** Whether a connection is up and listening. */
  get connected(): boolean {
    return this.client !== null;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private connect(): Promise<void> {
    if (this.client || this.closed) return Promise.resolve();
    this.connecting ??= (async () => {
      const client = new Client({ connectionString: this.url, application_name: 'microlend-listen' });
      client.on('notification', (n) => {
        for (const h of this.handlers.get(n.channel) ?? []) h(n.payload ?? '');
      });
      const lost = (err?: Error) => {
        if (this.client !== client) return;
        this.client = null;
        if (err) this.onError(err);
        for (const w of this.watchers) w(false);
        client.end().catch(() => undefined);
        this.reconnectLater();
      };
      client.on('error', lost);
      client.on('end', () => lost());
      const channels = new Set([this.channel, ...this.handlers.keys()]);
      try {
        await client.connect();
        for (const channel of channels) await client.query(`LISTEN ${channel}`);
      } catch (err) {
        await client.end().catch(() => undefined);
        throw err;
      }
      if (this.closed) {
        // Closed while connecting: nobody would ever end this connection.
        await client.end().catch(() => undefined);
        return;
      }
      this.listening = channels;
      this.client = client;
      for (const w of this.watchers) w(true);
    })().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  /** After a drop: a new connection in a second, and again a second after each failed attempt. */
  private reconnectLater(): void {
    if (this.closed || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      this.connect().catch((err: Error) => {
        this.onError(err);
        this.reconnectLater();
      });
    }, 1000);
  }
}
