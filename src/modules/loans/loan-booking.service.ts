import { Dec } from '../../core/money';
import type { ProductTerms } from '../../core/products/product-terms';
import { uuidv7 } from '../../platform/db/ids';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { AuditService } from '../../platform/audit/audit.service';
import type { LedgerService } from '../ledger';
import type { Offer } from '../../core/products/offer';
import type { TenantPaymentsProvider } from '../../platform/providers/providers';
import { servicingTermsOf } from './servicing-terms';
import { recordLoanEvent } from './loan-events';

/** What a new loan is booked from: an accepted offer (or a credit-line draw priced the same way). */
export interface Booking {
  applicationId: string;
  borrowerId: string;
  productId: string;
  productVersion: number;
  terms: ProductTerms;
  offer: Offer;
  agentId: string | null;
  creditLineId?: string | null;
  /** The caller's idempotency key: the payout (its payment id and provider key) is derived from it. */
  idempotencyKey: string;
  businessDate: string;
  /**
   * A past disbursement date: migrating a loan paid out long ago. Nothing is paid out (the money left
   * then); the loan, its entry and its nightly state start on that date.
   */
  backdatedTo?: string | null;
}

/**
 * Books a loan: the row with its schedule and servicing terms frozen, the payout of the net amount
 * queued for the payments provider (see PayoutService), the balanced disbursement entry (principal
 * receivable against the payable to the borrower and fee income), and the nightly run's starting
 * state. Used for disbursement of an application and for each draw on a credit line.
 */
export class LoanBookingService {
  constructor(private readonly deps: { payouts: TenantPaymentsProvider; ledger: LedgerService; audit: AuditService }) {}

  async book(ctx: RequestContext, b: Booking): Promise<{ loanId: string; payoutReference: string }> {
    const { offer } = b;
    const loanId = uuidv7();
    const backdated = b.backdatedTo ?? null;
    // The payout is queued here and paid by a job once this transaction commits (no provider call
    // while the application and loan rows are locked); until it is paid the money is owed to the borrower.
    const payout = backdated
      ? { reference: `migrated:${loanId}` }
      : new Dec(offer.netDisbursement).isZero() ? { reference: `nothing-paid:${loanId}` }
      : await this.deps.payouts.queueDisbursement(ctx, { amount: offer.netDisbursement, currency: offer.currency, loanId, borrowerId: b.borrowerId, idempotencyKey: `disburse:${ctx.tenant}:${b.idempotencyKey}` });
    const principal = new Dec(offer.amount).plus(offer.upfrontFees.financed);
    await this.insertLoan(ctx, {
      loanId, applicationId: b.applicationId, borrowerId: b.borrowerId, productId: b.productId, productVersion: b.productVersion, terms: b.terms,
      currency: offer.currency, principal: principal.toFixed(), netDisbursed: offer.netDisbursement, annualRate: offer.annualRate, apr: offer.apr,
      schedule: offer.schedule, start: offer.disbursementDate, totalPayable: offer.totalPayable, reference: payout.reference, agentId: b.agentId,
      creditLineId: b.creditLineId ?? null, restructuredFrom: null, disbursedAt: backdated,
    });
    // Upfront fees are income now: deducted and financed ones with the payout, paid-upfront ones as cash received.
    await this.deps.ledger.post(ctx, {
      kind: 'DISBURSEMENT', businessDate: b.businessDate, loanId, reference: payout.reference,
      lines: [
        { account: 'LOAN_PRINCIPAL', debit: principal.toFixed() },
        // A migrated loan's money left long ago; a new one's is owed until its payout succeeds (then cash).
        { account: backdated ? 'CASH_CLEARING' : 'DISBURSEMENT_PAYABLE', credit: offer.netDisbursement },
        { account: 'FEE_INCOME', credit: new Dec(offer.upfrontFees.deducted).plus(offer.upfrontFees.financed).toFixed() },
      ],
    });
    if (new Dec(offer.upfrontFees.paidUpfront).gt(0)) {
      await this.deps.ledger.post(ctx, {
        kind: 'UPFRONT_FEE', businessDate: b.businessDate, loanId, reference: `fee:${payout.reference}`,
        lines: [{ account: 'CASH_CLEARING', debit: offer.upfrontFees.paidUpfront }, { account: 'FEE_INCOME', credit: offer.upfrontFees.paidUpfront }],
      });
    }
    recordLoanEvent(ctx, loanId, 'DISBURSED', b.businessDate, {
      applicationId: b.applicationId, creditLineId: b.creditLineId ?? null, principal: principal.toFixed(), netDisbursed: offer.netDisbursement, currency: offer.currency, reference: payout.reference,
    });
    await this.deps.audit.record(ctx, {
      action: b.creditLineId ? 'creditLine.drawn' : 'loan.disbursed', entityType: 'Loan', entityId: loanId,
      after: {
        applicationId: b.applicationId, creditLineId: b.creditLineId ?? null, principal: principal.toFixed(), netDisbursed: offer.netDisbursement, reference: payout.reference,
        ...(backdated ? { disbursedAt: backdated, backdated: true, paidOut: false } : {}),
      },
    });
    return { loanId, payoutReference: payout.reference };
  }

  /**
   * The loan row with its frozen schedule, servicing terms and the nightly run's starting state (its
   * penalty starting from the first due date, so no night reads the schedule for it: src/core/cob
   * `penaltyStart`).
   */
  async insertLoan(
    ctx: RequestContext,
    l: {
      loanId: string; applicationId: string; borrowerId: string; productId: string; productVersion: number; terms: ProductTerms; currency: string;
      principal: string; netDisbursed: string; annualRate: string; apr: string; schedule: Offer['schedule']; start: string; totalPayable: string;
      reference: string; agentId: string | null; creditLineId: string | null; restructuredFrom: string | null;
      /** A past disbursement date (a migrated loan); now otherwise. */
      disbursedAt?: string | null;
    },
  ): Promise<void> {
    const terms = servicingTermsOf(l.terms);
    const first = l.schedule[0];
    await (await ctx.db()).query(
      `INSERT INTO loans (tenant_id, id, application_id, borrower_id, product_id, product_version, currency, principal, net_disbursed, annual_rate, apr, schedule,
                          status, disbursed_at, disbursement_ref, agent_id, servicing_terms, disbursement_date, principal_outstanding, total_outstanding, next_due_date,
                          accrual_index, accrual_period_start, accrual_period_end, accrual_period_interest, next_unpaid_principal, next_unpaid_total,
                          penalty_rate, money_decimals, rounding_mode, last_cob_date, credit_line_id, restructured_from, penalty_from)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'ACTIVE', coalesce($27::date::timestamptz, now()), $13, $14, $15, $16, $8, $17, $18,
               0, $16, $18, $19, $20, $21, $22, $23, $24, $16, $25, $26, $18)`,
      [ctx.tenant, l.loanId, l.applicationId, l.borrowerId, l.productId, l.productVersion, l.currency, l.principal, l.netDisbursed,
        l.annualRate, l.apr, JSON.stringify(l.schedule), l.reference, l.agentId, JSON.stringify(terms), l.start,
        l.totalPayable, first.dueDate, first.interest, first.principal, first.total, terms.penaltyAnnualRate, terms.decimals, terms.roundingMode, l.creditLineId, l.restructuredFrom, l.disbursedAt ?? null],
    );
  }
}
