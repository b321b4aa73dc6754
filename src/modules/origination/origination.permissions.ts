import { allow } from 'graphql-shield';
import { hasRole } from '../../platform/graphql/shield-rules';

const STAFF_READ = ['LENDER_ADMIN', 'UNDERWRITER', 'SERVICER', 'COLLECTOR', 'ANALYST', 'AGENT'] as const;

export const originationPermissions = {
  Query: {
    application: hasRole(...STAFF_READ, 'BORROWER'),
    applications: hasRole(...STAFF_READ, 'BORROWER'),
    applicationSlaBreaches: hasRole('LENDER_ADMIN', 'UNDERWRITER', 'ANALYST'),
    simulateDecision: hasRole('LENDER_ADMIN', 'ANALYST'),
  },
  Mutation: {
    submitApplication: hasRole('LENDER_ADMIN', 'UNDERWRITER', 'AGENT', 'BORROWER'),
    voteOnApplication: hasRole('LENDER_ADMIN', 'UNDERWRITER'),
    acceptOffer: hasRole('LENDER_ADMIN', 'UNDERWRITER', 'BORROWER'),
    signContract: hasRole('LENDER_ADMIN', 'UNDERWRITER', 'BORROWER'),
    disburseLoan: hasRole('LENDER_ADMIN', 'SERVICER'),
    withdrawApplication: hasRole('LENDER_ADMIN', 'UNDERWRITER', 'BORROWER'),
  },
  Application: allow,
  ApplicationEvent: allow,
  ApplicationVote: allow,
  Decision: allow,
  DecisionReason: allow,
  DecisionCheck: allow,
  Offer: allow,
  OfferFee: allow,
  Contract: allow,
  Signature: allow,
  SlaBreach: allow,
  DisbursedLoan: allow,
  DecisionSimulation: allow,
};
