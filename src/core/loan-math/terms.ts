import { gcd } from '../money/integer-rounding';
import { ROUNDING_MODES, RoundingMode } from '../money/rounding';
import { parseScaledInteger, POW10 } from '../money/scaled-integer';
import { parseIsoDate } from './calendar';
import { dayCountBasis, days360, yearFractionNumerator } from './day-count';
import { dueDayNumbers, regularFirstDueDay } from './due-dates';
import { LoanMathInputError } from './errors';
import { MAX_AMOUNT_UNITS, resolveFees } from './fees';
import { DAYS_PER_PERIOD, PERIODS_PER_YEAR, THIRTY_360_DAYS } from './frequency';
import { AMORTIZATIONS, Amortization, DAY_COUNTS, DayCount, FREQUENCIES, Frequency, ScheduleInput } from './types';

/** Most decimals accepted on the annual rate; keeps rate x day-count products exact integers. */
export const MAX_RATE_DECIMALS = 9;
/** Most instalments in one schedule (a daily loan over 30 years stays below it): what the engine can replay. */
export const MAX_TERM_COUNT = 20000;
/**
 * Most instalments of a new schedule, whatever the product: a daily loan over three years and three
 * months, a monthly one over 100 years. Schedules are previewed, priced and booked through the API
 * within this ceiling, so the work of one is bounded (a preview of this size is ~30 ms of server
 * time); loans booked before it existed are still replayed up to MAX_TERM_COUNT.
 */
export const MAX_OFFERED_TERM_COUNT = 1200;

/**
 * A validated schedule request in integers: money in minor units at `decimals`, the rate as a
 * reduced fraction, each period's year fraction as a numerator over `basis`. Built once per
 * schedule; everything after it is integer arithmetic.
 */
export interface ScheduleTerms {
  decimals: number;
  mode: RoundingMode;
  /** Instalment multiple in minor units; 0 when none. */
  multipleUnits: number;
  amortization: Amortization;
  frequency: Frequency;
  dayCount: DayCount;
  termCount: number;
  graceOnPrincipal: number;
  graceOnInterest: number;
  /** Principal as requested (what the loan is "for"). */
  requestedUnits: number;
  /** Principal the schedule amortises: requested + FINANCED fees. */
  principalUnits: number;
  deductedUnits: number;
  financedUnits: number;
  paidUpfrontUnits: number;
  perInstallmentFeeUnits: number;
  rateNum: number;
  rateDen: number;
  /** Per-period interest fraction: rateNum x fraction numerator, over `interestDen` (exact integers). */
  interestNum: number[];
  /**
   * When every period has the same fraction (THIRTY_360 without an odd first period) that one
   * numerator, and interestNum is left empty; -1 otherwise.
   */
  interestNumUniform: number;
  interestDen: number;
  /** Set when some interestNum is too large for exact double products; the kernel then uses BigInt. */
  interestNumBig: bigint[] | undefined;
  /** Nominal period rate used to size the annuity: nominalNum / nominalDen (safe integers). */
  nominalNum: number;
  nominalDen: number;
  disbursementDay: number;
  dueDays: ArrayLike<number>;
}

/**
 * Validates `input` and converts it to {@link ScheduleTerms}. Every refusal is a
 * {@link LoanMathInputError} naming the field.
 */
export function normaliseScheduleInput(input: ScheduleInput, currencyDecimals: number): ScheduleTerms {
  if (input === null || typeof input !== 'object') throw new LoanMathInputError('input', 'must be an object');
  if (!Number.isInteger(currencyDecimals) || currencyDecimals < 0 || currencyDecimals > 8) {
    throw new LoanMathInputError('currencyDecimals', 'must be an integer from 0 to 8');
  }
  const rounding = input.rounding;
  if (rounding === null || typeof rounding !== 'object') throw new LoanMathInputError('rounding', 'is required');
  const decimals = rounding.decimals;
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > currencyDecimals) {
    throw new LoanMathInputError('rounding.decimals', `must be an integer from 0 to the currency's ${currencyDecimals}`);
  }
  const mode = rounding.mode;
  if (!ROUNDING_MODES.includes(mode)) throw new LoanMathInputError('rounding.mode', `unknown rounding mode ${String(mode)}`);
  let multipleUnits = 0;
  if (rounding.installmentMultipleOf !== undefined && rounding.installmentMultipleOf !== null) {
    const m = parseScaledInteger(rounding.installmentMultipleOf);
    if (m === undefined || m.units <= 0 || m.scale > decimals) {
      throw new LoanMathInputError('rounding.installmentMultipleOf', `must be a positive amount with at most ${decimals} decimals`);
    }
    multipleUnits = m.units * POW10[decimals - m.scale];
    if (multipleUnits > MAX_AMOUNT_UNITS) throw new LoanMathInputError('rounding.installmentMultipleOf', 'is too large');
  }

  const principal = parseScaledInteger(input.principal);
  if (principal === undefined) throw new LoanMathInputError('principal', 'must be a decimal amount');
  if (principal.units <= 0) throw new LoanMathInputError('principal', 'must be positive');
  if (principal.scale > decimals) throw new LoanMathInputError('principal', `must have at most ${decimals} decimals`);
  const requestedUnits = principal.units * POW10[decimals - principal.scale];
  if (requestedUnits > MAX_AMOUNT_UNITS) throw new LoanMathInputError('principal', 'is too large');

  const termCount = input.termCount;
  if (!Number.isInteger(termCount) || termCount < 1 || termCount > MAX_TERM_COUNT) {
    throw new LoanMathInputError('termCount', `must be an integer from 1 to ${MAX_TERM_COUNT}`);
  }
  const frequency = input.frequency;
  if (!FREQUENCIES.includes(frequency)) throw new LoanMathInputError('frequency', `unknown frequency ${String(frequency)}`);
  const amortization = input.amortization;
  if (!AMORTIZATIONS.includes(amortization)) throw new LoanMathInputError('amortization', `unknown amortization ${String(amortization)}`);
  const dayCount = input.dayCount;
  if (!DAY_COUNTS.includes(dayCount)) throw new LoanMathInputError('dayCount', `unknown day count ${String(dayCount)}`);

  const rate = parseScaledInteger(input.annualInterestRate);
  if (rate === undefined) throw new LoanMathInputError('annualInterestRate', 'must be a decimal fraction ("0.12" is 12%)');
  if (rate.units < 0) throw new LoanMathInputError('annualInterestRate', 'must not be negative');
  if (rate.units > 10 * POW10[rate.scale]) throw new LoanMathInputError('annualInterestRate', 'must not exceed 10 (1000%)');
  if (rate.scale > MAX_RATE_DECIMALS) throw new LoanMathInputError('annualInterestRate', `must have at most ${MAX_RATE_DECIMALS} decimals`);
  const g = rate.units === 0 ? POW10[rate.scale] : gcd(rate.units, POW10[rate.scale]);
  const rateNum = rate.units / g;
  const rateDen = POW10[rate.scale] / g;

  const disbursementDay = parseIsoDate(input.disbursementDate, 'disbursementDate');
  let firstDueDay: number | undefined;
  if (input.firstDueDate !== undefined && input.firstDueDate !== null) {
    firstDueDay = parseIsoDate(input.firstDueDate, 'firstDueDate');
    if (firstDueDay <= disbursementDay) throw new LoanMathInputError('firstDueDate', 'must be after the disbursement date');
  }

  const graceOnPrincipal = grace(input.graceOnPrincipalPeriods, termCount, 'graceOnPrincipalPeriods');
  const graceOnInterest = grace(input.graceOnInterestPeriods, termCount, 'graceOnInterestPeriods');

  const fees = resolveFees(input.fees, requestedUnits, decimals, mode);
  if (fees.deductedUnits + fees.paidUpfrontUnits >= requestedUnits) {
    throw new LoanMathInputError('fees', 'deducted and upfront fees must leave a positive net advance');
  }
  const principalUnits = requestedUnits + fees.financedUnits;
  if (principalUnits > MAX_AMOUNT_UNITS) throw new LoanMathInputError('fees', 'financed fees make the principal too large');

  // Interest fractions. Under THIRTY_360 every regular period is exactly its 30/360 length
  // (a month is 30/360 whatever the calendar says); only an odd first period is measured with
  // the 30/360 day count. ACTUAL_* always measure actual days.
  const basis = dayCountBasis(dayCount);
  const firstIsOdd = firstDueDay !== undefined && firstDueDay !== regularFirstDueDay(disbursementDay, frequency);
  const uniform = dayCount === 'THIRTY_360' && !firstIsOdd;

  // Plain arrays, not typed arrays: creating a Float64Array costs about a microsecond (its
  // ArrayBuffer), more than all the arithmetic of a 360-row schedule.
  const dueDays = dueDayNumbers(disbursementDay, firstDueDay, frequency, termCount, new Array<number>(termCount));
  const interestNum: number[] = uniform ? [] : new Array<number>(termCount);

  let maxFraction: number;
  if (uniform) {
    maxFraction = THIRTY_360_DAYS[frequency];
  } else {
    // interestNum holds each period's year-fraction numerator first, then is scaled by the rate.
    let prev = disbursementDay;
    for (let k = 0; k < termCount; k++) {
      interestNum[k] =
        dayCount === 'THIRTY_360' ? (k === 0 ? days360(disbursementDay, dueDays[0]) : THIRTY_360_DAYS[frequency]) : yearFractionNumerator(prev, dueDays[k], dayCount);
      prev = dueDays[k];
    }
    maxFraction = 0;
    for (let k = 0; k < termCount; k++) if (interestNum[k] > maxFraction) maxFraction = interestNum[k];
  }
  // Products past 2^53 would not be exact doubles; keep exact BigInt numerators for the kernel.
  let interestNumBig: bigint[] | undefined;
  if (rateNum * maxFraction > Number.MAX_SAFE_INTEGER) {
    interestNumBig = uniform
      ? new Array<bigint>(termCount).fill(BigInt(rateNum) * BigInt(maxFraction))
      : Array.from(interestNum, (f) => BigInt(rateNum) * BigInt(f));
  }
  if (!uniform) for (let k = 0; k < termCount; k++) interestNum[k] *= rateNum;

  // The annuity is sized on the nominal period rate: under THIRTY_360 it equals the regular
  // period's interest rate; under ACTUAL_* a month-based period is 1/periods-per-year of the
  // year and a day-based one its days over the basis (360 or 365), and the last row absorbs the
  // difference that actual days make.
  let nominalNum: number;
  let nominalDen: number;
  if (dayCount === 'THIRTY_360') {
    nominalNum = rateNum * THIRTY_360_DAYS[frequency];
    nominalDen = rateDen * 360;
  } else if (DAYS_PER_PERIOD[frequency] > 0) {
    nominalNum = rateNum * DAYS_PER_PERIOD[frequency];
    nominalDen = rateDen * (dayCount === 'ACTUAL_360' ? 360 : 365);
  } else {
    nominalNum = rateNum;
    nominalDen = rateDen * PERIODS_PER_YEAR[frequency];
  }

  return {
    decimals,
    mode,
    multipleUnits,
    amortization,
    frequency,
    dayCount,
    termCount,
    graceOnPrincipal,
    graceOnInterest,
    requestedUnits,
    principalUnits,
    deductedUnits: fees.deductedUnits,
    financedUnits: fees.financedUnits,
    paidUpfrontUnits: fees.paidUpfrontUnits,
    perInstallmentFeeUnits: fees.perInstallmentUnits,
    rateNum,
    rateDen,
    interestNum,
    interestNumUniform: uniform ? rateNum * maxFraction : -1,
    interestDen: rateDen * basis,
    interestNumBig,
    nominalNum,
    nominalDen,
    disbursementDay,
    dueDays,
  };
}

function grace(value: number | undefined, termCount: number, field: string): number {
  if (value === undefined || value === null) return 0;
  if (!Number.isInteger(value) || value < 0) throw new LoanMathInputError(field, 'must be a non-negative integer');
  if (value >= termCount) throw new LoanMathInputError(field, 'must be less than termCount');
  return value;
}
