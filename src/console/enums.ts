import type { ApplicationStatus, CollectionChannel, ContactDirection, ContactOutcome, ContactParty, LoanStatus, PaymentMethod, Role, WaiverKind } from './gql/graphql';

/**
 * The schema's enum values the console offers in its pickers. The generated types are string unions
 * (codegen's enumsAsTypes), so each list is checked value by value against the schema.
 */
export const APPLICATION_STATUSES: ApplicationStatus[] = ['SUBMITTED', 'CHECKING', 'REFERRED', 'APPROVED', 'OFFERED', 'ACCEPTED', 'CONTRACT_SIGNED', 'DISBURSED', 'DECLINED', 'WITHDRAWN', 'EXPIRED', 'DRAFT'];
export const LOAN_STATUSES: LoanStatus[] = ['ACTIVE', 'CLOSED', 'RESTRUCTURED', 'WRITTEN_OFF'];
/** Methods a person records by hand; STRIPE repayments arrive from Stripe itself. */
export const MANUAL_PAYMENT_METHODS: PaymentMethod[] = ['CASH', 'MOBILE_MONEY', 'BANK_TRANSFER', 'DIRECT_DEBIT', 'CARD', 'OTHER'];
export const WAIVER_KINDS: WaiverKind[] = ['PENALTY', 'FEE', 'INTEREST'];
/** Channels a collector uses in person; AGENCY_PLACEMENT and PUSH are the platform's own. */
export const HUMAN_CHANNELS: CollectionChannel[] = ['CALL', 'SMS', 'EMAIL', 'FIELD_VISIT', 'LETTER'];
export const CONTACT_DIRECTIONS: ContactDirection[] = ['OUTBOUND', 'INBOUND'];
export const CONTACT_PARTIES: ContactParty[] = ['BORROWER', 'GUARANTOR', 'REFERENCE', 'OTHER'];
export const CONTACT_OUTCOMES: ContactOutcome[] = ['PROMISE', 'NO_ANSWER', 'REFUSED', 'DISPUTE', 'HARDSHIP', 'PAID', 'WRONG_NUMBER', 'SENT'];
/** Roles a lender gives its own staff and keys (PLATFORM_ADMIN is the operator's; BORROWER comes from a token). */
export const ASSIGNABLE_ROLES: Role[] = ['LENDER_ADMIN', 'UNDERWRITER', 'SERVICER', 'COLLECTOR', 'ANALYST', 'AGENT', 'APP'];
/** Roles a staff member (a person signing in to the console) may hold. */
export const STAFF_ROLES: Role[] = ['LENDER_ADMIN', 'UNDERWRITER', 'SERVICER', 'COLLECTOR', 'ANALYST'];
