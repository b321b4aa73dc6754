import { uuidv7 } from '../../platform/db/ids';
import type { RequestContext } from '../../platform/tenancy/request-context';

/**
 * Stages an event of the loan's history in the caller's unit of work; the table's trigger puts it
 * in the outbox as `loan.<kind in lower case>` (the nightly run inserts its events set-based).
 */
export function recordLoanEvent(ctx: RequestContext, loanId: string, kind: string, businessDate: string, data: Record<string, unknown>): void {
  new LoanEvents(ctx, loanId, businessDate).add(kind, data).stage();
}

/** A loan's events of one change, gathered in order and written as one INSERT with the change's other writes. */
export class LoanEvents {
  private readonly rows: { id: string; kind: string; data: string }[] = [];

  constructor(
    private readonly ctx: RequestContext,
    private readonly loanId: string,
    private readonly businessDate: string,
  ) {}

  add(kind: string, data: Record<string, unknown>): this {
    this.rows.push({ id: uuidv7(), kind, data: JSON.stringify(data) });
    return this;
  }

  /** Stages the INSERT (when there is anything to write) in the unit of work. */
  stage(): void {
    if (this.rows.length === 0) return;
    this.ctx.writes.add(
      `INSERT INTO loan_events (tenant_id, id, loan_id, kind, business_date, data)
       SELECT $1, e.id, $2, e.kind, $3, e.data FROM unnest($4::uuid[], $5::text[], $6::jsonb[]) WITH ORDINALITY AS e (id, kind, data, n) ORDER BY e.n`,
      [this.ctx.tenant, this.loanId, this.businessDate, this.rows.map((r) => r.id), this.rows.map((r) => r.kind), this.rows.map((r) => r.data)],
    );
    this.rows.length = 0;
  }
}
