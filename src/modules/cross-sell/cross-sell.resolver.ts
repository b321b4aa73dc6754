import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { CrossSellKind } from '../../core/cross-sell';
import { Dec } from '../../core/money';
import { badInput } from '../../core/domain-error';
import { PageArgs, decodeCursor, pageSize, toConnection } from '../../platform/graphql/connection';
import type { GraphQLContext } from '../../platform/graphql/context';
import { DecimalScalar } from '../../platform/graphql/scalars';
import type { CrossSellCandidate, CrossSellCandidates } from './cross-sell-candidates';
import type { CrossSellRuleService, StoredCrossSellRule } from './cross-sell-rules';
import type { PropensityModels, StoredPropensityModel } from './propensity-models';
import { CampaignInput, CampaignOpenedType, CampaignResultsType, CampaignType, CrossSellCandidateConnection, CrossSellKindEnum, CrossSellRuleInput, CrossSellRuleType, PropensityModelType } from './dto/cross-sell.type';
import type { CampaignChannel, CampaignService } from './campaigns';

const toRule = (r: StoredCrossSellRule): CrossSellRuleType => ({ ...r.definition, id: r.id, version: r.version, isCurrent: r.isCurrent, createdAt: r.createdAt });
const toModel = (m: StoredPropensityModel): PropensityModelType => ({
  kind: m.kind, version: m.version, intercept: m.model.weights[0], calibration: m.calibration, auc: m.auc, sampleSize: m.sampleSize, positives: m.positives, fittedAt: m.fittedAt,
  coefficients: m.model.features.map((feature, j) => ({ feature, weight: m.model.weights[j + 1], mean: m.model.means[j], scale: m.model.scales[j] })),
});
const keyOf = (c: CrossSellCandidate) => `${c.score ?? ''}|${c.borrowerId}`;

@Resolver()
export class CrossSellResolver {
  constructor(private readonly rules: CrossSellRuleService, private readonly candidates: CrossSellCandidates, private readonly models: PropensityModels, private readonly campaignService: CampaignService) {}

  @Mutation(() => CrossSellRuleType, { description: 'Sets the eligibility rule of a kind of cross-sell (a new version when it differs).' })
  async setCrossSellRule(@Ctx() { ctx }: GraphQLContext, @Arg('input', () => CrossSellRuleInput) input: CrossSellRuleInput) {
    return toRule((await this.rules.set(ctx, input)).rule);
  }

  @Query(() => [CrossSellRuleType], { description: 'The cross-sell rules, every version (current first), or of one kind.' })
  async crossSellRules(@Ctx() { ctx }: GraphQLContext, @Arg('kind', () => CrossSellKindEnum, { nullable: true }) kind?: CrossSellKind | null) {
    return (await this.rules.rules(ctx, kind)).map(toRule);
  }

  @Query(() => CrossSellCandidateConnection, { description: 'Borrowers eligible today for a kind of cross-sell, highest propensity first, each with a pre-approved offer under today’s rate cap.' })
  async crossSellCandidates(@Ctx() { ctx }: GraphQLContext, @Arg('kind', () => CrossSellKindEnum) kind: CrossSellKind, @Args() page: PageArgs,
    @Arg('minScore', () => DecimalScalar, { nullable: true }) minScore?: string | null) {
    if (minScore && (new Dec(minScore).lt(0) || new Dec(minScore).gt(1))) throw badInput('minScore', 'a probability from 0 to 1');
    const size = pageSize(page, this.candidates.limits);
    const { candidates } = await this.candidates.all(ctx, kind, { minScore });
    const start = page.after ? candidates.findIndex((c) => keyOf(c) === decodeCursor(page.after!)) + 1 : 0;
    if (page.after && start === 0) throw badInput('after', 'the cursor is not in this list any more; start again without after');
    return toConnection(candidates.slice(start, start + size + 1), size, keyOf, Boolean(page.after));
  }

  @Query(() => [PropensityModelType], { description: 'The current propensity model of each kind (fitted by `npx microlend analytics fit-propensity`), with its calibration.' })
  async propensityModels(@Ctx() { ctx }: GraphQLContext, @Arg('kind', () => CrossSellKindEnum, { nullable: true }) kind?: CrossSellKind | null) {
    return (await this.models.current(ctx, kind)).map(toModel);
  }

  @Mutation(() => CampaignType, { description: 'A campaign of pre-approved offers to today’s eligible candidates who agreed to marketing, with a random control group held out.' })
  async createCampaign(@Ctx() { ctx }: GraphQLContext, @Arg('input', () => CampaignInput) input: CampaignInput) {
    return this.campaignService.create(ctx, { ...input, kind: input.kind as CrossSellKind, channel: input.channel as CampaignChannel, audience: input.audience ?? null, controlShare: input.controlShare ?? null });
  }

  @Query(() => [CampaignType], { description: 'The lender’s campaigns, newest first.' })
  async campaigns(@Ctx() { ctx }: GraphQLContext) {
    return this.campaignService.list(ctx);
  }

  @Query(() => CampaignResultsType, { description: 'Reached, opened, applied, disbursed, conversion and revenue of the treatment against the control group, and the uplift.' })
  async campaignResults(@Ctx() { ctx }: GraphQLContext, @Arg('id', () => ID) id: string) {
    return this.campaignService.results(ctx, id);
  }

  @Mutation(() => CampaignOpenedType, { description: 'The borrower opened the campaign’s offer (the borrower’s own front-end, or staff on their behalf with borrowerId).' })
  async recordCampaignOpened(@Ctx() { ctx }: GraphQLContext, @Arg('campaignId', () => ID) campaignId: string, @Arg('borrowerId', () => ID, { nullable: true }) borrowerId?: string | null) {
    return this.campaignService.opened(ctx, campaignId, borrowerId ?? null);
  }
}
