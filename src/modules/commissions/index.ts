/** The commissions module's public face: what other modules may import from it (see .dependency-cruiser.cjs). */
export type { CommissionPlanService } from './commission-plan.service';
export { commissionPlanSchema } from './commissions-definition';
