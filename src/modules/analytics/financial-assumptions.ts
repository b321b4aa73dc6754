import { badInput } from '../../core/domain-error';
import { Dec } from '../../core/money';
import type { AuditService } from '../../platform/audit/audit.service';
import type { RequestContext } from '../../platform/tenancy/request-context';

export interface FinancialAssumptions {
  period: string;
  costOfFundsRate: string;
  operatingCostPerLoan: string;
  updatedAt: Date;
}

const SELECT = `SELECT period, trim_scale(cost_of_funds_rate)::text AS "costOfFundsRate", operating_cost_per_loan::text AS "operatingCostPerLoan", updated_at AS "updatedAt" FROM financial_assumptions`;

/**
 * The lender's cost of funds (an annual rate on the gross portfolio) and operating cost (per live loan
 * and month), by month: a month without its own takes the latest before it. They price operational
 * self-sufficiency and profitability.
 */
export class FinancialAssumptionsService {
  constructor(private readonly deps: { audit: AuditService }) {}

  async set(ctx: RequestContext, input: { period: string; costOfFundsRate: string; operatingCostPerLoan: string }): Promise<FinancialAssumptions> {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(input.period)) throw badInput('period', 'a month YYYY-MM');
    if (!isDecimal(input.costOfFundsRate) || new Dec(input.costOfFundsRate).gt(1)) throw badInput('costOfFundsRate', 'an annual rate from 0 to 1 (0.12 is 12%)');
    if (!isDecimal(input.operatingCostPerLoan)) throw badInput('operatingCostPerLoan', 'an amount, not negative');
    const em = await ctx.db();
    const [before] = await em.query(`${SELECT} WHERE period = $1`, [input.period]);
    const [row] = await em.query(
      `INSERT INTO financial_assumptions (tenant_id, period, cost_of_funds_rate, operating_cost_per_loan, set_by_type, set_by_id) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (tenant_id, period) DO UPDATE SET cost_of_funds_rate = EXCLUDED.cost_of_funds_rate, operating_cost_per_loan = EXCLUDED.operating_cost_per_loan,
         set_by_type = EXCLUDED.set_by_type, set_by_id = EXCLUDED.set_by_id, updated_at = now()
       RETURNING period, trim_scale(cost_of_funds_rate)::text AS "costOfFundsRate", operating_cost_per_loan::text AS "operatingCostPerLoan", updated_at AS "updatedAt"`,
      [ctx.tenant, input.period, input.costOfFundsRate, input.operatingCostPerLoan, ctx.actor.type, ctx.actor.id]);
    await this.deps.audit.record(ctx, { action: 'financialAssumptions.set', entityType: 'FinancialAssumptions', entityId: input.period, before: before ?? null, after: { ...input } });
    return row;
  }

  /** A tenant file's entry: set when it differs from what is stored (true), else nothing. */
  async apply(ctx: RequestContext, input: { period: string; costOfFundsRate: string; operatingCostPerLoan: string }): Promise<boolean> {
    const [now] = await (await ctx.db()).query('SELECT cost_of_funds_rate::text AS c, operating_cost_per_loan::text AS o FROM financial_assumptions WHERE period = $1', [input.period]);
    if (now && new Dec(now.c).eq(input.costOfFundsRate) && new Dec(now.o).eq(input.operatingCostPerLoan)) return false;
    await this.set(ctx, input);
    return true;
  }

  async list(ctx: RequestContext): Promise<FinancialAssumptions[]> {
    return (await ctx.db()).query(`${SELECT} ORDER BY period DESC`);
  }
}

function isDecimal(v: string): boolean {
  return /^\d+(\.\d+)?$/.test(v);
}
