import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isPrivateAddress } from '../../core/webhooks';

export interface PostAnswer {
  ok: boolean;
  status: number | null;
  body: string | null;
  error: string | null;
}

const RESPONSE_KEPT = 1000;

/**
 * The address check runs on what the name resolves to at connection time (not at registration), so
 * an endpoint whose DNS later points inside our network is refused too.
 */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, options, (err, address, family) => {
      if (err) return callback(err, address as string, family);
      const list = Array.isArray(address) ? address : [{ address, family }];
      const blocked = allowPrivate ? undefined : list.find((a) => isPrivateAddress(a.address));
      if (blocked) return callback(Object.assign(new Error(`refused: ${hostname} resolves to a private address (${blocked.address})`), { code: 'EPRIVATE' }), '', 0);
      callback(null, address as string, family);
    });
  };
}

/** POSTs a delivery; any answer (or none) is an outcome, never an exception. Redirects are not followed. */
export function postWebhook(url: string, body: string, headers: Record<string, string>, opts: { timeoutMs: number; allowPrivate: boolean }): Promise<PostAnswer> {
  return new Promise((resolve) => {
    const target = new URL(url);
    const host = target.hostname.replace(/^\[|\]$/g, '');
    if (!opts.allowPrivate && isIP(host) && isPrivateAddress(host)) {
      resolve({ ok: false, status: null, body: null, error: `refused: ${host} is a private address` });
      return;
    }
    const client = target.protocol === 'https:' ? https : http;
    const req = client.request(target, {
      method: 'POST',
      headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      lookup: guardedLookup(opts.allowPrivate),
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
      res.on('error', (err) => resolve({ ok: false, status: res.statusCode ?? null, body: text.slice(0, RESPONSE_KEPT), error: err.message.slice(0, 300) }));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error(`timed out after ${opts.timeoutMs} ms`), { code: 'ETIMEDOUT' })));
    req.on('error', (err: Error & { code?: string }) => resolve({ ok: false, status: null, body: null, error: (err.message.startsWith('refused') || err.message.startsWith('timed out') ? err.message : err.code ?? err.message).slice(0, 300) }));
    req.end(body);
  });
}
