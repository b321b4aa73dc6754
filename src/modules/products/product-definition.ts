import { z } from 'zod';
import { AMORTIZATIONS, DAY_COUNTS, FREQUENCIES, MAX_OFFERED_TERM_COUNT, UPFRONT_FEE_TREATMENTS } from '../../core/loan-math';
import { currencyDecimals, isKnownCurrency } from '../../core/money';
import { DEFAULT_CHART } from '../../core/ledger/journal';
import { ALLOCATION_BUCKETS, COLLATERAL_KINDS, type ProductTerms, SEGMENTS } from '../../core/products/product-terms';

const DECIMAL = /^(0|[1-9]\d{0,15})(\.\d{1,12})?$/;
const decimal = (what: string) => z.string().regex(DECIMAL, `${what} must be a non-negative decimal string such as "0.12"`);
const fraction = (what: string, max = 1) => decimal(what).refine((v) => cmp(v, String(max)) <= 0, `${what} must be at most ${max}`);
const decimalsOf = (v: string) => (v.split('.')[1] ?? '').length;
/** Compares two non-negative decimal strings exactly (no float on the way). */
function cmp(a: string, b: string): number {
  const [ai, af = ''] = a.split('.');
  const [bi, bf = ''] = b.split('.');
  if (ai.length !== bi.length) return ai.length - bi.length;
  const width = Math.max(af.length, bf.length);
  const x = ai + af.padEnd(width, '0');
  const y = bi + bf.padEnd(width, '0');
  return x < y ? -1 : x > y ? 1 : 0;
}

const feeSchema = z
  .object({
    kind: z.enum(['UPFRONT', 'PER_INSTALLMENT', 'LATE', 'PREPAYMENT']),
    name: z.string().min(1).max(100),
    chargeType: z.enum(['FLAT', 'PERCENT']),
    amount: decimal('amount').nullish(),
    rate: fraction('rate').nullish(),
    treatment: z.enum(UPFRONT_FEE_TREATMENTS as [string, ...string[]]).nullish(),
    graceDays: z.number().int().min(0).max(365).nullish(),
  })
  .strict()
  .superRefine((f, ctx) => {
    if (f.chargeType === 'FLAT' && !f.amount) ctx.addIssue({ code: 'custom', path: ['amount'], message: 'a FLAT fee needs amount' });
    if (f.chargeType === 'PERCENT' && !f.rate) ctx.addIssue({ code: 'custom', path: ['rate'], message: 'a PERCENT fee needs rate' });
    if (f.kind === 'PER_INSTALLMENT' && f.chargeType !== 'FLAT') ctx.addIssue({ code: 'custom', path: ['chargeType'], message: 'a per-instalment fee is FLAT' });
    if (f.kind === 'UPFRONT' && !f.treatment) ctx.addIssue({ code: 'custom', path: ['treatment'], message: 'an upfront fee needs a treatment (DEDUCTED, FINANCED, PAID_UPFRONT)' });
    if (f.kind !== 'UPFRONT' && f.treatment) ctx.addIssue({ code: 'custom', path: ['treatment'], message: 'only upfront fees have a treatment' });
    if (f.kind !== 'LATE' && f.graceDays != null) ctx.addIssue({ code: 'custom', path: ['graceDays'], message: 'only late fees have grace days' });
  });

/**
 * A loan product version's terms, shared by GraphQL input and `tenants/<slug>.yaml`. Every rule that
 * can be checked without the database is here; the rate cap is checked by the service.
 */
export const productTermsSchema = z
  .object({
    name: z.string().min(1).max(200),
    description: z.string().max(2000).nullish(),
    segment: z.enum(SEGMENTS as [string, ...string[]]),
    currency: z.string().refine(isKnownCurrency, 'an ISO 4217 currency code'),
    amountMin: decimal('amountMin'),
    amountMax: decimal('amountMax'),
    termMin: z.number().int().min(1).max(MAX_OFFERED_TERM_COUNT),
    termMax: z.number().int().min(1).max(MAX_OFFERED_TERM_COUNT),
    frequencies: z.array(z.enum(FREQUENCIES as [string, ...string[]])).min(1).refine((f) => new Set(f).size === f.length, 'no frequency twice'),
    amortization: z.enum(AMORTIZATIONS as [string, ...string[]]),
    dayCount: z.enum(DAY_COUNTS as [string, ...string[]]),
    graceOnPrincipalPeriods: z.number().int().min(0).default(0),
    graceOnInterestPeriods: z.number().int().min(0).default(0),
    rounding: z
      .object({ decimals: z.number().int().min(0).max(8), mode: z.enum(['HALF_EVEN', 'HALF_UP', 'DOWN', 'UP']), installmentMultipleOf: decimal('installmentMultipleOf').nullish() })
      .strict(),
    fees: z.array(feeSchema).default([]),
    penaltyAnnualRate: fraction('penaltyAnnualRate', 10).default('0'),
    allocationOrder: z
      .array(z.enum(ALLOCATION_BUCKETS as [string, ...string[]]))
      .default(['PENALTY', 'FEES', 'INTEREST', 'PRINCIPAL'])
      .refine((o) => o.length === ALLOCATION_BUCKETS.length && new Set(o).size === o.length, `name each of ${ALLOCATION_BUCKETS.join(', ')} once`),
    overpaymentPolicy: z.enum(['REDUCE_TERM', 'REDUCE_INSTALLMENT', 'CREDIT']).default('REDUCE_TERM'),
    collateral: z
      .array(z.object({ kind: z.enum(COLLATERAL_KINDS as [string, ...string[]]), maxLtv: fraction('maxLtv').nullish() }).strict())
      .default([{ kind: 'NONE' }])
      .refine((c) => c.length > 0 && new Set(c.map((x) => x.kind)).size === c.length, 'each collateral kind once'),
    creditLine: z
      .object({ limitMin: decimal('limitMin'), limitMax: decimal('limitMax'), validityMonths: z.number().int().min(1).max(120) })
      .strict()
      .nullish(),
    delinquencyBuckets: z
      .array(z.object({ name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 +_-]{0,29}$/, 'a bucket name such as 1-30 or WATCH'), minDpd: z.number().int().min(0), maxDpd: z.number().int().min(0).nullish().transform((v) => v ?? null) }).strict())
      .min(1)
      .nullish()
      .superRefine((b, ctx) => {
        if (!b) return;
        // Contiguous from 0 and open-ended at the end, so every DPD has exactly one bucket.
        const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
        if (new Set(b.map((x) => x.name)).size !== b.length) issue([], 'each bucket name once');
        if (b[0].minDpd !== 0) issue([0, 'minDpd'], 'the first bucket starts at 0 days past due');
        b.forEach((x, i) => {
          const last = i === b.length - 1;
          if (last && x.maxDpd !== null) issue([i, 'maxDpd'], 'the last bucket is open-ended (maxDpd null)');
          if (!last && (x.maxDpd === null || x.maxDpd < x.minDpd)) issue([i, 'maxDpd'], 'maxDpd at least minDpd (only the last bucket is open-ended)');
          if (!last && x.maxDpd !== null && b[i + 1].minDpd !== x.maxDpd + 1) issue([i + 1, 'minDpd'], `starts the day after the bucket before (${x.maxDpd + 1})`);
        });
      }),
    accountMapping: z
      .array(z.object({ role: z.enum(DEFAULT_CHART.map((a) => a.code) as [string, ...string[]]), account: z.string().regex(/^[A-Z][A-Z0-9_]{1,39}$/, 'an account code such as LOAN_PRINCIPAL_AGRI') }).strict())
      .default([])
      .refine((m) => new Set(m.map((x) => x.role)).size === m.length, 'each role once'),
    rateBands: z
      .array(z.object({ grade: z.string().regex(/^[A-Z][A-Z0-9+-]{0,3}$/, 'a grade such as A, B+ or E'), annualRate: fraction('annualRate', 10), feeDiscount: fraction('feeDiscount').default('0') }).strict())
      .min(1)
      .refine((b) => new Set(b.map((x) => x.grade)).size === b.length, 'each grade once'),
    segmentOverrides: z
      .array(
        z.object({ segment: z.enum(SEGMENTS as [string, ...string[]]), grade: z.string().nullish(), annualRate: fraction('annualRate', 10).nullish(), feeDiscount: fraction('feeDiscount').nullish() }).strict(),
      )
      .default([]),
  })
  .strict()
  .superRefine((t, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const minor = isKnownCurrency(t.currency) ? currencyDecimals(t.currency) : 2;
    if (t.rounding.decimals > minor) issue(['rounding', 'decimals'], `${t.currency} has ${minor} decimals`);
    for (const f of ['amountMin', 'amountMax'] as const) {
      if (decimalsOf(t[f]) > t.rounding.decimals) issue([f], `${f} has more decimals than the product rounds to (${t.rounding.decimals})`);
    }
    if (cmp(t.amountMin, '0') <= 0) issue(['amountMin'], 'amountMin must be positive');
    if (cmp(t.amountMin, t.amountMax) > 0) issue(['amountMax'], 'amountMax must be at least amountMin');
    if (t.termMin > t.termMax) issue(['termMax'], 'termMax must be at least termMin');
    if (t.graceOnPrincipalPeriods >= t.termMin) issue(['graceOnPrincipalPeriods'], 'grace must be shorter than the shortest term');
    if (t.graceOnInterestPeriods >= t.termMin) issue(['graceOnInterestPeriods'], 'grace must be shorter than the shortest term');
    t.fees.forEach((f, i) => {
      if (f.amount && decimalsOf(f.amount) > t.rounding.decimals) issue(['fees', i, 'amount'], `more decimals than the product rounds to (${t.rounding.decimals})`);
    });
    if (t.collateral.some((c) => c.kind === 'NONE') && t.collateral.length > 1) issue(['collateral'], 'NONE cannot be combined with other kinds');
    t.collateral.forEach((c, i) => {
      if ((c.kind === 'NONE' || c.kind === 'GUARANTOR') && c.maxLtv) issue(['collateral', i, 'maxLtv'], `${c.kind} has no loan-to-value`);
    });
    if (t.creditLine && cmp(t.creditLine.limitMin, t.creditLine.limitMax) > 0) issue(['creditLine', 'limitMax'], 'limitMax must be at least limitMin');
    if (t.creditLine && cmp(t.amountMax, t.creditLine.limitMax) > 0) issue(['amountMax'], 'a draw cannot exceed the largest credit limit');
    const grades = new Set(t.rateBands.map((b) => b.grade));
    t.segmentOverrides.forEach((o, i) => {
      if (o.grade && !grades.has(o.grade)) issue(['segmentOverrides', i, 'grade'], `no rate band for grade ${o.grade}`);
      if (!o.annualRate && !o.feeDiscount) issue(['segmentOverrides', i], 'an override changes annualRate or feeDiscount');
    });
  });

/** The product code is the stable key (YAML, GraphQL); the terms are versioned. */
export const productCodeSchema = z.string().regex(/^[A-Z0-9][A-Z0-9_-]{1,39}$/, 'upper-case letters, digits, _ and -, 2-40 characters');

export function toProductTerms(parsed: z.infer<typeof productTermsSchema>): ProductTerms {
  return parsed as unknown as ProductTerms;
}
