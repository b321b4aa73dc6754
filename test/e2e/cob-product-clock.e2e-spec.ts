import { Dec } from '../../src/core/money';
import { addDays } from '../../src/modules/cob/cob.service';
import { cli } from '../support/cli';
import { LOAN, ageLoan, autoLender, disbursedLoan } from '../support/loans';
import { productTerms } from '../support/products';
import { type TestApp, startTestApp } from '../support/test-app';

const REVISE = `mutation($id: ID!, $input: LoanProductTermsInput!) { reviseLoanProduct(id: $id, input: $input) { currentVersion terms { dayCount delinquencyBuckets { name minDpd maxDpd } } } }`;
const BUCKETS = [{ name: 'CURRENT', minDpd: 0, maxDpd: 0 }, { name: 'WATCH', minDpd: 1, maxDpd: 5 }, { name: 'LATE', minDpd: 6, maxDpd: null }];

describe('close of business follows the product: its day count and its delinquency buckets', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const today = () => new Date().toISOString().slice(0, 10);
  const terms = (overrides: Record<string, unknown>) =>
    productTerms({ amountMax: '500000.00', rateBands: ['A', 'B', 'C', 'D', 'E'].map((grade, i) => ({ grade, annualRate: `0.${14 + i * 2}`, feeDiscount: '0' })), segmentOverrides: [], ...overrides });

  it('refuses buckets that leave a DPD without one', async () => {
    const lender = await autoLender(app);
    const gap = await app.gql(REVISE, { id: lender.productId, input: terms({ delinquencyBuckets: [{ name: 'CURRENT', minDpd: 0, maxDpd: 0 }, { name: 'LATE', minDpd: 2, maxDpd: null }] }) }, lender.admin);
    expect(gap.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const closed = await app.gql(REVISE, { id: lender.productId, input: terms({ delinquencyBuckets: [{ name: 'CURRENT', minDpd: 0, maxDpd: 0 }, { name: 'LATE', minDpd: 1, maxDpd: 30 }] }) }, lender.admin);
    expect(closed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('buckets a loan by its product’s buckets and accrues penalty over the product’s year (ACTUAL_360), in the nightly run and in a replay alike', async () => {
    const lender = await autoLender(app);
    await app.ownerQuery("UPDATE tenants SET timezone = 'UTC' WHERE slug = $1", [lender.slug]);
    const revised = await app.gql(REVISE, { id: lender.productId, input: terms({ dayCount: 'ACTUAL_360', delinquencyBuckets: BUCKETS }) }, lender.admin);
    expect(revised.errors).toBeUndefined();
    expect(revised.data!.reviseLoanProduct.terms).toEqual({ dayCount: 'ACTUAL_360', delinquencyBuckets: BUCKETS });
    const { loanId } = await disbursedLoan(app, lender, { amount: '12000.00', termCount: 6 });
    // The first instalment fell due 8 days before today; the run closes yesterday: 7 days past due.
    const [{ start }] = await app.ownerQuery("SELECT (schedule -> 0 ->> 'dueDate')::date - $2::date AS start FROM loans WHERE id = $1", [loanId, addDays(today(), -8)]);
    const { dueDates } = await ageLoan(app, loanId, start);
    expect(dueDates[0]).toBe(addDays(today(), -8));
    const yesterday = addDays(today(), -1);
    expect((await cli(app.config, 'cob', 'run', '--tenant', lender.slug, '--date', yesterday)).code).toBe(0);

    const [row] = await app.ownerQuery("SELECT dpd, bucket, schedule -> 0 ->> 'principal' AS p FROM loans WHERE id = $1", [loanId]);
    expect(row).toMatchObject({ dpd: 7, bucket: 'LATE' });
    const changes = await app.ownerQuery("SELECT business_date::text AS d, data FROM loan_events WHERE loan_id = $1 AND kind = 'BUCKET_CHANGED' ORDER BY business_date", [loanId]);
    expect(changes.map((e) => [e.d, e.data.from, e.data.to])).toEqual([[addDays(dueDates[0], 1), 'CURRENT', 'WATCH'], [addDays(dueDates[0], 6), 'WATCH', 'LATE']]);
    // Seven days of penalty at 10 % a year on the unpaid first principal, over a 360-day year, rounded once.
    const penalty = new Dec(row.p).mul('0.10').mul(7).div(360).toDecimalPlaces(2, Dec.ROUND_HALF_EVEN);
    expect(penalty.eq(new Dec(row.p).mul('0.10').mul(7).div(365).toDecimalPlaces(2, Dec.ROUND_HALF_EVEN))).toBe(false);
    const [nightly] = await app.ownerQuery("SELECT coalesce(sum(penalty), 0)::text AS penalty FROM loan_accruals WHERE loan_id = $1 AND kind = 'COB'", [loanId]);
    expect(new Dec(nightly.penalty).toFixed(2)).toBe(penalty.toFixed(2));
    // A replay (a read of the loan, as of today: eight days of penalty) counts by the same year and buckets.
    const loan = (await app.gql(LOAN(loanId), {}, lender.admin)).data!.loan;
    expect(loan).toMatchObject({ dpd: 7, bucket: 'LATE' });
    expect(loan.schedule[0].penaltyDue).toBe(new Dec(row.p).mul('0.10').mul(8).div(360).toDecimalPlaces(2, Dec.ROUND_HALF_EVEN).toFixed(2));
  });
});
