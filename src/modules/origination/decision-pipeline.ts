import { Dec } from '../../core/money';
import {
  type ApprovalTier, type AppetiteLimit, assessFraud, checkAppetite, decideWithValidPolicy, type evaluateRules, nameSimilarity, type scoreApplicant, screenName, selectTier,
  type Facts,
} from '../../core/decisioning';
import { buildSchedule } from '../../core/loan-math';
import { currencyDecimals } from '../../core/money';
import { productScheduleInput, scheduleAprUnder } from '../../core/products/product-schedule';
import type { ProductTerms } from '../../core/products/product-terms';
import { withinCap } from '../../core/pricing/rate-cap';
import { uuidv7 } from '../../platform/db/ids';
import { queryPrepared, together } from '../../platform/db/prepared';
import type { EntityManager } from 'typeorm';
import { todayIn } from '../../platform/tenancy/business-date';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { TenantCipherService } from '../../platform/crypto/tenant-cipher.service';
import { DEFAULT_POLICIES, type DecisionConfigService } from '../decision-config';
import type { BorrowerEntity } from '../identity';
import type { PricingService } from '../pricing';
import type { TenantProfile } from '../../platform/tenancy/tenant-directory';
import type { ApplicationEntity } from './application.entity';
import type { Applicant, BureauReport, KycResult, Providers } from '../../platform/providers/providers';

export type DecisionOutcome = 'APPROVED' | 'REFERRED' | 'DECLINED';

/** What the providers answered about the applicant (see DecisionPipeline.ask). */
export interface Evidence {
  kyc: KycResult;
  bureau: BureauReport;
}

/** The self-explaining decision record kept with the application. */
export interface DecisionRecord {
  outcome: DecisionOutcome;
  /** Adverse-action reasons for a decline (and the reasons for a referral), most important first. */
  reasons: { code: string; source: string; description: string }[];
  checks: { kind: string; provider: string; outcome: 'PASS' | 'REFER' | 'FAIL'; summary: string; detail: unknown }[];
  facts: Facts;
  score: ReturnType<typeof scoreApplicant>;
  rules: ReturnType<typeof evaluateRules>;
  appetite: ReturnType<typeof checkAppetite>;
  price: { grade: string; annualRate: string | null; apr: string | null; cap: string | null; withinCap: boolean; note: string | null };
  tier: ApprovalTier;
  configVersions: { scorecard: number; rules: number };
  decidedAt: string;
}

/**
 * The evidence for one application (identity and the bureau, asked by `ask` before the application's
 * transaction; watch lists and fraud signals, read in it) and the pure decisioning core run over it:
 * scorecard, rules, risk appetite, price under the cap, approval tier. Provider results are stored as
 * checks; the bureau is pulled once per application.
 */
export class DecisionPipeline {
  constructor(
    private readonly providers: Providers,
    private readonly ciphers: TenantCipherService,
    private readonly configs: DecisionConfigService,
    private readonly pricing: PricingService,
  ) {}

  /**
   * The identity check and the bureau report, asked at once. Outside any transaction (the providers
   * pass the network guard): the caller reads what it needs first, commits, asks, then decides.
   * Consent was checked before; the bureau is pulled once per application.
   */
  async ask(applicant: Applicant): Promise<Evidence> {
    const [kyc, bureau] = await Promise.all([this.providers.kyc.verify(applicant), this.providers.bureau.pull(applicant)]);
    return { kyc, bureau };
  }

  async decide(
    ctx: RequestContext,
    input: { app: ApplicationEntity; borrower: BorrowerEntity; tenant: TenantProfile; terms: ProductTerms; productCode: string; collateralValue: string; hasCollateral: boolean; evidence: Evidence },
  ): Promise<DecisionRecord> {
    const { app, borrower, tenant, terms, evidence: { kyc, bureau } } = input;
    const em = await ctx.db();
    const cipher = await this.ciphers.cipher(ctx);
    const today = todayIn(tenant.timezone);
    const checks: DecisionRecord['checks'] = [];
    // The provider results, written together once the pipeline has read all it reads (none of its
    // reads is of the checks), staged with the command's next statement: no round trip of their own.
    const results: { kind: string; provider: string; result: string }[] = [];
    const saveCheck = (kind: string, provider: string, result: unknown) => void results.push({ kind, provider, result: JSON.stringify(result) });

    // What the decision reads goes in one round trip (the configuration, the fraud signals, the
    // book's exposure, the rate cap: none needs another's answer). The cap is kept for the
    // transaction; a cap that cannot be resolved fails the decision only where the price needs it.
    const deviceBidx = app.deviceId ? cipher.blindIndex('device', app.deviceId) : null;
    const [{ active, watchlist }, signals, exposure] = await together(em, () => Promise.all([
      this.configs.forDecision(ctx),
      fraudSignals(em, borrower, app.deviceId ?? null, deviceBidx),
      bookExposure(em, borrower, input.productCode),
      this.pricing.capFor(ctx, today).catch(() => null),
    ]));

    // Identity: document, liveness, face match, and declared vs verified data.
    saveCheck('KYC', this.providers.kyc.name, kyc);
    const kycPassed = kyc.documentVerified && kyc.livenessPassed && new Dec(kyc.faceMatchScore).gte('0.8');
    checks.push({ kind: 'KYC', provider: this.providers.kyc.name, outcome: kycPassed ? 'PASS' : 'FAIL', summary: kycPassed ? 'identity verified' : `document ${kyc.documentVerified ? 'ok' : 'not verified'}, liveness ${kyc.livenessPassed ? 'ok' : 'failed'}, face match ${kyc.faceMatchScore}`, detail: kyc });

    // Sanctions and watch lists the tenant uploaded, by fuzzy name match.
    const fraudPolicy = await this.configs.policy(ctx, 'FRAUD');
    const matches = screenName(borrower.fullName!, watchlist, Number(fraudPolicy.sanctionsThreshold));
    saveCheck('SANCTIONS', 'tenant-watchlists', { matches });
    checks.push({ kind: 'SANCTIONS', provider: 'tenant-watchlists', outcome: matches.length ? 'REFER' : 'PASS', summary: matches.length ? `possible match: ${matches[0].name} (${matches[0].listName}, ${matches[0].similarity.toFixed(2)})` : 'no match', detail: { matches } });

    // Fraud: the same identity, phone, device or bank account behind other borrowers; velocity; blacklist; mismatches.
    const mismatches = [
      ...(nameSimilarity(kyc.verifiedName, borrower.fullName!) < 0.85 ? ['NAME'] : []),
      ...(kyc.verifiedDateOfBirth && borrower.dateOfBirth && kyc.verifiedDateOfBirth !== borrower.dateOfBirth ? ['DATE_OF_BIRTH'] : []),
    ];
    const fraud = assessFraud({
      sameNationalIdOtherBorrowers: signals.nid,
      samePhoneOtherBorrowers: signals.phone,
      sameDeviceOtherBorrowers: signals.device,
      sameBankAccountOtherBorrowers: signals.bank,
      applicationsInWindow: signals.velocity,
      velocityLimit: fraudPolicy.velocityLimit,
      velocityWindowDays: fraudPolicy.velocityWindowDays,
      blacklistHits: signals.blacklist,
      mismatches,
    });
    saveCheck('FRAUD', 'microlend-fraud', fraud);
    checks.push({ kind: 'FRAUD', provider: 'microlend-fraud', outcome: fraud.score >= 60 ? 'FAIL' : fraud.score >= 30 ? 'REFER' : 'PASS', summary: fraud.hits.length ? fraud.hits.map((h) => h.code).join(', ') : 'no signal', detail: fraud });

    // The bureau's report.
    saveCheck('BUREAU', this.providers.bureau.name, bureau);
    checks.push({ kind: 'BUREAU', provider: this.providers.bureau.name, outcome: 'PASS', summary: `${bureau.openLoans.length} open loans, worst ${bureau.worstDelinquencyDays} days past due, ${bureau.enquiries90d} enquiries in 90 days`, detail: bureau });

    // Facts. DTI uses the dearest band's instalment: the grade is not known before scoring.
    const dearest = [...terms.rateBands].sort((a, b) => new Dec(b.annualRate).cmp(a.annualRate))[0].grade;
    const probe = buildSchedule(productScheduleInput(terms, { principal: app.requestedAmount, termCount: app.termCount, frequency: app.frequency, grade: dearest, disbursementDate: today }).input, { currencyDecimals: currencyDecimals(terms.currency) });
    const monthlyInstalment = monthlyEquivalent(probe.installments.reduce((m, i) => (i.total.gt(m) ? i.total : m), new Dec(0)), app.frequency);
    const income = borrower.monthlyIncome ? new Dec(borrower.monthlyIncome) : null;
    const obligations = new Dec(borrower.monthlyObligations ?? '0').plus(bureau.totalMonthlyRepayments);
    const facts: Facts = {
      age: borrower.dateOfBirth ? ageOn(borrower.dateOfBirth, today) : null,
      monthlyIncome: income?.toFixed(2) ?? null,
      monthlyObligations: obligations.toFixed(2),
      newInstalmentMonthly: monthlyInstalment.toFixed(2),
      dti: income && income.gt(0) ? obligations.plus(monthlyInstalment).div(income).toDecimalPlaces(4).toFixed() : null,
      openLoans: bureau.openLoans.length,
      openBalance: bureau.totalOpenBalance,
      worstDelinquencyDays: bureau.worstDelinquencyDays,
      enquiries90d: bureau.enquiries90d,
      yearsInBusiness: (borrower.business?.yearsInBusiness as number | undefined) ?? null,
      hasCollateral: input.hasCollateral,
      collateralValue: input.collateralValue,
      fraudScore: fraud.score,
      kycPassed,
      sanctionsHit: matches.length > 0,
      amount: new Dec(app.requestedAmount).toFixed(),
      termCount: app.termCount,
      segment: borrower.segment,
      region: borrower.region,
      industry: borrower.industry,
      source: app.source,
    };

    // The same function the simulation runs, so a simulated policy decides exactly as the live one
    // (the configuration came checked: forDecision checks each version once).
    const { score, rules } = decideWithValidPolicy({ scorecard: active.scorecard, rules: active.rules }, facts);
    const appetite = checkAppetite(
      (await this.configs.policy(ctx, 'RISK_APPETITE')) as AppetiteLimit[],
      { amount: facts.amount as string, borrowerId: borrower.id, industry: borrower.industry, region: borrower.region, productCode: input.productCode },
      exposure,
    );

    // Price: the product's band for the grade, under the cap in force today.
    const price: DecisionRecord['price'] = { grade: score.grade, annualRate: null, apr: null, cap: null, withinCap: false, note: null };
    if (terms.rateBands.some((b) => b.grade === score.grade)) {
      const { input: scheduleInput, price: p } = productScheduleInput(terms, { principal: app.requestedAmount, termCount: app.termCount, frequency: app.frequency, grade: score.grade, segment: borrower.segment as never, disbursementDate: today });
      const schedule = buildSchedule(scheduleInput, { currencyDecimals: currencyDecimals(terms.currency) });
      const cap = await this.pricing.capFor(ctx, today);
      price.annualRate = p.annualRate;
      price.apr = scheduleAprUnder(schedule, cap?.rule.aprConvention ?? 'US_REG_Z_ACTUARIAL');
      price.cap = cap?.cap ?? null;
      price.withinCap = withinCap(price.apr, cap);
      if (!price.withinCap) price.note = `APR ${price.apr} is above the cap ${cap!.cap}; a smaller amount or another term may fit`;
    } else {
      price.note = `the product has no rate band for grade ${score.grade}`;
    }

    const tiers = (await this.configs.policy(ctx, 'APPROVAL_TIERS')) as ApprovalTier[];
    const tier = selectTier(tiers, { amount: facts.amount as string, grade: score.grade, productCode: input.productCode });

    // Compliance checks bind whatever the tenant's rules say: an unverified identity is declined and a
    // watch-list hit always goes to a person (AML), so a rule-set change cannot switch them off.
    const reasons: DecisionRecord['reasons'] = [];
    const firedCodes = new Set(rules.results.filter((x) => x.fired).map((x) => x.reasonCode));
    if (!kycPassed && !firedCodes.has('IDENTITY_NOT_VERIFIED')) reasons.push({ code: 'IDENTITY_NOT_VERIFIED', source: 'check:KYC', description: 'identity, document or liveness not verified' });
    if (matches.length && !firedCodes.has('WATCHLIST_REVIEW')) reasons.push({ code: 'WATCHLIST_REVIEW', source: 'check:SANCTIONS', description: `possible watch-list match: ${matches[0].name}` });
    for (const r of rules.results.filter((x) => x.fired)) reasons.push({ code: r.reasonCode, source: `rule:${r.ruleId}`, description: r.description });
    for (const b of appetite.breaches) reasons.push({ code: `APPETITE_${b.dimension}`, source: `limit:${b.limitId}`, description: `${b.dimension.toLowerCase()} ${b.key} would reach ${b.projected} against a limit of ${b.limit} (${b.measure.toLowerCase()})` });
    if (!price.withinCap) reasons.push({ code: price.annualRate ? 'RATE_CAP' : 'NO_PRICE_FOR_GRADE', source: 'pricing', description: price.note! });

    let outcome: DecisionOutcome;
    if (rules.outcome === 'DECLINE' || appetite.outcome === 'DECLINE' || !price.withinCap || !kycPassed) outcome = 'DECLINED';
    else if (rules.outcome === 'REFER' || appetite.outcome === 'REFER' || tier.mode !== 'AUTO' || matches.length > 0) outcome = 'REFERRED';
    else outcome = 'APPROVED';
    if (outcome === 'DECLINED') {
      // Adverse action: the policy reasons first, then where the score lost most.
      for (const r of score.reasons) reasons.push({ code: r.code, source: 'scorecard', description: `${r.fact}: ${r.bin} (${r.pointsLost} points below the best)` });
    }
    if (outcome === 'REFERRED' && tier.mode !== 'AUTO') reasons.push({ code: `APPROVAL_${tier.mode}`, source: `tier:${tier.id}`, description: `${tier.name} decides` });
    ctx.writes.add(
      `INSERT INTO application_checks (tenant_id, id, application_id, kind, provider, result)
       SELECT $1, c.id, $2, c.kind, c.provider, c.result FROM unnest($3::uuid[], $4::text[], $5::text[], $6::jsonb[]) WITH ORDINALITY AS c (id, kind, provider, result, n) ORDER BY c.n`,
      [ctx.tenant, app.id, results.map(() => uuidv7()), results.map((r) => r.kind), results.map((r) => r.provider), results.map((r) => r.result)],
    );

    return { outcome, reasons, checks, facts, score, rules, appetite, price, tier, configVersions: { scorecard: active.scorecardVersion, rules: active.rulesVersion }, decidedAt: new Date().toISOString() };
  }
}

/**
 * The fraud signals of a borrower, in one statement: the same identity, phone, device or bank account
 * behind other borrowers, applications within the tenant's velocity window (its fraud policy, else the
 * default), blacklist hits.
 */
async function fraudSignals(em: EntityManager, borrower: BorrowerEntity, deviceId: string | null, deviceBidx: string | null) {
  const [row] = await queryPrepared<{ nid: number; phone: number; bank: number; device: number; velocity: number; blacklist: string[] }>(
    em,
    `SELECT (SELECT count(*) FROM borrowers WHERE national_id_bidx = $1 AND id <> $4)::int AS nid,
            (SELECT count(*) FROM borrowers WHERE phone_bidx = $2 AND id <> $4)::int AS phone,
            (SELECT count(*) FROM borrowers WHERE bank_account_bidx = $3 AND id <> $4)::int AS bank,
            (SELECT count(DISTINCT borrower_id) FROM applications WHERE device_id = $5 AND borrower_id <> $4)::int AS device,
            (SELECT count(*) FROM applications WHERE borrower_id = $4
               AND created_at > now() - make_interval(days => coalesce((SELECT (definition ->> 'velocityWindowDays')::int FROM tenant_policies WHERE kind = 'FRAUD'), $6)))::int AS velocity,
            (SELECT coalesce(array_agg(kind), '{}') FROM blacklist_entries
             WHERE (kind = 'NATIONAL_ID' AND value_bidx = $1) OR (kind = 'PHONE' AND value_bidx = $2) OR (kind = 'BANK_ACCOUNT' AND value_bidx = $3) OR (kind = 'DEVICE' AND value_bidx = $7)) AS blacklist`,
    [borrower.nationalIdBidx, borrower.phoneBidx, borrower.bankAccountBidx, borrower.id, deviceId, DEFAULT_POLICIES.FRAUD.velocityWindowDays, deviceBidx],
  );
  return row;
}

/**
 * Outstanding principal of the active book, for the portfolio and each dimension of the application:
 * the book's from its exposure cells (kept by the database as loans move; see
 * migrations/1766850000000-exposure-cells.ts), a few rows whatever the book's size; the borrower's
 * from their own loans.
 */
async function bookExposure(em: EntityManager, borrower: BorrowerEntity, productCode: string) {
  const [row] = await queryPrepared<{ portfolio: string; borrower: string; industry: string; region: string; product: string }>(
    em,
    `SELECT coalesce(sum(c.principal), 0)::text AS portfolio,
            (SELECT coalesce(sum(l.principal_outstanding), 0) FROM loans l WHERE l.borrower_id = $1 AND l.status = 'ACTIVE')::text AS borrower,
            coalesce(sum(c.principal) FILTER (WHERE c.industry = $2), 0)::text AS industry,
            coalesce(sum(c.principal) FILTER (WHERE c.region = $3), 0)::text AS region,
            coalesce(sum(c.principal) FILTER (WHERE p.code = $4), 0)::text AS product
     FROM exposure_cells c LEFT JOIN loan_products p ON p.tenant_id = c.tenant_id AND p.id = c.product_id`,
    [borrower.id, borrower.industry, borrower.region, productCode],
  );
  return row;
}

/** Age in whole years on a date. */
export function ageOn(dateOfBirth: string, on: string): number {
  const [y, m, d] = dateOfBirth.split('-').map(Number);
  const [ty, tm, td] = on.split('-').map(Number);
  return ty - y - (tm < m || (tm === m && td < d) ? 1 : 0);
}

/** An instalment expressed per month, for debt-to-income. */
function monthlyEquivalent(instalment: Dec, frequency: string): Dec {
  const perYear: Record<string, number> = { DAILY: 365, WEEKLY: 52, BIWEEKLY: 26, SEMI_MONTHLY: 24, MONTHLY: 12, QUARTERLY: 4 };
  return instalment.times(perYear[frequency] ?? 12).div(12).toDecimalPlaces(2);
}
