import { AgentService } from '../modules/agents/agent.service';
import { AgentPerformanceService } from '../modules/agents/agent-performance';
import { AgentRiskService } from '../modules/agents/agent-risk';
import { AgentOnboardingService } from '../modules/agents/agent-onboarding';
import { ReferralService } from '../modules/referrals/referral.service';
import { referralsPermissions } from '../modules/referrals/referrals.permissions';
import { ReferralsResolver } from '../modules/referrals/referrals.resolver';
import { CommissionEarning } from '../modules/commissions/commission-earning';
import { CommissionLedger } from '../modules/commissions/commission-ledger';
import { CommissionPlanService } from '../modules/commissions/commission-plan.service';
import { commissionsPermissions } from '../modules/commissions/commissions.permissions';
import { analyticsPermissions } from '../modules/analytics/analytics.permissions';
import { AnalyticsResolver } from '../modules/analytics/analytics.resolver';
import { CampaignService, CrossSellCandidates, CrossSellResolver, CrossSellRuleService, PropensityModels, campaignDeliveryJob, campaignDeliveryScheduleJob, crossSellPermissions } from '../modules/cross-sell';
import { FinancialAssumptionsService } from '../modules/analytics/financial-assumptions';
import { PortfolioFiguresService } from '../modules/analytics/portfolio-figures';
import { PortfolioCharts } from '../modules/analytics/portfolio-charts';
import { ConcentrationService } from '../modules/analytics/concentration';
import { VintageService } from '../modules/analytics/vintages';
import { ProfitabilityService } from '../modules/analytics/profitability';
import { OriginationFunnelService } from '../modules/analytics/origination-funnel';
import { RollRateService } from '../modules/analytics/roll-rates';
import { PORTFOLIO_METRICS } from '../modules/analytics/dto/analytics.type';
import { PortfolioSnapshots } from '../modules/analytics/portfolio-snapshot';
import { CommissionsResolver } from '../modules/commissions/commissions.resolver';
import { agentsPermissions } from '../modules/agents/agents.permissions';
import { AgentsResolver } from '../modules/agents/agents.resolver';
import { AgencyPlacementService } from '../modules/collections/agency-placements';
import { CollectionActionService } from '../modules/collections/collection-action.service';
import { CollectionCaseService } from '../modules/collections/collection-case.service';
import { CollectionPolicyService } from '../modules/collections/collection-policy.service';
import { collectionsCobWriter } from '../modules/collections/collections.cob';
import { collectionsPermissions } from '../modules/collections/collections.permissions';
import { CollectionCaseFieldsResolver, CollectionsResolver } from '../modules/collections/collections.resolver';
import { ComplaintService } from '../modules/collections/complaint.service';
import { CollectionKpiService } from '../modules/collections/collection-kpis.service';
import { collectionActionsJob, collectionActionsScheduleJob } from '../modules/collections/jobs/collection-actions.job';
import { SettlementOfferService, collectionGuardedOperations } from '../modules/collections/settlement-offers';
import { Units } from '../platform/tenancy/units';
import type { DataSource } from 'typeorm';
import type { Config } from '../config/config';
import type { JobDefinition } from '../platform/queue/job';
import type { QueueRuntime } from '../platform/queue/queue-runtime';
import { AuditEntryEntity } from '../platform/audit/audit-entry.entity';
import { auditPermissions } from '../modules/audit/audit.permissions';
import { AuditResolver } from '../modules/audit/audit.resolver';
import { AuditService } from '../platform/audit/audit.service';
import { AuditCheckpointService } from '../modules/audit/audit-checkpoint.service';
import { AuditVerificationService } from '../modules/audit/audit-verification.service';
import { auditVerifyJob } from '../modules/audit/jobs/audit-verify.job';
import { ApiKeyEntity, PlatformApiKeyEntity } from '../modules/identity/api-key.entity';
import { ApiKeyService } from '../modules/identity/api-key.service';
import { BorrowerEntity } from '../modules/identity/borrower.entity';
import { identityPermissions } from '../modules/identity/identity.permissions';
import { IdentityResolver } from '../modules/identity/identity.resolver';
import { SessionService } from '../modules/identity/session.service';
import { StaffUserEntity } from '../modules/identity/staff-user.entity';
import { StaffUserService } from '../modules/identity/staff-user.service';
import { LoanProductEntity, LoanProductVersionEntity } from '../modules/products/loan-product.entity';
import { loanProductPermissions } from '../modules/products/loan-product.permissions';
import { LoanProductResolver } from '../modules/products/loan-product.resolver';
import { LoanProductService } from '../modules/products/loan-product.service';
import { RateCapRuleEntity, ReferenceRateEntity } from '../modules/pricing/pricing.entity';
import { pricingPermissions } from '../modules/pricing/pricing.permissions';
import { PricingResolver } from '../modules/pricing/pricing.resolver';
import { PricingService } from '../modules/pricing/pricing.service';
import { schedulePermissions } from '../modules/schedules/schedule.permissions';
import { ScheduleResolver } from '../modules/schedules/schedule.resolver';
import { ScheduleService } from '../modules/schedules/schedule.service';
import { TenantEntity } from '../modules/tenancy/tenant.entity';
import { borrowerPermissions } from '../modules/borrowers/borrower.permissions';
import { BorrowerResolver } from '../modules/borrowers/borrower.resolver';
import { BorrowerService } from '../modules/borrowers/borrower.service';
import { TenantCipherService } from '../platform/crypto/tenant-cipher.service';
import { decisionConfigPermissions } from '../modules/decision-config/decision-config.permissions';
import { DecisionConfigResolver } from '../modules/decision-config/decision-config.resolver';
import { DecisionConfigService } from '../modules/decision-config/decision-config.service';
import { LedgerService } from '../modules/ledger/ledger.service';
import { LedgerResolver } from '../modules/ledger/ledger.resolver';
import { ledgerPermissions } from '../modules/ledger/ledger.permissions';
import { cobPermissions } from '../modules/cob/cob.permissions';
import { CobResolver } from '../modules/cob/cob.resolver';
import { CobService } from '../modules/cob/cob.service';
import { cobPartitionJob, cobRunJob, cobScheduleJob } from '../modules/cob/jobs/cob.job';
import { LoanEntity } from '../modules/loans/loan.entity';
import { loanPermissions } from '../modules/loans/loan.permissions';
import { LoanResolver } from '../modules/loans/loan.resolver';
import { LoanServicingService } from '../modules/loans/loan-servicing.service';
import { LoanBookingService } from '../modules/loans/loan-booking.service';
import { CreditLineService } from '../modules/loans/credit-line.service';
import { CreditLineResolver } from '../modules/loans/credit-line.resolver';
import { LoanRestructureService } from '../modules/loans/loan-restructure.service';
import { BureauMonitoringService } from '../modules/loans/bureau-monitoring.service';
import { ApplicationEntity } from '../modules/origination/application.entity';
import { DecisionPipeline } from '../modules/origination/decision-pipeline';
import { originationPermissions } from '../modules/origination/origination.permissions';
import { OriginationResolver } from '../modules/origination/origination.resolver';
import { OriginationService } from '../modules/origination/origination.service';
import { type Providers, guardedProviders, sandboxProviders } from '../platform/providers/providers';
import { tenantPermissions } from '../modules/tenancy/tenant.permissions';
import { eventPermissions } from '../modules/events/events.permissions';
import { EventsResolver } from '../modules/events/events.resolver';
import { EventLogService } from '../modules/events/event-log.service';
import { EventStream } from '../modules/events/event-stream';
import { WebhookEndpointService } from '../modules/events/webhook-endpoint.service';
import { WebhookDeliveryService } from '../modules/events/webhook-delivery.service';
import { webhookDeliverJob, webhookDispatchJob, webhookSweepJob } from '../modules/events/jobs/webhooks.job';
import { Notifications } from '../platform/db/notifications';
import { AutoDebitService } from '../modules/payments/auto-debit.service';
import { CollectionSettlement } from '../modules/payments/collection-settlement';
import { PayoutService } from '../modules/payments/payouts.service';
import { payoutJob, payoutSweepJob, payoutTenantSweepJob } from '../modules/payments/jobs/payout.job';
import { autoDebitRunJob, autoDebitScheduleJob } from '../modules/payments/jobs/auto-debit.job';
import { PaymentSettingsService } from '../modules/payments/payment-settings.service';
import { paymentsPermissions } from '../modules/payments/payments.permissions';
import { PaymentsResolver } from '../modules/payments/payments.resolver';
import { StripeClients } from '../modules/payments/stripe-clients';
import { StripePaymentsService } from '../modules/payments/stripe-payments.service';
import { StripeWebhookService } from '../modules/payments/stripe-webhook.service';
import { BankStatementService } from '../modules/payments/bank-statement.service';
import { bankStatementPermissions } from '../modules/payments/bank-statement.permissions';
import { BankStatementResolver } from '../modules/payments/bank-statement.resolver';
import { usagePermissions } from '../modules/billing/usage.permissions';
import { UsageResolver } from '../modules/billing/usage.resolver';
import { UsageBillingService } from '../modules/billing/usage.service';
import { stripeUsageMeter } from '../modules/billing/usage-meter';
import { usageReportJob, usageScheduleJob } from '../modules/billing/jobs/usage.job';
import { approvalPermissions } from '../modules/approvals/approval.permissions';
import { ApprovalResolver } from '../modules/approvals/approval.resolver';
import { ApprovalService } from '../modules/approvals/approval.service';
import type { GuardedOperationRegistry } from '../modules/approvals/guarded-operation';
import { decisionConfigGuardedOperations } from '../modules/decision-config/guarded-operations';
import { loanGuardedOperations } from '../modules/loans/guarded-operations';
import { settlementsCobWriter } from '../modules/loans/settlements.cob';
import { originationGuardedOperations } from '../modules/origination/guarded-operations';
import { productGuardedOperations } from '../modules/products/guarded-operations';
import { TenantResolver } from '../modules/tenancy/tenant.resolver';
import { TenantService } from '../modules/tenancy/tenant.service';
import { TenantDirectory } from '../platform/tenancy/tenant-directory';

/** Every TypeORM entity. */
export const entities = [
  TenantEntity, ApiKeyEntity, PlatformApiKeyEntity, StaffUserEntity, BorrowerEntity, AuditEntryEntity,
  ReferenceRateEntity, RateCapRuleEntity, LoanProductEntity, LoanProductVersionEntity, ApplicationEntity, LoanEntity,
];

/** Every module's shield rule map; merged and snapshot-tested in one place. */
export const permissionMaps = [tenantPermissions, identityPermissions, auditPermissions, pricingPermissions, loanProductPermissions, schedulePermissions,
  borrowerPermissions, decisionConfigPermissions, originationPermissions, loanPermissions, cobPermissions, ledgerPermissions, paymentsPermissions, eventPermissions,
  bankStatementPermissions, usagePermissions, approvalPermissions, collectionsPermissions, agentsPermissions, commissionsPermissions, referralsPermissions, analyticsPermissions, crossSellPermissions];

/** The services of all modules, wired once per process (the composition root). */
export function createServices(config: Config, dataSource: () => DataSource, queue: () => QueueRuntime, vendors: Providers = sandboxProviders()) {
  // Every provider call passes the network guard (no call while a transaction is open).
  const providers = guardedProviders(vendors);
  const limits = config.graphql;
  // Units of work for modules that commit in parts or start with none of their own.
  const units = new Units(dataSource);
  const audit = new AuditService(limits);
  // The lenders as every module reads them; the tenancy module writes them.
  const directory = new TenantDirectory();
  const tenants = new TenantService(audit, limits, directory);
  // Agents come before the keys that belong to them; their payout accounts are the payments module's.
  const agents = new AgentService({ audit, limits, payoutAccounts: { set: (ctx, ownerType, id, account): Promise<unknown> => stripePayments.setPayoutAccount(ctx, ownerType, id, account) } });
  const apiKeys = new ApiKeyService(directory, audit, limits, agents);
  const staff = new StaffUserService(audit, limits);
  const sessions = new SessionService(units, { ...config.jwt }, audit);
  const auditVerifications = new AuditVerificationService(audit, queue);
  const pricing = new PricingService(directory, audit);
  const ledger = new LedgerService();
  const products = new LoanProductService(directory, pricing, audit, limits, ledger);
  const schedules = new ScheduleService(directory, products, pricing);
  const ciphers = new TenantCipherService(config.masterKey, config.masterKeyPrevious);
  const borrowers = new BorrowerService(ciphers, audit, limits);
  const decisionConfigs = new DecisionConfigService(audit);
  const pipeline = new DecisionPipeline(providers, ciphers, decisionConfigs, pricing);
  const paymentSettings = new PaymentSettingsService({ ciphers, audit });
  const stripeClients = new StripeClients(config.stripe.api, paymentSettings);
  let servicingRef: LoanServicingService | null = null;
  const payouts = new PayoutService({
    settings: paymentSettings, clients: stripeClients, fallback: providers.payments, ciphers, ledger, servicing: () => servicingRef!, tenants: directory, audit, queue, policy: config.payouts,
  });
  const booking = new LoanBookingService({ payouts, ledger, audit });
  const creditLines = new CreditLineService({ tenants: directory, products, pricing, booking, audit });
  const referrals = new ReferralService({ ciphers, audit, limits });
  const origination = new OriginationService({ tenants: directory, borrowers, products, pricing, configs: decisionConfigs, pipeline, audit, limits, booking, creditLines, referrals });
  const servicing = new LoanServicingService({ tenants: directory, ledger, audit, limits, snapshotEvery: config.servicingSnapshotEvery });
  servicingRef = servicing;
  const restructuring = new LoanRestructureService({ servicing, booking, products, tenants: directory, ledger, audit });
  const collectionPolicies = new CollectionPolicyService(audit, agents);
  const collectionCases = new CollectionCaseService({ policies: collectionPolicies, tenants: directory, audit, limits });
  const placements = new AgencyPlacementService({ tenants: directory, ledger });
  const collectionActions = new CollectionActionService({ policies: collectionPolicies, tenants: directory, cases: collectionCases, placements });
  const complaints = new ComplaintService({ policies: collectionPolicies, audit, limits });
  const collectionKpis = new CollectionKpiService();
  const settlementOffers = new SettlementOfferService({ cases: collectionCases, servicing, audit });
  // The operations a tenant can put under four-eyes, each declared by its module; approvals runs a stored request by name.
  const guarded = {
    loans: loanGuardedOperations({ servicing, restructuring, tenants: directory }),
    origination: originationGuardedOperations({ origination }),
    products: productGuardedOperations({ products }),
    decisionConfigs: decisionConfigGuardedOperations({ decisionConfigs }),
    collections: collectionGuardedOperations({ offers: settlementOffers }),
  };
  const operations = { ...guarded.loans, ...guarded.origination, ...guarded.products, ...guarded.decisionConfigs, ...guarded.collections } satisfies GuardedOperationRegistry;
  const approvals = new ApprovalService({ audit, limits, operations });
  const monitoring = new BureauMonitoringService({ borrowers, providers, servicing, tenants: directory });
  const auditCheckpoints = new AuditCheckpointService([config.masterKey, ...(config.masterKeyPrevious ? [config.masterKeyPrevious] : [])]);
  // Close of business writes collection cases in each partition's statement.
  // Commissions: plans, what close of business earns from the day's loan events, statements.
  const commissionPlans = new CommissionPlanService(audit);
  const agentRisk = new AgentRiskService();
  const agentOnboarding = new AgentOnboardingService({ agents, kyc: providers.kyc, ciphers, tenants: directory, audit });
  const commissionEarning = new CommissionEarning({ tenants: directory, ledger });
  // Analytics: the daily portfolio snapshot (close of business's last step) and the figures read from it.
  const portfolioSnapshots = new PortfolioSnapshots();
  const portfolioFigures = new PortfolioFiguresService({ tenants: directory });
  const financialAssumptions = new FinancialAssumptionsService({ audit });
  const concentrations = new ConcentrationService({ tenants: directory });
  const vintageCurves = new VintageService({ tenants: directory });
  const profits = new ProfitabilityService({ tenants: directory });
  const funnels = new OriginationFunnelService({ tenants: directory });
  const rolls = new RollRateService({ tenants: directory });
  const portfolioCharts = new PortfolioCharts({ figures: portfolioFigures, concentration: concentrations, vintages: vintageCurves, rollRates: rolls, metricFields: PORTFOLIO_METRICS });
  // Cross-sell: eligibility rules, propensity models fitted on the lender's history, candidates with pre-approved offers.
  const crossSellRules = new CrossSellRuleService(audit, products);
  const propensityModels = new PropensityModels();
  const crossSellCandidates = new CrossSellCandidates({ tenants: directory, rules: crossSellRules, models: propensityModels, products, pricing, limits });
  const campaigns = new CampaignService({ candidates: crossSellCandidates, policies: collectionPolicies, tenants: directory, audit });
  const commissionLedger = new CommissionLedger({ audit, limits, trueUp: (ctx, period, today) => commissionEarning.trueUp(ctx, period, today) });
  const cob = new CobService({
    units, tenants: directory, ledger, checkpoints: auditCheckpoints, chunkSize: config.cobChunkSize, samplePercent: config.cobSamplePercent, parallelism: config.cobParallelism, statementTimeoutMs: config.cobStatementTimeoutMs, workMem: config.cobWorkMem,
    writers: [settlementsCobWriter, collectionsCobWriter], finishers: [(ctx, date) => commissionEarning.run(ctx, date), (ctx, date) => agentRisk.raise(ctx, date), (ctx, date) => portfolioSnapshots.write(ctx, date), (ctx, date) => concentrations.raise(ctx, date)],
  });
  const stripePayments: StripePaymentsService = new StripePaymentsService({ settings: paymentSettings, clients: stripeClients, servicing, payouts, tenants: directory, audit, limits, agents, statements: commissionLedger });
  const settlement = new CollectionSettlement({ servicing, tenants: directory });
  const autoDebit = new AutoDebitService({ settings: paymentSettings, clients: stripeClients, servicing, settlement, tenants: directory, audit });
  const stripeWebhooks = new StripeWebhookService({ units, settings: paymentSettings, clients: stripeClients, settlement });
  const bankStatements = new BankStatementService({ units, servicing, tenants: directory, audit });
  const usage = new UsageBillingService({ units, tenants: directory, audit, meter: stripeUsageMeter(config.stripe), limits });
  const eventLog = new EventLogService(limits);
  // One LISTEN connection per process, opened by the first user (a subscription, the dispatch trigger).
  let notifications: Notifications | null = null;
  const eventNotifications = () => (notifications ??= new Notifications(appUrlOf(dataSource()), 'microlend_events'));
  const eventStream = new EventStream(units, eventNotifications);
  const webhookEndpoints = new WebhookEndpointService({ ciphers, audit, production: config.env === 'production', allowPrivateNetworks: config.webhooks.allowPrivateNetworks });
  const webhookDeliveries = new WebhookDeliveryService({ endpoints: webhookEndpoints, audit, queue, settings: config.webhooks, limits });
  return { units, directory, crossSellRules, propensityModels, crossSellCandidates, campaigns, portfolioSnapshots, portfolioFigures, financialAssumptions, portfolioCharts, concentrations, vintageCurves, profits, funnels, rolls, agents, agentRisk, agentOnboarding, referrals, placements, commissionPlans, commissionEarning, commissionLedger, settlementOffers, collectionPolicies, collectionCases, collectionActions, complaints, collectionKpis, approvals, guarded, bankStatements, usage, paymentSettings, stripePayments, payouts, autoDebit, stripeWebhooks, eventLog, eventStream, eventNotifications, closeNotifications: () => notifications?.close(), webhookEndpoints, webhookDeliveries, queue, cob, booking, creditLines, restructuring, monitoring, audit, auditCheckpoints, auditVerifications, tenants, apiKeys, staff, sessions, pricing, products, schedules, ciphers, borrowers, decisionConfigs, ledger, origination, servicing, providers };
}
export type Services = ReturnType<typeof createServices>;

/** Resolver instances for type-graphql's container. */
export function createResolvers(s: Services) {
  return [new TenantResolver(s.tenants), new IdentityResolver(s.tenants, s.apiKeys, s.staff, s.sessions), new AuditResolver(s.audit, s.auditVerifications),
    new PricingResolver(s.pricing, s.directory),
    new LoanProductResolver(s.products, s.approvals, s.guarded.products),
    new ScheduleResolver(s.schedules),
    new BorrowerResolver(s.borrowers),
    new DecisionConfigResolver(s.decisionConfigs, s.ciphers, s.audit, s.approvals, s.staff, s.guarded.decisionConfigs),
    new OriginationResolver(s.origination, s.approvals, s.guarded.origination),
    new LoanResolver(s.servicing, s.ledger, s.products, s.directory, s.monitoring, s.approvals, s.guarded.loans),
    new CobResolver(s.cob, s.queue),
    new LedgerResolver(s.ledger),
    new CreditLineResolver(s.creditLines, s.servicing),
    new PaymentsResolver(s.paymentSettings, s.stripePayments, s.autoDebit, s.directory, s.payouts),
    new EventsResolver(s.eventLog, s.webhookEndpoints, s.webhookDeliveries),
    new BankStatementResolver(s.bankStatements),
    new UsageResolver(s.usage),
    new ApprovalResolver(s.approvals),
    new CollectionsResolver(s.collectionPolicies, s.collectionCases, s.collectionActions, s.complaints, s.collectionKpis, s.approvals, s.guarded.collections, s.placements),
    new CollectionCaseFieldsResolver(s.collectionCases, s.servicing, s.borrowers, s.settlementOffers, s.placements),
    new AgentsResolver(s.agents, new AgentPerformanceService(), s.agentRisk, s.agentOnboarding),
    new CommissionsResolver(s.commissionPlans, s.commissionLedger, s.directory),
    new ReferralsResolver(s.referrals),
    new AnalyticsResolver(s.portfolioFigures, s.financialAssumptions, s.portfolioCharts, s.concentrations, s.vintageCurves, s.profits, s.funnels, s.rolls),
    new CrossSellResolver(s.crossSellRules, s.crossSellCandidates, s.propensityModels, s.campaigns),
  ];
}

/** The periodic jobs every worker installs (BullMQ job schedulers: one per id however many workers). */
export const jobSchedules = [
  // The nightly run's clock: every hour each tenant's closed business days are queued.
  { id: 'cob-schedule', everyMs: 3_600_000, job: 'cob.schedule' },
  // Auto-debit: each tenant's run once per business date in its own time zone (ticks de-duplicate).
  { id: 'payments-auto-debit', everyMs: 3_600_000, job: 'payments.auto_debit.schedule' },
  // Usage billing: a closed month per tenant goes to Stripe once; ticks through the day retry a month that failed.
  { id: 'usage-schedule', everyMs: 6 * 3_600_000, job: 'usage.schedule' },
  // Payouts: each tenant's due payouts whose job was lost (or whose worker died mid-call) are sent again.
  { id: 'payments-payout-sweep', everyMs: 60_000, job: 'payments.payout.sweep' },
  // Collections: each tenant's due messages (and those the conduct rules moved) go out.
  { id: 'collections-actions', everyMs: 5 * 60_000, job: 'collections.actions.schedule' },
  // Campaigns: each tenant's due offers (and those the conduct rules moved) go out.
  { id: 'campaigns-deliver', everyMs: 5 * 60_000, job: 'campaigns.deliver.schedule' },
];

/** Every job the worker runs. */
export function jobDefinitions(s: Services): JobDefinition[] {
  return [auditVerifyJob(s.audit) as JobDefinition, cobRunJob(s.cob, s.queue) as JobDefinition, cobPartitionJob(s.cob, s.queue) as JobDefinition, cobScheduleJob(s.queue, s.cob, s.directory),
    autoDebitRunJob(s.autoDebit) as JobDefinition, autoDebitScheduleJob(s.queue, s.autoDebit, s.directory),
    webhookDispatchJob(s.webhookDeliveries), webhookDeliverJob(s.webhookDeliveries) as JobDefinition, webhookSweepJob(s.webhookDeliveries, s.directory),
    usageReportJob(s.usage) as JobDefinition, usageScheduleJob(s.queue, s.usage, s.directory),
    payoutJob(s.payouts) as JobDefinition, payoutTenantSweepJob(s.payouts), payoutSweepJob(s.queue, s.payouts, s.directory),
    collectionActionsJob(s.collectionActions), collectionActionsScheduleJob(s.queue, s.collectionActions, s.directory),
    campaignDeliveryJob(s.campaigns), campaignDeliveryScheduleJob(s.queue, s.campaigns, s.directory)];
}

/** The connection string the data source was opened with (the app role), for side connections such as LISTEN. */
function appUrlOf(ds: DataSource): string {
  return (ds.options as { url?: string }).url ?? '';
}
