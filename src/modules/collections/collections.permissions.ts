import { allow } from 'graphql-shield';
import { hasRole } from '../../platform/graphql/shield-rules';

const WORKS_CASES = hasRole('LENDER_ADMIN', 'COLLECTOR', 'SERVICER');
const READS_CASES = hasRole('LENDER_ADMIN', 'COLLECTOR', 'SERVICER', 'ANALYST');

export const collectionsPermissions = {
  Query: {
    collectionPolicies: READS_CASES,
    collectionConduct: READS_CASES,
    collectionCases: READS_CASES,
    collectionCase: READS_CASES,
    myCollectionQueue: hasRole('LENDER_ADMIN', 'COLLECTOR'),
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
    logCollectionContact: WORKS_CASES,
    recordPromiseToPay: WORKS_CASES,
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
