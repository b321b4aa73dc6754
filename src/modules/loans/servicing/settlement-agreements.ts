import { badInput, conflict } from '../../../core/domain-error';
import { addDaysIso } from '../../../core/loan-math/calendar';
import { Dec } from '../../../core/money';
import { type ServicingTerms, type SettlementInstalment, settlementPlan } from '../../../core/servicing';
import { uuidv7 } from '../../../platform/db/ids';
import { isCalendarDate } from '../../../platform/graphql/scalars';
import type { RequestContext } from '../../../platform/tenancy/request-context';
import type { LoanEntity } from '../loan.entity';
import { type LoanEvents, recordLoanEvent } from '../loan-events';
import type { LoanBook, OpenSettlement, TransactionRow } from './loan-books';
import { quotePayoff } from './loan-queries';
import { type ServicingDeps, today } from './servicing-deps';

export type SettlementStatus = 'OPEN' | 'PAID' | 'BROKEN' | 'WITHDRAWN';

export interface SettlementInput {
  loanId: string;
  /** What the borrower pays to settle, in the loan's currency. */
  amount: string;
  /** The last day the money counts (the tenant's business date or later). */
  payBy: string;
  /** How many payments the amount is spread over (1 to 12). */
  instalments: number;
  /** The collection case it was offered in, if any. */
  caseId?: string | null;
}

export interface SettlementRow {
  id: string;
  loanId: string;
  caseId: string | null;
  amount: string;
  /** What the loan owed on the day it was agreed: its payoff without a prepayment fee. */
  owed: string;
  discount: string;
  plan: SettlementInstalment[];
  agreedOn: string;
  payBy: string;
  status: SettlementStatus;
  /** Money received towards it (from agreedOn to payBy). */
  paid: string;
  discountTransactionId: string | null;
  closedOn: string | null;
  currency: string;
  createdAt: Date;
}

/** The terms of an offer that could be agreed on `on` (the amount against what is owed apart): its amount, or BAD_USER_INPUT naming the field. */
export function checkSettlementTerms(input: Pick<SettlementInput, 'amount' | 'payBy' | 'instalments'>, on: string, decimals: number, currency: string): Dec {
  if (!isCalendarDate(input.payBy) || input.payBy < on) throw badInput('input.payBy', `a date not before today (${on})`);
  if (input.payBy > addDaysIso(on, 365)) throw badInput('input.payBy', 'at most a year from today');
  if (!Number.isInteger(input.instalments) || input.instalments < 1 || input.instalments > 12) throw badInput('input.instalments', 'from 1 to 12 payments');
  let amount: Dec;
  try {
    amount = new Dec(input.amount);
  } catch {
    throw badInput('input.amount', 'a decimal amount such as "500.00"');
  }
  if (amount.lte(0) || amount.decimalPlaces() > decimals) throw badInput('input.amount', `a positive amount with at most ${decimals} decimals (${currency})`);
  return amount;
}

/** What a loan owes today for a settlement: its payoff quote without a prepayment fee (a settlement is no prepayment). */
export async function owedForSettlement(s: ServicingDeps, ctx: RequestContext, loan: LoanEntity, on: string): Promise<Dec> {
  const quote = await quotePayoff(s, ctx, loan.id, on);
  return new Dec(quote.total).minus(quote.prepaymentFee);
}

/**
 * Agrees that the loan closes for `amount` paid by `payBy`: refused when the loan is not active, when
 * it already has an open agreement, or when the amount is not below what it owes (that is a payoff:
 * settleLoan). Statements: the loan locked, the open agreement looked up, the payoff quote's reads,
 * then one staged statement: the agreement, the audit entry, the event.
 */
export async function agreeSettlement(s: ServicingDeps, ctx: RequestContext, input: SettlementInput): Promise<SettlementRow> {
  const loan = await s.books.lock(ctx, input.loanId);
  if (loan.status !== 'ACTIVE') throw conflict(`The loan is ${loan.status}`, { field: 'input.loanId' });
  const on = await today(s, ctx);
  const decimals = (loan.servicingTerms as ServicingTerms).decimals;
  const amount = checkSettlementTerms(input, on, decimals, loan.currency);
  const [open] = await (await ctx.db()).query("SELECT id FROM loan_settlements WHERE loan_id = $1 AND status = 'OPEN'", [loan.id]);
  if (open) throw conflict('The loan already has an open settlement', { field: 'input.loanId', settlementId: open.id });
  const owed = await owedForSettlement(s, ctx, loan, on);
  if (amount.gte(owed)) throw badInput('input.amount', `the loan owes ${owed.toFixed(decimals)} today; a settlement is for less (to pay it all, settleLoan)`, { owed: owed.toFixed(decimals) });
  const id = uuidv7();
  const plan = settlementPlan(amount.toFixed(decimals), decimals, on, input.payBy, input.instalments);
  const discount = owed.minus(amount);
  ctx.writes.add(
    `INSERT INTO loan_settlements (tenant_id, id, loan_id, case_id, amount, owed, discount, instalments, agreed_on, pay_by, status, created_by_type, created_by_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'OPEN', $11, $12)`,
    [ctx.tenant, id, loan.id, input.caseId ?? null, amount.toFixed(), owed.toFixed(), discount.toFixed(), JSON.stringify(plan), on, input.payBy, ctx.actor.type, ctx.actor.id],
  );
  await s.audit.record(ctx, { action: 'loan.settlementAgreed', entityType: 'Loan', entityId: loan.id, after: { settlementId: id, amount: amount.toFixed(decimals), owed: owed.toFixed(decimals), payBy: input.payBy, instalments: input.instalments } });
  recordLoanEvent(ctx, loan.id, 'SETTLEMENT_AGREED', on, { settlementId: id, caseId: input.caseId ?? null, amount: amount.toFixed(decimals), discount: discount.toFixed(decimals), payBy: input.payBy, currency: loan.currency });
  return (await settlementsOf(ctx, { ids: [id] }))[0];
}

/**
 * When money received meets the loan's open agreement (within its dates), the discount that closes
 * the loan: a SETTLEMENT_DISCOUNT of the rest of the payoff (without a prepayment fee) on the same
 * day, staged with the agreement marked PAID; null otherwise. `book` already holds the payment.
 */
export function dischargeSettlement(
  s: ServicingDeps, ctx: RequestContext, loan: LoanEntity, book: LoanBook, settlement: OpenSettlement | null, payment: TransactionRow, on: string, events: LoanEvents,
): TransactionRow | null {
  if (!settlement || (payment.kind !== 'REPAYMENT' && payment.kind !== 'SETTLEMENT')) return null;
  if (payment.effectiveDate < settlement.agreedOn || payment.effectiveDate > settlement.payBy) return null;
  if (new Dec(settlement.paid).plus(payment.amount).lt(settlement.amount)) return null;
  const decimals = (loan.servicingTerms as ServicingTerms).decimals;
  const quote = s.replays.quote(loan, book, payment.effectiveDate);
  const rest = new Dec(quote.total).minus(quote.prepaymentFee);
  let discount: TransactionRow | null = null;
  if (rest.gt(0)) {
    discount = {
      id: uuidv7(), loanId: loan.id, seq: loan.nextTxSeq, kind: 'SETTLEMENT_DISCOUNT', effectiveDate: payment.effectiveDate, amount: rest.toFixed(decimals), method: null,
      reference: `settlement:${settlement.id}`, note: 'Settlement agreement met: the rest is forgiven', status: 'POSTED', reversedAt: null, reversalReason: null, createdAt: new Date(),
    };
    ctx.writes.add(
      `INSERT INTO loan_transactions (tenant_id, id, loan_id, seq, kind, effective_date, amount, reference, note, created_by_type, created_by_id, created_at)
       VALUES ($1, $2, $3, $4, 'SETTLEMENT_DISCOUNT', $5, $6, $7, $8, $9, $10, $11)`,
      [ctx.tenant, discount.id, loan.id, discount.seq, discount.effectiveDate, discount.amount, discount.reference, discount.note, ctx.actor.type, ctx.actor.id, discount.createdAt],
    );
    loan.nextTxSeq += 1;
  }
  // The discount is what was forgiven in the end (penalties may have grown since the agreement).
  ctx.writes.add("UPDATE loan_settlements SET status = 'PAID', discount = $4, discount_transaction_id = $2, closed_on = $3 WHERE id = $1", [settlement.id, discount?.id ?? null, on, rest.gt(0) ? rest.toFixed() : '0']);
  events.add('SETTLEMENT_PAID', { settlementId: settlement.id, paid: new Dec(settlement.paid).plus(payment.amount).toFixed(decimals), discount: rest.toFixed(decimals), currency: loan.currency });
  return discount;
}

/**
 * A reversed payment that had met an agreement undoes it: its discount is reversed with it and the
 * agreement is open again (or BROKEN when its day is over). Staged before the replay that follows.
 */
export async function undoDischarge(ctx: RequestContext, loanId: string, reversed: { kind: string; effectiveDate: string }, on: string): Promise<void> {
  if (reversed.kind !== 'REPAYMENT' && reversed.kind !== 'SETTLEMENT') return;
  const [paid] = await (await ctx.db()).query(
    `SELECT s.id, s.discount_transaction_id AS "discountId", s.pay_by::text AS "payBy" FROM loan_settlements s
     WHERE s.loan_id = $1 AND s.status = 'PAID' AND $2::date BETWEEN s.agreed_on AND s.pay_by`, [loanId, reversed.effectiveDate]);
  if (!paid) return;
  if (paid.discountId) ctx.writes.add("UPDATE loan_transactions SET status = 'REVERSED', reversed_at = now(), reversal_reason = 'the payment that met its settlement was reversed' WHERE id = $1 AND status = 'POSTED'", [paid.discountId]);
  ctx.writes.add('UPDATE loan_settlements SET status = $2, discount_transaction_id = NULL, closed_on = $3 WHERE id = $1', [paid.id, paid.payBy < on ? 'BROKEN' : 'OPEN', paid.payBy < on ? on : null]);
}

/** Settlement agreements by id, loan or case, newest first, with what was paid towards each. */
export async function settlementsOf(ctx: RequestContext, by: { ids?: string[]; loanIds?: string[]; caseIds?: string[] }): Promise<SettlementRow[]> {
  const [column, values] = by.ids ? ['s.id', by.ids] : by.loanIds ? ['s.loan_id', by.loanIds] : ['s.case_id', by.caseIds ?? []];
  return (await ctx.db()).query(
    `SELECT s.id, s.loan_id AS "loanId", s.case_id AS "caseId", round(s.amount, l.money_decimals)::text AS amount, round(s.owed, l.money_decimals)::text AS owed,
            round(s.discount, l.money_decimals)::text AS discount, s.instalments AS plan, s.agreed_on::text AS "agreedOn", s.pay_by::text AS "payBy", s.status,
            round((SELECT coalesce(sum(t.amount), 0) FROM loan_transactions t WHERE t.tenant_id = s.tenant_id AND t.loan_id = s.loan_id
                    AND t.kind IN ('REPAYMENT', 'SETTLEMENT') AND t.status = 'POSTED' AND t.effective_date BETWEEN s.agreed_on AND s.pay_by), l.money_decimals)::text AS paid,
            s.discount_transaction_id AS "discountTransactionId", s.closed_on::text AS "closedOn", l.currency, s.created_at AS "createdAt"
     FROM loan_settlements s JOIN loans l ON l.tenant_id = s.tenant_id AND l.id = s.loan_id
     WHERE ${column} = ANY($1::uuid[]) ORDER BY s.id DESC`, [values]);
}
