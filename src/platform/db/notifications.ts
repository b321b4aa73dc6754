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
        client.end().catch(() => undefined);
        if (!this.closed) this.retry = setTimeout(() => void this.connect().catch((e: Error) => this.onError(e)), 1000);
      };
      client.on('error', lost);
      client.on('end', () => lost());
      await client.connect();
      const channels = new Set([this.channel, ...this.handlers.keys()]);
      for (const channel of channels) await client.query(`LISTEN ${channel}`);
      this.listening = channels;
      this.client = client;
    })().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }
}
