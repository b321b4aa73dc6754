import type { Role } from '../tenancy/roles';

/** Everyone who works for a lender (people and their back-office keys). */
export const TENANT_STAFF: Role[] = ['LENDER_ADMIN', 'UNDERWRITER', 'SERVICER', 'COLLECTOR', 'ANALYST', 'AGENT'];
/** Every tenant-side caller, including front-ends and borrowers. */
export const TENANT_ANY: Role[] = [...TENANT_STAFF, 'APP', 'BORROWER'];
