import { areaUnderCurve, calibrationByDecile, fitPropensity, propensity } from './propensity';

/** A deterministic stream of uniforms (a linear congruential generator), so the data is the same every run. */
function uniforms(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1664525 + 1013904223) % 4294967296;
    return s / 4294967296;
  };
}

describe('propensity model', () => {
  // Borrowers who repaid on time and have been on the book longer take the next loan more often: true log-odds -1 + 3 x onTime - 0.05 x maxDpd.
  const rand = uniforms(7);
  const data = Array.from({ length: 4000 }, () => {
    const onTime = rand();
    const maxDpd = Math.floor(rand() * 60);
    const z = -1 + 3 * onTime - 0.05 * maxDpd;
    const y = (rand() < 1 / (1 + Math.exp(-z)) ? 1 : 0) as 0 | 1;
    return { x: [onTime, maxDpd], y };
  });

  it('recovers the direction and size of the effects it was fitted on', () => {
    const progress: number[] = [];
    const model = fitPropensity(['onTimeRatio', 'maxDpdEver'], data, { onProgress: (done) => progress.push(done) });
    // Back to raw units: weight / scale.
    const onTime = model.weights[1] / model.scales[0];
    const dpd = model.weights[2] / model.scales[1];
    expect(onTime).toBeGreaterThan(2.4);
    expect(onTime).toBeLessThan(3.6);
    expect(dpd).toBeGreaterThan(-0.065);
    expect(dpd).toBeLessThan(-0.035);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress[progress.length - 1]).toBe(25);
    expect(propensity(model, [1, 0])).toBeGreaterThan(propensity(model, [0.2, 50]));
  });

  it('is calibrated by decile on its own data and ranks takers above non-takers', () => {
    const model = fitPropensity(['onTimeRatio', 'maxDpdEver'], data);
    const scored = data.map((d) => ({ p: propensity(model, d.x), y: d.y }));
    const bands = calibrationByDecile(scored);
    expect(bands.map((b) => b.decile)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(bands.reduce((n, b) => n + b.count, 0)).toBe(4000);
    for (const b of bands) expect(Math.abs(b.predicted - b.observed)).toBeLessThan(0.08);
    expect(bands[9].observed).toBeGreaterThan(bands[0].observed);
    expect(areaUnderCurve(scored)!).toBeGreaterThan(0.7);
  });

  it('stays finite on a history with one outcome only', () => {
    const model = fitPropensity(['onTimeRatio'], [{ x: [1], y: 0 }, { x: [0.5], y: 0 }]);
    expect(model.weights.every(Number.isFinite)).toBe(true);
    expect(propensity(model, [1])).toBeLessThan(0.01);
    expect(areaUnderCurve([{ p: 0.1, y: 0 }])).toBeNull();
  });

  it('counts ties as half in the area under the curve', () => {
    expect(areaUnderCurve([{ p: 0.5, y: 1 }, { p: 0.5, y: 0 }])).toBe(0.5);
    expect(areaUnderCurve([{ p: 0.9, y: 1 }, { p: 0.1, y: 0 }])).toBe(1);
  });
});
