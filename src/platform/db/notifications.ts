import { Client } from 'pg';

/**
 * A LISTEN connection to one channel, shared by everyone in the process who wants its payloads,
 * reconnecting after a drop. NOTIFY is delivered at commit, so a payload means "committed".
 * Opened on the first listener, closed with `close()`.
 */
export class Notifications {
  private client: Client | null = null;
  private connecting: Promise<void> | null = null;
  private readonly handlers = new Set<(payload: string) => void>();
  private closed = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly onError: (err: Error) => void = () => undefined,
  ) {}

  /** Adds a handler; resolves once the LISTEN is in place. Returns the function that removes it. */
  async listen(handler: (payload: string) => void): Promise<() => void> {
    this.handlers.add(handler);
    await this.connect();
    return () => this.handlers.delete(handler);
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
        if (n.channel !== this.channel) return;
        for (const h of this.handlers) h(n.payload ?? '');
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
      await client.query(`LISTEN ${this.channel}`);
      this.client = client;
    })().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }
}
