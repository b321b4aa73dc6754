/**
 * Propensity to take up a cross-sell: a logistic model over a borrower's behaviour on the lender's own
 * book. Scores are probabilities, not money, so plain floating point is right here. Fitting is
 * Newton's method (iteratively reweighted least squares) on standardised features with a small
 * ridge penalty, so separable or collinear histories still converge.
 */

/** The model's features, in order, from a borrower's facts. */
export const PROPENSITY_FEATURES = ['onTimeRatio', 'monthsOnBook', 'maxDpdEver', 'loansRepaid', 'remainingTerm', 'lastPrincipalLog', 'marketingConsent'] as const;
export type PropensityFeature = (typeof PROPENSITY_FEATURES)[number];

export interface PropensityModel {
  features: readonly string[];
  /** Intercept first, then one weight per feature, on standardised features. */
  weights: number[];
  means: number[];
  scales: number[];
}

export interface Observation {
  x: number[];
  y: 0 | 1;
}

export interface FitOptions {
  iterations?: number;
  ridge?: number;
  /** Called after each iteration with (done, total). */
  onProgress?: (done: number, total: number) => void;
}

/** The probability the model gives a borrower with features `x`. */
export function propensity(model: PropensityModel, x: number[]): number {
  let z = model.weights[0];
  for (let j = 0; j < x.length; j++) z += model.weights[j + 1] * ((x[j] - model.means[j]) / model.scales[j]);
  return sigmoid(z);
}

/** Fits the model to observations (at least one of each outcome makes it meaningful). */
export function fitPropensity(features: readonly string[], data: Observation[], opts: FitOptions = {}): PropensityModel {
  const k = features.length;
  const iterations = opts.iterations ?? 25;
  const ridge = opts.ridge ?? 1e-3;
  const means = Array.from({ length: k }, (_, j) => mean(data.map((d) => d.x[j])));
  const scales = Array.from({ length: k }, (_, j) => Math.sqrt(mean(data.map((d) => (d.x[j] - means[j]) ** 2))) || 1);
  const rows = data.map((d) => [1, ...d.x.map((v, j) => (v - means[j]) / scales[j])]);
  const w = new Array(k + 1).fill(0);
  // Start from the base rate, so a history of one outcome only stays finite.
  const rate = Math.min(Math.max(mean(data.map((d) => d.y)), 1e-6), 1 - 1e-6);
  w[0] = Math.log(rate / (1 - rate));
  for (let it = 0; it < iterations; it++) {
    const grad = new Array(k + 1).fill(0);
    const hess = Array.from({ length: k + 1 }, () => new Array(k + 1).fill(0));
    rows.forEach((r, i) => {
      const p = sigmoid(dot(w, r));
      const s = Math.max(p * (1 - p), 1e-9);
      for (let a = 0; a <= k; a++) {
        grad[a] += (data[i].y - p) * r[a];
        for (let b = 0; b <= k; b++) hess[a][b] += s * r[a] * r[b];
      }
    });
    for (let a = 1; a <= k; a++) {
      grad[a] -= ridge * data.length * w[a];
      hess[a][a] += ridge * data.length;
    }
    hess[0][0] += 1e-9;
    const step = solve(hess, grad);
    let moved = 0;
    for (let a = 0; a <= k; a++) {
      w[a] += step[a];
      moved = Math.max(moved, Math.abs(step[a]));
    }
    opts.onProgress?.(it + 1, iterations);
    if (moved < 1e-8) {
      opts.onProgress?.(iterations, iterations);
      break;
    }
  }
  return { features: [...features], weights: w, means, scales };
}

export interface CalibrationBand {
  decile: number;
  count: number;
  /** Mean predicted probability in the band. */
  predicted: number;
  /** Share of the band that took the product. */
  observed: number;
}

/** Predicted against observed by decile of the prediction (1: the lowest tenth). */
export function calibrationByDecile(scored: { p: number; y: 0 | 1 }[]): CalibrationBand[] {
  const sorted = [...scored].sort((a, b) => a.p - b.p);
  const bands: CalibrationBand[] = [];
  for (let d = 0; d < 10; d++) {
    const slice = sorted.slice(Math.floor((d * sorted.length) / 10), Math.floor(((d + 1) * sorted.length) / 10));
    if (!slice.length) continue;
    bands.push({ decile: d + 1, count: slice.length, predicted: mean(slice.map((s) => s.p)), observed: mean(slice.map((s) => s.y)) });
  }
  return bands;
}

/** The area under the ROC curve: the chance a taker outranks a non-taker (ties count half). */
export function areaUnderCurve(scored: { p: number; y: 0 | 1 }[]): number | null {
  const pos = scored.filter((s) => s.y === 1).length;
  const neg = scored.length - pos;
  if (!pos || !neg) return null;
  const sorted = [...scored].sort((a, b) => a.p - b.p);
  let rankSum = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && sorted[j].p === sorted[i].p) j++;
    const rank = (i + 1 + j) / 2;
    for (let t = i; t < j; t++) if (sorted[t].y === 1) rankSum += rank;
    i = j;
  }
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

function dot(a: number[], b: number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function mean(xs: number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
}

/** Solves A x = b by Gaussian elimination with partial pivoting (A is small and symmetric positive definite). */
function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const m = A.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) pivot = r;
    [m[c], m[pivot]] = [m[pivot], m[c]];
    if (Math.abs(m[c][c]) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  return m.map((row, i) => (Math.abs(row[i]) < 1e-12 ? 0 : row[n] / row[i]));
}
