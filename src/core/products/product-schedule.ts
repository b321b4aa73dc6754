import { Dec, currencyDecimals } from '../money';
import {
  type AprConvention, type Frequency, LoanMathInputError, MinorUnitSchedule, type ScheduleInput, buildSchedule, scheduleApr,
} from '../loan-math';
import { type Price, priceFor, scheduleFees } from '../pricing/risk-pricing';
import type { ProductTerms, Segment } from './product-terms';

/** What a borrower (or underwriter) asks of a product. */
export interface ProductScheduleRequest {
  principal: string;
  termCount: number;
  frequency?: Frequency | null;
  grade: string;
  segment?: Segment | null;
  disbursementDate: string;
  firstDueDate?: string | null;
}

/**
 * The engine's input for a request on a product, after checking the request against the product's
 * ranges and pricing it by grade. Refusals name the field (LoanMathInputError).
 */
export function productScheduleInput(terms: ProductTerms, req: ProductScheduleRequest): { input: ScheduleInput; price: Price } {
  const principal = parseAmount(req.principal, 'principal');
  if (principal.lt(terms.amountMin) || principal.gt(terms.amountMax)) {
    throw new LoanMathInputError('principal', `principal must be between ${terms.amountMin} and ${terms.amountMax} ${terms.currency} for this product`);
  }
  if (!Number.isInteger(req.termCount) || req.termCount < terms.termMin || req.termCount > terms.termMax) {
    throw new LoanMathInputError('termCount', `termCount must be between ${terms.termMin} and ${terms.termMax} for this product`);
  }
  const frequency = req.frequency ?? (terms.frequencies.length === 1 ? terms.frequencies[0] : undefined);
  if (!frequency) throw new LoanMathInputError('frequency', `choose a frequency: ${terms.frequencies.join(', ')}`);
  if (!terms.frequencies.includes(frequency)) {
    throw new LoanMathInputError('frequency', `this product allows ${terms.frequencies.join(', ')}, not ${frequency}`);
  }
  let price: Price;
  try {
    price = priceFor(terms, req.grade, req.segment);
  } catch (err) {
    throw new LoanMathInputError('riskGrade', (err as Error).message);
  }
  return {
    price,
    input: {
      principal: req.principal,
      termCount: req.termCount,
      frequency,
      annualInterestRate: price.annualRate,
      amortization: terms.amortization,
      dayCount: terms.dayCount,
      disbursementDate: req.disbursementDate,
      firstDueDate: req.firstDueDate ?? undefined,
      rounding: { decimals: terms.rounding.decimals, mode: terms.rounding.mode, installmentMultipleOf: terms.rounding.installmentMultipleOf ?? undefined },
      graceOnPrincipalPeriods: terms.graceOnPrincipalPeriods,
      graceOnInterestPeriods: terms.graceOnInterestPeriods,
      fees: scheduleFees(terms.fees, price.feeDiscount),
    },
  };
}

function parseAmount(value: string, field: string): Dec {
  try {
    return new Dec(value);
  } catch {
    throw new LoanMathInputError(field, `${field} is not a decimal number`);
  }
}

/** The all-in APR of a schedule measured with `convention`, its unit period the schedule frequency. */
export function scheduleAprUnder(schedule: ReturnType<typeof buildSchedule>, convention: AprConvention): string {
  const s = schedule as MinorUnitSchedule;
  return scheduleApr(s.terms, s.rows, convention).toFixed();
}

/** Where on a product the APR peaks: the corner of its ranges, grade and segment that prices highest. */
export interface WorstCase {
  apr: string;
  grade: string;
  segment: Segment | null;
  principal: string;
  termCount: number;
  frequency: Frequency;
}

/**
 * The highest all-in APR the product can produce on `date`: every rate band and segment override at
 * each corner of the amount and term ranges, for each allowed frequency. Flat fees weigh most on the
 * smallest, shortest loan and interest on the longest, so the corners bound the range for the
 * amortisations we offer.
 */
export function worstCaseApr(terms: ProductTerms, date: string, convention: AprConvention): WorstCase {
  const decimals = currencyDecimals(terms.currency);
  const segments: (Segment | null)[] = [null, ...new Set(terms.segmentOverrides.map((o) => o.segment))];
  let worst: WorstCase | undefined;
  for (const band of terms.rateBands) {
    for (const segment of segments) {
      for (const principal of new Set([terms.amountMin, terms.amountMax])) {
        for (const termCount of new Set([terms.termMin, terms.termMax])) {
          for (const frequency of terms.frequencies) {
            const { input } = productScheduleInput(terms, { principal, termCount, frequency, grade: band.grade, segment, disbursementDate: date });
            const apr = scheduleAprUnder(buildSchedule(input, { currencyDecimals: decimals }), convention);
            if (!worst || new Dec(apr).gt(worst.apr)) worst = { apr, grade: band.grade, segment, principal, termCount, frequency };
          }
        }
      }
    }
  }
  if (!worst) throw new LoanMathInputError('rateBands', 'a product needs at least one rate band');
  return worst;
}
