import { badInput, conflict, notFound } from '../../core/domain-error';
import { Dec } from '../../core/money';
import { todayIn } from '../../platform/tenancy/business-date';
import type { RequestContext } from '../../platform/tenancy/request-context';
import { type Measure, guarded } from '../approvals';
import type { TenantDirectory } from '../../platform/tenancy/tenant-directory';
import type { LoanRestructureService, RestructureInput } from './loan-restructure.service';
import type { LoanServicingService } from './loan-servicing.service';

function positiveAmount(value: string, field: string): string {
  let amount: Dec;
  try {
    amount = new Dec(value);
  } catch {
    throw badInput(field, 'a decimal amount such as "100.00"');
  }
  if (amount.lte(0)) throw badInput(field, 'must be positive');
  return amount.toFixed();
}

/**
 * The loan operations a tenant can put under four-eyes. Amounts: a write-off or restructure by the
 * loan's outstanding total today, a waiver or refund by its amount, a reversal by the reversed
 * transaction's amount.
 */
export function loanGuardedOperations(d: { servicing: LoanServicingService; restructuring: LoanRestructureService; tenants: TenantDirectory }) {
  const activeLoan = async (ctx: RequestContext, loanId: string) => {
    const loan = await d.servicing.byIdOrThrow(ctx, loanId);
    if (loan.status !== 'ACTIVE') throw conflict(`The loan is ${loan.status}`);
    return loan;
  };
  const outstanding = async (ctx: RequestContext, loanId: string): Promise<Measure> => {
    const loan = await activeLoan(ctx, loanId);
    return { amount: (await d.servicing.state(ctx, loan)).outstanding.total, currency: loan.currency, subject: `Loan ${loan.id}` };
  };
  return {
    writeOffLoan: guarded('writeOffLoan', {
      measure: (ctx, a: { loanId: string; reason: string }) => outstanding(ctx, a.loanId),
      run: (ctx, a: { loanId: string; reason: string }) => d.servicing.writeOff(ctx, a.loanId, a.reason),
    }),
    waive: guarded('waive', {
      async measure(ctx, a: { loanId: string; kind: string; amount: string; reason: string }) {
        const loan = await activeLoan(ctx, a.loanId);
        return { amount: positiveAmount(a.amount, 'amount'), currency: loan.currency, subject: `Loan ${loan.id}: ${a.kind} waiver` };
      },
      async run(ctx, a: { loanId: string; kind: string; amount: string; reason: string }) {
        const date = todayIn((await d.tenants.current(ctx)).timezone);
        return (await d.servicing.addTransaction(ctx, a.loanId, { kind: `${a.kind}_WAIVER` as never, effectiveDate: date, amount: a.amount, note: a.reason })).transaction;
      },
    }),
    reverseTransaction: guarded('reverseTransaction', {
      async measure(ctx, a: { id: string; reason: string }) {
        const [row] = await (await ctx.db()).query(
          `SELECT t.amount::text AS amount, t.status, t.loan_id, l.currency FROM loan_transactions t
           JOIN loans l ON l.tenant_id = t.tenant_id AND l.id = t.loan_id WHERE t.id = $1`, [a.id]);
        if (!row) throw notFound('LoanTransaction', a.id);
        if (row.status === 'REVERSED') throw conflict('The transaction is already reversed');
        return { amount: new Dec(row.amount).toFixed(), currency: row.currency, subject: `Loan ${row.loan_id}: transaction ${a.id}` };
      },
      run: (ctx, a: { id: string; reason: string }) => d.servicing.reverseTransaction(ctx, a.id, a.reason),
    }),
    restructureLoan: guarded('restructureLoan', {
      measure: (ctx, a: RestructureInput) => outstanding(ctx, a.loanId),
      run: (ctx, a: RestructureInput) => d.restructuring.restructure(ctx, a),
    }),
    refundCredit: guarded('refundCredit', {
      async measure(ctx, a: { loanId: string; amount: string; method: string; reference?: string | null; idempotencyKey: string }) {
        const loan = await d.servicing.byIdOrThrow(ctx, a.loanId);
        return { amount: positiveAmount(a.amount, 'amount'), currency: loan.currency, subject: `Loan ${loan.id}: credit refund` };
      },
      run: (ctx, a: { loanId: string; amount: string; method: string; reference?: string | null; idempotencyKey: string }) => d.servicing.refundCredit(ctx, a),
    }),
  };
}
export type LoanGuardedOperations = ReturnType<typeof loanGuardedOperations>;
