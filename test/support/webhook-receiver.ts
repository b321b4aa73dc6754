import { type IncomingHttpHeaders, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignature } from '../../src/core/webhooks';

export interface Received {
  id: string;
  type: string;
  subjectId: string;
  attempt: number;
  signatureValid: boolean;
  body: Record<string, any>;
}

/**
 * A tenant's webhook receiver, as the docs tell them to write one: it checks the signature, answers
 * `failFirst` times with 500 for each new event id (then 200), and keeps the events it accepted,
 * deduplicated by event id (`accepted`), next to every request it saw (`requests`). `onRequest` runs
 * while the sender waits for the answer (e.g. to look at the database's locks from outside).
 */
export async function startReceiver(opts: { secret?: () => string; failFirst?: number; status?: () => number; delayMs?: number; onRequest?: (headers: IncomingHttpHeaders) => Promise<void> } = {}) {
  const requests: { headers: IncomingHttpHeaders; body: string; status: number }[] = [];
  const accepted: Received[] = [];
  const failures = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', async () => {
      if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
      await opts.onRequest?.(req.headers);
      const id = String(req.headers['microlend-event-id']);
      const failed = failures.get(id) ?? 0;
      let status = opts.status?.() ?? 200;
      if (status === 200 && failed < (opts.failFirst ?? 0)) {
        failures.set(id, failed + 1);
        status = 500;
      }
      requests.push({ headers: req.headers, body: raw, status });
      if (status === 200 && !accepted.some((a) => a.id === id)) {
        const body = JSON.parse(raw);
        const signatureValid = opts.secret ? verifySignature(opts.secret(), req.headers['microlend-signature'] as string, raw, Math.floor(Date.now() / 1000)) : false;
        accepted.push({ id, type: body.type, subjectId: body.subject.id, attempt: Number(req.headers['microlend-delivery-attempt']), signatureValid, body });
      }
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'try again later');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    requests,
    accepted,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
