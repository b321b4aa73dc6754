/** The approvals module's public face: what other modules may import from it (see .dependency-cruiser.cjs). */
export { approvalPoliciesSchema } from './approval-definition';
export type { ApprovalService } from './approval.service';
export { guarded } from './guarded-operation';
export type { Measure } from './guarded-operation';
