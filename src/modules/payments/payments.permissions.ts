import { allow } from 'graphql-shield';
import { hasRole } from '../../platform/graphql/shield-rules';

export const paymentsPermissions = {
  Query: {
    paymentSettings: hasRole('LENDER_ADMIN', 'SERVICER'),
    payments: hasRole('LENDER_ADMIN', 'SERVICER', 'COLLECTOR', 'ANALYST'),
  },
  Mutation: {
    setStripeCredentials: hasRole('LENDER_ADMIN'),
    // A borrower token may start a payment on its own loan (the service scopes the loan to it).
    createRepaymentIntent: hasRole('LENDER_ADMIN', 'SERVICER', 'COLLECTOR', 'BORROWER'),
    refundOverpayment: hasRole('LENDER_ADMIN', 'SERVICER'),
    setAutoDebit: hasRole('LENDER_ADMIN', 'SERVICER'),
    cancelAutoDebit: hasRole('LENDER_ADMIN', 'SERVICER', 'COLLECTOR'),
    runAutoDebit: hasRole('LENDER_ADMIN'),
    setAgentPayoutAccount: hasRole('LENDER_ADMIN'),
    setBorrowerPayoutAccount: hasRole('LENDER_ADMIN', 'SERVICER'),
    payAgentCommission: hasRole('LENDER_ADMIN'),
    retryPayout: hasRole('LENDER_ADMIN'),
  },
  PaymentSettings: allow,
  RetryPolicy: allow,
  Payment: allow,
  RepaymentIntent: allow,
  AutoDebit: allow,
  AutoDebitRun: allow,
  PayoutAccount: allow,
};
