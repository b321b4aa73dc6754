import { Dec } from '../../money/decimal';
import { parseScaledInteger, POW10 } from '../../money/scaled-integer';
import { parseIsoDate } from '../calendar';
import { LoanMathInputError } from '../errors';
import { PERIODS_PER_YEAR } from '../frequency';
import { APR_CONVENTIONS, AprConvention, AprInput, CashFlow, UNIT_PERIODS, UnitPeriod } from '../types';
import { FlowRun, FractionRule, pushFlow, solveRate } from './solver';
import { euMonthTime, exactDayTime, FlowTimer, regZTimer } from './time-periods';

/** Accuracy of every APR we return, as a fraction (1e-10 = 0.00000001 percentage points). */
export const APR_TOLERANCE = 1e-10;
/** Decimals kept on a returned APR. */
export const APR_DECIMALS = 12;

/** Cash flows already in integers: amounts in units of 10^-scale, dates as day numbers. */
export interface IntegerFlows {
  advanceDays: ArrayLike<number>;
  advanceUnits: ArrayLike<number>;
  paymentDays: ArrayLike<number>;
  paymentUnits: ArrayLike<number>;
}

/**
 * The annual percentage rate of a set of advances and payments, as a fraction.
 *
 * - US_REG_Z_ACTUARIAL: Regulation Z Appendix J. Time runs from the first advance; each flow is
 *   whole unit periods (counted back from its date) plus a fraction discounted at simple interest;
 *   APR = unit-period rate x unit periods per year.
 * - NOMINAL_IRR: the compound IRR per unit period with exact-day time (a unit is 365/periods
 *   days) times periods per year.
 * - EFFECTIVE_ANNUAL: the EU effective annual rate, time in years per Annex I of the Consumer
 *   Credit Directive (whole months = twelfths, remaining days over 365 or 366).
 *
 * Accurate to {@link APR_TOLERANCE}; refuses flows without a sign change.
 */
export function annualPercentageRate(input: AprInput): Dec {
  if (input === null || typeof input !== 'object') throw new LoanMathInputError('input', 'must be an object');
  const convention = input.convention ?? 'US_REG_Z_ACTUARIAL';
  if (!APR_CONVENTIONS.includes(convention)) throw new LoanMathInputError('convention', `unknown convention ${String(convention)}`);
  const unit = input.unitPeriod ?? 'MONTHLY';
  if (!UNIT_PERIODS.includes(unit)) throw new LoanMathInputError('unitPeriod', `unknown unit period ${String(unit)}`);
  const advances = parseFlows(input.advances, 'advances');
  const payments = parseFlows(input.payments, 'payments');
  // One scale for all amounts so runs compare exactly and the NPV adds like with like.
  const scale = Math.max(advances.scale, payments.scale);
  const flows: IntegerFlows = {
    advanceDays: advances.days,
    advanceUnits: rescale(advances, scale, 'advances'),
    paymentDays: payments.days,
    paymentUnits: rescale(payments, scale, 'payments'),
  };
  return aprOfIntegerFlows(flows, convention, unit);
}

/** {@link annualPercentageRate} on pre-validated integer flows (the schedule's own path). */
export function aprOfIntegerFlows(flows: IntegerFlows, convention: AprConvention, unit: UnitPeriod): Dec {
  let start = Infinity;
  for (let k = 0; k < flows.advanceDays.length; k++) if (flows.advanceDays[k] < start) start = flows.advanceDays[k];
  const timeOf: FlowTimer =
    convention === 'US_REG_Z_ACTUARIAL'
      ? regZTimer(start, unit)
      : convention === 'NOMINAL_IRR'
        ? (e) => exactDayTime(start, e, unit)
        : (e) => euMonthTime(start, e);
  const runs: FlowRun[] = [];
  for (let k = 0; k < flows.advanceDays.length; k++) {
    const ft = timeOf(flows.advanceDays[k]);
    pushFlow(runs, -flows.advanceUnits[k], ft.t, ft.fNum, ft.fDen);
  }
  for (let k = 0; k < flows.paymentDays.length; k++) {
    if (flows.paymentDays[k] < start) throw new LoanMathInputError(`payments[${k}].date`, 'must not be before the first advance');
    const ft = timeOf(flows.paymentDays[k]);
    pushFlow(runs, flows.paymentUnits[k], ft.t, ft.fNum, ft.fDen);
  }
  const rule: FractionRule = convention === 'US_REG_Z_ACTUARIAL' ? 'SIMPLE' : 'COMPOUND';
  if (convention === 'EFFECTIVE_ANNUAL') {
    // Solved per month (time is in twelfths of a year), then compounded to a year.
    const monthly = solveRate(runs, rule, APR_TOLERANCE / 24);
    return monthly.plus(1).pow(12).minus(1).toDecimalPlaces(APR_DECIMALS);
  }
  const perYear = PERIODS_PER_YEAR[unit];
  return solveRate(runs, rule, APR_TOLERANCE / perYear).mul(perYear).toDecimalPlaces(APR_DECIMALS);
}

interface ParsedFlows {
  days: Int32Array;
  units: number[];
  scales: number[];
  scale: number;
}

function parseFlows(flows: readonly CashFlow[] | undefined, field: 'advances' | 'payments'): ParsedFlows {
  if (!Array.isArray(flows) || flows.length === 0) {
    throw new LoanMathInputError(field, `at least one ${field === 'advances' ? 'advance' : 'payment'} is needed for a rate`);
  }
  const n = flows.length;
  const days = new Int32Array(n);
  const units = new Array<number>(n);
  const scales = new Array<number>(n);
  let scale = 0;
  for (let k = 0; k < n; k++) {
    const flow = flows[k];
    if (flow === null || typeof flow !== 'object') throw new LoanMathInputError(`${field}[${k}]`, 'must be { date, amount }');
    days[k] = parseIsoDate(flow.date, `${field}[${k}].date`);
    const amount = parseScaledInteger(flow.amount);
    if (amount === undefined) throw new LoanMathInputError(`${field}[${k}].amount`, 'must be a decimal amount');
    if (amount.units <= 0) throw new LoanMathInputError(field, 'amounts must be positive (no sign change otherwise)');
    units[k] = amount.units;
    scales[k] = amount.scale;
    if (amount.scale > scale) scale = amount.scale;
  }
  return { days, units, scales, scale };
}

function rescale(flows: ParsedFlows, scale: number, field: string): number[] {
  const out = flows.units;
  for (let k = 0; k < out.length; k++) {
    if (flows.scales[k] !== scale) {
      const u = out[k] * POW10[scale - flows.scales[k]];
      if (u > Number.MAX_SAFE_INTEGER) throw new LoanMathInputError(`${field}[${k}].amount`, 'has too many significant digits');
      out[k] = u;
    }
  }
  return out;
}
