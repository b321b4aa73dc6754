import { type Frequency, MinorUnitSchedule, buildSchedule } from '../../core/loan-math';
import { Dec, currencyDecimals } from '../../core/money';
import { uuidv7 } from '../../platform/db/ids';
import { once } from '../../platform/db/idempotency';
import { badInput, conflict } from '../../core/domain-error';
import { todayIn } from '../../platform/tenancy/business-date';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { AuditService } from '../../platform/audit/audit.service';
import type { LedgerService } from '../ledger';
import type { LoanProductService } from '../products';
import type { TenantDirectory } from '../../platform/tenancy/tenant-directory';
import type { LoanBookingService } from './loan-booking.service';
import type { LoanServicingService } from './loan-servicing.service';
import { recordLoanEvent } from './loan-events';

export interface RestructureInput {
  loanId: string;
  termCount: number;
  annualInterestRate?: string | null;
  capitaliseArrears: boolean;
  reason: string;
  idempotencyKey: string;
}

/**
 * Restructuring: what the borrower owes today (principal, interest to the day, fees, penalties, less
 * any credit held) moves to a successor loan with a new schedule from today; the old loan is kept,
 * frozen, as RESTRUCTURED. Arrears are either capitalised (they join the principal and earn interest)
 * or collected with the first new instalment (no interest on them). The ledger moves the balances
 * through SUSPENSE in two entries that together balance and leave SUSPENSE untouched.
 */
export class LoanRestructureService {
  constructor(
    private readonly deps: {
      servicing: LoanServicingService; booking: LoanBookingService; products: LoanProductService; tenants: TenantDirectory; ledger: LedgerService; audit: AuditService;
    },
  ) {}

  async restructure(ctx: RequestContext, input: RestructureInput): Promise<{ loanId: string }> {
    return once(ctx, 'restructureLoan', input.idempotencyKey, { ...input, idempotencyKey: undefined }, async () => {
      if (!input.reason.trim()) throw badInput('input.reason', 'a restructure needs a reason');
      if (!Number.isInteger(input.termCount) || input.termCount < 1 || input.termCount > 600) throw badInput('input.termCount', 'from 1 to 600 instalments');
      const rate = input.annualInterestRate ?? null;
      if (rate !== null && (new Dec(rate).isNeg() || new Dec(rate).gt(10))) throw badInput('input.annualInterestRate', 'a fraction from 0 to 10');
      const { servicing, ledger } = this.deps;
      const old = await servicing.lockForChange(ctx, input.loanId);
      if (old.status !== 'ACTIVE') throw conflict(`The loan is ${old.status}`);
      const today = todayIn((await this.deps.tenants.current(ctx)).timezone);
      // Bring the old loan's receivables to today's exact figures first (penalties, interest to the day).
      await servicing.refresh(ctx, old, today);
      const q = await servicing.payoffQuote(ctx, old.id, today);
      const P = new Dec(q.principal);
      const I = new Dec(q.interest);
      const F = new Dec(q.fees);
      const Pen = new Dec(q.penalties);
      const C = new Dec(q.credit);
      const arrears = I.plus(F).plus(Pen);
      const principal = input.capitaliseArrears ? P.plus(arrears).minus(C) : P.minus(C);
      if (principal.lte(0)) throw conflict('Nothing is left to restructure: the credit held covers the balance; pay off or refund instead');
      await servicing.trueUpInterest(ctx, old.id, I.toFixed(), today);

      const version = await this.deps.products.version(ctx, old.productId, old.productVersion);
      const terms = version.terms;
      const d = currencyDecimals(old.currency);
      const schedule = buildSchedule(
        {
          principal: principal.toDecimalPlaces(terms.rounding.decimals).toFixed(), termCount: input.termCount, frequency: terms.frequencies[0] as Frequency,
          annualInterestRate: rate ?? new Dec(old.annualRate).toFixed(), amortization: terms.amortization, dayCount: terms.dayCount, disbursementDate: today,
          rounding: { decimals: terms.rounding.decimals, mode: terms.rounding.mode }, fees: [],
        },
        { currencyDecimals: d },
      ) as MinorUnitSchedule;
      const m = (x: Dec) => x.toFixed(terms.rounding.decimals);
      const rows = schedule.installmentStrings();
      if (!input.capitaliseArrears && arrears.gt(0)) {
        // Arrears collected with the first instalment, without interest.
        rows[0] = { ...rows[0], fees: m(new Dec(rows[0].fees).plus(arrears)), total: m(new Dec(rows[0].total).plus(arrears)) };
      }
      const successor = uuidv7();
      await this.deps.booking.insertLoan(ctx, {
        loanId: successor, applicationId: old.applicationId, borrowerId: old.borrowerId, productId: old.productId, productVersion: old.productVersion, terms,
        currency: old.currency, principal: m(principal), netDisbursed: '0', annualRate: rate ?? new Dec(old.annualRate).toFixed(), apr: schedule.apr.toFixed(10),
        schedule: rows, start: today, totalPayable: m(rows.reduce((acc, r) => acc.plus(r.total), new Dec(0))), reference: `restructure:${old.id}`,
        agentId: old.agentId, creditLineId: null, restructuredFrom: old.id,
      });
      // Out of the old loan: its receivables into SUSPENSE. Arrears not capitalised leave income (they
      // are income again when collected, as fees with the first new instalment).
      const moved = input.capitaliseArrears ? principal : P.minus(C);
      await ledger.post(ctx, {
        kind: 'RESTRUCTURE_OUT', businessDate: today, loanId: old.id, reference: `restructure:${successor}`,
        lines: [
          { account: 'LOAN_PRINCIPAL', credit: P.toFixed() },
          { account: 'INTEREST_RECEIVABLE', credit: I.toFixed() },
          { account: 'PENALTY_RECEIVABLE', credit: Pen.toFixed() },
          { account: 'OVERPAYMENT_LIABILITY', debit: C.toFixed() },
          ...(input.capitaliseArrears
            ? [{ account: 'FEE_INCOME' as const, credit: F.toFixed() }]
            : [{ account: 'INTEREST_INCOME' as const, debit: I.toFixed() }, { account: 'PENALTY_INCOME' as const, debit: Pen.toFixed() }]),
          { account: 'SUSPENSE', debit: moved.toFixed() },
        ],
      });
      // Into the successor: its principal out of SUSPENSE.
      await ledger.post(ctx, {
        kind: 'RESTRUCTURE_IN', businessDate: today, loanId: successor, reference: `restructure:${old.id}`,
        lines: [{ account: 'LOAN_PRINCIPAL', debit: moved.toFixed() }, { account: 'SUSPENSE', credit: moved.toFixed() }],
      });
      await (await ctx.db()).query("UPDATE loans SET status = 'RESTRUCTURED', restructured_into = $2, closed_at = now() WHERE id = $1", [old.id, successor]);
      await this.deps.audit.record(ctx, {
        action: 'loan.restructured', entityType: 'Loan', entityId: old.id,
        after: { successor, reason: input.reason, capitaliseArrears: input.capitaliseArrears, principal: P.toFixed(), arrears: arrears.toFixed(), credit: C.toFixed(), termCount: input.termCount, annualInterestRate: rate },
      });
      recordLoanEvent(ctx, old.id, 'RESTRUCTURED', today, { successor, reason: input.reason });
      recordLoanEvent(ctx, successor, 'RESTRUCTURED_FROM', today, { from: old.id, capitaliseArrears: input.capitaliseArrears });
      return { loanId: successor };
    });
  }
}
