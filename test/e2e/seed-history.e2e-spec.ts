import { Dec } from '../../src/core/money';
import { cli } from '../support/cli';
import { collectionsLender } from '../support/collections';
import { type TestApp, startTestApp } from '../support/test-app';

const todayUtc = () => new Date().toISOString().slice(0, 10);
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** `npx microlend seed loans --history`: a book with a past the portfolio figures can be read from. */
describe('a seeded book with a history', () => {
  let app: TestApp;
  let lender: Awaited<ReturnType<typeof collectionsLender>>['lender'];
  const gql = async (query: string) => {
    const res = await app.gql(query, {}, lender.admin);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  };

  beforeAll(async () => {
    app = await startTestApp();
    ({ lender } = await collectionsLender(app));
  });
  afterAll(() => app.close());

  it('lends over the months to payers who pay on time, late, cure or default, lends again to those who come back, closes every day, and writes off the long-unpaid', async () => {
    const run = await cli(app.config, 'seed', 'loans', '--tenant', lender.slug, '--product', 'CONSUMER-1', '--count', '40', '--history', '9');
    expect(run.code).toBe(0);
    const [, loans, repayments, writtenOff, renewals] = /seeded (\d+) loans over 9 months: (\d+) repayments, (\d+) written off, (\d+) renewals/.exec(run.out)!.map(Number);
    expect(loans).toBe(40);
    // Six monthly instalments: the first months' good payers have repaid and come back.
    expect(renewals).toBeGreaterThan(0);
    expect(repayments).toBeGreaterThan(40);
    expect(writtenOff).toBeGreaterThan(0);
    expect(run.err).toMatch(/close of business .*100%/);

    const today = todayUtc();
    const s = (await gql(`{ portfolioSummary(asOf: "${today}", from: "${addDays(today, -300)}") { snapshotDate activeLoans par30Ratio writtenOffCount writtenOff recoveries disbursedCount repeatBorrowerShare } }`)).portfolioSummary;
    expect(s).toMatchObject({ snapshotDate: today, writtenOffCount: writtenOff });
    expect(s.activeLoans).toBeLessThanOrEqual(40 + renewals - writtenOff);
    expect(new Dec(s.repeatBorrowerShare).gt(0)).toBe(true);
    expect(new Dec(s.par30Ratio).gt(0)).toBe(true);
    expect(s.disbursedCount).toBeGreaterThan(30);
    // Every loan written off had been 30 days late, and so is every loan 31 or more days late now.
    const vintages = (await gql('{ vintages(cohort: QUARTER, metric: DPD30_EVER, maxMonthsOnBook: 12) { cohort loans principal points { loans } } }')).vintages;
    expect(vintages.length).toBeGreaterThanOrEqual(3);
    const ever30 = vintages.reduce((n: number, v: any) => n + v.points.at(-1).loans, 0);
    const now30 = (await gql(`{ portfolioBreakdown(dimension: BUCKET, asOf: "${today}") { rows { key loans } } }`)).portfolioBreakdown.rows
      .filter((r: any) => !['CURRENT', '1-30'].includes(r.key)).reduce((n: number, r: any) => n + r.loans, 0);
    expect(ever30).toBeGreaterThanOrEqual(now30 + writtenOff);
    expect(now30 + writtenOff).toBeGreaterThan(0);
    expect(now30).toBeLessThan(s.activeLoans);
    // Every date since the first loan was closed, so the trend has a point for each month.
    const trend = (await gql(`{ portfolioTrend(from: "${addDays(today, -240)}", to: "${today}", interval: MONTH, metrics: [ACTIVE_LOANS]) { points { snapshotDate } } }`)).portfolioTrend.points;
    expect(trend.every((p: any) => p.snapshotDate !== null)).toBe(true);
    expect((await gql('{ trialBalance { balanced } }')).trialBalance.balanced).toBe(true);
  }, 300_000);
});
