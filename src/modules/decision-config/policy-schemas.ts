import { z } from 'zod';
import { APPLICATION_STATUSES } from '../../core/lifecycle';
import type { PolicyKind } from './default-policies';

const amount = z.string().regex(/^(0|[1-9]\d{0,13})(\.\d{1,4})?$/, 'an amount such as "50000"');
const fraction = z.string().regex(/^(0(\.\d{1,6})?|1(\.0{1,6})?)$/, 'a fraction from 0 to 1');

export const approvalTierSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{2,40}$/, 'lower-case id'),
    name: z.string().min(1).max(100),
    priority: z.number().int().min(0).max(1000),
    minAmount: amount.nullish(),
    maxAmount: amount.nullish(),
    grades: z.array(z.string()).nullish(),
    productCodes: z.array(z.string()).nullish(),
    mode: z.enum(['AUTO', 'SINGLE', 'COMMITTEE']),
    group: z.string().min(1).max(60).nullish(),
    quorum: z.number().int().min(1).max(20).nullish(),
    deadlineHours: z.number().int().min(1).max(24 * 90).nullish(),
  })
  .strict()
  .superRefine((t, ctx) => {
    if (t.mode === 'COMMITTEE' && (!t.quorum || t.quorum < 2)) ctx.addIssue({ code: 'custom', path: ['quorum'], message: 'a committee needs a quorum of at least 2' });
    if (t.mode === 'COMMITTEE' && !t.group) ctx.addIssue({ code: 'custom', path: ['group'], message: 'a committee is drawn from a named group' });
    if (t.mode === 'AUTO' && (t.group || t.quorum)) ctx.addIssue({ code: 'custom', path: ['mode'], message: 'AUTO has no approvers' });
  });

export const appetiteLimitSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{2,40}$/, 'lower-case id'),
    dimension: z.enum(['BORROWER', 'INDUSTRY', 'REGION', 'PRODUCT']),
    key: z.string().min(1).nullish(),
    maxAmount: amount.nullish(),
    maxShare: fraction.nullish(),
    action: z.enum(['DECLINE', 'REFER']),
  })
  .strict()
  .refine((l) => l.maxAmount || l.maxShare, 'a limit needs maxAmount or maxShare');

/** Each policy document's schema; refusals name the path inside it. */
export const POLICY_SCHEMAS: Record<PolicyKind, z.ZodTypeAny> = {
  APPROVAL_TIERS: z.array(approvalTierSchema).refine((t) => new Set(t.map((x) => x.id)).size === t.length, 'each tier id once'),
  RISK_APPETITE: z.array(appetiteLimitSchema).refine((l) => new Set(l.map((x) => x.id)).size === l.length, 'each limit id once'),
  STAGE_TIME_LIMITS: z.partialRecord(z.enum(APPLICATION_STATUSES as unknown as [string, ...string[]]), z.number().positive().max(24 * 365)),
  FRAUD: z.object({ velocityLimit: z.number().int().min(1).max(100), velocityWindowDays: z.number().int().min(1).max(365), sanctionsThreshold: fraction }).strict(),
  OFFERS: z.object({ validityDays: z.number().int().min(1).max(90), lossGivenDefault: fraction }).strict(),
  CONTRACT_TEMPLATE: z.object({ version: z.string().min(1).max(40), body: z.string().min(20).max(50_000) }).strict(),
};
