import { createServer as createHttp, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Resolve, UNREACHABLE, postWebhook } from './webhook-http';

/**
 * The guarded client on real sockets: private addresses are refused in every form they reach it
 * (a literal in the URL, a name that resolves there), and whatever goes wrong before an HTTP answer
 * comes back is the one word UNREACHABLE, so a tenant cannot tell a closed port from a TLS error.
 */
describe('postWebhook', () => {
  let server: Server;
  let port: number;
  let hits = 0;
  beforeAll(async () => {
    server = createHttp((_req, res) => {
      hits++;
      res.end('ok');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((r) => server.close(r)));
  beforeEach(() => (hits = 0));

  /** A resolver that answers `address` for every name, as a hostile DNS zone would. */
  const resolvingTo = (address: string, family: number): Resolve =>
    ((_host: string, options: any, callback: any) => {
      const cb = typeof options === 'function' ? options : callback;
      if (typeof options === 'object' && options?.all) cb(null, [{ address, family }]);
      else cb(null, address, family);
    }) as unknown as Resolve;
  const post = (url: string, allowPrivate: boolean, resolve?: Resolve) => postWebhook(url, '{}', { 'content-type': 'application/json' }, { timeoutMs: 2000, allowPrivate, resolve });

  it.each([
    '[::ffff:127.0.0.1]', '[::ffff:7f00:1]', '[0:0:0:0:0:ffff:7f00:1]', '[::ffff:169.254.169.254]', '[::ffff:a9fe:a9fe]', '[::ffff:10.0.0.1]',
    '127.0.0.1', '[::1]', '[64:ff9b::7f00:1]', 'localhost', '2130706433',
  ])('refuses http://%s without connecting', async (host) => {
    expect(await post(`http://${host}:${port}/hook`, false)).toEqual({ ok: false, status: null, body: null, error: UNREACHABLE });
    expect(hits).toBe(0);
  });

  it.each([['::ffff:127.0.0.1', 6], ['::ffff:7f00:1', 6], ['127.0.0.1', 4], ['169.254.169.254', 4]])('refuses a name that resolves to %s', async (address, family) => {
    expect(await post(`http://hooks.example.test:${port}/hook`, false, resolvingTo(address, family))).toMatchObject({ ok: false, error: UNREACHABLE });
    expect(hits).toBe(0);
  });

  it('answers UNREACHABLE, with no errno or TLS text, for a closed port, a TLS failure and a DNS failure alike', async () => {
    const closed = createHttp();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    expect(await post(`http://127.0.0.1:${closedPort}/`, true)).toMatchObject({ ok: false, status: null, error: UNREACHABLE });
    expect(await post(`https://127.0.0.1:${port}/`, true)).toMatchObject({ ok: false, status: null, error: UNREACHABLE });
    expect(await post('https://no-such-host.invalid/', true)).toMatchObject({ ok: false, status: null, error: UNREACHABLE });
  });

  it('still delivers where private networks are allowed (development)', async () => {
    expect(await post(`http://127.0.0.1:${port}/hook`, true)).toMatchObject({ ok: true, status: 200, error: null });
    expect(await post(`http://hooks.example.test:${port}/hook`, true, resolvingTo('127.0.0.1', 4))).toMatchObject({ ok: true, status: 200 });
    expect(hits).toBe(2);
  });
});
