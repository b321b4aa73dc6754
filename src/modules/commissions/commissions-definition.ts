import { z } from 'zod';
import { AGENT_KINDS, COMMISSION_BASES, COMMISSION_TRIGGERS, type CommissionPlanDefinition, TIER_MEASURES, TIER_MODES } from '../../core/agents';

const decimal = z.string().regex(/^\d+(\.\d+)?$/, 'a decimal number');

/** A commission plan as a tenant file's `commissions:` entry or the API gives it (see core commissionPlanProblems). */
export const commissionPlanSchema = z.object({
  code: z.string().min(1).max(40),
  name: z.string().min(1).max(200),
  productCodes: z.array(z.string().min(1)).default([]),
  agentKinds: z.array(z.enum(AGENT_KINDS)).default([]),
  rules: z.array(z.object({
    trigger: z.enum(COMMISSION_TRIGGERS),
    basis: z.enum(COMMISSION_BASES),
    amount: decimal.optional(),
    rate: decimal.optional(),
    tierBy: z.enum(TIER_MEASURES).optional(),
    tierMode: z.enum(TIER_MODES).optional(),
    tiers: z.array(z.object({ above: decimal, rate: decimal }).strict()).optional(),
  }).strict()).min(1),
  capPerLoan: decimal.optional(),
  capPerMonth: decimal.optional(),
  clawback: z.object({ dpd: z.number().int(), withinDays: z.number().int(), writeOffWithinDays: z.number().int().optional() }).strict().optional(),
  holdback: z.object({ share: decimal, releaseAfterDays: z.number().int() }).strict().optional(),
  networkOverride: z.object({ share: decimal }).strict().optional(),
}).strict();

export const asPlan = (parsed: z.infer<typeof commissionPlanSchema>): CommissionPlanDefinition => parsed;
