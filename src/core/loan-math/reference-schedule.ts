import Decimal from 'decimal.js';
import { decimalJsRounding, RoundingMode } from '../money/rounding';
import { parseIsoDate } from './calendar';
import { dayCountBasis, yearFractionNumerator } from './day-count';
import { dueDayNumbers, regularFirstDueDay } from './due-dates';
import { DAYS_PER_PERIOD, PERIODS_PER_YEAR, THIRTY_360_DAYS } from './frequency';
import type { ScheduleInput } from './types';

/*
 * The schedule computed the slow, obvious way: Decimal at 80 digits, row by row, straight from
 * the README conventions. It exists to check the integer engine (property tests and the
 * benchmark's exactness column) and is not used in production. Input is assumed valid.
 */

const R = Decimal.clone({ precision: 80, rounding: Decimal.ROUND_HALF_EVEN });

/** One reference row, amounts as plain decimal strings at the rounding's decimals. */
export interface ReferenceRow {
  dueDate: number;
  principal: string;
  interest: string;
  fees: string;
  balance: string;
}

/** The reference schedule of `input` (assumed valid; see buildSchedule for validation). */
export function referenceSchedule(input: ScheduleInput): ReferenceRow[] {
  const { decimals, mode } = input.rounding;
  const rm = decimalJsRounding(mode as RoundingMode);
  const round = (x: Decimal): Decimal => x.toDecimalPlaces(decimals, rm);
  const n = input.termCount;
  const gp = input.graceOnPrincipalPeriods ?? 0;
  const gi = input.graceOnInterestPeriods ?? 0;
  const rate = new R(input.annualInterestRate.toString());
  const multiple = input.rounding.installmentMultipleOf === undefined ? undefined : new R(input.rounding.installmentMultipleOf.toString());
  const requested = new R(input.principal.toString());

  let financed = new R(0);
  let perInstallmentFee = new R(0);
  for (const fee of input.fees ?? []) {
    if (fee.kind === 'UPFRONT' && fee.treatment === 'FINANCED') {
      financed = financed.plus(
        fee.charge.type === 'FLAT' ? round(new R(fee.charge.amount.toString())) : round(requested.mul(fee.charge.rate.toString())),
      );
    }
    if (fee.kind === 'PER_INSTALLMENT') perInstallmentFee = perInstallmentFee.plus(round(new R(fee.amount.toString())));
  }
  const principal = requested.plus(financed);

  const disb = parseIsoDate(input.disbursementDate, 'disbursementDate');
  const first = input.firstDueDate === undefined ? undefined : parseIsoDate(input.firstDueDate, 'firstDueDate');
  const due = dueDayNumbers(disb, first, input.frequency, n);
  const firstIsOdd = first !== undefined && first !== regularFirstDueDay(disb, input.frequency);
  const basis = dayCountBasis(input.dayCount);
  // Year fractions kept as integer numerators over the basis, and every interest amount formed
  // as (amount x rate x numerator) / basis with a single division: a rounding tie is then seen
  // exactly instead of through a recurring decimal like 74/360.
  const fractionNum: number[] = [];
  let prev = disb;
  for (let k = 0; k < n; k++) {
    fractionNum.push(
      input.dayCount === 'THIRTY_360' && !(k === 0 && firstIsOdd)
        ? (THIRTY_360_DAYS[input.frequency] * basis) / 360
        : yearFractionNumerator(prev, due[k], input.dayCount),
    );
    prev = due[k];
  }
  const interestOn = (amount: Decimal, num: number): Decimal => amount.mul(rate).mul(num).div(basis);
  const nominal =
    input.dayCount === 'THIRTY_360'
      ? rate.mul(THIRTY_360_DAYS[input.frequency]).div(360)
      : DAYS_PER_PERIOD[input.frequency] > 0
        ? rate.mul(DAYS_PER_PERIOD[input.frequency]).div(input.dayCount === 'ACTUAL_360' ? 360 : 365)
        : rate.div(PERIODS_PER_YEAR[input.frequency]);

  const roundUpToMultiple = (x: Decimal): Decimal => x.div(multiple!).toDecimalPlaces(0, Decimal.ROUND_UP).mul(multiple!);
  const amortizing = n - gp;
  const rows: ReferenceRow[] = [];
  const push = (k: number, p: Decimal, i: Decimal, bal: Decimal): void => {
    rows.push({ dueDate: due[k], principal: p.toFixed(decimals), interest: i.toFixed(decimals), fees: perInstallmentFee.toFixed(decimals), balance: bal.toFixed(decimals) });
  };

  if (input.amortization === 'FLAT' || input.amortization === 'BULLET') {
    const total = round(interestOn(principal, fractionNum.reduce((a, b) => a + b, 0)));
    if (input.amortization === 'BULLET') {
      for (let k = 0; k < n; k++) push(k, k === n - 1 ? principal : new R(0), k === n - 1 ? total : new R(0), k === n - 1 ? new R(0) : principal);
      return rows;
    }
    const iRow = round(total.div(n));
    let pRow = round(principal.div(amortizing));
    if (multiple !== undefined) pRow = roundUpToMultiple(pRow.plus(iRow)).minus(iRow);
    let bal = principal;
    let left = total;
    let deferred = new R(0);
    for (let k = 0; k < n; k++) {
      const accrued = k === n - 1 ? left : Decimal.min(iRow, left);
      left = left.minus(accrued);
      const p = k === n - 1 ? bal : k < gp ? new R(0) : Decimal.min(pRow, bal);
      bal = bal.minus(p);
      let collected = accrued;
      if (k < gi) {
        deferred = deferred.plus(accrued);
        collected = new R(0);
      } else {
        collected = collected.plus(deferred);
        deferred = new R(0);
      }
      push(k, p, collected, bal);
    }
    return rows;
  }

  let regular = new R(0);
  if (input.amortization === 'EQUAL_INSTALLMENT') {
    const exact = nominal.isZero()
      ? principal.div(amortizing)
      : principal.mul(nominal).div(new R(1).minus(nominal.plus(1).pow(-amortizing)));
    regular = multiple !== undefined ? roundUpToMultiple(exact) : round(exact);
  } else if (input.amortization === 'EQUAL_PRINCIPAL') {
    regular = multiple !== undefined ? roundUpToMultiple(principal.div(amortizing)) : round(principal.div(amortizing));
  }
  let bal = principal;
  let deferred = new R(0);
  for (let k = 0; k < n; k++) {
    const accrued = round(interestOn(bal, fractionNum[k]));
    let p: Decimal;
    if (k === n - 1) p = bal;
    else if (k < gp || input.amortization === 'INTEREST_ONLY') p = new R(0);
    else {
      p = input.amortization === 'EQUAL_INSTALLMENT' ? regular.minus(accrued) : regular;
      p = Decimal.min(Decimal.max(p, 0), bal);
    }
    bal = bal.minus(p);
    let collected = accrued;
    if (k < gi) {
      deferred = deferred.plus(accrued);
      collected = new R(0);
    } else {
      collected = collected.plus(deferred);
      deferred = new R(0);
    }
    push(k, p, collected, bal);
  }
  return rows;
}
