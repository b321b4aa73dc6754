import { z } from 'zod';
import { APR_CONVENTIONS } from '../../core/loan-math';
import { isCalendarDate } from '../../platform/graphql/scalars';

const rate = z.string().regex(/^(0|[1-9]\d?)(\.\d{1,8})?$/, 'a fraction with at most 8 decimals, e.g. "0.0300"').refine((v) => Number(v.split('.')[0]) < 10 || v === '10', 'at most 10');
const date = z.string().refine(isCalendarDate, 'a date YYYY-MM-DD');

export const referenceRateSchema = z
  .object({ name: z.string().regex(/^[A-Z][A-Z0-9_]{1,39}$/, 'upper-case letters, digits and _'), effectiveFrom: date, rate })
  .strict();
export type ReferenceRateDefinition = z.infer<typeof referenceRateSchema>;

/** A cap rule, as GraphQL input or a `rateCaps` entry of `tenants/<slug>.yaml`. */
export const rateCapRuleSchema = z
  .object({
    jurisdiction: z.string().regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'a country code, optionally with a subdivision'),
    effectiveFrom: date,
    kind: z.enum(['FIXED', 'MULTIPLE_OF_REFERENCE']),
    rate: rate.nullish(),
    referenceName: z.string().nullish(),
    multiple: z.string().regex(/^\d{1,3}(\.\d{1,4})?$/, 'a multiple such as "4"').nullish(),
    aprConvention: z.enum(APR_CONVENTIONS as [string, ...string[]]).default('US_REG_Z_ACTUARIAL'),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.kind === 'FIXED' && !r.rate) ctx.addIssue({ code: 'custom', path: ['rate'], message: 'a FIXED cap needs rate' });
    if (r.kind === 'FIXED' && (r.referenceName || r.multiple)) ctx.addIssue({ code: 'custom', path: ['kind'], message: 'a FIXED cap has no reference or multiple' });
    if (r.kind === 'MULTIPLE_OF_REFERENCE' && !r.referenceName) ctx.addIssue({ code: 'custom', path: ['referenceName'], message: 'needs referenceName' });
    if (r.kind === 'MULTIPLE_OF_REFERENCE' && !r.multiple) ctx.addIssue({ code: 'custom', path: ['multiple'], message: 'needs multiple' });
    if (r.kind === 'MULTIPLE_OF_REFERENCE' && r.rate) ctx.addIssue({ code: 'custom', path: ['rate'], message: 'a multiple-of-reference cap has no fixed rate' });
  });
export type RateCapRuleDefinition = z.infer<typeof rateCapRuleSchema> & { aprConvention: (typeof APR_CONVENTIONS)[number] };
