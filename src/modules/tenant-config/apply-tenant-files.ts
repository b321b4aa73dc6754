import path from 'node:path';
import { asDomainError } from '../../platform/db/domain-errors';
import type { Units } from '../../platform/tenancy/units';
import type { ApprovalService } from '../approvals';
import type { DecisionConfigService } from '../decision-config';
import type { LedgerService } from '../ledger';
import type { PricingService } from '../pricing';
import type { LoanProductService } from '../products';
import type { TenantService } from '../tenancy';

/** The services a tenant file is applied through. */
export interface TenantFileServices {
  tenants: TenantService;
  pricing: PricingService;
  products: LoanProductService;
  decisionConfigs: DecisionConfigService;
  ledger: LedgerService;
  approvals: ApprovalService;
  collectionPolicies: CollectionPolicyService;
  agents: AgentService;
  commissionPlans: CommissionPlanService;
  referrals: ReferralService;
  financialAssumptions: FinancialAssumptionsService;
  crossSellRules: CrossSellRuleService;
}
import type { ApplyOutcome } from '../tenancy';
import type { CollectionPolicyService } from '../collections';
import type { AgentService } from '../agents';
import type { CommissionPlanService } from '../commissions';
import type { ReferralService } from '../referrals';
import type { FinancialAssumptionsService } from '../analytics';
import type { CrossSellRuleService } from '../cross-sell';
import { type TenantFile, TenantFileError, type TenantFileProblem, loadTenantFile, tenantFilesAt } from './tenant-files';

export interface ApplyReport {
  results: { file: string; slug: string; outcome: ApplyOutcome; products: Record<ApplyOutcome, number> }[];
}

/**
 * Applies tenant files: validates all of them first (nothing is written when any is wrong), then
 * applies each file in one transaction: the tenant, its rate caps, its products. Idempotent:
 * applying the same files again changes nothing.
 */
export async function applyTenantFiles(
  units: Units,
  services: TenantFileServices,
  target: string,
  onProgress: (done: number, total: number, file: string) => void = () => undefined,
): Promise<ApplyReport> {
  const files = tenantFilesAt(target);
  const loaded: TenantFile[] = [];
  const problems: TenantFileProblem[] = [];
  for (const file of files) {
    try {
      loaded.push(loadTenantFile(file));
    } catch (err) {
      if (err instanceof TenantFileError) problems.push(...err.problems);
      else throw err;
    }
  }
  if (problems.length) throw new TenantFileError(problems);
  const results: ApplyReport['results'] = [];
  for (const [i, file] of loaded.entries()) {
    results.push(await applyOne(units, services, file));
    onProgress(i + 1, loaded.length, path.basename(file.file));
  }
  return { results };
}

async function applyOne(units: Units, services: TenantFileServices, file: TenantFile) {
  const products: Record<ApplyOutcome, number> = { created: 0, updated: 0, unchanged: 0 };
  let section: (string | number)[] = ['tenant'];
  try {
    return await units.run(
      { tenantId: null, platform: true, actor: { type: 'SYSTEM', id: 'tenants-apply' }, roles: ['PLATFORM_ADMIN'] },
      async (platform) => {
        const { outcome, tenant } = await services.tenants.apply(platform, file.definition, path.basename(file.file));
        const ctx = platform.forTenant(tenant.id);
        let changed = outcome !== 'unchanged';
        for (const [i, cap] of file.content.rateCaps.entries()) {
          section = ['rateCaps', i];
          changed = (await services.pricing.setCapRule(ctx, cap, `rateCaps.${i}`)).changed || changed;
        }
        if (file.content.ledgerAccounts.length) {
          section = ['ledgerAccounts'];
          const chart = new Map((await services.ledger.accounts(ctx)).map((a) => [a.code, a]));
          for (const a of file.content.ledgerAccounts) {
            const had = chart.get(a.code);
            if (had && had.name === a.name && had.type === a.type) continue;
            await services.ledger.setAccount(ctx, a.code, a.name, a.type);
            changed = true;
          }
        }
        for (const [i, product] of file.content.products.entries()) {
          section = ['products', i];
          const result = await services.products.applyDefinition(ctx, product, `products.${i}.terms`);
          products[result]++;
          changed = changed || result !== 'unchanged';
        }
        const c = file.content;
        for (const [key, kind] of [['scorecard', 'SCORECARD'], ['rules', 'RULES']] as const) {
          const entry = c[key];
          if (!entry) continue;
          section = [key];
          changed = (await services.decisionConfigs.applyActive(ctx, kind, entry.name, entry.definition, `${key}.definition`)) || changed;
        }
        const policies = [
          ['approvalTiers', 'APPROVAL_TIERS'], ['riskAppetite', 'RISK_APPETITE'], ['stageTimeLimits', 'STAGE_TIME_LIMITS'],
          ['fraud', 'FRAUD'], ['offers', 'OFFERS'], ['contractTemplate', 'CONTRACT_TEMPLATE'],
        ] as const;
        for (const [key, kind] of policies) {
          if (c[key] === undefined) continue;
          section = [key];
          changed = (await services.decisionConfigs.setPolicy(ctx, kind, c[key], key)).changed || changed;
        }
        if (c.approvalPolicies !== undefined) {
          // Exactly the listed policies; the file itself is the reviewed change (it is not put under approval).
          section = ['approvalPolicies'];
          changed = (await services.approvals.applyPolicies(ctx, c.approvalPolicies)) || changed;
        }
        for (const [i, agent] of c.agents.entries()) {
          section = ['agents', i];
          changed = (await services.agents.applyDefinition(ctx, agent, `agents.${i}`)) || changed;
        }
        if (c.attribution) {
          section = ['attribution'];
          changed = (await services.referrals.setRules(ctx, c.attribution, 'attribution')).changed || changed;
        }
        for (const [i, plan] of c.commissions.entries()) {
          section = ['commissions', i];
          changed = (await services.commissionPlans.setPlan(ctx, plan, 'tenant-file', `commissions.${i}`)).outcome !== 'unchanged' || changed;
        }
        for (const [i, a] of c.financialAssumptions.entries()) {
          section = ['financialAssumptions', i];
          changed = (await services.financialAssumptions.apply(ctx, a)) || changed;
        }
        for (const [i, rule] of c.crossSell.entries()) {
          section = ['crossSell', i];
          changed = (await services.crossSellRules.set(ctx, rule, 'tenant-file', `crossSell.${i}`)).outcome !== 'unchanged' || changed;
        }
        for (const [i, policy] of c.collections.entries()) {
          section = ['collections', i];
          changed = (await services.collectionPolicies.setPolicy(ctx, policy, 'tenant-file', `collections.${i}`)).outcome !== 'unchanged' || changed;
        }
        if (c.conduct !== undefined) {
          section = ['conduct'];
          changed = (await services.collectionPolicies.setConduct(ctx, c.conduct, 'conduct')).outcome !== 'unchanged' || changed;
        }
        return { file: file.file, slug: tenant.slug, outcome: outcome === 'unchanged' && changed ? 'updated' : outcome, products };
      },
    );
  } catch (err) {
    const coded = asDomainError(err);
    if (!coded) throw err;
    // A refusal from a service (e.g. RATE_CAP_EXCEEDED): point at the section of the file it came from.
    const field = (coded.details.field as string | undefined)?.split('.') ?? section.map(String);
    const where = file.locate(field.map((p) => (/^\d+$/.test(p) ? Number(p) : p)));
    throw new TenantFileError([{ file: file.file, ...where, path: field.join('.'), message: `${coded.code}: ${coded.message}` }]);
  }
}
