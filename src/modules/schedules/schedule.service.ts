import { type AprConvention, MAX_OFFERED_TERM_COUNT, MinorUnitSchedule, type ScheduleInput, annualPercentageRate, buildSchedule } from '../../core/loan-math';
import { Dec, currencyDecimals, isKnownCurrency } from '../../core/money';
import { productScheduleInput, scheduleAprUnder } from '../../core/products/product-schedule';
import { scheduleFees } from '../../core/pricing/risk-pricing';
import { withinCap } from '../../core/pricing/rate-cap';
import { badInput, conflict } from '../../core/domain-error';
import { inSlices } from '../../platform/graphql/slices';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { PricingService } from '../pricing';
import type { LoanProductService } from '../products';
import type { TenantDirectory } from '../../platform/tenancy/tenant-directory';
import type { AprInputType, AprResultType, SchedulePreviewInput, SchedulePreviewType } from './dto/schedule.type';

const EXPLICIT_ONLY = ['annualInterestRate', 'amortization', 'dayCount', 'rounding', 'graceOnPrincipalPeriods', 'graceOnInterestPeriods', 'fees', 'currency'] as const;

/** Schedules and APRs as the borrower will see them, from a product or from explicit terms, always under the cap. */
export class ScheduleService {
  constructor(
    private readonly tenants: TenantDirectory,
    private readonly products: LoanProductService,
    private readonly pricing: PricingService,
  ) {}

  async preview(ctx: RequestContext, input: SchedulePreviewInput): Promise<SchedulePreviewType> {
    if (input.termCount > MAX_OFFERED_TERM_COUNT) throw badInput('input.termCount', `termCount must be at most ${MAX_OFFERED_TERM_COUNT}, whatever the product`);
    const resolved = input.productId ? await this.fromProduct(ctx, input) : await this.fromExplicitTerms(ctx, input);
    const schedule = buildSchedule(resolved.scheduleInput, { currencyDecimals: currencyDecimals(resolved.currency) });
    const cap = await this.pricing.capFor(ctx, input.disbursementDate);
    let capCheck: SchedulePreviewType['capCheck'] = null;
    if (cap) {
      const apr = scheduleAprUnder(schedule, cap.rule.aprConvention as AprConvention);
      this.pricing.assertWithinCap(apr, cap);
      capCheck = { apr: new Dec(apr).toFixed(10), aprConvention: cap.rule.aprConvention, cap: cap.cap, description: cap.description, withinCap: withinCap(apr, cap) };
    }
    return toPreview(schedule as MinorUnitSchedule, {
      annualInterestRate: String(resolved.scheduleInput.annualInterestRate),
      currency: resolved.currency,
      riskGrade: resolved.grade,
      productVersion: resolved.productVersion,
      capCheck,
    });
  }

  apr(input: AprInputType): AprResultType {
    const apr = annualPercentageRate({ advances: input.advances, payments: input.payments, convention: input.convention, unitPeriod: input.unitPeriod });
    return { apr: apr.toFixed(10), convention: input.convention, unitPeriod: input.unitPeriod };
  }

  private async fromProduct(ctx: RequestContext, input: SchedulePreviewInput) {
    const explicit = EXPLICIT_ONLY.find((f) => input[f] !== undefined && input[f] !== null);
    if (explicit) throw badInput(`input.${explicit}`, `${explicit} comes from the product; leave it out or preview explicit terms without productId`);
    if (!input.riskGrade) throw badInput('input.riskGrade', 'a product preview needs the riskGrade that prices it');
    const product = await this.products.byIdOrThrow(ctx, input.productId!);
    if (product.status === 'ARCHIVED') throw conflict(`Product ${product.code} is archived and takes no new applications`, { field: 'input.productId' });
    const version = await this.products.version(ctx, product.id, product.currentVersion);
    const { input: scheduleInput, price } = productScheduleInput(version.terms, {
      principal: input.principal, termCount: input.termCount, frequency: input.frequency, grade: input.riskGrade, segment: input.segment,
      disbursementDate: input.disbursementDate, firstDueDate: input.firstDueDate,
    });
    return { scheduleInput, currency: version.terms.currency, grade: price.grade, productVersion: version.version };
  }

  private async fromExplicitTerms(ctx: RequestContext, input: SchedulePreviewInput) {
    for (const f of ['annualInterestRate', 'amortization', 'dayCount', 'frequency'] as const) {
      if (!input[f]) throw badInput(`input.${f}`, `${f} is required without a productId`);
    }
    if (input.riskGrade || input.segment) throw badInput('input.riskGrade', 'riskGrade and segment price a product; give productId too');
    const tenant = await this.tenants.current(ctx);
    const currency = input.currency ?? tenant.baseCurrency;
    if (!isKnownCurrency(currency)) throw badInput('input.currency', `${currency} is not an ISO 4217 currency`);
    const scheduleInput: ScheduleInput = {
      principal: input.principal,
      termCount: input.termCount,
      frequency: input.frequency!,
      annualInterestRate: input.annualInterestRate!,
      amortization: input.amortization!,
      dayCount: input.dayCount!,
      disbursementDate: input.disbursementDate,
      firstDueDate: input.firstDueDate ?? undefined,
      rounding: input.rounding
        ? { decimals: input.rounding.decimals, mode: input.rounding.mode, installmentMultipleOf: input.rounding.installmentMultipleOf ?? undefined }
        : { decimals: Math.min(tenant.roundingDecimals, currencyDecimals(currency)), mode: tenant.roundingMode },
      graceOnPrincipalPeriods: input.graceOnPrincipalPeriods ?? 0,
      graceOnInterestPeriods: input.graceOnInterestPeriods ?? 0,
      fees: scheduleFees((input.fees ?? []).map((f) => ({ ...f, name: f.name }))),
    };
    return { scheduleInput, currency, grade: null, productVersion: null };
  }
}

/**
 * Money as the borrower reads it: every amount with the schedule's decimals ("17.00", not "17"). The
 * rows are written only when the query selects `installments` (GraphQL reads the property only then,
 * once per alias), straight from the minor units: a preview of totals formats no row. Rendered a
 * slice of rows per turn of the event loop (see inSlices), so a long schedule does not hold up other requests.
 */
function toPreview(s: MinorUnitSchedule, rest: Pick<SchedulePreviewType, 'annualInterestRate' | 'currency' | 'riskGrade' | 'productVersion' | 'capCheck'>): SchedulePreviewType {
  const money = (d: Dec) => d.toFixed(s.terms.decimals);
  return {
    get installments() {
      return inSlices(s.installmentStrings());
    },
    totalPrincipal: money(s.totalPrincipal),
    totalInterest: money(s.totalInterest),
    totalFees: money(s.totalFees),
    totalPayable: money(s.totalPayable),
    upfrontFees: { deducted: money(s.upfrontFees.deducted), financed: money(s.upfrontFees.financed), paidUpfront: money(s.upfrontFees.paidUpfront) },
    netDisbursement: money(s.netDisbursement),
    apr: s.apr.toFixed(10),
    ...rest,
  };
}
