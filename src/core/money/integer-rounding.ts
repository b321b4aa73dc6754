import { RoundingMode } from './rounding';

/*
 * Exact rounding division on integers. The schedule hot loop works in integer minor units;
 * these helpers give exactly the result Decimal would give for round(a * p / q, mode), without
 * allocating. Plain numbers are used while every intermediate stays a safe integer, BigInt otherwise.
 */

/** Largest integer below which double arithmetic on integers is exact. */
export const SAFE = Number.MAX_SAFE_INTEGER;

/**
 * round(n / d) for a non-negative safe integer n and a positive safe integer d, with `mode`.
 * Non-negative only: schedule quantities (balances, interest) never go below zero, and the
 * sign-free form lets DOWN/UP be plain floor/ceil.
 */
export function divRoundNonNeg(n: number, d: number, mode: RoundingMode): number {
  // The float quotient can be one off when n/d is within an ulp of an integer; the exact
  // remainder check below repairs that, so the result is exact.
  let q = Math.floor(n / d);
  let r = n - q * d;
  if (r < 0) {
    q -= 1;
    r += d;
  } else if (r >= d) {
    q += 1;
    r -= d;
  }
  if (r === 0) return q;
  switch (mode) {
    case 'DOWN':
      return q;
    case 'UP':
      return q + 1;
    case 'HALF_UP':
      return 2 * r >= d ? q + 1 : q;
    case 'HALF_EVEN': {
      const twice = 2 * r;
      if (twice > d) return q + 1;
      if (twice < d) return q;
      return q % 2 === 0 ? q : q + 1;
    }
  }
}

/** BigInt twin of {@link divRoundNonNeg}, for products that leave the safe-integer range. */
export function divRoundNonNegBig(n: bigint, d: bigint, mode: RoundingMode): bigint {
  const q = n / d;
  const r = n - q * d;
  if (r === 0n) return q;
  switch (mode) {
    case 'DOWN':
      return q;
    case 'UP':
      return q + 1n;
    case 'HALF_UP':
      return 2n * r >= d ? q + 1n : q;
    case 'HALF_EVEN': {
      const twice = 2n * r;
      if (twice > d) return q + 1n;
      if (twice < d) return q;
      return q % 2n === 0n ? q : q + 1n;
    }
  }
}

/**
 * round(a * p / q, mode) for non-negative safe integers a, p and positive safe q.
 * Takes the number path when a * p (and the correction step) provably stays exact,
 * and BigInt otherwise, so the answer is always exact.
 */
export function mulDivRound(a: number, p: number, q: number, mode: RoundingMode): number {
  const prod = a * p;
  if (prod + q <= SAFE) return divRoundNonNeg(prod, q, mode);
  return Number(divRoundNonNegBig(BigInt(a) * BigInt(p), BigInt(q), mode));
}

/** Greatest common divisor of two non-negative safe integers. */
export function gcd(a: number, b: number): number {
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/** Greatest common divisor of two non-negative BigInts. */
export function gcdBig(a: bigint, b: bigint): bigint {
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}
