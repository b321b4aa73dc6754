import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, existsSync, rmSync, chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** Where global setup records what it started, for teardown. */
export const STATE_FILE = path.join(os.tmpdir(), `microlend-test-services-${process.ppid}-${process.pid}.json`);

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export function onPath(binary: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${binary}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Starts a throw-away redis-server (no persistence) on a free port, or on `port` to restart one; returns its URL and pid. */
export async function startRedis(port?: number): Promise<{ url: string; pid: number; port: number }> {
  port ??= await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore', detached: true });
  child.unref();
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      execFileSync('redis-cli', ['-p', String(port), 'ping'], { stdio: 'ignore' });
      return { url, pid: child.pid!, port };
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error('redis-server did not start');
}

/** A temp folder the `postgres` OS user can enter (embedded PostgreSQL drops to it when run as root). */
export function traversableTempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
}

export interface ServiceState {
  redisPid?: number;
  embeddedDataDir?: string;
  embeddedPort?: number;
}

export const writeState = (s: ServiceState) => writeFileSync(STATE_FILE, JSON.stringify(s));
export const readState = (): ServiceState => (existsSync(STATE_FILE) ? JSON.parse(readFileSync(STATE_FILE, 'utf8')) : {});
export const clearState = () => rmSync(STATE_FILE, { force: true });
