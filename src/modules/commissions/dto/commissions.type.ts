import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { COMMISSION_BASES, COMMISSION_TRIGGERS, TIER_MEASURES, TIER_MODES } from '../../../core/agents';
import { ConnectionType } from '../../../platform/graphql/connection';
import { enumOf } from '../../../platform/graphql/core-enums';
import { DateScalar, DecimalScalar } from '../../../platform/graphql/scalars';
import { AgentKindEnum } from '../../agents';

export const CommissionTriggerEnum = enumOf(COMMISSION_TRIGGERS);
registerEnumType(CommissionTriggerEnum, { name: 'CommissionTrigger', description: 'What earns a commission: the loan disbursed, its first repayment, each repayment, the loan closed.' });
export const CommissionBasisEnum = enumOf(COMMISSION_BASES);
registerEnumType(CommissionBasisEnum, { name: 'CommissionBasis', description: 'FLAT: an amount; PRINCIPAL: a share of the loan’s principal; INTEREST_COLLECTED: a share of the interest paid (by the repayment, or by the loan at closing).' });
export const TierMeasureEnum = enumOf(TIER_MEASURES);
registerEnumType(TierMeasureEnum, { name: 'TierMeasure', description: 'What tiers count over the agent’s month: loans disbursed (COUNT) or their principal (VOLUME).' });
export const TierModeEnum = enumOf(TIER_MODES);
registerEnumType(TierModeEnum, { name: 'TierMode', description: 'MARGINAL: each loan takes the tier its own place in the agent’s month reaches; WHOLE: every loan of the month takes the tier the whole month reaches (trued up when the month closes).' });
export const CommissionKindEnum = { EARNED: 'EARNED', OVERRIDE: 'OVERRIDE', CLAWBACK: 'CLAWBACK', RELEASE: 'RELEASE', ADJUSTMENT: 'ADJUSTMENT' } as const;
registerEnumType(CommissionKindEnum, { name: 'CommissionKind', description: 'EARNED by the agent; OVERRIDE: its parent’s share; CLAWBACK: one reversed; RELEASE: a held share made payable; ADJUSTMENT: a whole-tier true-up when the month closes.' });

@ObjectType('CommissionTier')
@InputType('CommissionTierInput')
export class CommissionTierType {
  @Field(() => DecimalScalar, { description: 'From above this many loans (COUNT) or this much principal (VOLUME) in the agent’s month.' }) above!: string;
  @Field(() => DecimalScalar) rate!: string;
}

@ObjectType('CommissionRule')
export class CommissionRuleType {
  @Field(() => CommissionTriggerEnum) trigger!: string;
  @Field(() => CommissionBasisEnum) basis!: string;
  @Field(() => DecimalScalar, { nullable: true }) amount!: string | null;
  @Field(() => DecimalScalar, { nullable: true }) rate!: string | null;
  @Field(() => TierMeasureEnum, { nullable: true }) tierBy!: string | null;
  @Field(() => TierModeEnum, { description: 'MARGINAL unless the plan says WHOLE.' }) tierMode!: string;
  @Field(() => [CommissionTierType]) tiers!: CommissionTierType[];
}

@InputType('CommissionRuleInput')
export class CommissionRuleInput {
  @Field(() => CommissionTriggerEnum) trigger!: string;
  @Field(() => CommissionBasisEnum) basis!: string;
  @Field(() => DecimalScalar, { nullable: true, description: 'FLAT: the amount.' }) amount?: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'PRINCIPAL, INTEREST_COLLECTED: the share below the first tier.' }) rate?: string | null;
  @Field(() => TierMeasureEnum, { nullable: true }) tierBy?: string | null;
  @Field(() => TierModeEnum, { nullable: true, description: 'MARGINAL (default) or WHOLE.' }) tierMode?: string | null;
  @Field(() => [CommissionTierType], { nullable: true }) tiers?: CommissionTierType[] | null;
}

@ObjectType('CommissionClawback')
@InputType('CommissionClawbackInput')
export class CommissionClawbackType {
  @Field(() => Int, { description: 'Days past due that count as a first-payment default…' }) dpd!: number;
  @Field(() => Int, { description: '…when reached within this many days of disbursement.' }) withinDays!: number;
  @Field(() => Int, { nullable: true, description: 'A write-off within this many days of disbursement claws back too.' }) writeOffWithinDays?: number | null;
}

@ObjectType('CommissionHoldback')
@InputType('CommissionHoldbackInput')
export class CommissionHoldbackType {
  @Field(() => DecimalScalar) share!: string;
  @Field(() => Int, { description: 'Days after disbursement when the held share becomes payable (unless clawed back).' }) releaseAfterDays!: number;
}

@ObjectType('CommissionOverride')
@InputType('CommissionOverrideInput')
export class CommissionOverrideType {
  @Field(() => DecimalScalar, { description: 'The parent’s share of each of its agents’ commissions, paid on top.' }) share!: string;
}

@ObjectType('CommissionPlan')
export class CommissionPlanType {
  @Field(() => ID) id!: string;
  @Field() code!: string;
  @Field(() => Int) version!: number;
  @Field() isCurrent!: boolean;
  @Field() name!: string;
  @Field(() => [String]) productCodes!: string[];
  @Field(() => [AgentKindEnum]) agentKinds!: string[];
  @Field(() => [CommissionRuleType]) rules!: CommissionRuleType[];
  @Field(() => DecimalScalar, { nullable: true }) capPerLoan!: string | null;
  @Field(() => DecimalScalar, { nullable: true }) capPerMonth!: string | null;
  @Field(() => CommissionClawbackType, { nullable: true }) clawback!: CommissionClawbackType | null;
  @Field(() => CommissionHoldbackType, { nullable: true }) holdback!: CommissionHoldbackType | null;
  @Field(() => CommissionOverrideType, { nullable: true }) networkOverride!: CommissionOverrideType | null;
  @Field() createdAt!: Date;
}

@InputType('CommissionPlanInput')
export class CommissionPlanInput {
  @Field({ description: 'Setting a code again with another definition makes its next version.' }) code!: string;
  @Field() name!: string;
  @Field(() => [String], { nullable: true, description: 'Products it covers (none: all).' }) productCodes?: string[] | null;
  @Field(() => [AgentKindEnum], { nullable: true, description: 'Kinds of agent it pays (none: all).' }) agentKinds?: string[] | null;
  @Field(() => [CommissionRuleInput]) rules!: CommissionRuleInput[];
  @Field(() => DecimalScalar, { nullable: true }) capPerLoan?: string | null;
  @Field(() => DecimalScalar, { nullable: true }) capPerMonth?: string | null;
  @Field(() => CommissionClawbackType, { nullable: true }) clawback?: CommissionClawbackType | null;
  @Field(() => CommissionHoldbackType, { nullable: true }) holdback?: CommissionHoldbackType | null;
  @Field(() => CommissionOverrideType, { nullable: true }) networkOverride?: CommissionOverrideType | null;
}

@ObjectType('CommissionCalculation', { description: 'How a commission was computed: amount = base x rate (or the FLAT amount) in the lender’s rounding, after the plan’s caps.' })
export class CommissionCalculationType {
  @Field(() => DecimalScalar) base!: string;
  @Field(() => DecimalScalar, { nullable: true }) rate!: string | null;
  @Field(() => Int, { description: 'The tier reached (0: below the first).' }) tier!: number;
  @Field(() => DecimalScalar) amount!: string;
}

@ObjectType('Commission')
export class CommissionType {
  @Field(() => ID) id!: string;
  @Field(() => ID) agentId!: string;
  @Field(() => ID) loanId!: string;
  @Field() planCode!: string;
  @Field(() => Int) planVersion!: number;
  @Field(() => CommissionKindEnum) kind!: string;
  @Field(() => CommissionTriggerEnum) trigger!: string;
  @Field({ description: 'What earned it: the loan, or (EACH_REPAYMENT) the repayment’s transaction id; a clawback or release adds the kind it reverses.' }) sourceRef!: string;
  @Field(() => DateScalar) businessDate!: string;
  @Field({ description: 'The statement month (YYYY-MM) it counts in.' }) period!: string;
  @Field(() => CommissionCalculationType) calculation!: CommissionCalculationType;
  @Field(() => DecimalScalar, { description: 'Signed: a clawback is negative.' }) amount!: string;
  @Field(() => DecimalScalar, { description: 'The part held back (negative: released or cancelled).' }) held!: string;
  @Field() currency!: string;
  @Field(() => ID, { nullable: true, description: 'The commission a clawback, release or override refers to.' }) reversesId!: string | null;
  @Field(() => ID, { nullable: true }) journalEntryId!: string | null;
}
export const CommissionConnection = ConnectionType(CommissionType, 'Commission');

@ObjectType('CommissionStatement', { description: 'An agent’s month: opening + earned - clawedBack - heldBack + released + heldCancelled - paid = closing.' })
export class CommissionStatementType {
  @Field(() => ID) agentId!: string;
  @Field() period!: string;
  @Field(() => DecimalScalar) opening!: string;
  @Field(() => DecimalScalar) earned!: string;
  @Field(() => DecimalScalar) clawedBack!: string;
  @Field(() => DecimalScalar) heldBack!: string;
  @Field(() => DecimalScalar) released!: string;
  @Field(() => DecimalScalar, { description: 'Held shares of commissions clawed back before release (never payable).' }) heldCancelled!: string;
  @Field(() => DecimalScalar) paid!: string;
  @Field(() => DecimalScalar, { description: 'What the lender owes the agent at the end of the month (negative: carried forward).' }) closing!: string;
  @Field({ description: 'The month is closed: the statement is final and payable.' }) closed!: boolean;
  @Field() currency!: string;
  @Field(() => ID, { nullable: true, description: 'The payout of this statement, once paid.' }) payoutId!: string | null;
}

@ObjectType('CommissionPeriod')
export class CommissionPeriodType {
  @Field() period!: string;
  @Field() closedAt!: Date;
  @Field(() => Int, { description: 'Whole-tier true-ups posted at the closing (ADJUSTMENT commissions, overrides included).' }) adjustments!: number;
}
