import { FUNNEL_STAGE_REACHED, firstReachedSql } from '../src/core/lifecycle';
import { addDays } from '../src/modules/cob/cob.service';
import { SNAPSHOT_SETS } from '../src/modules/analytics/portfolio-snapshot';
import { todayIn } from '../src/platform/tenancy/business-date';
import { benchLender, startBenchApp } from './support/bench-app';
import { benchBook } from './support/bench-book';

export interface AnalyticsBenchResult {
  loans: number;
  cobSeconds: number;
  snapshotSeconds: number;
  snapshotRowsPerDay: number;
  historyDays: number;
  finestDays: number;
  snapshotRows: number;
  queries: { name: string; first: number; p50: number; p95: number; max: number }[];
  bare: { p50: number; p95: number };
}

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

/**
 * Portfolio analytics over a 1,000,000-loan book (200 agents, 20 regions, three grades, 8% past due):
 * close of business with its snapshot step, then the snapshot step alone on the same date (its share
 * of the night); then two years of daily snapshots (the date's rows copied to each earlier day; the
 * finest cut for the last 90 days), the applications spread over the two years with their stage history
 * (six events each), two month-ends of every loan and two years of vintage cells; then each query
 * through GraphQL, one at a time, p50 and p95 in milliseconds next to a bare authenticated query (and
 * the first call: a roll-rate matrix is computed once, then kept). Targets: the snapshot step at most 15% of close of
 * business, each query under 200 ms at p95.
 */
export async function runAnalyticsBench({ loans = 1_000_000, runs = 40, log = (s: string) => void process.stderr.write(s) } = {}): Promise<AnalyticsBenchResult> {
  const bench = await startBenchApp();
  try {
    const { runtime } = bench;
    const { tenantId, key } = await benchLender(runtime, 'analytics-bench', 'LENDER_ADMIN');
    const today = todayIn('UTC');
    const [d0, d1] = [addDays(today, -1), today];
    const { owner, asSystem } = await benchBook(bench, { tenantId, loans, today, firstDate: d0, log });
    await owner.query(
      `INSERT INTO agents (tenant_id, id, code, kind, name, status, referral_code)
       SELECT $1, ('00000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid, 'A' || g, 'INDIVIDUAL', 'Agent ' || g, 'ACTIVE', 'REF' || g FROM generate_series(1, 200) g`, [tenantId]);
    await owner.query(`UPDATE loans SET agent_id = '00000000-0000-4000-8000-' || lpad((1 + abs(hashtext(id::text)) % 200)::text, 12, '0') WHERE tenant_id = $1`, [tenantId]);
    await owner.query(`UPDATE applications SET risk_grade = (ARRAY['A', 'B', 'C'])[1 + abs(hashtext(id::text)) % 3] WHERE tenant_id = $1`, [tenantId]);
    await owner.query('VACUUM ANALYZE loans, applications, borrowers, agents');
    log('\nclose of business');
    await asSystem((ctx) => runtime.services.cob.run(ctx, d0));
    log(` ${d0}`);
    let t = process.hrtime.bigint();
    await asSystem((ctx) => runtime.services.cob.run(ctx, d1));
    const cobSeconds = Number(process.hrtime.bigint() - t) / 1e9;
    log(` ${d1}; the snapshot step alone`);
    t = process.hrtime.bigint();
    // Under close of business's statement limit, as the step runs inside it (a request's would cut it off).
    await asSystem(async (ctx) => {
      await (await ctx.db()).query(`SET LOCAL statement_timeout = ${Math.trunc(runtime.config.cobStatementTimeoutMs)}`);
      return runtime.services.portfolioSnapshots.write(ctx, d1);
    });
    const snapshotSeconds = Number(process.hrtime.bigint() - t) / 1e9;
    const [{ perDay }] = (await owner.query('SELECT count(*)::int AS "perDay" FROM portfolio_snapshots WHERE tenant_id = $1 AND as_of = $2', [tenantId, d1])).rows;

    const historyDays = 730;
    const finestDays = 90;
    log(`\ntwo years of daily snapshots (${historyDays} days; the finest cut for ${finestDays})`);
    await owner.query('DELETE FROM portfolio_snapshots WHERE tenant_id = $1 AND as_of < $2', [tenantId, d1]);
    await owner.query(
      `INSERT INTO portfolio_snapshots SELECT s.tenant_id, ($2::date - g)::date, s.grouping, s.currency, s.product_id, s.segment, s.region, s.agent_id, s.grade, s.bucket, s.industry,
              s.loans, s.borrowers, s.repeat_borrowers, s.gross, s.overdue_principal, s.par1, s.par30, s.par90, s.npl, s.par1_loans, s.par30_loans, s.par90_loans, s.npl_loans,
              s.disbursed_count + g % 7, s.disbursed_amount, s.written_off_count, s.written_off, s.recoveries, s.interest_income, s.penalty_income, s.fee_income,
              s.rate_weighted, s.pd_weighted
       FROM portfolio_snapshots s CROSS JOIN generate_series(1, $3) g
       WHERE s.tenant_id = $1 AND s.as_of = $2 AND (s.grouping <> ${SNAPSHOT_SETS.FINEST} OR g < $4)`, [tenantId, d1, historyDays - 1, finestDays]);
    await owner.query('VACUUM ANALYZE portfolio_snapshots');
    const [{ rows: total }] = (await owner.query('SELECT count(*)::int AS rows FROM portfolio_snapshots WHERE tenant_id = $1', [tenantId])).rows;
    log('\nthe applications spread over two years with their stage history; two month-ends of every loan; two years of vintage cells');
    await owner.query(`UPDATE applications SET created_at = ($2::date - abs(hashtext(id::text)) % ${historyDays})::timestamp + interval '9 hours' WHERE tenant_id = $1`, [tenantId, d1]);
    await owner.query(
      `INSERT INTO application_events (tenant_id, application_id, seq, from_status, to_status, at, actor_type)
       SELECT a.tenant_id, a.id, s.seq, s.from_status, s.to_status, a.created_at + s.seq * (1 + abs(hashtext(a.id::text)) % 7) * interval '1 hour', 'SYSTEM'
       FROM applications a CROSS JOIN (VALUES (1, 'DRAFT', 'SUBMITTED'), (2, 'SUBMITTED', 'APPROVED'), (3, 'APPROVED', 'OFFERED'), (4, 'OFFERED', 'ACCEPTED'),
         (5, 'ACCEPTED', 'CONTRACT_SIGNED'), (6, 'CONTRACT_SIGNED', 'DISBURSED')) AS s (seq, from_status, to_status)
       WHERE a.tenant_id = $1 ON CONFLICT DO NOTHING`, [tenantId]);
    const stageColumns = FUNNEL_STAGE_REACHED.map((s) => s.column);
    await owner.query(
      `INSERT INTO application_stages (tenant_id, application_id, created_at, product_id, source, agent_id, ${stageColumns.join(', ')})
       SELECT a.tenant_id, a.id, a.created_at, a.product_id, a.source, a.agent_id, ${firstReachedSql('e')}
       FROM applications a JOIN application_events e ON e.tenant_id = a.tenant_id AND e.application_id = a.id
       WHERE a.tenant_id = $1 GROUP BY a.tenant_id, a.id
       -- In the order the applications were created, as the rows are written in production (each at its application's creation).
       ORDER BY a.created_at
       ON CONFLICT (tenant_id, application_id) DO UPDATE SET created_at = EXCLUDED.created_at, ${stageColumns.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}`, [tenantId]);
    const monthEnd = (back: number) => new Date(Date.UTC(Number(d1.slice(0, 4)), Number(d1.slice(5, 7)) - 1 - back, 0)).toISOString().slice(0, 10);
    const [m1, m2] = [monthEnd(1), monthEnd(0)];
    await owner.query(
      `INSERT INTO loan_month_ends (tenant_id, as_of, loan_id, currency, bucket, outstanding)
       SELECT l.tenant_id, m.d, l.id, l.currency, (ARRAY['CURRENT', 'CURRENT', 'CURRENT', 'CURRENT', 'CURRENT', 'CURRENT', '1-30', '31-60', '61-90', '90+'])[1 + abs(hashtext(l.id::text || m.d::text)) % 10], l.principal
       FROM loans l CROSS JOIN (VALUES ($2::date), ($3::date)) AS m (d) WHERE l.tenant_id = $1 ON CONFLICT DO NOTHING`, [tenantId, m1, m2]);
    await owner.query(
      `INSERT INTO vintage_cells (tenant_id, currency, cohort, metric, months_on_book, loans, principal)
       SELECT $1, t.base_currency, (date_trunc('month', $2::date) - c * interval '1 month')::date, m.metric, mob, 40000 - (m.metric <> 'COHORT')::int * (39000 - mob * 60 * m.k), 1e8 - (m.metric <> 'COHORT')::int * (9.7e7 - mob * 1e5 * m.k)
       FROM tenants t CROSS JOIN generate_series(0, 23) c CROSS JOIN generate_series(0, 23) mob
         CROSS JOIN (VALUES ('COHORT', 0), ('DPD30_EVER', 3), ('DPD90_EVER', 2), ('WRITTEN_OFF', 1)) AS m (metric, k)
       WHERE t.id = $1 AND mob <= c ON CONFLICT DO NOTHING`, [tenantId, d1]);
    await owner.query('VACUUM ANALYZE applications, application_events, application_stages, loan_month_ends, vintage_cells');
    const agent = '00000000-0000-4000-8000-000000000007';
    const from2y = addDays(d1, -(historyDays - 1));
    const queries: [string, string][] = [
      ['portfolioSummary (a year)', `{ portfolioSummary(asOf: "${d1}", from: "${addDays(d1, -364)}") { grossPortfolio par30Ratio portfolioYield repeatBorrowerShare writeOffRatio } }`],
      ['portfolioSummary region', `{ portfolioSummary(asOf: "${d1}", from: "${addDays(d1, -29)}", filter: { region: "Region 3" }) { grossPortfolio par30Ratio } }`],
      ['portfolioSummary region + agent (finest)', `{ portfolioSummary(asOf: "${d1}", from: "${addDays(d1, -29)}", filter: { region: "Region 3", agentId: "${agent}" }) { grossPortfolio par30Ratio } }`],
      ['portfolioTrend 2 years by month', `{ portfolioTrend(from: "${from2y}", to: "${d1}", interval: MONTH, metrics: [GROSS_PORTFOLIO, PAR30, PAR90, DISBURSED_AMOUNT, PORTFOLIO_YIELD]) { points { end values { value } } } }`],
      ['portfolioTrend 90 days by day', `{ portfolioTrend(from: "${addDays(d1, -89)}", to: "${d1}", interval: DAY, metrics: [GROSS_PORTFOLIO, PAR30]) { points { end values { value } } } }`],
      ['portfolioBreakdown by agent', `{ portfolioBreakdown(dimension: AGENT, asOf: "${d1}") { rows { label gross share } } }`],
      ['concentration by region', `{ concentration(dimension: REGION, asOf: "${d1}") { rows { key share status } } }`],
      ['concentration by borrower', `{ concentration(dimension: BORROWER, asOf: "${d1}") { rows { key exposure status } } }`],
      ['vintages by month, DPD30 ever, 24 months on book', '{ vintages(cohort: MONTH, metric: DPD30_EVER, maxMonthsOnBook: 24) { cohort points { monthsOnBook rate } } }'],
      ['rollRates between two month-ends of every loan', `{ rollRates(from: "${m1}", to: "${m2}") { cells { from to count balance balanceRate } } }`],
      ['originationFunnel a month by product', `{ originationFunnel(from: "${addDays(d1, -29)}", to: "${d1}", groupBy: PRODUCT) { total { stages { stage count conversion medianHours } } } }`],
      ['originationFunnel a month by agent', `{ originationFunnel(from: "${addDays(d1, -29)}", to: "${d1}", groupBy: AGENT) { rows { label stages { stage count } } } }`],
      ['profitability a year by grade', `{ profitability(from: "${addDays(d1, -364)}", to: "${d1}", groupBy: GRADE) { rows { label income expectedLoss margin pricedRate } } }`],
      ['chart: trend 2 years by month (SVG)', `{ chart(kind: PORTFOLIO_TREND, args: { from: "${from2y}", to: "${d1}", interval: MONTH, metrics: [PAR30, PAR90] }) { svg } }`],
    ];
    const time = async (query: string) => {
      const s = process.hrtime.bigint();
      const res = await fetch(bench.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query }) });
      const body = (await res.json()) as { errors?: unknown };
      if (body.errors) throw new Error(`${query}: ${JSON.stringify(body.errors)}`);
      return Number(process.hrtime.bigint() - s) / 1e6;
    };
    const measure = async (query: string) => {
      const first = await time(query);
      for (let i = 0; i < 4; i++) await time(query);
      const xs: number[] = [];
      for (let i = 0; i < runs; i++) xs.push(await time(query));
      return { first, p50: percentile(xs, 50), p95: percentile(xs, 95), max: Math.max(...xs) };
    };
    log('\nqueries');
    const bare = await measure('{ viewer { roles } }');
    const results: AnalyticsBenchResult['queries'] = [];
    for (const [name, query] of queries) {
      results.push({ name, ...(await measure(query)) });
      log('.');
    }
    log('\n');
    await owner.end();
    return { loans, cobSeconds, snapshotSeconds, snapshotRowsPerDay: perDay, historyDays, finestDays, snapshotRows: total, queries: results, bare: { p50: bare.p50, p95: bare.p95 } };
  } finally {
    await bench.close();
  }
}

export function printAnalyticsResult(r: AnalyticsBenchResult): void {
  console.log(`book: ${r.loans} loans; close of business (with its snapshot step): ${r.cobSeconds.toFixed(2)} s`);
  console.log(`the snapshot step alone: ${r.snapshotSeconds.toFixed(2)} s = ${((100 * r.snapshotSeconds) / r.cobSeconds).toFixed(1)}% of close of business (target <= 15%); ${r.snapshotRowsPerDay} rows a day`);
  console.log(`${r.snapshotRows} snapshot rows: ${r.historyDays} days, the finest cut for the last ${r.finestDays}`);
  console.log(`bare authenticated query { viewer { roles } }: p50 ${r.bare.p50.toFixed(1)} ms, p95 ${r.bare.p95.toFixed(1)} ms (baseline)`);
  for (const q of r.queries) console.log(`${q.name}: p50 ${q.p50.toFixed(1)} ms, p95 ${q.p95.toFixed(1)} ms, max ${q.max.toFixed(1)} ms, first call ${q.first.toFixed(1)} ms (target p95 < 200 ms; ${(q.p95 / r.bare.p95).toFixed(1)}x the bare query)`);
  console.log('');
}
