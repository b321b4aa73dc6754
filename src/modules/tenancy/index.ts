/** The tenancy module's public face: what other modules may import from it (see .dependency-cruiser.cjs). */
export { RoundingModeEnum, TenantType } from './dto/tenant.type';
export { localeSchema, tenantDefinitionSchema, timeZoneSchema } from './tenant-definition';
export type { TenantDefinition } from './tenant-definition';
export { TenantEntity } from './tenant.entity';
export { zodToBadInput } from './tenant.errors';
export { toTenantType } from './tenant.mapper';
export type { ApplyOutcome, TenantService } from './tenant.service';
