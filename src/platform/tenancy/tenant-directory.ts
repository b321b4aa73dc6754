import { notFound } from '../../core/domain-error';
import { queryPrepared } from '../db/prepared';
import { todayIn } from './business-date';
import type { RequestContext } from './request-context';

/** What every module reads of a lender: who it is, its currency, time zone, locale, rounding and settings. */
export interface TenantProfile {
  id: string;
  slug: string;
  name: string;
  legalName: string;
  country: string;
  jurisdiction: string;
  baseCurrency: string;
  timezone: string;
  locale: string;
  status: 'ACTIVE' | 'SUSPENDED';
  roundingDecimals: number;
  roundingMode: 'HALF_EVEN' | 'HALF_UP' | 'DOWN' | 'UP';
  settings: Record<string, unknown>;
}

const PROFILE = `SELECT id, slug, name, legal_name AS "legalName", country, jurisdiction, base_currency AS "baseCurrency", timezone, locale, status,
  rounding_decimals AS "roundingDecimals", rounding_mode AS "roundingMode", settings FROM tenants`;
const CURRENT = Symbol('tenant profiles of this transaction');

/**
 * The tenant directory: the caller's own lender (read once per transaction), a lender by slug for
 * the operator, and the lender's business date. Modules read tenants here; the tenancy module
 * creates and changes them (and tells the directory, so a change within a request is what the rest
 * of the request reads).
 */
export class TenantDirectory {
  async current(ctx: RequestContext): Promise<TenantProfile> {
    const cache = this.cache(ctx);
    const cached = cache.get(ctx.tenant);
    if (cached) return cached;
    const [tenant] = await queryPrepared<TenantProfile>(await ctx.db(), `${PROFILE} WHERE id = $1`, [ctx.tenant]);
    if (!tenant) throw notFound('Tenant', ctx.tenant);
    cache.set(ctx.tenant, tenant);
    return tenant;
  }

  async bySlugOrThrow(ctx: RequestContext, slug: string): Promise<TenantProfile> {
    const [tenant] = await queryPrepared<TenantProfile>(await ctx.db(), `${PROFILE} WHERE slug = $1`, [slug]);
    if (!tenant) throw notFound('Tenant', slug);
    return tenant;
  }

  /** Every lender (or those of one status), by slug: for the operator's platform-wide jobs and reports. */
  async list(ctx: RequestContext, status?: TenantProfile['status']): Promise<TenantProfile[]> {
    return status
      ? queryPrepared<TenantProfile>(await ctx.db(), `${PROFILE} WHERE status = $1 ORDER BY slug`, [status])
      : queryPrepared<TenantProfile>(await ctx.db(), `${PROFILE} ORDER BY slug`, []);
  }

  /** The caller's business date: today in its lender's time zone. */
  async today(ctx: RequestContext): Promise<string> {
    return todayIn((await this.current(ctx)).timezone);
  }

  /** A lender as just written in this transaction, so the rest of it reads the change. */
  remember(ctx: RequestContext, tenant: TenantProfile): void {
    this.cache(ctx).set(tenant.id, tenant);
  }

  private cache(ctx: RequestContext): Map<string, TenantProfile> {
    return ctx.transactionState(CURRENT, () => new Map<string, TenantProfile>());
  }
}
