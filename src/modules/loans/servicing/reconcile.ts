import { isDeepStrictEqual } from 'node:util';
import { handOff } from '../../../core/cob';
import { type AccountMapping, loanAccountMapping } from '../../../core/ledger/journal';
import { Dec } from '../../../core/money';
import {
  DEFAULT_BUCKETS, type LoanState, type LoanTransactionKind, type ReplaySnapshot, type ServicingTerms,
  REPLAY_ENGINE_VERSION, bucketFor, delinquencyDate, dpdAt, recognisedInterest,
} from '../../../core/servicing';
import { uuidv7 } from '../../../platform/db/ids';
import type { RequestContext } from '../../../platform/tenancy/request-context';
import type { LoanEntity } from '../loan.entity';
import type { LoanEvents } from '../loan-events';
import type { LoanBook } from './loan-books';
import { SNAPSHOTS_KEPT, afterPoint, linesFor, normalise, recognitionDate, reverseLines } from './replays';
import type { ServicingDeps } from './servicing-deps';

/**
 * Replays the loan and makes the ledger and the loan row agree with the replay. Postings are keyed
 * by allocation; unchanged ones are left alone, changed ones reversed and re-posted, vanished ones
 * (a reversed transaction) reversed. The writes are staged in the unit of work (one statement with
 * the command's own), the events added to `events` for the command to stage.
 *
 * Resumed from a snapshot, the replay makes only the allocations after its point: those before it
 * are what the replay that took it made and posted, and only the postings after it are compared.
 * The state it answers then lists only those allocations.
 */
export async function reconcile(
  s: ServicingDeps, ctx: RequestContext, loan: LoanEntity, today: string, read: LoanBook, events: LoanEvents,
): Promise<{ state: LoanState }> {
  const { transactions, postings, penaltyAccrued, interestAccrued, lastClosed } = read;
  const writes = ctx.writes;
  const mapping = loanAccountMapping(loan.servicingTerms);
  const run = s.replays.replay(loan, read, today, s.replays.snapshotEvery);
  const { state, resumed } = run;
  stageSnapshots(s, ctx, loan, read, run);
  const after = resumed ? afterPoint(resumed) : () => true;
  const byKey = new Map(postings.filter((p) => after(p.allocation)).map((p) => [p.posting_key, p]));
  const kinds = new Map(transactions.map((t) => [t.id, t.kind as LoanTransactionKind]));
  const wanted = new Map(state.allocations.map((a) => [`tx:${a.transactionId}`, a]));
  const vanished: string[] = [];
  for (const [key, old] of byKey) {
    const next = wanted.get(key);
    if (next && isDeepStrictEqual(normalise(next), normalise(old.allocation))) continue;
    await s.ledger.post(ctx, { kind: 'REPLAY_REVERSAL', businessDate: today, loanId: loan.id, reference: `reverse:${old.journal_entry_id}`, lines: reverseLines(linesFor(kinds.get(old.allocation.transactionId) ?? 'REPAYMENT', old.allocation)) }, mapping);
    vanished.push(key);
    byKey.delete(key);
  }
  const posted: unknown[][] = [];
  for (const [key, allocation] of wanted) {
    if (byKey.has(key)) continue;
    const kind = kinds.get(allocation.transactionId) ?? 'REPAYMENT';
    const lines = linesFor(kind, allocation);
    if (lines.length === 0) continue;
    const entryId = await s.ledger.post(ctx, { kind, businessDate: allocation.effectiveDate, loanId: loan.id, reference: key, lines }, mapping);
    posted.push([key, JSON.stringify(allocation), entryId]);
  }
  // A re-posted key replaces its row (one statement may not delete and insert the same key).
  const reposted = new Set(posted.map(([key]) => key as string));
  const gone = vanished.filter((key) => !reposted.has(key));
  if (gone.length) writes.add('DELETE FROM loan_postings WHERE loan_id = $1 AND posting_key = ANY($2::text[])', [loan.id, gone]);
  if (posted.length) {
    writes.add(
      `INSERT INTO loan_postings (tenant_id, loan_id, posting_key, allocation, journal_entry_id)
       SELECT $1, $2, p.key, p.allocation, p.entry FROM unnest($3::text[], $4::jsonb[], $5::uuid[]) AS p (key, allocation, entry)
       ON CONFLICT (tenant_id, loan_id, posting_key) DO UPDATE SET allocation = EXCLUDED.allocation, journal_entry_id = EXCLUDED.journal_entry_id`,
      [ctx.tenant, loan.id, posted.map((p) => p[0]), posted.map((p) => p[1]), posted.map((p) => p[2])],
    );
  }
  const next = state.installments.find((i) => i.status !== 'PAID');
  // The replay hands the nightly run its state (src/core/cob/hand-off.ts): the run's period stays where
  // the run put it (`accrual_index`), everything before it counts as past due, and the replay owns the
  // penalty through today; the next nights carry on from there by the same steps.
  const terms = loan.servicingTerms as ServicingTerms;
  const handed = handOff(
    { accrualIndex: loan.accrualIndex, nonAccrual: loan.nonAccrual, periodStart: loan.accrualPeriodStart, periodEnd: loan.accrualPeriodEnd },
    state.installments, state.oldestUnpaidDueDate, today, recognitionDate(loan), terms,
  );
  // One DPD clock: measured at the last closed business date, as the nightly run measures it.
  const dpd = dpdAt(state.oldestUnpaidDueDate, delinquencyDate(today, lastClosed, loan.lastCobDate));
  // One UPDATE of the loan row per statement (a second one in the same statement would be lost).
  await trueUpRecognisedInterest(s, ctx, loan, state, interestAccrued, today, mapping);
  const interest = handed.interest;
  writes.add(
    `UPDATE loans SET dpd = $2, bucket = $3, principal_outstanding = $4, total_outstanding = $5, overdue_total = $6, credit_balance = $7,
            next_due_date = $8, oldest_unpaid_due_date = $9, state_version = state_version + 1, next_tx_seq = $11,
            overdue_principal = $12, next_unpaid_principal = $13, next_unpaid_total = $14,
            penalty_rows = $15, penalty_from = $16, penalty_total = $17, penalty_through = GREATEST(penalty_through, $18::date),
            interest_schedule = coalesce($19::jsonb, interest_schedule), accrual_period_interest = coalesce($20::numeric, accrual_period_interest),
            accrued_in_period = coalesce($21::numeric, accrued_in_period),
            status = CASE WHEN $10 THEN 'CLOSED' ELSE status END, closed_at = CASE WHEN $10 THEN coalesce(closed_at, now()) ELSE closed_at END
     WHERE id = $1`,
    [loan.id, dpd, bucketFor(dpd, terms.delinquencyBuckets ?? DEFAULT_BUCKETS), state.outstanding.principal, state.outstanding.total, state.overdue.total, state.credit,
      next?.dueDate ?? null, handed.oldestUnpaidDueDate, state.closed, loan.nextTxSeq, handed.overduePrincipal, handed.nextUnpaidPrincipal, handed.nextUnpaidTotal,
      JSON.stringify(handed.penaltyRows), handed.penaltyFrom, handed.penaltyTotal, today,
      interest ? JSON.stringify(interest.interestSchedule) : null, interest?.periodInterest ?? null, interest?.accruedInPeriod ?? null],
  );
  if (state.closed && loan.status === 'ACTIVE') events.add('LOAN_CLOSED', {});
  // Accrued penalties (nightly) brought to the replay's exact figure, in sub-ledger and ledger.
  await stageTrueUp(s, ctx, loan.id, 'penalty', new Dec(handed.penaltyTotal).minus(penaltyAccrued), today, mapping);
  return { state };
}

/**
 * Keeps the loan's snapshots to what can still be resumed from: a new one taken by this replay is
 * stored, those after the one it resumed from (or all, when it replayed from disbursement) no
 * longer hold (a backdated or reversed transaction before their point) and go, and of the rest
 * only the latest SNAPSHOTS_KEPT stay. The new one records the highest seq its replay saw, so the
 * trigger that deletes snapshots a new transaction comes before spares it (it is stored by the
 * statement that inserts the transaction, and already includes it).
 */
function stageSnapshots(s: ServicingDeps, ctx: RequestContext, loan: LoanEntity, book: LoanBook, run: { resumed: ReplaySnapshot | null; snapshot: ReplaySnapshot | null }): void {
  if (s.replays.snapshotEvery <= 0) return;
  const writes = ctx.writes;
  const loanId = loan.id;
  const at = run.resumed ? book.snapshots.findIndex((x) => x.state === run.resumed) : book.snapshots.length;
  // Newest first: those before the resumed one no longer hold; it and the older ones may.
  const holding = book.snapshots.slice(at).filter((x) => x.engine === REPLAY_ENGINE_VERSION);
  const keep = new Set(holding.slice(0, run.snapshot ? SNAPSHOTS_KEPT - 1 : SNAPSHOTS_KEPT).map((x) => x.id));
  const gone = book.snapshots.filter((x) => !keep.has(x.id)).map((x) => x.id);
  if (gone.length) writes.add('DELETE FROM loan_replay_snapshots WHERE loan_id = $1 AND id = ANY($2::uuid[])', [loanId, gone]);
  if (run.snapshot) {
    const snap = run.snapshot;
    writes.add(
      `INSERT INTO loan_replay_snapshots (tenant_id, loan_id, id, engine, through_date, through_seq, tx_count, history_seq, state) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [ctx.tenant, loanId, uuidv7(), snap.engine, snap.through.effectiveDate, snap.through.seq, snap.count, loan.nextTxSeq - 1, JSON.stringify(snap)],
    );
  }
}

/**
 * A true-up of accrued interest or penalty by `diff` (positive: more income): a journal entry of the
 * receivable against the income, and its row in the accrual sub-ledger naming the entry.
 */
export async function stageTrueUp(s: ServicingDeps, ctx: RequestContext, loanId: string, what: 'interest' | 'penalty', diff: Dec, today: string, mapping: AccountMapping | null): Promise<void> {
  if (diff.isZero()) return;
  const [receivable, income] = what === 'interest' ? (['INTEREST_RECEIVABLE', 'INTEREST_INCOME'] as const) : (['PENALTY_RECEIVABLE', 'PENALTY_INCOME'] as const);
  const amount = diff.abs().toFixed();
  const entryId = await s.ledger.post(ctx, {
    kind: what === 'interest' ? 'INTEREST_TRUE_UP' : 'PENALTY_TRUE_UP', businessDate: today, loanId,
    reference: what === 'interest' ? `interest-true-up:${loanId}` : `true-up:${loanId}`,
    lines: diff.gt(0)
      ? [{ account: receivable, debit: amount }, { account: income, credit: amount }]
      : [{ account: income, debit: amount }, { account: receivable, credit: amount }],
  }, mapping);
  ctx.writes.add(
    `INSERT INTO loan_accruals (tenant_id, loan_id, business_date, kind, n, ${what}, journal_entry_id) VALUES ($1, $2, $3, 'TRUE_UP', nextval('loan_accruals_true_up_seq'), $4, $5)`,
    [ctx.tenant, loanId, today, diff.toFixed(), entryId]);
}

/**
 * Interest income follows the replay: recognised through the nightly run's last date (the day the
 * loan became non-accrual, if it did) by the run's own rule, all of it once the loan is settled. The
 * sub-ledger and the ledger are brought to that figure (the run's state for the running period is
 * handed over with the rest, see handOff).
 */
async function trueUpRecognisedInterest(
  s: ServicingDeps, ctx: RequestContext, loan: LoanEntity, state: LoanState, accrued: string, today: string, mapping: AccountMapping | null,
): Promise<void> {
  const terms = loan.servicingTerms as ServicingTerms;
  const target = recognisedInterest(state, loan.disbursementDate!, recognitionDate(loan), terms.decimals, terms.roundingMode);
  await stageTrueUp(s, ctx, loan.id, 'interest', target.minus(accrued), today, mapping);
}

