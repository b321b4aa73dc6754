import { createHash } from 'node:crypto';
import { Dec, currencyDecimals } from '../money';
import { type MinorUnitSchedule, buildSchedule } from '../loan-math';
import { productScheduleInput, scheduleAprUnder } from './product-schedule';
import type { ProductTerms, Segment } from './product-terms';
import type { ResolvedCap } from '../pricing/rate-cap';

/** What the borrower is offered: the full disclosure, frozen until it is accepted or expires. */
export interface Offer {
  amount: string;
  currency: string;
  termCount: number;
  frequency: string;
  grade: string;
  annualRate: string;
  apr: string;
  aprConvention: string;
  cap: string | null;
  totalInterest: string;
  instalmentFees: string;
  upfrontFees: { deducted: string; financed: string; paidUpfront: string };
  totalCost: string;
  totalPayable: string;
  netDisbursement: string;
  fees: { name: string; kind: string; amount: string | null; rate: string | null; treatment: string | null; graceDays: number | null }[];
  schedule: { number: number; dueDate: string; principal: string; interest: string; fees: string; total: string; balance: string }[];
  disbursementDate: string;
  validUntil: string;
  productVersion: number;
  productName: string;
}

/** Prices and schedules the offer for an approved application; the APR is measured as the cap measures it. */
export function makeOffer(args: {
  terms: ProductTerms; productVersion: number; amount: string; termCount: number; frequency: string; grade: string; segment: string | null;
  today: string; validityDays: number; cap: ResolvedCap | null;
}): Offer {
  const { input } = productScheduleInput(args.terms, {
    principal: args.amount, termCount: args.termCount, frequency: args.frequency as never, grade: args.grade, segment: args.segment as Segment | null, disbursementDate: args.today,
  });
  const s = buildSchedule(input, { currencyDecimals: currencyDecimals(args.terms.currency) }) as MinorUnitSchedule;
  const m = (d: Dec) => d.toFixed(s.terms.decimals);
  const convention = args.cap?.rule.aprConvention ?? 'US_REG_Z_ACTUARIAL';
  const upfront = s.upfrontFees.deducted.plus(s.upfrontFees.paidUpfront).plus(s.upfrontFees.financed);
  const valid = new Date(`${args.today}T00:00:00Z`);
  valid.setUTCDate(valid.getUTCDate() + args.validityDays);
  return {
    amount: m(new Dec(args.amount)),
    currency: args.terms.currency,
    termCount: args.termCount,
    frequency: args.frequency,
    grade: args.grade,
    annualRate: new Dec(String(input.annualInterestRate)).toFixed(),
    apr: new Dec(scheduleAprUnder(s, convention)).toFixed(6),
    aprConvention: convention,
    cap: args.cap?.cap ?? null,
    totalInterest: m(s.totalInterest),
    instalmentFees: m(s.totalFees),
    upfrontFees: { deducted: m(s.upfrontFees.deducted), financed: m(s.upfrontFees.financed), paidUpfront: m(s.upfrontFees.paidUpfront) },
    totalCost: m(s.totalInterest.plus(s.totalFees).plus(upfront)),
    totalPayable: m(s.totalPayable),
    netDisbursement: m(s.netDisbursement),
    fees: args.terms.fees.map((f) => ({ name: f.name, kind: f.kind, amount: f.amount ?? null, rate: f.rate ?? null, treatment: f.treatment ?? null, graceDays: f.graceDays ?? null })),
    // Straight from minor units to text (no Decimal per cell): the same strings as toFixed of each.
    schedule: s.installmentStrings(),
    disbursementDate: args.today,
    validUntil: valid.toISOString().slice(0, 10),
    productVersion: args.productVersion,
    productName: args.terms.name,
  };
}

/**
 * Renders the tenant's contract template: `{{path}}` placeholders from the offer and parties only, so
 * the contract can state no fee the disclosure does not. Unknown placeholders are refused.
 */
export function renderContract(template: string, values: Record<string, unknown>): { text: string; sha256: string } {
  const text = template.replace(/\{\{\s*([a-zA-Z0-9_.]+)\s*\}\}/g, (_m, path: string) => {
    const value = path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), values);
    if (value === undefined || value === null) throw new Error(`contract template uses {{${path}}}, which has no value`);
    return String(value);
  });
  return { text, sha256: createHash('sha256').update(text, 'utf8').digest('hex') };
}

/** The contract's derived lines: the fee summary, late terms and the schedule table. */
export function contractValues(offer: Offer): Record<string, string> {
  const fees = offer.fees.filter((f) => f.kind === 'UPFRONT' || f.kind === 'PER_INSTALLMENT');
  return {
    feesSummary: fees.length ? fees.map((f) => `${f.name} ${f.amount ?? `${new Dec(f.rate ?? '0').times(100).toFixed()}%`}${f.treatment ? ` (${f.treatment.toLowerCase()})` : ''}`).join('; ') : 'none',
    lateTerms: offer.fees.filter((f) => f.kind === 'LATE').map((f) => `${f.name} ${f.amount ?? `${new Dec(f.rate ?? '0').times(100).toFixed()}%`} after ${f.graceDays ?? 0} days`).join('; ') || 'none',
    scheduleTable: offer.schedule.map((r) => `${String(r.number).padStart(3)}  ${r.dueDate}  ${r.total.padStart(12)}  (principal ${r.principal}, interest ${r.interest}, fees ${r.fees})`).join('\n'),
  };
}
