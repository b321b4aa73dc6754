export { CrossSellCandidates } from './cross-sell-candidates';
export { CrossSellRuleService } from './cross-sell-rules';
export { PropensityModels } from './propensity-models';
export { CrossSellResolver } from './cross-sell.resolver';
export { crossSellPermissions } from './cross-sell.permissions';
export { asRule, crossSellRuleSchema } from './cross-sell-definition';
export { CampaignService } from './campaigns';
export { campaignDeliveryJob, campaignDeliveryScheduleJob } from './campaign-delivery.job';
