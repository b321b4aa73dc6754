import { LoanServicingService } from '../../src/modules/loans/loan-servicing.service';
import { runInContext } from '../../src/platform/tenancy/run-in-context';
import { REPAY, ageLoan, autoLender, disbursedLoan } from '../support/loans';
import { borrowerInput } from '../support/origination';
import { type TestApp, startTestApp } from '../support/test-app';

/*
 * Replay from snapshots, end to end: the same loan serviced by two deployments, one snapshotting its
 * replay state every 10 transactions and one replaying every change from disbursement. After a few
 * hundred transactions, a repayment backdated between two snapshots and a reversal before all of them,
 * a fee charge backdated before all of them and a waiver, and a backdated repayment written by a
 * deployment with snapshots off on the same database, both read alike over GraphQL (balances,
 * schedule, statement, payoff quote) and hold alike in the books (the loan row the nightly run reads,
 * the journal, the accrual sub-ledger).
 *
 * A change reads only the latest snapshot and what came after its point; the database keeps the
 * snapshots true to the history (a trigger on loan_transactions). The last case shows both: with the
 * trigger off, a change to a transaction before the snapshot goes unseen by the next repayment.
 */

const EVERY = 10;
const REPAYMENTS = 150;
const AGE = 330;
/** One borrower for both deployments, so both price the loan alike. */
const BORROWER = borrowerInput();

interface Side {
  app: TestApp;
  admin: string;
  loanId: string;
}

const addDays = (d: string, n: number) => {
  const x = new Date(`${d}T00:00:00Z`);
  x.setUTCDate(x.getUTCDate() + n);
  return x.toISOString().slice(0, 10);
};
const today = () => new Date().toISOString().slice(0, 10);

const READ = `query($id: ID!, $from: Date!, $to: Date!) {
  loan(id: $id) {
    status dpd bucket nextDueDate principal
    schedule { number dueDate status principalDue principalPaid interestDue interestPaid interestWaived feesDue feesPaid feesWaived penaltyDue penaltyPaid penaltyWaived unpaid paidOn }
    balances { outstanding { principal interest fees penalties total } overdue { principal interest fees penalties total } credit ledger receivable { principal interest penalties total } }
  }
  payoffQuote(loanId: $id) { asOf principal interest fees penalties prepaymentFee credit total accruedInterest }
  loanStatement(loanId: $id, from: $from, to: $to) {
    from to creditAtOpen creditAtClose
    opening { principal interest fees penalties total } closing { principal interest fees penalties total }
    lines { date kind amount status change { principal interest fees penalties total } allocation { principal interest fees penalties toCredit fromCredit } }
    due { number dueDate status unpaid }
  }
}`;

describe('replay from snapshots: a loan with hundreds of transactions reads and books as a full replay would', () => {
  let snap: Side;
  let full: Side;
  let start: string;

  async function side(every: number): Promise<Side> {
    const app = await startTestApp({ env: { SERVICING_SNAPSHOT_EVERY: String(every) } });
    const lender = await autoLender(app);
    await app.ownerQuery("UPDATE tenants SET timezone = 'UTC'");
    const { loanId } = await disbursedLoan(app, lender, { amount: '12000.00', termCount: 12, borrower: BORROWER });
    start = (await ageLoan(app, loanId, AGE)).start;
    return { app, admin: lender.admin, loanId };
  }

  beforeAll(async () => {
    [snap, full] = await Promise.all([side(EVERY), side(0)]);
  }, 120_000);
  afterAll(() => Promise.all([snap?.app.close(), full?.app.close()]));

  /** The same change on both loans. */
  async function both(change: (s: Side) => Promise<{ errors?: unknown }>): Promise<void> {
    const results = await Promise.all([change(snap), change(full)]);
    for (const r of results) expect(r.errors).toBeUndefined();
  }
  const repay = (amount: string, paidAt: string, key: string) => both((s) =>
    s.app.gql(REPAY, { i: { loanId: s.loanId, amount, paidAt, method: 'MOBILE_MONEY', reference: key, idempotencyKey: key } }, s.admin));

  /** Everything a reader or the books see of the loan, without ids (the two deployments made their own). */
  async function everything(s: Side) {
    const read = await s.app.gql(READ, { id: s.loanId, from: start, to: today() }, s.admin);
    expect(read.errors).toBeUndefined();
    const [row] = await s.app.ownerQuery(
      `SELECT status, dpd, bucket, principal_outstanding, total_outstanding, overdue_total, credit_balance, next_due_date::text, oldest_unpaid_due_date::text,
              state_version, next_tx_seq, overdue_principal, next_unpaid_principal, next_unpaid_total, penalty_rows, penalty_from::text, penalty_total,
              penalty_through::text, interest_schedule, accrual_period_interest, accrued_in_period
       FROM loans WHERE id = $1`, [s.loanId]);
    const journal = await s.app.ownerQuery(
      `SELECT e.kind, e.business_date::text, json_agg(json_build_object('account', l.account_code, 'debit', l.debit::text, 'credit', l.credit::text) ORDER BY l.line_no) AS lines
       FROM journal_entries e JOIN journal_lines l ON l.tenant_id = e.tenant_id AND l.entry_id = e.id
       WHERE e.loan_id = $1 GROUP BY e.tenant_id, e.id ORDER BY e.posted_at, e.id`, [s.loanId]);
    const accruals = await s.app.ownerQuery(
      'SELECT business_date::text, kind, interest::text, penalty::text FROM loan_accruals WHERE loan_id = $1 ORDER BY business_date, kind, interest, penalty', [s.loanId]);
    const postings = await s.app.ownerQuery(
      `SELECT p.allocation - 'transactionId' AS allocation FROM loan_postings p
       WHERE p.loan_id = $1 ORDER BY p.allocation->>'effectiveDate', p.allocation::text`, [s.loanId]);
    return { read: read.data, row, journal, accruals, postings };
  }

  async function expectAlike(): Promise<void> {
    const [a, b] = await Promise.all([everything(snap), everything(full)]);
    expect(a).toEqual(b);
    expect(a.postings.length).toBeGreaterThanOrEqual(REPAYMENTS);
  }

  /** tx_count of the snapshots kept, newest point first. */
  const snapshotCounts = async (s: Side) =>
    (await s.app.ownerQuery('SELECT tx_count FROM loan_replay_snapshots WHERE loan_id = $1 ORDER BY through_date DESC, through_seq DESC, created_at DESC', [s.loanId])).map((r) => r.tx_count);

  it('starts from the same loan', async () => {
    const [a, b] = await Promise.all([everything(snap), everything(full)]);
    expect(a).toEqual(b);
  });

  it('after a few hundred repayments and fee charges', async () => {
    for (let i = 0; i < REPAYMENTS; i++) {
      const date = addDays(start, 1 + Math.floor((i * (AGE - 10)) / REPAYMENTS));
      await repay(`${5 + (i % 7)}.${String((i * 37) % 100).padStart(2, '0')}`, date, `repayment-${i}`);
      if (i % 25 === 12) await both((s) => s.app.gql(`mutation($id: ID!, $d: Date!) { chargeFee(loanId: $id, amount: "15.00", name: "Statement", effectiveDate: $d) { id } }`, { id: s.loanId, d: date }, s.admin));
    }
    await expectAlike();
    // A snapshot every 10 transactions, each replay resuming from the last: the latest three kept.
    expect(await snapshotCounts(snap)).toEqual([150, 140, 130]);
    expect(await snapshotCounts(full)).toEqual([]);
  }, 300_000);

  it('after a repayment backdated between two snapshots: resumed from the earlier one', async () => {
    const [dates] = await Promise.all([snap.app.ownerQuery(
      "SELECT effective_date::text AS d FROM loan_transactions WHERE loan_id = $1 AND status = 'POSTED' ORDER BY effective_date, seq", [snap.loanId])]);
    await repay('250.00', dates[144].d, 'backdated-pay');
    await expectAlike();
    // The one after it went; the one it resumed from and the one before it stayed; a new one at the end.
    expect(await snapshotCounts(snap)).toEqual([157, 140, 130]);
  }, 120_000);

  it('after a reversal before every snapshot, and more repayments', async () => {
    for (const s of [snap, full]) {
      const [tx] = await s.app.ownerQuery("SELECT id FROM loan_transactions WHERE loan_id = $1 AND status = 'POSTED' ORDER BY effective_date, seq OFFSET 40 LIMIT 1", [s.loanId]);
      const res = await s.app.gql('mutation($id: ID!) { reverseTransaction(id: $id, reason: "bounced") { status } }', { id: tx.id }, s.admin);
      expect(res.errors).toBeUndefined();
    }
    await expectAlike();
    expect(await snapshotCounts(snap)).toEqual([156]);
    for (let i = 0; i < 15; i++) await repay('3.00', today(), `today-pay-${i}`);
    await expectAlike();
    expect(await snapshotCounts(snap)).toEqual([166, 156]);
  }, 120_000);

  it('after a fee charge backdated before every snapshot, and a waiver', async () => {
    await both((s) => s.app.gql(`mutation($id: ID!, $d: Date!) { chargeFee(loanId: $id, amount: "15.00", name: "Backdated", effectiveDate: $d) { id } }`, { id: s.loanId, d: addDays(start, 3) }, s.admin));
    await expectAlike();
    // No snapshot before its date: replayed from disbursement, the old ones gone, a new one at the end.
    expect(await snapshotCounts(snap)).toEqual([172]);
    await both((s) => s.app.gql('mutation($id: ID!) { waive(loanId: $id, kind: FEE, amount: "5.00", reason: "goodwill") { __typename } }', { id: s.loanId }, s.admin));
    await expectAlike();
    for (let i = 0; i < 10; i++) await repay('4.00', today(), `after-fee-${i}`);
    await expectAlike();
    expect(await snapshotCounts(snap)).toEqual([182, 172]);
  }, 120_000);

  it('after a backdated repayment written by a deployment with snapshots off: the database drops the snapshots it comes before', async () => {
    const paidAt = addDays(today(), -5);
    // The same database, serviced by a deployment that neither reads nor takes snapshots.
    const services = snap.app.runtime.services;
    const off = new LoanServicingService({ tenants: services.directory, ledger: services.ledger, audit: services.audit, limits: snap.app.runtime.config.graphql, snapshotEvery: 0 });
    const [{ tenant_id: tenantId }] = await snap.app.ownerQuery('SELECT tenant_id FROM loans WHERE id = $1', [snap.loanId]);
    const input = { loanId: snap.loanId, amount: '40.00', paidAt, method: 'MOBILE_MONEY', reference: 'off-deployment-pay', idempotencyKey: 'off-deployment-pay' };
    await runInContext(snap.app.runtime.dataSource, { tenantId, actor: { type: 'SYSTEM', id: 'test' }, roles: ['LENDER_ADMIN'] }, (ctx) => off.recordRepayment(ctx, input));
    const res = await full.app.gql(REPAY, { i: { ...input, loanId: full.loanId } }, full.admin);
    expect(res.errors).toBeUndefined();
    // Every snapshot was taken today, after its date.
    expect(await snapshotCounts(snap)).toEqual([]);
    await repay('6.00', today(), 'after-off-pay');
    await expectAlike();
    expect(await snapshotCounts(snap)).toEqual([185]);
  }, 120_000);

  it('reads nothing before the snapshot: with the trigger off, a change before it goes unseen (and with it on, is seen)', async () => {
    for (let i = 0; i < 10; i++) await repay('2.00', today(), `before-tamper-${i}`);
    expect(await snapshotCounts(snap)).toEqual([195, 185]);
    const early = (s: Side) => s.app.ownerQuery("SELECT id FROM loan_transactions WHERE loan_id = $1 AND status = 'POSTED' AND kind = 'REPAYMENT' ORDER BY effective_date, seq LIMIT 1", [s.loanId]);
    const tamper = async (s: Side) => s.app.ownerQuery('UPDATE loan_transactions SET amount = amount + 100 WHERE id = $1', [(await early(s))[0].id]);
    // With the trigger on, the change drops every snapshot: both replay it alike.
    await Promise.all([tamper(snap), tamper(full)]);
    expect(await snapshotCounts(snap)).toEqual([]);
    await repay('2.00', today(), 'after-tamper');
    await expectAlike();
    // With it off, the snapshot stays and the next repayment replays from it: the change is not read.
    await snap.app.ownerQuery('ALTER TABLE loan_transactions DISABLE TRIGGER loan_transactions_replay_snapshots');
    try {
      await Promise.all([tamper(snap), tamper(full)]);
      expect(await snapshotCounts(snap)).toEqual([196]);
      await repay('2.00', today(), 'unseen-change');
      const [a, b] = await Promise.all([everything(snap), everything(full)]);
      expect(a.read).not.toEqual(b.read);
    } finally {
      await snap.app.ownerQuery('ALTER TABLE loan_transactions ENABLE TRIGGER loan_transactions_replay_snapshots');
    }
  }, 120_000);
});
