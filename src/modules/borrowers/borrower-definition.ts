import { z } from 'zod';
import { localeSchema, timeZoneSchema } from '../tenancy';
import { isCalendarDate } from '../../platform/graphql/scalars';

const money = z.string().regex(/^(0|[1-9]\d{0,13})(\.\d{1,4})?$/, 'a non-negative amount such as "8500.00"');

/** What a lender records about a borrower; shared by the create and update mutations. */
export const borrowerSchema = z
  .object({
    kind: z.enum(['INDIVIDUAL', 'SOLE_PROPRIETOR', 'SMALL_FIRM']).default('INDIVIDUAL'),
    segment: z.enum(['CONSUMER', 'SOLE_PROPRIETOR', 'SMALL_BUSINESS', 'AGRICULTURE']),
    fullName: z.string().trim().min(1).max(200),
    nationalId: z.string().trim().regex(/^[A-Za-z0-9 -]{5,40}$/, 'letters and digits, 5-40 characters'),
    dateOfBirth: z.string().refine(isCalendarDate, 'a date YYYY-MM-DD').nullish(),
    phone: z.string().trim().regex(/^\+?[0-9 ()-]{6,20}$/, 'a phone number such as +254 700 000000').nullish(),
    email: z.string().email().nullish(),
    region: z.string().trim().min(1).max(100).nullish(),
    /** The borrower's IANA time zone: collection conduct rules (quiet hours) are read on it. */
    timeZone: timeZoneSchema.nullish(),
    /** The language messages to the borrower are written in (zh-CN, en-KE …). */
    locale: localeSchema.nullish(),
    address: z.object({ line1: z.string().max(200).nullish(), city: z.string().max(100).nullish(), province: z.string().max(100).nullish(), postalCode: z.string().max(20).nullish() }).nullish(),
    industry: z.string().trim().min(1).max(100).nullish(),
    monthlyIncome: money.nullish(),
    monthlyObligations: money.nullish(),
    business: z
      .object({ name: z.string().max(200).nullish(), registrationNumber: z.string().max(60).nullish(), yearsInBusiness: z.number().int().min(0).max(200).nullish(), monthlyRevenue: money.nullish(), employees: z.number().int().min(0).nullish() })
      .nullish(),
    bankAccount: z.string().trim().regex(/^[A-Za-z0-9 -]{4,40}$/, 'an account number').nullish(),
    externalRef: z.string().trim().min(1).max(200).nullish(),
  })
  .strict();
export type BorrowerInputData = z.infer<typeof borrowerSchema>;
