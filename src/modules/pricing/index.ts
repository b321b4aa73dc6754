/** The pricing module's public face: what other modules may import from it (see .dependency-cruiser.cjs). */
export { rateCapRuleSchema } from './pricing-definition';
export type { PricingService } from './pricing.service';
