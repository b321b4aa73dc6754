import { rmSync } from 'node:fs';
import path from 'node:path';
import { clearState, readState } from './services';

/** Stops what global setup started: Redis by pid, the embedded PostgreSQL through its own handle. */
export default async function globalTeardown(): Promise<void> {
  const state = readState();
  if (state.redisPid) {
    try {
      process.kill(state.redisPid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  }
  const embedded = (globalThis as { __microlendEmbedded?: { stop(): Promise<void> } }).__microlendEmbedded;
  if (embedded) await embedded.stop();
  if (state.embeddedDataDir) rmSync(path.dirname(state.embeddedDataDir), { recursive: true, force: true });
  clearState();
}
