import type { ApprovalOperation } from '../../core/approvals';
import { Dec } from '../../core/money';
import { badInput, conflict, notFound } from '../../core/domain-error';
import { withoutNulls } from '../../platform/graphql/input';
import { todayIn } from '../../platform/tenancy/business-date';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { DecisionConfigService } from '../decision-config/decision-config.service';
import { POLICY_SCHEMAS } from '../decision-config/policy-schemas';
import type { LoanRestructureService, RestructureInput } from '../loans/loan-restructure.service';
import type { LoanServicingService } from '../loans/loan-servicing.service';
import type { OriginationService } from '../origination/origination.service';
import type { LoanProductService } from '../products/loan-product.service';
import type { TenantService } from '../tenancy/tenant.service';
import { zodToBadInput } from '../tenancy/tenant.errors';

/** What a call is measured by against the policy's threshold, and what it is about (for the approver). */
export interface Measure {
  /** In the operation's money; null for operations without an amount. */
  amount: string | null;
  currency: string | null;
  subject: string;
}

/**
 * One guarded operation: how to measure a call (which also refuses a call that could never run, so no
 * request is made for it) and how to run it. The resolver and the approval of a request both call
 * `run` with the same arguments, so an approved request does exactly what the call would have done.
 */
export interface GuardedOperation<A, R> {
  measure(ctx: RequestContext, args: A): Promise<Measure>;
  run(ctx: RequestContext, args: A): Promise<R>;
}

const op = <A, R>(definition: GuardedOperation<A, R>) => definition;

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

export interface GuardedOperationDeps {
  servicing: LoanServicingService;
  restructuring: LoanRestructureService;
  origination: OriginationService;
  products: LoanProductService;
  decisionConfigs: DecisionConfigService;
  tenants: TenantService;
}

/**
 * The nine operations a tenant can put under four-eyes. Amounts: a write-off or restructure by the
 * loan's outstanding total today, a waiver or refund by its amount, a reversal by the reversed
 * transaction's amount, a disbursement by the offer's principal; the three configuration changes
 * have no amount.
 */
export function guardedOperations(d: GuardedOperationDeps) {
  const activeLoan = async (ctx: RequestContext, loanId: string) => {
    const loan = await d.servicing.byIdOrThrow(ctx, loanId);
    if (loan.status !== 'ACTIVE') throw conflict(`The loan is ${loan.status}`);
    return loan;
  };
  const outstanding = async (ctx: RequestContext, loanId: string): Promise<Measure> => {
    const loan = await activeLoan(ctx, loanId);
    return { amount: (await d.servicing.state(ctx, loan)).outstanding.total, currency: loan.currency, subject: `Loan ${loan.id}` };
  };
  const operations = {
    writeOffLoan: op({
      measure: (ctx, a: { loanId: string; reason: string }) => outstanding(ctx, a.loanId),
      run: (ctx, a: { loanId: string; reason: string }) => d.servicing.writeOff(ctx, a.loanId, a.reason),
    }),
    waive: op({
      async measure(ctx, a: { loanId: string; kind: string; amount: string; reason: string }) {
        const loan = await activeLoan(ctx, a.loanId);
        return { amount: positiveAmount(a.amount, 'amount'), currency: loan.currency, subject: `Loan ${loan.id}: ${a.kind} waiver` };
      },
      async run(ctx, a: { loanId: string; kind: string; amount: string; reason: string }) {
        const date = todayIn((await d.tenants.current(ctx)).timezone);
        return (await d.servicing.addTransaction(ctx, a.loanId, { kind: `${a.kind}_WAIVER` as never, effectiveDate: date, amount: a.amount, note: a.reason })).transaction;
      },
    }),
    reverseTransaction: op({
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
    restructureLoan: op({
      measure: (ctx, a: RestructureInput) => outstanding(ctx, a.loanId),
      run: (ctx, a: RestructureInput) => d.restructuring.restructure(ctx, a),
    }),
    refundCredit: op({
      async measure(ctx, a: { loanId: string; amount: string; method: string; reference?: string | null; idempotencyKey: string }) {
        const loan = await d.servicing.byIdOrThrow(ctx, a.loanId);
        return { amount: positiveAmount(a.amount, 'amount'), currency: loan.currency, subject: `Loan ${loan.id}: credit refund` };
      },
      run: (ctx, a: { loanId: string; amount: string; method: string; reference?: string | null; idempotencyKey: string }) => d.servicing.refundCredit(ctx, a),
    }),
    disburseLoan: op({
      async measure(ctx, a: { applicationId: string; idempotencyKey: string; disbursedAt?: string | null }) {
        const app = await d.origination.byIdOrThrow(ctx, a.applicationId);
        if (app.status !== 'CONTRACT_SIGNED') throw conflict(`The application is ${app.status}; only a signed contract is disbursed`);
        const offer = app.offer as { amount: string; currency: string };
        return { amount: new Dec(offer.amount).toFixed(), currency: offer.currency, subject: `Application ${app.id}` };
      },
      run: (ctx, a: { applicationId: string; idempotencyKey: string; disbursedAt?: string | null }) => d.origination.disburse(ctx, a.applicationId, a.idempotencyKey, a.disbursedAt),
    }),
    reviseLoanProduct: op({
      async measure(ctx, a: { id: string; input: unknown }) {
        const product = await d.products.byIdOrThrow(ctx, a.id);
        return { amount: null, currency: null, subject: `Loan product ${product.code}` };
      },
      run: (ctx, a: { id: string; input: unknown }) => d.products.revise(ctx, a.id, a.input),
    }),
    activateDecisionConfig: op({
      async measure(ctx, a: { id: string }) {
        const config = await d.decisionConfigs.byIdOrThrow(ctx, a.id);
        return { amount: null, currency: null, subject: `${config.kind} ${config.name} version ${config.version}` };
      },
      run: (ctx, a: { id: string }) => d.decisionConfigs.activate(ctx, a.id),
    }),
    setRiskAppetiteLimits: op({
      async measure(_ctx, a: { limits: unknown[] }) {
        const parsed = POLICY_SCHEMAS.RISK_APPETITE.safeParse(withoutNulls(a.limits));
        if (!parsed.success) throw zodToBadInput(parsed.error, 'limits');
        return { amount: null, currency: null, subject: 'Risk-appetite limits' };
      },
      run: (ctx, a: { limits: unknown[] }) => d.decisionConfigs.setPolicy(ctx, 'RISK_APPETITE', a.limits, 'limits'),
    }),
  };
  return operations satisfies Record<ApprovalOperation, GuardedOperation<never, unknown>>;
}

export type GuardedOperations = ReturnType<typeof guardedOperations>;
export type ArgsOf<K extends ApprovalOperation> = Parameters<GuardedOperations[K]['run']>[1];
export type ResultOf<K extends ApprovalOperation> = Awaited<ReturnType<GuardedOperations[K]['run']>>;
