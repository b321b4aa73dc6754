export { Dec, toDec } from './decimal';
export type { DecimalInput } from './decimal';
export { ROUNDING_MODES, roundMoney, roundToMultiple, decimalJsRounding } from './rounding';
export type { RoundingMode } from './rounding';
export { currencyDecimals, isKnownCurrency, UnknownCurrencyError } from './currency';
export { divRoundNonNeg, divRoundNonNegBig, mulDivRound, gcd, gcdBig } from './integer-rounding';
export { parseScaledInteger, formatScaled, POW10, MAX_SAFE_DIGITS } from './scaled-integer';
export type { ScaledInteger } from './scaled-integer';
export { storedFixed, storedPlain } from './stored-decimal';
