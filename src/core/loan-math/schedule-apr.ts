import { Dec } from '../money/decimal';
import { aprOfIntegerFlows } from './apr/apr';
import type { ScheduleRows } from './amortization/kernel';
import type { ScheduleTerms } from './terms';
import type { AprConvention, UnitPeriod } from './types';

/**
 * APR of a built schedule from the borrower's actual cash flows: one advance on the disbursement
 * date of the principal less DEDUCTED and PAID_UPFRONT fees (FINANCED fees are repaid through
 * the instalments instead), then every instalment total, fees included. Defaults to Reg Z
 * actuarial with the schedule frequency as the unit period.
 */
export function scheduleApr(
  terms: ScheduleTerms,
  rows: ScheduleRows,
  convention: AprConvention = 'US_REG_Z_ACTUARIAL',
  unit: UnitPeriod = terms.frequency,
): Dec {
  const n = rows.termCount;
  const payments = new Float64Array(n);
  for (let k = 0; k < n; k++) payments[k] = rows.principal[k] + rows.interest[k] + rows.feeUnits;
  return aprOfIntegerFlows(
    {
      advanceDays: [terms.disbursementDay],
      advanceUnits: [terms.requestedUnits - terms.deductedUnits - terms.paidUpfrontUnits],
      paymentDays: rows.dueDays,
      paymentUnits: payments,
    },
    convention,
    unit,
  );
}
