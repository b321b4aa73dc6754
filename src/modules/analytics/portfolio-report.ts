import { Dec } from '../../core/money';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { Chart, PortfolioCharts } from './portfolio-charts';
import type { PortfolioFigures, PortfolioFiguresService } from './portfolio-figures';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const ROWS: [string, keyof PortfolioFigures][] = [
  ['Gross portfolio', 'gross'], ['Active loans', 'loans'], ['Active borrowers', 'borrowers'], ['Principal in arrears', 'overduePrincipal'],
  ['PAR1', 'par1Ratio'], ['PAR30', 'par30Ratio'], ['PAR90', 'par90Ratio'], ['NPL ratio', 'nplRatio'],
  ['Disbursed (count)', 'disbursedCount'], ['Disbursed (principal)', 'disbursedAmount'], ['Written off', 'writtenOff'], ['Write-off ratio', 'writeOffRatio'],
  ['Recoveries', 'recoveries'], ['Operating income', 'operatingIncome'], ['Portfolio yield (annualised)', 'portfolioYield'],
  ['Average loan size', 'averageLoanSize'], ['Repeat borrowers', 'repeatBorrowerShare'], ['Operational self-sufficiency', 'operationalSelfSufficiency'],
];

/**
 * A figure as a person reads it: ratios as percentages, amounts and counts with thousands grouped;
 * Intl formats the decimal string exactly (no float). A missing figure (no cost assumptions) is a dash.
 */
function shown(key: keyof PortfolioFigures, value: unknown): string {
  if (value === null || value === undefined) return '—';
  const text = String(value);
  if (/Ratio|Share|Yield|Sufficiency/.test(key)) return `${new Dec(text).times(100).toFixed(2)}%`;
  const decimals = text.includes('.') ? text.length - text.indexOf('.') - 1 : 0;
  return new Intl.NumberFormat('en', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(text as unknown as number);
}

/**
 * The portfolio report: the summary of the period and every chart, as one self-contained, printable
 * HTML page (the SVGs inline, no script, no outside file). `onStep` counts the parts as they are made.
 */
export async function portfolioReportHtml(
  ctx: RequestContext,
  deps: { figures: PortfolioFiguresService; charts: PortfolioCharts },
  args: { tenantName: string; asOf: string; from: string },
  onStep: (done: number, total: number) => void = () => undefined,
): Promise<string> {
  const steps: (() => Promise<Chart | PortfolioFigures>)[] = [
    () => deps.figures.summary(ctx, { asOf: args.asOf, from: args.from }),
    () => deps.charts.chart(ctx, 'PORTFOLIO_TREND', { from: args.from, to: args.asOf, interval: 'MONTH', metrics: ['PAR1', 'PAR30', 'PAR90'] }),
    () => deps.charts.chart(ctx, 'PORTFOLIO_TREND', { from: args.from, to: args.asOf, interval: 'MONTH', metrics: ['GROSS_PORTFOLIO'] }),
    () => deps.charts.chart(ctx, 'PORTFOLIO_TREND', { from: args.from, to: args.asOf, interval: 'MONTH', metrics: ['DISBURSED_AMOUNT'] }),
    () => deps.charts.chart(ctx, 'PORTFOLIO_BREAKDOWN', { asOf: args.asOf, dimension: 'PRODUCT' }),
    () => deps.charts.chart(ctx, 'PORTFOLIO_BREAKDOWN', { asOf: args.asOf, dimension: 'REGION' }),
    () => deps.charts.chart(ctx, 'PORTFOLIO_BREAKDOWN', { asOf: args.asOf, dimension: 'BUCKET' }),
    () => deps.charts.chart(ctx, 'PORTFOLIO_BREAKDOWN', { asOf: args.asOf, dimension: 'GRADE' }),
    () => deps.charts.chart(ctx, 'CONCENTRATION', { asOf: args.asOf, concentration: 'REGION' }),
    () => deps.charts.chart(ctx, 'CONCENTRATION', { asOf: args.asOf, concentration: 'INDUSTRY' }),
    () => deps.charts.chart(ctx, 'VINTAGES', { cohort: 'MONTH', vintageMetric: 'DPD30_EVER', maxMonthsOnBook: 12 }),
    () => deps.charts.chart(ctx, 'ROLL_RATES', { from: previousMonthEnd(previousMonthEnd(args.asOf)), to: previousMonthEnd(args.asOf) }),
  ];
  const parts: (Chart | PortfolioFigures)[] = [];
  for (const [i, step] of steps.entries()) {
    parts.push(await step());
    onStep(i + 1, steps.length);
  }
  const [summary, ...charts] = parts as [PortfolioFigures, ...Chart[]];
  const table = ROWS.map(([label, key]) => `<tr><th>${escape(label)}</th><td>${escape(shown(key, summary[key]))}</td></tr>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Portfolio report — ${escape(args.tenantName)}, ${escape(args.asOf)}</title>
<style>
  body { font-family: sans-serif; margin: 2rem auto; max-width: 720px; color: #222; }
  h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 2rem; }
  table { border-collapse: collapse; width: 100%; } th, td { padding: .3rem .5rem; border-bottom: 1px solid #ddd; text-align: left; } td { text-align: right; font-variant-numeric: tabular-nums; }
  figure { margin: 1.5rem 0; break-inside: avoid; } svg { max-width: 100%; height: auto; }
  @media print { body { margin: 0; } h2 { break-before: auto; } }
</style></head>
<body>
<h1>Portfolio report — ${escape(args.tenantName)}</h1>
<p>As of ${escape(summary.snapshotDate ?? args.asOf)} (flows from ${escape(args.from)}), in ${escape(summary.currency)}. Definitions: docs/analytics.md.</p>
<h2>Summary</h2>
<table>
${table}
</table>
<h2>Charts</h2>
${charts.map((c) => `<figure><figcaption>${escape(c.title)}</figcaption>${c.svg}</figure>`).join('\n')}
</body></html>
`;
}

/** The last day of the month before a date's. */
function previousMonthEnd(date: string): string {
  return new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, 0)).toISOString().slice(0, 10);
}
