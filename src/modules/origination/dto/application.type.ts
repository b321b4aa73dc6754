import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ApplicationStatusEnum } from '../../../platform/graphql/core-enums';
import type { Frequency } from '../../../core/loan-math';
import { ConnectionType } from '../../../platform/graphql/connection';
import { DateScalar, DecimalScalar } from '../../../platform/graphql/scalars';
import { BorrowerInput } from '../../borrowers';
import { CollateralKindEnum, FrequencyEnum } from '../../../platform/graphql/core-enums';
import { ScheduleInstallmentType, UpfrontFeesType } from '../../schedules';

export enum VoteEnum { APPROVE = 'APPROVE', DECLINE = 'DECLINE' }
registerEnumType(VoteEnum, { name: 'Vote' });
export enum ApplicationSourceEnum { STAFF = 'STAFF', BORROWER = 'BORROWER', AGENT = 'AGENT' }
registerEnumType(ApplicationSourceEnum, { name: 'ApplicationSource' });

@InputType('CollateralInput')
export class CollateralInput {
  @Field(() => CollateralKindEnum) kind!: string;
  @Field() description!: string;
  @Field(() => DecimalScalar, { nullable: true, description: 'Pledged assets: the valuation, for loan-to-value.' }) valuation?: string;
  @Field(() => String, { nullable: true }) guarantorName?: string;
  @Field(() => [String], { nullable: true, description: 'SHA-256 of each supporting document.' }) documentHashes?: string[];
}

@InputType('SubmitApplicationInput')
export class SubmitApplicationInput {
  @Field(() => ID, { nullable: true, description: 'An existing borrower (a borrower token applies for itself).' }) borrowerId?: string;
  @Field(() => BorrowerInput, { nullable: true, description: 'Or a new borrower, who consents to the bureau pull by applying.' }) borrower?: BorrowerInput;
  @Field(() => String, { nullable: true }) bureauConsentTextVersion?: string;
  @Field(() => ID) productId!: string;
  @Field(() => DecimalScalar) amount!: string;
  @Field(() => Int) termCount!: number;
  @Field(() => FrequencyEnum, { nullable: true }) frequency?: Frequency;
  @Field(() => String, { nullable: true }) purpose?: string;
  @Field(() => String, { nullable: true, description: 'Device fingerprint from the front-end, for fraud checks.' }) deviceId?: string;
  @Field(() => String, { nullable: true, description: 'Agent submissions: the agent’s reference for the referral.' }) agentRef?: string;
  @Field(() => String, { nullable: true, description: 'An agent’s or a borrower’s referral code (a link’s ?ref=): credits its owner under the lender’s attribution rules, unless a referral of the applicant stands.' }) referralCode?: string;
  @Field(() => [CollateralInput], { nullable: true }) collateral?: CollateralInput[];
}

@ObjectType('DecisionReason')
export class DecisionReasonType {
  @Field() code!: string;
  @Field({ description: 'rule:<id>, limit:<id>, scorecard, pricing or tier:<id>.' }) source!: string;
  @Field() description!: string;
}

@ObjectType('AdverseActionReason', { description: 'A reason a declined applicant is told, in plain words (no thresholds, points or fraud signals).' })
export class AdverseActionReasonType {
  @Field() code!: string;
  @Field() description!: string;
}

@ObjectType('DecisionCheck')
export class DecisionCheckType {
  @Field() kind!: string;
  @Field() provider!: string;
  @Field() outcome!: string;
  @Field() summary!: string;
  @Field(() => GraphQLJSON) detail!: unknown;
}

@ObjectType('Decision', { description: 'Everything the decision used and concluded: checks, facts, score, rules, limits, price, tier.' })
export class DecisionType {
  @Field() outcome!: string;
  @Field(() => [DecisionReasonType], { description: 'Adverse-action reasons for a decline; review reasons for a referral.' }) reasons!: DecisionReasonType[];
  @Field(() => [DecisionCheckType]) checks!: DecisionCheckType[];
  @Field(() => GraphQLJSON, { description: 'The inputs of the scorecard and rules.' }) facts!: unknown;
  @Field(() => GraphQLJSON, { description: 'score, grade, pd, odds, attributes and reason codes.' }) score!: unknown;
  @Field(() => GraphQLJSON, { description: 'Every rule with the facts it read and whether it fired.' }) rules!: unknown;
  @Field(() => GraphQLJSON) appetite!: unknown;
  @Field(() => GraphQLJSON) price!: unknown;
  @Field(() => GraphQLJSON) tier!: unknown;
  @Field(() => GraphQLJSON) configVersions!: unknown;
  @Field() decidedAt!: string;
}

@ObjectType('OfferFee')
export class OfferFeeType {
  @Field() name!: string;
  @Field() kind!: string;
  @Field(() => DecimalScalar, { nullable: true }) amount!: string | null;
  @Field(() => DecimalScalar, { nullable: true }) rate!: string | null;
  @Field(() => String, { nullable: true }) treatment!: string | null;
  @Field(() => Int, { nullable: true }) graceDays!: number | null;
}

@ObjectType('Offer', { description: 'The full disclosure: schedule, every fee, APR and total cost.' })
export class OfferType {
  @Field(() => DecimalScalar) amount!: string;
  @Field() currency!: string;
  @Field(() => Int) termCount!: number;
  @Field(() => FrequencyEnum) frequency!: string;
  @Field() grade!: string;
  @Field(() => DecimalScalar) annualRate!: string;
  @Field(() => DecimalScalar, { description: 'All-in APR, measured as the cap rule measures it.' }) apr!: string;
  @Field() aprConvention!: string;
  @Field(() => DecimalScalar, { nullable: true }) cap!: string | null;
  @Field(() => DecimalScalar) totalInterest!: string;
  @Field(() => DecimalScalar) instalmentFees!: string;
  @Field(() => UpfrontFeesType) upfrontFees!: unknown;
  @Field(() => DecimalScalar, { description: 'Interest and every fee.' }) totalCost!: string;
  @Field(() => DecimalScalar) totalPayable!: string;
  @Field(() => DecimalScalar) netDisbursement!: string;
  @Field(() => [OfferFeeType]) fees!: OfferFeeType[];
  @Field(() => [ScheduleInstallmentType]) schedule!: ScheduleInstallmentType[];
  @Field(() => DateScalar) disbursementDate!: string;
  @Field(() => DateScalar) validUntil!: string;
  @Field(() => Int) productVersion!: number;
}

@ObjectType('Contract')
export class ContractType {
  @Field() text!: string;
  @Field({ description: 'SHA-256 of the text; signContract must name it.' }) sha256!: string;
  @Field() templateVersion!: string;
}

@ObjectType('Signature')
export class SignatureType {
  @Field() signerType!: string;
  @Field(() => String, { nullable: true }) signerId!: string | null;
  @Field() signerName!: string;
  @Field() signedAt!: string;
  @Field(() => String, { nullable: true }) ip!: string | null;
  @Field(() => String, { nullable: true }) userAgent!: string | null;
  @Field() documentHash!: string;
}

@ObjectType('ApplicationVote')
export class ApplicationVoteType {
  @Field(() => ID) id!: string;
  @Field(() => ID) voterId!: string;
  @Field() voterName!: string;
  @Field(() => VoteEnum) vote!: string;
  @Field() comment!: string;
  @Field() at!: Date;
}

@ObjectType('ApplicationEvent', { description: 'A stage change, timestamped.' })
export class ApplicationEventType {
  @Field(() => Int) seq!: number;
  @Field(() => ApplicationStatusEnum, { nullable: true }) fromStatus!: string | null;
  @Field(() => ApplicationStatusEnum) toStatus!: string;
  @Field() at!: Date;
  @Field() actorType!: string;
  @Field(() => String, { nullable: true }) actorId!: string | null;
  @Field(() => String, { nullable: true }) note!: string | null;
}

@ObjectType('Application')
export class ApplicationType {
  @Field(() => ID) id!: string;
  @Field(() => ApplicationStatusEnum) status!: string;
  @Field() statusEnteredAt!: Date;
  @Field(() => ID) borrowerId!: string;
  @Field(() => ID) productId!: string;
  @Field(() => Int) productVersion!: number;
  @Field(() => DecimalScalar) requestedAmount!: string;
  @Field(() => Int) termCount!: number;
  @Field(() => FrequencyEnum) frequency!: string;
  @Field(() => String, { nullable: true }) purpose!: string | null;
  @Field(() => ApplicationSourceEnum) source!: string;
  @Field(() => String, { nullable: true, description: 'The agent credited with the referral: the submitting agent’s, else the agent whose referral stood for the person, else the one whose code was quoted.' }) agentId!: string | null;
  @Field(() => ID, { nullable: true, description: 'The referral (lead) it came from.' }) referralId!: string | null;
  @Field(() => ID, { nullable: true, description: 'The borrower whose own referral code brought the applicant.' }) referrerBorrowerId!: string | null;
  @Field(() => String, { nullable: true, description: 'The agent’s own reference for the referral, as submitted.' }) agentRef!: string | null;
  @Field(() => String, { nullable: true }) riskGrade!: string | null;
  @Field(() => Int, { nullable: true }) score!: number | null;
  @Field(() => DecisionType, { nullable: true, description: 'The credit team’s view; the applicant reads adverseActionReasons.' }) decision!: DecisionType | null;
  @Field(() => [AdverseActionReasonType], { description: 'A declined application’s adverse-action notice; empty otherwise.' }) adverseActionReasons!: AdverseActionReasonType[];
  @Field(() => OfferType, { nullable: true }) offer!: OfferType | null;
  @Field(() => ContractType, { nullable: true }) contract!: ContractType | null;
  @Field(() => SignatureType, { nullable: true }) signature!: SignatureType | null;
  @Field(() => ID, { nullable: true }) loanId!: string | null;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
}
export const ApplicationConnection = ConnectionType(ApplicationType, 'Application');

@ObjectType('SlaBreach')
export class SlaBreachType {
  @Field(() => ApplicationType) application!: ApplicationType;
  @Field(() => ApplicationStatusEnum) stage!: string;
  @Field() limitHours!: number;
  @Field(() => Int) overdueMinutes!: number;
}

@ObjectType('DisbursedLoan')
export class DisbursedLoanType {
  @Field(() => ID) id!: string;
  @Field(() => ID) applicationId!: string;
  @Field(() => DecimalScalar) principal!: string;
  @Field(() => DecimalScalar) netDisbursed!: string;
  @Field() currency!: string;
  @Field(() => DecimalScalar) annualRate!: string;
  @Field(() => DecimalScalar) apr!: string;
  @Field() status!: string;
  @Field() disbursedAt!: Date;
  @Field() disbursementRef!: string;
  @Field(() => [ScheduleInstallmentType]) schedule!: unknown[];
}

@ObjectType('DecisionSimulation')
export class DecisionSimulationType {
  @Field(() => Int) applications!: number;
  @Field(() => GraphQLJSON, { description: 'approved, referred, declined, approvalRate, expectedLoss, grades under the active versions.' }) current!: unknown;
  @Field(() => GraphQLJSON, { description: 'The same under the draft versions.' }) draft!: unknown;
  @Field(() => GraphQLJSON, { description: 'Applications whose outcome or grade would change.' }) changed!: unknown;
}
