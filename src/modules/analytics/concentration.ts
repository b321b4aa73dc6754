import { type ExposureRow, concentrationRows } from '../../core/analytics';
import type { AppetiteDimension, AppetiteLimit } from '../../core/decisioning/risk-appetite';
import { badInput } from '../../core/domain-error';
import { Dec, currencyDecimals } from '../../core/money';
import { emitEvent } from '../../platform/events/outbox';
import { isCalendarDate } from '../../platform/graphql/scalars';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { TenantDirectory } from '../../platform/tenancy/tenant-directory';
import { SNAPSHOT_SETS } from './portfolio-snapshot';

export const CONCENTRATION_DIMENSIONS = ['INDUSTRY', 'REGION', 'PRODUCT', 'BORROWER'] as const;

export interface Concentration {
  asOf: string;
  snapshotDate: string | null;
  currency: string;
  dimension: AppetiteDimension;
  portfolio: string;
  rows: (ExposureRow & { label: string })[];
}

/**
 * Exposure by industry, region, product or borrower at a date's snapshot against the lender's risk
 * appetite (the same limits decisions apply), and the alerts close of business raises on it. Borrowers:
 * the largest exposures the snapshot keeps (a limit on each borrower is met first by the largest).
 */
export class ConcentrationService {
  constructor(private readonly deps: { tenants: TenantDirectory }) {}

  async concentration(ctx: RequestContext, args: { asOf?: string | null; dimension: AppetiteDimension }): Promise<Concentration> {
    const asOf = args.asOf ?? await this.deps.tenants.today(ctx);
    if (!isCalendarDate(asOf)) throw badInput('asOf', 'a date YYYY-MM-DD');
    const tenant = await this.deps.tenants.current(ctx);
    const currency = tenant.baseCurrency;
    const em = await ctx.db();
    const [{ d }] = await em.query(`SELECT max(as_of)::text AS d FROM portfolio_snapshots WHERE tenant_id = $1 AND grouping = ${SNAPSHOT_SETS.BOOK} AND as_of <= $2`, [ctx.tenant, asOf]);
    const [book] = d ? await em.query(`SELECT gross::text FROM portfolio_snapshots WHERE tenant_id = $1 AND grouping = ${SNAPSHOT_SETS.BOOK} AND as_of = $2 AND currency = $3`, [ctx.tenant, d, currency]) : [];
    const exposures: { key: string; label: string; exposure: string }[] = !d ? [] : args.dimension === 'BORROWER'
      ? await em.query(
        `SELECT t.borrower_id::text AS key, coalesce(b.display_name, t.borrower_id::text) AS label, t.gross::text AS exposure FROM portfolio_top_borrowers t
         LEFT JOIN borrowers b ON b.tenant_id = t.tenant_id AND b.id = t.borrower_id WHERE t.tenant_id = $1 AND t.as_of = $2 AND t.currency = $3`, [ctx.tenant, d, currency])
      : args.dimension === 'PRODUCT'
        ? await em.query(
          `SELECT p.code AS key, p.code || ' ' || p.name AS label, s.gross::text AS exposure FROM portfolio_snapshots s
           JOIN loan_products p ON p.tenant_id = s.tenant_id AND p.id = s.product_id WHERE s.tenant_id = $1 AND s.grouping = ${SNAPSHOT_SETS.PRODUCT} AND s.as_of = $2 AND s.currency = $3 AND s.loans > 0`, [ctx.tenant, d, currency])
        : await em.query(
          `SELECT coalesce(s.${args.dimension === 'INDUSTRY' ? 'industry' : 'region'}, '(unknown)') AS key, coalesce(s.${args.dimension === 'INDUSTRY' ? 'industry' : 'region'}, '(unknown)') AS label,
                  s.gross::text AS exposure FROM portfolio_snapshots s WHERE s.tenant_id = $1 AND s.grouping = ${SNAPSHOT_SETS[args.dimension]} AND s.as_of = $2 AND s.currency = $3 AND s.loans > 0`,
          [ctx.tenant, d, currency]);
    const [policy] = await em.query("SELECT definition FROM tenant_policies WHERE kind = 'RISK_APPETITE'");
    const limits: AppetiteLimit[] = policy?.definition ?? [];
    const portfolio = book?.gross ?? '0';
    const dp = currencyDecimals(currency);
    const labels = new Map(exposures.map((e) => [e.key, e.label]));
    const rows = concentrationRows(args.dimension, exposures.map((e) => ({ key: e.key, exposure: new Dec(e.exposure).toFixed(dp) })), portfolio, limits)
      .map((r) => ({ ...r, label: labels.get(r.key) ?? r.key }));
    return { asOf, snapshotDate: d ?? null, currency, dimension: args.dimension, portfolio: new Dec(portfolio).toFixed(dp), rows };
  }

  /**
   * Close of business's alerts, on changes: an exposure that goes over 90% of a limit raises
   * `portfolio.limit_near`, beyond it `portfolio.limit_breached`, back within 90% `portfolio.limit_cleared`;
   * each limit, measure and value once per change (a date run again raises nothing new).
   */
  async raise(ctx: RequestContext, date: string): Promise<number> {
    const em = await ctx.db();
    const [{ n }] = await em.query("SELECT count(*)::int AS n FROM tenant_policies WHERE kind = 'RISK_APPETITE' AND jsonb_array_length(definition) > 0");
    if (n === 0) return 0;
    const TYPES = { NEAR: 'portfolio.limit_near', BREACHED: 'portfolio.limit_breached', OK: 'portfolio.limit_cleared' } as const;
    const last: { subject: string; type: string }[] = await em.query(
      `SELECT DISTINCT ON (subject_id) subject_id AS subject, type FROM outbox_events
       WHERE subject_type = 'ConcentrationLimit' AND type = ANY($1) ORDER BY subject_id, seq DESC`, [Object.values(TYPES)]);
    const before = new Map(last.map((l) => [l.subject, l.type]));
    let raised = 0;
    for (const dimension of CONCENTRATION_DIMENSIONS) {
      const c = await this.concentration(ctx, { asOf: date, dimension });
      if (c.snapshotDate !== date) continue;
      const seen = new Set<string>();
      for (const row of c.rows) {
        for (const use of row.limits) {
          const subject = `${use.limitId}:${use.measure}:${dimension}:${row.key}`;
          seen.add(subject);
          const type = TYPES[use.status];
          const previous = before.get(subject) ?? TYPES.OK;
          if (type === previous) continue;
          await emitEvent(ctx, { type, subjectType: 'ConcentrationLimit', subjectId: subject, data: {
            businessDate: date, dimension, key: row.key, label: row.label, limitId: use.limitId, measure: use.measure, limit: use.limit, value: use.value, usage: use.usage,
            exposure: row.exposure, share: row.share, currency: c.currency,
          } });
          raised++;
        }
      }
    }
    return raised;
  }
}
