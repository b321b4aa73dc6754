import { Dec, currencyDecimals } from '../money';

/**
 * How Stripe wants an amount of a currency: in integer minor units of `exponent` decimals, a
 * multiple of `multipleOf`. Mostly ISO 4217, with Stripe's own exceptions
 * (https://docs.stripe.com/currencies): UGX and MGA are zero-decimal at Stripe; ISK stays
 * two-decimal on the wire but only whole krónur (multiples of 100) are accepted; three-decimal
 * currencies must end in 0.
 */
export interface StripeAmountRule {
  exponent: number;
  multipleOf: number;
}

const ZERO_DECIMAL = new Set(['BIF', 'CLP', 'DJF', 'GNF', 'JPY', 'KMF', 'KRW', 'MGA', 'PYG', 'RWF', 'UGX', 'VND', 'VUV', 'XAF', 'XOF', 'XPF']);
const THREE_DECIMAL = new Set(['BHD', 'JOD', 'KWD', 'OMR', 'TND']);

export class StripeAmountError extends Error {}

export function stripeAmountRule(currency: string): StripeAmountRule {
  const code = currency.toUpperCase();
  if (ZERO_DECIMAL.has(code)) return { exponent: 0, multipleOf: 1 };
  if (THREE_DECIMAL.has(code)) return { exponent: 3, multipleOf: 10 };
  if (code === 'ISK') return { exponent: 2, multipleOf: 100 };
  return { exponent: currencyDecimals(code), multipleOf: 1 };
}

/**
 * An exact decimal amount ("1234.50") as Stripe's integer `amount` (123450 for KES). Refuses an
 * amount Stripe cannot carry exactly (more decimals than the currency, or not a multiple Stripe
 * accepts) rather than rounding money silently. Exact: Decimal arithmetic, then a safe integer.
 */
export function toStripeAmount(amount: string, currency: string): number {
  const { exponent, multipleOf } = stripeAmountRule(currency);
  const minor = new Dec(amount).times(new Dec(10).pow(exponent));
  if (!minor.isInteger()) throw new StripeAmountError(`${amount} ${currency} has more decimals than Stripe takes (${exponent})`);
  if (minor.lte(0)) throw new StripeAmountError('a Stripe amount must be positive');
  if (!minor.mod(multipleOf).isZero()) throw new StripeAmountError(`${amount} ${currency} must be a multiple of ${new Dec(multipleOf).div(new Dec(10).pow(exponent)).toFixed()}`);
  if (minor.gt(Number.MAX_SAFE_INTEGER)) throw new StripeAmountError(`${amount} ${currency} is too large`);
  return Number(minor.toFixed(0));
}

/** Stripe's integer amount back as an exact decimal string with the currency's Stripe exponent. */
export function fromStripeAmount(minor: number, currency: string): string {
  if (!Number.isSafeInteger(minor)) throw new StripeAmountError(`not an integer amount: ${minor}`);
  const { exponent } = stripeAmountRule(currency);
  return new Dec(minor).div(new Dec(10).pow(exponent)).toFixed(exponent);
}
