import { CROSS_SELL_KINDS, type CalibrationBand, type CrossSellKind, type Observation, PROPENSITY_FEATURES, type PropensityModel, areaUnderCurve, calibrationByDecile, fitPropensity, propensity } from '../../core/cross-sell';
import type { Facts } from '../../core/decisioning';
import type { RequestContext } from '../../platform/tenancy/request-context';

/** Days after a loan's closing (or, for a top-up, its life) in which taking the next product counts as taking it up. */
export const OUTCOME_WINDOW_DAYS = 90;

/**
 * The lender's history as observations: each loan closed at least the outcome window before `asOf`,
 * with the borrower's features as they stood at its closing (month-end positions and loans up to
 * then, the marketing consent in force then) and what the borrower did next: RENEWAL, another loan
 * disbursed within the window after the closing (or in the week before it); GRADUATION, such a loan
 * at least 20% larger; CREDIT_LINE, a credit line opened within the window; TOP_UP, another loan
 * disbursed while this one was still live.
 */
const HISTORY_SQL = `
SELECT l.id,
  coalesce((SELECT round(count(*) FILTER (WHERE me.bucket = 'CURRENT')::numeric / nullif(count(*), 0), 4)
            FROM loan_month_ends me JOIN loans o ON o.tenant_id = me.tenant_id AND o.id = me.loan_id
            WHERE me.tenant_id = $1 AND o.borrower_id = l.borrower_id AND me.as_of <= l.closed_at::date AND me.bucket <> 'CLOSED'), 1)::float8 AS "onTimeRatio",
  ((SELECT (extract(year FROM age(l.closed_at::date, min(o.disbursement_date))) * 12 + extract(month FROM age(l.closed_at::date, min(o.disbursement_date))))
    FROM loans o WHERE o.tenant_id = $1 AND o.borrower_id = l.borrower_id AND o.disbursed_at <= l.closed_at))::float8 AS "monthsOnBook",
  (SELECT coalesce(max(m.max_dpd), 0) FROM loans o JOIN loan_milestones m ON m.tenant_id = o.tenant_id AND m.loan_id = o.id
   WHERE o.tenant_id = $1 AND o.borrower_id = l.borrower_id AND o.disbursed_at <= l.closed_at)::float8 AS "maxDpdEver",
  (SELECT count(*) FROM loans o WHERE o.tenant_id = $1 AND o.borrower_id = l.borrower_id AND o.status = 'CLOSED' AND o.closed_at <= l.closed_at)::float8 AS "loansRepaid",
  (SELECT count(*) FROM loans o CROSS JOIN LATERAL jsonb_array_elements(o.schedule) i
   WHERE o.tenant_id = $1 AND o.borrower_id = l.borrower_id AND o.id <> l.id AND o.disbursed_at < l.closed_at
     AND (o.closed_at IS NULL OR o.closed_at > l.closed_at) AND i ->> 'dueDate' > l.closed_at::date::text)::float8 AS "remainingTerm",
  ln(l.principal)::float8 AS "lastPrincipalLog",
  coalesce((SELECT c.granted FROM borrower_consents c WHERE c.tenant_id = $1 AND c.borrower_id = l.borrower_id AND c.kind = 'MARKETING' AND c.recorded_at <= l.closed_at
            ORDER BY c.recorded_at DESC, c.id DESC LIMIT 1), false) AS "marketingConsent",
  EXISTS (SELECT 1 FROM loans n WHERE n.tenant_id = $1 AND n.borrower_id = l.borrower_id AND n.id <> l.id
          AND n.disbursement_date > l.closed_at::date - 7 AND n.disbursement_date <= l.closed_at::date + $3::int) AS "RENEWAL",
  EXISTS (SELECT 1 FROM loans n WHERE n.tenant_id = $1 AND n.borrower_id = l.borrower_id AND n.id <> l.id AND n.principal >= l.principal * 1.2
          AND n.disbursement_date > l.closed_at::date - 7 AND n.disbursement_date <= l.closed_at::date + $3::int) AS "GRADUATION",
  EXISTS (SELECT 1 FROM credit_lines k WHERE k.tenant_id = $1 AND k.borrower_id = l.borrower_id
          AND k.created_at > l.closed_at - interval '7 days' AND k.created_at <= l.closed_at + make_interval(days => $3::int)) AS "CREDIT_LINE",
  EXISTS (SELECT 1 FROM loans n WHERE n.tenant_id = $1 AND n.borrower_id = l.borrower_id AND n.id <> l.id
          AND n.disbursed_at > l.disbursed_at AND n.disbursed_at < l.closed_at) AS "TOP_UP"
FROM loans l
WHERE l.tenant_id = $1 AND l.status IN ('CLOSED', 'WRITTEN_OFF') AND l.closed_at IS NOT NULL AND l.closed_at::date <= $2::date - $3::int
ORDER BY l.id`;

/** A fitted model as stored: its coefficients and how well it is calibrated on the held-out fifth of the history. */
export interface StoredPropensityModel {
  kind: CrossSellKind;
  version: number;
  model: PropensityModel;
  calibration: CalibrationBand[];
  auc: number | null;
  sampleSize: number;
  positives: number;
  fittedAt: Date;
}

/** The model's features from a borrower's facts (a missing on-time ratio counts as on time: nothing late was seen). */
export function featuresOf(facts: Facts): number[] {
  const n = (v: Facts[string], missing = 0) => (v === null || v === undefined || v === '' ? missing : Number(v));
  return [
    n(facts.onTimeRatio, 1), n(facts.monthsOnBook), n(facts.maxDpdEver), n(facts.loansRepaid), n(facts.remainingTerm),
    Math.log(Math.max(n(facts.lastPrincipal, 1), 1)), facts.marketingConsent === true || facts.marketingConsent === 'true' ? 1 : 0,
  ];
}

/** Fitting on the lender's own history, and the current models. */
export class PropensityModels {
  /**
   * Fits each kind's model on four fifths of the history and reports calibration by decile on the
   * other fifth (every fifth observation by id, so the split is the same each run), then stores it
   * as the kind's current model. A kind with no taker in the history is skipped (nothing to learn).
   */
  async fit(ctx: RequestContext, asOf: string, onProgress: (kind: CrossSellKind, done: number, total: number) => void = () => undefined): Promise<{ kind: CrossSellKind; fitted: StoredPropensityModel | null; observations: number; positives: number }[]> {
    const em = await ctx.db();
    const rows: Record<string, unknown>[] = await em.query(HISTORY_SQL, [ctx.tenant, asOf, OUTCOME_WINDOW_DAYS]);
    const out = [];
    for (const kind of CROSS_SELL_KINDS) {
      const data: Observation[] = rows.map((r) => ({ x: featuresOf(r as Facts), y: r[kind] ? 1 : 0 }));
      const positives = data.filter((d) => d.y === 1).length;
      if (!positives || positives === data.length) {
        onProgress(kind, 1, 1);
        out.push({ kind, fitted: null, observations: data.length, positives });
        continue;
      }
      const train = data.filter((_, i) => i % 5 !== 4);
      const test = data.filter((_, i) => i % 5 === 4);
      const model = fitPropensity(PROPENSITY_FEATURES, train, { onProgress: (done, total) => onProgress(kind, done, total) });
      const scored = (test.length >= 10 ? test : data).map((d) => ({ p: propensity(model, d.x), y: d.y }));
      const calibration = calibrationByDecile(scored);
      const auc = areaUnderCurve(scored);
      await em.query('UPDATE propensity_models SET is_current = false WHERE kind = $1 AND is_current', [kind]);
      const [stored] = await em.query(
        `INSERT INTO propensity_models (tenant_id, kind, version, is_current, model, calibration, sample_size, positives)
         SELECT $1, $2, coalesce(max(version), 0) + 1, true, $3, $4, $5, $6 FROM propensity_models WHERE kind = $2
         RETURNING version, fitted_at AS "fittedAt"`,
        [ctx.tenant, kind, JSON.stringify({ ...model, auc }), JSON.stringify(calibration), data.length, positives]);
      out.push({ kind, fitted: { kind, version: stored.version, model, calibration, auc, sampleSize: data.length, positives, fittedAt: stored.fittedAt }, observations: data.length, positives });
    }
    return out;
  }

  async current(ctx: RequestContext, kind?: CrossSellKind | null): Promise<StoredPropensityModel[]> {
    const rows = await (await ctx.db()).query(
      `SELECT kind, version, model, calibration, sample_size AS "sampleSize", positives, fitted_at AS "fittedAt" FROM propensity_models
       WHERE is_current AND ($1::text IS NULL OR kind = $1) ORDER BY kind`, [kind ?? null]);
    return rows.map((r: { model: PropensityModel & { auc: number | null } } & StoredPropensityModel) => ({ ...r, auc: r.model.auc ?? null }));
  }
}
