import { z } from 'zod';
import { COLLECTION_CHANNELS, type CollectionPolicyDefinition, type ConductRules, DEFAULT_CONDUCT } from '../../core/collections';

const decimal = z.string().regex(/^\d+(\.\d+)?$/, 'a decimal number');

/** A collection policy as a tenant file or the API gives it (see core policyProblems for its rules). */
export const collectionPolicySchema = z.object({
  code: z.string().min(1).max(40),
  name: z.string().min(1).max(200),
  productCodes: z.array(z.string().min(1)).default([]),
  segments: z.array(z.string().min(1)).default([]),
  hardshipPauseDays: z.number().int().default(30),
  stages: z.array(z.object({
    name: z.string().min(1).max(60),
    minDpd: z.number().int(),
    maxDpd: z.number().int().nullable().default(null),
    team: z.string().min(1).max(60).default('COLLECTOR'),
    firstContactHours: z.number().int().min(0).default(24),
    maxDiscount: decimal.default('0'),
    weight: decimal.default('1'),
    escalateTo: z.string().max(60).nullable().default(null),
    actions: z.array(z.object({
      channel: z.enum(COLLECTION_CHANNELS),
      everyDays: z.number().int().default(0),
      templates: z.record(z.string().min(2).max(20), z.string().max(1000)).nullable().default(null),
      agencyCode: z.string().max(40).optional(),
      placementDays: z.number().int().optional(),
      commissionRate: decimal.optional(),
    }).strict()).default([]),
  }).strict()).min(1),
}).strict();

export const conductSchema = z.object({
  quietHours: z.object({ start: z.string(), end: z.string() }).strict().nullable().default(DEFAULT_CONDUCT.quietHours),
  maxContactsPerDay: z.number().int().nullable().default(DEFAULT_CONDUCT.maxContactsPerDay),
  maxContactsPerWeek: z.number().int().nullable().default(DEFAULT_CONDUCT.maxContactsPerWeek),
  perChannel: z.partialRecord(z.enum(COLLECTION_CHANNELS), z.object({ perDay: z.number().int().nullable().default(null), perWeek: z.number().int().nullable().default(null) }).strict()).default({}),
  allowedChannelsByStage: z.record(z.string(), z.array(z.enum(COLLECTION_CHANNELS))).default({}),
  coolingOffDays: z.number().int().default(DEFAULT_CONDUCT.coolingOffDays),
  forbiddenWords: z.array(z.string().min(1).max(60)).default([]),
  /** Where collection messages go: kept by the platform (SANDBOX) or sent through the lender's gateway as a webhook event (WEBHOOK). */
  messageProvider: z.enum(['SANDBOX', 'WEBHOOK']).default('SANDBOX'),
  /** Hours to answer a complaint, by category (OTHER for the rest). */
  complaintDeadlines: z.record(z.string().regex(/^[A-Z_]{2,40}$/), z.number().int().positive().max(24 * 90)).default({}),
}).strict();

export type ConductDefinition = ConductRules & { complaintDeadlines: Record<string, number>; messageProvider: 'SANDBOX' | 'WEBHOOK' };

/** Response deadlines by complaint category when the lender sets none (hours). */
export const DEFAULT_COMPLAINT_DEADLINES: Record<string, number> = { COLLECTIONS: 48, BILLING: 120, SERVICE: 120, FRAUD: 24, OTHER: 240 };

export function asPolicy(parsed: z.infer<typeof collectionPolicySchema>): CollectionPolicyDefinition {
  return { ...parsed, stages: parsed.stages.map((s) => ({ ...s, actions: s.actions.map((a) => ({ ...a, templates: a.templates ?? null })) })) };
}
