import { Dec } from '../money';
import type { AppetiteDimension, AppetiteLimit } from '../decisioning/risk-appetite';

export interface Exposure {
  /** The industry, region, product code or borrower id. */
  key: string;
  exposure: string;
}

export type LimitStatus = 'OK' | 'NEAR' | 'BREACHED';

export interface LimitUse {
  limitId: string;
  measure: 'AMOUNT' | 'SHARE';
  limit: string;
  /** The exposure (AMOUNT) or its share of the portfolio (SHARE, 6 places). */
  value: string;
  /** value / limit, 6 places. */
  usage: string;
  status: LimitStatus;
}

export interface ExposureRow extends Exposure {
  share: string | null;
  limits: LimitUse[];
  status: LimitStatus;
}

/** A limit is near when the exposure uses more than this share of it. */
export const NEAR_LIMIT = '0.9';

const ORDER: Record<LimitStatus, number> = { OK: 0, NEAR: 1, BREACHED: 2 };

/**
 * Each exposure of a dimension against the risk appetite's limits on it (a limit with a key: that
 * value only; without: every value): its share of the portfolio, each limit's use, and the worst
 * status. Breaches are strict, as at decision time (reaching a limit exactly is allowed); more than
 * 90% of a limit is NEAR. Largest exposure first.
 */
export function concentrationRows(dimension: AppetiteDimension, exposures: Exposure[], portfolio: string, limits: AppetiteLimit[]): ExposureRow[] {
  const total = new Dec(portfolio);
  const mine = limits.filter((l) => l.dimension === dimension);
  return [...exposures].sort((a, b) => new Dec(b.exposure).cmp(a.exposure) || a.key.localeCompare(b.key)).map((e) => {
    const share = total.gt(0) ? new Dec(e.exposure).div(total) : null;
    const uses: LimitUse[] = [];
    for (const l of mine.filter((x) => !x.key || x.key === e.key)) {
      if (l.maxAmount) uses.push(use(l.id, 'AMOUNT', l.maxAmount, new Dec(e.exposure), new Dec(e.exposure).toFixed()));
      if (l.maxShare && share) uses.push(use(l.id, 'SHARE', l.maxShare, share, share.toFixed(6)));
    }
    const status = uses.reduce<LimitStatus>((w, u) => (ORDER[u.status] > ORDER[w] ? u.status : w), 'OK');
    return { ...e, share: share?.toFixed(6) ?? null, limits: uses, status };
  });
}

function use(limitId: string, measure: 'AMOUNT' | 'SHARE', limit: string, value: Dec, shown: string): LimitUse {
  const usage = new Dec(limit).gt(0) ? value.div(limit) : new Dec(value.gt(0) ? Infinity : 0);
  const status: LimitStatus = value.gt(limit) ? 'BREACHED' : usage.gt(NEAR_LIMIT) ? 'NEAR' : 'OK';
  return { limitId, measure, limit, value: shown, usage: usage.isFinite() ? usage.toFixed(6) : 'Infinity', status };
}
