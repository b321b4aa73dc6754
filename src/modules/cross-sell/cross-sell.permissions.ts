import { allow } from 'graphql-shield';
import { hasRole } from '../../platform/graphql/shield-rules';

export const crossSellPermissions = {
  Query: {
    crossSellRules: hasRole('LENDER_ADMIN', 'ANALYST'),
    crossSellCandidates: hasRole('LENDER_ADMIN', 'ANALYST'),
    propensityModels: hasRole('LENDER_ADMIN', 'ANALYST'),
    campaigns: hasRole('LENDER_ADMIN', 'ANALYST'),
    campaignResults: hasRole('LENDER_ADMIN', 'ANALYST'),
  },
  Mutation: {
    setCrossSellRule: hasRole('LENDER_ADMIN'),
    createCampaign: hasRole('LENDER_ADMIN'),
    recordCampaignOpened: hasRole('LENDER_ADMIN', 'APP', 'BORROWER'),
  },
  CrossSellRule: allow,
  CrossSellFact: allow,
  PreApprovedOffer: allow,
  CrossSellCandidate: allow,
  CrossSellCandidateEdge: allow,
  CrossSellCandidateConnection: allow,
  CalibrationBand: allow,
  PropensityCoefficient: allow,
  PropensityModel: allow,
  Campaign: allow,
  CampaignTemplate: allow,
  CampaignArmResults: allow,
  CampaignResults: allow,
  CampaignOpened: allow,
};
