import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isPrivateAddress } from '../../core/webhooks';
import { assertNoOpenTransaction } from '../../platform/tenancy/transaction-scope';

export interface PostAnswer {
  ok: boolean;
  status: number | null;
  body: string | null;
  /** `HTTP <status>` when the endpoint answered otherwise than 2xx, else `UNREACHABLE` (see below). */
  error: string | null;
}

/**
 * The one error a tenant sees when no HTTP answer came back: refused address, DNS failure, refused
 * connection, TLS failure, timeout alike. Telling them apart (ECONNREFUSED against a certificate
 * error) would turn lastError into a port scanner of whatever the endpoint's host can reach.
 */
export const UNREACHABLE = 'UNREACHABLE';

/** What resolves a name; dns.lookup unless a test supplies its own. */
export type Resolve = typeof dns.lookup;

const RESPONSE_KEPT = 1000;

/**
 * The address check runs on what the name resolves to at connection time (not at registration), so
 * an endpoint whose DNS later points inside our network is refused too.
 */
function guardedLookup(allowPrivate: boolean, resolve: Resolve): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, options, (err, address, family) => {
      if (err) return callback(err, address as string, family);
      const list = Array.isArray(address) ? address : [{ address, family }];
      const blocked = allowPrivate ? undefined : list.find((a) => isPrivateAddress(a.address));
      if (blocked) return callback(Object.assign(new Error(`refused: ${hostname} resolves to a private address (${blocked.address})`), { code: 'EPRIVATE' }), '', 0);
      callback(null, address as string, family);
    });
  };
}

/**
 * POSTs a delivery; any answer (or none) is an outcome, never an exception. Redirects are not
 * followed. Refused (NetworkCallInTransactionError) when the caller's transaction is open.
 */
export function postWebhook(
  url: string, body: string, headers: Record<string, string>,
  opts: { timeoutMs: number; allowPrivate: boolean; resolve?: Resolve },
): Promise<PostAnswer> {
  try {
    assertNoOpenTransaction('a webhook endpoint');
  } catch (err) {
    return Promise.reject(err);
  }
  return new Promise((resolve) => {
    const unreachable: PostAnswer = { ok: false, status: null, body: null, error: UNREACHABLE };
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      resolve(unreachable);
      return;
    }
    const host = target.hostname.replace(/^\[|\]$/g, '');
    if (!opts.allowPrivate && (isIP(host) ? isPrivateAddress(host) : host === 'localhost' || host.endsWith('.localhost'))) {
      resolve(unreachable);
      return;
    }
    const client = target.protocol === 'https:' ? https : http;
    const req = client.request(target, {
      method: 'POST',
      headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      lookup: guardedLookup(opts.allowPrivate, opts.resolve ?? dns.lookup),
      timeout: opts.timeoutMs,
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (text.length < RESPONSE_KEPT) text += chunk;
      });
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        const ok = status >= 200 && status < 300;
        resolve({ ok, status, body: text.slice(0, RESPONSE_KEPT), error: ok ? null : `HTTP ${status}` });
      });
      res.on('error', () => resolve({ ok: false, status: res.statusCode ?? null, body: text.slice(0, RESPONSE_KEPT), error: UNREACHABLE }));
    });
    // The last word on where we connected: whatever form the address took on the way, the socket's peer
    // must be public (a literal the checks above missed, a resolver that bypassed the guard).
    if (!opts.allowPrivate) {
      req.on('socket', (socket) => socket.once('connect', () => {
        if (socket.remoteAddress && isPrivateAddress(socket.remoteAddress)) req.destroy(new Error('refused: connected to a private address'));
      }));
    }
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', () => resolve(unreachable));
    req.end(body);
  });
}
