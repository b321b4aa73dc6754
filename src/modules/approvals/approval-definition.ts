import { z } from 'zod';
import { AMOUNTLESS_OPERATIONS, APPROVAL_OPERATIONS, APPROVER_ROLES } from '../../core/approvals';
import { Dec } from '../../core/money';

const AMOUNT = /^(0|[1-9]\d{0,13})(\.\d{1,4})?$/;

/**
 * One approval policy, shared by `setApprovalPolicy` and `approvalPolicies:` in tenants/<slug>.yaml,
 * so both refuse the same things with the same field names.
 */
export const approvalPolicySchema = z
  .object({
    operation: z.enum(APPROVAL_OPERATIONS),
    thresholdAmount: z.string().regex(AMOUNT, 'a non-negative decimal string such as "50000.00" (at most 4 decimals)').nullable().default(null),
    approverRoles: z
      .array(z.enum(APPROVER_ROLES))
      .min(1, 'at least one approver role')
      .refine((roles) => new Set(roles).size === roles.length, 'each role once'),
    expiresInHours: z.number().int().min(1).max(24 * 90, 'at most 90 days (2160 hours)').default(72),
  })
  .strict()
  .superRefine((p, issue) => {
    if (AMOUNTLESS_OPERATIONS.includes(p.operation) && p.thresholdAmount !== null && new Dec(p.thresholdAmount).gt(0)) {
      issue.addIssue({ code: 'custom', path: ['thresholdAmount'], message: `${p.operation} has no amount: leave thresholdAmount out (every call needs approval)` });
    }
  });

export const approvalPoliciesSchema = z
  .array(approvalPolicySchema)
  .refine((list) => new Set(list.map((p) => p.operation)).size === list.length, 'each operation once');

export type ApprovalPolicyDefinition = z.infer<typeof approvalPolicySchema>;
