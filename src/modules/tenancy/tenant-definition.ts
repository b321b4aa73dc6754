import { z } from 'zod';

const IANA_ZONES = new Set(Intl.supportedValuesOf('timeZone'));
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** An IANA time zone (a lender's, a borrower's). */
export const timeZoneSchema = z.string().refine((tz) => IANA_ZONES.has(tz) || tz === 'UTC', 'an IANA time zone such as Asia/Shanghai');
/** A BCP 47 locale (zh-CN, en-KE). */
export const localeSchema = z.string().regex(/^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?$/, 'a BCP 47 locale such as zh-CN');

export const roundingSchema = z.object({
  decimals: z.number().int().min(0).max(6),
  mode: z.enum(['HALF_EVEN', 'HALF_UP', 'DOWN', 'UP']),
});

/** Per-tenant settings that are not modelled elsewhere; later modules add their own sections. */
export const tenantSettingsSchema = z
  .object({
    supportEmail: z.string().email().optional(),
    supportPhone: z.string().min(3).max(32).optional(),
    website: z.string().url().optional(),
    apiKeyMaxTtlDays: z.number().int().positive().max(3650).optional(),
    auditRetentionYears: z.number().int().min(1).max(50).optional(),
  })
  .strict();

/**
 * What defines a tenant, shared by the GraphQL input and `tenants/<slug>.yaml`, so both refuse the
 * same things with the same field paths.
 */
export const tenantDefinitionSchema = z
  .object({
    slug: z.string().regex(/^[a-z][a-z0-9-]{1,38}[a-z0-9]$/, 'lowercase letters, digits and dashes, 3-40 characters').refine((s) => s !== 'platform', 'is reserved'),
    name: z.string().min(1).max(200),
    legalName: z.string().min(1).max(300),
    country: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code such as CN or KE'),
    jurisdiction: z.string().regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'a country code, optionally with a subdivision (US-CA)'),
    baseCurrency: z.string().refine((c) => CURRENCIES.has(c), 'an ISO 4217 currency code such as CNY'),
    timezone: timeZoneSchema,
    locale: localeSchema,
    status: z.enum(['ACTIVE', 'SUSPENDED']).default('ACTIVE'),
    rounding: roundingSchema,
    settings: tenantSettingsSchema.default({}),
  })
  .strict()
  .superRefine((t, issue) => {
    const minor = new Intl.NumberFormat('en', { style: 'currency', currency: t.baseCurrency }).resolvedOptions().maximumFractionDigits ?? 2;
    if (t.rounding.decimals > minor) {
      issue.addIssue({ code: 'custom', path: ['rounding', 'decimals'], message: `${t.baseCurrency} has ${minor} decimals; rounding cannot keep ${t.rounding.decimals}` });
    }
  });

export type TenantDefinition = z.infer<typeof tenantDefinitionSchema>;
export type TenantSettings = z.infer<typeof tenantSettingsSchema>;
