import { isZeroDecimal } from '../../format';

/** The terms a lender edits in the console, as text (amounts and rates stay decimal strings), and the API input they become. */
export interface ProductForm {
  code: string;
  name: string;
  segment: 'CONSUMER' | 'SMALL_BUSINESS' | 'SOLE_PROPRIETOR' | 'AGRICULTURE';
  currency: string;
  amountMin: string;
  amountMax: string;
  termMin: number;
  termMax: number;
  frequency: 'DAILY' | 'WEEKLY' | 'BIWEEKLY' | 'SEMI_MONTHLY' | 'MONTHLY' | 'QUARTERLY';
  amortization: 'EQUAL_INSTALLMENT' | 'EQUAL_PRINCIPAL' | 'FLAT' | 'INTEREST_ONLY' | 'BULLET';
  dayCount: 'ACTUAL_365' | 'ACTUAL_360' | 'ACTUAL_ACTUAL' | 'THIRTY_360';
  annualRate: string;
  upfrontFeeRate: string;
  decimals: number;
}

export const newProductForm = (currency: string): ProductForm => ({
  code: '', name: '', segment: 'CONSUMER', currency, amountMin: '1000', amountMax: '50000', termMin: 3, termMax: 12,
  frequency: 'MONTHLY', amortization: 'EQUAL_INSTALLMENT', dayCount: 'ACTUAL_365', annualRate: '0.24', upfrontFeeRate: '0.02', decimals: 2,
});

const DECIMAL = /^\d+(\.\d+)?$/;

const fees = (f: ProductForm) => (DECIMAL.test(f.upfrontFeeRate) && !isZeroDecimal(f.upfrontFeeRate)
  ? [{ kind: 'UPFRONT' as const, name: 'Processing fee', chargeType: 'PERCENT' as const, rate: f.upfrontFeeRate, treatment: 'DEDUCTED' as const }] : []);

export function termsInput(f: ProductForm) {
  return {
    name: f.name, segment: f.segment, currency: f.currency, amountMin: f.amountMin, amountMax: f.amountMax, termMin: f.termMin, termMax: f.termMax,
    frequencies: [f.frequency], amortization: f.amortization, dayCount: f.dayCount, rounding: { decimals: f.decimals, mode: 'HALF_EVEN' as const },
    fees: fees(f), rateBands: [{ grade: 'A', annualRate: f.annualRate }],
  };
}

/** The schedule the terms give a sample loan (principal and instalments the user picks), or null while a figure is not yet a number. */
export function previewInput(f: ProductForm, sample: { principal: string; termCount: number }, today: string) {
  if (![f.annualRate, sample.principal].every((v) => DECIMAL.test(v)) || sample.termCount < 1) return null;
  return {
    principal: sample.principal, termCount: sample.termCount, annualInterestRate: f.annualRate, amortization: f.amortization, frequency: f.frequency,
    dayCount: f.dayCount, currency: f.currency, disbursementDate: today, fees: fees(f), rounding: { decimals: f.decimals, mode: 'HALF_EVEN' as const },
  };
}
