import { Dec } from '../../src/core/money';
import { DEFAULT_BUCKETS, bucketFor } from '../../src/core/servicing';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli } from '../support/cli';
import { collectionsLender } from '../support/collections';
import { ageLoan, disbursedLoan } from '../support/loans';
import { borrowerInput } from '../support/origination';
import { type TestApp, startTestApp } from '../support/test-app';

/** The ARIA labels of a chart's data marks of one kind (bar, point), in drawing order. */
const marks = (svg: string, role: string) => [...svg.matchAll(/<[a-z]+ [^>]*>/g)].map((m) => m[0])
  .filter((tag) => tag.includes(`aria-roledescription="${role}"`)).map((tag) => /aria-label="([^"]*)"/.exec(tag)?.[1] ?? '');
const todayUtc = () => new Date().toISOString().slice(0, 10);
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const SUMMARY = `query($asOf: Date, $from: Date, $filter: PortfolioFilter) { portfolioSummary(asOf: $asOf, from: $from, filter: $filter) {
  from to snapshotDate currency grossPortfolio activeLoans activeBorrowers overduePrincipal par1 par30 par90 npl par1Ratio par30Ratio par90Ratio nplRatio
  disbursedCount disbursedAmount writtenOffCount writtenOff writeOffRatio recoveries interestIncome penaltyIncome feeIncome operatingIncome
  averageGrossPortfolio portfolioYield averageLoanSize averageDisbursement repeatBorrowerShare financialExpense lossExpense operatingExpense operationalSelfSufficiency } }`;

/**
 * A designed book of ten loans of 10,000: three 75 days old and never paid (about 45 days past due),
 * one 40 days old (about 10 days past due), six new; two of them in Mombasa, the rest in Nairobi;
 * one borrower back for a second loan. Close of business runs yesterday and today.
 */
describe('portfolio figures from the daily snapshots', () => {
  let app: TestApp;
  let lender: Awaited<ReturnType<typeof collectionsLender>>['lender'];
  let analyst: string;
  let agentKey: string;
  const today = todayUtc();
  const yesterday = addDays(today, -1);
  const gql = async (query: string, variables: Record<string, unknown> = {}, key = lender.admin) => {
    const res = await app.gql(query, variables, key);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  };
  /** A loan the agent referred: it submits, the lender offers, the borrower signs, the lender disburses. */
  const referred = async (region: string) => {
    const input = { productId: lender.productId, amount: '10000.00', termCount: 6, frequency: 'MONTHLY', borrower: borrowerInput({ region }) };
    const { id, borrowerId } = (await gql('mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { id borrowerId } }', { input }, agentKey)).submitApplication;
    const hash = (await gql(`mutation { acceptOffer(applicationId: "${id}") { contract { sha256 } } }`)).acceptOffer.contract.sha256;
    await gql(`mutation { signContract(applicationId: "${id}", signerName: "B", documentHash: "${hash}") { status } }`);
    return { loanId: (await gql(`mutation { disburseLoan(applicationId: "${id}", idempotencyKey: "d-${id}") { id } }`)).disburseLoan.id as string, borrowerId: borrowerId as string };
  };
  const cob = (date: string) => app.inTenant(lender.slug, (ctx) => app.runtime.services.cob.run(ctx, date));

  beforeAll(async () => {
    app = await startTestApp();
    ({ lender } = await collectionsLender(app));
    analyst = await app.apiKey(lender.slug, 'ANALYST');
    agentKey = await app.apiKey(lender.slug, 'AGENT');
    const book: { age: number; region: string; again?: boolean; agent?: boolean }[] = [
      { age: 75, region: 'Nairobi' }, { age: 75, region: 'Nairobi' }, { age: 75, region: 'Mombasa' },
      { age: 40, region: 'Nairobi' },
      { age: 2, region: 'Nairobi' }, { age: 2, region: 'Nairobi' }, { age: 2, region: 'Mombasa', agent: true }, { age: 2, region: 'Nairobi' }, { age: 2, region: 'Nairobi' },
      // The 40-day borrower again: a repeat borrower.
      { age: 2, region: 'Nairobi', again: true },
    ];
    let last = '';
    for (const l of book) {
      const { loanId, borrowerId } = l.agent ? await referred(l.region)
        : await disbursedLoan(app, lender, { amount: '10000.00', termCount: 6, ...(l.again ? { borrowerId: last } : { borrower: { region: l.region } }) });
      await ageLoan(app, loanId, l.age);
      if (l.age === 40) last = borrowerId;
    }
    // The lender's appetite, set once the book is lent (so no decision above was held back by it).
    await gql(`mutation { setRiskAppetiteLimits(limits: [
      { id: "regions", dimension: REGION, maxShare: "0.75", action: REFER },
      { id: "retail", dimension: INDUSTRY, key: "retail", maxAmount: "105000", action: REFER },
      { id: "per-borrower", dimension: BORROWER, maxAmount: "20000", action: DECLINE }]) { id } }`);
    await cob(yesterday);
    await cob(today);
  }, 240_000);
  afterAll(() => app.close());

  it('gives gross, PAR and NPL exactly as the book was designed', async () => {
    const s = (await gql(SUMMARY, { asOf: today, from: yesterday }, analyst)).portfolioSummary;
    expect(s).toMatchObject({
      from: yesterday, to: today, snapshotDate: today, currency: 'KES', disbursedCount: 0, disbursedAmount: '0.00',
      grossPortfolio: '100000.00', activeLoans: 10, activeBorrowers: 9, par30: '30000.00', par90: '0.00', npl: '0.00',
      par1: '40000.00', par1Ratio: '0.400000', par30Ratio: '0.300000', par90Ratio: '0.000000', nplRatio: '0.000000',
      writtenOffCount: 0, writtenOff: '0.00', writeOffRatio: '0.000000', recoveries: '0.00',
      averageLoanSize: '10000.00', repeatBorrowerShare: '0.111111', averageGrossPortfolio: '100000.00',
      financialExpense: null, operatingExpense: null, operationalSelfSufficiency: null,
    });
    expect(new Dec(s.interestIncome).gt(0)).toBe(true);
    // Close of business caught the book up from the oldest loan's start: a snapshot a day since; seven loans were disbursed after the first.
    const long = (await gql(SUMMARY, { asOf: today, from: addDays(today, -90) }, analyst)).portfolioSummary;
    expect(long).toMatchObject({ disbursedCount: 7, disbursedAmount: '70000.00', averageDisbursement: '10000.00', activeLoans: 10 });
    expect(new Dec(long.averageGrossPortfolio).lt(100000)).toBe(true);
    expect(new Dec(s.operatingIncome).eq(new Dec(s.interestIncome).plus(s.penaltyIncome).plus(s.feeIncome))).toBe(true);
  });

  it('equals a direct computation over the loans', async () => {
    const s = (await gql(SUMMARY, { asOf: today, from: today }, analyst)).portfolioSummary;
    const [direct] = await app.ownerQuery(
      `SELECT count(*)::int AS loans, sum(principal_outstanding)::numeric(20,2)::text AS gross, coalesce(sum(principal_outstanding) FILTER (WHERE dpd >= 30), 0)::numeric(20,2)::text AS par30,
              (SELECT sum(interest)::numeric(20,2)::text FROM loan_accruals a WHERE a.tenant_id = l.tenant_id AND a.business_date = $2) AS interest
       FROM loans l JOIN tenants t ON t.id = l.tenant_id WHERE t.slug = $1 AND l.status = 'ACTIVE' GROUP BY l.tenant_id`, [lender.slug, today]);
    expect([s.activeLoans, s.grossPortfolio, s.par30, s.interestIncome]).toEqual([direct.loans, direct.gross, direct.par30, direct.interest]);
  });

  it('cuts by region and names the filter field it refuses', async () => {
    const mombasa = (await gql(SUMMARY, { asOf: today, filter: { region: 'Mombasa' } }, analyst)).portfolioSummary;
    expect(mombasa).toMatchObject({ activeLoans: 2, activeBorrowers: 2, grossPortfolio: '20000.00', par30: '10000.00', par30Ratio: '0.500000' });
    const both = (await gql(SUMMARY, { asOf: today, filter: { region: 'Nairobi', productId: lender.productId } }, analyst)).portfolioSummary;
    expect(both).toMatchObject({ activeLoans: 8, grossPortfolio: '80000.00', par30: '20000.00' });
    const bad = await app.gql(SUMMARY, { asOf: today, filter: { currency: 'shillings' } }, analyst);
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.currency' });
    const late = await app.gql(SUMMARY, { asOf: yesterday, from: today }, analyst);
    expect(late.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
  });

  it('prices self-sufficiency with the lender’s assumptions', async () => {
    const SET = 'mutation { setFinancialAssumptions(period: "PERIOD", costOfFundsRate: "0.1095", operatingCostPerLoan: "310") { period costOfFundsRate operatingCostPerLoan } }';
    const bad = await app.gql(SET.replace('0.1095', '1.5').replace('PERIOD', today.slice(0, 7)), {}, lender.admin);
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'costOfFundsRate' });
    expect((await app.gql(SET.replace('PERIOD', today.slice(0, 7)), {}, analyst)).errors![0].extensions.code).toBe('FORBIDDEN');
    // Set for an earlier month: it applies until a later month's.
    expect((await gql(SET.replace('PERIOD', addDays(today, -70).slice(0, 7)))).setFinancialAssumptions).toEqual({ period: addDays(today, -70).slice(0, 7), costOfFundsRate: '0.1095', operatingCostPerLoan: '310.0000' });
    expect((await gql('{ financialAssumptions { period costOfFundsRate } }', {}, analyst)).financialAssumptions).toHaveLength(1);
    const s = (await gql(SUMMARY, { asOf: today, from: today }, analyst)).portfolioSummary;
    const daysInMonth = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)), 0)).getUTCDate();
    // One day: 100,000 x 10.95% / 365 = 30.00; 10 loans x 310 / days in the month.
    expect(s.financialExpense).toBe('30.00');
    expect(s.operatingExpense).toBe(new Dec(3100).div(daysInMonth).toFixed(2));
    const expected = new Dec(s.operatingIncome).div(new Dec(30).plus(new Dec(3100).div(daysInMonth)));
    expect(Math.abs(new Dec(s.operationalSelfSufficiency).minus(expected).toNumber())).toBeLessThan(0.0005);
  });

  it('weighs each product’s and grade’s income against its costs and losses, and its price against what it earned', async () => {
    const P = (groupBy: string) => `{ profitability(from: "${yesterday}", to: "${today}", groupBy: ${groupBy}) { from to currency groupBy rows { key label averageGross interestIncome feeIncome
      penaltyIncome income costOfFunds expectedLoss actualLoss operatingCost margin marginRate realisedYield pricedRate averagePd } } }`;
    const p = (await gql(P('PRODUCT'), {}, analyst)).profitability;
    expect(p).toMatchObject({ from: yesterday, to: today, currency: 'KES', groupBy: 'PRODUCT' });
    expect(p.rows).toHaveLength(1);
    const [row] = p.rows;
    const summary = (await gql(SUMMARY, { asOf: today, from: yesterday }, analyst)).portfolioSummary;
    const daysIn = (d: string) => new Date(Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)), 0)).getUTCDate();
    const opex = new Dec(3100).div(daysIn(yesterday)).plus(new Dec(3100).div(daysIn(today)));
    // Two days of 100,000 at 10.95% a year: 60.00; ten loans at 310 a month each day; nothing written off.
    expect(row).toMatchObject({ key: lender.productId, averageGross: '100000.00', income: summary.operatingIncome, costOfFunds: '60.00', actualLoss: '0.00', operatingCost: opex.toFixed(2) });
    expect(row.margin).toBe(new Dec(summary.operatingIncome).minus(60).minus(opex).toFixed(2));
    // Every loan still owes its 10,000: the priced rate is the plain mean of the loans' rates.
    const { loans } = await gql('{ loans(first: 20) { nodes { annualRate } } }', {}, lender.admin);
    expect(loans.nodes).toHaveLength(10);
    expect(row.pricedRate).toBe(loans.nodes.reduce((s: Dec, l: any) => s.plus(l.annualRate), new Dec(0)).div(10).toFixed(6));
    expect(new Dec(row.realisedYield).gt(0)).toBe(true);
    const grades = (await gql(P('GRADE'), {}, analyst)).profitability.rows;
    expect(grades.reduce((s: Dec, r: any) => s.plus(r.income), new Dec(0)).toFixed(2)).toBe(row.income);
    expect(grades.every((r: any) => r.key !== null && new Dec(r.averagePd).gte(0))).toBe(true);
    const bad = await app.gql(P('PRODUCT').replace(`from: "${yesterday}"`, `from: "${addDays(today, 1)}"`), {}, analyst);
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
  });

  it('follows the applications of the period through the funnel, by channel and by agent', async () => {
    const person = borrowerInput();
    await gql('mutation($i: SubmitReferralInput!) { submitReferral(input: $i) { id } }', { i: { borrower: { fullName: person.fullName, nationalId: person.nationalId, phone: person.phone }, amount: '5000', consent: true } }, agentKey);
    const F = (groupBy: string, key = analyst) => app.gql(`{ originationFunnel(from: "${addDays(today, -1)}", to: "${today}", groupBy: ${groupBy}) { from to groupBy
      total { label stages { stage count conversion medianHours } } rows { key label stages { stage count conversion } } } }`, {}, key);
    const f = (await F('CHANNEL')).data!.originationFunnel;
    // The agent's one lead; ten applications, all submitted, decided, approved, offered, accepted, signed and disbursed today.
    expect(f.total.stages.map((s: any) => [s.stage, s.count, s.conversion])).toEqual([
      ['LEADS', 1, null], ['SUBMITTED', 10, null], ['DECIDED', 10, '1.000000'], ['APPROVED', 10, '1.000000'], ['OFFERED', 10, '1.000000'],
      ['ACCEPTED', 10, '1.000000'], ['SIGNED', 10, '1.000000'], ['DISBURSED', 10, '1.000000'],
    ]);
    expect(f.total.stages.slice(2).every((s: any) => new Dec(s.medianHours).gte(0))).toBe(true);
    expect(f.rows.map((r: any) => [r.key, r.stages[0].count, r.stages[1].count]).sort()).toEqual([['AGENT', 1, 1], ['STAFF', 0, 9]]);
    const byAgent = (await F('AGENT')).data!.originationFunnel.rows;
    expect(byAgent.map((r: any) => [r.label, r.stages[7].count])).toEqual([['(no agent)', 9], [expect.stringMatching(/./), 1]]);
    // The agent's own key: its one application.
    const own = (await F('AGENT', agentKey)).data!.originationFunnel;
    expect(own.total.stages[1].count).toBe(1);
    expect((await F('PRODUCT', await app.apiKey(lender.slug, 'COLLECTOR'))).errors![0].extensions.code).toBe('FORBIDDEN');
  });

  it('draws the same figures day by day, as a trend', async () => {
    const from = addDays(today, -20);
    const d = (await gql(`{ portfolioTrend(from: "${from}", to: "${today}", interval: DAY, metrics: [PAR30, GROSS_PORTFOLIO, ACTIVE_LOANS]) {
      interval currency metrics points { start end snapshotDate values { metric value } } } }`, {}, analyst)).portfolioTrend;
    expect(d).toMatchObject({ interval: 'DAY', currency: 'KES', metrics: ['PAR30', 'GROSS_PORTFOLIO', 'ACTIVE_LOANS'] });
    expect(d.points).toHaveLength(21);
    expect(d.points.every((p: any) => p.start === p.end && p.snapshotDate === p.end && p.values.map((v: any) => v.metric).join() === 'PAR30,GROSS_PORTFOLIO,ACTIVE_LOANS')).toBe(true);
    // Twenty days ago four loans were on the books and none 30 days late; then the three oldest passed 30 days
    // (3/4 of the book); then six new loans came (3/10).
    const series = d.points.map((p: any) => p.values.map((v: any) => v.value).join(' '));
    const distinct = series.filter((v: string, i: number) => i === 0 || v !== series[i - 1]);
    expect(distinct).toEqual(['0.000000 40000.00 4', '0.750000 40000.00 4', '0.300000 100000.00 10']);
    const months = (await gql(`{ portfolioTrend(from: "${addDays(today, -40)}", to: "${today}", interval: MONTH, metrics: [ACTIVE_LOANS]) { points { start end values { value } } } }`, {}, analyst)).portfolioTrend.points;
    expect(months.at(-1)).toEqual({ start: `${today.slice(0, 8)}01`, end: today, values: [{ value: '10' }] });
    expect(months[0].start).toBe(addDays(today, -40));
    const tooMany = await app.gql(`{ portfolioTrend(from: "2000-01-01", to: "${today}", interval: DAY, metrics: [PAR30]) { interval } }`, {}, analyst);
    expect(tooMany.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
  });

  it('cuts the book by a dimension, and draws it: every bar names the figure it shows', async () => {
    const d = (await gql(`{ portfolioBreakdown(dimension: REGION, asOf: "${today}") { asOf snapshotDate currency dimension rows { key label loans gross par30 par30Ratio share } } }`, {}, analyst)).portfolioBreakdown;
    expect(d).toEqual({ asOf: today, snapshotDate: today, currency: 'KES', dimension: 'REGION', rows: [
      { key: 'Nairobi', label: 'Nairobi', loans: 8, gross: '80000.00', par30: '20000.00', par30Ratio: '0.250000', share: '0.800000' },
      { key: 'Mombasa', label: 'Mombasa', loans: 2, gross: '20000.00', par30: '10000.00', par30Ratio: '0.500000', share: '0.200000' },
    ] });
    const buckets = (await gql(`{ portfolioBreakdown(dimension: BUCKET) { rows { key loans gross } } }`, {}, analyst)).portfolioBreakdown.rows;
    expect(buckets.reduce((n: number, r: any) => n + r.loans, 0)).toBe(10);
    const chart = (await gql('{ chart(kind: PORTFOLIO_BREAKDOWN, args: { dimension: REGION }) { kind title svg vegaLiteSpec } }', {}, analyst)).chart;
    expect(chart.kind).toBe('PORTFOLIO_BREAKDOWN');
    expect(chart.svg.startsWith('<svg')).toBe(true);
    const bars = marks(chart.svg, 'bar');
    expect(bars).toEqual(['gross portfolio (KES): 80000; label: Nairobi', 'gross portfolio (KES): 20000; label: Mombasa']);
    expect(chart.vegaLiteSpec.data.values).toEqual([{ label: 'Nairobi', value: 80000 }, { label: 'Mombasa', value: 20000 }]);
  });

  it('draws the trend: a point per day with its PAR30', async () => {
    const from = addDays(today, -20);
    const trend = (await gql(`{ portfolioTrend(from: "${from}", to: "${today}", interval: DAY, metrics: [PAR30]) { points { end values { value } } } }`, {}, analyst)).portfolioTrend.points;
    const chart = (await gql(`{ chart(kind: PORTFOLIO_TREND, args: { from: "${from}", to: "${today}", interval: DAY, metrics: [PAR30] }) { svg vegaLiteSpec } }`, {}, analyst)).chart;
    const points = marks(chart.svg, 'point');
    expect(points).toHaveLength(21);
    expect(points.map((l) => Number(/ratio: ([0-9.]+)/.exec(l)![1]))).toEqual(trend.map((p: any) => Number(p.values[0].value)));
    const bad = await app.gql('{ chart(kind: PORTFOLIO_TREND) { svg } }', {}, analyst);
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'args.from' });
  });

  it('draws every metric of the trend as the trend query answers it (none is left blank)', async () => {
    const metrics = (await gql('{ __type(name: "PortfolioMetric") { enumValues { name } } }', {}, analyst)).__type.enumValues.map((v: any) => v.name);
    const from = addDays(today, -3);
    for (const metric of metrics) {
      const trend = (await gql(`{ portfolioTrend(from: "${from}", to: "${today}", interval: DAY, metrics: [${metric}]) { points { values { value } } } }`, {}, analyst)).portfolioTrend.points;
      const chart = (await gql(`{ chart(kind: PORTFOLIO_TREND, args: { from: "${from}", to: "${today}", interval: DAY, metrics: [${metric}] }) { svg } }`, {}, analyst)).chart;
      const drawn = marks(chart.svg, 'point').map((l) => Number(/(?:ratio|count|KES): (-?[0-9.]+)/.exec(l)![1]));
      const answered = trend.map((p: any) => p.values[0].value).filter((v: string | null) => v !== null).map(Number);
      expect({ metric, drawn }).toEqual({ metric, drawn: answered });
      if (['GROSS_PORTFOLIO', 'ACTIVE_LOANS', 'PAR30'].includes(metric)) expect({ metric, points: drawn.length }).toEqual({ metric, points: 4 });
    }
  });

  it('measures concentration against the risk appetite, and raised each change of a limit’s status as an event', async () => {
    const C = (dimension: string) => `{ concentration(dimension: ${dimension}, asOf: "${today}") { asOf snapshotDate currency dimension portfolio
      rows { key label exposure share status limits { limitId measure limit value usage status } } } }`;
    const region = (await gql(C('REGION'), {}, analyst)).concentration;
    expect(region).toMatchObject({ snapshotDate: today, currency: 'KES', dimension: 'REGION', portfolio: '100000.00' });
    expect(region.rows).toEqual([
      { key: 'Nairobi', label: 'Nairobi', exposure: '80000.00', share: '0.800000', status: 'BREACHED', limits: [{ limitId: 'regions', measure: 'SHARE', limit: '0.75', value: '0.800000', usage: '1.066667', status: 'BREACHED' }] },
      { key: 'Mombasa', label: 'Mombasa', exposure: '20000.00', share: '0.200000', status: 'OK', limits: [{ limitId: 'regions', measure: 'SHARE', limit: '0.75', value: '0.200000', usage: '0.266667', status: 'OK' }] },
    ]);
    const industry = (await gql(C('INDUSTRY'), {}, analyst)).concentration.rows;
    expect(industry.map((r: any) => [r.key, r.exposure, r.status, r.limits[0].usage])).toEqual([['retail', '100000.00', 'NEAR', '0.952381']]);
    const borrowers = (await gql(C('BORROWER'), {}, analyst)).concentration.rows;
    expect(borrowers).toHaveLength(9);
    // The repeat borrower's two loans reach the per-borrower limit exactly: near, not breached.
    expect(borrowers[0]).toMatchObject({ exposure: '20000.00', status: 'NEAR', limits: [{ limitId: 'per-borrower', measure: 'AMOUNT', usage: '1.000000', status: 'NEAR' }] });
    expect(borrowers.slice(1).every((r: any) => r.exposure === '10000.00' && r.status === 'OK')).toBe(true);
    const product = (await gql(C('PRODUCT'), {}, analyst)).concentration.rows;
    expect(product.map((r: any) => [r.exposure, r.limits])).toEqual([['100000.00', []]]);

    // Close of business raised each change once, on the date it happened: Nairobi went to 3 of 4 loans (75%, reached
    // exactly: near) when the 40-day loan came, and beyond when the six new ones came (80%).
    const events = (await gql('{ events(first: 50, filter: { types: ["portfolio.limit_near", "portfolio.limit_breached", "portfolio.limit_cleared"] }) { nodes { type data } } }')).events.nodes;
    const nairobi = events.filter((e: any) => e.data.limitId === 'regions' && e.data.key === 'Nairobi');
    expect(nairobi.map((e: any) => [e.type, e.data.value])).toEqual([['portfolio.limit_near', '0.750000'], ['portfolio.limit_breached', '0.800000']]);
    expect(nairobi[1].data.businessDate).toBe(addDays(today, -2));
    expect(events.filter((e: any) => e.data.limitId === 'retail').map((e: any) => [e.type, e.data.businessDate])).toEqual([['portfolio.limit_near', addDays(today, -2)]]);
    // Running a date again raises nothing new.
    await cob(today);
    expect((await gql('{ events(first: 50, filter: { types: ["portfolio.limit_near", "portfolio.limit_breached", "portfolio.limit_cleared"] }) { nodes { type } } }')).events.nodes).toHaveLength(events.length);
    const chart = (await gql('{ chart(kind: CONCENTRATION, args: { concentration: REGION }) { svg } }', {}, analyst)).chart;
    expect(marks(chart.svg, 'bar')).toEqual(['share of the gross portfolio: 0.8; label: Nairobi', 'share of the gross portfolio: 0.2; label: Mombasa']);
    expect(marks(chart.svg, 'tick')).toHaveLength(2);
  });

  it('draws vintages: each disbursement cohort’s share ever 30 days past due, by months on book', async () => {
    const V = (cohort: string, metric: string) => `{ vintages(cohort: ${cohort}, metric: ${metric}, maxMonthsOnBook: 6) { cohort loans principal age points { monthsOnBook loans principal rate } } }`;
    const month = (d: string) => d.slice(0, 7);
    const v = (await gql(V('MONTH', 'DPD30_EVER'), {}, analyst)).vintages;
    expect(v.map((c: any) => [c.cohort, c.loans, c.principal])).toEqual([
      [month(addDays(today, -75)), 3, '30000.00'], [month(addDays(today, -40)), 1, '10000.00'], [month(addDays(today, -2)), 6, '60000.00'],
    ]);
    const [old, mid, recent] = v;
    // The three oldest loans passed 30 days late a month or two after they were lent: all of the cohort, and none before.
    expect(old.points[0]).toEqual({ monthsOnBook: 0, loans: 0, principal: '0.00', rate: '0.000000' });
    expect(old.points.at(-1)).toMatchObject({ loans: 3, principal: '30000.00', rate: '1.000000' });
    expect(old.points.findIndex((p: any) => p.rate === '1.000000')).toBeGreaterThanOrEqual(1);
    expect(old.points).toHaveLength(old.age + 1);
    expect([...mid.points, ...recent.points].every((p: any) => p.rate === '0.000000')).toBe(true);
    expect((await gql(V('MONTH', 'DPD90_EVER'), {}, analyst)).vintages.flatMap((c: any) => c.points).every((p: any) => p.loans === 0)).toBe(true);
    const quarters = (await gql(V('QUARTER', 'DPD30_EVER'), {}, analyst)).vintages;
    expect(quarters.reduce((n: number, c: any) => n + c.loans, 0)).toBe(10);
    expect(quarters.every((c: any) => /^\d{4}-Q[1-4]$/.test(c.cohort))).toBe(true);
    const chart = (await gql('{ chart(kind: VINTAGES, args: { cohort: MONTH, vintageMetric: DPD30_EVER, maxMonthsOnBook: 6 }) { svg } }', {}, analyst)).chart;
    const points = marks(chart.svg, 'point');
    expect(points).toHaveLength(v.reduce((n: number, c: any) => n + c.points.length, 0));
    expect(points.filter((l) => l.includes(`series: ${old.cohort}`) && /share of the cohort’s principal: 1(;|$)/.test(l))).toHaveLength(old.points.filter((p: any) => p.rate === '1.000000').length);
    expect((await app.gql(V('MONTH', 'DPD30_EVER').replace('6', '500'), {}, analyst)).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'maxMonthsOnBook' });
  });

  it('rolls the book from bucket to bucket between two month-ends, as the loans’ due dates say', async () => {
    const monthEnd = (d: string) => new Date(Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, 0)).toISOString().slice(0, 10);
    const to = monthEnd(today);
    const from = monthEnd(addDays(to, -1));
    const r = (await gql(`{ rollRates(from: "${addDays(from, 0)}", to: "${addDays(to, 0)}") { from to fromSnapshot toSnapshot currency buckets cells { from to count balance countRate balanceRate } } }`, {}, analyst)).rollRates;
    expect(r).toMatchObject({ fromSnapshot: from, toSnapshot: to, currency: 'KES' });
    // Expected from each loan's first due date (nothing was ever paid): days past due at each month-end, in the default buckets.
    const ids = (await gql('{ loans(first: 20) { nodes { id } } }', {}, lender.admin)).loans.nodes;
    const loans = { nodes: await Promise.all(ids.map(async ({ id }: { id: string }) => (await gql(`{ loan(id: "${id}") { principal schedule { dueDate } } }`, {}, lender.admin)).loan)) };
    const days = (a: string, b: string) => (Date.parse(a) - Date.parse(b)) / 86_400_000;
    const expected = new Map<string, { count: number; balance: Dec }>();
    for (const l of loans.nodes) {
      const firstDue = l.schedule[0].dueDate;
      const lent = new Date(Date.parse(`${firstDue}T00:00:00Z`));
      lent.setUTCMonth(lent.getUTCMonth() - 1);
      if (lent.toISOString().slice(0, 10) > from) continue;
      const bucket = (d: string) => bucketFor(Math.max(0, days(d, firstDue)), DEFAULT_BUCKETS);
      const k = `${bucket(from)}>${bucket(to)}`;
      const e = expected.get(k) ?? { count: 0, balance: new Dec(0) };
      expected.set(k, { count: e.count + 1, balance: e.balance.plus(l.principal) });
    }
    expect(r.cells.map((c: any) => [`${c.from}>${c.to}`, c.count, c.balance]).sort())
      .toEqual([...expected.entries()].map(([k, v]) => [k, v.count, v.balance.toFixed(2)]).sort());
    expect(r.cells.length).toBeGreaterThan(0);
    const rates = new Map<string, Dec>();
    for (const c of r.cells) rates.set(c.from, (rates.get(c.from) ?? new Dec(0)).plus(c.countRate));
    expect([...rates.values()].every((v) => v.eq(1))).toBe(true);
    // Asked again: the kept matrix, the same answer.
    expect((await gql(`{ rollRates(from: "${from}", to: "${to}") { cells { from to count } } }`, {}, analyst)).rollRates.cells).toEqual(r.cells.map((c: any) => ({ from: c.from, to: c.to, count: c.count })));
    const chart = (await gql(`{ chart(kind: ROLL_RATES, args: { from: "${from}", to: "${to}" }) { svg } }`, {}, analyst)).chart;
    expect(marks(chart.svg, 'rect mark').sort()).toEqual(r.cells.map((c: any) => `to: ${c.to}; from: ${c.from}; share of balance: ${Number(c.balanceRate)}`).sort());
    expect((await app.gql(`{ rollRates(from: "${to}", to: "${from}") { from } }`, {}, analyst)).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
  });

  it('writes the portfolio report from the CLI: one printable HTML file with the summary and every chart', async () => {
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'report-')), 'report.html');
    const run = await cli(app.config, 'report', 'portfolio', '--tenant', lender.slug, '--out', out, '--from', addDays(today, -90));
    expect(run.code).toBe(0);
    expect(run.out).toContain(`wrote ${out}`);
    expect(run.err).toContain('report');
    const html = await readFile(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script|src="http/);
    // As a person reads them: a percentage, amounts with their thousands grouped.
    expect(html).toContain('<tr><th>PAR30</th><td>30.00%</td></tr>');
    expect(html).toContain('<tr><th>Gross portfolio</th><td>100,000.00</td></tr>');
    expect((html.match(/<svg /g) ?? []).length).toBe(11);
    expect(marks(html, 'bar')).toEqual(expect.arrayContaining(['gross portfolio (KES): 80000; label: Nairobi']));
  });

  it('shows an agent only its own referred book, and a collector nothing', async () => {
    const own = (await gql(SUMMARY, { asOf: today }, agentKey)).portfolioSummary;
    expect(own).toMatchObject({ activeLoans: 1, activeBorrowers: 1, grossPortfolio: '10000.00', par30: '0.00' });
    // Another agent's id in the filter does not widen it.
    const other = await app.apiKey(lender.slug, 'AGENT');
    const firstAgent = (await gql('{ viewer { agentId } }', {}, agentKey)).viewer.agentId;
    expect((await gql(SUMMARY, { asOf: today, filter: { agentId: firstAgent } }, other)).portfolioSummary).toMatchObject({ activeLoans: 0, grossPortfolio: '0.00' });
    expect((await gql(SUMMARY, { asOf: today, filter: { agentId: firstAgent } }, analyst)).portfolioSummary).toMatchObject({ activeLoans: 1, grossPortfolio: '10000.00' });
    const collector = await app.apiKey(lender.slug, 'COLLECTOR');
    expect((await app.gql(SUMMARY, { asOf: today }, collector)).errors![0].extensions.code).toBe('FORBIDDEN');
  });
});
