import type { TenantType } from './dto/tenant.type';
import type { TenantEntity } from './tenant.entity';

export function toTenantType(t: TenantEntity): TenantType {
  return {
    id: t.id,
    slug: t.slug,
    name: t.name,
    legalName: t.legalName,
    country: t.country,
    jurisdiction: t.jurisdiction,
    baseCurrency: t.baseCurrency,
    timezone: t.timezone,
    locale: t.locale,
    status: t.status as TenantType['status'],
    rounding: { decimals: t.roundingDecimals, mode: t.roundingMode as TenantType['rounding']['mode'] },
    settings: t.settings,
    version: t.version,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  };
}
