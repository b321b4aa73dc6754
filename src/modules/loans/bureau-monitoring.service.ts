import { conflict } from '../../core/domain-error';
import { todayIn } from '../../platform/tenancy/business-date';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { BorrowerService } from '../borrowers';
import type { BureauReport, Providers } from '../../platform/providers/providers';
import type { TenantDirectory } from '../../platform/tenancy/tenant-directory';
import type { LoanServicingService } from './loan-servicing.service';
import { recordLoanEvent } from './loan-events';

export interface BureauRefreshResult {
  borrowerId: string;
  worstDelinquencyDays: number;
  openLoans: number;
  previousWorstDelinquencyDays: number | null;
  previousOpenLoans: number | null;
  signals: string[];
  loansWarned: number;
}

/**
 * Post-loan monitoring: pulls the borrower's bureau report again (consent still required) and
 * compares it with the one taken at application. A new delinquency elsewhere, or a jump in open loans
 * (多头借贷), is an early-warning event on each of the borrower's active loans.
 */
export class BureauMonitoringService {
  constructor(
    private readonly deps: { borrowers: BorrowerService; providers: Providers; servicing: LoanServicingService; tenants: TenantDirectory },
  ) {}

  async refresh(ctx: RequestContext, borrowerId: string): Promise<BureauRefreshResult> {
    // Who is pulled, read and checked in a short transaction of its own; the bureau is asked with none
    // open (the network guard); the comparison and the warnings are written in the request's.
    const applicant = await ctx.detached(async (c) => {
      const borrower = await this.deps.borrowers.byIdOrThrow(c, borrowerId);
      if (!(await this.deps.borrowers.hasConsent(c, borrowerId, 'BUREAU_PULL'))) throw conflict('The borrower has not consented to a credit bureau pull', { reason: 'CONSENT_REQUIRED' });
      return this.deps.borrowers.applicantOf(c, borrower);
    });
    const report = await this.deps.providers.bureau.pull(applicant);
    const em = await ctx.db();
    const [previous] = (await em.query(
      `SELECT c.result FROM application_checks c JOIN applications a ON a.tenant_id = c.tenant_id AND a.id = c.application_id
       WHERE a.borrower_id = $1 AND c.kind = 'BUREAU' ORDER BY c.created_at DESC LIMIT 1`, [borrowerId])) as { result: BureauReport }[];
    const before = previous?.result ?? null;
    const signals: string[] = [];
    if (report.worstDelinquencyDays > 0 && report.worstDelinquencyDays > (before?.worstDelinquencyDays ?? 0)) signals.push('NEW_BUREAU_DELINQUENCY');
    if (before && report.openLoans.length >= before.openLoans.length + 2) signals.push('NEW_MULTI_LENDING');
    const loans: { id: string }[] = await em.query("SELECT id FROM loans WHERE borrower_id = $1 AND status = 'ACTIVE'", [borrowerId]);
    const today = todayIn((await this.deps.tenants.current(ctx)).timezone);
    for (const l of loans) {
      for (const signal of signals) {
        recordLoanEvent(ctx, l.id, 'EARLY_WARNING', today, { signal, worstDelinquencyDays: report.worstDelinquencyDays, openLoans: report.openLoans.length, bureauReference: report.reference });
      }
    }
    return {
      borrowerId, worstDelinquencyDays: report.worstDelinquencyDays, openLoans: report.openLoans.length,
      previousWorstDelinquencyDays: before?.worstDelinquencyDays ?? null, previousOpenLoans: before?.openLoans.length ?? null,
      signals, loansWarned: signals.length ? loans.length : 0,
    };
  }
}
