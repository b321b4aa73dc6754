import { Worker } from 'node:worker_threads';

/**
 * The load generator of the GraphQL benchmarks, on its own thread (as pgbench is its own process):
 * `bodies` POSTed to `url` over keep-alive connections, at most `concurrency` in flight, by Node's
 * plain HTTP client, so the server's event loop and the client's do not share one thread. Any
 * GraphQL error fails the run.
 */
export function postAll(url: string, authorization: string, bodies: string[], concurrency: number): Promise<{ perSecond: number; seconds: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { url, authorization, bodies, concurrency } });
    worker.once('message', (m: { seconds?: number; error?: string }) => {
      void worker.terminate();
      if (m.error !== undefined) reject(new Error(m.error));
      else resolve({ seconds: m.seconds!, perSecond: bodies.length / m.seconds! });
    });
    worker.once('error', reject);
  });
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { url, authorization, bodies, concurrency } = workerData;
const target = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
function post(body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ agent, host: target.hostname, port: target.port, path: target.pathname, method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const parsed = JSON.parse(text);
        if (parsed.errors) reject(new Error(parsed.errors[0].message)); else resolve();
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}
(async () => {
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, async () => { while (next < bodies.length) await post(bodies[next++]); }));
  parentPort.postMessage({ seconds: Number(process.hrtime.bigint() - started) / 1e9 });
})().catch((e) => parentPort.postMessage({ error: String(e && e.message || e) }));
`;
