import { createHash } from 'node:crypto';

/** The genesis "previous hash" of every tenant's chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an audit entry that its hash covers. */
export interface ChainedEntry {
  seq: number;
  id: string;
  occurredAt: string;
  actorType: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

/** JSON with object keys sorted at every level, so equal content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** hash = SHA-256(previous hash, newline, canonical JSON of the entry). */
export function entryHash(prevHash: string, entry: ChainedEntry): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(entry)).digest('hex');
}

/**
 * The canonical JSON of an entry up to its sequence number, which sorts last: the hash of the entry
 * numbered n is SHA-256(previous hash, newline, prefix, n, "}"), so the chain can be extended where
 * the previous hash and n are known (inside the appending statement) from text made here.
 */
export function entryHashPrefix(entry: Omit<ChainedEntry, 'seq'>): string {
  const full = canonicalJson({ ...entry, seq: 0 });
  if (!full.endsWith(',"seq":0}')) throw new Error('seq must be the last key of an audit entry');
  return full.slice(0, -2);
}

export interface ChainBreak {
  seq: number;
  /** Which of the tenant's chains (lanes) the entry is in; see the audit service. */
  lane?: number;
  reason: 'EDITED' | 'MISSING' | 'RELINKED' | 'TRUNCATED';
  detail: string;
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  breaks: ChainBreak[];
}

/**
 * Checks a chain entry by entry (entries must arrive in seq order, so a whole log streams through
 * without being held in memory) and, at the end, against the head that recorded the last hash.
 */
export class ChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  private checked = 0;
  private readonly breaks: ChainBreak[] = [];

  push(entry: ChainedEntry & { prevHash: string; hash: string }): void {
    this.checked++;
    if (entry.seq !== this.expectedSeq) {
      this.breaks.push({ seq: this.expectedSeq, reason: 'MISSING', detail: `expected entry ${this.expectedSeq}, found ${entry.seq}` });
    }
    if (entry.prevHash !== this.prevHash) {
      this.breaks.push({ seq: entry.seq, reason: 'RELINKED', detail: 'previous-hash link does not match the entry before it' });
    }
    const { prevHash: _p, hash, ...fields } = entry;
    if (entryHash(entry.prevHash, fields) !== hash) {
      this.breaks.push({ seq: entry.seq, reason: 'EDITED', detail: 'content does not match its hash' });
    }
    this.expectedSeq = entry.seq + 1;
    this.prevHash = hash;
  }

  finish(head: { lastSeq: number; lastHash: string } | null): ChainReport {
    const lastSeq = this.expectedSeq - 1;
    if (head && (head.lastSeq !== lastSeq || head.lastHash !== this.prevHash)) {
      this.breaks.push({ seq: head.lastSeq, reason: 'TRUNCATED', detail: `head records entry ${head.lastSeq}, chain ends at ${lastSeq}` });
    }
    if (!head && this.checked > 0) {
      this.breaks.push({ seq: lastSeq, reason: 'TRUNCATED', detail: 'entries exist but the chain head is missing' });
    }
    return { ok: this.breaks.length === 0, checked: this.checked, breaks: this.breaks };
  }
}
