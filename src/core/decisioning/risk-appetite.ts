import { Dec } from '../money';

/** What a concentration limit is measured over. */
export type AppetiteDimension = 'BORROWER' | 'INDUSTRY' | 'REGION' | 'PRODUCT';

/**
 * A concentration limit from the tenant's risk appetite: an absolute cap (`maxAmount`), a cap on the
 * share of the whole portfolio (`maxShare`, a fraction such as "0.15"), or both.
 */
export interface AppetiteLimit {
  id: string;
  dimension: AppetiteDimension;
  /** The one value the limit is about (e.g. industry 'MINING'); null applies it to every value, e.g. each borrower. */
  key?: string | null;
  maxAmount?: string | null;
  maxShare?: string | null;
  action: 'DECLINE' | 'REFER';
}

/** Outstanding principal before this application: the portfolio and the subject's slice of each dimension. */
export interface ExposureSnapshot {
  portfolio: string;
  borrower: string;
  industry: string;
  region: string;
  product: string;
}

/** The application being checked. */
export interface AppetiteSubject {
  amount: string;
  borrowerId: string;
  industry: string | null;
  region: string | null;
  productCode: string;
}

/** A limit this application would break; `projected` is an amount or, for SHARE, a 6-decimal fraction. */
export interface AppetiteBreach {
  limitId: string;
  dimension: AppetiteDimension;
  key: string;
  measure: 'AMOUNT' | 'SHARE';
  limit: string;
  projected: string;
  action: 'DECLINE' | 'REFER';
}

const SHARE_DECIMALS = 6;

/**
 * Checks an application against the tenant's concentration limits, projecting each exposure as if
 * the application were disbursed: projected = exposure + amount, share = projected /
 * (portfolio + amount). Reaching a limit exactly is allowed; breaches are strict. Shares are
 * compared exactly and reported to 6 decimals.
 *
 * A subject whose industry or region is unknown (null) is not measured on that dimension: there is
 * no slice to add it to. Rules that insist on a known industry belong in the policy rules.
 */
export function checkAppetite(
  limits: AppetiteLimit[],
  subject: AppetiteSubject,
  exposure: ExposureSnapshot,
): { outcome: 'PASS' | 'REFER' | 'DECLINE'; breaches: AppetiteBreach[] } {
  const amount = new Dec(subject.amount);
  const portfolioAfter = new Dec(exposure.portfolio).plus(amount);
  const breaches: AppetiteBreach[] = [];

  for (const limit of limits) {
    const value = subjectValue(limit.dimension, subject);
    if (value === null) continue;
    if (limit.key != null && limit.key !== value) continue;
    const projected = new Dec(dimensionExposure(limit.dimension, exposure)).plus(amount);
    const base = { limitId: limit.id, dimension: limit.dimension, key: value, action: limit.action };

    if (limit.maxAmount != null && projected.gt(limit.maxAmount))
      breaches.push({ ...base, measure: 'AMOUNT', limit: new Dec(limit.maxAmount).toFixed(), projected: projected.toFixed() });
    if (limit.maxShare != null) {
      // An empty portfolio receiving nothing has no concentration at all.
      const share = portfolioAfter.isZero() ? new Dec(0) : projected.div(portfolioAfter);
      if (share.gt(limit.maxShare))
        breaches.push({ ...base, measure: 'SHARE', limit: new Dec(limit.maxShare).toFixed(), projected: share.toFixed(SHARE_DECIMALS) });
    }
  }

  const outcome = breaches.some((b) => b.action === 'DECLINE') ? 'DECLINE' : breaches.length ? 'REFER' : 'PASS';
  return { outcome, breaches };
}

function subjectValue(dimension: AppetiteDimension, s: AppetiteSubject): string | null {
  switch (dimension) {
    case 'BORROWER':
      return s.borrowerId;
    case 'INDUSTRY':
      return s.industry;
    case 'REGION':
      return s.region;
    case 'PRODUCT':
      return s.productCode;
  }
}

function dimensionExposure(dimension: AppetiteDimension, e: ExposureSnapshot): string {
  switch (dimension) {
    case 'BORROWER':
      return e.borrower;
    case 'INDUSTRY':
      return e.industry;
    case 'REGION':
      return e.region;
    case 'PRODUCT':
      return e.product;
  }
}
