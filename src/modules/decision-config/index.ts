/** The decision-config module's public face: what other modules may import from it (see .dependency-cruiser.cjs). */
export type { DecisionConfigService } from './decision-config.service';
export { POLICY_SCHEMAS } from './policy-schemas';
export { DEFAULT_POLICIES } from './default-policies';
