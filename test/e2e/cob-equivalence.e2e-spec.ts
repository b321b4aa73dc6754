import { DEFAULT_BUCKETS, runNight, type DelinquencyBucket, type NightlyLoanState, type NightlyTerms } from '../../src/core/cob';
import { Dec, type RoundingMode } from '../../src/core/money';
import { addDays } from '../../src/modules/cob/cob.service';
import { cli } from '../support/cli';
import { autoLender } from '../support/loans';
import { CREATE_PRODUCT, productTerms } from '../support/products';
import { type TestApp, startTestApp } from '../support/test-app';

const BUCKETS: DelinquencyBucket[] = [{ name: 'CURRENT', minDpd: 0, maxDpd: 0 }, { name: 'WATCH', minDpd: 1, maxDpd: 5 }, { name: 'LATE', minDpd: 6, maxDpd: null }];
const RATE_BANDS = ['A', 'B', 'C', 'D', 'E'].map((grade, i) => ({ grade, annualRate: `0.${14 + i * 2}`, feeDiscount: '0' }));

/** Three products that take different paths through the night: day counts, frequencies, amortisation, rounding, buckets, penalty rates. */
const PRODUCTS = [
  { code: 'CONSUMER-1', create: false, dayCount: 'THIRTY_360', mode: 'HALF_EVEN', penalty: '0.10', buckets: null },
  {
    code: 'WEEKLY-360', create: true, dayCount: 'ACTUAL_360', mode: 'HALF_UP', penalty: '0.36', buckets: BUCKETS,
    terms: { frequencies: ['WEEKLY'], amortization: 'EQUAL_PRINCIPAL', dayCount: 'ACTUAL_360', rounding: { decimals: 2, mode: 'HALF_UP' }, penaltyAnnualRate: '0.36', delinquencyBuckets: BUCKETS, termMin: 3, termMax: 52 },
  },
  {
    code: 'FLAT-ACT', create: true, dayCount: 'ACTUAL_ACTUAL', mode: 'DOWN', penalty: '0.2', buckets: null,
    terms: { frequencies: ['BIWEEKLY'], amortization: 'FLAT', dayCount: 'ACTUAL_ACTUAL', rounding: { decimals: 2, mode: 'DOWN' }, penaltyAnnualRate: '0.2' },
  },
] as const;

const LOAN = (id: string) => `{ loan(id: "${id}") {
  id productId dpd bucket disbursedAt
  schedule { dueDate principalDue interestDue feesDue }
  balances { ledger }
  events { kind businessDate data }
} }`;

/*
 * The nightly run made fast (HOT updates, lean rows through the statement, partitions in parallel on
 * separate connections, small partitions here so that many run side by side) must still be the same
 * run: a book of three products, seeded up to 100 days back and never paid (periods turn, instalments
 * fall overdue, penalty accrues, buckets change, loans stop accruing at 90 DPD), is closed night by
 * night for more than 90 nights, and every figure a lender reads through the API (each loan's DPD
 * and bucket, its share of the receivables, its bucket-change events, and the tenant's journal
 * night by night) equals the pure nightly steps (src/core/cob) run loan by loan, to the minor unit.
 */
describe('a faster close of business is the same close of business', () => {
  let app: TestApp;
  let lender: Awaited<ReturnType<typeof autoLender>>;
  const today = () => new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    app = await startTestApp({ env: { COB_CHUNK_SIZE: '4', COB_PARALLELISM: '2' } });
    lender = await autoLender(app);
    await app.ownerQuery("UPDATE tenants SET timezone = 'UTC' WHERE slug = $1", [lender.slug]);
    for (const p of PRODUCTS) {
      if (!p.create) continue;
      const created = await app.gql(CREATE_PRODUCT, { code: p.code, input: productTerms({ amountMax: '500000.00', rateBands: RATE_BANDS, segmentOverrides: [], ...p.terms }) }, lender.admin);
      expect(created.errors).toBeUndefined();
    }
  });
  afterAll(() => app.close());

  it('gives every loan the accruals, penalties, DPD, bucket and events of the pure steps, and the journal their sum, over 100 nights in parallel partitions', async () => {
    const last = addDays(today(), -1);
    const starts = [-100, -64, -37].map((d) => addDays(today(), d));
    for (const p of PRODUCTS) {
      for (const [i, start] of starts.entries()) {
        const seeded = await cli(app.config, 'seed', 'loans', '--tenant', lender.slug, '--product', p.code, '--count', String(3 + i), '--start', start);
        expect(seeded.code).toBe(0);
      }
    }
    const ran = await cli(app.config, 'cob', 'run', '--tenant', lender.slug, '--date', last);
    expect(ran.code).toBe(0);

    const products = new Map<string, (typeof PRODUCTS)[number]>();
    for (const p of (await app.gql('{ loanProducts(first: 10) { nodes { id code } } }', {}, lender.admin)).data!.loanProducts.nodes) products.set(p.id, PRODUCTS.find((x) => x.code === p.code)!);
    const ids: string[] = (await app.gql('{ loans(first: 100) { nodes { id } } }', {}, lender.admin)).data!.loans.nodes.map((l: { id: string }) => l.id);
    expect(ids).toHaveLength(PRODUCTS.length * (3 + 4 + 5));

    const nightly = new Map<string, { interest: Dec; penalty: Dec }>();
    const seen = { crossed: 0, overdue: 0, penalty: 0, nonAccrual: 0, bucketChanges: 0 };
    for (const id of ids) {
      const loan = (await app.gql(LOAN(id), {}, lender.admin)).data!.loan;
      const product = products.get(loan.productId)!;
      const start = loan.disbursedAt.slice(0, 10);
      const terms: NightlyTerms = {
        decimals: 2, roundingMode: product.mode as RoundingMode, penaltyAnnualRate: product.penalty, dayCount: product.dayCount,
        buckets: product.buckets ?? DEFAULT_BUCKETS, nonAccrualAfterDays: 90,
      };
      const schedule = loan.schedule.map((i: any) => ({
        dueDate: i.dueDate, principal: i.principalDue, interest: i.interestDue, total: new Dec(i.principalDue).plus(i.interestDue).plus(i.feesDue).toFixed(2),
      }));
      let state: NightlyLoanState = {
        schedule, interestSchedule: null, accrualIndex: 0, periodStart: start, periodEnd: schedule[0].dueDate, periodInterest: schedule[0].interest,
        accruedInPeriod: '0', overduePrincipal: '0', nextUnpaidPrincipal: schedule[0].principal, nextUnpaidTotal: schedule[0].total, oldestUnpaidDueDate: null,
        dpd: 0, bucket: terms.buckets[0].name, nonAccrual: false, nonAccrualSince: null, penaltyRows: null, penaltyFrom: null, penaltyThrough: null, penaltyTotal: '0',
      };
      let interest = new Dec(0);
      let penalty = new Dec(0);
      const changes: [string, string, string][] = [];
      for (let d = addDays(start, 1); d <= last; d = addDays(d, 1)) {
        const night = runNight(state, d, terms);
        if (night.crossed) seen.crossed += 1;
        if (night.state.bucket !== state.bucket) changes.push([d, state.bucket, night.state.bucket]);
        if (!state.nonAccrual && night.state.nonAccrual) seen.nonAccrual += 1;
        interest = interest.plus(night.interest);
        penalty = penalty.plus(night.penalty);
        const day = nightly.get(d) ?? { interest: new Dec(0), penalty: new Dec(0) };
        nightly.set(d, { interest: day.interest.plus(night.interest), penalty: day.penalty.plus(night.penalty) });
        state = night.state;
      }
      if (state.dpd > 0) seen.overdue += 1;
      if (penalty.gt(0)) seen.penalty += 1;
      seen.bucketChanges += changes.length;
      expect({ id, dpd: loan.dpd, bucket: loan.bucket }).toEqual({ id, dpd: state.dpd, bucket: state.bucket });
      expect({ id, interest: new Dec(loan.balances.ledger.INTEREST_RECEIVABLE ?? '0').toFixed(2), penalty: new Dec(loan.balances.ledger.PENALTY_RECEIVABLE ?? '0').toFixed(2) })
        .toEqual({ id, interest: interest.toFixed(2), penalty: penalty.toFixed(2) });
      const events = loan.events.filter((e: any) => e.kind === 'BUCKET_CHANGED').map((e: any) => [e.businessDate, e.data.from, e.data.to]);
      expect({ id, changes: events.sort() }).toEqual({ id, changes: changes.sort() });
    }
    // The book took every path: periods turned, loans fell overdue and accrued penalty, changed bucket, stopped accruing.
    expect(seen.crossed).toBeGreaterThan(100);
    expect(seen.overdue).toBe(ids.length);
    expect(seen.penalty).toBe(ids.length);
    expect(seen.bucketChanges).toBeGreaterThan(ids.length);
    expect(seen.nonAccrual).toBeGreaterThan(0);

    // The journal, night by night: what the tenant's income accounts gained each night is the model's sum over its loans.
    const income = async (asOf: string) => {
      const res = await app.gql('query($d: Date) { trialBalance(asOf: $d) { balanced lines { account balance } } }', { d: asOf }, lender.admin);
      expect(res.errors).toBeUndefined();
      const tb = res.data!.trialBalance;
      expect(tb.balanced).toBe(true);
      const line = (code: string) => new Dec(tb.lines.find((l: any) => l.account === code)?.balance ?? '0').neg();
      return { interest: line('INTEREST_INCOME'), penalty: line('PENALTY_INCOME') };
    };
    let before = await income(starts[0]);
    for (let d = addDays(starts[0], 1); d <= last; d = addDays(d, 1)) {
      const after = await income(d);
      const model = nightly.get(d) ?? { interest: new Dec(0), penalty: new Dec(0) };
      expect({ d, interest: after.interest.minus(before.interest).toFixed(2), penalty: after.penalty.minus(before.penalty).toFixed(2) })
        .toEqual({ d, interest: model.interest.toFixed(2), penalty: model.penalty.toFixed(2) });
      before = after;
    }
  });
});
