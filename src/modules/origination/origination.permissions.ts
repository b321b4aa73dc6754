import { allow, and, rule } from 'graphql-shield';
import type { GraphQLContext } from '../../platform/graphql/context';
import { hasRole } from '../../platform/graphql/shield-rules';

const STAFF_READ = ['LENDER_ADMIN', 'UNDERWRITER', 'SERVICER', 'COLLECTOR', 'ANALYST', 'AGENT'] as const;

/** A past disbursement date (migrating a book) is for a lender admin only. */
const backdatingByLenderAdmin = rule('disbursedAtByLenderAdmin', { cache: 'strict' })(
  (_parent, args: { disbursedAt?: string | null }, { ctx }: GraphQLContext) => args.disbursedAt == null || ctx.hasRole('LENDER_ADMIN'),
);

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
    disburseLoan: and(hasRole('LENDER_ADMIN', 'SERVICER'), backdatingByLenderAdmin),
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
