import { createHash } from 'node:crypto';
import { LateFeeEvent } from './penalties';
import { Ledger, Row } from './ledger';
import type { LoanTransaction, ScheduledInstallment, ServicingTerms } from './types';

/*
 * Snapshots of a replay's working state, so a loan with thousands of transactions is replayed from
 * its last snapshot instead of from disbursement. A snapshot is the whole ledger right after one
 * transaction (its `through` point, in replay order) was applied: nothing the replay folds is left
 * out, so continuing from it with the later transactions is the same computation as a full replay.
 */

/**
 * Bumped whenever the replay's semantics change (what a transaction does to the ledger, the order of
 * a day's steps): a snapshot taken by another version is never resumed from.
 */
export const REPLAY_ENGINE_VERSION = 2;

/** A transaction's place in replay order. */
export interface ReplayPoint {
  effectiveDate: string;
  seq: number;
  id: string;
}

/** The replay's state right after its `through` transaction. JSON as it is (money as strings). */
export interface ReplaySnapshot {
  engine: number;
  /** Digest of the terms and schedule it was taken under. */
  basis: string;
  /** The last transaction included. */
  through: ReplayPoint;
  /** The transactions included (every one at or before `through` in replay order): how many, and their digest. */
  count: number;
  digest: string;
  /**
   * How the digest chains: the counts at which its links end, the last being `count`. A snapshot taken
   * by a replay resumed from another extends that one's chain by the transactions it added, so it is
   * taken without the transactions before the earlier point (see transactionsDigest).
   */
  links: number[];
  /** Ids of the allocations dated `through.effectiveDate` made at or before `through` (the rest of that day's come after). */
  boundary: string[];
  ledger: { credit: string; firstOpen: number; dueCount: number; liveEnd: number; accruedThrough: number | null; lateFeeNext: number };
  /** Row field names, and each row's values in that order (bigints as strings). */
  fields: string[];
  rows: (string | number | boolean | null)[][];
  lateFees: { number: number; date: string; units: string }[];
}

/** Replay order: (effectiveDate, seq, id), as parseTransactions sorts. */
export function comparePoints(a: ReplayPoint, b: ReplayPoint): number {
  if (a.effectiveDate !== b.effectiveDate) return a.effectiveDate < b.effectiveDate ? -1 : 1;
  if (a.seq !== b.seq) return a.seq - b.seq;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The terms and schedule a snapshot is valid for. */
export function snapshotBasis(terms: ServicingTerms, schedule: ScheduledInstallment[]): string {
  return createHash('sha256').update(JSON.stringify([terms, schedule])).digest('base64url');
}

/** A line of the digest: every field of a transaction the replay reads (not the note). */
function digestLine(t: LoanTransaction): string {
  return `${t.id}\u0000${t.kind}\u0000${t.effectiveDate}\u0000${t.amount}\u0000${t.seq}\n`;
}

/** One link of the chain: the previous link's digest ('' for the first) and the link's transactions, in replay order. */
function chainDigest(previous: string, ordered: readonly LoanTransaction[]): string {
  const h = createHash('sha256').update(previous);
  for (const t of ordered) h.update(digestLine(t));
  return h.digest('base64url');
}

/**
 * Digest of transactions in replay order, chained at `links` (the counts at which each link ends,
 * the last being the list's length; a single link by default): link k hashes link k-1's digest and
 * its own transactions. One pass over the list, whatever the number of links.
 */
export function transactionsDigest(ordered: readonly LoanTransaction[], links: readonly number[] = [ordered.length]): string {
  let digest = '';
  let from = 0;
  for (const to of links) {
    digest = chainDigest(digest, ordered.slice(from, to));
    from = to;
  }
  return digest;
}

/** The count, digest and links of a snapshot's transactions: `base`'s (none: from disbursement) and `added` after them, in replay order. */
export interface DigestBase {
  count: number;
  digest: string;
  links: number[];
}

/** The ledger and late fees after `through`, as a snapshot. */
export function takeSnapshot(
  ledger: Ledger, lateFees: LateFeeEvent[], boundary: string[], through: ReplayPoint, base: DigestBase | null, added: readonly LoanTransaction[], basis: string,
): ReplaySnapshot {
  const fields = Object.keys(ledger.rows[0]);
  const count = (base?.count ?? 0) + added.length;
  return {
    engine: REPLAY_ENGINE_VERSION,
    basis,
    through: { effectiveDate: through.effectiveDate, seq: through.seq, id: through.id },
    count,
    digest: chainDigest(base?.digest ?? '', added),
    links: [...(base?.links ?? []), count],
    boundary,
    ledger: {
      credit: ledger.credit.toString(), firstOpen: ledger.firstOpen, dueCount: ledger.dueCount, liveEnd: ledger.liveEnd,
      accruedThrough: Number.isFinite(ledger.accruedThrough) ? ledger.accruedThrough : null, lateFeeNext: ledger.lateFeeNext,
    },
    fields,
    rows: ledger.rows.map((r) => fields.map((k) => {
      const v = (r as unknown as Record<string, unknown>)[k];
      return typeof v === 'bigint' ? v.toString() : (v as string | number | boolean | null);
    })),
    lateFees: lateFees.map((e) => ({ number: e.number, date: e.date, units: e.units.toString() })),
  };
}

/** Where a replay resumes: the transactions after the snapshot, and the snapshot's late fees. */
export interface ResumePoint {
  snapshot: ReplaySnapshot;
  /** The transactions after `through`, in the caller's order. */
  tail: LoanTransaction[];
  lateFees: LateFeeEvent[];
}

/** The checks every resume makes: engine, terms and schedule, asOf, the ledger's shape, a well-formed chain. */
function resumable(snapshot: ReplaySnapshot, basis: string, asOf: string, template: Ledger): boolean {
  if (snapshot.engine !== REPLAY_ENGINE_VERSION || snapshot.basis !== basis || asOf < snapshot.through.effectiveDate || snapshot.count < 1) return false;
  const links = snapshot.links;
  if (!Array.isArray(links) || links.length === 0 || links[links.length - 1] !== snapshot.count || links.some((n, k) => !Number.isInteger(n) || n < (k === 0 ? 0 : links[k - 1]))) return false;
  const fields = Object.keys(template.rows[0]);
  return snapshot.rows.length === template.rows.length && snapshot.fields.length === fields.length && snapshot.fields.every((f, k) => f === fields[k]);
}

/** Whether a transaction is of the shape a replay takes (anything else is left to a full replay, which refuses it). */
function wellFormed(t: LoanTransaction): boolean {
  return t !== null && typeof t === 'object' && typeof t.id === 'string' && typeof t.amount === 'string' && typeof t.effectiveDate === 'string' && typeof t.seq === 'number';
}

const lateFeesOf = (s: ReplaySnapshot): LateFeeEvent[] => s.lateFees.map((e) => ({ number: e.number, date: e.date, units: BigInt(e.units) }));

/**
 * Whether `snapshot` holds for these inputs: the same engine, terms and schedule, exactly the same
 * transactions at or before its point (count and digest), no transaction id twice across the whole
 * list (a full replay refuses that), and asOf not before its point. Null when it does not.
 */
export function resumePoint(snapshot: ReplaySnapshot, basis: string, transactions: LoanTransaction[], asOf: string, template: Ledger): ResumePoint | null {
  if (!resumable(snapshot, basis, asOf, template)) return null;
  const included: LoanTransaction[] = [];
  const tail: LoanTransaction[] = [];
  const ids = new Set<string>();
  for (const t of transactions) {
    // Anything a full replay would refuse is left to it (so it refuses it the same way).
    if (!wellFormed(t) || ids.has(t.id)) return null;
    ids.add(t.id);
    (comparePoints(t, snapshot.through) <= 0 ? included : tail).push(t);
  }
  if (included.length !== snapshot.count) return null;
  included.sort(comparePoints);
  if (comparePoints(included[included.length - 1], snapshot.through) !== 0 || transactionsDigest(included, snapshot.links) !== snapshot.digest) return null;
  return { snapshot, tail, lateFees: lateFeesOf(snapshot) };
}

/**
 * Resuming from `snapshot` given only the transactions after its point (`tail`): the caller vouches
 * that the transactions at or before it are still those it was taken over (the loans module keeps
 * that true in the database: see loan_replay_snapshots). Checked here: the same engine, terms and
 * schedule, asOf not before its point, and every transaction of the tail well formed, once, and after
 * the point. Null when it does not hold (the caller then replays the whole history).
 */
export function resumeAfter(snapshot: ReplaySnapshot, basis: string, tail: LoanTransaction[], asOf: string, template: Ledger): ResumePoint | null {
  if (!resumable(snapshot, basis, asOf, template)) return null;
  const ids = new Set<string>();
  for (const t of tail) {
    if (!wellFormed(t) || ids.has(t.id) || comparePoints(t, snapshot.through) <= 0) return null;
    ids.add(t.id);
  }
  return { snapshot, tail, lateFees: lateFeesOf(snapshot) };
}

/** Puts the snapshot's state into a ledger freshly opened on the same terms and schedule. */
export function restoreLedger(ledger: Ledger, snapshot: ReplaySnapshot): void {
  const s = snapshot.ledger;
  ledger.credit = BigInt(s.credit);
  ledger.firstOpen = s.firstOpen;
  ledger.dueCount = s.dueCount;
  ledger.liveEnd = s.liveEnd;
  ledger.accruedThrough = s.accruedThrough === null ? -Infinity : s.accruedThrough;
  ledger.lateFeeNext = s.lateFeeNext;
  ledger.rows.forEach((row: Row, i) => {
    const target = row as unknown as Record<string, unknown>;
    snapshot.fields.forEach((k, j) => {
      const v = snapshot.rows[i][j];
      target[k] = typeof target[k] === 'bigint' ? BigInt(v as string) : v;
    });
  });
}
