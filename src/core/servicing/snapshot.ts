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
export const REPLAY_ENGINE_VERSION = 1;

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

/** Digest of transactions in replay order: every field the replay reads (not the note). */
export function transactionsDigest(ordered: LoanTransaction[]): string {
  const h = createHash('sha256');
  for (const t of ordered) h.update(`${t.id}\u0000${t.kind}\u0000${t.effectiveDate}\u0000${t.amount}\u0000${t.seq}\n`);
  return h.digest('base64url');
}

/** The ledger and late fees after `through`, as a snapshot. */
export function takeSnapshot(
  ledger: Ledger, lateFees: LateFeeEvent[], boundary: string[], through: ReplayPoint, included: LoanTransaction[], basis: string,
): ReplaySnapshot {
  const fields = Object.keys(ledger.rows[0]);
  return {
    engine: REPLAY_ENGINE_VERSION,
    basis,
    through: { effectiveDate: through.effectiveDate, seq: through.seq, id: through.id },
    count: included.length,
    digest: transactionsDigest(included),
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
  /** The transactions at or before `through`, in replay order. */
  included: LoanTransaction[];
  lateFees: LateFeeEvent[];
}

/**
 * Whether `snapshot` holds for these inputs: the same engine, terms and schedule, exactly the same
 * transactions at or before its point (count and digest), no transaction id twice across the whole
 * list (a full replay refuses that), and asOf not before its point. Null when it does not.
 */
export function resumePoint(snapshot: ReplaySnapshot, basis: string, transactions: LoanTransaction[], asOf: string, template: Ledger): ResumePoint | null {
  if (snapshot.engine !== REPLAY_ENGINE_VERSION || snapshot.basis !== basis || asOf < snapshot.through.effectiveDate || snapshot.count < 1) return null;
  const fields = Object.keys(template.rows[0]);
  if (snapshot.rows.length !== template.rows.length || snapshot.fields.length !== fields.length || snapshot.fields.some((f, k) => f !== fields[k])) return null;
  const included: LoanTransaction[] = [];
  const tail: LoanTransaction[] = [];
  const ids = new Set<string>();
  for (const t of transactions) {
    // Anything a full replay would refuse is left to it (so it refuses it the same way).
    if (t === null || typeof t !== 'object' || typeof t.id !== 'string' || ids.has(t.id) || typeof t.amount !== 'string' || typeof t.effectiveDate !== 'string' || typeof t.seq !== 'number') return null;
    ids.add(t.id);
    (comparePoints(t, snapshot.through) <= 0 ? included : tail).push(t);
  }
  if (included.length !== snapshot.count) return null;
  included.sort(comparePoints);
  if (comparePoints(included[included.length - 1], snapshot.through) !== 0 || transactionsDigest(included) !== snapshot.digest) return null;
  return { snapshot, tail, included, lateFees: snapshot.lateFees.map((e) => ({ number: e.number, date: e.date, units: BigInt(e.units) })) };
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
