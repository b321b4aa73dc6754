import { allow, and, rule } from 'graphql-shield';
import type { GraphQLContext } from '../../platform/graphql/context';
import { hasRole } from '../../platform/graphql/shield-rules';

const STAFF_READ = ['LENDER_ADMIN', 'UNDERWRITER', 'SERVICER', 'COLLECTOR', 'ANALYST', 'AGENT'] as const;
const CREDIT_FILE = ['LENDER_ADMIN', 'UNDERWRITER', 'SERVICER', 'COLLECTOR', 'ANALYST'] as const;

/**
 * Field privacy. The lender's staff read the whole credit file. The applicant (a borrower token) reads
 * its status, stage dates, offer, contract, signature and adverse-action reasons; an agent its
 * referral's status, amount, product, dates and the offer's amount and dates (what its commission is
 * worked out on). Neither reads the decision (checks, facts, score, rules, limits, price, tier),
 * the risk grade, the committee's votes or who on the staff did what. A hidden field answers
 * FORBIDDEN; the nested types behind a hidden field stay `allow`, as the field is their only way in.
 */
const INTERNAL = hasRole(...CREDIT_FILE);
const APPLICANT = hasRole(...CREDIT_FILE, 'BORROWER');

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
  Application: {
    '*': allow,
    riskGrade: INTERNAL,
    score: INTERNAL,
    decision: INTERNAL,
    votes: INTERNAL,
    adverseActionReasons: APPLICANT,
    contract: APPLICANT,
    signature: APPLICANT,
  },
  ApplicationEvent: { '*': allow, actorId: INTERNAL, note: INTERNAL },
  ApplicationVote: allow,
  AdverseActionReason: allow,
  Decision: allow,
  DecisionReason: allow,
  DecisionCheck: allow,
  // The disclosure is the applicant's; the grade behind the price is the lender's.
  Offer: {
    '*': APPLICANT,
    grade: INTERNAL,
    amount: allow,
    currency: allow,
    termCount: allow,
    frequency: allow,
    disbursementDate: allow,
    validUntil: allow,
    productVersion: allow,
  },
  OfferFee: allow,
  Contract: allow,
  Signature: { '*': allow, signerId: INTERNAL },
  SlaBreach: allow,
  DisbursedLoan: allow,
  DecisionSimulation: allow,
};
