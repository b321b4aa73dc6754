import { todayIn } from '../../../platform/tenancy/business-date';
import type { RequestContext } from '../../../platform/tenancy/request-context';
import type { AuditService } from '../../../platform/audit/audit.service';
import type { LedgerService } from '../../ledger';
import type { TenantDirectory } from '../../../platform/tenancy/tenant-directory';
import type { LoanEntity } from '../loan.entity';
import type { LoanBook, LoanBooks } from './loan-books';
import type { Replays } from './replays';

/** What the servicing commands and queries work with: the loans' repository, the replays, the ledger, the audit. */
export interface ServicingDeps {
  tenants: TenantDirectory;
  ledger: LedgerService;
  audit: AuditService;
  books: LoanBooks;
  replays: Replays;
}

/** The tenant's business date (its time zone's today). */
export async function today(s: ServicingDeps, ctx: RequestContext): Promise<string> {
  return todayIn((await s.tenants.current(ctx)).timezone);
}

/** The book of a loan this transaction holds, read so that a replay as of `asOf` holds (see Replays.holding). */
export async function bookOf(s: ServicingDeps, ctx: RequestContext, loan: LoanEntity, asOf: string): Promise<LoanBook> {
  return s.replays.holding(ctx, loan, await s.books.readBook(ctx, loan.id), asOf);
}
