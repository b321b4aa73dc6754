/** Every role a caller can hold. PLATFORM_ADMIN is the operator: it manages tenants and sees no borrower data. */
export const ROLES = [
  'PLATFORM_ADMIN',
  'LENDER_ADMIN',
  'UNDERWRITER',
  'SERVICER',
  'COLLECTOR',
  'ANALYST',
  'AGENT',
  'APP',
  'BORROWER',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles a tenant's API key may carry (borrowers get tokens, the operator gets platform keys). */
export const API_KEY_ROLES: readonly Role[] = ['LENDER_ADMIN', 'UNDERWRITER', 'SERVICER', 'COLLECTOR', 'ANALYST', 'AGENT', 'APP'];
/** Roles a staff user of a tenant may hold. Agents act through their agent's API keys (createApiKey(role: AGENT, agentId)). */
export const STAFF_ROLES: readonly Role[] = ['LENDER_ADMIN', 'UNDERWRITER', 'SERVICER', 'COLLECTOR', 'ANALYST'];

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);
