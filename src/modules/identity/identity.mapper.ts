import { Dec } from '../../core/money';
import { visiblePrefix } from '../../platform/auth/api-key-format';
import type { ApiKeyEntity } from './api-key.entity';
import type { ApiKeyType, RoleEnum, StaffUserStatusEnum, StaffUserType } from './dto/identity.type';
import type { StaffUserEntity } from './staff-user.entity';

export function toApiKeyType(k: ApiKeyEntity, tenantSlug: string, now = Date.now()): ApiKeyType {
  return {
    id: k.id,
    name: k.name,
    prefix: visiblePrefix(tenantSlug, k.prefix),
    role: k.role as RoleEnum,
    createdAt: k.createdAt,
    expiresAt: k.expiresAt,
    revokedAt: k.revokedAt,
    lastUsedAt: k.lastUsedAt,
    active: !k.revokedAt && (!k.expiresAt || k.expiresAt.getTime() > now),
    agentId: k.agentId,
  };
}

export function toStaffUserType(u: StaffUserEntity): StaffUserType {
  return {
    id: u.id,
    email: u.email,
    fullName: u.fullName,
    roles: u.roles as RoleEnum[],
    status: u.status as StaffUserStatusEnum,
    lastLoginAt: u.lastLoginAt,
    waiverLimit: u.waiverLimit === null || u.waiverLimit === undefined ? null : new Dec(u.waiverLimit).toFixed(),
    createdAt: u.createdAt,
  };
}
