import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, DecimalScalar } from '../../../platform/graphql/scalars';
import { AGENT_KINDS, AGENT_STATUSES } from '../../../core/agents';
import { ConnectionType } from '../../../platform/graphql/connection';
import { enumOf } from '../../../platform/graphql/core-enums';

export const AgentKindEnum = enumOf(AGENT_KINDS);
registerEnumType(AgentKindEnum, { name: 'AgentKind', description: 'A NETWORK holds BRANCHes, INDIVIDUAL agents and PARTNER_PLATFORMs; a BRANCH holds agents; a COLLECTION_AGENCY works placed collection cases.' });
export const AgentStatusEnum = enumOf(AGENT_STATUSES);
registerEnumType(AgentStatusEnum, { name: 'AgentStatus', description: 'A SUSPENDED or TERMINATED agent’s keys stop at once; TERMINATED is final.' });

@ObjectType('AgentContact')
@InputType('AgentContactInput')
export class AgentContactType {
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) address?: string | null;
  @Field(() => String, { nullable: true, description: 'The person to speak to at a network, branch or agency.' }) person?: string | null;
}

@ObjectType('Agent', { description: 'An agent of the lender: a network, branch, individual agent, partner platform or collection agency.' })
export class AgentType {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true, description: 'The lender’s own code for the agent (tenant files and collection policies name agents by it).' }) code!: string | null;
  @Field(() => AgentKindEnum) kind!: string;
  @Field() name!: string;
  @Field(() => ID, { nullable: true }) parentId!: string | null;
  @Field(() => String, { nullable: true }) region!: string | null;
  @Field(() => AgentContactType) contact!: AgentContactType;
  @Field(() => AgentStatusEnum) status!: string;
  @Field(() => String, { nullable: true, description: 'Why it was suspended or terminated.' }) statusReason!: string | null;
  @Field({ description: 'The code a borrower or front-end quotes to credit this agent with a referral.' }) referralCode!: string;
  @Field(() => String, { nullable: true, description: 'VERIFIED or FAILED: the identity check (verifyAgentIdentity); null: not checked.' }) kycStatus!: string | null;
  @Field(() => Date, { nullable: true }) kycCheckedAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'When the agent signed its agreement (null: not signed, or its text changed since).' }) agreementSignedAt!: Date | null;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
}

export const AgentConnection = ConnectionType(AgentType, 'Agent');

@ObjectType('AgentRiskSignal', { description: 'A fraud signal close of business raised on the agent’s referred business (agent.risk_signal).' })
export class AgentRiskSignalType {
  @Field(() => ID) id!: string;
  @Field({ description: 'FIRST_PAYMENT_DEFAULTS, SHARED_DEVICE, SHARED_PHONE, SHARED_BANK_ACCOUNT, SHARED_REPAYMENT_SOURCE or THRESHOLD_CLUSTER.' }) kind!: string;
  @Field() detail!: string;
  @Field(() => DateScalar) raisedOn!: string;
}

@InputType('CreateAgentInput')
export class CreateAgentInput {
  @Field(() => String, { nullable: true, description: 'The lender’s own code: up to 40 capital letters, digits, _ or -; unique.' }) code?: string | null;
  @Field(() => AgentKindEnum) kind!: string;
  @Field() name!: string;
  @Field(() => ID, { nullable: true, description: 'The network or branch it sits under.' }) parentId?: string | null;
  @Field(() => String, { nullable: true }) region?: string | null;
  @Field(() => AgentContactType, { nullable: true }) contact?: AgentContactType | null;
  @Field(() => String, { nullable: true, description: 'A Stripe connected account id (acct_…) its commissions are paid to.' }) payoutAccount?: string | null;
}

@InputType('UpdateAgentInput')
export class UpdateAgentInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => ID, { nullable: true, description: 'Moves it under another network or branch.' }) parentId?: string | null;
  @Field(() => String, { nullable: true }) region?: string | null;
  @Field(() => AgentContactType, { nullable: true }) contact?: AgentContactType | null;
  @Field(() => String, { nullable: true }) payoutAccount?: string | null;
}

export const PerformanceGroupEnum = { AGENT: 'AGENT', NETWORK: 'NETWORK', REGION: 'REGION' } as const;
registerEnumType(PerformanceGroupEnum, { name: 'PerformanceGroup', description: 'AGENT; NETWORK: the top of each hierarchy with everyone under it; REGION: the agents’ region.' });

@ObjectType('AgentPerformanceRow')
export class AgentPerformanceRowType {
  @Field({ description: 'The agent or network id, or the region.' }) key!: string;
  @Field() name!: string;
  @Field(() => Int) leads!: number;
  @Field(() => Int) applications!: number;
  @Field(() => Int, { description: 'Applications approved or declined.' }) decided!: number;
  @Field(() => Int) approved!: number;
  @Field(() => DecimalScalar, { nullable: true, description: 'approved / decided.' }) approvalRate!: string | null;
  @Field(() => Int) disbursedCount!: number;
  @Field(() => DecimalScalar) disbursedAmount!: string;
  @Field(() => DecimalScalar, { nullable: true, description: 'Median hours from application to disbursement.' }) medianHoursToDisburse!: string | null;
  @Field(() => DecimalScalar, { description: 'Principal outstanding of the referred book now.' }) outstanding!: string;
  @Field(() => DecimalScalar, { nullable: true, description: 'Principal outstanding more than 30 days past due, over principal outstanding.' }) par30!: string | null;
  @Field(() => Int) firstPaymentDefaults!: number;
  @Field(() => DecimalScalar, { nullable: true, description: 'Loans disbursed in the period that reached 30 days past due within 90 days, over loans disbursed.' }) firstPaymentDefaultRate!: string | null;
  @Field(() => DecimalScalar, { description: 'Commissions (net of clawbacks) on the loans disbursed in the period.' }) commissionCost!: string;
  @Field(() => DecimalScalar, { nullable: true, description: 'commissionCost / disbursedAmount.' }) commissionCostPerUnit!: string | null;
}

@ObjectType('AgentPerformance')
export class AgentPerformanceType {
  @Field(() => DateScalar) from!: string;
  @Field(() => DateScalar) to!: string;
  @Field(() => PerformanceGroupEnum) groupBy!: string;
  @Field(() => [AgentPerformanceRowType]) rows!: AgentPerformanceRowType[];
  @Field(() => AgentPerformanceRowType, { description: 'The same figures over the tenant’s whole book, referred or not.' }) tenant!: AgentPerformanceRowType;
}

@InputType('AgentIdentityInput')
export class AgentIdentityInput {
  @Field() fullName!: string;
  @Field({ description: 'Kept only as a blind index and its last four characters.' }) nationalId!: string;
  @Field(() => DateScalar, { nullable: true }) dateOfBirth?: string | null;
}

@ObjectType('AgentAgreement')
export class AgentAgreementType {
  @Field(() => ID) agentId!: string;
  @Field() text!: string;
  @Field({ description: 'SHA-256 of the text: what signAgentAgreement must name.' }) sha256!: string;
  @Field({ description: 'Signed, and this very text.' }) signed!: boolean;
  @Field(() => String, { nullable: true }) signerName!: string | null;
  @Field(() => Date, { nullable: true }) signedAt!: Date | null;
}
