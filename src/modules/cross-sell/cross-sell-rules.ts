import { type CrossSellKind, validateCrossSellRule } from '../../core/cross-sell';
import { badInput } from '../../core/domain-error';
import type { AuditService } from '../../platform/audit/audit.service';
import { type StoredVersion, VersionedDefinitions } from '../../platform/db/versioned-definitions';
import { withoutNulls } from '../../platform/graphql/input';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { LoanProductService } from '../products';
import { zodToBadInput } from '../tenancy';
import { type CrossSellRuleDefinition, asRule, crossSellRuleSchema } from './cross-sell-definition';

export type StoredCrossSellRule = StoredVersion<CrossSellRuleDefinition>;

/** The lender's eligibility rule per kind of cross-sell, versioned (a campaign keeps the version it was built on). */
export class CrossSellRuleService {
  private readonly store: VersionedDefinitions<CrossSellRuleDefinition>;

  constructor(audit: AuditService, private readonly products: LoanProductService) {
    this.store = new VersionedDefinitions('cross_sell_rules', audit, { type: 'CrossSellRule', action: 'crossSellRule' });
  }

  /** Validates and stores a rule; the same rule again changes nothing. `root` names the input in errors. */
  async set(ctx: RequestContext, input: unknown, source = 'api', root = 'input'): Promise<{ rule: StoredCrossSellRule; outcome: 'created' | 'updated' | 'unchanged' }> {
    const parsed = crossSellRuleSchema.safeParse(withoutNulls(input as object));
    if (!parsed.success) throw zodToBadInput(parsed.error, root);
    const rule = asRule(parsed.data);
    const problems = validateCrossSellRule(rule);
    if (problems.length) throw badInput(`${root}.${problems[0].path}`, problems[0].message, { issues: problems.map((p) => ({ field: `${root}.${p.path}`, message: p.message })) });
    const product = await this.products.byCode(ctx, rule.productCode);
    if (!product) throw badInput(`${root}.productCode`, `no product ${rule.productCode}`);
    if (product.status === 'ARCHIVED') throw badInput(`${root}.productCode`, `product ${rule.productCode} is archived`);
    const { stored, outcome } = await this.store.set(ctx, rule, source);
    return { rule: stored, outcome };
  }

  rules(ctx: RequestContext, kind?: CrossSellKind | null, currentOnly = false): Promise<StoredCrossSellRule[]> {
    return this.store.versions(ctx, kind, currentOnly);
  }

  async current(ctx: RequestContext, kind: CrossSellKind): Promise<StoredCrossSellRule | null> {
    return (await this.store.versions(ctx, kind, true))[0] ?? null;
  }
}
