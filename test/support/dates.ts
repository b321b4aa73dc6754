import { todayIn } from '../../src/platform/tenancy/business-date';

/**
 * The time zone test-app.ts gives every test tenant. TEST_TIME_ZONE=Pacific/Pago_Pago (UTC-11) puts the
 * tenants' date behind UTC's for most of the day, which is how a spec that reads UTC's date is caught.
 */
export const TEST_TIME_ZONE = process.env.TEST_TIME_ZONE ?? 'Africa/Nairobi';

/**
 * Today in the test tenant's time zone: the date the platform books a loan, a repayment or a close of
 * business on. From 21:00 to 24:00 UTC it is already tomorrow in Nairobi, so UTC's date is the wrong one.
 */
export const tenantToday = (): string => todayIn(TEST_TIME_ZONE);
