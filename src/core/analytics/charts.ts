/**
 * Vega-Lite specs of the portfolio's charts, built from figures (pure: rendering is the shell's). Each
 * chart puts a tooltip and an accessible label on every data mark, so the rendered SVG names the
 * numbers it draws.
 */
export type VegaLiteSpec = Record<string, unknown>;

const BASE = {
  $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
  width: 640,
  height: 280,
  config: { font: 'sans-serif', axis: { labelFontSize: 11, titleFontSize: 12 }, legend: { orient: 'bottom' } },
};

export interface TrendSeriesPoint {
  /** The period's last day. */
  date: string;
  metric: string;
  /** Null where the period has no figure (no snapshot, a ratio over nothing): no point is drawn. */
  value: string | null;
}

/** Lines over time, one per metric, with a point per period. */
export function trendChartSpec(title: string, points: TrendSeriesPoint[], valueTitle: string): VegaLiteSpec {
  return {
    ...BASE,
    title,
    data: { values: points.filter((p) => p.value !== null).map((p) => ({ date: p.date, metric: p.metric, value: Number(p.value) })) },
    mark: { type: 'line', point: true, tooltip: true },
    encoding: {
      x: { field: 'date', type: 'temporal', title: 'date' },
      y: { field: 'value', type: 'quantitative', title: valueTitle },
      color: { field: 'metric', type: 'nominal', title: null },
    },
  };
}

export interface BarDatum {
  label: string;
  value: string;
  /** A limit to draw against the bar (a concentration limit), if any. */
  limit?: string | null;
}

/** Horizontal bars, largest first (or in the order given: delinquency buckets by days past due), with a tick at each limit. */
export function barChartSpec(title: string, bars: BarDatum[], valueTitle: string, order: 'LARGEST_FIRST' | 'AS_GIVEN' = 'LARGEST_FIRST'): VegaLiteSpec {
  // Sorted here, drawn in data order: a sort in the shared encoding would differ between the bar and the tick layers.
  const values = bars.map((b) => ({ label: b.label, value: Number(b.value), ...(b.limit ? { limit: Number(b.limit) } : {}) }));
  if (order === 'LARGEST_FIRST') values.sort((a, b) => b.value - a.value);
  const layers: unknown[] = [{ mark: { type: 'bar', tooltip: true }, encoding: { x: { field: 'value', type: 'quantitative', title: valueTitle } } }];
  if (bars.some((b) => b.limit)) layers.push({ mark: { type: 'tick', color: '#c0392b', thickness: 2 }, encoding: { x: { field: 'limit', type: 'quantitative' } } });
  return {
    ...BASE,
    title,
    data: { values },
    encoding: { y: { field: 'label', type: 'nominal', sort: null, title: null } },
    layer: layers,
  };
}

export interface CurvePoint {
  series: string;
  x: number;
  y: string | null;
}

/** Lines over a numeric axis (vintage curves: months on book), one per series, a point per value. */
export function curveChartSpec(title: string, points: CurvePoint[], xTitle: string, yTitle: string): VegaLiteSpec {
  return {
    ...BASE,
    title,
    data: { values: points.filter((p) => p.y !== null).map((p) => ({ series: p.series, x: p.x, y: Number(p.y) })) },
    mark: { type: 'line', point: true, tooltip: true },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: xTitle, axis: { tickMinStep: 1 } },
      y: { field: 'y', type: 'quantitative', title: yTitle },
      color: { field: 'series', type: 'nominal', title: null },
    },
  };
}

export interface HeatCell {
  row: string;
  column: string;
  value: string | null;
  /** The label written in the cell (a count, say). */
  text?: string;
}

/** A heat map (roll rates: from bucket down, to bucket across), each cell coloured and labelled by its value. */
export function heatmapChartSpec(title: string, cells: HeatCell[], order: string[], rowTitle: string, columnTitle: string, valueTitle: string): VegaLiteSpec {
  return {
    ...BASE,
    height: 40 * Math.max(1, new Set(cells.map((c) => c.row)).size),
    title,
    data: { values: cells.filter((c) => c.value !== null).map((c) => ({ row: c.row, column: c.column, value: Number(c.value), text: c.text ?? c.value })) },
    encoding: {
      y: { field: 'row', type: 'ordinal', sort: order, title: rowTitle },
      x: { field: 'column', type: 'ordinal', sort: order, title: columnTitle },
    },
    layer: [
      { mark: { type: 'rect', tooltip: true }, encoding: { color: { field: 'value', type: 'quantitative', title: valueTitle, scale: { scheme: 'orangered', domain: [0, 1] } } } },
      { mark: { type: 'text', fontSize: 11 }, encoding: { text: { field: 'text', type: 'nominal' } } },
    ],
  };
}

/** Where a delinquency bucket falls by days past due: CURRENT first, then by the bucket's first day ("1-30", "90+"); unknown names last. */
export function bucketRank(label: string): number {
  if (label === 'CURRENT') return -1;
  const m = /^(\d+)/.exec(label);
  return m ? Number(m[1]) : Number.MAX_SAFE_INTEGER;
}
