/**
 * ISO 4217 minor units (number of decimals) for the currencies our lenders operate in and their
 * neighbours. Listed explicitly rather than taken from `Intl`: Node's ICU data disagrees with
 * ISO for a few currencies (e.g. IDR, whose cash practice is 0 but ISO says 2) and a disbursed
 * amount must not change with the runtime.
 */
const MINOR_UNITS: Readonly<Record<string, number>> = Object.freeze({
  // two decimals
  AED: 2, ARS: 2, AUD: 2, BDT: 2, BRL: 2, CAD: 2, CHF: 2, CNY: 2, COP: 2, CZK: 2, DKK: 2, DZD: 2,
  EGP: 2, ETB: 2, EUR: 2, GBP: 2, GHS: 2, HKD: 2, HUF: 2, IDR: 2, ILS: 2, INR: 2, KES: 2, KHR: 2,
  KZT: 2, LKR: 2, MAD: 2, MMK: 2, MXN: 2, MYR: 2, MZN: 2, NGN: 2, NOK: 2, NPR: 2, NZD: 2, PEN: 2,
  PHP: 2, PKR: 2, PLN: 2, RON: 2, RUB: 2, SAR: 2, SEK: 2, SGD: 2, THB: 2, TRY: 2, TWD: 2, TZS: 2,
  UAH: 2, USD: 2, ZAR: 2, ZMW: 2,
  // zero decimals
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0,
  VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  // three decimals
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  // four decimals (unit of account)
  CLF: 4, UYW: 4,
});

/** Thrown for a currency code outside the table; callers map it to their own coded error. */
export class UnknownCurrencyError extends Error {
  constructor(public readonly code: string) {
    super(`unknown currency code: ${code}`);
    this.name = 'UnknownCurrencyError';
  }
}

/** ISO 4217 minor units for `code` (upper-case alpha-3), e.g. USD 2, JPY 0, KWD 3. */
export function currencyDecimals(code: string): number {
  const decimals = MINOR_UNITS[code];
  if (decimals === undefined) throw new UnknownCurrencyError(code);
  return decimals;
}

/** Whether `code` is in the minor-unit table. */
export function isKnownCurrency(code: string): boolean {
  return MINOR_UNITS[code] !== undefined;
}
