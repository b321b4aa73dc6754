import { divRoundNonNeg, mulDivRound } from '../money/integer-rounding';
import { RoundingMode } from '../money/rounding';
import { parseScaledInteger, POW10 } from '../money/scaled-integer';
import { LoanMathInputError } from './errors';
import { FEE_KINDS, FeeCharge, FeeSpec, UPFRONT_FEE_TREATMENTS } from './types';

/** Largest amount in minor units the engine accepts; keeps every sum and product exact (see README). */
export const MAX_AMOUNT_UNITS = 1e13;

/** Fees resolved to minor units: what the schedule needs from a product's fee list. */
export interface ResolvedFees {
  deductedUnits: number;
  financedUnits: number;
  paidUpfrontUnits: number;
  perInstallmentUnits: number;
}

/**
 * Resolves the schedule-relevant fees to minor units at `decimals`, rounding with `mode`.
 * Percent upfront fees are of the requested principal (before financing). LATE and PREPAYMENT
 * fees are validated but do not touch the schedule.
 */
export function resolveFees(
  fees: readonly FeeSpec[] | undefined,
  principalUnits: number,
  decimals: number,
  mode: RoundingMode,
): ResolvedFees {
  const out: ResolvedFees = { deductedUnits: 0, financedUnits: 0, paidUpfrontUnits: 0, perInstallmentUnits: 0 };
  if (fees === undefined) return out;
  if (!Array.isArray(fees)) throw new LoanMathInputError('fees', 'must be a list');
  fees.forEach((fee, i) => {
    const at = `fees[${i}]`;
    if (fee === null || typeof fee !== 'object' || !FEE_KINDS.includes(fee.kind)) {
      throw new LoanMathInputError(`${at}.kind`, `unknown fee kind ${String((fee as { kind?: unknown } | null)?.kind)}`);
    }
    switch (fee.kind) {
      case 'UPFRONT': {
        if (!UPFRONT_FEE_TREATMENTS.includes(fee.treatment)) {
          throw new LoanMathInputError(`${at}.treatment`, `unknown treatment ${String(fee.treatment)}`);
        }
        const units = chargeUnits(fee.charge, principalUnits, decimals, mode, `${at}.charge`);
        if (fee.treatment === 'DEDUCTED') out.deductedUnits += units;
        else if (fee.treatment === 'FINANCED') out.financedUnits += units;
        else out.paidUpfrontUnits += units;
        return;
      }
      case 'PER_INSTALLMENT':
        out.perInstallmentUnits += moneyUnits(fee.amount, decimals, mode, `${at}.amount`);
        return;
      case 'LATE':
      case 'PREPAYMENT':
        // Validated so a bad product fails at configuration, not at the first late payment.
        chargeUnits(fee.charge, principalUnits, decimals, mode, `${at}.charge`);
        if (fee.kind === 'LATE' && fee.graceDays !== undefined && !(Number.isInteger(fee.graceDays) && fee.graceDays >= 0)) {
          throw new LoanMathInputError(`${at}.graceDays`, 'must be a non-negative integer');
        }
        return;
    }
  });
  return out;
}

function chargeUnits(charge: FeeCharge, baseUnits: number, decimals: number, mode: RoundingMode, field: string): number {
  if (charge === null || typeof charge !== 'object') throw new LoanMathInputError(field, 'must be a FLAT or PERCENT charge');
  if (charge.type === 'FLAT') return moneyUnits(charge.amount, decimals, mode, `${field}.amount`);
  if (charge.type === 'PERCENT') {
    const rate = parseScaledInteger(charge.rate);
    if (rate === undefined || rate.units < 0 || rate.units > POW10[rate.scale]) {
      throw new LoanMathInputError(`${field}.rate`, 'must be a fraction between 0 and 1 ("0.02" is 2%)');
    }
    return mulDivRound(baseUnits, rate.units, POW10[rate.scale], mode);
  }
  throw new LoanMathInputError(`${field}.type`, `unknown charge type ${String((charge as { type?: unknown }).type)}`);
}

/** A non-negative money amount in minor units at `decimals`, rounded with `mode` when finer. */
export function moneyUnits(value: unknown, decimals: number, mode: RoundingMode, field: string): number {
  const parsed = parseScaledInteger(value);
  if (parsed === undefined || parsed.units < 0) throw new LoanMathInputError(field, 'must be a non-negative decimal amount');
  const units =
    parsed.scale <= decimals
      ? parsed.units * POW10[decimals - parsed.scale]
      : divRoundNonNeg(parsed.units, POW10[parsed.scale - decimals], mode);
  if (units > MAX_AMOUNT_UNITS) throw new LoanMathInputError(field, 'is too large');
  return units;
}
