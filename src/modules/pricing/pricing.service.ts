import { Dec } from '../../core/money';
import { type CapRule, CapUnresolvedError, type ResolvedCap, resolveCap, withinCap } from '../../core/pricing/rate-cap';
import { uuidv7 } from '../../platform/db/ids';
import { queryPrepared } from '../../platform/db/prepared';
import { badInput, DomainError } from '../../core/domain-error';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { AuditService } from '../../platform/audit/audit.service';
import type { TenantDirectory } from '../../platform/tenancy/tenant-directory';
import { ReferenceRateEntity, RateCapRuleEntity } from './pricing.entity';
import { rateCapExceeded } from './pricing.errors';
import { type RateCapRuleDefinition, type ReferenceRateDefinition, rateCapRuleSchema, referenceRateSchema } from './pricing-definition';
import { zodToBadInput } from '../tenancy';

/** The caps resolved in this transaction, by date: several previews in one request read the rules once. */
const CAPS = Symbol('resolved caps');

/** Reference rates (shared) and each tenant's rate caps, and the one place the cap is enforced. */
export class PricingService {
  constructor(
    private readonly tenants: TenantDirectory,
    private readonly audit: AuditService,
  ) {}

  /** The operator publishes a reference rate value; re-publishing a date corrects it. */
  async setReferenceRate(ctx: RequestContext, input: unknown): Promise<ReferenceRateEntity> {
    const parsed = referenceRateSchema.safeParse(input);
    if (!parsed.success) throw zodToBadInput(parsed.error, '');
    const def: ReferenceRateDefinition = parsed.data;
    ctx.forgetTransactionOnce(CAPS);
    const em = await ctx.db();
    await em.query(
      `INSERT INTO reference_rates (name, effective_from, rate) VALUES ($1, $2, $3)
       ON CONFLICT (name, effective_from) DO UPDATE SET rate = EXCLUDED.rate`,
      [def.name, def.effectiveFrom, def.rate],
    );
    return em.getRepository(ReferenceRateEntity).findOneByOrFail({ name: def.name, effectiveFrom: def.effectiveFrom });
  }

  async referenceRates(ctx: RequestContext, name?: string | null): Promise<ReferenceRateEntity[]> {
    const repo = (await ctx.db()).getRepository(ReferenceRateEntity);
    return repo.find({ where: name ? { name } : {}, order: { name: 'ASC', effectiveFrom: 'DESC' } });
  }

  async capRules(ctx: RequestContext): Promise<RateCapRuleEntity[]> {
    return (await ctx.db()).getRepository(RateCapRuleEntity).find({ order: { jurisdiction: 'ASC', effectiveFrom: 'DESC' } });
  }

  /** Adds (or corrects, for the same jurisdiction and date) a cap rule of the caller's tenant. */
  async setCapRule(ctx: RequestContext, input: unknown, root = 'input'): Promise<{ rule: RateCapRuleEntity; changed: boolean }> {
    const parsed = rateCapRuleSchema.safeParse(input);
    if (!parsed.success) throw zodToBadInput(parsed.error, root);
    const def = parsed.data as RateCapRuleDefinition;
    ctx.forgetTransactionOnce(CAPS);
    const em = await ctx.db();
    if (def.kind === 'MULTIPLE_OF_REFERENCE') {
      const known = await em.getRepository(ReferenceRateEntity).existsBy({ name: def.referenceName! });
      if (!known) throw badInput(`${root}.referenceName`, `no reference rate named ${def.referenceName}`);
    }
    const repo = em.getRepository(RateCapRuleEntity);
    const existing = await repo.findOneBy({ jurisdiction: def.jurisdiction, effectiveFrom: def.effectiveFrom });
    const next = Object.assign(new RateCapRuleEntity(), {
      tenantId: ctx.tenant,
      id: existing?.id ?? uuidv7(),
      jurisdiction: def.jurisdiction,
      effectiveFrom: def.effectiveFrom,
      kind: def.kind,
      rate: def.rate ?? null,
      referenceName: def.referenceName ?? null,
      multiple: def.multiple ?? null,
      aprConvention: def.aprConvention,
      createdAt: existing?.createdAt ?? new Date(),
    });
    if (existing && sameRule(existing, next)) return { rule: existing, changed: false };
    await repo.save(next);
    await this.audit.record(ctx, { action: existing ? 'rateCap.corrected' : 'rateCap.added', entityType: 'RateCapRule', entityId: next.id, before: existing ? ruleOf(existing) : null, after: ruleOf(next) });
    return { rule: next, changed: true };
  }

  /** The cap in force for the tenant's jurisdiction on `date`, or null where no rule applies. */
  capFor(ctx: RequestContext, date: string): Promise<ResolvedCap | null> {
    return ctx.transactionOnce(CAPS, date, () => this.resolveCapFor(ctx, date));
  }

  private async resolveCapFor(ctx: RequestContext, date: string): Promise<ResolvedCap | null> {
    const tenant = await this.tenants.current(ctx);
    // The rules as the resolver reads them (one prepared statement, no entities).
    const rules = (await queryPrepared<CapRuleRow>(await ctx.db(), CAP_RULES_SQL, [])).map(ruleOf);
    if (!rules.some((r) => r.jurisdiction === tenant.jurisdiction)) return null;
    const rates = (await this.referenceRates(ctx)).map((r) => ({ name: r.name, effectiveFrom: r.effectiveFrom, rate: r.rate }));
    try {
      return resolveCap(rules, rates, tenant.jurisdiction, date);
    } catch (err) {
      if (err instanceof CapUnresolvedError) throw new DomainError('CONFLICT', `The rate cap cannot be resolved: ${err.message}`);
      throw err;
    }
  }

  /** Throws RATE_CAP_EXCEEDED when `apr` (a fraction) is above the cap. */
  assertWithinCap(apr: string, cap: ResolvedCap | null, where?: Record<string, unknown>): void {
    if (!withinCap(apr, cap)) throw rateCapExceeded(apr, cap!, where);
  }
}

/** The columns of a rule the resolver reads (dates as text, as the entity holds them). */
type CapRuleRow = Pick<RateCapRuleEntity, 'jurisdiction' | 'effectiveFrom' | 'kind' | 'rate' | 'referenceName' | 'multiple' | 'aprConvention'>;

const CAP_RULES_SQL = `SELECT jurisdiction, effective_from::text AS "effectiveFrom", kind, rate::text AS rate, reference_name AS "referenceName",
  multiple::text AS multiple, apr_convention AS "aprConvention" FROM rate_cap_rules ORDER BY jurisdiction ASC, effective_from DESC`;

export function ruleOf(e: CapRuleRow): CapRule {
  return {
    jurisdiction: e.jurisdiction,
    effectiveFrom: e.effectiveFrom,
    kind: e.kind,
    rate: e.rate === null ? null : new Dec(e.rate).toFixed(),
    referenceName: e.referenceName,
    multiple: e.multiple === null ? null : new Dec(e.multiple).toFixed(),
    aprConvention: e.aprConvention,
  };
}

function sameRule(a: RateCapRuleEntity, b: RateCapRuleEntity): boolean {
  const same = (x: string | null, y: string | null) => (x === null || y === null ? x === y : new Dec(x).eq(y));
  return a.kind === b.kind && same(a.rate, b.rate) && a.referenceName === b.referenceName && same(a.multiple, b.multiple) && a.aprConvention === b.aprConvention;
}
