import { Worker } from 'node:worker_threads';

/**
 * The load generator of the GraphQL benchmarks, on its own thread (as pgbench is its own process):
 * `bodies` POSTed to `url` over `concurrency` keep-alive connections. Like pgbench it is lean, so the
 * machine's cores go to the server being measured: requests are written as prepared HTTP/1.1 bytes
 * and responses read by Content-Length (or chunks). A non-200 answer or any GraphQL error fails the run.
 */
export function postAll(url: string, authorization: string, bodies: string[], concurrency: number): Promise<{ perSecond: number; seconds: number; p50Ms: number; p99Ms: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { url, authorization, bodies, concurrency } });
    worker.once('message', (m: { seconds?: number; latencies?: number[]; error?: string }) => {
      void worker.terminate();
      if (m.error !== undefined) return reject(new Error(m.error));
      const sorted = m.latencies!.sort((a, b) => a - b);
      const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
      resolve({ seconds: m.seconds!, perSecond: bodies.length / m.seconds!, p50Ms: at(0.5), p99Ms: at(0.99) });
    });
    worker.once('error', reject);
  });
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const net = require('node:net');
const { url, authorization, bodies, concurrency } = workerData;
const target = new URL(url);
const requests = bodies.map((body) => Buffer.from(
  'POST ' + target.pathname + ' HTTP/1.1\\r\\nHost: ' + target.host + '\\r\\nContent-Type: application/json\\r\\nAuthorization: ' + authorization +
  '\\r\\nContent-Length: ' + Buffer.byteLength(body) + '\\r\\n\\r\\n' + body));

function connect() {
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(target.port), target.hostname, () => resolve(conn));
    socket.setNoDelay(true);
    let buf = Buffer.alloc(0);
    let waiting = null;
    const conn = {
      send(bytes) { return new Promise((res, rej) => { waiting = { res, rej }; socket.write(bytes); }); },
      close() { socket.destroy(); },
    };
    socket.on('error', (e) => (waiting ? waiting.rej(e) : reject(e)));
    socket.on('data', (d) => {
      buf = buf.length ? Buffer.concat([buf, d]) : d;
      const end = buf.indexOf('\\r\\n\\r\\n');
      if (!waiting || end < 0) return;
      const head = buf.subarray(0, end).toString('latin1');
      let body;
      let rest;
      const length = /content-length:\\s*(\\d+)/i.exec(head);
      if (length) {
        const n = Number(length[1]);
        if (buf.length < end + 4 + n) return;
        body = buf.subarray(end + 4, end + 4 + n);
        rest = buf.subarray(end + 4 + n);
      } else {
        // Chunked: size line, data, CRLF ... until the zero-size chunk.
        const parts = [];
        let at = end + 4;
        for (;;) {
          const line = buf.indexOf('\\r\\n', at);
          if (line < 0) return;
          const size = parseInt(buf.subarray(at, line).toString('latin1'), 16);
          if (buf.length < line + 2 + size + 2) return;
          if (size === 0) { rest = buf.subarray(line + 4); break; }
          parts.push(buf.subarray(line + 2, line + 2 + size));
          at = line + 2 + size + 2;
        }
        body = Buffer.concat(parts);
      }
      buf = rest;
      const w = waiting;
      waiting = null;
      const status = Number(head.slice(9, 12));
      const text = body.toString('utf8');
      if (status !== 200) w.rej(new Error('HTTP ' + status + ': ' + text.slice(0, 300)));
      else if (text.includes('"errors"')) w.rej(new Error(JSON.parse(text).errors[0].message));
      else w.res();
    });
  });
}

(async () => {
  const conns = await Promise.all(Array.from({ length: concurrency }, connect));
  let next = 0;
  const started = process.hrtime.bigint();
  // Each request's time from being written to its answer read, for the percentiles.
  const latencies = [];
  await Promise.all(conns.map(async (c) => {
    while (next < requests.length) {
      const sent = process.hrtime.bigint();
      await c.send(requests[next++]);
      latencies.push(Number(process.hrtime.bigint() - sent) / 1e6);
    }
  }));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  conns.forEach((c) => c.close());
  parentPort.postMessage({ seconds, latencies });
})().catch((e) => parentPort.postMessage({ error: String((e && e.message) || e) }));
`;
