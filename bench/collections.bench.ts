import { addDays } from '../src/modules/cob/cob.service';
import { todayIn } from '../src/platform/tenancy/business-date';
import { benchLender, startBenchApp } from './support/bench-app';
import { benchBook } from './support/bench-book';

export interface CollectionsCobBenchResult {
  loans: number;
  delinquent: number;
  /** The first date, no collection policy: the baseline. */
  withoutPolicySeconds: number;
  /** The second date, a policy active: every delinquent loan gets a case, its stage's actions and an event. */
  openingSeconds: number;
  /** The third date: the cases follow their loans (the nightly steady state). */
  steadySeconds: number;
  casesOpened: number;
  actionsScheduled: number;
}

/** A four-stage policy over every loan, with messages and call tasks, as a lender would run it. */
const POLICY = {
  code: 'BENCH', name: 'Bench collections', productCodes: [], segments: [], hardshipPauseDays: 30,
  stages: [
    { name: 'SOFT', minDpd: 1, maxDpd: 30, team: 'COLLECTOR', firstContactHours: 24, maxDiscount: '0', weight: '1', actions: [{ channel: 'SMS', everyDays: 3, templates: { en: 'Loan {{loanId}}: {{amountOverdue}} {{currency}} is {{dpd}} days overdue.' } }] },
    { name: 'EARLY', minDpd: 31, maxDpd: 60, team: 'COLLECTOR', firstContactHours: 24, maxDiscount: '0.1', weight: '2', actions: [{ channel: 'SMS', everyDays: 7, templates: { en: 'Please pay {{amountOverdue}} {{currency}}.' } }, { channel: 'CALL', everyDays: 7 }] },
    { name: 'LATE', minDpd: 61, maxDpd: 90, team: 'COLLECTOR', firstContactHours: 48, maxDiscount: '0.2', weight: '4', actions: [{ channel: 'FIELD_VISIT', everyDays: 14 }] },
    { name: 'LEGAL', minDpd: 91, maxDpd: null, team: 'LEGAL', firstContactHours: 72, maxDiscount: '0.3', weight: '5', actions: [{ channel: 'LETTER', everyDays: 0, templates: { en: 'Loan {{loanId}} is referred for legal review.' } }] },
  ],
};

/**
 * Close of business over a book of `loans` of which `delinquent` are past due (seeded 75 days ago,
 * never paid), business dates in a row: a warm-up and the baseline without a collection policy, then
 * with one (the date that opens every case), then the next (cases move, actions recur). The target: a run with
 * a policy at most 1.25x the run without one.
 */
export async function runCollectionsCobBench({ loans = 1_000_000, delinquentShare = 0.08, log = (s: string) => void process.stderr.write(s) } = {}): Promise<CollectionsCobBenchResult> {
  const bench = await startBenchApp();
  try {
    const { runtime } = bench;
    const { tenantId } = await benchLender(runtime, 'collections-bench', 'LENDER_ADMIN');
    const today = todayIn('UTC');
    const [d0, d1, d2, d3] = [addDays(today, -3), addDays(today, -2), addDays(today, -1), today];
    const { owner, delinquent, asSystem, timed } = await benchBook(bench, { tenantId, loans, delinquentShare, today, firstDate: d0, log });
    await owner.query('VACUUM ANALYZE loans');
    log('\nclose of business');
    // A first date to warm caches and plans, not counted; then the baseline.
    await timed(d0);
    const withoutPolicySeconds = await timed(d1);
    await asSystem((ctx) => runtime.services.collectionPolicies.setPolicy(ctx, POLICY));
    await owner.query('VACUUM ANALYZE loans');
    const openingSeconds = await timed(d2);
    await owner.query('VACUUM ANALYZE loans, collection_cases, collection_actions');
    const steadySeconds = await timed(d3);
    log('\n');
    const [{ cases, actions }] = (await owner.query(
      'SELECT (SELECT count(*) FROM collection_cases WHERE tenant_id = $1)::int AS cases, (SELECT count(*) FROM collection_actions WHERE tenant_id = $1)::int AS actions', [tenantId])).rows;
    await owner.end();
    return { loans, delinquent, withoutPolicySeconds, openingSeconds, steadySeconds, casesOpened: cases, actionsScheduled: actions };
  } finally {
    await bench.close();
  }
}

export function printCollectionsCobResult(r: CollectionsCobBenchResult): void {
  const rate = (s: number) => `${Math.round(r.loans / s)} loans/s`;
  console.log(`book: ${r.loans} loans, ${r.delinquent} past due (${((100 * r.delinquent) / r.loans).toFixed(1)}%)`);
  console.log(`close of business without a collection policy (baseline): ${r.withoutPolicySeconds.toFixed(2)} s = ${rate(r.withoutPolicySeconds)}`);
  console.log(`with the policy, the date that opens the cases: ${r.openingSeconds.toFixed(2)} s = ${rate(r.openingSeconds)}; ratio ${(r.openingSeconds / r.withoutPolicySeconds).toFixed(2)}x (target <= 1.25x); ${r.casesOpened} cases, ${r.actionsScheduled} actions scheduled by the end`);
  console.log(`with the policy, the next date (cases follow their loans): ${r.steadySeconds.toFixed(2)} s = ${rate(r.steadySeconds)}; ratio ${(r.steadySeconds / r.withoutPolicySeconds).toFixed(2)}x (target <= 1.25x)\n`);
}
