import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Embedded PostgreSQL refuses to run as root and drops to the `postgres` OS user, who must reach its
 * data and its binaries. A checkout in a private folder (`/root`, `mktemp -d`) hides both from that
 * user; they then live in the checkout's shelter under /var/tmp (which also survives reboots).
 */
export function postgresCannotReach(dir: string): boolean {
  return process.getuid?.() === 0 && !worldTraversable(dir);
}

/** The per-checkout folder under /var/tmp for what the `postgres` user must reach. */
export function shelterFor(checkout: string): string {
  const tag = createHash('sha256').update(path.resolve(checkout)).digest('hex').slice(0, 12);
  return path.join('/var/tmp', `microlend-${tag}`);
}

function worldTraversable(dir: string): boolean {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    if (existsSync(current) && (statSync(current).mode & 0o001) === 0) return false;
    if (current === path.dirname(current)) return true;
  }
}
