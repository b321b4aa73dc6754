import { GraphQLJSON } from 'graphql-scalars';
import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CROSS_SELL_KINDS } from '../../../core/cross-sell';
import { ConnectionType } from '../../../platform/graphql/connection';
import { DateScalar, DateTimeScalar, DecimalScalar } from '../../../platform/graphql/scalars';
import { CAMPAIGN_CHANNELS } from '../campaigns';

export const CrossSellKindEnum = Object.fromEntries(CROSS_SELL_KINDS.map((k) => [k, k])) as Record<(typeof CROSS_SELL_KINDS)[number], string>;
registerEnumType(CrossSellKindEnum, {
  name: 'CrossSellKind',
  description: 'RENEWAL: the next loan after one repaid; TOP_UP: more cash on a live loan; CREDIT_LINE: a revolving line; GRADUATION: a larger amount for a good repeat borrower (progressive lending).',
});

@InputType('CrossSellRuleInput')
export class CrossSellRuleInput {
  @Field(() => CrossSellKindEnum) kind!: string;
  @Field({ description: 'The product the pre-approved offer is for.' }) productCode!: string;
  @Field({ nullable: true }) description?: string;
  @Field(() => GraphQLJSON, { description: 'When a borrower is eligible: the decisioning rules’ condition ({ all | any | not | fact, op, value }) over onTimeRatio, monthsOnBook, remainingTerm, maxDpdEver, currentDti, productsHeld, loansRepaid, marketingConsent, lastPrincipal, outstandingPrincipal, grade, segment, region, industry, openCollectionCase.' })
  when!: unknown;
  @Field(() => DecimalScalar, { nullable: true, description: 'The offer as a multiple of the last principal (TOP_UP: less what is still owed); 1 by default.' }) amountMultiple?: string;
  @Field(() => Int, { nullable: true, description: 'Instalments of the offer (the product’s shortest when not given).' }) termCount?: number;
  @Field(() => Int, { nullable: true, description: 'Days a pre-approved offer stays open (30 by default).' }) validDays?: number;
}

@ObjectType('CrossSellRule')
export class CrossSellRuleType {
  @Field() id!: string;
  @Field(() => CrossSellKindEnum) kind!: string;
  @Field(() => Int) version!: number;
  @Field() isCurrent!: boolean;
  @Field() productCode!: string;
  @Field() description!: string;
  @Field(() => GraphQLJSON) when!: unknown;
  @Field(() => DecimalScalar) amountMultiple!: string;
  @Field(() => Int, { nullable: true }) termCount!: number | null;
  @Field(() => Int) validDays!: number;
  @Field() createdAt!: Date;
}

@ObjectType('CrossSellFact')
export class CrossSellFactType {
  @Field() name!: string;
  @Field(() => String, { nullable: true }) value!: string | null;
}

@ObjectType('PreApprovedOffer', { description: 'Priced by the borrower’s current grade under today’s rate cap; re-checked when the borrower accepts the resulting offer.' })
export class PreApprovedOfferType {
  @Field() productId!: string;
  @Field() productCode!: string;
  @Field(() => Int) productVersion!: number;
  @Field() currency!: string;
  @Field(() => DecimalScalar) amount!: string;
  @Field(() => Int) termCount!: number;
  @Field() frequency!: string;
  @Field() grade!: string;
  @Field(() => DecimalScalar) annualRate!: string;
  @Field(() => DecimalScalar, { description: 'All-in APR under the cap’s convention (US Reg Z actuarial with no cap in force).' }) apr!: string;
  @Field(() => DecimalScalar, { nullable: true, description: 'The rate cap in force today (null: none).' }) cap!: string | null;
  @Field(() => DateScalar) validUntil!: string;
}

@ObjectType('CrossSellCandidate')
export class CrossSellCandidateType {
  @Field() borrowerId!: string;
  @Field(() => String, { nullable: true }) fullName!: string | null;
  @Field(() => CrossSellKindEnum) kind!: string;
  @Field(() => DecimalScalar, { nullable: true, description: 'Probability of take-up from the kind’s propensity model (null: none fitted yet).' }) score!: string | null;
  @Field(() => Int, { nullable: true }) modelVersion!: number | null;
  @Field(() => [CrossSellFactType], { description: 'The facts the eligibility rule read, as they are.' }) reasons!: CrossSellFactType[];
  @Field(() => [CrossSellFactType], { description: 'All of the borrower’s cross-sell facts.' }) facts!: CrossSellFactType[];
  @Field(() => PreApprovedOfferType) offer!: PreApprovedOfferType;
}

export const CrossSellCandidateConnection = ConnectionType(CrossSellCandidateType, 'CrossSellCandidate');

@ObjectType('CalibrationBand')
export class CalibrationBandType {
  @Field(() => Int) decile!: number;
  @Field(() => Int) count!: number;
  @Field(() => Float, { description: 'Mean predicted probability in the decile.' }) predicted!: number;
  @Field(() => Float, { description: 'Share of the decile that took the product up.' }) observed!: number;
}

@ObjectType('PropensityCoefficient')
export class PropensityCoefficientType {
  @Field() feature!: string;
  @Field(() => Float, { description: 'Weight on the standardised feature (log-odds per standard deviation).' }) weight!: number;
  @Field(() => Float) mean!: number;
  @Field(() => Float) scale!: number;
}

@ObjectType('PropensityModel')
export class PropensityModelType {
  @Field(() => CrossSellKindEnum) kind!: string;
  @Field(() => Int) version!: number;
  @Field(() => Float) intercept!: number;
  @Field(() => [PropensityCoefficientType]) coefficients!: PropensityCoefficientType[];
  @Field(() => [CalibrationBandType], { description: 'Predicted against observed by decile, on the held-out fifth of the history.' }) calibration!: CalibrationBandType[];
  @Field(() => Float, { nullable: true, description: 'Area under the ROC curve on the held-out fifth.' }) auc!: number | null;
  @Field(() => Int) sampleSize!: number;
  @Field(() => Int) positives!: number;
  @Field() fittedAt!: Date;
}

export const CampaignChannelEnum = Object.fromEntries(CAMPAIGN_CHANNELS.map((k) => [k, k])) as Record<(typeof CAMPAIGN_CHANNELS)[number], string>;
registerEnumType(CampaignChannelEnum, { name: 'CampaignChannel', description: 'How the offer reaches the borrower, through the lender’s messenger (sandbox or its own gateway by webhook).' });

@InputType('CampaignAudienceInput')
export class CampaignAudienceInput {
  @Field(() => DecimalScalar, { nullable: true, description: 'Only candidates scoring at least this propensity.' }) minScore?: string;
  @Field({ nullable: true }) segment?: string;
  @Field({ nullable: true }) region?: string;
  @Field(() => Int, { nullable: true, description: 'The best-scoring candidates up to this many.' }) maxSize?: number;
}

@InputType('CampaignTemplateInput')
export class CampaignTemplateInput {
  @Field({ description: 'A locale such as en or zh-CN; a borrower gets the template of their language, else the first.' }) locale!: string;
  @Field({ description: 'The message, with {{amount}} {{currency}} {{product}} {{termCount}} {{apr}} {{validUntil}} {{lender}} filled from the borrower’s offer.' }) text!: string;
}

@InputType('CampaignInput')
export class CampaignInput {
  @Field() name!: string;
  @Field(() => CrossSellKindEnum) kind!: string;
  @Field(() => CampaignAudienceInput, { nullable: true, description: 'Who among today’s eligible candidates; always only those who agreed to marketing and have no open collection case.' }) audience?: CampaignAudienceInput;
  @Field(() => CampaignChannelEnum) channel!: string;
  @Field(() => [CampaignTemplateInput]) templates!: CampaignTemplateInput[];
  @Field(() => DateTimeScalar) startsAt!: Date;
  @Field(() => DateTimeScalar) endsAt!: Date;
  @Field(() => DecimalScalar, { nullable: true, description: 'The share held out at random as the control group (0.1 by default, at most 0.5).' }) controlShare?: string;
  @Field({ description: 'The same key twice creates one campaign and gives the same answer.' }) idempotencyKey!: string;
}

@ObjectType('CampaignTemplate')
export class CampaignTemplateType {
  @Field() locale!: string;
  @Field() text!: string;
}

@ObjectType('Campaign')
export class CampaignType {
  @Field() id!: string;
  @Field() name!: string;
  @Field(() => CrossSellKindEnum) kind!: string;
  @Field(() => CampaignChannelEnum) channel!: string;
  @Field({ description: 'SCHEDULED, RUNNING, ENDED or CANCELLED.' }) status!: string;
  @Field(() => DateTimeScalar) startsAt!: Date;
  @Field(() => DateTimeScalar) endsAt!: Date;
  @Field(() => DecimalScalar) controlShare!: string;
  @Field(() => [CampaignTemplateType]) templates!: CampaignTemplateType[];
  @Field(() => Int, { description: 'Members who get the offer.' }) treatment!: number;
  @Field(() => Int, { description: 'Members held out at random.' }) control!: number;
  @Field(() => Int, { nullable: true, description: 'The propensity model that ranked the audience.' }) modelVersion!: number | null;
  @Field(() => DateTimeScalar) createdAt!: Date;
}

@ObjectType('CampaignArmResults')
export class CampaignArmResultsType {
  @Field(() => Int) size!: number;
  @Field(() => Int) reached!: number;
  @Field(() => Int) opened!: number;
  @Field(() => Int, { description: 'Members who applied between the campaign’s start and end.' }) applied!: number;
  @Field(() => Int, { description: 'Members whose application of the campaign’s time was disbursed.' }) disbursed!: number;
  @Field(() => DecimalScalar) appliedRate!: string;
  @Field(() => DecimalScalar, { description: 'Disbursed over size.' }) conversion!: string;
  @Field(() => DecimalScalar, { description: 'Interest and fees collected so far on those loans.' }) revenue!: string;
}

@ObjectType('CampaignResults')
export class CampaignResultsType {
  @Field(() => CampaignType) campaign!: CampaignType;
  @Field(() => CampaignArmResultsType) treatment!: CampaignArmResultsType;
  @Field(() => CampaignArmResultsType, { description: 'The held-out group: what would have happened anyway.' }) control!: CampaignArmResultsType;
  @Field(() => DecimalScalar, { description: 'Treatment conversion less control conversion.' }) uplift!: string;
  @Field(() => DecimalScalar, { description: 'Treatment applied rate less control applied rate.' }) appliedUplift!: string;
}

@ObjectType('CampaignOpened')
export class CampaignOpenedType {
  @Field() campaignId!: string;
  @Field() borrowerId!: string;
  @Field(() => DateTimeScalar) openedAt!: Date;
}
