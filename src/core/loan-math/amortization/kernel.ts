import { divRoundNonNeg, divRoundNonNegBig, mulDivRound } from '../../money/integer-rounding';

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
import type { ScheduleTerms } from '../terms';
import { annuityInstallmentUnits } from './annuity';

/** Schedule rows in minor units (exact integers held in plain double arrays). */
export interface ScheduleRows {
  termCount: number;
  dueDays: ArrayLike<number>;
  principal: number[];
  interest: number[];
  /** The fee of every instalment (only flat per-instalment fees reach the schedule). */
  feeUnits: number;
  balance: number[];
  totalPrincipal: number;
  totalInterest: number;
  totalFees: number;
  /**
   * The regular amount the method fixes: the annuity instalment (EQUAL_INSTALLMENT), the
   * principal part (EQUAL_PRINCIPAL, FLAT) or 0 (INTEREST_ONLY, BULLET).
   */
  regularUnits: number;
}

/**
 * Builds the rows of a schedule from validated terms, in integer minor units.
 *
 * Rules shared by all methods (see README):
 * - interest accrues on the opening balance for the period's fraction, rounded per row;
 * - no row takes more principal than is outstanding, and the last row takes all of it;
 * - interest accrued in the first `graceOnInterest` rows is collected with the next row
 *   (deferred, not capitalised: it earns no interest and does not change the principal plan);
 * - the per-instalment fee is added to every row.
 */
export function computeRows(t: ScheduleTerms): ScheduleRows {
  const n = t.termCount;
  const rows: ScheduleRows = {
    termCount: n,
    dueDays: t.dueDays,
    principal: new Array<number>(n),
    interest: new Array<number>(n),
    feeUnits: t.perInstallmentFeeUnits,
    balance: new Array<number>(n),
    totalPrincipal: t.principalUnits,
    totalInterest: 0,
    totalFees: t.perInstallmentFeeUnits * n,
    regularUnits: 0,
  };
  if (t.amortization === 'FLAT' || t.amortization === 'BULLET') flatOrBullet(t, rows);
  else decliningBalance(t, rows);
  return rows;
}

/** EQUAL_INSTALLMENT, EQUAL_PRINCIPAL and INTEREST_ONLY: interest on the declining balance. */
function decliningBalance(t: ScheduleTerms, rows: ScheduleRows): void {
  const n = t.termCount;
  const mode = t.mode;
  const gp = t.graceOnPrincipal;
  const gi = t.graceOnInterest;
  const amortizing = n - gp;
  const P = t.principalUnits;
  const method = t.amortization;
  let regular = 0;
  if (method === 'EQUAL_INSTALLMENT') {
    regular = annuityInstallmentUnits(P, t.nominalNum, t.nominalDen, amortizing, mode, t.multipleUnits);
  } else if (method === 'EQUAL_PRINCIPAL') {
    regular = t.multipleUnits > 0 ? roundUpToMultiple(P, amortizing, t.multipleUnits) : divRoundNonNeg(P, amortizing, mode);
  }
  rows.regularUnits = regular;
  const annuity = method === 'EQUAL_INSTALLMENT';
  const interestOnly = method === 'INTEREST_ONLY';
  const num = t.interestNum;
  const uniform = t.interestNumUniform;
  const den = t.interestDen;
  const numBig = t.interestNumBig;
  const denBig = numBig === undefined ? 0n : BigInt(den);
  const invDen = 1 / den;
  const principalOut = rows.principal;
  const interestOut = rows.interest;
  const balanceOut = rows.balance;
  // Rounding mode as a small integer so the per-row rounding is a compare, not a string switch.
  const modeCode = mode === 'DOWN' ? 0 : mode === 'UP' ? 1 : mode === 'HALF_UP' ? 2 : 3;
  let balance = P;
  let deferred = 0;
  let totalInterest = 0;
  const last = n - 1;
  for (let k = 0; k < n; k++) {
    let accrued: number;
    const prod = balance * (uniform >= 0 ? uniform : num[k]);
    if (numBig === undefined && prod + den <= MAX_SAFE) {
      // Inline exact round(prod / den): approximate quotient (a multiply by the reciprocal is
      // within one of the floor), exact remainder, one-step repair.
      let q = Math.floor(prod * invDen);
      let r = prod - q * den;
      if (r < 0) {
        q--;
        r += den;
      } else if (r >= den) {
        q++;
        r -= den;
      }
      if (r !== 0) {
        if (modeCode === 1) q++;
        else if (modeCode >= 2) {
          const twice = 2 * r;
          if (twice > den || (twice === den && (modeCode === 2 || q % 2 !== 0))) q++;
        }
      }
      accrued = q;
    } else {
      accrued =
        numBig === undefined
          ? mulDivRound(balance, uniform >= 0 ? uniform : num[k], den, mode)
          : Number(divRoundNonNegBig(BigInt(balance) * numBig[k], denBig, mode));
    }
    let principal: number;
    if (k === last) principal = balance;
    else if (k < gp || interestOnly) principal = 0;
    else {
      principal = annuity ? regular - accrued : regular;
      if (principal < 0) principal = 0;
      else if (principal > balance) principal = balance;
    }
    balance -= principal;
    let collected = accrued;
    if (k < gi) {
      deferred += accrued;
      collected = 0;
    } else if (deferred !== 0) {
      collected += deferred;
      deferred = 0;
    }
    principalOut[k] = principal;
    interestOut[k] = collected;
    balanceOut[k] = balance;
    totalInterest += collected;
  }
  rows.totalInterest = totalInterest;
}

/**
 * FLAT and BULLET: simple interest on the original principal for the whole term,
 * I = round(P x rate x sum of period fractions). FLAT spreads I (and the principal) equally,
 * the last row taking the remainders; BULLET collects principal and I with the last row.
 */
function flatOrBullet(t: ScheduleTerms, rows: ScheduleRows): void {
  const n = t.termCount;
  const mode = t.mode;
  const gp = t.graceOnPrincipal;
  const gi = t.graceOnInterest;
  const P = t.principalUnits;
  const totalInterest = simpleInterestUnits(t);
  rows.totalInterest = totalInterest;
  const last = n - 1;
  if (t.amortization === 'BULLET') {
    // nothing is due before the last row, and the balance stays P until then
    for (let k = 0; k < last; k++) {
      rows.principal[k] = 0;
      rows.interest[k] = 0;
      rows.balance[k] = P;
    }
    rows.principal[last] = P;
    rows.interest[last] = totalInterest;
    rows.balance[last] = 0;
    return;
  }
  const amortizing = n - gp;
  const interestPerRow = divRoundNonNeg(totalInterest, n, mode);
  let principalPerRow = divRoundNonNeg(P, amortizing, mode);
  if (t.multipleUnits > 0) {
    // The instalment (principal + interest) is what is quoted in multiples; interest stays equal.
    const m = t.multipleUnits;
    principalPerRow = divRoundNonNeg(principalPerRow + interestPerRow, m, 'UP') * m - interestPerRow;
  }
  rows.regularUnits = principalPerRow;
  let balance = P;
  let interestLeft = totalInterest;
  let deferred = 0;
  for (let k = 0; k < n; k++) {
    const accrued = k === last ? interestLeft : Math.min(interestPerRow, interestLeft);
    interestLeft -= accrued;
    const principal = k === last ? balance : k < gp ? 0 : Math.min(principalPerRow, balance);
    balance -= principal;
    let collected = accrued;
    if (k < gi) {
      deferred += accrued;
      collected = 0;
    } else if (deferred !== 0) {
      collected += deferred;
      deferred = 0;
    }
    rows.principal[k] = principal;
    rows.interest[k] = collected;
    rows.balance[k] = balance;
  }
}

/** round(P x sum(interestNum) / interestDen): simple interest for the whole term. */
export function simpleInterestUnits(t: ScheduleTerms): number {
  let sum = 0;
  if (t.interestNumUniform >= 0) sum = t.interestNumUniform * t.termCount;
  else for (let k = 0; k < t.termCount; k++) sum += t.interestNum[k];
  if (t.interestNumBig === undefined && sum <= Number.MAX_SAFE_INTEGER) {
    return mulDivRound(t.principalUnits, sum, t.interestDen, t.mode);
  }
  const sumBig =
    t.interestNumBig !== undefined
      ? t.interestNumBig.reduce((a, b) => a + b, 0n)
      : t.interestNumUniform >= 0
        ? BigInt(t.interestNumUniform) * BigInt(t.termCount)
        : Array.from(t.interestNum).reduce((a, b) => a + BigInt(b), 0n);
  return Number(divRoundNonNegBig(BigInt(t.principalUnits) * sumBig, BigInt(t.interestDen), t.mode));
}

/** ceil(P / (periods x multiple)) x multiple: a regular amount in whole multiples, never short. */
function roundUpToMultiple(P: number, periods: number, multiple: number): number {
  return divRoundNonNeg(P, periods * multiple, 'UP') * multiple;
}
