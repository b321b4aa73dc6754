import { type CrossSellKind, judgeEligibility, offerAmount, propensity } from '../../core/cross-sell';
import { badInput } from '../../core/domain-error';
import { type AprConvention, buildSchedule } from '../../core/loan-math';
import { Dec, currencyDecimals } from '../../core/money';
import { productScheduleInput, scheduleAprUnder } from '../../core/products/product-schedule';
import type { Segment } from '../../core/products/product-terms';
import { withinCap } from '../../core/pricing/rate-cap';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { TenantDirectory } from '../../platform/tenancy/tenant-directory';
import { todayIn } from '../../platform/tenancy/business-date';
import type { PricingService } from '../pricing';
import type { LoanProductService } from '../products';
import { type BorrowerFacts, borrowerFacts } from './borrower-facts';
import type { StoredCrossSellRule, CrossSellRuleService } from './cross-sell-rules';
import { type PropensityModels, featuresOf } from './propensity-models';

/** A pre-approved offer: the product, amount and term the rule sizes, priced by the borrower's grade under today's cap. */
export interface PreApprovedOffer {
  productId: string;
  productCode: string;
  productVersion: number;
  currency: string;
  amount: string;
  termCount: number;
  frequency: string;
  grade: string;
  annualRate: string;
  apr: string;
  cap: string | null;
  validUntil: string;
}

export interface CrossSellCandidate {
  borrowerId: string;
  fullName: string | null;
  kind: CrossSellKind;
  /** The model's probability of take-up (null: no model fitted for the kind yet). */
  score: string | null;
  modelVersion: number | null;
  reasons: { name: string; value: string | null }[];
  facts: { name: string; value: string | null }[];
  offer: PreApprovedOffer;
}

/** Borrowers eligible for a kind of cross-sell, scored and each with a pre-approved offer. */
export class CrossSellCandidates {
  constructor(private readonly deps: { tenants: TenantDirectory; rules: CrossSellRuleService; models: PropensityModels; products: LoanProductService; pricing: PricingService; limits: { defaultPageSize: number; maxPageSize: number } }) {}

  get limits(): { defaultPageSize: number; maxPageSize: number } {
    return this.deps.limits;
  }

  /**
   * Every eligible borrower (the kind's current rule over today's facts) with an offer under today's
   * cap, highest score first (then by borrower), at or above `minScore`. `borrowerIds` narrows the
   * look to some borrowers (a campaign's audience check, an acceptance's re-check).
   */
  async all(ctx: RequestContext, kind: CrossSellKind, opts: { minScore?: string | null; borrowerIds?: string[] | null } = {}): Promise<{ rule: StoredCrossSellRule; candidates: CrossSellCandidate[] }> {
    const rule = await this.deps.rules.current(ctx, kind);
    if (!rule) throw badInput('kind', `no cross-sell rule for ${kind}; set one with setCrossSellRule or crossSell: in the tenant file`);
    const tenant = await this.deps.tenants.current(ctx);
    const today = todayIn(tenant.timezone);
    const product = await this.deps.products.byCode(ctx, rule.definition.productCode);
    if (!product || product.status === 'ARCHIVED') return { rule, candidates: [] };
    const version = await this.deps.products.version(ctx, product.id, product.currentVersion);
    const terms = version.terms;
    const cap = await this.deps.pricing.capFor(ctx, today);
    const [model] = await this.deps.models.current(ctx, kind);
    const decimals = currencyDecimals(terms.currency);
    const validUntil = new Date(Date.parse(today) + rule.definition.validDays * 86_400_000).toISOString().slice(0, 10);
    const out: CrossSellCandidate[] = [];
    for (const b of await borrowerFacts(ctx, today, opts.borrowerIds ?? null)) {
      const { eligible, reasons } = judgeEligibility(rule.definition, b.facts);
      if (!eligible) continue;
      const score = model ? propensity(model.model, featuresOf(b.facts)) : null;
      if (opts.minScore && (score === null || new Dec(score.toFixed(6)).lt(opts.minScore))) continue;
      const offer = this.offer(b, kind, rule, { terms, productId: product.id, productCode: product.code, productVersion: version.version, decimals, today, cap, validUntil });
      if (!offer) continue;
      out.push({
        borrowerId: b.borrowerId, fullName: b.fullName, kind, score: score === null ? null : score.toFixed(6), modelVersion: model?.version ?? null, reasons: reasons.map((r) => ({ name: r.fact, value: r.value })),
        facts: Object.entries(b.facts).map(([name, value]) => ({ name, value: value === null || value === undefined ? null : String(value) })), offer,
      });
    }
    out.sort((a, b) => (b.score === null ? -1 : 0) - (a.score === null ? -1 : 0) || Number(b.score ?? 0) - Number(a.score ?? 0) || (a.borrowerId < b.borrowerId ? -1 : 1));
    return { rule, candidates: out };
  }

  /** The offer the rule sizes, priced by the borrower's grade (the product's dearest when the grade has no band); null when none fits under the cap. */
  private offer(b: BorrowerFacts, kind: CrossSellKind, rule: StoredCrossSellRule, p: {
    terms: Awaited<ReturnType<LoanProductService['version']>>['terms']; productId: string; productCode: string; productVersion: number; decimals: number; today: string;
    cap: Awaited<ReturnType<PricingService['capFor']>>; validUntil: string;
  }): PreApprovedOffer | null {
    const amount = offerAmount(kind, { lastPrincipal: String(b.facts.lastPrincipal ?? '0'), outstandingPrincipal: String(b.facts.outstandingPrincipal ?? '0'), multiple: rule.definition.amountMultiple,
      minAmount: p.terms.amountMin, maxAmount: p.terms.amountMax, decimals: p.decimals });
    if (!amount) return null;
    const bands = p.terms.rateBands;
    const grade = bands.some((x) => x.grade === b.facts.grade) ? String(b.facts.grade) : [...bands].sort((x, y) => new Dec(y.annualRate).cmp(x.annualRate))[0].grade;
    const termCount = Math.min(Math.max(rule.definition.termCount ?? p.terms.termMin, p.terms.termMin), p.terms.termMax);
    const frequency = p.terms.frequencies[0];
    const { input, price } = productScheduleInput(p.terms, { principal: amount, termCount, frequency, grade, segment: (b.facts.segment as Segment | null) ?? null, disbursementDate: p.today });
    // The APR as decisions state it: under the cap's convention, US Reg Z actuarial with no cap in force.
    const apr = scheduleAprUnder(buildSchedule(input, { currencyDecimals: p.decimals }), (p.cap?.rule.aprConvention ?? 'US_REG_Z_ACTUARIAL') as AprConvention);
    if (!withinCap(apr, p.cap)) return null;
    return { productId: p.productId, productCode: p.productCode, productVersion: p.productVersion, currency: p.terms.currency, amount, termCount, frequency, grade,
      annualRate: price.annualRate, apr: new Dec(apr).toFixed(6), cap: p.cap?.cap ?? null, validUntil: p.validUntil };
  }
}
