import { Dec } from '../money';
import type { FeeSpec } from '../loan-math';
import type { ProductFee, ProductTerms, Segment } from '../products/product-terms';

/** The price a borrower of `grade` (and `segment`) gets on a product. */
export interface Price {
  grade: string;
  annualRate: string;
  feeDiscount: string;
  /** The override applied, if any. */
  segmentOverride: Segment | null;
}

export class UnknownGradeError extends Error {
  constructor(readonly grade: string, readonly grades: string[]) {
    super(`risk grade ${grade} has no rate band; the product prices ${grades.join(', ')}`);
  }
}

/**
 * Risk-based price: the product's band for the grade, then the most specific override for the
 * borrower's segment (one naming the grade wins over one for all grades).
 */
export function priceFor(terms: Pick<ProductTerms, 'rateBands' | 'segmentOverrides'>, grade: string, segment?: Segment | null): Price {
  const band = terms.rateBands.find((b) => b.grade === grade);
  if (!band) throw new UnknownGradeError(grade, terms.rateBands.map((b) => b.grade));
  const override = segment
    ? (terms.segmentOverrides.find((o) => o.segment === segment && o.grade === grade) ?? terms.segmentOverrides.find((o) => o.segment === segment && !o.grade))
    : undefined;
  return {
    grade,
    annualRate: override?.annualRate ?? band.annualRate,
    feeDiscount: override?.feeDiscount ?? band.feeDiscount,
    segmentOverride: override ? override.segment : null,
  };
}

/**
 * The engine's fee specs for a product's fees, with a fee discount applied to the amounts charged
 * through the schedule or at disbursement. Discounted amounts keep full precision here; the engine
 * rounds fee amounts with the schedule's rounding.
 */
export function scheduleFees(fees: ProductFee[], feeDiscount: string = '0'): FeeSpec[] {
  const keep = new Dec(1).minus(feeDiscount);
  const scaled = (v: string) => new Dec(v).times(keep).toFixed();
  return fees.map((f): FeeSpec => {
    const charge = f.chargeType === 'FLAT' ? { type: 'FLAT' as const, amount: f.amount ?? '0' } : { type: 'PERCENT' as const, rate: f.rate ?? '0' };
    const discounted = charge.type === 'FLAT' ? { type: 'FLAT' as const, amount: scaled(charge.amount) } : { type: 'PERCENT' as const, rate: scaled(charge.rate) };
    switch (f.kind) {
      case 'UPFRONT':
        return { kind: 'UPFRONT', name: f.name, charge: discounted, treatment: f.treatment ?? 'DEDUCTED' };
      case 'PER_INSTALLMENT':
        return { kind: 'PER_INSTALLMENT', name: f.name, amount: scaled(f.amount ?? '0') };
      case 'LATE':
        return { kind: 'LATE', name: f.name, charge, graceDays: f.graceDays ?? 0 };
      case 'PREPAYMENT':
        return { kind: 'PREPAYMENT', name: f.name, charge };
    }
  });
}
