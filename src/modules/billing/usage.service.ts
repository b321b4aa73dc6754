import type { EntityManager } from 'typeorm';
import {
  USAGE_METERS, type UsageMeterName, assertPeriod, isClosed, lastClosedPeriod, meterEventIdentifier, meterEventTimestamp, periodBounds, periodOf, toMinorUnits,
} from '../../core/billing/usage';
import { Dec, currencyDecimals } from '../../core/money';
import { type Connection, type PageArgs, decodeCursor, pageSize, toConnection } from '../../platform/graphql/connection';
import { badInput } from '../../core/domain-error';
import { todayIn } from '../../platform/tenancy/business-date';
import type { Actor, RequestContext } from '../../platform/tenancy/request-context';
import type { Units } from '../../platform/tenancy/units';
import type { AuditService } from '../../platform/audit/audit.service';
import type { TenantDirectory } from '../../platform/tenancy/tenant-directory';
import type { UsageMeter } from './usage-meter';
import { returnedRows } from '../../platform/db/returned-rows';

export type UsageStatus = 'OPEN' | 'PENDING' | 'SENT' | 'FAILED';

/** A tenant's usage in a month, as stored (or computed live for a month not yet recorded). */
export interface UsageRecord {
  period: string;
  activeLoans: number;
  loansDisbursed: number;
  disbursedVolume: string;
  currency: string;
  /** Volume disbursed in currencies other than the base one: kept, not billed. */
  otherCurrencies: Record<string, string>;
  computedAt: Date;
  sentAt: Date | null;
  /** OPEN: the month has not ended; PENDING: final, not (all) sent; SENT; FAILED: the last send failed. */
  status: UsageStatus;
  stripeCustomerId: string | null;
  activeLoansEventId: string | null;
  disbursedVolumeEventId: string | null;
  attempts: number;
  lastError: string | null;
}

export interface UsageRun {
  tenantId: string;
  slug: string;
  period: string;
  status: UsageStatus | 'NO_CUSTOMER' | 'NOT_CONFIGURED' | 'ALREADY_SENT';
  record: UsageRecord | null;
  /** Meter events sent by this run. */
  sent: number;
  message: string;
}

const COLUMNS = `period, active_loans AS "activeLoans", loans_disbursed AS "loansDisbursed", disbursed_volume::text AS "disbursedVolume", trim(currency) AS currency,
  other_currencies AS "otherCurrencies", computed_at AS "computedAt", sent_at AS "sentAt", stripe_customer_id AS "stripeCustomerId",
  active_loans_event_id AS "activeLoansEventId", active_loans_sent_at AS "activeLoansSentAt", disbursed_volume_event_id AS "disbursedVolumeEventId",
  disbursed_volume_sent_at AS "disbursedVolumeSentAt", attempts, last_error AS "lastError"`;

type Row = Omit<UsageRecord, 'status'> & { activeLoansSentAt: Date | null; disbursedVolumeSentAt: Date | null };

/**
 * Usage billing of tenants: per tenant and closed month, the active loans and the volume disbursed
 * are computed from our own tables into `usage_records` and sent once to Stripe Billing as meter
 * events on the operator's account. A month is recomputed until its first event goes out and never
 * sent twice: each meter's send is recorded in the row, in the transaction that made it.
 */
export class UsageBillingService {
  constructor(private readonly deps: { units: Units; tenants: TenantDirectory; audit: AuditService; meter: UsageMeter | null; limits: { defaultPageSize: number; maxPageSize: number } }) {}

  /**
   * What a tenant used in a month, from the loans themselves. A loan is an **active loan** of the
   * month when it was active on at least one day of it: disbursed on or before the month's last day
   * and not ended (repaid, written off, restructured) before its first day, in the tenant's time
   * zone. A restructured loan and its successor are one debt: the successor counts from the month
   * after it was booked. **Disbursed volume** is the principal of the loans disbursed in the month,
   * successors of a restructure excluded (no new money went out), in the tenant's base currency.
   */
  async compute(ctx: RequestContext, period: string) {
    const tenant = await this.deps.tenants.current(ctx);
    const { first, last } = periodBounds(assertPeriod(period));
    const [active] = await (await ctx.db()).query(
      `SELECT count(*)::int AS n FROM loans
        WHERE disbursement_date <= $2::date
          AND (closed_at IS NULL OR (closed_at AT TIME ZONE $3)::date >= $1::date)
          AND NOT (restructured_from IS NOT NULL AND disbursement_date >= $1::date)`,
      [first, last, tenant.timezone]);
    const volumes: { currency: string; loans: number; volume: string }[] = await (await ctx.db()).query(
      `SELECT trim(currency) AS currency, count(*)::int AS loans, sum(principal)::text AS volume FROM loans
        WHERE disbursement_date BETWEEN $1::date AND $2::date AND restructured_from IS NULL GROUP BY currency ORDER BY currency`,
      [first, last]);
    const base = volumes.find((v) => v.currency === tenant.baseCurrency);
    const decimals = currencyDecimals(tenant.baseCurrency);
    return {
      activeLoans: active.n as number,
      loansDisbursed: volumes.reduce((n, v) => n + v.loans, 0),
      disbursedVolume: base ? roundTo(base.volume, decimals) : roundTo('0', decimals),
      currency: tenant.baseCurrency,
      otherCurrencies: Object.fromEntries(volumes.filter((v) => v.currency !== tenant.baseCurrency).map((v) => [v.currency, v.volume])),
    };
  }

  /**
   * Records a closed month's usage for the caller's tenant and sends to Stripe what is not sent yet,
   * under the row's lock. Idempotent: a month already sent sends nothing. A Stripe failure is data
   * (FAILED, with the error kept on the row and committed), so the next run retries just the rest.
   */
  async report(ctx: RequestContext, period: string): Promise<Omit<UsageRun, 'tenantId' | 'slug'>> {
    assertPeriod(period);
    const tenant = await this.deps.tenants.current(ctx);
    const today = todayIn(tenant.timezone);
    if (!isClosed(period, today)) return { period, status: 'OPEN', record: null, sent: 0, message: `${period} has not ended in ${tenant.timezone}` };
    const em = await ctx.db();
    const usage = await this.compute(ctx, period);
    await em.query(
      `INSERT INTO usage_records (tenant_id, period, active_loans, loans_disbursed, disbursed_volume, currency, other_currencies, computed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now()) ON CONFLICT (tenant_id, period) DO NOTHING`,
      [ctx.tenant, period, usage.activeLoans, usage.loansDisbursed, usage.disbursedVolume, usage.currency, JSON.stringify(usage.otherCurrencies)]);
    let [row]: Row[] = await em.query(`SELECT ${COLUMNS} FROM usage_records WHERE period = $1 FOR UPDATE`, [period]);
    if (row.sentAt) return { period, status: 'ALREADY_SENT', record: toRecord(row, today), sent: 0, message: `sent ${row.sentAt.toISOString()}` };
    if (!row.activeLoansSentAt && !row.disbursedVolumeSentAt) {
      // Nothing billed yet: late changes (a backdated closure) still count.
      row = await updated(em,
        `UPDATE usage_records SET active_loans = $2, loans_disbursed = $3, disbursed_volume = $4, currency = $5, other_currencies = $6, computed_at = now()
          WHERE period = $1 RETURNING ${COLUMNS}`,
        [period, usage.activeLoans, usage.loansDisbursed, usage.disbursedVolume, usage.currency, JSON.stringify(usage.otherCurrencies)]);
    }
    if (!this.deps.meter) return { period, status: 'NOT_CONFIGURED', record: toRecord(row, today), sent: 0, message: 'no Stripe platform key configured; kept to send later' };
    const [billing] = await em.query('SELECT stripe_customer_id FROM tenant_billing WHERE tenant_id = $1', [ctx.tenant]);
    if (!billing) return { period, status: 'NO_CUSTOMER', record: toRecord(row, today), sent: 0, message: 'the tenant has no Stripe billing customer; kept to send later' };
    const customerId: string = billing.stripe_customer_id;
    const [end] = await em.query('SELECT extract(epoch FROM ($1::date::timestamp AT TIME ZONE $2))::bigint AS s', [periodBounds(period).next, tenant.timezone]);
    const timestamp = meterEventTimestamp(Number(end.s), Math.floor(Date.now() / 1000));
    const values: Record<UsageMeterName, string> = {
      microlend_active_loans: String(row.activeLoans),
      microlend_disbursed_volume: toMinorUnits(row.disbursedVolume, currencyDecimals(row.currency)),
    };
    const column = { microlend_active_loans: 'active_loans', microlend_disbursed_volume: 'disbursed_volume' } as const;
    let sent = 0;
    for (const meter of USAGE_METERS) {
      if (meter === 'microlend_active_loans' ? row.activeLoansSentAt : row.disbursedVolumeSentAt) continue;
      const identifier = meterEventIdentifier(ctx.tenant, period, meter);
      try {
        // Nothing to bill is not sent (a zero adds nothing to a sum meter), but counts as done.
        if (values[meter] !== '0') {
          await this.deps.meter.send({ eventName: meter, customerId, value: values[meter], identifier, timestamp });
          sent++;
        }
        row = await updated(em,
          `UPDATE usage_records SET ${column[meter]}_event_id = $2, ${column[meter]}_sent_at = now(), stripe_customer_id = $3, attempts = attempts + 1 WHERE period = $1 RETURNING ${COLUMNS}`,
          [period, values[meter] === '0' ? null : identifier, customerId]);
      } catch (err) {
        const message = (err as Error).message?.slice(0, 500) ?? String(err);
        row = await updated(em,
          `UPDATE usage_records SET attempts = attempts + 1, last_error = $2, last_error_at = now() WHERE period = $1 RETURNING ${COLUMNS}`, [period, `${meter}: ${message}`]);
        return { period, status: 'FAILED', record: toRecord(row, today), sent, message: `${meter}: ${message}` };
      }
    }
    row = await updated(em, `UPDATE usage_records SET sent_at = now(), last_error = NULL WHERE period = $1 RETURNING ${COLUMNS}`, [period]);
    await this.deps.audit.record(ctx, { action: 'billing.usageSent', entityType: 'UsageRecord', entityId: period, after: { customerId, ...values } });
    return { period, status: 'SENT', record: toRecord(row, today), sent, message: `${sent} meter event(s) sent` };
  }

  /** The months of the caller's tenant recorded but not yet (all) sent, oldest first, except `period`. */
  async unsentPeriods(ctx: RequestContext, except: string): Promise<string[]> {
    const rows: { period: string }[] = await (await ctx.db()).query('SELECT period FROM usage_records WHERE sent_at IS NULL AND period <> $1 ORDER BY period', [except]);
    return rows.map((r) => r.period);
  }

  /**
   * The operator runs a month for every tenant (or one): each tenant in its own transaction, so one
   * tenant's failure leaves the others' sends recorded.
   */
  async runForPeriod(platform: RequestContext, period: string, opts: { slug?: string; actor?: Actor } = {}, onProgress?: (done: number, total: number, slug: string) => void): Promise<UsageRun[]> {
    assertPeriod(period);
    const tenants = opts.slug
      ? [await this.deps.tenants.bySlugOrThrow(platform, opts.slug)]
      : await this.deps.tenants.list(platform);
    const runs: UsageRun[] = [];
    for (const t of tenants) {
      const run = await this.deps.units.run({ tenantId: t.id, actor: opts.actor ?? platform.actor, roles: [], requestId: `usage:${t.id}:${period}` }, (ctx) => this.report(ctx, period))
        .catch((err: Error) => ({ period, status: 'FAILED' as const, record: null, sent: 0, message: err.message }));
      runs.push({ tenantId: t.id, slug: t.slug, ...run });
      onProgress?.(runs.length, tenants.length, t.slug);
    }
    return runs;
  }

  /** The caller's usage in a month (default the current one): the stored record, else computed live. */
  async usage(ctx: RequestContext, period?: string | null): Promise<UsageRecord> {
    const tenant = await this.deps.tenants.current(ctx);
    const today = todayIn(tenant.timezone);
    const p = period ?? periodOf(today);
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(p)) throw badInput('period', 'a month YYYY-MM');
    const [row]: Row[] = await (await ctx.db()).query(`SELECT ${COLUMNS} FROM usage_records WHERE period = $1`, [p]);
    if (row) return toRecord(row, today);
    const live = await this.compute(ctx, p);
    return {
      period: p, ...live, computedAt: new Date(), sentAt: null, status: isClosed(p, today) ? 'PENDING' : 'OPEN',
      stripeCustomerId: null, activeLoansEventId: null, disbursedVolumeEventId: null, attempts: 0, lastError: null,
    };
  }

  /** The caller's recorded months, newest first. */
  async records(ctx: RequestContext, args: PageArgs): Promise<Connection<UsageRecord>> {
    const tenant = await this.deps.tenants.current(ctx);
    const size = pageSize(args, this.deps.limits);
    const after = args.after ? decodeCursor(args.after) : null;
    const rows: Row[] = await (await ctx.db()).query(
      `SELECT ${COLUMNS} FROM usage_records WHERE ($1::text IS NULL OR period < $1) ORDER BY period DESC LIMIT $2`, [after, size + 1]);
    return toConnection(rows.map((r) => toRecord(r, todayIn(tenant.timezone))), size, (r) => r.period, Boolean(after));
  }

  /** The operator names the Stripe customer a tenant is billed as. */
  async setBillingCustomer(platform: RequestContext, slug: string, customerId: string): Promise<{ tenantId: string; slug: string; stripeCustomerId: string }> {
    if (!/^cus_[A-Za-z0-9]{1,100}$/.test(customerId)) throw badInput('customerId', 'a Stripe customer id (cus_…)');
    const tenant = await this.deps.tenants.bySlugOrThrow(platform, slug);
    const em = await platform.db();
    const [before] = await em.query('SELECT stripe_customer_id FROM tenant_billing WHERE tenant_id = $1', [tenant.id]);
    await em.query(
      `INSERT INTO tenant_billing (tenant_id, stripe_customer_id, updated_by) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id) DO UPDATE SET stripe_customer_id = EXCLUDED.stripe_customer_id, updated_at = now(), updated_by = EXCLUDED.updated_by`,
      [tenant.id, customerId, `${platform.actor.type}:${platform.actor.id ?? ''}`]);
    if (before?.stripe_customer_id !== customerId) {
      await this.deps.audit.record(platform.forTenant(tenant.id), {
        action: 'billing.customerSet', entityType: 'Tenant', entityId: tenant.id, before: { stripeCustomerId: before?.stripe_customer_id ?? null }, after: { stripeCustomerId: customerId },
      });
    }
    return { tenantId: tenant.id, slug: tenant.slug, stripeCustomerId: customerId };
  }

  /** The month the scheduler reports for a tenant today. */
  static dueFor(timezone: string, now = new Date()): string {
    return lastClosedPeriod(todayIn(timezone, now));
  }
}

/** The row an `UPDATE … RETURNING` gave back (TypeORM answers updates as [rows, count]). */
async function updated(em: EntityManager, sql: string, params: unknown[]): Promise<Row> {
  return returnedRows<Row>(await em.query(sql, params))[0];
}

function toRecord(row: Row, today: string): UsageRecord {
  const { activeLoansSentAt: _a, disbursedVolumeSentAt: _d, ...rest } = row;
  const status: UsageStatus = row.sentAt ? 'SENT' : row.lastError ? 'FAILED' : isClosed(row.period, today) ? 'PENDING' : 'OPEN';
  return { ...rest, activeLoans: Number(row.activeLoans), loansDisbursed: Number(row.loansDisbursed), disbursedVolume: roundTo(row.disbursedVolume, currencyDecimals(row.currency)), status };
}

/** Stored numeric(20,4) to the currency's decimals (loan principals are already at them). */
function roundTo(amount: string, decimals: number): string {
  return new Dec(amount).toFixed(decimals);
}
