import { allow } from 'graphql-shield';
import { hasRole } from '../../platform/graphql/shield-rules';

const WORKS_CASES = hasRole('LENDER_ADMIN', 'COLLECTOR', 'SERVICER');
const READS_CASES = hasRole('LENDER_ADMIN', 'COLLECTOR', 'SERVICER', 'ANALYST');
/** A collection agency's key (AGENT) works the cases placed with it: the services scope it to those. */
const AGENCY_WORKS = hasRole('LENDER_ADMIN', 'COLLECTOR', 'SERVICER', 'AGENT');

export const collectionsPermissions = {
  Query: {
    collectionPolicies: READS_CASES,
    collectionConduct: READS_CASES,
    collectionCases: hasRole('LENDER_ADMIN', 'COLLECTOR', 'SERVICER', 'ANALYST', 'AGENT'),
    collectionCase: hasRole('LENDER_ADMIN', 'COLLECTOR', 'SERVICER', 'ANALYST', 'AGENT'),
    collectionPlacements: hasRole('LENDER_ADMIN', 'COLLECTOR', 'SERVICER', 'ANALYST', 'AGENT'),
    myCollectionQueue: hasRole('LENDER_ADMIN', 'COLLECTOR', 'AGENT'),
    collectionMessages: READS_CASES,
    complaints: hasRole('LENDER_ADMIN', 'SERVICER', 'COLLECTOR', 'ANALYST', 'BORROWER'),
    collectionKpis: hasRole('LENDER_ADMIN', 'ANALYST', 'COLLECTOR'),
    complaintSlaBreaches: hasRole('LENDER_ADMIN', 'SERVICER', 'ANALYST'),
  },
  Mutation: {
    setCollectionPolicy: hasRole('LENDER_ADMIN'),
    setCollectionConduct: hasRole('LENDER_ADMIN'),
    assignCollectionCases: hasRole('LENDER_ADMIN'),
    setCollectionTeam: hasRole('LENDER_ADMIN'),
    logCollectionContact: AGENCY_WORKS,
    recordPromiseToPay: AGENCY_WORKS,
    offerSettlement: WORKS_CASES,
    requestHardship: WORKS_CASES,
    runCollectionActions: hasRole('LENDER_ADMIN'),
    fileComplaint: hasRole('LENDER_ADMIN', 'SERVICER', 'COLLECTOR', 'APP', 'BORROWER'),
    respondToComplaint: hasRole('LENDER_ADMIN', 'SERVICER'),
  },
  CollectionPolicy: allow,
  CollectionStage: allow,
  StageAction: allow,
  MessageTemplate: allow,
  CollectionConduct: allow,
  QuietHours: allow,
  ChannelCap: allow,
  StageChannels: allow,
  ComplaintDeadline: allow,
  CollectionCase: allow,
  CollectionContact: allow,
  PromiseToPay: allow,
  Settlement: allow,
  CollectionPlacement: allow,
  AgencyRecovery: allow,
  SettlementInstalment: allow,
  CollectionAction: allow,
  BorrowerClock: allow,
  Complaint: allow,
  CollectionKpis: allow,
  CollectionTeam: allow,
  CollectionStageKpi: allow,
  BucketRoll: allow,
  ConductRefusalCount: allow,
};
