import * as vega from 'vega';
import * as vegaLite from 'vega-lite';
import type { VegaLiteSpec } from '../../core/analytics';

/**
 * A Vega-Lite spec rendered to SVG on the server, without a browser (Vega's headless view; text is
 * measured by estimate, no canvas needed). Each data mark carries its ARIA label (field: value).
 */
export async function renderChartSvg(spec: VegaLiteSpec): Promise<string> {
  const compiled = vegaLite.compile(spec as unknown as vegaLite.TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
