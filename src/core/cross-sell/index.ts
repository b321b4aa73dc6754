/** Cross-sell: eligibility of existing borrowers and their propensity to take up an offer. Pure functions. */
export { CROSS_SELL_FACTS, CROSS_SELL_KINDS, judgeEligibility, offerAmount, validateCrossSellRule } from './eligibility';
export type { CrossSellKind, CrossSellRule } from './eligibility';
export { PROPENSITY_FEATURES, areaUnderCurve, calibrationByDecile, fitPropensity, propensity } from './propensity';
export type { CalibrationBand, Observation, PropensityModel } from './propensity';
