import { Dec } from '../../core/money';
import type { ProductTerms } from '../../core/products/product-terms';
import { uuidv7 } from '../../platform/db/ids';
import { once } from '../../platform/db/idempotency';
import { badInput, conflict, DomainError, notFound } from '../../core/domain-error';
import { todayIn } from '../../platform/tenancy/business-date';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { AuditService } from '../../platform/audit/audit.service';
import { BorrowerEntity } from '../identity';
import { type Offer, makeOffer } from '../../core/products/offer';
import type { PricingService } from '../pricing';
import type { LoanProductService } from '../products';
import type { TenantDirectory } from '../../platform/tenancy/tenant-directory';
import type { LoanBookingService } from './loan-booking.service';

export interface CreditLineView {
  id: string;
  applicationId: string;
  borrowerId: string;
  currency: string;
  limit: string;
  drawn: string;
  available: string;
  status: 'ACTIVE' | 'FROZEN' | 'CLOSED';
  openedOn: string;
  expiresOn: string;
  riskGrade: string;
}

/** What a credit line is opened from: the accepted application's parties, product and grade. */
export interface ApprovedApplication {
  id: string;
  borrowerId: string;
  productId: string;
  productVersion: number;
  riskGrade: string | null;
}

/**
 * Revolving credit lines (随借随还): the approved amount becomes a limit; the borrower draws any time
 * while the line is open, each draw a loan on the product's terms and the line's grade (interest
 * accrues daily on what is drawn), and repaying a draw frees the limit again.
 */
export class CreditLineService {
  constructor(
    private readonly deps: { tenants: TenantDirectory; products: LoanProductService; pricing: PricingService; booking: LoanBookingService; audit: AuditService },
  ) {}

  async open(ctx: RequestContext, app: ApprovedApplication, offer: Offer, terms: ProductTerms): Promise<string> {
    const id = uuidv7();
    const opened = offer.disbursementDate;
    const expires = new Date(`${opened}T00:00:00Z`);
    expires.setUTCMonth(expires.getUTCMonth() + (terms.creditLine?.validityMonths ?? 12));
    await (await ctx.db()).query(
      `INSERT INTO credit_lines (tenant_id, id, application_id, borrower_id, product_id, product_version, currency, credit_limit, risk_grade, status, opened_on, expires_on)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'ACTIVE', $10, $11)`,
      [ctx.tenant, id, app.id, app.borrowerId, app.productId, app.productVersion, offer.currency, offer.amount, app.riskGrade, opened, expires.toISOString().slice(0, 10)],
    );
    await this.deps.audit.record(ctx, { action: 'creditLine.opened', entityType: 'CreditLine', entityId: id, after: { limit: offer.amount, applicationId: app.id } });
    return id;
  }

  async draw(ctx: RequestContext, id: string, input: { amount: string; termCount?: number | null; idempotencyKey: string }): Promise<{ loanId: string }> {
    return once(ctx, 'drawOnCreditLine', input.idempotencyKey, { id, amount: input.amount, termCount: input.termCount ?? null }, async () => {
      const line = await this.lockOrThrow(ctx, id);
      const tenant = await this.deps.tenants.current(ctx);
      const today = todayIn(tenant.timezone);
      if (line.status !== 'ACTIVE') throw conflict(`The credit line is ${line.status}`, { reason: `LINE_${line.status}` });
      if (today > line.expiresOn) throw conflict(`The credit line expired on ${line.expiresOn}`, { reason: 'LINE_EXPIRED' });
      const amount = new Dec(input.amount);
      if (amount.lte(0)) throw badInput('input.amount', 'must be positive');
      if (amount.gt(line.available)) {
        throw new DomainError('CONFLICT', `The draw of ${amount.toFixed(2)} exceeds the available ${line.available} of the ${line.limit} limit`, { field: 'input.amount', reason: 'INSUFFICIENT_LIMIT', available: line.available });
      }
      const [row] = await (await ctx.db()).query('SELECT product_id, product_version FROM credit_lines WHERE id = $1', [id]);
      const version = await this.deps.products.version(ctx, row.product_id, row.product_version);
      const terms = version.terms;
      const termCount = input.termCount ?? terms.termMin;
      const borrower = await (await ctx.db()).getRepository(BorrowerEntity).findOneByOrFail({ id: line.borrowerId });
      const cap = await this.deps.pricing.capFor(ctx, today);
      const offer = makeOffer({ terms, productVersion: version.version, amount: amount.toFixed(), termCount, frequency: terms.frequencies[0], grade: line.riskGrade, segment: borrower.segment, today, validityDays: 0, cap });
      this.deps.pricing.assertWithinCap(offer.apr, cap);
      const { loanId } = await this.deps.booking.book(ctx, {
        applicationId: line.applicationId, borrowerId: line.borrowerId, productId: row.product_id, productVersion: version.version, terms, offer,
        agentId: null, creditLineId: id, idempotencyKey: `draw:${input.idempotencyKey}`, businessDate: today,
      });
      return { loanId };
    });
  }

  async setLimit(ctx: RequestContext, id: string, limit: string): Promise<CreditLineView> {
    const line = await this.lockOrThrow(ctx, id);
    if (new Dec(limit).isNeg()) throw badInput('limit', 'must not be negative');
    await (await ctx.db()).query('UPDATE credit_lines SET credit_limit = $2 WHERE id = $1', [id, limit]);
    await this.deps.audit.record(ctx, { action: 'creditLine.limitChanged', entityType: 'CreditLine', entityId: id, before: { limit: line.limit }, after: { limit } });
    return this.view(ctx, id);
  }

  async setFrozen(ctx: RequestContext, id: string, frozen: boolean): Promise<CreditLineView> {
    const line = await this.lockOrThrow(ctx, id);
    if (line.status === 'CLOSED') throw conflict('The credit line is closed');
    const status = frozen ? 'FROZEN' : 'ACTIVE';
    await (await ctx.db()).query('UPDATE credit_lines SET status = $2 WHERE id = $1', [id, status]);
    await this.deps.audit.record(ctx, { action: frozen ? 'creditLine.frozen' : 'creditLine.unfrozen', entityType: 'CreditLine', entityId: id, before: { status: line.status }, after: { status } });
    return this.view(ctx, id);
  }

  /** The line with what is drawn (principal outstanding of its open draws) and what is available. */
  async view(ctx: RequestContext, id: string): Promise<CreditLineView> {
    const [row] = await (await ctx.db()).query(
      `SELECT c.id, c.application_id AS "applicationId", c.borrower_id AS "borrowerId", c.currency, c.credit_limit::text AS "limit", c.status,
              c.opened_on::text AS "openedOn", c.expires_on::text AS "expiresOn", c.risk_grade AS "riskGrade",
              coalesce((SELECT sum(principal_outstanding) FROM loans l WHERE l.tenant_id = c.tenant_id AND l.credit_line_id = c.id AND l.status = 'ACTIVE'), 0)::text AS drawn
       FROM credit_lines c WHERE c.id = $1`, [id]);
    if (!row || (ctx.hasRole('BORROWER') && row.borrowerId !== ctx.borrowerId)) throw notFound('CreditLine', id);
    const available = Dec.max(0, new Dec(row.limit).minus(row.drawn));
    return { ...row, limit: new Dec(row.limit).toFixed(2), drawn: new Dec(row.drawn).toFixed(2), available: available.toFixed(2) };
  }

  async forBorrower(ctx: RequestContext, borrowerId?: string | null): Promise<CreditLineView[]> {
    const who = ctx.hasRole('BORROWER') ? ctx.borrowerId : borrowerId;
    const rows: { id: string }[] = await (await ctx.db()).query('SELECT id FROM credit_lines WHERE ($1::uuid IS NULL OR borrower_id = $1) ORDER BY id DESC LIMIT 200', [who ?? null]);
    return Promise.all(rows.map((r) => this.view(ctx, r.id)));
  }

  private async lockOrThrow(ctx: RequestContext, id: string): Promise<CreditLineView> {
    const [locked] = await (await ctx.db()).query('SELECT id FROM credit_lines WHERE id = $1 FOR UPDATE', [id]);
    if (!locked) throw notFound('CreditLine', id);
    return this.view(ctx, id);
  }
}
