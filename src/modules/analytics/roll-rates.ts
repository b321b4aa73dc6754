import { badInput } from '../../core/domain-error';
import { Dec, currencyDecimals } from '../../core/money';
import { DEFAULT_BUCKETS } from '../../core/servicing';
import { isCalendarDate } from '../../platform/graphql/scalars';
import { figureCurrency } from './currency-arg';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { TenantDirectory } from '../../platform/tenancy/tenant-directory';

export interface RollCell {
  from: string;
  to: string;
  count: number;
  /** Outstanding principal at the first month-end of the loans that made this move. */
  balance: string;
  /** Of the from bucket's loans, and of its balance (6 places). */
  countRate: string | null;
  balanceRate: string | null;
}

export interface RollRates {
  from: string;
  to: string;
  fromSnapshot: string | null;
  toSnapshot: string | null;
  currency: string;
  /** The from buckets in order, then where loans can end: the same buckets, CLOSED, WRITTEN_OFF, RESTRUCTURED. */
  buckets: string[];
  cells: RollCell[];
}

const ENDS = ['CLOSED', 'WRITTEN_OFF', 'RESTRUCTURED'];

/**
 * The bucket-to-bucket transition matrix between two month-ends (each date taken back to the last
 * month-end close of business kept on or before it): for the loans live at the first, where they
 * were at the second (a bucket, or CLOSED, WRITTEN_OFF, RESTRUCTURED), by count and by the balance
 * they had at the first. A matrix, once computed, is kept: month-ends do not change (a month-end run
 * again drops the matrices that used it).
 */
export class RollRateService {
  constructor(private readonly deps: { tenants: TenantDirectory }) {}

  async rollRates(ctx: RequestContext, args: { from: string; to: string; currency?: string | null }): Promise<RollRates> {
    if (!isCalendarDate(args.from)) throw badInput('from', 'a date YYYY-MM-DD');
    if (!isCalendarDate(args.to) || args.to <= args.from) throw badInput('to', 'a date YYYY-MM-DD after from');
    const tenant = await this.deps.tenants.current(ctx);
    const currency = figureCurrency(args.currency, tenant.baseCurrency);
    const em = await ctx.db();
    const snap = async (d: string) => ((await em.query('SELECT max(as_of)::text AS d FROM loan_month_ends WHERE tenant_id = $1 AND as_of <= $2', [ctx.tenant, d]))[0].d as string | null);
    const [fromSnapshot, toSnapshot] = [await snap(args.from), await snap(args.to)];
    const buckets = [...DEFAULT_BUCKETS.map((b) => b.name), ...ENDS];
    const empty = { from: args.from, to: args.to, fromSnapshot, toSnapshot, currency, buckets, cells: [] };
    if (!fromSnapshot || !toSnapshot || fromSnapshot >= toSnapshot) return empty;
    const [kept] = await em.query('SELECT cells FROM roll_rate_matrices WHERE tenant_id = $1 AND from_date = $2 AND to_date = $3 AND currency = $4', [ctx.tenant, fromSnapshot, toSnapshot, currency]);
    let raw: { from: string; to: string; count: number; balance: string }[] = kept?.cells;
    if (!raw) {
      raw = await em.query(
        `SELECT f.bucket AS "from", coalesce(t.bucket, l.status) AS "to", count(*)::int AS count, sum(f.outstanding)::text AS balance
         FROM loan_month_ends f
         LEFT JOIN loan_month_ends t ON t.tenant_id = f.tenant_id AND t.as_of = $3 AND t.loan_id = f.loan_id
         LEFT JOIN loans l ON l.tenant_id = f.tenant_id AND l.id = f.loan_id
         WHERE f.tenant_id = $1 AND f.as_of = $2 AND f.currency = $4 AND f.bucket <> ALL ($5)
         GROUP BY 1, 2`, [ctx.tenant, fromSnapshot, toSnapshot, currency, ENDS.concat(['ACTIVE'])]);
      await em.query('INSERT INTO roll_rate_matrices (tenant_id, from_date, to_date, currency, cells) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
        [ctx.tenant, fromSnapshot, toSnapshot, currency, JSON.stringify(raw)]);
    }
    const dp = currencyDecimals(currency);
    const order = (b: string) => (buckets.indexOf(b) === -1 ? buckets.length : buckets.indexOf(b));
    const totals = new Map<string, { count: number; balance: Dec }>();
    for (const c of raw) {
      const t = totals.get(c.from) ?? { count: 0, balance: new Dec(0) };
      totals.set(c.from, { count: t.count + c.count, balance: t.balance.plus(c.balance) });
    }
    const cells = [...raw].sort((a, b) => order(a.from) - order(b.from) || order(a.to) - order(b.to)).map((c) => {
      const t = totals.get(c.from)!;
      return { from: c.from, to: c.to, count: c.count, balance: new Dec(c.balance).toFixed(dp),
        countRate: t.count ? new Dec(c.count).div(t.count).toFixed(6) : null, balanceRate: t.balance.gt(0) ? new Dec(c.balance).div(t.balance).toFixed(6) : null };
    });
    return { ...empty, cells };
  }
}
