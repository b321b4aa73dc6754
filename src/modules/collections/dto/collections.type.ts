import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { COLLECTION_CHANNELS, CONDUCT_RULES, CONTACT_PARTIES } from '../../../core/collections';
import { ConnectionType } from '../../../platform/graphql/connection';
import { enumOf } from '../../../platform/graphql/core-enums';
import { DateScalar, DecimalScalar } from '../../../platform/graphql/scalars';

export const CollectionChannelEnum = enumOf(COLLECTION_CHANNELS);
registerEnumType(CollectionChannelEnum, { name: 'CollectionChannel', description: 'SMS, EMAIL, PUSH and LETTER are messages; CALL and FIELD_VISIT tasks for people; AGENCY_PLACEMENT hands the case to an agency.' });
export const ContactPartyEnum = enumOf(CONTACT_PARTIES);
registerEnumType(ContactPartyEnum, { name: 'ContactParty', description: 'Who was contacted: only the borrower, a guarantor or a consenting reference may be, and the debt disclosed to no one but the borrower.' });
export const ConductRuleEnum = enumOf(CONDUCT_RULES);
registerEnumType(ConductRuleEnum, { name: 'ConductRule', description: 'The conduct rule a refused contact breaks (extensions.rule of CONDUCT_RULE_VIOLATION).' });
export const ContactDirectionEnum = enumOf(['OUTBOUND', 'INBOUND'] as const);
registerEnumType(ContactDirectionEnum, { name: 'ContactDirection' });
export const ContactOutcomeEnum = enumOf(['PROMISE', 'REFUSED', 'NO_ANSWER', 'WRONG_NUMBER', 'DISPUTE', 'HARDSHIP', 'PAID', 'SENT'] as const);
registerEnumType(ContactOutcomeEnum, { name: 'ContactOutcome', description: 'SENT: a message the platform sent.' });
export const CaseStatusEnum = enumOf(['OPEN', 'CLOSED'] as const);
registerEnumType(CaseStatusEnum, { name: 'CollectionCaseStatus' });
export const CaseCloseReasonEnum = enumOf(['CURED', 'SETTLED', 'PAID_OFF', 'WRITTEN_OFF', 'RESTRUCTURED'] as const);
registerEnumType(CaseCloseReasonEnum, { name: 'CollectionCaseCloseReason' });
export const PromiseStatusEnum = enumOf(['OPEN', 'KEPT', 'BROKEN'] as const);
registerEnumType(PromiseStatusEnum, { name: 'PromiseStatus' });
export const ActionStatusEnum = enumOf(['PENDING', 'DONE', 'REFUSED', 'CANCELLED'] as const);
registerEnumType(ActionStatusEnum, { name: 'CollectionActionStatus', description: 'PENDING: due (a message waits for its time, a call or visit for the collector); REFUSED: the conduct rules never allow it.' });
export const ComplaintStatusEnum = enumOf(['OPEN', 'RESPONDED'] as const);
registerEnumType(ComplaintStatusEnum, { name: 'ComplaintStatus' });
export const MessageProviderEnum = enumOf(['SANDBOX', 'WEBHOOK'] as const);
registerEnumType(MessageProviderEnum, { name: 'CollectionMessageProvider', description: 'SANDBOX: messages kept by the platform; WEBHOOK: sent by the lender’s gateway on a signed collection.message_requested event.' });

@ObjectType('MessageTemplate')
@InputType('MessageTemplateInput')
export class MessageTemplateType {
  @Field({ description: 'A locale such as zh-CN or en-KE (the borrower’s, else its language, else the first).' }) locale!: string;
  @Field({ description: 'The text, with {{loanId}} {{currency}} {{amountOverdue}} {{totalOutstanding}} {{dpd}} {{nextDueDate}} {{oldestDueDate}} {{instalment}} {{lender}}.' }) text!: string;
}

@ObjectType('StageAction')
export class StageActionType {
  @Field(() => CollectionChannelEnum) channel!: string;
  @Field(() => Int, { description: 'On entering the stage, then every this many days (0: once).' }) everyDays!: number;
  @Field(() => [MessageTemplateType]) templates!: MessageTemplateType[];
  @Field(() => String, { nullable: true, description: 'AGENCY_PLACEMENT: the collection agency’s agent code.' }) agencyCode!: string | null;
  @Field(() => Int, { nullable: true, description: 'AGENCY_PLACEMENT: days until the case is recalled.' }) placementDays!: number | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'AGENCY_PLACEMENT: the agency’s share of what it recovers.' }) commissionRate!: string | null;
}

@InputType('StageActionInput')
export class StageActionInput {
  @Field(() => CollectionChannelEnum) channel!: string;
  @Field(() => Int, { defaultValue: 0 }) everyDays!: number;
  @Field(() => [MessageTemplateType], { nullable: true }) templates?: MessageTemplateType[] | null;
  @Field(() => String, { nullable: true, description: 'AGENCY_PLACEMENT: the collection agency (an agent of kind COLLECTION_AGENCY) by its code.' }) agencyCode?: string | null;
  @Field(() => Int, { nullable: true, description: 'AGENCY_PLACEMENT: days the agency works the case before it is recalled (1-365).' }) placementDays?: number | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'AGENCY_PLACEMENT: the agency’s commission, a fraction of what is recovered while placed.' }) commissionRate?: string | null;
}

@ObjectType('CollectionStage')
export class CollectionStageType {
  @Field() name!: string;
  @Field(() => Int) minDpd!: number;
  @Field(() => Int, { nullable: true, description: 'Inclusive; null: open-ended (the last stage).' }) maxDpd!: number | null;
  @Field({ description: 'The team or role that works the stage.' }) team!: string;
  @Field(() => Int, { description: 'Hours from entering the stage to the first contact.' }) firstContactHours!: number;
  @Field(() => DecimalScalar, { description: 'The largest settlement discount (fraction of what is owed) without a checker.' }) maxDiscount!: string;
  @Field(() => DecimalScalar, { description: 'The stage’s weight in the queue.' }) weight!: string;
  @Field(() => String, { nullable: true, description: 'The team a case goes to when nobody contacted the borrower by the first-contact target (null: none).' }) escalateTo!: string | null;
  @Field(() => [StageActionType]) actions!: StageActionType[];
}

@InputType('CollectionStageInput')
export class CollectionStageInput {
  @Field() name!: string;
  @Field(() => Int) minDpd!: number;
  @Field(() => Int, { nullable: true }) maxDpd?: number | null;
  @Field({ nullable: true, defaultValue: 'COLLECTOR' }) team?: string;
  @Field(() => Int, { nullable: true, defaultValue: 24 }) firstContactHours?: number;
  @Field(() => DecimalScalar, { nullable: true, defaultValue: '0' }) maxDiscount?: string;
  @Field(() => DecimalScalar, { nullable: true, defaultValue: '1' }) weight?: string;
  @Field(() => String, { nullable: true, description: 'Another team, which takes the case when the first-contact target passes with no contact (once per stage).' }) escalateTo?: string | null;
  @Field(() => [StageActionInput], { defaultValue: [] }) actions!: StageActionInput[];
}

@InputType('CollectionPolicyInput')
export class CollectionPolicyInput {
  @Field({ description: 'The policy’s code: setting it again with another definition makes a new version.' }) code!: string;
  @Field() name!: string;
  @Field(() => [String], { nullable: true, description: 'Products it covers (none: all).' }) productCodes?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'Borrower segments it covers (none: all).' }) segments?: string[] | null;
  @Field(() => Int, { nullable: true, defaultValue: 30 }) hardshipPauseDays?: number;
  @Field(() => [CollectionStageInput], { description: 'In DPD order, contiguous, only the last open-ended.' }) stages!: CollectionStageInput[];
}

@ObjectType('CollectionPolicy', { description: 'A version of a collection policy; cases keep the version they were opened under.' })
export class CollectionPolicyType {
  @Field(() => ID) id!: string;
  @Field() code!: string;
  @Field(() => Int) version!: number;
  @Field() isCurrent!: boolean;
  @Field() name!: string;
  @Field(() => [String]) productCodes!: string[];
  @Field(() => [String]) segments!: string[];
  @Field(() => Int) hardshipPauseDays!: number;
  @Field(() => [CollectionStageType]) stages!: CollectionStageType[];
  @Field() createdAt!: Date;
}

@ObjectType('QuietHours')
@InputType('QuietHoursInput')
export class QuietHoursType {
  @Field({ description: 'HH:MM on the borrower’s clock.' }) start!: string;
  @Field({ description: 'HH:MM; may be before start (spanning midnight).' }) end!: string;
}

@ObjectType('ChannelCap')
@InputType('ChannelCapInput')
export class ChannelCapType {
  @Field(() => CollectionChannelEnum) channel!: string;
  @Field(() => Int, { nullable: true }) perDay?: number | null;
  @Field(() => Int, { nullable: true }) perWeek?: number | null;
}

@ObjectType('StageChannels')
@InputType('StageChannelsInput')
export class StageChannelsType {
  @Field() stage!: string;
  @Field(() => [CollectionChannelEnum]) channels!: string[];
}

@ObjectType('ComplaintDeadline')
@InputType('ComplaintDeadlineInput')
export class ComplaintDeadlineType {
  @Field() category!: string;
  @Field(() => Int) hours!: number;
}

@InputType('CollectionConductInput')
export class CollectionConductInput {
  @Field(() => QuietHoursType, { nullable: true, description: 'Null: no quiet hours.' }) quietHours?: QuietHoursType | null;
  @Field(() => Int, { nullable: true }) maxContactsPerDay?: number | null;
  @Field(() => Int, { nullable: true }) maxContactsPerWeek?: number | null;
  @Field(() => [ChannelCapType], { nullable: true }) perChannel?: ChannelCapType[] | null;
  @Field(() => [StageChannelsType], { nullable: true }) allowedChannelsByStage?: StageChannelsType[] | null;
  @Field(() => Int, { nullable: true }) coolingOffDays?: number | null;
  @Field(() => [String], { nullable: true }) forbiddenWords?: string[] | null;
  @Field(() => MessageProviderEnum, { nullable: true }) messageProvider?: string | null;
  @Field(() => [ComplaintDeadlineType], { nullable: true }) complaintDeadlines?: ComplaintDeadlineType[] | null;
}

@ObjectType('CollectionConduct', { description: 'The lender’s conduct rules: what the platform refuses whoever asks (CONDUCT_RULE_VIOLATION) and reschedules for its own actions.' })
export class CollectionConductType {
  @Field(() => QuietHoursType, { nullable: true }) quietHours!: QuietHoursType | null;
  @Field(() => Int, { nullable: true }) maxContactsPerDay!: number | null;
  @Field(() => Int, { nullable: true }) maxContactsPerWeek!: number | null;
  @Field(() => [ChannelCapType]) perChannel!: ChannelCapType[];
  @Field(() => [StageChannelsType]) allowedChannelsByStage!: StageChannelsType[];
  @Field(() => Int) coolingOffDays!: number;
  @Field(() => [String]) forbiddenWords!: string[];
  @Field(() => MessageProviderEnum) messageProvider!: string;
  @Field(() => [ComplaintDeadlineType]) complaintDeadlines!: ComplaintDeadlineType[];
}

@ObjectType('CollectionContact')
export class CollectionContactType {
  @Field(() => ID) id!: string;
  @Field(() => ID) caseId!: string;
  @Field(() => CollectionChannelEnum) channel!: string;
  @Field(() => ContactDirectionEnum) direction!: string;
  @Field(() => ContactPartyEnum) contactedParty!: string;
  @Field(() => ContactOutcomeEnum, { nullable: true }) outcome!: string | null;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => String, { nullable: true, description: 'The message as sent.' }) message!: string | null;
  @Field({ description: 'Sent by the platform (a stage action), not a person.' }) automatic!: boolean;
  @Field(() => String, { nullable: true }) actorId!: string | null;
  @Field() at!: Date;
}

@ObjectType('PromiseToPay')
export class PromiseToPayType {
  @Field(() => ID) id!: string;
  @Field(() => ID) caseId!: string;
  @Field(() => DecimalScalar) amount!: string;
  @Field(() => DateScalar) promisedOn!: string;
  @Field(() => DateScalar) dueDate!: string;
  @Field(() => PromiseStatusEnum) status!: string;
  @Field(() => DecimalScalar, { nullable: true, description: 'Repaid toward it when close of business judged it.' }) paid!: string | null;
  @Field(() => DateScalar, { nullable: true }) resolvedOn!: string | null;
}

export enum SettlementStatusEnum { OPEN = 'OPEN', PAID = 'PAID', BROKEN = 'BROKEN', WITHDRAWN = 'WITHDRAWN' }
registerEnumType(SettlementStatusEnum, { name: 'SettlementStatus', description: 'OPEN: waiting for the money; PAID: met, the loan closed with the rest forgiven; BROKEN: its last day passed unmet; WITHDRAWN: taken back.' });

@ObjectType('SettlementInstalment', { description: 'One payment of a settlement’s plan.' })
export class SettlementInstalmentType {
  @Field(() => Int) number!: number;
  @Field(() => DateScalar) dueDate!: string;
  @Field(() => DecimalScalar) amount!: string;
}

@ObjectType('Settlement', { description: 'A settlement agreement: the loan closes for `amount` received by `payBy`; the rest is forgiven to the settlement-discount account.' })
export class SettlementType {
  @Field(() => ID) id!: string;
  @Field(() => ID) loanId!: string;
  @Field(() => ID, { nullable: true }) caseId!: string | null;
  @Field(() => DecimalScalar, { description: 'What the borrower pays to settle.' }) amount!: string;
  @Field(() => DecimalScalar, { description: 'What the loan owed when it was agreed (its payoff without a prepayment fee).' }) owed!: string;
  @Field(() => DecimalScalar, { description: 'What is forgiven: owed less amount when agreed; once PAID, what the discount transaction forgave.' }) discount!: string;
  @Field(() => DecimalScalar, { description: 'The discount as a fraction of what was owed.' }) discountShare!: string;
  @Field(() => [SettlementInstalmentType], { description: 'The payments the amount is spread over, the last on payBy.' }) plan!: SettlementInstalmentType[];
  @Field(() => DateScalar) agreedOn!: string;
  @Field(() => DateScalar) payBy!: string;
  @Field(() => SettlementStatusEnum) status!: string;
  @Field(() => DecimalScalar, { description: 'Money received towards it (from agreedOn to payBy).' }) paid!: string;
  @Field(() => DecimalScalar, { description: 'What is still to pay (0 once met).' }) remaining!: string;
  @Field(() => ID, { nullable: true, description: 'The SETTLEMENT_DISCOUNT transaction that closed the loan.' }) discountTransactionId!: string | null;
  @Field(() => DateScalar, { nullable: true }) closedOn!: string | null;
  @Field() currency!: string;
  @Field() createdAt!: Date;
}

@ObjectType('CollectionAction')
export class CollectionActionType {
  @Field(() => ID) id!: string;
  @Field(() => Int) stageIndex!: number;
  @Field(() => CollectionChannelEnum) channel!: string;
  @Field(() => DateScalar, { description: 'The business date that scheduled it.' }) businessDate!: string;
  @Field() dueAt!: Date;
  @Field(() => ActionStatusEnum) status!: string;
  @Field(() => ConductRuleEnum, { nullable: true, description: 'The rule that moved or refused it.' }) refusedRule!: string | null;
  @Field(() => ID, { nullable: true }) contactId!: string | null;
}

@ObjectType('BorrowerClock')
export class BorrowerClockType {
  @Field() timeZone!: string;
  @Field({ description: 'The borrower’s local date and time now (YYYY-MM-DDTHH:MM).' }) localTime!: string;
}

@ObjectType('CollectionCase')
export class CollectionCaseType {
  @Field(() => ID) id!: string;
  @Field(() => ID) loanId!: string;
  @Field(() => ID) borrowerId!: string;
  @Field() policyCode!: string;
  @Field(() => Int) policyVersion!: number;
  @Field(() => CollectionStageType) stage!: CollectionStageType;
  @Field() stageName!: string;
  @Field() team!: string;
  @Field(() => CaseStatusEnum) status!: string;
  @Field(() => CaseCloseReasonEnum, { nullable: true }) closeReason!: string | null;
  @Field(() => Int) dpd!: number;
  @Field(() => DecimalScalar, { description: 'Overdue principal and penalty, as of the last close of business.' }) amountOverdue!: string;
  @Field(() => Int) brokenPromises!: number;
  @Field(() => DecimalScalar, { description: 'amountOverdue x stage weight x (1 + broken promises): the queue’s order.' }) priority!: string;
  @Field(() => String, { nullable: true }) assigneeId!: string | null;
  @Field(() => DateScalar) openedOn!: string;
  @Field(() => DateScalar) stageEnteredOn!: string;
  @Field(() => Date, { nullable: true }) firstContactDueAt!: Date | null;
  @Field(() => Date, { nullable: true }) pausedUntil!: Date | null;
  @Field(() => Date, { nullable: true, description: 'When the case went to its stage’s escalation team (the first-contact target passed with no contact).' }) escalatedAt!: Date | null;
  @Field(() => DateScalar, { nullable: true }) closedOn!: string | null;
  @Field(() => ID, { nullable: true, description: 'The collection agency the case is placed with now (its queue, not the lender’s).' }) placedWith!: string | null;
}
export const CollectionCaseConnection = ConnectionType(CollectionCaseType, 'CollectionCase');

@ObjectType('Complaint')
export class ComplaintType {
  @Field(() => ID) id!: string;
  @Field(() => ID) borrowerId!: string;
  @Field(() => ID, { nullable: true }) loanId!: string | null;
  @Field() channel!: string;
  @Field() category!: string;
  @Field() text!: string;
  @Field(() => ComplaintStatusEnum) status!: string;
  @Field({ description: 'When the answer is due, by the category’s deadline.' }) dueAt!: Date;
  @Field({ description: 'Answered late, or still open past its deadline.' }) breached!: boolean;
  @Field(() => String, { nullable: true }) response!: string | null;
  @Field(() => Date, { nullable: true }) respondedAt!: Date | null;
  @Field() createdAt!: Date;
}
export const ComplaintConnection = ConnectionType(ComplaintType, 'Complaint');

@ObjectType('CollectionStageKpi')
export class CollectionStageKpiType {
  @Field() stage!: string;
  @Field(() => Int, { description: 'Cases that entered the stage in the period (opened in it or moved into it).' }) entered!: number;
  @Field(() => Int, { description: 'Cases closed CURED from the stage in the period.' }) cured!: number;
  @Field(() => DecimalScalar, { nullable: true, description: 'cured / entered (null when none entered).' }) cureRate!: string | null;
  @Field(() => DecimalScalar, { description: 'Paid in the period on loans while their case was open, by the case’s stage now.' }) recovered!: string;
}

@ObjectType('BucketRoll')
export class BucketRollType {
  @Field() from!: string;
  @Field() to!: string;
  @Field(() => Int) loans!: number;
}

@ObjectType('ConductRefusalCount')
export class ConductRefusalCountType {
  @Field(() => ConductRuleEnum) rule!: string;
  @Field({ description: 'A platform action rescheduled or dropped, rather than a person refused.' }) automatic!: boolean;
  @Field(() => Int) count!: number;
}

@ObjectType('AgencyRecovery')
export class AgencyRecoveryType {
  @Field(() => ID) agencyId!: string;
  @Field(() => String, { nullable: true }) agencyCode!: string | null;
  @Field() agencyName!: string;
  @Field(() => Int, { description: 'Cases placed in the period.' }) placed!: number;
  @Field(() => Int, { description: 'Placements ended in the period (recalled or the case closed).' }) ended!: number;
  @Field(() => DecimalScalar, { description: 'Recovered while placed, over the placements ended in the period.' }) recovered!: string;
  @Field(() => DecimalScalar, { description: 'Commission earned on those recoveries.' }) commission!: string;
}

export const PlacementStatusEnum = { PLACED: 'PLACED', RECALLED: 'RECALLED', ENDED: 'ENDED' } as const;
registerEnumType(PlacementStatusEnum, { name: 'PlacementStatus', description: 'PLACED: the agency works the case; RECALLED: its days ran out; ENDED: the case closed while placed.' });

@ObjectType('CollectionPlacement', { description: 'A case placed with a collection agency for a number of days, on a commission of what the loan recovers meanwhile.' })
export class CollectionPlacementType {
  @Field(() => ID) id!: string;
  @Field(() => ID) caseId!: string;
  @Field(() => ID) loanId!: string;
  @Field(() => ID) agencyId!: string;
  @Field(() => String, { nullable: true }) agencyCode!: string | null;
  @Field() agencyName!: string;
  @Field({ description: 'The stage that placed it.' }) stageName!: string;
  @Field(() => DateScalar) placedOn!: string;
  @Field(() => DateScalar, { description: 'The last day of the placement; the case is recalled after it.' }) endsOn!: string;
  @Field(() => DecimalScalar) commissionRate!: string;
  @Field(() => PlacementStatusEnum) status!: string;
  @Field(() => String, { nullable: true, description: 'EXPIRED or CASE_CLOSED.' }) endReason!: string | null;
  @Field(() => DateScalar, { nullable: true }) endedOn!: string | null;
  @Field(() => DecimalScalar, { description: 'Repayments, settlements and recoveries posted on the loan while placed (so far, for a placement still open).' }) recovered!: string;
  @Field(() => DecimalScalar, { nullable: true, description: 'The agency’s commission, once the placement ended (owed to it as COMMISSION_PAYABLE).' }) commission!: string | null;
  @Field(() => ID, { nullable: true, description: 'The commission’s journal entry (commission expense against commissions payable).' }) journalEntryId!: string | null;
  @Field() currency!: string;
}

@ObjectType('CollectionKpis')
export class CollectionKpisType {
  @Field(() => DateScalar) from!: string;
  @Field(() => DateScalar) to!: string;
  @Field(() => [CollectionStageKpiType]) stages!: CollectionStageKpiType[];
  @Field(() => [BucketRollType], { description: 'Loans moving between delinquency buckets in the period.' }) rollRates!: BucketRollType[];
  @Field(() => Int) promisesMade!: number;
  @Field(() => Int) promisesKept!: number;
  @Field(() => Int) promisesBroken!: number;
  @Field(() => DecimalScalar, { nullable: true, description: 'kept / (kept + broken) of promises judged in the period.' }) promiseKeptRate!: string | null;
  @Field(() => DecimalScalar) recovered!: string;
  @Field(() => Int) outboundContacts!: number;
  @Field(() => DecimalScalar, { nullable: true, description: 'Outbound contacts per 1,000 recovered.' }) contactsPerThousandRecovered!: string | null;
  @Field(() => [ConductRefusalCountType]) refusals!: ConductRefusalCountType[];
  @Field(() => [AgencyRecoveryType], { description: 'Per collection agency: placements made and ended in the period, what the placed loans recovered while placed, and the commission it earned.' }) agencies!: AgencyRecoveryType[];
}

@ObjectType('CollectionTeam')
export class CollectionTeamType {
  @Field() team!: string;
  @Field(() => [ID], { description: 'Staff user or API key ids.' }) members!: string[];
  @Field(() => Int, { description: 'Open cases each member may hold.' }) capacity!: number;
}

@InputType('CollectionTeamInput')
export class CollectionTeamInput {
  @Field({ description: 'As the policy’s stages name it (COLLECTOR, LEGAL …).' }) team!: string;
  @Field(() => [ID]) members!: string[];
  @Field(() => Int) capacity!: number;
}
