import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType } from '../../../platform/graphql/connection';
import { DateScalar, DecimalScalar } from '../../../platform/graphql/scalars';

export enum LoanStatusEnum { ACTIVE = 'ACTIVE', CLOSED = 'CLOSED', WRITTEN_OFF = 'WRITTEN_OFF', RESTRUCTURED = 'RESTRUCTURED' }
registerEnumType(LoanStatusEnum, { name: 'LoanStatus' });
export enum LoanTransactionKindEnum { REPAYMENT = 'REPAYMENT', FEE_CHARGE = 'FEE_CHARGE', FEE_WAIVER = 'FEE_WAIVER', PENALTY_WAIVER = 'PENALTY_WAIVER', INTEREST_WAIVER = 'INTEREST_WAIVER', RECOVERY = 'RECOVERY', CREDIT_REFUND = 'CREDIT_REFUND', SETTLEMENT = 'SETTLEMENT', SETTLEMENT_DISCOUNT = 'SETTLEMENT_DISCOUNT' }
registerEnumType(LoanTransactionKindEnum, { name: 'LoanTransactionKind' });
export enum PaymentMethodEnum { CASH = 'CASH', BANK_TRANSFER = 'BANK_TRANSFER', MOBILE_MONEY = 'MOBILE_MONEY', CARD = 'CARD', DIRECT_DEBIT = 'DIRECT_DEBIT', OTHER = 'OTHER', STRIPE = 'STRIPE' }
registerEnumType(PaymentMethodEnum, { name: 'PaymentMethod' });
export enum WaiverKindEnum { FEE = 'FEE', PENALTY = 'PENALTY', INTEREST = 'INTEREST' }
registerEnumType(WaiverKindEnum, { name: 'WaiverKind' });

@InputType('RestructureLoanInput')
export class RestructureLoanInput {
  @Field(() => ID) loanId!: string;
  @Field(() => Int, { description: 'Instalments of the new schedule, from today.' }) termCount!: number;
  @Field(() => DecimalScalar, { nullable: true, description: 'New nominal annual rate; default the loan’s.' }) annualInterestRate?: string;
  @Field({ description: 'true: arrears join the principal (and earn interest); false: collected with the first new instalment.' }) capitaliseArrears!: boolean;
  @Field() reason!: string;
  @Field() idempotencyKey!: string;
}

@InputType('RecordRepaymentInput')
export class RecordRepaymentInput {
  @Field(() => ID) loanId!: string;
  @Field(() => DecimalScalar) amount!: string;
  @Field(() => DateScalar, { description: 'When the money was paid; may be in the past (the loan is replayed from there).' }) paidAt!: string;
  @Field(() => PaymentMethodEnum) method!: string;
  @Field(() => String, { nullable: true, description: 'The payment’s own reference (bank, mobile money).' }) reference?: string;
  @Field({ description: 'The same key twice records one repayment and gives the same answer.' }) idempotencyKey!: string;
}

@InputType('SettleLoanInput', { description: 'Pays the loan off at its payoff quote.' })
export class SettleLoanInput {
  @Field(() => ID) loanId!: string;
  @Field(() => DecimalScalar, { description: 'Exactly payoffQuote(loanId, asOf: paidAt).total; anything else is refused with CONFLICT and the current quote.' }) amount!: string;
  @Field(() => DateScalar, { description: 'When the money was paid; the quote is computed as of this date.' }) paidAt!: string;
  @Field(() => PaymentMethodEnum) method!: string;
  @Field(() => String, { nullable: true, description: 'The payment’s own reference (bank, mobile money).' }) reference?: string;
  @Field({ description: 'The same key twice settles once and gives the same answer.' }) idempotencyKey!: string;
}

@ObjectType('InstallmentAllocation')
export class InstallmentAllocationType {
  @Field(() => Int) number!: number;
  @Field(() => DecimalScalar) principal!: string;
  @Field(() => DecimalScalar) interest!: string;
  @Field(() => DecimalScalar) fees!: string;
  @Field(() => DecimalScalar) penalties!: string;
}

@ObjectType('Allocation', { description: 'Where a payment went, by bucket and instalment, as of the latest replay.' })
export class AllocationType {
  @Field(() => ID) transactionId!: string;
  @Field(() => DateScalar) effectiveDate!: string;
  @Field(() => DecimalScalar) principal!: string;
  @Field(() => DecimalScalar) interest!: string;
  @Field(() => DecimalScalar) fees!: string;
  @Field(() => DecimalScalar) penalties!: string;
  @Field(() => DecimalScalar, { description: 'Held as overpayment credit.' }) toCredit!: string;
  @Field(() => DecimalScalar) fromCredit!: string;
  @Field(() => [InstallmentAllocationType]) byInstallment!: InstallmentAllocationType[];
}

@ObjectType('RepaymentResult')
export class RepaymentResultType {
  @Field(() => ID) transactionId!: string;
  @Field(() => AllocationType, { nullable: true }) allocation!: AllocationType | null;
}

@ObjectType('LoanTransaction')
export class LoanTransactionType {
  @Field(() => ID) id!: string;
  @Field(() => Int) seq!: number;
  @Field(() => LoanTransactionKindEnum) kind!: string;
  @Field(() => DateScalar) effectiveDate!: string;
  @Field(() => DecimalScalar) amount!: string;
  @Field(() => String, { nullable: true }) method!: string | null;
  @Field(() => String, { nullable: true }) reference!: string | null;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field() status!: string;
  @Field(() => Date, { nullable: true }) reversedAt!: Date | null;
  @Field(() => String, { nullable: true }) reversalReason!: string | null;
  @Field() createdAt!: Date;
}
export const LoanTransactionConnection = ConnectionType(LoanTransactionType, 'LoanTransaction');

@ObjectType('LoanInstallment', { description: 'A schedule row with what is paid and unpaid of it.' })
export class LoanInstallmentType {
  @Field(() => Int) number!: number;
  @Field(() => DateScalar) dueDate!: string;
  @Field() status!: string;
  @Field(() => DecimalScalar) principalDue!: string;
  @Field(() => DecimalScalar) principalPaid!: string;
  @Field(() => DecimalScalar) interestDue!: string;
  @Field(() => DecimalScalar) interestPaid!: string;
  @Field(() => DecimalScalar) interestWaived!: string;
  @Field(() => DecimalScalar) feesDue!: string;
  @Field(() => DecimalScalar) feesPaid!: string;
  @Field(() => DecimalScalar) feesWaived!: string;
  @Field(() => DecimalScalar) penaltyDue!: string;
  @Field(() => DecimalScalar) penaltyPaid!: string;
  @Field(() => DecimalScalar) penaltyWaived!: string;
  @Field(() => DecimalScalar) unpaid!: string;
  @Field(() => DateScalar, { nullable: true }) paidOn!: string | null;
}

@ObjectType('LoanAmounts')
export class LoanAmountsType {
  @Field(() => DecimalScalar) principal!: string;
  @Field(() => DecimalScalar) interest!: string;
  @Field(() => DecimalScalar) fees!: string;
  @Field(() => DecimalScalar) penalties!: string;
  @Field(() => DecimalScalar) total!: string;
}

@ObjectType('LoanReceivables', { description: 'What the books should hold as receivable for the loan, from the replay: principal outstanding, interest recognised as income and not yet paid or waived, penalty charged and unpaid. Fees are income when paid, so they are no receivable.' })
export class LoanReceivablesType {
  @Field(() => DecimalScalar) principal!: string;
  @Field(() => DecimalScalar, { description: 'Negative when interest was paid ahead of its recognition (unearned interest).' }) interest!: string;
  @Field(() => DecimalScalar) penalties!: string;
  @Field(() => DecimalScalar) total!: string;
}

@ObjectType('LoanBalances', { description: 'From the replay of the schedule and transactions; `ledger` is the loan’s accounts in the journal.' })
export class LoanBalancesType {
  @Field(() => LoanAmountsType, { description: 'Everything unpaid, due now or later (scheduled interest of periods not yet run included).' }) outstanding!: LoanAmountsType;
  @Field(() => LoanReceivablesType, { description: 'The part of it the ledger holds: ledger LOAN_PRINCIPAL, INTEREST_RECEIVABLE and PENALTY_RECEIVABLE equal these once the nightly run is current.' })
  receivable!: LoanReceivablesType;
  @Field(() => LoanAmountsType) overdue!: LoanAmountsType;
  @Field(() => DecimalScalar, { description: 'Overpayment held for the borrower.' }) credit!: string;
  @Field(() => GraphQLJSON, { description: 'Balance (debit minus credit) per ledger account of this loan.' }) ledger!: unknown;
}

@ObjectType('JournalEntry')
export class JournalEntryType {
  @Field(() => ID) id!: string;
  @Field() kind!: string;
  @Field(() => DateScalar) businessDate!: string;
  @Field() postedAt!: Date;
  @Field(() => String, { nullable: true }) reference!: string | null;
  @Field(() => GraphQLJSON, { description: 'account, debit, credit per line.' }) lines!: unknown;
}
export const JournalEntryConnection = ConnectionType(JournalEntryType, 'JournalEntry');

@ObjectType('LoanEvent')
export class LoanEventType {
  @Field(() => ID) id!: string;
  @Field() kind!: string;
  @Field(() => DateScalar) businessDate!: string;
  @Field(() => GraphQLJSON) data!: unknown;
  @Field() createdAt!: Date;
}

@ObjectType('LoanProductRef')
export class LoanProductRefType {
  @Field(() => ID) id!: string;
  @Field() code!: string;
  @Field() name!: string;
  @Field(() => Int) version!: number;
}

@ObjectType('Loan')
export class LoanType {
  @Field(() => ID) id!: string;
  @Field(() => ID) applicationId!: string;
  @Field(() => ID) borrowerId!: string;
  @Field(() => ID) productId!: string;
  @Field(() => Int) productVersion!: number;
  @Field() currency!: string;
  @Field(() => DecimalScalar) principal!: string;
  @Field(() => DecimalScalar) netDisbursed!: string;
  @Field(() => DecimalScalar) annualRate!: string;
  @Field(() => DecimalScalar) apr!: string;
  @Field(() => LoanStatusEnum) status!: string;
  @Field() disbursedAt!: Date;
  @Field(() => Int, { description: 'Days past due of the oldest unpaid instalment.' }) dpd!: number;
  @Field() bucket!: string;
  @Field(() => DateScalar, { nullable: true }) nextDueDate!: string | null;
  @Field(() => String, { nullable: true }) agentId!: string | null;
  @Field(() => ID, { nullable: true, description: 'The loan this one restructured.' }) restructuredFrom!: string | null;
  @Field(() => ID, { nullable: true, description: 'The loan that replaced this one on restructuring.' }) restructuredInto!: string | null;
}
export const LoanConnection = ConnectionType(LoanType, 'Loan');

@ObjectType('PayoffQuote', { description: 'What settles the loan on a date: interest only to that date, unearned interest waived.' })
export class PayoffQuoteType {
  @Field(() => DateScalar) asOf!: string;
  @Field(() => DecimalScalar) principal!: string;
  @Field(() => DecimalScalar) interest!: string;
  @Field(() => DecimalScalar) fees!: string;
  @Field(() => DecimalScalar) penalties!: string;
  @Field(() => DecimalScalar) prepaymentFee!: string;
  @Field(() => DecimalScalar) credit!: string;
  @Field(() => DecimalScalar, { description: 'What settleLoan must pay on asOf: principal + interest + fees + penalties + prepaymentFee - credit.' }) total!: string;
  @Field(() => DecimalScalar, { description: 'The part of interest earned to the day in the current period (on the principal actually outstanding).' }) accruedInterest!: string;
}

@ObjectType('TrialBalanceLine')
export class TrialBalanceLineType {
  @Field() account!: string;
  @Field() name!: string;
  @Field() type!: string;
  @Field(() => DecimalScalar) debit!: string;
  @Field(() => DecimalScalar) credit!: string;
  @Field(() => DecimalScalar, { description: 'Debit minus credit.' }) balance!: string;
}

@ObjectType('TrialBalance')
export class TrialBalanceType {
  @Field(() => DateScalar) asOf!: string;
  @Field(() => [TrialBalanceLineType]) lines!: TrialBalanceLineType[];
  @Field(() => DecimalScalar) totalDebit!: string;
  @Field(() => DecimalScalar) totalCredit!: string;
  @Field({ description: 'Debits equal credits.' }) balanced!: boolean;
}

@ObjectType('StatementLine', { description: 'One change of the balance in a statement period; opening + the lines’ changes = closing.' })
export class StatementLineType {
  @Field(() => DateScalar) date!: string;
  @Field({ description: 'DISBURSEMENT, REPAYMENT, SETTLEMENT, SETTLEMENT_DISCOUNT (what a met settlement agreement forgave), PREPAYMENT_FEE, CREDIT_APPLIED, FEE_CHARGE, LATE_FEE, PENALTY_ACCRUED, FEE_WAIVER, PENALTY_WAIVER, INTEREST_WAIVER, CREDIT_REFUND, RESCHEDULED (interest and fees an advance payment removed or repriced), or a reversed transaction’s kind.' })
  kind!: string;
  @Field(() => DecimalScalar) amount!: string;
  @Field(() => ID, { nullable: true }) transactionId!: string | null;
  @Field(() => AllocationType, { nullable: true }) allocation!: AllocationType | null;
  @Field({ description: 'POSTED, or REVERSED: shown for the record, it changes nothing.' }) status!: string;
  @Field(() => LoanAmountsType, { description: 'What the line changed in the balance, by bucket (negative: it went down).' }) change!: LoanAmountsType;
}

@ObjectType('LoanStatement', { description: 'A period of the loan as the borrower sees it: opening and closing balances and what happened between.' })
export class LoanStatementType {
  @Field(() => ID) loanId!: string;
  @Field(() => DateScalar) from!: string;
  @Field(() => DateScalar) to!: string;
  @Field(() => LoanAmountsType) opening!: LoanAmountsType;
  @Field(() => LoanAmountsType) closing!: LoanAmountsType;
  @Field(() => DecimalScalar, { description: 'Overpayment held for the borrower at the start of the period.' }) creditAtOpen!: string;
  @Field(() => DecimalScalar) creditAtClose!: string;
  @Field(() => [StatementLineType]) lines!: StatementLineType[];
  @Field(() => [LoanInstallmentType], { description: 'Instalments falling due in the period.' }) due!: LoanInstallmentType[];
}

@ObjectType('BureauRefresh', { description: 'A fresh bureau pull compared with the one taken at application.' })
export class BureauRefreshType {
  @Field(() => ID) borrowerId!: string;
  @Field(() => Int) worstDelinquencyDays!: number;
  @Field(() => Int) openLoans!: number;
  @Field(() => Int, { nullable: true }) previousWorstDelinquencyDays!: number | null;
  @Field(() => Int, { nullable: true }) previousOpenLoans!: number | null;
  @Field(() => [String], { description: 'NEW_BUREAU_DELINQUENCY, NEW_MULTI_LENDING.' }) signals!: string[];
  @Field(() => Int, { description: 'Active loans that got an early-warning event.' }) loansWarned!: number;
}
