import { uuidv7 } from '../../platform/db/ids';
import { SqlBatch } from '../../platform/db/sql-batch';
import type { RequestContext } from '../../platform/tenancy/request-context';

/**
 * Appends an event to the loan's history, in the caller's transaction; the table's trigger puts it
 * in the outbox as `loan.<kind in lower case>` (the nightly run inserts its events set-based).
 */
export async function recordLoanEvent(ctx: RequestContext, loanId: string, kind: string, businessDate: string, data: Record<string, unknown>): Promise<void> {
  const batch = new SqlBatch();
  new LoanEvents(ctx, loanId, businessDate).add(kind, data).stage(batch);
  await batch.run(await ctx.db());
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

  /** Adds the INSERT (when there is anything to write) to `batch`. */
  stage(batch: SqlBatch): void {
    if (this.rows.length === 0) return;
    batch.add(
      `INSERT INTO loan_events (tenant_id, id, loan_id, kind, business_date, data)
       SELECT $1, e.id, $2, e.kind, $3, e.data FROM unnest($4::uuid[], $5::text[], $6::jsonb[]) WITH ORDINALITY AS e (id, kind, data, n) ORDER BY e.n`,
      [this.ctx.tenant, this.loanId, this.businessDate, this.rows.map((r) => r.id), this.rows.map((r) => r.kind), this.rows.map((r) => r.data)],
    );
    this.rows.length = 0;
  }
}
