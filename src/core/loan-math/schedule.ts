import { Dec } from '../money/decimal';
import { formatScaled } from '../money/scaled-integer';
import { computeRows, ScheduleRows } from './amortization/kernel';
import { formatIsoDate } from './calendar';
import { scheduleApr } from './schedule-apr';
import { normaliseScheduleInput, ScheduleTerms } from './terms';
import type { AprConvention, Installment, Schedule, ScheduleInput, UnitPeriod, UpfrontFees } from './types';

/** Options of {@link buildSchedule}. */
export interface BuildScheduleOptions {
  /** The currency's ISO 4217 minor units (see `currencyDecimals`); caps `rounding.decimals`. */
  currencyDecimals: number;
}

/**
 * Builds the repayment schedule for `input` (see README for every convention).
 *
 * The arithmetic runs in integer minor units and is exact: each row equals the Decimal
 * reference computation digit for digit. The returned Decimals are created on first access
 * (rows, then APR), so callers that only need totals, or the minor-unit rows, pay for neither.
 *
 * @throws LoanMathInputError naming the offending field.
 */
export function buildSchedule(input: ScheduleInput, opts: BuildScheduleOptions): Schedule {
  const terms = normaliseScheduleInput(input, opts?.currencyDecimals);
  return new MinorUnitSchedule(terms, computeRows(terms));
}

/** The schedule in integer minor units, for hot paths (COB runs, benchmarks) that skip Decimals. */
export function buildScheduleMinor(input: ScheduleInput, opts: BuildScheduleOptions): { terms: ScheduleTerms; rows: ScheduleRows } {
  const terms = normaliseScheduleInput(input, opts?.currencyDecimals);
  return { terms, rows: computeRows(terms) };
}

/** An {@link Installment} with its amounts as plain decimal strings of the schedule's decimals. */
export type InstallmentStrings = { [K in keyof Installment]: Installment[K] extends Dec ? string : Installment[K] };

/** A {@link Schedule} backed by minor-unit rows; Decimal views are built lazily and cached. */
export class MinorUnitSchedule implements Schedule {
  private installmentsCache: Installment[] | undefined;
  private aprCache: Dec | undefined;

  constructor(
    readonly terms: ScheduleTerms,
    readonly rows: ScheduleRows,
  ) {}

  get installments(): readonly Installment[] {
    if (this.installmentsCache === undefined) {
      const r = this.rows;
      const list: Installment[] = new Array(r.termCount);
      for (let k = 0; k < r.termCount; k++) {
        list[k] = {
          number: k + 1,
          dueDate: formatIsoDate(r.dueDays[k]),
          principal: this.money(r.principal[k]),
          interest: this.money(r.interest[k]),
          fees: this.money(r.feeUnits),
          total: this.money(r.principal[k] + r.interest[k] + r.feeUnits),
          balance: this.money(r.balance[k]),
        };
      }
      this.installmentsCache = list;
    }
    return this.installmentsCache;
  }

  get totalPrincipal(): Dec {
    return this.money(this.rows.totalPrincipal);
  }

  get totalInterest(): Dec {
    return this.money(this.rows.totalInterest);
  }

  get totalFees(): Dec {
    return this.money(this.rows.totalFees);
  }

  get totalPayable(): Dec {
    return this.money(this.rows.totalPrincipal + this.rows.totalInterest + this.rows.totalFees);
  }

  get netDisbursement(): Dec {
    return this.money(this.terms.requestedUnits - this.terms.deductedUnits);
  }

  get upfrontFees(): UpfrontFees {
    return {
      deducted: this.money(this.terms.deductedUnits),
      financed: this.money(this.terms.financedUnits),
      paidUpfront: this.money(this.terms.paidUpfrontUnits),
    };
  }

  /**
   * The rows with every amount as a plain string of the schedule's decimals ("17.00"), straight from
   * the minor units: the same text as `installments` with `toFixed(decimals)`, without building the
   * five Decimals a row (twenty times the cost of the schedule itself for a long one).
   */
  installmentStrings(): InstallmentStrings[] {
    const r = this.rows;
    const d = this.terms.decimals;
    const fees = formatScaled(r.feeUnits, d);
    const list: InstallmentStrings[] = new Array(r.termCount);
    // Level instalments repeat their total: written once while it stays the same.
    let lastTotal = Number.NaN;
    let total = '';
    for (let k = 0; k < r.termCount; k++) {
      const units = r.principal[k] + r.interest[k] + r.feeUnits;
      if (units !== lastTotal) {
        lastTotal = units;
        total = formatScaled(units, d);
      }
      list[k] = {
        number: k + 1,
        dueDate: formatIsoDate(r.dueDays[k]),
        principal: formatScaled(r.principal[k], d),
        interest: formatScaled(r.interest[k], d),
        fees,
        total,
        balance: formatScaled(r.balance[k], d),
      };
    }
    return list;
  }

  /** Reg Z actuarial APR with the schedule frequency as unit period (computed once, on demand). */
  get apr(): Dec {
    this.aprCache ??= scheduleApr(this.terms, this.rows);
    return this.aprCache;
  }

  /** The APR under another convention or unit period. */
  aprUnder(convention: AprConvention, unit?: UnitPeriod): Dec {
    return scheduleApr(this.terms, this.rows, convention, unit);
  }

  private money(units: number): Dec {
    return new Dec(formatScaled(units, this.terms.decimals));
  }
}
