import { Dec } from '../../money/decimal';
import { LoanMathInputError } from '../errors';

/**
 * A run of equal cash flows at consecutive whole unit periods t0 .. t0 + m - 1 sharing one
 * fractional period f = fNum / fDen. A level-payment loan is two or three runs, and a run's
 * present value is a geometric series, so evaluating the NPV costs O(runs) powers instead of
 * O(flows): that is what makes the exact (Decimal) verification affordable.
 */
export interface FlowRun {
  /** Signed amount per flow in integer units of 10^-scale (payments +, advances -). */
  amount: number;
  t0: number;
  m: number;
  fNum: number;
  fDen: number;
}

/** How a fractional unit period discounts: simple interest (Reg Z) or compound. */
export type FractionRule = 'SIMPLE' | 'COMPOUND';

/** Appends a flow, extending the last run when it continues it. */
export function pushFlow(runs: FlowRun[], amount: number, t: number, fNum: number, fDen: number): void {
  const last = runs.length > 0 ? runs[runs.length - 1] : undefined;
  if (
    last !== undefined &&
    last.amount === amount &&
    last.t0 + last.m === t &&
    last.fNum * fDen === fNum * last.fDen
  ) {
    last.m++;
    return;
  }
  runs.push({ amount, t0: t, m: 1, fNum, fDen });
}

/** NPV at unit-period rate i, in doubles, with its derivative. */
function npvFloat(runs: readonly FlowRun[], rule: FractionRule, i: number): { value: number; slope: number } {
  const L = Math.log1p(i);
  const v = 1 / (1 + i);
  let value = 0;
  let slope = 0;
  const tiny = Math.abs(i) < 1e-9;
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r];
    const f = run.fNum / run.fDen;
    let disc = Math.exp(-run.t0 * L);
    let dLogDisc = -run.t0 * v;
    if (run.m > 1) {
      // sum_{j<m} v^j = (1+i)(1 - v^m) / i; its log-derivative in L is m/expm1(mL) - 1/i
      if (tiny) {
        disc *= run.m;
        dLogDisc -= (v * (run.m - 1)) / 2;
      } else {
        disc *= ((1 + i) * -Math.expm1(-run.m * L)) / i;
        dLogDisc += v * (run.m / Math.expm1(run.m * L) - 1 / i);
      }
    }
    if (f !== 0) {
      if (rule === 'SIMPLE') {
        disc /= 1 + f * i;
        dLogDisc -= f / (1 + f * i);
      } else {
        disc *= Math.exp(-f * L);
        dLogDisc -= f * v;
      }
    }
    const pv = run.amount * disc;
    value += pv;
    slope += pv * dLogDisc;
  }
  return { value, slope };
}

/**
 * A narrower clone of the shared Decimal for the sign checks only: 21 digits (three decimal.js
 * limbs) halves the cost of the long powers, and {@link npvDecimal} bounds its rounding error
 * explicitly; when the bound is too wide to decide a sign, the check is redone at the shared
 * clone's 40 digits. Rates themselves are never computed at this precision.
 */
const CheckDec = Dec.clone({ precision: 21 });
type DecCtor = typeof Dec;

/** NPV at unit-period rate i in Decimal (of constructor D), with a bound on its rounding error. */
function npvDecimal(runs: readonly FlowRun[], rule: FractionRule, iValue: Dec, D: DecCtor): { value: Dec; errorBound: Dec } {
  const i = new D(iValue);
  const onePlus = i.plus(1);
  const v = new D(1).div(onePlus);
  const oneMinusV = new D(1).minus(v);
  let logOnePlus: Dec | undefined;
  let value = new D(0);
  let magnitude = new D(0);
  let longest = 1;
  const power = powerCache(v, runs, D);
  for (const run of runs) {
    let disc = power(run.t0);
    // v^t0 (1 - v^m) / (1 - v) = (v^t0 - v^(t0+m)) / (1 - v)
    if (run.m > 1) disc = i.isZero() ? disc.mul(run.m) : disc.minus(power(run.t0 + run.m)).div(oneMinusV);
    if (run.fNum !== 0) {
      const f = new D(run.fNum).div(run.fDen);
      if (rule === 'SIMPLE') disc = disc.div(f.mul(i).plus(1));
      else {
        logOnePlus ??= onePlus.ln();
        disc = disc.mul(f.mul(logOnePlus).neg().exp());
      }
    }
    if (run.t0 + run.m > longest) longest = run.t0 + run.m;
    const pv = disc.mul(run.amount);
    value = value.plus(pv);
    magnitude = magnitude.plus(pv.abs());
  }
  // Each operation errs by at most one unit in the last digit (10^(1-precision) relative).
  // Repeated squaring to the power t compounds that to about t units; a run adds a handful of
  // operations more. Ten times (longest exponent + 10 per run) units is a safe over-estimate.
  const units = 10 * (longest + 10 * runs.length);
  return { value, errorBound: magnitude.mul(units).mul(new D(10).pow(1 - D.precision)) };
}

/**
 * Powers of v for every exponent the runs need, each built from the next smaller one
 * (v^360 = v^359 x v), so a loan needs one long power per evaluation instead of one per run.
 */
function powerCache(v: Dec, runs: readonly FlowRun[], D: DecCtor): (e: number) => Dec {
  const exps = new Set<number>();
  for (const run of runs) {
    exps.add(run.t0);
    if (run.m > 1) exps.add(run.t0 + run.m);
  }
  const sorted = [...exps].sort((a, b) => a - b);
  const table = new Map<number, Dec>();
  let prevE = 0;
  let prev = new D(1);
  for (const e of sorted) {
    prev = e === prevE ? prev : prev.mul(v.pow(e - prevE));
    table.set(e, prev);
    prevE = e;
  }
  return (e) => table.get(e)!;
}

/** Sign of the NPV at i, or 0 when rounding could hide it even at the shared 40 digits. */
function verifiedSign(runs: readonly FlowRun[], rule: FractionRule, i: Dec): number {
  for (const D of [CheckDec, Dec]) {
    const { value, errorBound } = npvDecimal(runs, rule, i, D);
    if (value.abs().gt(errorBound)) return value.isNegative() ? -1 : 1;
  }
  return 0;
}

/**
 * Solves NPV(i) = 0 for the unit-period rate i.
 *
 * Newton's method on doubles inside a bisection-safeguarded bracket finds the root fast; the
 * answer is then proved in Decimal: the NPV is evaluated exactly enough to have opposite signs
 * at root - eps and root + eps (eps = `tolerance` / 2). If that fails (ill-conditioned flows),
 * a Decimal bisection takes over, so the returned rate is always within `tolerance` of the root.
 */
export function solveRate(runs: readonly FlowRun[], rule: FractionRule, tolerance: number): Dec {
  // Bracket. With advances first and payments after, the NPV falls as i rises.
  let lo = 0;
  let fLo = npvFloat(runs, rule, lo).value;
  let hi: number;
  let fHi: number;
  if (fLo > 0) {
    hi = 0.1;
    fHi = npvFloat(runs, rule, hi).value;
    while (fHi > 0) {
      lo = hi;
      fLo = fHi;
      hi *= 2;
      if (hi > 1e6) throw new LoanMathInputError('payments', 'the cash flows imply no rate below 1e6 per unit period');
      fHi = npvFloat(runs, rule, hi).value;
    }
  } else if (fLo < 0) {
    hi = lo;
    fHi = fLo;
    lo = -0.05;
    fLo = npvFloat(runs, rule, lo).value;
    while (!(fLo > 0)) {
      hi = lo;
      fHi = fLo;
      lo = -1 + (1 + lo) / 2;
      if (lo < -0.999999) throw new LoanMathInputError('payments', 'the cash flows imply no rate above -100%');
      fLo = npvFloat(runs, rule, lo).value;
    }
  } else {
    hi = 0;
    fHi = 0;
  }

  let x = fLo === 0 ? lo : fHi === 0 ? hi : lo - (fLo * (hi - lo)) / (fHi - fLo);
  for (let iter = 0; iter < 200 && fLo !== 0 && fHi !== 0; iter++) {
    const { value, slope } = npvFloat(runs, rule, x);
    if (value === 0) break;
    if (value > 0) lo = x;
    else hi = x;
    let next = x - value / slope;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - x) <= 1e-17 + Math.abs(x) * 4e-16) {
      x = next;
      break;
    }
    x = next;
  }

  const half = tolerance / 2;
  const root = new Dec(x);
  const below = verifiedSign(runs, rule, root.minus(half));
  const above = verifiedSign(runs, rule, root.plus(half));
  if (below !== 0 && above !== 0 && below !== above) return root;
  return decimalBisection(runs, rule, root, tolerance);
}

/** The slow, sure path: widen a Decimal bracket around `guess`, then bisect it. */
function decimalBisection(runs: readonly FlowRun[], rule: FractionRule, guess: Dec, tolerance: number): Dec {
  let width = new Dec(tolerance);
  let lo = guess.minus(width);
  let hi = guess.plus(width);
  let sLo = verifiedSign(runs, rule, lo);
  let sHi = verifiedSign(runs, rule, hi);
  while (!(sLo > 0 && sHi < 0) && !(sLo < 0 && sHi > 0)) {
    width = width.mul(4);
    if (width.gt(10)) throw new LoanMathInputError('payments', 'could not bracket the rate');
    lo = Dec.max(guess.minus(width), new Dec('-0.999999'));
    hi = guess.plus(width);
    sLo = verifiedSign(runs, rule, lo);
    sHi = verifiedSign(runs, rule, hi);
  }
  while (hi.minus(lo).gt(tolerance)) {
    const mid = lo.plus(hi).div(2);
    const s = verifiedSign(runs, rule, mid);
    if (s === 0) return mid;
    if (s === sLo) lo = mid;
    else hi = mid;
  }
  return lo.plus(hi).div(2);
}
